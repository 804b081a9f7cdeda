/**
 * Comparator tables with the comparators' own figures: indicators as rows and councils as
 * columns (a CIPFA nearest-neighbours sheet), and the transpose.
 */
import { benchmark, mapComparatorColumns } from '../../../src/engine/benchmark';
import type { CellValue } from '../../../src/engine/grid';
import { fixture } from './fixtures';

const HEADER: CellValue[] = [
  'Indicator',
  'Good is',
  'Stockport',
  'Trafford',
  'Bolton',
  'Manchester',
  'Wigan',
  'Comparator average',
  'Comparator rank',
];
const NEIGHBOURS: CellValue[][] = [
  ['Adult social care indicators against CIPFA nearest neighbours, 2016-17'],
  [],
  HEADER,
  ['Delayed transfers of care per 100,000 (2C1)', 'Low', 10, 12, 8, 6, 14, 11, 1],
  ['Permanent admissions to care homes, 65+ (2A2)', 'Lower', 8, 10, 6, 8, 12, 9, 2],
  ['Satisfaction of people who use services', 'High', 40, 45, 55, 50, 60, 50, 3],
  ['Still at home 91 days after reablement', 'Higher', 70, 80, 75, 60, 90, 78.75, 5],
  ['Carer-reported quality of life', 'High', 7.1, 7.3, 8.2, 9, 7.4, 7.8, 1],
  ['Learning disability in paid employment', 'High', '3O', 32, 28, 30, 31, 30.3, 3],
];

const settings = { benchmark: { own: 'Manchester City Council' } };

describe('indicators as rows, councils as columns', () => {
  const f = fixture('Neighbours', { rows: NEIGHBOURS, headerRow: 2 }, { row: 1, col: 1 });
  const result = benchmark(f.wb, f.read, settings);
  const ind = (n: number) => result.indicators[n];

  it('maps the own council by name among the councils, the comparators, average, rank and polarity', () => {
    const m = mapComparatorColumns(f.table, settings, f.read);
    expect(m).toMatchObject({
      layout: 'indicators-as-rows',
      label: 1,
      polarity: 2,
      own: 6,
      ownBy: 'name',
      average: 8,
      rank: 9,
    });
    expect(m.layout === 'indicators-as-rows' && m.comparators.map((c) => c.name)).toEqual([
      'Stockport',
      'Trafford',
      'Bolton',
      'Wigan',
    ]);
  });

  it('ranks the smallest value first where lower is better', () => {
    expect(ind(0)).toMatchObject({
      own: 6,
      polarity: 'lower',
      polarityFrom: 'column',
      rank: 1,
      of: 5,
      rankFrom: 'computed',
    });
  });

  it('leaves the own council out of the comparator average and median', () => {
    expect(ind(0).comparatorAverage).toBe(11); // (10 + 12 + 8 + 14) / 4, not 10 with Manchester's 6
    expect(ind(0).median).toBe(11);
    expect(ind(0).variance).toBe(-5);
    expect(ind(0).variancePct).toBeCloseTo(-5 / 11, 12);
    expect(ind(0).flag).toBe('better');
  });

  it('gives tied councils the better rank', () => {
    // own 8, comparators 8, 10, 6, 12 (lower is better): only 6 is better, so 2nd, shared with the other 8
    expect(ind(1)).toMatchObject({ rank: 2, of: 5, quartile: 2 });
    expect(ind(1).percentile).toBe(62.5); // beats 10 and 12, ties 8: (2 + 0.5) / 4
  });

  it('gives quartile and percentile for a best, a median and a worst council', () => {
    expect(ind(0)).toMatchObject({ quartile: 1, percentile: 100 }); // best
    expect(ind(2)).toMatchObject({ own: 50, median: 50, rank: 3, of: 5, quartile: 3, percentile: 50 }); // at the median
    expect(ind(3)).toMatchObject({ own: 60, rank: 5, of: 5, quartile: 4, percentile: 0, flag: 'worse' }); // worst
  });

  it('warns where the printed comparator average includes the own council', () => {
    const f4 = result.findings.filter((x) => x.rule === 'benchmark.average');
    expect(f4).toHaveLength(1);
    expect(f4[0]).toMatchObject({ cell: 'I9', severity: 'warning', expected: 7.5, actual: 7.8 });
    expect(f4[0].message).toBe(
      'The comparator average for Carer-reported quality of life is printed as 7.8, but the 4 comparators average 7.5: the printed figure seems to include Manchester itself.',
    );
  });

  it('warns where a printed rank disagrees with the comparators’ figures', () => {
    const ranks = result.findings.filter((x) => x.rule === 'benchmark.rank');
    // Satisfaction printed 3rd: right. Carers printed 1st: right (9 beats 7, 7, 8, 8). Paid employment printed 3rd: 30 is 3rd of 4 figures.
    expect(ranks).toEqual([]);
    const moved = fixture('Neighbours', {
      rows: NEIGHBOURS.map((r, i) => (i === 3 ? [...r.slice(0, 8), 2] : r)),
      headerRow: 2,
    });
    const r = benchmark(moved.wb, moved.read, settings).findings.filter((x) => x.rule === 'benchmark.rank');
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ cell: 'I4', expected: 1, actual: 2 });
  });

  it('says where a figure is not one, and leaves it out', () => {
    const bad = result.findings.filter((x) => x.rule === 'benchmark.figure');
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ cell: 'D10', severity: 'warning', actual: '3O' });
    expect(ind(5)).toMatchObject({ comparatorAverage: (32 + 28 + 31) / 3, rank: 3, of: 4 });
  });

  it('records the cells it used', () => {
    expect(ind(0).source).toMatchObject({
      table: f.table.id,
      label: 'B5',
      own: { cell: 'G5', value: 6, numeric: true },
      average: { cell: 'I5', value: 11 },
      rank: { cell: 'J5', value: 1 },
      polarity: { cell: 'C5', text: 'Low' },
    });
    expect(ind(0).source.comparators.map((c) => `${c.name} ${c.cell}`)).toEqual([
      'Stockport D5',
      'Trafford E5',
      'Bolton F5',
      'Wigan H5',
    ]);
    expect(ind(0)).toMatchObject({ sheet: 'Neighbours', row: 5, code: '2C1' });
  });

  it('finds the own council by its initials (MCC) and takes a table called a list with an average column', () => {
    const rows = NEIGHBOURS.map((r, i) => (i === 2 ? r.map((h) => (h === 'Manchester' ? 'MCC' : h)) : r));
    const g = fixture('Neighbours', { rows, headerRow: 2, kind: 'list' });
    const r = benchmark(g.wb, g.read, { benchmark: { own: 'Manchester' } });
    expect(r.indicators[0]).toMatchObject({ own: 6, rank: 1 });
  });

  it('warns when the own council is not in the table and several councils are', () => {
    const r = benchmark(f.wb, f.read, { benchmark: { own: 'Salford' } });
    const own = r.findings.filter((x) => x.rule === 'benchmark.own');
    expect(own).toHaveLength(1);
    expect(own[0].message).toContain('Salford');
    expect(r.indicators.every((i) => i.own === null && i.variance === null && i.flag === null)).toBe(true);
    // The printed rank is still the own council's, and is carried
    expect(r.indicators[0]).toMatchObject({ rank: 1, rankFrom: 'printed' });
  });
});

describe('councils as rows, indicators as columns', () => {
  const rows: CellValue[][] = [
    ['Council', '2A1', '2C1', '1C2A', 'Net cost per head'],
    ['Good is', 'Low', 'Low', 'High', null],
    ['Shropshire', 12, 15, 30, 300],
    ['Worcestershire County Council', 13.3, 18.2, 30.4, 320],
    ['Warwickshire', 14, 17, 28, 310],
    ['Gloucestershire', 11, 20, 33, 290],
    ['Comparator average', 12.3, 17.3, 30.3, 300],
  ];
  const f = fixture('By council', { rows, headerRow: 0 });
  const settings2 = { benchmark: { own: 'Worcestershire' } };
  const result = benchmark(f.wb, f.read, settings2);

  it('recognises the transpose from the own council’s row', () => {
    const m = mapComparatorColumns(f.table, settings2, f.read);
    expect(m).toMatchObject({ layout: 'councils-as-rows', councilCol: 0, ownRow: 3, polarityRow: 1, averageRow: 6 });
    expect(m.layout === 'councils-as-rows' && m.comparators.map((c) => c.name)).toEqual([
      'Shropshire',
      'Warwickshire',
      'Gloucestershire',
    ]);
    expect(m.layout === 'councils-as-rows' && m.indicators.map((c) => c.header)).toEqual([
      '2A1',
      '2C1',
      '1C2A',
      'Net cost per head',
    ]);
  });

  it('benchmarks each indicator column', () => {
    expect(result.indicators.map((i) => i.indicator)).toEqual(['2A1', '2C1', '1C2A', 'Net cost per head']);
    expect(result.indicators[0]).toMatchObject({ code: '2A1', own: 13.3, polarity: 'lower', rank: 3, of: 4, row: 4 });
    expect(result.indicators[0].comparatorAverage).toBeCloseTo(37 / 3, 12);
    expect(result.indicators[1]).toMatchObject({ own: 18.2, rank: 3, of: 4 });
    expect(result.indicators[2]).toMatchObject({ own: 30.4, polarity: 'higher', rank: 2 });
    expect(result.indicators[3]).toMatchObject({ own: 320, polarity: null, rank: null, flag: null });
  });

  it('checks the printed average row against the comparators', () => {
    const avg = result.findings.filter((x) => x.rule === 'benchmark.average');
    // 2A1: (12 + 14 + 11) / 3 = 12.33, printed 12.3: rounding. 2C1: 17.33 vs 17.3 fine; 1C2A 30.33 vs 30.3 fine.
    expect(avg).toEqual([]);
  });
});
