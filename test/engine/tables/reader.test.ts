import { snapshotFromRows } from '../../../src/engine/grid';
import { parseFinancialYear, parseUnit, readTables, tableSummary } from '../../../src/engine/tables';
import { validate } from '../../../src/engine/checks';
import type { FoundTable } from '../../../src/engine/tables';
import { SEEDS, seedGrid, type SeedName } from '../../../src/samples/seeds';
import { seedSheet, workbook } from '../helpers';

function only(wbSheets: ReturnType<typeof seedSheet>[]): FoundTable {
  const read = readTables(workbook(...wbSheets));
  expect(read.tables).toHaveLength(1);
  return read.tables[0];
}

function roles(t: FoundTable): Record<string, string> {
  return Object.fromEntries(t.columns.filter((c) => c.role !== 'ignore').map((c) => [c.letter, c.role]));
}

describe('financial years and units as councils print them', () => {
  test.each([
    ['2009/10', '2009/10'],
    ['2009-10', '2009/10'],
    ['2009/2010', '2009/10'],
    ['FY09/10', '2009/10'],
    ['Year 1 2008/9', '2008/09'],
    ['2008/9', '2008/09'],
    ['Proposed Gross Cash Limit / 2011/12', '2011/12'],
  ])('%s is the financial year %s', (text, label) => {
    expect(parseFinancialYear(text)?.label).toBe(label);
  });

  test('a date or a pair that is not consecutive is not a financial year', () => {
    expect(parseFinancialYear('01/02/2024')).toBeNull();
    expect(parseFinancialYear('2009/12')).toBeNull();
    expect(parseFinancialYear('Mid 2004')).toBeNull();
  });

  test('"Year 1 2008/9" keeps its year index', () => {
    expect(parseFinancialYear('Year 1 2008/9')).toEqual({ label: '2008/09', start: 2008, index: 1 });
  });

  test.each([
    ['Figures in £000', '£000'],
    ["£'000", '£000'],
    ['£000s', '£000'],
    ['Budget (£m)', '£m'],
    ['£k', '£000'],
    ['Days', 'days'],
    ['Admissions per 100,000', 'per 100,000'],
    ['Cost per head £', '£'],
  ])('%s is in %s', (text, unit) => {
    expect(parseUnit(text)?.label).toBe(unit);
  });
});

describe('the Manchester 2009 financial plan, as printed', () => {
  const t = only([seedSheet('manchester-2009-financial-plan', 3, 1)]);

  test('is found under its title with both header rows, in £000', () => {
    expect(t.kind).toBe('financial-plan');
    expect(t.range).toBe('B7:M56');
    expect(t.headerRows.map((r) => r + 1)).toEqual([7, 8]);
    expect(t.unit.label).toBe('£000');
    expect(t.title).toBe('3.1 Financial Plan');
  });

  test('knows each column: ref, headline, current gross and net, gross by year, source, funding by year, capital flag', () => {
    expect(roles(t)).toEqual({
      B: 'ref',
      C: 'label',
      D: 'gross',
      E: 'net',
      F: 'year',
      G: 'year',
      H: 'year',
      I: 'source',
      J: 'funding',
      K: 'funding',
      L: 'funding',
      M: 'flag',
    });
    expect(t.columns.filter((c) => c.role === 'funding').map((c) => c.year?.label)).toEqual([
      '2009/10',
      '2010/11',
      '2011/12',
    ]);
    expect(t.columns.find((c) => c.letter === 'F')?.header).toBe('Proposed Gross Cash Limit Revenue Budgets / 2009/10');
  });

  test("puts each line's funding sources under it, and finds both stated totals", () => {
    const lines = t.rows.filter((r) => r.role === 'line');
    expect(lines.map((r) => r.ref)).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '10',
      '11',
      '12',
      '13',
    ]);
    const olderPeople = lines[2];
    expect(olderPeople.label).toBe('Services for Older People');
    const sources = t.rows.filter((r) => r.role === 'source' && r.lineRow === olderPeople.row).map((r) => r.label);
    expect(sources).toEqual(['Contributions', 'User Income', 'Mainstream']);
    expect(t.rows.filter((r) => r.role === 'total').map((r) => [r.row + 1, r.label])).toEqual([
      [55, 'Totals'],
      [56, 'Total Mainstream Funding Required'],
    ]);
  });
});

describe('every seed table is found with its kind', () => {
  const expected: [SeedName, number, string, string][] = [
    ['birmingham-2008-costs-benefits', 0, 'cost-benefit', '£000'],
    ['birmingham-2008-lifecycle-costs', 0, 'totals-grid', '£000'],
    ['birmingham-2008-resource-days', 0, 'totals-grid', 'days'],
    ['birmingham-2008-programme-risks', 0, 'risk-register', ''],
    ['birmingham-2008-benefits', 0, 'list', '£000'],
    ['essex-2017-savings-targets', 0, 'savings-envelope', '£m'],
    ['essex-2017-savings-activity', 0, 'totals-grid', '£m'],
    ['essex-2017-measures', 0, 'list', ''],
    ['manchester-2009-business-risk-register', 0, 'risk-register', ''],
    ['manchester-2009-strategic-risks', 0, 'risk-register', ''],
    ['manchester-2009-cost-per-head', 0, 'comparator', ''],
    ['manchester-2009-cost-per-head', 1, 'comparator', ''],
    ['manchester-2009-helped-to-live-at-home', 0, 'totals-grid', ''],
    ['manchester-2009-population', 0, 'list', ''],
    ['manchester-2019-capacity-plan', 0, 'spend-funding', '£000'],
    ['worcestershire-2017-ascof-benchmark', 0, 'comparator', ''],
    ['worcestershire-2018-budget', 0, 'spend-funding', '£m'],
  ];

  test('the list covers every seed', () => {
    const covered = new Set(expected.map((e) => e[0]));
    expect(Object.keys(SEEDS).filter((n) => !covered.has(n as SeedName))).toEqual(['manchester-2009-financial-plan']);
  });

  test.each(expected)('%s (part %i) is a %s table in %s, at A1 and moved under a title', (name, part, kind, unit) => {
    for (const [down, right] of [
      [0, 0],
      [5, 3],
    ]) {
      const t = only([seedSheet(name, down, right, part)]);
      expect(t.kind).toBe(kind);
      expect(t.unit.label ?? '').toBe(unit);
      const { rows, headerRow } = seedGrid(name, { part });
      expect(t.top).toBe(down + headerRow);
      expect(t.left).toBe(right);
      expect(t.bottom).toBe(down + rows.length - 1);
    }
  });

  test('the spend and funding blocks of the Manchester 2019 capacity plan are one under the other, each with its total', () => {
    const t = only([seedSheet('manchester-2019-capacity-plan')]);
    expect(t.blocks?.map((b) => [b.label, b.totalRow! + 1])).toEqual([
      ['ASC Capacity – 3 year plan', 9],
      ['Funded by', 15],
    ]);
  });

  test("Worcestershire's spend and funding stand side by side", () => {
    const t = only([seedSheet('worcestershire-2018-budget')]);
    expect(t.blocks?.map((b) => [b.label, b.labelCol, b.figureCols])).toEqual([
      ['Spend Relating to', 0, [1]],
      ['Funding', 2, [3]],
    ]);
  });

  test('a risk register knows its likelihood, impact, rating, controls and lead columns', () => {
    const t = only([seedSheet('manchester-2009-business-risk-register')]);
    expect(roles(t)).toMatchObject({
      A: 'ref',
      B: 'label',
      D: 'impact',
      E: 'likelihood',
      F: 'rating',
      G: 'controls',
      I: 'owner',
    });
  });

  test("the council's own column is told from the comparators' average", () => {
    const t = only([seedSheet('worcestershire-2017-ascof-benchmark')]);
    expect(roles(t)).toMatchObject({ A: 'ref', B: 'label', C: 'own', D: 'rank', F: 'average' });
  });
});

describe('workbooks as people keep them', () => {
  test('two tables on one sheet, side by side with a gap, and a note under them', () => {
    const left = seedGrid('manchester-2009-helped-to-live-at-home').rows;
    const right = seedGrid('manchester-2019-capacity-plan').rows;
    const height = Math.max(left.length, right.length);
    const rows = Array.from({ length: height }, (_, i) => [
      ...Array.from({ length: 6 }, (_, c) => left[i]?.[c] ?? null),
      null,
      null,
      ...(right[i] ?? []),
    ]);
    rows.push([], ['Note: figures are provisional and subject to Cabinet approval.']);
    const read = readTables(workbook(snapshotFromRows('Summary', rows)));
    expect(read.tables.map((t) => [t.range, t.kind])).toEqual([
      ['A3:E8', 'totals-grid'],
      ['I4:L15', 'spend-funding'],
    ]);
  });

  test('a sheet of prose and an empty sheet yield no table and no finding', () => {
    const prose = snapshotFromRows('Introduction', [
      ['Adult Social Care Business Plan 2024/25'],
      [],
      ['This plan sets out how the directorate will deliver its priorities within the cash limit agreed by Council.'],
      ['It is to be read with the Medium Term Financial Strategy.'],
    ]);
    const empty = snapshotFromRows('Blank', []);
    const read = readTables(workbook(prose, empty));
    expect(read.tables).toEqual([]);
    expect(read.findings).toEqual([]);
  });

  test('a figure typed with a letter O for a zero is reported at its cell, not guessed', () => {
    const sheet = seedSheet('manchester-2009-helped-to-live-at-home', 0, 0, 0, 'Helped');
    sheet.values[3][2] = '5,7O4';
    const read = readTables(workbook(sheet));
    expect(read.findings).toEqual([
      expect.objectContaining({
        rule: 'figures.unreadable',
        severity: 'error',
        sheet: 'Helped',
        cell: 'C4',
        message:
          'C4 (Older People, 2005/06) holds "5,7O4", which looks like a figure but cannot be read as one; PlanCheck left it out of the sums',
      }),
    ]);
  });

  test('an error value in a table is a finding at its cell', () => {
    const sheet = seedSheet('manchester-2019-capacity-plan', 0, 0, 0, 'Capacity');
    sheet.values[6][2] = '#REF!';
    const read = readTables(workbook(sheet));
    expect(read.findings.map((f) => [f.rule, f.cell])).toEqual([['figures.error-value', 'C7']]);
  });

  test("the user's word over the guess: a mapped kind, header row and role are used, and 'not a table' hides one", () => {
    const sheet = seedSheet('manchester-2009-population', 0, 0, 0, 'Population');
    const mapped = readTables(workbook(sheet), {
      tables: [{ sheet: 'Population', range: 'A4:F10', kind: 'totals-grid', headerRows: [4], roles: { B: 'year' } }],
    });
    expect(mapped.tables).toHaveLength(1);
    expect(mapped.tables[0]).toMatchObject({ kind: 'totals-grid', mapped: true, range: 'A4:F10' });
    expect(mapped.tables[0].columns[1].role).toBe('year');
    const hidden = readTables(workbook(sheet), {
      tables: [{ sheet: 'Population', range: 'A4:F10', kind: 'not-a-table' }],
    });
    expect(hidden.tables).toEqual([]);
  });

  test('the summary the CLI prints names sheet, range, kind, roles, years and units', () => {
    const t = only([seedSheet('manchester-2019-capacity-plan', 2, 1, 0, 'Capacity')]);
    expect(tableSummary(t)).toMatchObject({
      sheet: 'Capacity',
      range: 'B6:E17',
      kind: 'spend-funding',
      unit: '£000',
      years: ['2019/20', '2020/21', '2021/22'],
      totalRows: [11, 17],
    });
  });
});

describe("a pivot table's output, where the port says it is", () => {
  // A pivot whose captions were renamed: no "Row Labels", no "Sum of", its grand total called
  // "Total". The weekly cost column is an average, so its total row is not the sum of the rows.
  const rows = [
    ['Spend by client group'],
    [],
    ['Client group', 'Annual budget', 'Weekly cost'],
    ['Learning disability', 41250, 1480.5],
    ['Mental health', 9870, 655.25],
    ['Older people', 88400, 812.75],
    ['Total', 139520, 982.83],
  ];

  test('without the pivot ranges it is read as a totals grid, and its averaged column is judged', () => {
    const wb = workbook(snapshotFromRows('Pivot', rows));
    const read = readTables(wb);
    expect(read.tables.map((t) => [t.range, t.kind])).toEqual([['A3:C7', 'totals-grid']]);
    expect(validate(wb, read).some((f) => f.sheet === 'Pivot' && f.cell === 'C7')).toBe(true);
  });

  test('with the pivot ranges it is kind "pivot" whatever its captions, and nothing on it is judged', () => {
    const sheet = { ...snapshotFromRows('Pivot', rows), pivots: ['A3:C7'] };
    const wb = workbook(sheet);
    const read = readTables(wb);
    expect(read.tables.map((t) => [t.range, t.kind])).toEqual([['A3:C7', 'pivot']]);
    expect([...read.findings, ...validate(wb, read)].filter((f) => f.sheet === 'Pivot')).toEqual([]);
  });

  test('a table beside the pivot, not overlapping it, keeps its own kind', () => {
    // The same figures again two columns to the right: a hand-built copy, not on the pivot.
    const wide = rows.map((r, i) => (i < 2 ? r : [...r, null, null, ...r]));
    const sheet = { ...snapshotFromRows('Pivot', wide), pivots: ['A3:C7'] };
    const wb = workbook(sheet);
    const read = readTables(wb);
    expect(read.tables.map((t) => [t.range, t.kind])).toEqual([
      ['A3:C7', 'pivot'],
      ['F3:H7', 'totals-grid'],
    ]);
    const cells = validate(wb, read).map((f) => f.cell);
    expect(cells).toContain('H7');
    expect(cells).not.toContain('C7');
  });
});
