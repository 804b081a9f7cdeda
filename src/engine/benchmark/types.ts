/** What benchmarking returns: one result per indicator, the tables it came from, findings. */
import type { Finding } from '../findings';
import type { Flag } from './stats';
import type { Polarity, PolaritySource } from './polarity';

/** A cell that took part, with its A1 address on the source sheet. */
export interface SourceCell {
  /** A1 address on `IndicatorResult.sheet` ("C5"). */
  cell: string;
  /** The figure read there, null when it is not one. */
  value: number | null;
  /** True when the cell holds a plain number (or a formula giving one) that a formula can refer to. */
  numeric: boolean;
  /** Number format of the source cell, if known. */
  numberFormat?: string | null;
}

export interface ComparatorCell extends SourceCell {
  /** The comparator council's name, from its header (or row label, for councils as rows). */
  name: string;
}

export interface IndicatorSource {
  /** The table's id ("Sheet!B3:F8"). */
  table: string;
  /** Where the indicator's label is. */
  label: string;
  code?: string;
  own?: SourceCell;
  comparators: ComparatorCell[];
  /** The printed comparator average. */
  average?: SourceCell;
  england?: SourceCell;
  /** Printed variance: a fraction when printed as a percentage. */
  variance?: SourceCell & { percent: boolean; text?: string };
  rank?: SourceCell;
  count?: SourceCell;
  polarity?: { cell: string; text: string };
}

export interface IndicatorResult {
  indicator: string;
  code?: string;
  sheet: string;
  /** 1-based sheet row of the indicator (for councils as rows: the own council's row). */
  row: number;
  polarity: Polarity | null;
  /** Where the polarity came from: a printed column, the ASCOF code list, settings, or nowhere. */
  polarityFrom: PolaritySource;
  own: number | null;
  comparatorAverage: number | null;
  /** Where the average came from: the comparators' mean, or the printed average (no comparator values). */
  averageFrom: 'comparators' | 'printed' | null;
  median: number | null;
  variance: number | null;
  /** A fraction: 0.073 for +7.3%. */
  variancePct: number | null;
  rank: number | null;
  of: number | null;
  rankFrom: 'computed' | 'printed' | null;
  quartile: 1 | 2 | 3 | 4 | null;
  /** 0-100, 100 = best, 50 = the comparators' median (see stats.ts). */
  percentile: number | null;
  flag: Flag | null;
  englandAverage: number | null;
  /** The table's title, when the reader found one. */
  title?: string;
  source: IndicatorSource;
}

export interface BenchmarkResult {
  tables: { sheet: string; range: string }[];
  indicators: IndicatorResult[];
  findings: Finding[];
}
