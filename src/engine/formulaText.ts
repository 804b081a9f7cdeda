/** What a formula's text says about itself, for the reader and the rules alike. */

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
