/**
 * The Validate tab's count of errors and warnings, kept up to date as checks (live ones included)
 * come back, so the tab says how much is open even from another tab. A tiny store, read with
 * useSyncExternalStore.
 */
import { useSyncExternalStore } from 'react';

let open: number | null = null;
const listeners = new Set<() => void>();

/** The errors and warnings of the latest check (null: no check yet). */
export function setOpenFindings(n: number | null): void {
  if (n === open) return;
  open = n;
  listeners.forEach((l) => l());
}

export function useOpenFindings(): number | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => open,
  );
}
