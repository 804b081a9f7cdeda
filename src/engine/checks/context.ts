/**
 * What every rule needs: the table, its figures (parsed once by the reader), the rounding rule and
 * the way a plan prints money.
 */
import type { Finding, Severity } from '../findings';
import { a1 } from '../grid';
import { decimalPlaces, formatFigure, readNumberFormat } from '../numbers';
import type { FigureStyle, YearSpelling } from '../say';
import { commonYearSpelling, FigureWords, spellYear } from '../say';
import type { Settings } from '../settings';
import { DEFAULT_SETTINGS } from '../settings';
import type { ReadResult } from '../tables';
import type { FinancialYear, FoundTable, TableRow } from '../tables/types';
import { FIGURE_ROLES } from '../tables';

export interface Verdict {
  severity: Severity;
  /** Stated less computed. */
  difference: number;
  rounding: boolean;
}

export class CheckContext {
  readonly findings: Finding[] = [];

  constructor(
    readonly read: ReadResult,
    readonly settings: Settings,
    readonly table: FoundTable,
    /** How many judgements each rule made (figures compared), for the evidence report. */
    readonly tally: Map<string, number> = new Map(),
  ) {}

  /** Cells where the table's structure, as read, was confirmed: a total that adds up to its lines. */
  readonly confirmed: string[] = [];

  /**
   * Total rows that disagree in most columns by amounts no one line explains: their errors, how many
   * columns were judged, and the note that replaces them if, once columns shown not to hold figures
   * are set aside, the row still disagrees (decided in proof.ts).
   */
  readonly rowDoubts: { errors: Finding[]; judged: number; doubt: Finding; row: number; label: string }[] = [];

  private readonly confirmedCells = new Set<string>();

  /** Records a total that adds up to what the reader took it to total (by row and column, or by A1 cell). */
  confirm(row: number | string, col = 0): void {
    const cell = typeof row === 'string' ? row : this.cell(row, col);
    if (this.confirmedCells.has(cell)) return;
    this.confirmedCells.add(cell);
    this.confirmed.push(cell);
  }

  /** Whether a cell's total was confirmed. */
  isConfirmed(cell: string): boolean {
    return this.confirmedCells.has(cell);
  }

  /** Counts one judgement (or n) of a rule, whatever its outcome. */
  count(rule: string, n = 1): void {
    this.tally.set(rule, (this.tally.get(rule) ?? 0) + n);
  }

  private readonly view = this.read.views[this.table.sheet];

  get sheet(): string {
    return this.table.sheet;
  }

  /** The number at an absolute cell, or null for blanks, words, errors and unreadable figures. */
  num(row: number, col: number): number | null {
    return this.numOn(this.table.sheet, row, col);
  }

  /** The number at an absolute cell of any sheet read (a detail sheet a summary stands for). */
  numOn(sheet: string, row: number, col: number): number | null {
    // Most cells hold plain numbers: those need no parsing (and no Figure object).
    const raw = (sheet === this.table.sheet ? this.view : this.read.views[sheet])?.value(row, col);
    if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
    if (!this.read.views[sheet]) return null;
    const f = this.read.figure(sheet, row, col);
    return f.kind === 'number' || f.kind === 'nil' ? f.value : null;
  }

  /**
   * True when the cell holds something that should be a figure but cannot be read (a typo such as
   * "1,2O4", or an error value). The reader reports it at its cell; a sum that would take it in is
   * not judged, since its difference would only repeat that finding.
   */
  unreadable(row: number, col: number): boolean {
    if (typeof this.view?.value(row, col) !== 'string') return false;
    const f = this.read.figure(this.table.sheet, row, col);
    return f.kind === 'bad' || f.kind === 'error';
  }

  /**
   * The number at a cell of the table's sheet as `num` reads it, or undefined where the cell is
   * `unreadable`: both questions in one read of the cell, for loops over every line of a table.
   */
  readable(row: number, col: number): number | null | undefined {
    const view = this.view;
    if (!view) return null;
    const raw = view.value(row, col);
    if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
    if (raw === null) return null;
    const f = this.read.figure(this.table.sheet, row, col);
    if (typeof raw === 'string' && (f.kind === 'bad' || f.kind === 'error')) return undefined;
    return f.kind === 'number' || f.kind === 'nil' ? f.value : null;
  }

  formula(row: number, col: number): string | null {
    return this.view?.formula(row, col) ?? null;
  }

  add(finding: Omit<Finding, 'sheet' | 'table'> & { sheet?: string }): void {
    this.findings.push({ sheet: this.table.sheet, table: this.table.id, ...finding });
  }

  /** Rounding tolerance for a stated figure against a sum of n printed figures (README: Rounding rule). */
  tolerance(n: number, figures: number[]): number {
    const r = this.settings.rounding ?? {};
    const perFigure = r.perFigure ?? halfLastDigit(figures);
    const absolute = r.absolute ?? DEFAULT_SETTINGS.rounding.absolute ?? 0;
    return perFigure * (n + 1) + absolute;
  }

  /**
   * Compares a stated figure with a sum. Exact (to float noise): null. Within the rounding
   * tolerance: an info-level rounding difference. Beyond it: an error.
   */
  judge(stated: number, parts: number[]): Verdict | null {
    // Blank and zero figures are exact: only the non-zero ones can hide half a unit of rounding.
    let sum = 0;
    let nonZero = 0;
    for (const p of parts) {
      sum += p;
      if (p !== 0) nonZero++;
    }
    return this.judgeSum(stated, sum, nonZero, () => [stated, ...parts]);
  }

  /** True when a stated figure equals a sum to float noise: where `judgeSum` gives null, with nothing built. */
  agrees(stated: number, sum: number): boolean {
    return roundNoise(stated - sum) === 0;
  }

  /** As judge, for a sum already taken; `figures` is asked for only when the figures differ. */
  judgeSum(stated: number, sum: number, n: number, figures: () => number[]): Verdict | null {
    const difference = roundNoise(stated - sum);
    if (difference === 0) return null;
    const tol = this.tolerance(n, figures());
    const rounding = Math.abs(difference) <= tol + 1e-9;
    return { severity: rounding ? 'info' : 'error', difference, rounding };
  }

  /** A figure as a bare number (74,025), for values that are not said in a sentence. */
  fig(n: number): string {
    return formatFigure(roundNoise(n));
  }

  /**
   * The words for one message's figures: the first carries the table's unit ("74,025 (£000)"), the
   * rest are bare, negatives as the workbook shows them. Make one per message.
   */
  say(): { fig(n: number): string; amount(n: number): string } {
    return sayFor(this.read, this.table);
  }

  /** A financial year spelt as the workbook spells its years ("2024-25"); '' when there is none. */
  year(y: FinancialYear | undefined): string {
    return y ? spellYear(y.start, yearSpellingIn(this.read)) : '';
  }

  /** A year label as the settings key it ("2024/25"), spelt as the workbook spells its years. */
  yearOfLabel(label: string): string {
    const start = Number(/^(\d{4})/.exec(label)?.[1]);
    return Number.isFinite(start) && start > 0 ? spellYear(start, yearSpellingIn(this.read)) : label;
  }

  /** "03 Services for Older People" */
  lineName(row: TableRow): string {
    if (row.ref && row.label && row.ref !== row.label) return `${row.ref} ${row.label}`;
    return row.label || `row ${row.row + 1}`;
  }

  cell(row: number, col: number): string {
    return a1(row, col);
  }
}

/** Half a unit of the last printed digit of the figures (0.5 for whole numbers, 0.0005 for 97.036). */
function halfLastDigit(figures: number[]): number {
  // A loop, not Math.max(...): a total of 100,000 figures would overflow the stack (a worker's is small).
  const dp = Math.min(
    3,
    figures.reduce((most, f) => Math.max(most, decimalPlaces(roundNoise(f))), 0),
  );
  return 0.5 * 10 ** -dp;
}

/** Rounds away binary noise (0.1 + 0.2) while keeping every printed decimal. */
export function roundNoise(n: number): number {
  const r = Math.round(n * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}

/** "short of" / "over" wording for a stated figure against what its parts add up to. */
export function shortOrOver(parts: number, stated: number): string {
  return parts < stated ? 'short of' : 'over';
}

/** How a table as read prints its figures: its unit, and whether its negatives are in brackets. */
export function figureStyle(read: ReadResult, table: FoundTable): FigureStyle {
  return { unit: table.unit, brackets: bracketsIn(read, table) };
}

/** The words for one message's figures from a table as read: its unit once, its negatives as shown. */
export function sayFor(read: ReadResult, table: FoundTable): { fig(n: number): string; amount(n: number): string } {
  const words = new FigureWords(figureStyle(read, table));
  return { fig: (n) => words.fig(roundNoise(n)), amount: (n) => words.amount(roundNoise(n)) };
}

const BRACKETS = new WeakMap<FoundTable, boolean>();

/**
 * True when the table shows negatives in brackets: a figure cell formatted "#,##0;(#,##0)", or a
 * negative typed as "(28)".
 */
function bracketsIn(read: ReadResult, table: FoundTable): boolean {
  const known = BRACKETS.get(table);
  if (known !== undefined) return known;
  const view = read.views?.[table.sheet];
  let found = false;
  const cols = table.columns.filter((c) => FIGURE_ROLES.has(c.role));
  // A table formats its figures alike: its first thousand rows say how.
  outer: for (const r of table.rows.slice(0, 1000)) {
    if (r.role === 'blank' || r.role === 'section') continue;
    for (const c of cols) {
      const code = view?.numberFormat(r.row, c.col);
      const v = view?.value(r.row, c.col);
      if (
        (code && readNumberFormat(code).brackets) ||
        (typeof v === 'string' && /^\(\s*[£$€]?\s*[\d,.]+\s*%?\)$/.test(v.trim()))
      ) {
        found = true;
        break outer;
      }
    }
  }
  BRACKETS.set(table, found);
  return found;
}

const SPELLING = new WeakMap<ReadResult, YearSpelling>();

/** How the workbook spells its years: the most common spelling among its tables' year headers. */
function yearSpellingIn(read: ReadResult): YearSpelling {
  const known = SPELLING.get(read);
  if (known) return known;
  const headers: string[] = [];
  for (const t of read.tables) for (const c of t.columns) if (c.year) headers.push(c.header);
  const spelling = commonYearSpelling(headers);
  SPELLING.set(read, spelling);
  return spelling;
}
