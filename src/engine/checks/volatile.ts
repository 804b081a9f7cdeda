/**
 * Volatile functions among a table's figures (issue 23). RAND and RANDBETWEEN give a new figure at
 * every recalculation; NOW and TODAY change by the day; OFFSET and INDIRECT reach cells by text or
 * position, so a row inserted above moves what they read without a word. A published or agreed table
 * whose figures come from them cannot be reproduced, and its totals stop adding up when Excel
 * recalculates. Said once per table, at the first such cell, naming every row.
 */
import { FIGURE_ROLES } from '../tables';
import type { CheckContext } from './context';

const VOLATILE = /(?<![A-Za-z0-9_.])(RANDBETWEEN|RANDARRAY|RAND|NOW|TODAY|OFFSET|INDIRECT)\s*\(/i;

export function checkVolatile(ctx: CheckContext): void {
  const t = ctx.table;
  const cols = t.columns.filter((c) => FIGURE_ROLES.has(c.role));
  const rows: { row: number; label: string; cells: string[]; fn: string; formula: string }[] = [];
  let judged = 0;
  for (let ri = 0; ri < t.rows.length; ri++) {
    const r = t.rows[ri];
    if (r.role === 'blank' || r.role === 'section') continue;
    let found: (typeof rows)[number] | null = null;
    for (let ci = 0; ci < cols.length; ci++) {
      const c = cols[ci];
      const formula = ctx.formula(r.row, c.col);
      if (!formula) continue;
      judged++;
      const m = VOLATILE.exec(formula);
      if (!m) continue;
      if (!found) found = { row: r.row, label: r.label, cells: [], fn: m[1].toUpperCase(), formula };
      found.cells.push(ctx.cell(r.row, c.col));
    }
    if (found) rows.push(found);
  }
  ctx.count('formulas.volatile', judged);
  if (rows.length === 0) return;
  const first = rows[0];
  const fns = [...new Set(rows.map((r) => r.fn))];
  const random = fns.some((f) => f.startsWith('RAND'));
  const where = rows
    .map(
      (r) =>
        `row ${r.row + 1}${r.label ? ` (${r.label})` : ''}${r.cells.length > 1 ? `, ${r.cells.length} cells` : ''}`,
    )
    .join('; ');
  ctx.add({
    rule: 'formulas.volatile',
    severity: 'warning',
    cell: first.cells[0],
    message:
      `${first.cells[0]} holds ${first.formula}, and the table's figures come from ${fns.join(' and ')} in ${where}: ` +
      (random
        ? 'a new figure at every recalculation, so the table cannot be reproduced and its totals stop adding up'
        : 'figures that change with the date or move when rows are inserted, so the table cannot be reproduced'),
    actual: first.formula,
    related: rows.flatMap((r) => r.cells).filter((c) => c !== first.cells[0]),
  });
}
