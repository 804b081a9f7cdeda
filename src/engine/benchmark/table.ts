/**
 * The benchmarking table PlanCheck inserts: one row per indicator, live formulas with their
 * values stored.
 *
 * Layout (rows relative to the anchor):
 *   0  title
 *   1  "Similar band" and its input cell (a share of the average: 5%)
 *   2  how to read it
 *   3  header of the Excel table; 4.. one row per indicator
 *   To the right, after a blank column, the chart data (indicator, own, average; indicator,
 *   percentile), and the two charts beside it.
 *
 * Columns: Indicator, Code, Polarity (an input: type higher or lower and rank, quartile,
 * percentile and flag follow), Own, the comparators, Comparator average, Median, Variance,
 * Variance %, Rank, Of, Quartile, Percentile, Flag, England average (when any), Source.
 *
 * Own, comparators, printed averages and ranks are formulas referring to the source cells
 * (='Benchmark data'!C5), so the table follows the council's own figures when they change;
 * a source cell that holds a figure typed as text ("£161.10") cannot be referred to, as Excel's
 * AVERAGE would skip it, and its parsed value is copied instead. Indicator labels and codes are
 * always copied as plain values, never formulas.
 */
import { a1, quoteSheet } from '../grid';
import type { CellSpec, ConditionalBand, TableSpec } from '../spec';
import { fx, val } from '../spec';
import {
  DEFAULT_SIMILAR_BAND,
  mean,
  median,
  percentileFromRank,
  percentileInGroup,
  quartileOf,
  rankInGroup,
} from './stats';
import type { BenchmarkResult, IndicatorResult, SourceCell } from './types';

export const FLAG_FILLS: Record<'better' | 'similar' | 'worse', string> = {
  better: '#C6EFCE',
  similar: '#FFEB9C',
  worse: '#FFC7CE',
};

export const QUARTILE_BANDS: ConditionalBand[] = [
  { min: 1, max: 1, fill: '#C6EFCE' },
  { min: 2, max: 2, fill: '#E2EFDA' },
  { min: 3, max: 3, fill: '#FFEB9C' },
  { min: 4, max: 4, fill: '#FFC7CE' },
];

const HEADER_FILL = '#D9E1F2';

export interface BenchmarkTableOptions {
  /** The own council's name for the header ("Worcestershire"); "Own council" when not given. */
  own?: string;
  /** The similar band, a share of the average; default 0.05. */
  similarBand?: number;
  /** Excel table name; default "PlanCheck_Benchmark" and the sheet's name. */
  tableName?: string;
}

type Out = number | string | null;

/** Builds the benchmarking table spec for a benchmark() result at an anchor. */
export function buildBenchmarkTable(
  result: BenchmarkResult,
  anchor: { sheet: string; row: number; col: number; newSheet?: boolean },
  options: BenchmarkTableOptions = {},
): TableSpec {
  const band = options.similarBand ?? DEFAULT_SIMILAR_BAND;
  const inds = result.indicators;
  const k = inds.reduce((n, i) => Math.max(n, i.source.comparators.length), 0);
  const hasEngland = inds.some((i) => i.source.england !== undefined);

  // Column positions, relative to the anchor
  const C = { indicator: 0, code: 1, polarity: 2, own: 3, comp0: 4 } as const;
  const avgC = C.comp0 + k;
  const col = {
    ...C,
    average: avgC,
    median: avgC + 1,
    variance: avgC + 2,
    variancePct: avgC + 3,
    rank: avgC + 4,
    of: avgC + 5,
    quartile: avgC + 6,
    percentile: avgC + 7,
    flag: avgC + 8,
    england: hasEngland ? avgC + 9 : -1,
    source: avgC + (hasEngland ? 10 : 9),
  };
  const width = col.source + 1;
  const chartLeft = width + 1;
  const HEADER = 3;
  const FIRST = HEADER + 1;
  const last = FIRST + Math.max(inds.length, 1) - 1;

  /** Absolute A1 of a cell relative to the anchor. */
  const ref = (r: number, c: number, absolute = false) => a1(anchor.row + r, anchor.col + c, absolute);
  const bandRef = ref(1, 1, true);

  const grid: (CellSpec | null)[][] = Array.from({ length: last + 1 }, () =>
    Array.from({ length: chartLeft + 6 }, () => null as CellSpec | null),
  );
  const put = (r: number, c: number, cell: CellSpec | null) => {
    grid[r][c] = cell;
  };

  put(0, 0, val('Benchmarking against comparator councils', { bold: true }));
  put(1, 0, val('Similar band (share of the comparator average)'));
  put(1, 1, val(band, { input: true, numberFormat: '0.0%' }));
  put(
    2,
    0,
    val(
      'Polarity: type higher or lower. Rank 1 = best; quartile 1 = best quarter; percentile 100 = best, 50 = the comparators\u2019 median.',
    ),
  );

  // Header
  const names = comparatorNames(inds, k);
  const headers: [number, string][] = [
    [col.indicator, 'Indicator'],
    [col.code, 'Code'],
    [col.polarity, 'Polarity'],
    [col.own, options.own?.trim() || 'Own council'],
    ...names.map((n, i) => [C.comp0 + i, n] as [number, string]),
    [col.average, 'Comparator average'],
    [col.median, 'Comparator median'],
    [col.variance, 'Variance'],
    [col.variancePct, 'Variance %'],
    [col.rank, 'Rank'],
    [col.of, 'Of'],
    [col.quartile, 'Quartile'],
    [col.percentile, 'Percentile'],
    [col.flag, 'Flag'],
    ...(hasEngland ? [[col.england, 'England average'] as [number, string]] : []),
    [col.source, 'Source'],
  ];
  for (const [c, h] of uniqueHeaders(headers)) put(HEADER, c, val(h, { bold: true, fill: HEADER_FILL }));

  inds.forEach((ind, i) => {
    const r = FIRST + i;
    const R = (c: number) => ref(r, c);
    const fmt = valueFormat(ind);
    put(r, col.indicator, val(ind.indicator));
    put(r, col.code, ind.code ? val(ind.code) : null);
    put(r, col.polarity, val(ind.polarity, { input: true }));

    const own = link(ind.sheet, ind.source.own, fmt);
    put(r, col.own, own.cell);
    const comps: number[] = [];
    ind.source.comparators.forEach((c, j) => {
      const l = link(ind.sheet, c, fmt);
      put(r, C.comp0 + j, l.cell);
      if (l.value !== null) comps.push(l.value);
    });
    const compRange = k > 0 ? `${R(C.comp0)}:${R(C.comp0 + k - 1)}` : null;
    const groupRange = `${R(col.own)}:${R(avgC - 1)}`;
    const ownV = own.value;
    const pol = ind.polarity;

    // Average and median
    let avg: number | null = null;
    if (compRange && comps.length > 0) {
      avg = mean(comps);
      put(r, col.average, fx(`AVERAGE(${compRange})`, avg, { numberFormat: fmt }));
      put(r, col.median, fx(`MEDIAN(${compRange})`, median(comps), { numberFormat: fmt }));
    } else if (ind.source.average) {
      const l = link(ind.sheet, ind.source.average, fmt);
      avg = l.value;
      put(r, col.average, l.cell);
    }

    // Variance
    const hasVariance = ownV !== null && avg !== null;
    const variance = hasVariance ? (ownV as number) - (avg as number) : null;
    if (hasVariance) {
      put(r, col.variance, fx(`${R(col.own)}-${R(col.average)}`, variance, { numberFormat: fmt }));
      const vp: Out = avg === 0 ? '' : (variance as number) / (avg as number);
      put(
        r,
        col.variancePct,
        fx(`IF(${R(col.average)}=0,"",${R(col.variance)}/${R(col.average)})`, vp, {
          numberFormat: '+0.0%;-0.0%;0.0%',
        }),
      );
    }
    const variancePct = hasVariance && avg !== 0 ? (variance as number) / (avg as number) : null;

    // Rank, of, quartile, percentile
    const P = R(col.polarity);
    const O = R(col.own);
    let rank: Out = null;
    let of: Out = null;
    let percentile: Out = null;
    let rankKind: 'computed' | 'printed' | null = null;
    if (compRange && comps.length > 0) {
      rankKind = 'computed';
      const computed = ownV !== null && pol ? rankInGroup(ownV, comps, pol) : null;
      rank = computed ? computed.rank : '';
      of = ownV !== null ? comps.length + 1 : '';
      percentile = ownV !== null && pol ? percentileInGroup(ownV, comps, pol) : '';
      put(
        r,
        col.rank,
        fx(
          `IF(OR(${O}="",COUNT(${compRange})=0),"",IF(${P}="higher",COUNTIF(${compRange},">"&${O})+1,IF(${P}="lower",COUNTIF(${compRange},"<"&${O})+1,"")))`,
          rank,
          { numberFormat: '0' },
        ),
      );
      put(r, col.of, fx(`IF(${O}="","",COUNT(${groupRange}))`, of, { numberFormat: '0' }));
      const n = `COUNT(${compRange})`;
      const ties = `COUNTIF(${compRange},${O})/2`;
      put(
        r,
        col.percentile,
        fx(
          `IF(OR(${O}="",${n}=0),"",IF(${P}="higher",100*(COUNTIF(${compRange},"<"&${O})+${ties})/${n},IF(${P}="lower",100*(COUNTIF(${compRange},">"&${O})+${ties})/${n},"")))`,
          percentile,
          { numberFormat: '0' },
        ),
      );
    } else if (ind.source.rank) {
      rankKind = 'printed';
      const lr = link(ind.sheet, ind.source.rank, '0');
      put(r, col.rank, lr.cell);
      rank = lr.value;
      if (ind.source.count) {
        const lc = link(ind.sheet, ind.source.count, '0');
        put(r, col.of, lc.cell);
        of = lc.value;
      }
      const pr = typeof rank === 'number' && typeof of === 'number' ? percentileFromRank(rank, of) : null;
      percentile = pr ?? '';
      const Rk = R(col.rank);
      const Of = R(col.of);
      put(
        r,
        col.percentile,
        fx(`IF(OR(${Rk}="",${Of}="",${Of}<=1,${Rk}<1,${Rk}>${Of}),"",100*(${Of}-${Rk})/(${Of}-1))`, percentile, {
          numberFormat: '0',
        }),
      );
    }
    if (rankKind) {
      const Rk = R(col.rank);
      const Of = R(col.of);
      const q: Out = typeof rank === 'number' && typeof of === 'number' ? (quartileOf(rank, of) ?? '') : '';
      put(
        r,
        col.quartile,
        fx(`IF(OR(${Rk}="",${Of}="",${Of}<=1),"",MIN(4,MAX(1,ROUNDUP(4*${Rk}/${Of},0))))`, q, { numberFormat: '0' }),
      );
    }

    // Flag
    if (hasVariance) {
      const V = R(col.variancePct);
      const flag: Out =
        variancePct === null || pol === null
          ? ''
          : Math.abs(variancePct) <= band
            ? 'similar'
            : (pol === 'higher' ? variancePct > 0 : variancePct < 0)
              ? 'better'
              : 'worse';
      put(
        r,
        col.flag,
        fx(
          `IF(OR(${V}="",AND(${P}<>"higher",${P}<>"lower")),"",IF(ABS(${V})<=${bandRef},"similar",IF(${P}="higher",IF(${V}>0,"better","worse"),IF(${V}<0,"better","worse"))))`,
          flag,
          flag === '' ? {} : { fill: FLAG_FILLS[flag as keyof typeof FLAG_FILLS] },
        ),
      );
    }

    if (hasEngland && ind.source.england) put(r, col.england, link(ind.sheet, ind.source.england, fmt).cell);
    put(r, col.source, val(`${ind.sheet}!${ind.source.own?.cell ?? ind.source.label}`));

    // Chart data: indicator, own, average | indicator, percentile
    put(r, chartLeft, val(ind.indicator));
    put(r, chartLeft + 1, own.value === null ? null : fx(R(col.own), own.value, { numberFormat: fmt }));
    put(r, chartLeft + 2, avg === null ? null : fx(R(col.average), avg, { numberFormat: fmt }));
    put(r, chartLeft + 4, val(ind.indicator));
    put(
      r,
      chartLeft + 5,
      typeof percentile === 'number' ? fx(R(col.percentile), percentile, { numberFormat: '0' }) : null,
    );
  });

  put(HEADER, chartLeft, val('Indicator', { bold: true }));
  put(HEADER, chartLeft + 1, val(options.own?.trim() || 'Own council', { bold: true }));
  put(HEADER, chartLeft + 2, val('Comparator average', { bold: true }));
  put(HEADER, chartLeft + 4, val('Indicator', { bold: true }));
  put(HEADER, chartLeft + 5, val('Percentile', { bold: true }));
  put(2, chartLeft, val('Chart data', { bold: true }));

  const tableName = options.tableName ?? `PlanCheck_Benchmark_${anchor.sheet.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const widths = Array.from({ length: chartLeft + 6 }, () => 12);
  widths[col.indicator] = 40;
  widths[col.source] = 24;
  widths[chartLeft] = 30;
  widths[chartLeft + 4] = 30;
  widths[chartLeft + 3] = 3;
  widths[width] = 3;

  return {
    title: 'Benchmarking against comparators',
    anchor: { sheet: anchor.sheet, row: anchor.row, col: anchor.col },
    ...(anchor.newSheet ? { newSheet: true } : {}),
    cells: grid,
    excelTable: { name: tableName.slice(0, 255), top: HEADER, left: 0, bottom: last, right: col.source },
    conditionalBands: [{ top: FIRST, left: col.quartile, bottom: last, right: col.quartile, bands: QUARTILE_BANDS }],
    columnWidths: widths,
    charts: [
      {
        type: 'bar',
        title: 'Own value against comparator average',
        data: { top: HEADER, left: chartLeft, bottom: last, right: chartLeft + 2 },
        at: { row: HEADER, col: chartLeft + 7 },
      },
      {
        type: 'radar',
        title: 'Percentile in comparator group',
        data: { top: HEADER, left: chartLeft + 4, bottom: last, right: chartLeft + 5 },
        at: { row: HEADER + 20, col: chartLeft + 7 },
      },
    ],
  };
}

/** A source cell in the new table: a reference to it when it holds a number, else its parsed value. */
function link(
  sheet: string,
  src: SourceCell | undefined,
  numberFormat: string,
): { cell: CellSpec | null; value: number | null } {
  if (!src) return { cell: null, value: null };
  if (src.numeric && src.value !== null)
    return { cell: fx(`${quoteSheet(sheet)}!${src.cell}`, src.value, { numberFormat }), value: src.value };
  return { cell: src.value === null ? null : val(src.value, { numberFormat }), value: src.value };
}

/** Comparator headers: the council's name where every indicator agrees on it, else "Comparator n". */
function comparatorNames(inds: IndicatorResult[], k: number): string[] {
  return Array.from({ length: k }, (_, j) => {
    const seen = new Set(
      inds.map((i) => i.source.comparators[j]?.name).filter((n): n is string => !!n && n.trim() !== ''),
    );
    return seen.size === 1 ? [...seen][0].trim() : `Comparator ${j + 1}`;
  });
}

/** Excel tables need distinct header names (case-insensitive). */
function uniqueHeaders(headers: [number, string][]): [number, string][] {
  const used = new Set<string>();
  return headers.map(([c, h]) => {
    let name = h;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${h} (${n})`;
    used.add(name.toLowerCase());
    return [c, name];
  });
}

/** Decimals an indicator's figures carry (0-3): the most of its own, printed average and comparators' values. */
export function figureDecimals(ind: Pick<IndicatorResult, 'own' | 'source'>): number {
  const values = [ind.own, ind.source.average?.value ?? null, ...ind.source.comparators.map((c) => c.value)];
  let places = 0;
  for (const v of values) {
    if (v === null) continue;
    const s = String(Math.round(Math.abs(v) * 1000) / 1000);
    const i = s.indexOf('.');
    places = Math.max(places, i < 0 ? 0 : s.length - i - 1);
  }
  return Math.min(3, places);
}

/** Number format for an indicator's values: as many decimals as its figures carry (0-3). */
function valueFormat(ind: IndicatorResult): string {
  const places = figureDecimals(ind);
  return places === 0 ? '#,##0' : `#,##0.${'0'.repeat(places)}`;
}
