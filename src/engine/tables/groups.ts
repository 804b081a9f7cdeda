/**
 * Groups within a table, as the workbook shows them: group totals above their lines (by their
 * formulas), and totals of groups labelled like totals ("Total older people" ... "Total") whose
 * grand total shows, by its figures, that they are subtotals. Labels propose; formulas and figures
 * decide.
 */
import { totalCoverage } from '../formulaText';
import type { TableColumn, TableRow } from './types';

/** What the grouping reads from the sheet: formulas and parsed figures by absolute cell. */
export interface GroupCells {
  formula(row: number, col: number): string | null;
  num(row: number, col: number): number | null;
  /** How many of the row's figure cells hold formulas. */
  formulaCount(row: number): number;
}

/**
 * Group totals above their lines: a group's heading row that holds the group's total, as its
 * formulas say (=SUBTOTAL(9,B4:B7) on row 3, in most of its figure cells). Such a row is a subtotal
 * covering the rows its formulas take in, together (so one cell whose formula stops a row early
 * is judged against its group). Typed group totals are left to the formula rules (a SUM over them
 * covers their block where the figures add up): judged by figures alone they found structure in
 * real forms that was not there.
 */
export function groupsAbove(rows: TableRow[], figures: TableColumn[], cells: GroupCells): void {
  if (figures.length === 0) return;
  const blocks: TableRow[][] = [];
  let current: TableRow[] = [];
  for (let ri = 0; ri < rows.length; ri++) {
    const r = rows[ri];
    if (r.role === 'line') current.push(r);
    else {
      if (current.length > 0) blocks.push(current);
      current = [];
    }
  }
  if (current.length > 0) blocks.push(current);
  // By formula: most figure cells of the row total a run of rows starting right below it.
  for (let bi = 0; bi < blocks.length; bi++) {
    const block = blocks[bi];
    for (let i = 0; i < block.length - 1; i++) {
      const r = block[i].row;
      const covered = new Set<number>();
      let says = 0;
      let formulas = 0;
      for (let ci = 0; ci < figures.length; ci++) {
        const c = figures[ci];
        const f = cells.formula(r, c.col);
        if (!f) continue;
        formulas++;
        const cov = totalCoverage(f, 'column', c.col);
        if (!cov || !cov.covered.has(r + 1) || [...cov.covered].some((x) => x <= r)) continue;
        says++;
        for (const x of cov.covered) covered.add(x);
      }
      if (formulas > 0 && says * 2 > formulas) {
        block[i].role = 'subtotal';
        block[i].covers = [...covered].sort((a, b) => a - b);
        i += covered.size; // the covered rows are its lines
      }
    }
  }
}

/**
 * Totals of groups: where three or more rows are labelled as totals, each but the last after lines
 * of its own, and the last equals, in most columns, either all the lines above it or the totals
 * before it added up, the earlier ones are the groups' subtotals and the last is the grand total.
 * Without that proof (a "Total expenditure", income lines and a "Total income") they stay separate
 * totals, each of its own lines.
 */
export function totalsOfGroups(rows: TableRow[], figures: TableColumn[], cells: GroupCells): void {
  if (figures.length === 0) return;
  const totals = rows.filter((r) => r.role === 'total');
  if (totals.length < 2) return;
  const grand = totals[totals.length - 1];
  // The earlier totals that close a run of lines of their own.
  const groups: TableRow[] = [];
  let linesSince = 0;
  for (let ri = 0; ri < rows.length; ri++) {
    const r = rows[ri];
    if (r === grand) break;
    if (r.role === 'line') linesSince++;
    else if (r.role === 'total') {
      if (linesSince === 0) return; // a total of totals before the last: a shape not read here
      groups.push(r);
      linesSince = 0;
    }
  }
  // One total before the last proves nothing (spend, then funding lines and a funding total equal
  // to it, is two blocks that balance, not a group and its grand total).
  if (groups.length < 2) return;
  // Lines after the last group's total belong to no group: then only all the lines can be the sum.
  const trailing = linesSince > 0;
  const lines = rows.filter((r) => r.role === 'line' && r.row < grand.row);
  let agree = 0;
  let judged = 0;
  for (const c of figures) {
    const stated = cells.num(grand.row, c.col);
    if (stated === null) continue;
    const ofLines = total(cells, lines, c.col);
    const ofGroups = total(cells, groups, c.col);
    if (stated === 0 && ofLines === 0) continue; // zeros prove nothing
    judged++;
    if (near(stated, ofLines) || (!trailing && near(stated, ofGroups))) agree++;
  }
  if (judged === 0 || agree * 2 <= judged) return;
  for (const g of groups) g.role = 'subtotal';
}

/**
 * Equal, give or take the rounding of printed figures: half of one per cent, or half a unit of the
 * last printed digit for each of the n figures added.
 */
function near(a: number, b: number, n = 1): boolean {
  const unit = Math.max(lastDigit(a), lastDigit(b));
  return Math.abs(a - b) <= Math.max(1e-6, 0.005 * Math.max(Math.abs(a), Math.abs(b)), (unit / 2) * (n + 1));
}

/** The value of a figure's last printed digit: 0.1 for 40.7, 1 for 4,070. */
function lastDigit(v: number): number {
  const text = String(Math.abs(v));
  const dot = text.indexOf('.');
  return dot < 0 ? 1 : Math.pow(10, -Math.min(3, text.length - dot - 1));
}

/**
 * Typed group totals above their lines: blocks of lines a blank row apart, each block's first row
 * equal (in most columns) to the rows under it, under one total. They are read as the groups'
 * totals only where that reading makes the total add up in more columns than reading every row as
 * a line does: the arithmetic of the whole table decides, not the look of one block (a form whose
 * first line happens to equal the rest stays as it is).
 */
export function typedGroupsAbove(rows: TableRow[], figures: TableColumn[], cells: GroupCells): void {
  if (figures.length === 0) return;
  const totals = rows.filter((r) => r.role === 'total');
  if (totals.length !== 1) return;
  const grand = totals[0];
  if (rows.some((r) => r.role === 'subtotal' && r.row < grand.row)) return;
  const blocks: TableRow[][] = [];
  let current: TableRow[] = [];
  for (let ri = 0; ri < rows.length; ri++) {
    const r = rows[ri];
    if (r.row >= grand.row) break;
    if (r.role === 'line') current.push(r);
    else if (r.role === 'blank') {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else return; // sections, memos: another shape
  }
  if (current.length > 0) blocks.push(current);
  if (blocks.length < 2 || blocks.some((b) => b.length < 2)) return;
  const heads: TableRow[] = [];
  for (const block of blocks) {
    const [head, ...members] = block;
    if (cells.formulaCount(head.row) > 0) return; // formula group totals are read by their formulas
    // Half the columns will do (a group total typed wrong in one of two years is still one): the
    // grand total below decides.
    if (!atLeastHalf(figures, (c) => sums(cells, head.row, members, c.col))) return;
    heads.push(head);
  }
  const lines = blocks.flatMap((b) => b.slice(1));
  const all = blocks.flat();
  let asGroups = 0;
  let asLines = 0;
  for (const c of figures) {
    const stated = cells.num(grand.row, c.col);
    if (stated === null) continue;
    if (near(stated, total(cells, lines, c.col), lines.length)) asGroups++;
    if (near(stated, total(cells, all, c.col), all.length)) asLines++;
  }
  if (asGroups <= asLines) return;
  blocks.forEach((block, i) => {
    heads[i].role = 'subtotal';
    heads[i].covers = block.slice(1).map((r) => r.row);
  });
}

function total(cells: GroupCells, rows: TableRow[], col: number): number {
  return rows.reduce((s, r) => s + (cells.num(r.row, col) ?? 0), 0);
}

/** Does the row's figure equal the rows' total in this column (both present)? */
function sums(cells: GroupCells, row: number, members: TableRow[], col: number): boolean | null {
  const stated = cells.num(row, col);
  if (stated === null) return null;
  return near(stated, total(cells, members, col), members.length);
}

/** True in at least half of the columns that give an answer. */
function atLeastHalf(figures: TableColumn[], test: (c: TableColumn) => boolean | null): boolean {
  let yes = 0;
  let asked = 0;
  for (const c of figures) {
    const answer = test(c);
    if (answer === null) continue;
    asked++;
    if (answer) yes++;
  }
  return asked > 0 && yes * 2 >= asked;
}
