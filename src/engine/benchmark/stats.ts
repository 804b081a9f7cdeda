/**
 * The arithmetic of benchmarking against a comparator group. Every function here has an Excel
 * formula twin in table.ts that computes the same number from the same cells.
 *
 * Definitions (the own council is never one of its own comparators):
 * - comparator average = mean of the comparators' values (Excel AVERAGE);
 * - median = median of the comparators' values (Excel MEDIAN);
 * - variance = own − average; variance % = variance / average (a fraction: 0.073 is +7.3%);
 * - rank = 1 + the number of comparators strictly better than the own value, so 1 is best and
 *   ties share the better (lower) rank; of = the group size, own council included;
 * - quartile = ceil(4 × rank / of), clamped to 1..4: 1 is the best quarter (none for a group of one);
 * - percentile = 100 × (B + T / 2) / N, where N is the number of comparators with a value, B
 *   the number the own value is strictly better than and T the number it ties with. A council
 *   better than every comparator is 100, worse than every one is 0, and a value equal to the
 *   comparators' median is 50. It needs a polarity: it says how good, not how big.
 *   Where only a printed rank r of n exists: 100 × (n − r) / (n − 1), the same figure when no
 *   council ties.
 * - flag: 'similar' when |variance %| ≤ band (default 0.05), else 'better' when the variance
 *   lies in the good direction, else 'worse'; null without a polarity or an average.
 */
import type { Polarity } from './polarity';

export const DEFAULT_SIMILAR_BAND = 0.05;

export function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** True when a is strictly better than b. */
export function isBetter(a: number, b: number, polarity: Polarity): boolean {
  return polarity === 'higher' ? a > b : a < b;
}

/** Rank of the own value among own + comparators: 1 = best, ties share the better rank. */
export function rankInGroup(own: number, comparators: number[], polarity: Polarity): { rank: number; of: number } {
  let better = 0;
  for (const c of comparators) if (isBetter(c, own, polarity)) better++;
  return { rank: better + 1, of: comparators.length + 1 };
}

/** Quartile from a rank: ceil(4 × rank / of), 1 = best quarter. */
export function quartileOf(rank: number, of: number): 1 | 2 | 3 | 4 | null {
  if (!(of > 1) || !(rank > 0)) return null;
  const q = Math.min(4, Math.max(1, Math.ceil((4 * rank) / of)));
  return q as 1 | 2 | 3 | 4;
}

/** Percentile of the own value among the comparators (see the module comment): 0-100, 100 = best. */
export function percentileInGroup(own: number, comparators: number[], polarity: Polarity): number | null {
  if (comparators.length === 0) return null;
  let beats = 0;
  let ties = 0;
  for (const c of comparators) {
    if (c === own) ties++;
    else if (isBetter(own, c, polarity)) beats++;
  }
  return (100 * (beats + ties / 2)) / comparators.length;
}

/** Percentile from a printed rank r of n: 100 × (n − r) / (n − 1). */
export function percentileFromRank(rank: number, of: number): number | null {
  if (!(of > 1) || !(rank >= 1) || rank > of) return null;
  return (100 * (of - rank)) / (of - 1);
}

export type Flag = 'better' | 'similar' | 'worse';

/** better / similar / worse against the average, with a band given as a share of the average. */
export function flagOf(variancePct: number | null, polarity: Polarity | null, band: number): Flag | null {
  if (variancePct === null || polarity === null) return null;
  if (Math.abs(variancePct) <= band) return 'similar';
  return variancePct > 0 === (polarity === 'higher') ? 'better' : 'worse';
}

/** Half a unit of the last printed digit of a figure typed as a number (161.1 -> 0.05; 54 -> 0.5). */
export function halfUnit(value: number): number {
  return 0.5 * 10 ** -decimals(value);
}

/** Decimals a typed number carries (to 6 places). */
export function decimals(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const s = String(Math.round(Math.abs(value) * 1e6) / 1e6);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** Decimals of a printed percentage in text ("+7.3%" -> 1, "-12%" -> 0); null when not a percentage. */
export function printedPercentDecimals(text: string): number | null {
  const m = /(\d+)(?:\.(\d+))?\s*%/.exec(text);
  if (!m) return null;
  return m[2] ? m[2].length : 0;
}
