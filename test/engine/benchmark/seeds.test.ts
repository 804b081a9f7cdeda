/**
 * The published tables: Manchester 2009's cost per head against its nearest neighbours (section
 * 1.7) and Worcestershire's ASCOF 2016-17 comparator table.
 */
import { benchmark, mapComparatorColumns } from '../../../src/engine/benchmark';
import { SEEDS } from '../../../src/samples/seeds';
import { seedFixture, workbookOf } from './fixtures';

/** "+7.3%" -> 0.073 and the half-unit of its last printed digit. */
function printed(text: string): { value: number; half: number } {
  const m = /^([+-−–]?)(\d+(?:\.(\d+))?)%$/.exec(text.trim());
  if (!m) throw new Error(`not a percentage: ${text}`);
  const places = m[3]?.length ?? 0;
  const sign = m[1] === '' || m[1] === '+' ? 1 : -1;
  return { value: (sign * Number(m[2])) / 100, half: 0.5 * 10 ** -(places + 2) };
}

describe('Manchester 2009, cost per head against the nearest neighbours comparator average', () => {
  const perHead = seedFixture('manchester-2009-cost-per-head', 'Value for money', { part: 0 });
  const driver = seedFixture('manchester-2009-cost-per-head', 'Cost drivers', { part: 1 });
  const { wb, read } = workbookOf(perHead, driver);
  const result = benchmark(wb, read, {});

  it('reads the columns from their headers: Service, Manchester, Comparators, Variance', () => {
    const m = mapComparatorColumns(perHead.table, {}, perHead.read);
    expect(m).toMatchObject({
      layout: 'indicators-as-rows',
      label: 0,
      own: 1,
      ownBy: 'only-council',
      average: 2,
      variance: 3,
    });
    expect(m.layout === 'indicators-as-rows' && m.comparators).toEqual([]);
    const d = mapComparatorColumns(driver.table, {}, driver.read);
    expect(d).toMatchObject({ label: 0, own: 2, average: 3, variance: 4 });
    expect(d.layout === 'indicators-as-rows' && d.other).toEqual([1]);
  });

  it('finds both tables and all seven indicators', () => {
    expect(result.tables).toEqual([
      { sheet: 'Value for money', range: perHead.table.range },
      { sheet: 'Cost drivers', range: driver.table.range },
    ]);
    expect(result.indicators.map((i) => i.indicator)).toEqual([
      'Older People',
      'Physical Disability',
      'Learning Disability',
      'Mental Health',
      'Physical Disability',
      'Learning Disability',
      'Mental Health',
    ]);
  });

  const rows = [
    ...SEEDS['manchester-2009-cost-per-head'].tables![0].rows,
    ...SEEDS['manchester-2009-cost-per-head'].tables![1].rows.map((r) => [r[0], r[2], r[3], r[4]]),
  ];
  it.each(rows.map((r, i) => [i, String(r[0]), r[3] as string]))(
    'indicator %i (%s) comes out at the printed variance %s, to the document’s rounding',
    (i, _label, text) => {
      const ind = result.indicators[i];
      const p = printed(text);
      expect(Math.abs((ind.variancePct as number) - p.value)).toBeLessThanOrEqual(p.half);
      expect(ind.variance).toBeCloseTo((ind.own as number) - (ind.comparatorAverage as number), 10);
      expect(ind.averageFrom).toBe('printed');
    },
  );

  it('gives the exact figures: Older People 161.10 against 150.07 is +7.35%', () => {
    const op = result.indicators[0];
    expect(op).toMatchObject({ own: 161.1, comparatorAverage: 150.07, sheet: 'Value for money', row: 4 });
    expect(op.variance).toBeCloseTo(11.03, 10);
    expect(op.variancePct).toBeCloseTo(0.0735, 4);
    expect(result.indicators[6]).toMatchObject({ own: 47, comparatorAverage: 57 });
    expect(result.indicators[6].variancePct).toBeCloseTo(-10 / 57, 12);
  });

  it('raises no variance finding: every printed variance agrees with its figures', () => {
    expect(result.findings.filter((f) => f.rule === 'benchmark.variance')).toEqual([]);
  });

  it('makes no assumption about cost per head: no polarity, no flag, no rank, and asks', () => {
    for (const ind of result.indicators) {
      expect(ind).toMatchObject({
        polarity: null,
        flag: null,
        rank: null,
        of: null,
        quartile: null,
        percentile: null,
        median: null,
      });
    }
    const asks = result.findings.filter((f) => f.rule === 'benchmark.polarity');
    expect(asks).toHaveLength(7);
    expect(asks[0]).toMatchObject({ severity: 'info', sheet: 'Value for money', cell: 'A4' });
    expect(asks[0].message).toContain('Older People');
    expect(asks[0].message).toContain('+7.3%');
  });

  it('flags against the band once the user says lower is better for cost per head', () => {
    const r = benchmark(wb, read, { benchmark: { polarities: { 'Cost per head': 'lower' } } });
    expect(r.indicators.slice(0, 4).map((i) => i.flag)).toEqual(['worse', 'worse', 'better', 'worse']);
    // The cost-driver table's title does not say "cost per head": still asked.
    expect(r.indicators.slice(4).map((i) => i.polarity)).toEqual([null, null, null]);
    const narrow = benchmark(wb, read, {
      benchmark: { similarBand: 0.1, polarities: { 'Cost per head': 'lower', 'Cost against': 'lower' } },
    });
    expect(narrow.indicators.map((i) => i.flag)).toEqual([
      'similar',
      'similar',
      'better',
      'worse',
      'better',
      'better',
      'better',
    ]);
  });

  it('warns when a printed variance disagrees with the figures beyond its rounding', () => {
    const bad = seedFixture('manchester-2009-cost-per-head', 'Value for money', { part: 0 });
    bad.sheet.values[3][3] = '+7.1%';
    const r = benchmark(bad.wb, bad.read, {});
    const f = r.findings.filter((x) => x.rule === 'benchmark.variance');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'warning', cell: 'D4', sheet: 'Value for money' });
    expect(f[0].message).toBe(
      "The variance for Older People is printed as +7.1%, but Manchester's 161.1 against the comparator average of 150.07 is +7.35%.",
    );
  });
});

describe('Worcestershire, ASCOF 2016-17 against its comparator group', () => {
  const f = seedFixture('worcestershire-2017-ascof-benchmark', 'ASCOF');
  const settings = { benchmark: { own: 'Worcestershire' } };
  const result = benchmark(f.wb, f.read, settings);
  const seed = SEEDS['worcestershire-2017-ascof-benchmark'];
  const byCode = (code: string) => {
    const i = result.indicators.find((x) => x.code === code);
    if (!i) throw new Error(code);
    return i;
  };

  it('maps Measure as the code, Description as the label, WCC as the own council by its initials', () => {
    const m = mapComparatorColumns(f.table, settings, f.read);
    expect(m).toMatchObject({
      layout: 'indicators-as-rows',
      code: 0,
      label: 1,
      own: 2,
      ownBy: 'initials',
      rank: 3,
      count: 4,
      average: 5,
      englandRank: 6,
      englandCount: 7,
      england: 8,
      comparators: [],
    });
    // Without the cells to look at, from the header text alone
    expect(mapComparatorColumns(f.table, settings)).toMatchObject({ code: 0, label: 1, own: 2 });
  });

  it('reads all 26 measures with their codes', () => {
    expect(result.indicators).toHaveLength(26);
    expect(result.indicators.map((i) => i.code)).toEqual(seed.rows!.map((r) => r[0]));
  });

  it('takes polarity from the ASCOF code list: 2A1, 2A2, 2C1, 2C2 lower is better, others higher', () => {
    expect(byCode('2A1')).toMatchObject({ polarity: 'lower', polarityFrom: 'ascof' });
    expect(byCode('2A2').polarity).toBe('lower');
    expect(byCode('2C1').polarity).toBe('lower');
    expect(byCode('2C2').polarity).toBe('lower');
    expect(byCode('1C1B')).toMatchObject({ polarity: 'higher', polarityFrom: 'ascof' });
    expect(result.indicators.filter((i) => i.polarity === 'higher')).toHaveLength(22);
  });

  it('carries the printed comparator ranks and computes the quartile from them', () => {
    for (const row of seed.rows!) {
      const i = byCode(String(row[0]));
      expect(i).toMatchObject({
        own: row[2],
        rank: row[3],
        of: row[4],
        comparatorAverage: row[5],
        englandAverage: row[8],
        rankFrom: 'printed',
      });
      expect(i.quartile).toBe(Math.ceil((4 * Number(row[3])) / Number(row[4])));
    }
    expect(byCode('1C1B')).toMatchObject({ rank: 1, of: 16, quartile: 1, percentile: 100 });
    expect(byCode('2A2')).toMatchObject({ rank: 13, of: 16, quartile: 4, percentile: 20 });
    expect(byCode('4A')).toMatchObject({ rank: 8, of: 16, quartile: 2 });
    expect(byCode('1C2A')).toMatchObject({ rank: 10, of: 16, quartile: 3 });
  });

  it('flags lower-is-better measures the right way round', () => {
    // 2A1: 13.3 admissions per 100,000 against 12.0: +10.8%, worse
    expect(byCode('2A1').variancePct).toBeCloseTo(1.3 / 12, 10);
    expect(byCode('2A1').flag).toBe('worse');
    expect(byCode('2A2').flag).toBe('worse');
    // 1C1B: 100 against 73.2, higher is better
    expect(byCode('1C1B').flag).toBe('better');
    // 4A: 71.6 against 71.7, within 5%
    expect(byCode('4A').flag).toBe('similar');
    // 2D: 71.8 against 81.2, -11.6%
    expect(byCode('2D').flag).toBe('worse');
  });

  it('asks nothing: every measure has a polarity; the own council was found by name', () => {
    expect(result.findings).toEqual([]);
  });

  it('without settings takes WCC as the own council, the only council-named column', () => {
    const r = benchmark(f.wb, f.read, {});
    expect(r.indicators).toHaveLength(26);
    expect(r.indicators[0].own).toBe(100);
  });
});
