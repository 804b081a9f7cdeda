/** Benchmarking through the reader: readTables() on sheets laid out as the documents print them. */
import { benchmark, buildBenchmarkTable } from '../../../src/engine/benchmark';
import { snapshotFromRows, type CellValue, type WorkbookSnapshot } from '../../../src/engine/grid';
import { readTables } from '../../../src/engine/tables';
import { offsetGrid, seedGrid } from '../../../src/samples/seeds';

function workbook(...sheets: [string, CellValue[][]][]): WorkbookSnapshot {
  return { name: 'plan.xlsx', sheets: sheets.map(([n, rows]) => snapshotFromRows(n, rows)), names: [] };
}

describe('through readTables', () => {
  it('Manchester 2009: both value-for-money tables, at the printed variances, asking for a polarity', () => {
    const a = seedGrid('manchester-2009-cost-per-head', { part: 0 }).rows;
    const b = seedGrid('manchester-2009-cost-per-head', { part: 1 }).rows;
    const wb = workbook(['1.7 Value for money', [...a, [], [], ...b]]);
    const settings = { benchmark: { own: 'Manchester' } };
    const result = benchmark(wb, readTables(wb, settings), settings);
    expect(result.tables).toHaveLength(2);
    expect(result.indicators.map((i) => Math.round((i.variancePct as number) * 1000) / 10)).toEqual([
      7.3, 7.8, -11.5, 29.4, -20.4, -30.8, -17.5,
    ]);
    expect(result.findings.filter((f) => f.rule === 'benchmark.variance')).toEqual([]);
    expect(result.findings.filter((f) => f.rule === 'benchmark.polarity')).toHaveLength(7);
    expect(result.indicators[0]).toMatchObject({
      indicator: 'Older People',
      row: 4,
      own: 161.1,
      comparatorAverage: 150.07,
    });
  });

  it('Worcestershire ASCOF: ranks carried, 2A1 lower is better, the England columns kept apart', () => {
    const { rows } = seedGrid('worcestershire-2017-ascof-benchmark');
    const wb = workbook(['ASCOF', offsetGrid(rows, 2, 1)]);
    const settings = { benchmark: { own: 'Worcestershire' } };
    const result = benchmark(wb, readTables(wb, settings), settings);
    expect(result.indicators).toHaveLength(26);
    const a1 = result.indicators.find((i) => i.code === '2A1');
    expect(a1).toMatchObject({
      polarity: 'lower',
      rank: 10,
      of: 16,
      quartile: 3,
      comparatorAverage: 12,
      englandAverage: 12.8,
      flag: 'worse',
    });
    expect(result.findings).toEqual([]);
  });

  it('a CIPFA nearest-neighbours sheet: computed ranks, formulas that reach the source', () => {
    const rows: CellValue[][] = [
      ['Adult social care against CIPFA nearest neighbours, 2016-17'],
      [],
      ['Indicator', 'Good is', 'Stockport', 'Trafford', 'Bolton', 'Manchester', 'Wigan', 'Comparator average'],
      ['Delayed transfers of care per 100,000', 'Low', 10, 12, 8, 6, 14, 11],
      ['Permanent admissions, 65+', 'Lower', 8, 10, 6, 8, 12, 9],
      ['Satisfaction with care and support', 'High', 40, 45, 55, 50, 60, 50],
    ];
    const wb = workbook(['Neighbours', rows]);
    const settings = { benchmark: { own: 'Manchester' } };
    const read = readTables(wb, settings);
    const result = benchmark(wb, read, settings);
    expect(result.indicators.map((i) => [i.rank, i.of, i.quartile, i.percentile])).toEqual([
      [1, 5, 1, 100],
      [2, 5, 2, 62.5],
      [3, 5, 3, 50],
    ]);
    const spec = buildBenchmarkTable(result, { sheet: 'Benchmarks', row: 0, col: 0, newSheet: true });
    expect(spec.cells[4][3]).toMatchObject({ formula: '=Neighbours!F4', value: 6 });
  });
});
