/**
 * Variants of the seed tables as councils really keep them: other spellings of years, other
 * units, bracketed negatives, a blank column between blocks, merged header cells. The tests say
 * which cell each figure came from.
 */
import type { CellValue } from '../../../src/engine/grid';
import { snapshotFromRows } from '../../../src/engine/grid';
import { readTables } from '../../../src/engine/tables';
import { offsetGrid, seedGrid } from '../../../src/samples/seeds';
import { workbook } from '../helpers';

function respell(rows: CellValue[][], from: RegExp, to: (m: string) => string): CellValue[][] {
  return rows.map((r) => r.map((c) => (typeof c === 'string' ? c.replace(from, to) : c)));
}

describe('the Manchester 2009 plan, respelled', () => {
  test.each([
    ['2009-10', (y: string) => y.replace('/', '-')],
    ['2009/2010', (y: string) => `${y.slice(0, 4)}/${Number(y.slice(0, 4)) + 1}`],
    ['FY09/10', (y: string) => `FY${y.slice(2)}`],
  ])('years printed as %s are still 2009/10, 2010/11, 2011/12', (_label, spell) => {
    const { rows } = seedGrid('manchester-2009-financial-plan');
    const sheet = snapshotFromRows('Plan', respell(rows, /\b20\d\d\/\d\d\b/g, spell));
    const [t] = readTables(workbook(sheet)).tables;
    expect(t.kind).toBe('financial-plan');
    expect(t.columns.filter((c) => c.role === 'year').map((c) => c.year?.label)).toEqual([
      '2009/10',
      '2010/11',
      '2011/12',
    ]);
    expect(t.columns.filter((c) => c.role === 'funding').map((c) => c.year?.label)).toEqual([
      '2009/10',
      '2010/11',
      '2011/12',
    ]);
  });

  test("in £'000 and in £m the unit is read from the title line", () => {
    for (const [line, unit] of [
      ["Figures in £'000", '£000'],
      ['All figures £m', '£m'],
    ]) {
      const { rows } = seedGrid('manchester-2009-financial-plan');
      rows[1] = [line];
      const [t] = readTables(workbook(snapshotFromRows('Plan', rows))).tables;
      expect(t.unit.label).toBe(unit);
    }
  });

  test('merged header cells: the spanning heading is carried over the columns it covers', () => {
    const { rows } = seedGrid('manchester-2009-financial-plan');
    const sheet = snapshotFromRows('Plan', offsetGrid(rows, 1, 2));
    sheet.merges = ['E5:F5', 'G5:I5', 'J5:M5'];
    const [t] = readTables(workbook(sheet)).tables;
    expect(t.columns.find((c) => c.letter === 'H')?.header).toBe('Proposed Gross Cash Limit Revenue Budgets / 2010/11');
    expect(t.columns.find((c) => c.letter === 'F')?.header).toBe('Current Cash Limit Revenue Budget / Net');
    expect(t.columns.find((c) => c.letter === 'F')?.role).toBe('net');
  });

  test('each figure is read from its own cell: line 03 in 2010/11 stands at G10, its Mainstream funding at K13', () => {
    const { rows } = seedGrid('manchester-2009-financial-plan');
    const read = readTables(workbook(snapshotFromRows('Plan', offsetGrid(rows, 2, 1))));
    const t = read.tables[0];
    const line03 = t.rows.find((r) => r.ref === '03')!;
    const g = t.columns.find((c) => c.role === 'year' && c.year?.label === '2010/11')!;
    const k = t.columns.find((c) => c.role === 'funding' && c.year?.label === '2010/11')!;
    const mainstream = t.rows.find((r) => r.role === 'source' && r.lineRow === line03.row && r.label === 'Mainstream')!;
    expect(`${g.letter}${line03.row + 1}`).toBe('G10');
    expect(read.figure('Plan', line03.row, g.col).value).toBe(74026);
    expect(`${k.letter}${mainstream.row + 1}`).toBe('K13');
    expect(read.figure('Plan', mainstream.row, k.col).value).toBe(57815);
  });
});

describe('printed figures', () => {
  test('bracketed negatives and percentages in the Essex savings envelope are read as negative figures', () => {
    const { rows } = seedGrid('essex-2017-savings-targets');
    const read = readTables(workbook(snapshotFromRows('MTRS', rows)));
    const t = read.tables[0];
    const savings = t.rows.find((r) => /^Savings Target/.test(r.label))!;
    const reduction = t.rows.find((r) => /^Total MTRS reduction/.test(r.label))!;
    const y = t.columns.find((c) => c.year?.label === '2019/20')!;
    expect([`${y.letter}${savings.row + 1}`, read.figure('MTRS', savings.row, y.col)]).toEqual([
      'D6',
      { kind: 'number', value: -61 },
    ]);
    expect(read.figure('MTRS', reduction.row, y.col)).toEqual({ kind: 'number', value: -0.18, percent: true });
  });
});

describe('blocks', () => {
  test("a blank column between Worcestershire's spend and funding blocks keeps them one table of two blocks", () => {
    const { rows } = seedGrid('worcestershire-2018-budget');
    const spaced = rows.map((r) => (r.length > 2 ? [r[0], r[1], null, r[2], r[3]] : r));
    const [t] = readTables(workbook(snapshotFromRows('Budget', spaced))).tables;
    expect(t.kind).toBe('spend-funding');
    expect(t.range).toBe('A4:E11');
    expect(t.blocks?.map((b) => [b.label, b.totalRow! + 1])).toEqual([
      ['Spend Relating to', 11],
      ['Funding', 11],
    ]);
  });

  test('two tables two blank columns apart are two tables', () => {
    const a = seedGrid('manchester-2009-helped-to-live-at-home', { title: false }).rows;
    const b = seedGrid('essex-2017-savings-activity', { title: false }).rows;
    const rows = Array.from({ length: Math.max(a.length, b.length) }, (_, i) => [
      ...Array.from({ length: 5 }, (_, c) => a[i]?.[c] ?? null),
      null,
      null,
      ...(b[i] ?? []),
    ]);
    const read = readTables(workbook(snapshotFromRows('Two', rows)));
    expect(read.tables.map((t) => [t.range, t.kind])).toEqual([
      ['A1:E6', 'totals-grid'],
      ['H3:I11', 'totals-grid'],
    ]);
  });

  test('a hidden row is kept in the table and marked hidden', () => {
    const sheet = snapshotFromRows('Helped', seedGrid('manchester-2009-helped-to-live-at-home').rows);
    sheet.hiddenRows = [4];
    const [t] = readTables(workbook(sheet)).tables;
    expect(t.rows.find((r) => r.row === 4)).toMatchObject({
      hidden: true,
      role: 'line',
      label: 'People with Physical Disabilities',
    });
  });
});
