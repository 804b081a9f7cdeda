/**
 * Filling the council's own template with a budget projection. The template is a table the reader
 * has typed (lines down the side, years across, totals rows, the house's formats): PlanCheck writes
 * only the figure cells it leaves for figures, as live formulas with their values stored, and keeps
 * everything else: labels, formats, fills, borders, widths, merged titles, and the template's own
 * total formulas (which then simply work). An empty total cell gets a SUM of its lines.
 *
 *     cost(year) = cost(year before) × (1 + inflation) × (1 + growth)
 *
 * The rates are the template's own cells where it has cells labelled "Inflation" and "Growth" (or
 * "Demographic growth"); otherwise an assumptions block is added beside the table, shaded as inputs
 * and named. A line's starting figure is the template's base column (current or base-year gross),
 * or the figure the config gives for that line. Whatever cannot be placed is refused in one
 * sentence naming it, with nothing written.
 */
import { labelledRate } from '../assumptions';
import { a1, quoteSheet } from '../grid';
import { normalLabel } from '../compare/match';
import type { ReadResult } from '../tables';
import type { FoundTable, TableColumn, TableRow } from '../tables/types';
import { parseFinancialYear } from '../tables/years';
import type { CellSpec, TableSpec } from '../spec';
import type { SheetView } from '../grid';
import { fx, val } from '../spec';
import { totalCoverage } from '../checks/formulas';
import { financialYearStart, PERCENT, safeName } from './layout';

export interface TemplateFillInput {
  /** The first projected year; needed where the template's years are "Year 1", "Year 2"... */
  firstYear?: string;
  /** Inflation and growth, per cent a year, used when the template has no cells of its own for them. */
  inflation?: number;
  growth?: number;
  /**
   * Starting figures by line label (or reference), over the template's own base column; `cell` is
   * where the figure is ("C4", or "'Financial plan'!H9"), and the line's first year then grows from it.
   */
  lines?: { label: string; base: number; cell?: string }[];
  /** Prefix of the named ranges PlanCheck adds ("Budget"). */
  name?: string;
  /** Template lines (by label or reference) the user chose to leave empty: not filled, not asked about. */
  leaveEmpty?: string[];
}

export interface TemplateFill {
  spec: TableSpec;
  /** Lines filled, and the years. */
  lines: string[];
  years: string[];
  /** Cells written, as "B7". */
  written: string[];
  /** Where the rates came from: the template's own cells, or the block PlanCheck added. */
  assumptions: { inflation: string; growth: string; added: boolean };
}

/** Refused: what is missing, in one sentence. */
export class TemplateError extends Error {
  constructor(
    message: string,
    /** The template lines PlanCheck has no starting figure for, when that is why it refused. */
    readonly missing: string[] = [],
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

const INFLATION = /^\s*(pay and price |price |general )?inflation\b/i;
const GROWTH = /^\s*(demographic |demography |demand )?growth\b|^\s*demograph(y|ic)\b/i;

/** The template's year columns in order, with their financial years (from "Year 1" and firstYear too). */
export function yearColumns(t: FoundTable, firstYear?: string): { col: TableColumn; year: string; start: number }[] {
  const first = firstYear ? financialYearStart(firstYear) : null;
  const out: { col: TableColumn; year: string; start: number }[] = [];
  for (const c of t.columns) {
    if (c.role !== 'year' && c.role !== 'figure' && c.role !== 'ignore') continue;
    if (c.measure && c.measure !== 'gross' && c.measure !== 'budget' && c.measure !== 'net') continue;
    const fy = c.year ?? parseFinancialYear(c.header);
    if (fy) {
      out.push({ col: c, year: fy.label, start: fy.start });
      continue;
    }
    const index = /\byear\s*(\d{1,2})\b/i.exec(c.header);
    if (index && first !== null) {
      const start = first + Number(index[1]) - 1;
      out.push({ col: c, year: `${start}/${String((start + 1) % 100).padStart(2, '0')}`, start });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Fills a budget projection into a template table. */
export function fillBudgetTemplate(read: ReadResult, t: FoundTable, input: TemplateFillInput): TemplateFill {
  const view = read.views[t.sheet];
  if (!view) throw new TemplateError(`The sheet ${t.sheet} could not be read.`);
  const years = yearColumns(t, input.firstYear);
  if (years.length === 0) {
    throw new TemplateError(
      `The template ${t.sheet}!${t.range} has no year columns PlanCheck can read (2025/26, 2025-26, or "Year 1" with a first year given).`,
    );
  }
  const first = input.firstYear ? financialYearStart(input.firstYear) : years[0].start;
  const projected = years.filter((y) => first === null || y.start >= first);
  if (projected.length === 0) throw new TemplateError(`The template has none of the years from ${input.firstYear} on.`);
  // The base: a gross/base column without a year (current cash limit), or the year before the first projected.
  const before = years.filter((y) => y.start < projected[0].start).pop();
  const baseCol =
    t.columns.find((c) => (c.role === 'gross' || c.role === 'net') && !c.year && c.measure !== 'net') ??
    t.columns.find((c) => c.role === 'gross' && c.year && c.year.start === projected[0].start - 1);
  // A template's lines wait for figures, so the reader may take an empty one for a heading: every
  // labelled row that is not a total, a funding source or a heading ending in ":" is a line here.
  const empty = new Set((input.leaveEmpty ?? []).map(normalLabel));
  const leftEmpty = (r: TableRow) => empty.has(normalLabel(r.label)) || (!!r.ref && empty.has(normalLabel(r.ref)));
  const allLines = t.rows.filter(
    (r) => (r.role === 'line' || (r.role === 'section' && !/:\s*$/.test(r.label))) && r.label,
  );
  const lines = allLines.filter((r) => !leftEmpty(r));
  if (lines.length === 0) {
    throw new TemplateError(
      empty.size > 0
        ? `Every line of the template ${t.sheet}!${t.range} is left empty, so there is nothing to fill.`
        : `The template ${t.sheet}!${t.range} has no lines to fill.`,
    );
  }
  const given = new Map((input.lines ?? []).map((l) => [normalLabel(l.label), l]));
  const baseOf = (r: TableRow): { value: number; cell?: string; given?: boolean } | null => {
    const fromConfig = given.get(normalLabel(r.label)) ?? (r.ref ? given.get(normalLabel(r.ref)) : undefined);
    if (fromConfig !== undefined)
      return { value: fromConfig.base, given: true, ...(fromConfig.cell ? { cell: fromConfig.cell } : {}) };
    for (const c of [baseCol, before?.col]) {
      if (!c) continue;
      const f = read.figure(t.sheet, r.row, c.col);
      if (f.kind === 'number' && f.value !== null) return { value: f.value, cell: a1(r.row, c.col, false) };
    }
    return null;
  };
  const missing = lines.filter((r) => baseOf(r) === null).map((r) => r.label);
  if (missing.length > 0) {
    throw new TemplateError(
      `PlanCheck has no starting figure for ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}: ` +
        'give a base column in the template (current gross, or the year before the first projected) or "lines" with a base in the config.',
      missing,
    );
  }

  // The rates: the template's own labelled cells, or a block added beside the table.
  const name = safeName(input.name ?? 'Budget');
  const inTable = (row: number, col: number) => row >= t.top && row <= t.bottom && col >= t.left && col <= t.right;
  const ownInflation = labelledRate(view, read.figure, INFLATION, inTable);
  const ownGrowth = labelledRate(view, read.figure, GROWTH, inTable);
  const added = !ownInflation || !ownGrowth;
  // Two empty columns from the table, so the reader keeps the block a table of its own.
  const blockCol = t.right + 3;
  const rate = (r: number) => r / 100;
  let inflationRef: string;
  let growthRef: string;
  let inflation: number;
  let growth: number;
  if (!added) {
    inflationRef = a1(ownInflation!.row, ownInflation!.col, true);
    growthRef = a1(ownGrowth!.row, ownGrowth!.col, true);
    inflation = rate(ownInflation!.percent);
    growth = rate(ownGrowth!.percent);
  } else {
    inflation = rate(input.inflation ?? 0);
    growth = rate(input.growth ?? 0);
    inflationRef = a1(t.top + 1, blockCol + 1, true);
    growthRef = a1(t.top + 2, blockCol + 1, true);
  }

  // The cells: null everywhere but the figure cells (and the block), anchored at the table's corner.
  const width = (added ? blockCol + 1 : t.right) - t.left + 1;
  const cells: (CellSpec | null)[][] = Array.from({ length: t.bottom - t.top + 1 }, () =>
    Array.from({ length: width }, () => null),
  );
  const put = (row: number, col: number, c: CellSpec) => {
    cells[row - t.top][col - t.left] = c;
  };
  const written: string[] = [];
  const values = new Map<string, number>();
  const growthFactor = `(1+${inflationRef})*(1+${growthRef})`;
  for (const r of lines) {
    const base = baseOf(r)!;
    let prevRef = base.cell ?? null;
    let prev = base.value;
    projected.forEach((y, i) => {
      const v = prev * (1 + inflation) * (1 + growth);
      const from = prevRef ?? String(base.value);
      // A line's first year grows from its base cell; a base given for it (a figure, or a formula to
      // the plan's cell) is written first into the template's empty base-year cell.
      const own = before ? a1(r.row, before.col.col) : null;
      if ((!prevRef || base.given) && prevRef !== own && i === 0 && before && view.isEmpty(r.row, before.col.col)) {
        put(r.row, before.col.col, prevRef ? fx(`=${prevRef}`, base.value) : val(base.value));
        written.push(a1(r.row, before.col.col));
        prevRef = a1(r.row, before.col.col);
      }
      put(r.row, y.col.col, fx(`=${prevRef ?? from}*${growthFactor}`, round(v)));
      written.push(a1(r.row, y.col.col));
      values.set(`${r.row}|${y.col.col}`, v);
      prevRef = a1(r.row, y.col.col);
      prev = v;
    });
  }
  // Totals: the template's own formulas stand; an empty total cell gets a SUM of its lines.
  // (A total of one funding source, "Total Mainstream Funding Required", is not a total of the lines.)
  const ofLines = (r: TableRow) =>
    (r.role === 'total' || r.role === 'subtotal') &&
    !/\b(mainstream|grants?|contributions?|income|funding)\b/i.test(r.label);
  for (const tr of t.rows.filter(ofLines)) {
    for (const y of projected) {
      const own = view.formula(tr.row, y.col.col);
      if (own) {
        // The template's own total: kept as it is, its stored value brought up to date.
        const coverage = totalCoverage(own, 'column', y.col.col);
        if (coverage) {
          let sum = 0;
          for (const row of coverage.covered) {
            const mine = values.get(`${row}|${y.col.col}`);
            const theirs = read.figure(t.sheet, row, y.col.col);
            const nested =
              coverage.skipsNested && /^=\s*(SUBTOTAL|AGGREGATE)\(/i.test(view.formula(row, y.col.col) ?? '');
            if (!nested) sum += mine ?? (theirs.kind === 'number' ? (theirs.value ?? 0) : 0);
          }
          put(tr.row, y.col.col, { value: round(sum), formula: own, refresh: true });
        }
        continue;
      }
      if (!view.isEmpty(tr.row, y.col.col)) continue;
      // Lines left empty are still the template's lines: the SUM covers them, for when they are filled by hand.
      const above = allLines.filter((l) => l.row < tr.row);
      if (above.length === 0) continue;
      const sum = above.reduce((s, l) => s + (values.get(`${l.row}|${y.col.col}`) ?? 0), 0);
      put(
        tr.row,
        y.col.col,
        fx(`=SUM(${a1(above[0].row, y.col.col)}:${a1(above[above.length - 1].row, y.col.col)})`, round(sum)),
      );
      written.push(a1(tr.row, y.col.col));
    }
  }
  const names: TableSpec['names'] = [];
  if (added) {
    const input1 = { input: true, numberFormat: PERCENT };
    put(t.top, blockCol, val('Assumptions', { bold: true }));
    put(t.top + 1, blockCol, val('Inflation (a year)'));
    put(t.top + 1, blockCol + 1, val(inflation, input1));
    put(t.top + 2, blockCol, val('Demographic growth (a year)'));
    put(t.top + 2, blockCol + 1, val(growth, input1));
    names.push(
      { name: `${name}_Inflation`, top: 1, left: blockCol + 1 - t.left },
      { name: `${name}_Growth`, top: 2, left: blockCol + 1 - t.left },
    );
  }
  const spec: TableSpec = {
    title: `Budget projection into ${t.sheet}!${t.range}`,
    anchor: { sheet: t.sheet, row: t.top, col: t.left },
    cells,
  };
  if (names.length > 0) spec.names = names;
  return {
    spec,
    lines: lines.map((l) => l.label),
    years: projected.map((y) => y.year),
    written,
    assumptions: {
      inflation: added
        ? `${quoteSheet(t.sheet)}!${inflationRef}`
        : `${quoteSheet(t.sheet)}!${inflationRef} (the template's own)`,
      growth: added
        ? `${quoteSheet(t.sheet)}!${growthRef}`
        : `${quoteSheet(t.sheet)}!${growthRef} (the template's own)`,
      added,
    },
  };
}

export function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

// ---- Shared with the other template fills (templateSavings, templateBenchmark, templateCostBenefit)

/** The cells a fill writes: null everywhere else, anchored at the table's top-left corner. */
export class TemplateCells {
  private readonly grid: (CellSpec | null)[][] = [];
  /** Figure cells written, as "B7" (a refreshed total of the template's own is not one). */
  readonly written: string[] = [];
  private readonly values = new Map<string, CellSpec['value']>();

  constructor(readonly t: FoundTable) {}

  put(row: number, col: number, c: CellSpec, figure = true): void {
    if (row < this.t.top || col < this.t.left)
      throw new Error(`A template fill cannot write above or left of its table.`);
    const r = (this.grid[row - this.t.top] ??= []);
    r[col - this.t.left] = c;
    this.values.set(`${row}|${col}`, c.value);
    if (figure && !c.refresh) this.written.push(a1(row, col));
  }

  /** The value this fill gives a cell, if it writes one. */
  value(row: number, col: number): CellSpec['value'] | undefined {
    return this.values.get(`${row}|${col}`);
  }

  spec(title: string, names: TableSpec['names'] = []): TableSpec {
    let width = 0;
    for (let i = 0; i < this.grid.length; i++) width = Math.max(width, this.grid[i]?.length ?? 0);
    const cells = Array.from({ length: this.grid.length }, (_, i) =>
      Array.from({ length: width }, (_, j) => this.grid[i]?.[j] ?? null),
    );
    const spec: TableSpec = { title, anchor: { sheet: this.t.sheet, row: this.t.top, col: this.t.left }, cells };
    if (names.length > 0) spec.names = names;
    return spec;
  }
}

/** The template's label column: the reader's, or the table's first. */
export function labelColumn(t: FoundTable): number {
  return t.columns.find((c) => c.role === 'label')?.col ?? t.left;
}

/** Each row under the header with a text label in the label column (or, failing that, the first text cell). */
export function labelledRows(view: SheetView, t: FoundTable): { row: number; label: string }[] {
  const labelCol = labelColumn(t);
  const out: { row: number; label: string }[] = [];
  for (let r = Math.max(...t.headerRows, t.top - 1) + 1; r <= t.bottom; r++) {
    let v = view.value(r, labelCol);
    for (let c = t.left; typeof v !== 'string' && c <= Math.min(t.right, labelCol + 1); c++) v = view.value(r, c);
    if (typeof v === 'string' && v.trim()) out.push({ row: r, label: v.trim() });
  }
  return out;
}

/** The header text of a column of the template (its header rows joined). */
export function headerText(view: SheetView, t: FoundTable, col: number): string {
  return t.headerRows
    .map((r) => view.value(r, col))
    .filter((v) => v !== null && v !== '')
    .map(String)
    .join(' / ');
}

/** The first short text cell matching `label` outside the table (and where `where` allows). */
export function labelOutside(
  view: SheetView,
  t: FoundTable,
  label: RegExp,
  where: (row: number, col: number) => boolean = () => true,
): { row: number; col: number } | null {
  const { values } = view.sheet;
  for (let r = 0; r < values.length; r++) {
    for (let c = 0; c < values[r].length; c++) {
      const v = values[r][c];
      const row = r + view.top;
      const col = c + view.left;
      if (row >= t.top && row <= t.bottom && col >= t.left && col <= t.right) continue;
      if (typeof v === 'string' && v.length <= 60 && label.test(v) && where(row, col)) return { row, col };
    }
  }
  return null;
}

/** A number the template holds in a cell, or null when it is empty or text. */
export function numberAt(read: ReadResult, sheet: string, row: number, col: number): number | null {
  const f = read.figure(sheet, row, col);
  return f.kind === 'number' && f.value !== null ? f.value : null;
}

/** A figure of the template's as the fill leaves it: the one PlanCheck writes there, else the cell's own (0 when empty). */
function figureAt(read: ReadResult, view: SheetView, cells: TemplateCells, row: number, col: number): number {
  const mine = cells.value(row, col);
  return typeof mine === 'number' ? mine : (numberAt(read, view.name, row, col) ?? 0);
}

/**
 * The template's own total formula at (row, col), kept, with its stored value brought up to date
 * from the cells it covers along its row or column. False when the cell holds no formula.
 */
function refreshOwnTotal(
  read: ReadResult,
  view: SheetView,
  cells: TemplateCells,
  row: number,
  col: number,
  along: 'row' | 'column',
): boolean {
  const own = view.formula(row, col);
  if (!own) return false;
  const coverage = totalCoverage(own, along, along === 'row' ? row : col);
  if (coverage) {
    const sum = [...coverage.covered].reduce(
      (s, k) => s + (along === 'row' ? figureAt(read, view, cells, row, k) : figureAt(read, view, cells, k, col)),
      0,
    );
    cells.put(row, col, { value: round(sum), formula: own, refresh: true });
  }
  return true;
}

/**
 * A total of the template's along a row (`cols` the cells it adds): its own SUM formula kept and its
 * stored value brought up to date; an empty cell given a SUM; a cell with a figure typed in left alone.
 */
export function totalAcross(
  read: ReadResult,
  view: SheetView,
  cells: TemplateCells,
  row: number,
  col: number,
  cols: number[],
  numberFormat?: string,
): void {
  if (cols.length === 0 || refreshOwnTotal(read, view, cells, row, col, 'row') || !view.isEmpty(row, col)) return;
  const sum = cols.reduce((s, c) => s + figureAt(read, view, cells, row, c), 0);
  const first = Math.min(...cols);
  const last = Math.max(...cols);
  cells.put(row, col, fx(`=SUM(${a1(row, first)}:${a1(row, last)})`, round(sum), numberFormat ? { numberFormat } : {}));
}

/**
 * A total of the template's down a column (`rows` the lines it adds): its own formula kept and its
 * stored value brought up to date from the rows the formula covers; an empty cell given a SUM (or a
 * sum of the lines where they are not together); a figure typed in left alone.
 */
export function totalDown(
  read: ReadResult,
  view: SheetView,
  cells: TemplateCells,
  row: number,
  col: number,
  rows: number[],
): void {
  if (rows.length === 0 || refreshOwnTotal(read, view, cells, row, col, 'column') || !view.isEmpty(row, col)) return;
  const sorted = [...rows].sort((a, b) => a - b);
  const together = sorted.every((r, k) => k === 0 || r === sorted[k - 1] + 1);
  const formula =
    together && sorted.length > 1
      ? `=SUM(${a1(sorted[0], col)}:${a1(sorted[sorted.length - 1], col)})`
      : `=${sorted.map((r) => a1(r, col)).join('+')}`;
  cells.put(row, col, fx(formula, round(sorted.reduce((s, r) => s + figureAt(read, view, cells, r, col), 0))));
}
