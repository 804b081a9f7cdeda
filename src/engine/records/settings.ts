/**
 * Settings kept with a workbook, as JSON: one policy on both hosts for a record that cannot be read
 * (edited by hand, cut short by another tool). The workbook is never refused for it: PlanCheck works
 * with its defaults and says so once, and saving the settings from the pane replaces the record.
 */
import type { Settings } from '../settings';

/** What both hosts say when the settings kept with a workbook cannot be read. */
export const DAMAGED_SETTINGS_NOTE =
  "PlanCheck's settings kept with this workbook are damaged, so it is using its defaults. Save the settings from the pane to replace them.";

export interface DecodedSettings {
  settings: Settings;
  /** A record was there but could not be read (not JSON, or not an object). */
  damaged: boolean;
}

export function encodeSettings(settings: Settings): string {
  return JSON.stringify(settings);
}

/**
 * The settings in one or more stored texts (the settings sheet, then the document's own settings),
 * later ones over earlier ones; empty texts are no settings.
 */
export function decodeSettings(...texts: string[]): DecodedSettings {
  let settings: Settings = {};
  let damaged = false;
  for (const text of texts) {
    if (!text || !text.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      damaged = true;
      continue;
    }
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      settings = { ...settings, ...(parsed as Settings) };
    else damaged = true;
  }
  return { settings, damaged };
}
