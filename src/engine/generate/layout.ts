/**
 * Layout helpers shared by the generators: a grid of cells relative to an anchor that hands
 * out absolute A1 addresses for formulas, the council's number formats, financial-year labels
 * and the shape every generator returns.
 */
import { financialYearLabel, parseFinancialYear } from '../tables/years';
import { a1, rangeA1 } from '../grid';
import type { CellValue } from '../grid';
import { fx, val, type CellSpec, type TableSpec } from '../spec';

/** Money as councils print it: thousands separators, negatives in brackets. */
export const MONEY = '#,##0;(#,##0)';
/** Rates and shares. */
export const PERCENT = '0.0%';
/** Counts of people. */
export const COUNT = '#,##0';
/** Ratios such as benefits over costs ("3.16"). */
export const RATIO = '0.00';
/** Discount factors. */
export const FACTOR = '0.0000';

/** What every generator returns. */
export interface GeneratedTable {
  spec: TableSpec;
  /** Column headings of the computed table (after the label column). */
  columns: string[];
  /** The computed table, row by row: the same numbers the formula cells store. */
  rows: { label: string; values: (number | string | null)[] }[];
  /** Headline results ("payback", "npv", ...). */
  summary: Record<string, string | number>;
  /** The unit the table's money is in ("£000", "£m", "£"), for saying its summary in pounds. */
  units?: string;
}

export interface Anchor {
  sheet: string;
  row: number;
  col: number;
}

/** A block of cells laid out relative to an anchor. */
export class Layout {
  readonly cells: (CellSpec | null)[][] = [];
  readonly names: NonNullable<TableSpec['names']> = [];

  constructor(readonly anchor: Anchor) {}

  /** Puts a cell at a position relative to the anchor. */
  set(row: number, col: number, cell: CellSpec | null): void {
    while (this.cells.length <= row) this.cells.push([]);
    const r = this.cells[row];
    while (r.length < col) r.push(null);
    r[col] = cell;
  }

  /** A text or number cell: never a formula, whatever the text looks like. */
  text(row: number, col: number, value: CellValue, extra: Omit<CellSpec, 'value'> = {}): void {
    this.set(row, col, val(value, extra));
  }

  formula(
    row: number,
    col: number,
    formula: string,
    value: CellValue,
    extra: Omit<CellSpec, 'value' | 'formula'> = {},
  ): void {
    this.set(row, col, fx(formula, value, extra));
  }

  /** The sheet address of a cell given relative to the anchor ("D12", or "$D$12"). */
  addr(row: number, col: number, absolute = false): string {
    return a1(this.anchor.row + row, this.anchor.col + col, absolute);
  }

  /** The sheet range of a block given relative to the anchor ("D12:H12"). */
  range(top: number, left: number, bottom: number, right: number): string {
    return rangeA1(this.anchor.row + top, this.anchor.col + left, this.anchor.row + bottom, this.anchor.col + right);
  }

  /** Names a block (relative to the anchor) so that people can find the inputs. */
  name(name: string, top: number, left: number, bottom = top, right = left): void {
    this.names.push({ name, top, left, bottom, right });
  }

  /** Pads every row to the same width so ports can write one 2D block. */
  grid(): (CellSpec | null)[][] {
    const width = this.cells.reduce((w, r) => Math.max(w, r.length), 0);
    return this.cells.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
  }
}

/** Reads "2025/26", "2025-26", "2025/2026", "Year 1 2025/26" or "2025" as the calendar year the financial year starts in. */
export function financialYearStart(label: string): number | null {
  const year = parseFinancialYear(label);
  if (year) return year.start;
  const plain = /^\s*(\d{4})\s*$/.exec(label);
  return plain ? Number(plain[1]) : null;
}

export { financialYearLabel };

/** n financial-year labels starting at a given label. */
export function financialYears(first: string, n: number): string[] {
  const start = financialYearStart(first);
  if (start === null) throw new Error(`"${first}" is not a financial year; write it like 2025/26.`);
  return Array.from({ length: n }, (_, i) => financialYearLabel(start + i));
}

/** A name safe for a workbook name or Excel table: letters, digits and underscores, starting with a letter. */
export function safeName(text: string): string {
  const s = text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  const named = /^[A-Za-z_]/.test(s) ? s : `T_${s}`;
  // A name that reads as a cell address (AB12, R1C1) is refused by Excel.
  return /^[A-Za-z]{1,3}\d+$/.test(named) || /^[Rr]\d*[Cc]\d*$/.test(named) ? `${named}_` : named;
}

/** The computed value of a number cell, for the preview rows. */
export function numberOrNull(v: CellValue): number | string | null {
  return typeof v === 'number' || typeof v === 'string' ? v : null;
}

/** A saving as the plans print it: negative whatever sign it was given with (and 0, not -0). */
export function asSaving(x: number): number {
  return x === 0 ? 0 : -Math.abs(x);
}

/** A rate given in per cent as the fraction a cell holds: 1.8 -> 0.018 (not 0.018000000000000002). */
export function fraction(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}
