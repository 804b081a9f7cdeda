/** What a formula's text says about itself, for the reader and the rules alike. */
import { columnIndex } from './grid';

/** What a total's formula does with its cells: adds them, or something else (an average, a count). */
export type Aggregation = 'sum' | 'sum-visible' | 'other';

const NOT_SUM_FUNCTIONS =
  /^(AVERAGE|AVERAGEA|AVERAGEIF|AVERAGEIFS|COUNT|COUNTA|COUNTIF|COUNTIFS|COUNTBLANK|MIN|MAX|MEDIAN|MODE|STDEV|VAR|PRODUCT|LARGE|SMALL)$/i;

/**
 * The aggregation a formula's outermost function performs: SUBTOTAL and AGGREGATE by their function
 * number (9/109 sum; 1/101 average, 2/102 count, 4 max ... are not sums); null when the formula is not
 * an aggregation (a difference, a ratio, a lookup).
 */
export function aggregation(formula: string): Aggregation | null {
  const m = /^=\s*([A-Z][A-Z0-9.]*)\(\s*(\d+)?/i.exec(formula.trim());
  if (!m) return null;
  const fn = m[1].toUpperCase();
  if (fn === 'SUM') return 'sum';
  if (fn === 'SUBTOTAL' || fn === 'AGGREGATE') {
    const n = Number(m[2]);
    if (n === 9 || n === 109) return 'sum-visible';
    return 'other';
  }
  if (NOT_SUM_FUNCTIONS.test(fn)) return 'other';
  return null;
}

/** Cells a sum covers along one column (or row), and whether it skips nested SUBTOTALs. */
export interface Coverage {
  covered: Set<number>;
  /** SUBTOTAL(9|109) and AGGREGATE(9) leave out other SUBTOTAL and AGGREGATE results in their range. */
  skipsNested: boolean;
}

/**
 * Rows (or columns) a total's formula adds up along one column (or row): SUM, SUBTOTAL(9|109),
 * AGGREGATE(9, ...) of ranges and cells, or a plain chain of cells joined by "+". Null when it is
 * anything else.
 */
export function totalCoverage(formula: string, along: 'column' | 'row', fixed: number): Coverage | null {
  const f = formula.trim();
  let args: string[];
  let skipsNested = false;
  const fn = /^=\s*(SUM|SUBTOTAL|AGGREGATE)\((.*)\)\s*$/i.exec(f);
  if (fn) {
    args = fn[2].split(',');
    const name = fn[1].toUpperCase();
    if (name !== 'SUM') {
      const n = Number(args.shift());
      if (n !== 9 && n !== 109) return null;
      if (name === 'AGGREGATE') args.shift();
      skipsNested = true;
    }
  } else if (/^=\s*\$?[A-Z]{1,3}\$?\d{1,7}(\s*\+\s*\$?[A-Z]{1,3}\$?\d{1,7})+\s*$/i.test(f)) {
    args = f.replace(/^=/, '').split('+');
  } else return null;
  const covered = new Set<number>();
  for (const part of args) {
    const r = /^\s*\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?\s*$/i.exec(part);
    if (!r) return null;
    const c1 = columnIndex(r[1]);
    const r1 = Number(r[2]) - 1;
    const c2 = r[3] ? columnIndex(r[3]) : c1;
    const r2 = r[4] ? Number(r[4]) - 1 : r1;
    if (along === 'column') {
      if (c1 !== fixed || c2 !== fixed) return null;
      for (let i = Math.min(r1, r2); i <= Math.max(r1, r2); i++) covered.add(i);
    } else {
      if (r1 !== fixed || r2 !== fixed) return null;
      for (let i = Math.min(c1, c2); i <= Math.max(c1, c2); i++) covered.add(i);
    }
  }
  return { covered, skipsNested };
}

/** A cell or range a formula refers to on its own sheet (0-based, inclusive). */
export interface Reference {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * The cells and ranges on its own sheet that a formula refers to: A1, $B$2, C3:D9. References to
 * other sheets ('Q1'!B2, Detail!C4:C9), text in quotes, and function and name tokens are left out.
 */
export function references(formula: string): Reference[] {
  const text = formula.replace(/"[^"]*"/g, '""');
  const out: Reference[] = [];
  const re = /(^|[^A-Za-z0-9_.!'$])\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?(?![A-Za-z0-9_(!])/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const c1 = columnIndex(m[2]);
    const r1 = Number(m[3]) - 1;
    const c2 = m[4] ? columnIndex(m[4]) : c1;
    const r2 = m[5] ? Number(m[5]) - 1 : r1;
    out.push({ top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) });
  }
  return out;
}
