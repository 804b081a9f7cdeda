/**
 * What every rule needs: the table, its figures (parsed once by the reader), the rounding rule and
 * the way a plan prints money.
 */
import type { Finding, Severity } from '../findings';
import { a1 } from '../grid';
import { decimalPlaces, formatFigure } from '../numbers';
import type { Settings } from '../settings';
import { DEFAULT_SETTINGS } from '../settings';
import type { ReadResult } from '../tables';
import type { FoundTable, TableRow, Unit } from '../tables/types';

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
    // Most cells hold plain numbers: those need no parsing (and no Figure object).
    const raw = this.view?.value(row, col);
    if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
    const f = this.read.figure(this.table.sheet, row, col);
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

  formula(row: number, col: number): string | null {
    return this.read.views[this.table.sheet]?.formula(row, col) ?? null;
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
    return this.judgeSum(
      stated,
      parts.reduce((a, b) => a + b, 0),
      parts.filter((p) => p !== 0).length,
      () => [stated, ...parts],
    );
  }

  /** As judge, for a sum already taken; `figures` is asked for only when the figures differ. */
  judgeSum(stated: number, sum: number, n: number, figures: () => number[]): Verdict | null {
    const difference = roundNoise(stated - sum);
    if (difference === 0) return null;
    const tol = this.tolerance(n, figures());
    const rounding = Math.abs(difference) <= tol + 1e-9;
    return { severity: rounding ? 'info' : 'error', difference, rounding };
  }

  /** A figure as the plan prints it, in the table's units: 74,025. */
  fig(n: number): string {
    return formatFigure(roundNoise(n));
  }

  /** A difference in money words: "£1k", "£0.2m", "£350"; other units as "3 days". */
  money(n: number, unit: Unit = this.table.unit): string {
    const abs = Math.abs(roundNoise(n));
    switch (unit.label) {
      case '£000':
        return `£${formatFigure(abs)}k`;
      case '£m':
        return `£${formatFigure(abs)}m`;
      case '£':
        return `£${formatFigure(abs)}`;
      case null:
        return formatFigure(abs);
      case 'days':
        return `${formatFigure(abs)} ${abs === 1 ? 'day' : 'days'}`;
      default:
        return `${formatFigure(abs)} ${unit.label}`;
    }
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
  const dp = Math.min(3, Math.max(0, ...figures.map((f) => decimalPlaces(roundNoise(f)))));
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
