/**
 * Numbers as the command line prints them: an indicator's figures to the decimals its table gives
 * them (as the benchmarking table PlanCheck inserts shows them), and JSON without the binary
 * noise of sums and means (77.975, not 77.97500000000001).
 */
import { figureDecimals } from '../engine/benchmark/table';
import type { IndicatorResult } from '../engine/benchmark/types';
import { formatFigure } from '../engine/numbers';

/** A figure of an indicator at its figures' decimals ("77.9", "642"); "-" when there is none. */
function figure(v: number | null, decimals: number): string {
  return v === null ? '-' : formatFigure(v, { decimals });
}

/** "+7.3%" from 0.073; empty when there is none. */
function percent(v: number | null): string {
  return v === null ? '' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;
}

/** One indicator of `plancheck benchmark`: own and average at its figures' decimals, the variance, rank and flag. */
export function benchmarkLine(i: IndicatorResult): string {
  const places = figureDecimals(i);
  const rank = i.rank === null ? '' : `rank ${i.rank} of ${i.of}`;
  return (
    `${i.indicator.padEnd(24)} own ${figure(i.own, places)}  average ${figure(i.comparatorAverage, places)}  ` +
    `${percent(i.variancePct)}  ${rank}  ${i.flag ?? ''}`
  );
}

/** JSON.stringify's replacer: a fraction to 12 significant digits, which drops float noise and keeps every figure. */
export function noFloatNoise(_key: string, value: unknown): unknown {
  return typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value)
    ? Number(value.toPrecision(12))
    : value;
}
