/**
 * The plan a budget projection starts from: a table of the workbook with budget lines down the side
 * and years across (a financial plan, lines with totals, or a list of money by year), read as the
 * reader found it. Its latest year with figures is the base year; each line's figure in that year
 * comes with the cell it is in, so a projection can refer to the cell rather than copy the figure
 * and follow the plan when it changes.
 */
import { normalLabel } from '../compare/match';
import { a1, parseRange, quoteSheet } from '../grid';
import type { ReadResult } from '../tables';
import type { FoundTable, TableColumn } from '../tables/types';
import { financialYearLabel } from '../tables/years';

/** A line of the plan and its figure in the base year. */
export interface PlanLine {
  /** The line's name as the form shows it (with its reference where two lines share a name). */
  label: string;
  base: number;
  sheet: string;
  /** Absolute 0-based row and column of the figure. */
  row: number;
  col: number;
}

export interface PlanBase {
  table: FoundTable;
  /** The base year ("2011/12") and the year after, the projection's first ("2012/13"). */
  baseYear: string;
  firstYear: string;
  lines: PlanLine[];
}

/** Kinds of table that hold budget lines by year. */
const PLAN_KINDS = new Set(['financial-plan', 'totals-grid', 'list']);
/** What a year's figure may measure to be a budget ("Forecast" and "Actual" columns are not). */
const BUDGET_MEASURES = new Set([undefined, 'gross', 'net', 'budget']);

/** The table's budget columns by year, latest first. */
function yearColumns(t: FoundTable): (TableColumn & { year: NonNullable<TableColumn['year']> })[] {
  return t.columns
    .filter((c): c is TableColumn & { year: NonNullable<TableColumn['year']> } => {
      const money = c.role === 'year' || c.role === 'gross' || c.role === 'net';
      return money && !!c.year && BUDGET_MEASURES.has(c.measure) && c.block === undefined;
    })
    .sort((a, b) => b.year.start - a.year.start || a.col - b.col);
}

/** A number typed or worked out in the cell itself (text that reads as a figure cannot be referred to safely). */
function numberIn(read: ReadResult, sheet: string, row: number, col: number): number | null {
  const v = read.views[sheet]?.value(row, col);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The table's lines with their figure in one column; names given twice take their reference (or row). */
function linesIn(read: ReadResult, t: FoundTable, col: number): PlanLine[] {
  const rows = t.rows.filter((r) => r.role === 'line' && !r.hidden && r.label.trim());
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(normalLabel(r.label), (counts.get(normalLabel(r.label)) ?? 0) + 1);
  const out: PlanLine[] = [];
  for (const r of rows) {
    const base = numberIn(read, t.sheet, r.row, col);
    if (base === null) continue;
    const name = r.label.trim().replace(/\s+/g, ' ');
    const twice = (counts.get(normalLabel(r.label)) ?? 0) > 1;
    const label = twice ? `${name} (${r.ref?.trim() || `row ${r.row + 1}`})` : name;
    out.push({ label, base, sheet: t.sheet, row: r.row, col });
  }
  return out;
}

/**
 * The plan's lines with their figures in a base year: the year given (its calendar start), or the
 * latest year any line has a figure for. Null when the table is not one of budget lines by year.
 */
export function planBase(read: ReadResult, t: FoundTable, baseStart?: number): PlanBase | null {
  if (!PLAN_KINDS.has(t.kind) || t.blocks) return null;
  if (t.kind === 'list' && !t.unit.label?.startsWith('£')) return null;
  for (const c of yearColumns(t)) {
    if (baseStart !== undefined && c.year.start !== baseStart) continue;
    const lines = linesIn(read, t, c.col);
    if (lines.length === 0) continue;
    return { table: t, baseYear: c.year.label, firstYear: financialYearLabel(c.year.start + 1), lines };
  }
  return null;
}

/** Whether a cell ("B7" or "B7:C9") lies in the table. */
export function holds(t: FoundTable, sheet: string, cell: string): boolean {
  const box = parseRange(cell);
  return (
    !!box &&
    t.sheet === sheet &&
    box.top <= t.bottom &&
    box.bottom >= t.top &&
    box.left <= t.right &&
    box.right >= t.left
  );
}

/**
 * The plans of the workbook, the one to start from first: the table holding the selection, then
 * the table named before ("Sheet!B5:M54"), then financial plans, then other tables of lines by year.
 */
export function plansOf(
  read: ReadResult,
  prefer: { selection?: { sheet: string; cell: string } | null; table?: string } = {},
): PlanBase[] {
  const found = read.tables.map((t) => planBase(read, t)).filter((p): p is PlanBase => p !== null);
  const rank = (p: PlanBase): number => {
    const sel = prefer.selection;
    if (sel && holds(p.table, sel.sheet, sel.cell)) return 0;
    if (prefer.table && p.table.id === prefer.table) return 1;
    return p.table.kind === 'financial-plan' ? 2 : 3;
  };
  return found
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

/** A reference to a plan's cell from a formula on another sheet ("'Financial plan'!H9"), or on its own sheet ("H9"). */
export function cellRef(line: { sheet: string; row: number; col: number }, fromSheet?: string): string {
  const cell = a1(line.row, line.col);
  return fromSheet === line.sheet ? cell : `${quoteSheet(line.sheet)}!${cell}`;
}

/** Two figures the same as typed and as stored (75,376 and 75376.0000001 are). */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * The plan's cell a typed line stands for: a line of that name whose figure in the base year is the
 * figure typed, in the first plan (in the order plansOf gives) that has one. A line typed with
 * another figure is the user's own figure, and stays a figure.
 */
export function planCellFor(
  read: ReadResult,
  plans: FoundTable[],
  line: { label: string; base: number },
  baseStart: number,
): PlanLine | null {
  const wanted = normalLabel(line.label);
  for (const t of plans) {
    const base = planBase(read, t, baseStart);
    const match = base?.lines.find((l) => normalLabel(l.label) === wanted && same(l.base, line.base));
    if (match) return match;
  }
  return null;
}
