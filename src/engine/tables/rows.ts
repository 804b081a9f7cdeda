/**
 * Row roles: each row of a table's body as a line, a funding source's row, a total or subtotal, a
 * memo (an "of which", a ratio, an average by formula), a section heading or a blank; then the
 * groups its totals add up (groups.ts).
 */
import type { SheetView } from '../grid';
import { columnIndex } from '../grid';
import { aggregation } from '../formulaText';
import { cellText, type FigureAt } from './cells';
import { CARRIED_FORWARD_LABEL, SUBTOTAL_LABEL, TOTAL_LABEL } from './columns';
import { groupsAbove, totalsOfGroups, typedGroupsAbove } from './groups';
import type { TableColumn, TableRow } from './types';
import { FIGURE_ROLES } from './types';

/**
 * Rows whose figures are never added to a total: "of which" breakdowns, memo rows, averages and
 * counts.
 */
const MEMO_LABEL =
  /^\s*[-–(]?\s*(of which|memo|memorandum|note|nb|for information|average|mean|median|count|minimum|maximum)\b/i;

/** Rows of ratios and rates (a benefit ratio, a discount factor, a percentage): never added up. */
// A label about a percentage ("% of budget", "Variance %", "Inflation (%)"), not one that mentions
// a rate in passing ("Efficiency savings (2%)"), which is a line like any other.
const RATIO_LABEL = /\b(ratio|per ?cent|percentage|discount factor|growth rate|rate of return)\b|^\s*%|%\s*$|\(%\)/i;

/** True for a row of ratios or rates, whose figures are never added up, across or down. */
export function isRatioLabel(label: string): boolean {
  return RATIO_LABEL.test(label);
}

/** The roles of the rows from firstData to bottom, with the groups their totals add up. */
export function readRows(
  view: SheetView,
  figure: FigureAt,
  hidden: ReadonlySet<number>,
  columns: TableColumn[],
  firstData: number,
  bottom: number,
): TableRow[] {
  const labelCols = columns.filter((c) => c.role === 'label' || c.role === 'text');
  const label = columns.find((c) => c.role === 'label');
  const ref = columns.find((c) => c.role === 'ref');
  const source = columns.find((c) => c.role === 'source');
  const figures = columns.filter((c) => FIGURE_ROLES.has(c.role) && c.role !== 'total');
  const rows: TableRow[] = [];
  let lastLine: number | undefined;
  for (let r = firstData; r <= bottom; r++) {
    let occupied = false;
    for (let ci = 0; ci < columns.length; ci++) {
      const c = columns[ci];
      if (!view.isEmpty(r, c.col)) {
        occupied = true;
        break;
      }
    }
    const row: TableRow = { row: r, role: 'line', label: '' };
    if (hidden.has(r)) row.hidden = true;
    if (!occupied) {
      row.role = 'blank';
      rows.push(row);
      continue;
    }
    const labelText = label
      ? cellText(view, r, label.col)
      : (labelCols.map((c) => cellText(view, r, c.col)).find((t) => t) ?? '');
    const refText = ref ? cellText(view, r, ref.col) : '';
    row.label = labelText || refText;
    if (refText) row.ref = refText;
    let hasFigure = false;
    for (let ci = 0; ci < figures.length; ci++) {
      const c = figures[ci];
      const v = view.value(r, c.col);
      if (v === null) continue;
      if (typeof v === 'number') hasFigure = true;
      else {
        const f = figure(view.name, r, c.col);
        hasFigure = f.kind !== 'blank' && f.kind !== 'text';
      }
      if (hasFigure) break;
    }
    const sourceText = source ? cellText(view, r, source.col) : '';
    if (source && !labelText && !refText && TOTAL_LABEL.test(sourceText)) {
      // "Total Mainstream Funding Required": a total of one source's rows.
      row.role = 'total';
      row.label = sourceText;
    } else if (source && !labelText && !refText && sourceText && lastLine !== undefined) {
      row.role = 'source';
      row.label = sourceText;
      row.lineRow = lastLine;
    } else if (MEMO_LABEL.test(row.label) || RATIO_LABEL.test(row.label) || notASum(view, r, figures))
      row.role = 'memo';
    else if (SUBTOTAL_LABEL.test(row.label)) row.role = 'subtotal';
    else if (
      TOTAL_LABEL.test(row.label) ||
      CARRIED_FORWARD_LABEL.test(row.label) ||
      (!row.label && sumsAbove(view, r, figures, firstData))
    ) {
      row.role = 'total';
      if (!row.label) row.label = 'Total';
    } else if (!hasFigure && figures.length > 0 && row.label && isSection(view, r, columns)) row.role = 'section';
    else {
      row.role = 'line';
      lastLine = r;
    }
    rows.push(row);
  }
  const cells = {
    formula: (r: number, c: number) => view.formula(r, c),
    num: (r: number, c: number) => figure(view.name, r, c).value,
    formulaCount: (r: number) => figures.filter((c) => view.formula(r, c.col)).length,
  };
  groupsAbove(rows, figures, cells);
  typedGroupsAbove(rows, figures, cells);
  totalsOfGroups(rows, figures, cells);
  return rows;
}

/** A row whose figures are averages, counts, minima or maxima (by formula): not a line, not a total. */
function notASum(view: SheetView, r: number, figures: TableColumn[]): boolean {
  let other = 0;
  let formulas = 0;
  for (let ci = 0; ci < figures.length; ci++) {
    const c = figures[ci];
    const f = view.formula(r, c.col);
    if (!f) continue;
    formulas++;
    if (aggregation(f) === 'other') other++;
  }
  return formulas > 0 && other === formulas;
}

/** A row with a label and nothing else, like "Funded by :". */
function isSection(view: SheetView, r: number, columns: TableColumn[]): boolean {
  const filled = columns.filter((c) => !view.isEmpty(r, c.col));
  return filled.length === 1 || /:\s*$/.test(cellText(view, r, filled[0].col));
}

/** A row without a label whose figures are SUMs of the rows above it. */
function sumsAbove(view: SheetView, r: number, figures: TableColumn[], firstData: number): boolean {
  let sums = 0;
  for (let ci = 0; ci < figures.length; ci++) {
    const c = figures[ci];
    const f = view.formula(r, c.col);
    if (!f) continue;
    const m = /^=\s*SUM\(\s*\$?([A-Z]{1,3})\$?(\d+)\s*:\s*\$?([A-Z]{1,3})\$?(\d+)\s*\)\s*$/i.exec(f);
    if (m && columnIndex(m[1]) === c.col && Number(m[4]) - 1 < r && Number(m[2]) - 1 >= firstData - 1) sums++;
  }
  return sums > 0 && sums >= figures.length / 2;
}
