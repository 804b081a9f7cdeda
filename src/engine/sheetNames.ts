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
