/** A finding: one thing a finance officer should look at, at the cell they would look at. */

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  /** Stable rule id, e.g. "funding.sum", "totals.column", "figures.unreadable", "risk.score". */
  rule: string;
  severity: Severity;
  sheet: string;
  /** A1 address of the cell to look at. */
  cell: string;
  /** Plain English, with the figures. */
  message: string;
  expected?: number | string;
  actual?: number | string;
  difference?: number;
  /** Other cells that take part (A1, same sheet unless "Sheet!A1"). */
  related?: string[];
  /** Range of the table the finding belongs to ("Sheet!B3:L40"), for grouping. */
  table?: string;
  /**
   * Rules whose findings were folded into this one because they share its cause (a total wrong
   * because of the line this finding is at; the same fault at the same cell).
   */
  also?: string[];
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Errors first, then warnings, then notes; within a level the most money at stake first (the size of
 * the difference, in the table's units), then by sheet and cell.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  const stake = (f: Finding) => (typeof f.difference === 'number' ? Math.abs(f.difference) : -1);
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      stake(b) - stake(a) ||
      a.sheet.localeCompare(b.sheet) ||
      compareA1(a.cell, b.cell),
  );
}

function compareA1(a: string, b: string): number {
  const ma = /^([A-Z]+)(\d+)$/.exec(a);
  const mb = /^([A-Z]+)(\d+)$/.exec(b);
  if (!ma || !mb) return a.localeCompare(b);
  return Number(ma[2]) - Number(mb[2]) || ma[1].length - mb[1].length || ma[1].localeCompare(mb[1]);
}

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
