/**
 * The pane's own memory of what the user chose (the "Show in the workbook" switch): the browser's
 * localStorage, which the Office web view keeps per add-in, so choosing writes nothing into the
 * workbook. Where storage is blocked (private windows, locked-down machines), memory for the session.
 */
import { memoryPreferences, type Preferences } from '../app/controller';

export function paneStorage(): Preferences {
  try {
    const store = window.localStorage;
    store.getItem('plancheck.probe');
    return {
      get: (k) => {
        try {
          return store.getItem(k);
        } catch {
          return null;
        }
      },
      set: (k, v) => {
        try {
          store.setItem(k, v);
        } catch {
          // Storage full or blocked: the switch still works for this session.
        }
      },
    };
  } catch {
    return memoryPreferences();
  }
}
