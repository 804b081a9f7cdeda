/**
 * Benchmarking against a comparator group (CIPFA nearest neighbours, ASCOF comparator
 * groups): the own council's value against the comparators' average and median, variance,
 * rank (1 = best), quartile, percentile and a better / similar / worse flag; findings where
 * printed variances, averages or ranks disagree with the figures, and a table to insert.
 */
export { benchmark } from './analyse';
export { buildBenchmarkTable, FLAG_FILLS, QUARTILE_BANDS, type BenchmarkTableOptions } from './table';
export {
  mapComparatorColumns,
  classifyComparatorHeader,
  matchOwn,
  normaliseCouncil,
  type ComparatorMapping,
  type IndicatorsAsRows,
  type CouncilsAsRows,
  type HeaderKind,
} from './columns';
export {
  ASCOF_CODES,
  ASCOF_LOWER_IS_BETTER,
  ascofCode,
  ascofPolarity,
  parsePolarity,
  resolvePolarity,
  settingsPolarity,
  type Polarity,
  type PolaritySource,
} from './polarity';
export {
  DEFAULT_SIMILAR_BAND,
  mean,
  median,
  rankInGroup,
  quartileOf,
  percentileInGroup,
  percentileFromRank,
  flagOf,
  type Flag,
} from './stats';
export type { BenchmarkResult, IndicatorResult, IndicatorSource, SourceCell, ComparatorCell } from './types';
