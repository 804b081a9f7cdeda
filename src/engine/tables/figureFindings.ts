/**
 * The reader's own findings: cells in figure columns that are not figures (unreadable figures,
 * words where a figure belongs), and error values.
 *
 * Every cell of a table is looked at, so the loop asks the least of each: a number or an empty
 * cell is passed over at once, and a cell's address and description are made only for a finding.
 */
import type { Finding } from '../findings';
import type { SheetView } from '../grid';
import { a1 } from '../grid';
import type { FigureAt } from './cells';
import { isCode, isFlagValue, isNoFigure } from './columns';
import type { FoundTable, TableColumn } from './types';

/** A header without its repeated first part, for messages: "2010/11" rather than "Budget Funding / 2010/11". */
export function shortHeader(header: string): string {
  const parts = header.split(' / ');
  return parts[parts.length - 1];
}

/** The reader's own findings: cells in figure columns that are not figures, and error values. */
export function figureFindings(
  t: FoundTable,
  view: SheetView,
  figure: FigureAt,
  isFigureRole: (c: TableColumn) => boolean,
): Finding[] {
  const out: Finding[] = [];
  const figureCols = t.columns.filter(isFigureRole);
  const isNumber = (r: number, c: number) => typeof view.value(r, c) === 'number';
  let lineRows = 0;
  for (let ri = 0; ri < t.rows.length; ri++) {
    const r = t.rows[ri];
    if (r.role === 'line' || r.role === 'source') lineRows++;
  }
  // Numbers on the lines of each figure column, counted only when a finding may need them.
  let numbersIn: Map<TableColumn, number> | null = null;
  const numbersOn = (col: TableColumn): number => {
    if (!numbersIn) {
      numbersIn = new Map();
      for (const c of figureCols) {
        let n = 0;
        for (let ri = 0; ri < t.rows.length; ri++) {
          const r = t.rows[ri];
          if ((r.role === 'line' || r.role === 'source') && isNumber(r.row, c.col)) n++;
        }
        numbersIn.set(c, n);
      }
    }
    return numbersIn.get(col) ?? 0;
  };
  /**
   * Words stand where a figure is missing only on a row of figures (another figure column of the row
   * holds a number) in a column of figures (numbers on most of its lines). A heading, status, unit or
   * code row inside a table ("outturn", "£'000", "A02CY01") has no figures beside its words.
   */
  const figureIsMissing = (r: number, col: TableColumn) =>
    figureCols.some((c) => c !== col && isNumber(r, c.col)) &&
    numbersOn(col) * 2 >= lineRows &&
    !isCode(String(view.value(r, col.col)));
  const where = (row: FoundTable['rows'][number], col: TableColumn, cell: string) =>
    row.label ? `${row.label}${col.header ? `, ${shortHeader(col.header)}` : ''}` : shortHeader(col.header) || cell;
  for (let ri = 0; ri < t.rows.length; ri++) {
    const row = t.rows[ri];
    if (row.role === 'blank' || row.role === 'section') continue;
    // Only figure columns give findings (in the table's order of columns).
    for (let ci = 0; ci < figureCols.length; ci++) {
      const col = figureCols[ci];
      const raw = view.value(row.row, col.col);
      // Numbers and empty cells are figures, or nothing: no finding.
      if (raw === null || typeof raw === 'number') continue;
      const f = figure(t.sheet, row.row, col.col);
      if (f.kind === 'number' || f.kind === 'blank' || f.kind === 'nil') continue;
      if (f.kind === 'error') {
        const cell = a1(row.row, col.col);
        out.push({
          rule: 'figures.error-value',
          severity: 'error',
          sheet: t.sheet,
          cell,
          message: `${cell} (${where(row, col, cell)}) shows the error ${f.error}; whatever it should hold is missing from every total that counts it`,
          actual: f.error,
          table: t.id,
        });
      } else if (f.kind === 'bad') {
        const cell = a1(row.row, col.col);
        const text = String(raw);
        out.push({
          rule: 'figures.unreadable',
          severity: 'error',
          sheet: t.sheet,
          cell,
          message: `${cell} (${where(row, col, cell)}) holds "${text}", which looks like a figure but cannot be read as one; PlanCheck left it out of the sums`,
          actual: text,
          table: t.id,
        });
      } else if (f.kind === 'text' && row.role !== 'source' && col.role !== 'own' && typeof raw === 'string') {
        if (raw.length <= 40 && !isFlagValue(raw) && !isNoFigure(raw) && figureIsMissing(row.row, col)) {
          const cell = a1(row.row, col.col);
          out.push({
            rule: 'figures.not-a-figure',
            severity: 'warning',
            sheet: t.sheet,
            cell,
            message: `${cell} (${where(row, col, cell)}) holds the words "${raw}" where a figure belongs; PlanCheck counted it as nothing`,
            actual: raw,
            table: t.id,
          });
        }
      }
    }
  }
  return out;
}
