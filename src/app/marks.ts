/** The marks PlanCheck puts on the sheet for findings: one colour a cell, the most severe finding's. */
import { sortFindings, type Finding } from '../engine/findings';
import type { Mark } from '../engine/port';
import { SEVERITY_COLORS } from '../engine/report';

export function marksFor(findings: Finding[]): Mark[] {
  const byCell = new Map<string, Mark>();
  for (const f of sortFindings(findings)) {
    const key = `${f.sheet}!${f.cell}`;
    if (!byCell.has(key)) byCell.set(key, { sheet: f.sheet, cell: f.cell, color: SEVERITY_COLORS[f.severity] });
  }
  return [...byCell.values()];
}
