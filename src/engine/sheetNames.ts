import type { WorkbookSnapshot } from './grid';

/** "Validation report", or "Validation report (2)" when that sheet exists already. Excel's 31-character limit kept. */
export function uniqueSheetName(wb: Pick<WorkbookSnapshot, 'sheets'>, base: string): string {
  const taken = new Set(wb.sheets.map((s) => s.name.toLowerCase()));
  const clean = base.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  if (!taken.has(clean.toLowerCase())) return clean;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = clean.slice(0, 31 - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** True for text Excel reads as a cell: A1 style up to XFD1048576, or R1C1 style (R, C, R2, C3, R2C3). */
function readsAsCell(name: string): boolean {
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (a1) {
    const col = [...a1[1].toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const row = Number(a1[2]);
    if (col <= 16384 && row >= 1 && row <= 1048576) return true;
  }
  return /^[Rr]\d*([Cc]\d*)?$/.test(name) || /^[Cc]\d*$/.test(name);
}

/**
 * Whether Excel takes this as the name of a table or a defined name: a letter, "_" or "\" first,
 * then letters, digits, "_", "." or "\", at most 255 characters, and not something Excel would
 * read as a cell (Q1, FY24, R1C1).
 */
export function isExcelName(name: string): boolean {
  return /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) && name.length <= 255 && !readsAsCell(name);
}

/** "PlanCheckFindings", or "PlanCheckFindings2" when a table or defined name has it (names compare without case). */
export function uniqueName(taken: Iterable<string>, base: string): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}${n}`.toLowerCase())) return `${base}${n}`;
}
