/**
 * Findings that follow the user's typing: what a check after an edit says was fixed, and how long
 * the pane waits after the last change before it checks again. Pure; the controller and the pane's
 * hook (taskpane/useLiveCheck.ts) use it.
 */
import type { Finding } from '../engine/findings';

/** Quiet time after the last change Excel reports before checking again (typing a figure, then Enter). */
export const LIVE_PAUSE_MS = 400;

/**
 * Past this many cells, checking as the user types starts paused: the checks run on the whole
 * workbook after each edit (reading only what changed), and bench/live.ts measured 0.29 s from a
 * changed cell to updated findings on a 100,000-row x 12-column plan (1.2 million cells, about 0.24
 * microseconds a cell; 0.83 s before the engine's speed-up of issue 26, on the same machine). A
 * second's worth would be about 4 million cells; half that leaves room for handing the workbook to
 * the engine's worker (not in that figure) and for a machine twice as slow as the one measured. The
 * user can turn it on, or press Validate.
 */
export const LIVE_MAX_CELLS = 2_000_000;

/** What identifies a finding across checks: its rule at its cell (the figures in it may change). */
export function findingKey(f: Pick<Finding, 'rule' | 'sheet' | 'cell'>): string {
  return `${f.rule}\u0000${f.sheet}\u0000${f.cell}`;
}

/** The findings of the earlier check that the later one no longer raises: what the edit fixed. */
export function fixedSince(before: readonly Finding[], after: readonly Finding[]): Finding[] {
  const now = new Set(after.map(findingKey));
  return before.filter((f) => !now.has(findingKey(f)));
}

/** The findings the later check raises that the earlier one did not: what the edit broke. */
export function newSince(before: readonly Finding[], after: readonly Finding[]): Finding[] {
  const then = new Set(before.map(findingKey));
  return after.filter((f) => !then.has(findingKey(f)));
}

/** The line the pane shows for what an edit fixed: "Fixed: Financial plan!F12 (funding adds up now)". */
export function fixedLine(fixed: readonly Finding[]): string | null {
  if (fixed.length === 0) return null;
  const cells = fixed.slice(0, 3).map((f) => `${f.sheet}!${f.cell}`);
  const more = fixed.length > 3 ? ` and ${fixed.length - 3} more` : '';
  return `Fixed since your change: ${cells.join(', ')}${more}.`;
}
