/**
 * benchmark(): every indicator of every comparator table, against its comparator group.
 * The arithmetic is in stats.ts, the column mapping in columns.ts, polarity in polarity.ts.
 */
import type { Finding } from '../findings';
import { a1, SheetView, type CellValue, type WorkbookSnapshot } from '../grid';
import type { Figure } from '../numbers';
import type { Settings } from '../settings';
import type { ReadResult } from '../tables';
import type { FoundTable, TableRow } from '../tables/types';
import { mapComparatorColumns, type ComparatorMapping, type CouncilsAsRows, type IndicatorsAsRows } from './columns';
import { ascofCode, resolvePolarity } from './polarity';
import {
  DEFAULT_SIMILAR_BAND,
  decimals,
  flagOf,
  halfUnit,
  mean,
  median,
  percentileFromRank,
  percentileInGroup,
  printedPercentDecimals,
  quartileOf,
  rankInGroup,
} from './stats';
import type { BenchmarkResult, ComparatorCell, IndicatorResult, IndicatorSource, SourceCell } from './types';

const SKIP_ROWS: TableRow['role'][] = ['blank', 'section', 'total', 'subtotal', 'source'];

/** The cells of one indicator, wherever the layout put them. */
interface IndicatorCells {
  label: string;
  labelCell: string;
  code: string | null;
  row: number;
  own: [number, number] | null;
  comparators: { at: [number, number]; name: string }[];
  average: [number, number] | null;
  england: [number, number] | null;
  variance: [number, number] | null;
  variancePercent: boolean;
  rank: [number, number] | null;
  count: [number, number] | null;
  polarity: [number, number] | null;
}

class Cells {
  constructor(
    private readonly wb: WorkbookSnapshot,
    private readonly read: ReadResult,
    readonly table: FoundTable,
  ) {}

  private viewCache: SheetView | null = null;

  get view(): SheetView | null {
    if (this.viewCache) return this.viewCache;
    const v = this.read.views?.[this.table.sheet];
    if (v) return (this.viewCache = v);
    const sheet = this.wb.sheets.find((s) => s.name === this.table.sheet);
    return sheet ? (this.viewCache = new SheetView(sheet)) : null;
  }

  raw(at: [number, number]): CellValue {
    return this.view?.value(at[0], at[1]) ?? null;
  }

  figure(at: [number, number]): Figure {
    return this.read.figure(this.table.sheet, at[0], at[1]);
  }

  /** The figure's value; a dash or "n/a" typed in a benchmarking table means no data, not zero. */
  value(at: [number, number]): number | null {
    const f = this.figure(at);
    if (f.kind === 'number') return f.value;
    if (f.kind === 'nil') return typeof this.raw(at) === 'number' ? 0 : null;
    return null;
  }

  source(at: [number, number]): SourceCell {
    return {
      cell: a1(at[0], at[1]),
      value: this.value(at),
      numeric: typeof this.raw(at) === 'number',
      numberFormat: this.view?.numberFormat(at[0], at[1]) ?? null,
    };
  }
}

/** Compares an own council's figures with its comparator group, table by table. */
export function benchmark(wb: WorkbookSnapshot, read: ReadResult, settings: Settings): BenchmarkResult {
  const result: BenchmarkResult = { tables: [], indicators: [], findings: [] };
  for (const table of read.tables) {
    const mapping = mapComparatorColumns(table, settings, read);
    if (table.kind !== 'comparator' && !clearlyComparator(mapping)) continue;
    const cells = new Cells(wb, read, table);
    const found = indicatorCells(table, mapping, cells);
    if (found.length === 0) continue;
    result.tables.push({ sheet: table.sheet, range: table.range });
    ownFindings(table, mapping, settings, result.findings);
    for (const ic of found) {
      const ind = analyseIndicator(ic, cells, settings, result.findings);
      if (ind) result.indicators.push(ind);
    }
  }
  return result;
}

/** A table the reader called something else is benchmarked only with an own column and an average or rank. */
function clearlyComparator(m: ComparatorMapping): boolean {
  if (m.layout === 'indicators-as-rows') return m.own !== null && (m.average !== null || m.rank !== null);
  return m.ownRow !== null && m.averageRow !== null;
}

function indicatorCells(table: FoundTable, m: ComparatorMapping, cells: Cells): IndicatorCells[] {
  return m.layout === 'indicators-as-rows' ? rowsLayout(table, m, cells) : councilsLayout(table, m);
}

function rowsLayout(table: FoundTable, m: IndicatorsAsRows, cells: Cells): IndicatorCells[] {
  const out: IndicatorCells[] = [];
  for (const r of table.rows) {
    if (SKIP_ROWS.includes(r.role) || r.hidden) continue;
    const at = (col: number | null): [number, number] | null => (col === null ? null : [r.row, col]);
    const labelText = m.label !== null ? text(cells.raw([r.row, m.label])) : r.label.trim();
    const codeText = m.code !== null ? text(cells.raw([r.row, m.code])) : '';
    const code = ascofCode(codeText) ?? ascofCode(labelText) ?? (codeText !== '' ? codeText : null);
    const label = labelText || codeText;
    if (label === '') continue;
    const figureCols = [m.own, m.average, m.variance, m.rank, ...m.comparators.map((c) => c.col)];
    if (figureCols.every((c) => c === null || cells.raw([r.row, c]) === null)) continue;
    out.push({
      label,
      labelCell: a1(r.row, m.label ?? m.code ?? table.left),
      code,
      row: r.row,
      own: at(m.own),
      comparators: m.comparators.map((c) => ({ at: [r.row, c.col] as [number, number], name: c.name })),
      average: at(m.average),
      england: at(m.england),
      variance: at(m.variance),
      variancePercent: m.variancePercent,
      rank: at(m.rank),
      count: at(m.count),
      polarity: at(m.polarity),
    });
  }
  return out;
}

function councilsLayout(table: FoundTable, m: CouncilsAsRows): IndicatorCells[] {
  const headerRow = table.headerRows[table.headerRows.length - 1] ?? table.top;
  return m.indicators.map((ind) => {
    const at = (row: number | null): [number, number] | null => (row === null ? null : [row, ind.col]);
    return {
      label: ind.header,
      labelCell: a1(headerRow, ind.col),
      code: ind.code,
      row: m.ownRow ?? headerRow,
      own: at(m.ownRow),
      comparators: m.comparators.map((c) => ({ at: [c.row, ind.col] as [number, number], name: c.name })),
      average: at(m.averageRow),
      england: at(m.englandRow),
      variance: null,
      variancePercent: false,
      rank: at(m.rankRow),
      count: at(m.countRow),
      polarity: at(m.polarityRow),
    };
  });
}

function text(v: CellValue): string {
  return v === null ? '' : String(v).trim();
}

function ownFindings(table: FoundTable, m: ComparatorMapping, settings: Settings, findings: Finding[]): void {
  const own = settings.benchmark?.own;
  const cell = a1(table.headerRows[0] ?? table.top, table.left);
  const base = { sheet: table.sheet, cell, table: `${table.sheet}!${table.range}` };
  const ownFound = m.layout === 'indicators-as-rows' ? m.own !== null : m.ownRow !== null;
  if (!ownFound) {
    findings.push({
      ...base,
      rule: 'benchmark.own',
      severity: 'warning',
      message: own
        ? `No ${m.layout === 'indicators-as-rows' ? 'column' : 'row'} of this comparator table is ${own}: say which is your council (Benchmarks tab › Your council), or check its name in the table.`
        : 'Say which column of this comparator table is your council (Benchmarks tab › Your council), so PlanCheck can compare it with the others.',
    });
    return;
  }
  if (m.layout === 'indicators-as-rows' && own && (m.ownBy === 'only-council' || m.ownBy === 'beside-average')) {
    const header = table.columns.find((c) => c.col === m.own)?.header ?? '';
    findings.push({
      ...base,
      cell: a1(table.headerRows[table.headerRows.length - 1] ?? table.top, m.own as number),
      rule: 'benchmark.own',
      severity: 'info',
      message: `Took "${header}" as your council: no column is headed ${own}.`,
    });
  }
}

function pct(x: number, places = 1): string {
  const s = (x * 100).toFixed(places);
  return `${x > 0 ? '+' : ''}${s}%`;
}

function num(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}

function analyseIndicator(
  ic: IndicatorCells,
  cells: Cells,
  settings: Settings,
  findings: Finding[],
): IndicatorResult | null {
  const table = cells.table;
  const sheet = table.sheet;
  const tableId = `${sheet}!${table.range}`;
  const at = (pos: [number, number]) => a1(pos[0], pos[1]);
  const ownName =
    (ic.own &&
      table.columns
        .find((c) => c.col === ic.own?.[1])
        ?.header.split(' / ')
        .pop()
        ?.trim()) ||
    settings.benchmark?.own ||
    'your council';

  // Figures where figures belong
  const figureCells: [number, number][] = [
    ...(ic.own ? [ic.own] : []),
    ...ic.comparators.map((c) => c.at),
    ...[ic.average, ic.england, ic.variance, ic.rank, ic.count].filter((x): x is [number, number] => x !== null),
  ];
  for (const pos of figureCells) {
    const f = cells.figure(pos);
    if (f.kind === 'bad' || f.kind === 'error' || (f.kind === 'text' && cells.raw(pos) !== null)) {
      const raw = cells.raw(pos);
      if (
        f.kind === 'text' &&
        typeof raw === 'string' &&
        /^(n\/?a|-+|–|—|\.\.|x|\*|c|z|:|no data|not available)$/i.test(raw.trim())
      )
        continue;
      findings.push({
        rule: 'benchmark.figure',
        severity: 'warning',
        sheet,
        cell: at(pos),
        table: tableId,
        message: `"${String(raw)}" is not a figure, where ${ic.label} needs one: it is left out of the comparison.`,
        actual: String(raw),
      });
    }
  }

  const own = ic.own ? cells.source(ic.own) : undefined;
  const comparators: ComparatorCell[] = ic.comparators.map((c) => ({ ...cells.source(c.at), name: c.name }));
  const average = ic.average ? cells.source(ic.average) : undefined;
  const england = ic.england ? cells.source(ic.england) : undefined;
  const rankCell = ic.rank ? cells.source(ic.rank) : undefined;
  const countCell = ic.count ? cells.source(ic.count) : undefined;
  const polarityRaw = ic.polarity ? cells.raw(ic.polarity) : null;

  const compValues = comparators.map((c) => c.value).filter((v): v is number => v !== null);
  const ownValue = own?.value ?? null;
  const printedAverage = average?.value ?? null;
  const compMean = mean(compValues);
  const comparatorAverage = compMean ?? printedAverage;
  const averageFrom = compMean !== null ? 'comparators' : printedAverage !== null ? 'printed' : null;
  const med = median(compValues);
  const variance = ownValue !== null && comparatorAverage !== null ? ownValue - comparatorAverage : null;
  const variancePct = variance !== null && comparatorAverage !== 0 ? variance / (comparatorAverage as number) : null;

  const { polarity, from } = resolvePolarity(settings, {
    label: ic.label,
    code: ic.code,
    title: table.title,
    printed: polarityRaw,
  });

  let rank: number | null = null;
  let of: number | null = null;
  let rankFrom: IndicatorResult['rankFrom'] = null;
  let percentile: number | null = null;
  const printedRank = rankCell?.value ?? null;
  const printedCount = countCell?.value ?? null;
  if (ownValue !== null && compValues.length > 0 && polarity) {
    ({ rank, of } = rankInGroup(ownValue, compValues, polarity));
    rankFrom = 'computed';
    percentile = percentileInGroup(ownValue, compValues, polarity);
  } else if (printedRank !== null) {
    rank = printedRank;
    of = printedCount;
    rankFrom = 'printed';
    percentile = of !== null ? percentileFromRank(rank, of) : null;
  }
  const quartile = rank !== null && of !== null ? quartileOf(rank, of) : null;
  const band = settings.benchmark?.similarBand ?? DEFAULT_SIMILAR_BAND;
  const flag = flagOf(variancePct, polarity, band);

  const base = { sheet, table: tableId };
  if (polarity === null && ownValue !== null && comparatorAverage !== null) {
    findings.push({
      ...base,
      rule: 'benchmark.polarity',
      severity: 'info',
      cell: ic.labelCell,
      message: `Say whether a higher or a lower "${ic.label}" is better (Benchmarks tab › Better when), so PlanCheck can rank it and flag it against the comparators; ${ownName}'s ${num(ownValue)} is ${variancePct === null ? 'level with' : pct(variancePct)} against the comparator average of ${num(comparatorAverage)}.`,
    });
  }

  // A printed comparator average against the comparators' mean
  if (average && printedAverage !== null && compMean !== null) {
    const tol =
      halfUnit(printedAverage) + Math.max(...comparators.map((c) => (c.value === null ? 0 : halfUnit(c.value)))) + 1e-9;
    const diff = printedAverage - compMean;
    if (Math.abs(diff) > tol) {
      const withOwn = ownValue !== null ? mean([...compValues, ownValue]) : null;
      const includesOwn = withOwn !== null && Math.abs(printedAverage - withOwn) <= tol;
      findings.push({
        ...base,
        rule: 'benchmark.average',
        severity: 'warning',
        cell: average.cell,
        message:
          `The comparator average for ${ic.label} is printed as ${num(printedAverage)}, but the ${compValues.length} comparators average ${num(compMean)}` +
          (includesOwn ? `: the printed figure seems to include ${ownName} itself.` : '.'),
        expected: round6(compMean),
        actual: printedAverage,
        difference: round6(diff),
        related: comparators.map((c) => c.cell),
      });
    }
  }

  // A printed variance against own − average
  let varianceSource: IndicatorSource['variance'];
  if (ic.variance) {
    const vs = cells.source(ic.variance);
    const raw = cells.raw(ic.variance);
    const f = cells.figure(ic.variance);
    const format = vs.numberFormat ?? '';
    const formatPercent = /%/.test(format.replace(/"[^"]*"/g, ''));
    const percent = f.percent === true || (typeof raw === 'number' && formatPercent) || ic.variancePercent;
    let printed = vs.value;
    if (printed !== null && percent && !f.percent && !formatPercent) printed = printed / 100;
    varianceSource = { ...vs, value: printed, percent, text: typeof raw === 'string' ? raw : undefined };
    if (printed !== null && variance !== null && comparatorAverage !== null) {
      const avgHalf =
        averageFrom === 'printed'
          ? halfUnit(comparatorAverage)
          : Math.max(0, ...comparators.map((c) => (c.value === null ? 0 : halfUnit(c.value))));
      const ownHalf = halfUnit(ownValue as number);
      if (percent && variancePct !== null) {
        const places =
          typeof raw === 'string'
            ? (printedPercentDecimals(raw) ?? 0)
            : formatPercent
              ? formatDecimals(format)
              : decimals((vs.value as number) * (f.percent ? 100 : 1));
        const tol =
          0.5 * 10 ** -(places + 2) +
          (ownHalf + Math.abs((ownValue as number) / comparatorAverage) * avgHalf) / Math.abs(comparatorAverage) +
          1e-9;
        if (Math.abs(printed - variancePct) > tol) {
          findings.push({
            ...base,
            rule: 'benchmark.variance',
            severity: 'warning',
            cell: vs.cell,
            message: `The variance for ${ic.label} is printed as ${typeof raw === 'string' ? raw.trim() : pct(printed, places)}, but ${ownName}'s ${num(ownValue as number)} against the comparator average of ${num(comparatorAverage)} is ${pct(variancePct, places + 1)}.`,
            expected: round6(variancePct),
            actual: round6(printed),
            difference: round6(printed - variancePct),
            related: [own?.cell, average?.cell].filter((x): x is string => !!x),
          });
        }
      } else if (!percent) {
        const tol = halfUnit(printed) + ownHalf + avgHalf + 1e-9;
        if (Math.abs(printed - variance) > tol) {
          findings.push({
            ...base,
            rule: 'benchmark.variance',
            severity: 'warning',
            cell: vs.cell,
            message: `The variance for ${ic.label} is printed as ${num(printed)}, but ${ownName}'s ${num(ownValue as number)} less the comparator average of ${num(comparatorAverage)} is ${num(variance)}.`,
            expected: round6(variance),
            actual: printed,
            difference: round6(printed - variance),
            related: [own?.cell, average?.cell].filter((x): x is string => !!x),
          });
        }
      }
    }
  }

  // A printed rank against the one the comparators give
  if (
    rankFrom === 'computed' &&
    printedRank !== null &&
    rankCell &&
    (printedRank !== rank || (printedCount !== null && printedCount !== of))
  ) {
    findings.push({
      ...base,
      rule: 'benchmark.rank',
      severity: 'warning',
      cell: rankCell.cell,
      message: `${ic.label} is printed as ranked ${num(printedRank)}${printedCount !== null ? ` of ${num(printedCount)}` : ''}, but among ${ownName} and the ${compValues.length} comparators it ranks ${rank} of ${of} (1 = best, ${polarity} is better).`,
      expected: rank as number,
      actual: printedRank,
    });
  }

  const source: IndicatorSource = { table: tableId, label: ic.labelCell, comparators };
  if (ic.code) source.code = ic.code;
  if (own) source.own = own;
  if (average) source.average = average;
  if (england) source.england = england;
  if (varianceSource) source.variance = varianceSource;
  if (rankCell) source.rank = rankCell;
  if (countCell) source.count = countCell;
  if (ic.polarity && typeof polarityRaw === 'string') source.polarity = { cell: at(ic.polarity), text: polarityRaw };

  const result: IndicatorResult = {
    indicator: ic.label,
    sheet,
    row: ic.row + 1,
    polarity,
    polarityFrom: from,
    own: ownValue,
    comparatorAverage,
    averageFrom,
    median: med,
    variance,
    variancePct,
    rank,
    of,
    rankFrom,
    quartile,
    percentile,
    flag,
    englandAverage: england?.value ?? null,
    source,
  };
  if (ic.code) result.code = ic.code;
  if (table.title) result.title = table.title;
  return result;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Decimals shown by a percentage format ("0.0%" -> 1). */
function formatDecimals(format: string): number {
  const m = /0\.(0+)\s*%/.exec(format);
  return m ? m[1].length : 0;
}
