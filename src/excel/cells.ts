/**
 * What goes into `range.formulas` for a cell, and what comes back out of it.
 *
 * `range.formulas` takes a formula ("=SUM(B2:B9)") or a constant; Excel then parses a constant
 * string as if a person had typed it: "=..." becomes a formula, "0001" the number 1, "2009/10" a
 * date. A leading apostrophe keeps any string as text (it is not part of the value). These helpers
 * decide when the apostrophe is needed, so text copied from a user's cells is written as the same
 * text, never as a formula or a number.
 */
import type { CellValue } from '../engine/grid';
import { looksLikeFormula, type CellSpec } from '../engine/spec';

const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*';
const WOULD_BE_PARSED: RegExp[] = [
  // numbers, with a sign, thousands separators, decimals, exponent, per cent, currency or brackets
  /^\s*\(?\s*[-+]?\s*[£$€]?\s*[-+]?(\d[\d,]*\.?\d*|\.\d+)(e[-+]?\d+)?\s*%?\s*\)?\s*$/i,
  /^\s*(true|false)\s*$/i,
  // dates and times: 2009/10, 1/4/2024, 2024-04-01, 12:30
  /^\s*\d{1,4}\s*[/\-.]\s*\d{1,2}(\s*[/\-.]\s*\d{1,4})?\s*$/,
  /^\s*\d{1,2}:\d{2}(:\d{2})?\s*(am|pm)?\s*$/i,
  // 1 Apr, 1-Apr-2024, Apr 2024, April-24
  new RegExp(`^\\s*\\d{1,2}[\\s\\-/]+${MONTH}([\\s\\-/]+\\d{2,4})?\\s*$`, 'i'),
  new RegExp(`^\\s*${MONTH}[\\s\\-/]+\\d{1,4}\\s*$`, 'i'),
];

/** True when Excel would not keep this string as the same text if it were typed into a cell. */
export function textNeedsGuard(text: string): boolean {
  if (text === '') return false;
  return looksLikeFormula(text) || text.startsWith("'") || WOULD_BE_PARSED.some((re) => re.test(text));
}

/** The `formulas` entry that stores `text` as text. */
export function textInput(text: string): string {
  return textNeedsGuard(text) ? `'${text}` : text;
}

export type CellInput = string | number | boolean;

/** The `formulas` entry for a spec cell: its formula, or its value as a constant (strings stay text). */
export function specInput(cell: CellSpec): CellInput {
  if (cell.formula) return cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`;
  return valueInput(cell.value);
}

export function valueInput(value: CellValue): CellInput {
  if (value === null) return '';
  if (typeof value === 'string') return textInput(value);
  return value;
}

/**
 * True when a cell's `formulas` entry is a real formula. Excel reports a text constant that starts
 * with "=" (typed with an apostrophe) as that same text in both `formulas` and `values`, so a
 * string equal to the cell's value is text, not a formula.
 */
export function isFormula(formula: unknown, value: unknown): formula is string {
  return typeof formula === 'string' && formula.startsWith('=') && formula !== value;
}

/** The snapshot's formula entry: "=..." or null. */
export function formulaOf(formula: unknown, value: unknown): string | null {
  return isFormula(formula, value) ? formula : null;
}

/** The snapshot's value entry: empty strings become null; errors ("#DIV/0!") stay as text. */
export function valueOf(value: unknown): CellValue {
  if (value === '' || value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

/**
 * The `formulas` entry that puts a cell back as it was, from what `formulas` and `values` said
 * of it before: its formula, or its constant (text kept as text).
 */
export function restoreInput(formula: unknown, value: unknown): CellInput {
  if (isFormula(formula, value)) return formula;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return textInput(value);
  if (typeof formula === 'number' || typeof formula === 'boolean') return formula;
  return typeof formula === 'string' ? textInput(formula) : '';
}
