/**
 * The inserted benchmarking table: every formula, evaluated by HyperFormula over the source
 * sheets and the new sheet, gives the value stored with it.
 */
import { HyperFormula } from 'hyperformula';
import { benchmark, buildBenchmarkTable, FLAG_FILLS, type BenchmarkResult } from '../../../src/engine/benchmark';
import { columnIndex, type CellValue, type WorkbookSnapshot } from '../../../src/engine/grid';
import type { CellSpec, TableSpec } from '../../../src/engine/spec';
import { fixture, seedFixture, workbookOf } from './fixtures';

const NEIGHBOURS: CellValue[][] = [
  ['Indicator', 'Good is', 'Stockport', 'Trafford', 'Bolton', 'Manchester', 'Wigan', 'Comparator average'],
  ['Delayed transfers of care per 100,000', 'Low', 10, 12, 8, 6, 14, 11],
  ['Permanent admissions, 65+', 'Lower', 8, 10, 6, 8, 12, 9],
  ['Satisfaction', 'High', 40, 45, 55, 50, 60, 50],
  ['Still at home after reablement', 'Higher', 70, 80, 75, 60, 90, 78.75],
  ['=HYPERLINK("x") typed as a label', null, 7.1, 7.3, '8.2', 9, null, 7.5],
  ['Unit cost of home care', null, 16.2, 15.8, 17.1, 15.9, 16.4, 16.4],
];

/** Text a person typed: HyperFormula, like Excel, reads an apostrophe-led string as text. */
function asTyped(v: CellValue): string | number | boolean | null {
  return typeof v === 'string' ? `'${v}` : v;
}

/** Loads the source sheets and the spec (formulas as formulas) into HyperFormula. */
function load(wb: WorkbookSnapshot, spec: TableSpec): HyperFormula {
  const sheets: Record<string, (string | number | boolean | null)[][]> = {};
  for (const s of wb.sheets) {
    const grid: (string | number | boolean | null)[][] = [];
    s.values.forEach((row, i) => {
      grid[s.origin.row + i] = [...Array.from({ length: s.origin.col }, () => null), ...row.map(asTyped)];
    });
    for (let i = 0; i < grid.length; i++) grid[i] ??= [];
    sheets[s.name] = grid;
  }
  const out: (string | number | boolean | null)[][] = Array.from(
    { length: spec.anchor.row + spec.cells.length },
    () => [],
  );
  spec.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell) return;
      out[spec.anchor.row + r][spec.anchor.col + c] = cell.formula ?? asTyped(cell.value);
    }),
  );
  sheets[spec.anchor.sheet] = out;
  return HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
}

function expectFormulasToMatch(hf: HyperFormula, spec: TableSpec): number {
  const sheet = hf.getSheetId(spec.anchor.sheet) as number;
  let checked = 0;
  spec.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell?.formula) return;
      const got = hf.getCellValue({ sheet, row: spec.anchor.row + r, col: spec.anchor.col + c });
      const where = `${cell.formula} at ${r},${c}`;
      if (typeof cell.value === 'number') {
        expect({ where, got: typeof got }).toEqual({ where, got: 'number' });
        expect(got as number).toBeCloseTo(cell.value, 9);
      } else {
        expect({ where, got: got ?? null }).toEqual({ where, got: cell.value ?? null });
      }
      checked++;
    }),
  );
  return checked;
}

function build(): { wb: WorkbookSnapshot; result: BenchmarkResult; spec: TableSpec } {
  const neighbours = fixture('Nearest neighbours', { rows: NEIGHBOURS, headerRow: 0 }, { row: 2, col: 1 });
  const perHead = seedFixture('manchester-2009-cost-per-head', 'Value for money', { part: 0 });
  const ascof = seedFixture('worcestershire-2017-ascof-benchmark', 'ASCOF');
  const { wb, read } = workbookOf(neighbours, perHead, ascof);
  const result = benchmark(wb, read, { benchmark: { own: 'Manchester' } });
  const spec = buildBenchmarkTable(
    result,
    { sheet: 'Benchmarks', row: 1, col: 1, newSheet: true },
    { own: 'Manchester' },
  );
  return { wb, result, spec };
}

describe('buildBenchmarkTable', () => {
  const { wb, result, spec } = build();
  const header = spec.cells[3].map((c) => c?.value ?? null);
  const at = (name: string) => header.indexOf(name);
  const dataRow = (i: number) => spec.cells[4 + i];

  it('lays out one row per indicator under a header, with the comparators named (tables without comparator columns do not get in the way)', () => {
    expect(result.indicators).toHaveLength(6 + 4 + 26);
    expect(header.slice(0, 13)).toEqual([
      'Indicator',
      'Code',
      'Polarity',
      'Manchester',
      'Stockport',
      'Trafford',
      'Bolton',
      'Wigan',
      'Comparator average',
      'Comparator median',
      'Variance',
      'Variance %',
      'Rank',
    ]);
    expect(spec.excelTable).toEqual({
      name: 'PlanCheck_Benchmark_Benchmarks',
      top: 3,
      left: 0,
      bottom: 3 + 36,
      right: at('Source'),
    });
    expect(spec).toMatchObject({ newSheet: true, anchor: { sheet: 'Benchmarks', row: 1, col: 1 } });
    const inTable = header.slice(0, at('Source') + 1);
    expect(new Set(inTable).size).toBe(inTable.length);
  });

  it('numbers the comparators when the groups differ', () => {
    const a = fixture('Nearest neighbours', { rows: NEIGHBOURS, headerRow: 0 });
    const other = NEIGHBOURS.map((r, i) => (i === 0 ? r.map((h) => (h === 'Bolton' ? 'Oldham' : h)) : r));
    const b = fixture('Others', { rows: other, headerRow: 0 });
    const { wb: w, read } = workbookOf(a, b);
    const r = benchmark(w, read, { benchmark: { own: 'Manchester' } });
    const s = buildBenchmarkTable(r, { sheet: 'Out', row: 0, col: 0 });
    expect(s.cells[3].slice(3, 8).map((c) => c?.value)).toEqual([
      'Own council',
      'Stockport',
      'Trafford',
      'Comparator 3',
      'Wigan',
    ]);
  });

  it('refers to the source cells on their sheet, quoted, and copies text figures as values', () => {
    const first = dataRow(0);
    expect(first[3]).toMatchObject({ formula: "='Nearest neighbours'!G4", value: 6 });
    expect(first[4]).toMatchObject({ formula: "='Nearest neighbours'!D4", value: 10 });
    // '8.2' typed as text cannot be referred to (AVERAGE would skip it): its value is copied
    expect(dataRow(4)[6]).toEqual({ value: 8.2, numberFormat: '#,##0.0' });
    expect(dataRow(6)[3]).toMatchObject({ formula: "='Value for money'!B4", value: 161.1 });
    expect(dataRow(6)[at('Comparator average')]).toMatchObject({ formula: "='Value for money'!C4", value: 150.07 });
  });

  it('writes indicator labels and codes as plain values, never formulas', () => {
    for (let i = 0; i < result.indicators.length; i++) {
      expect(dataRow(i)[0]?.formula).toBeUndefined();
      expect(dataRow(i)[1]?.formula).toBeUndefined();
    }
    expect(dataRow(4)[0]).toEqual({ value: '=HYPERLINK("x") typed as a label' });
  });

  it('computes average, median, variance, rank, of, quartile, percentile and flag by formula', () => {
    const row = dataRow(0);
    const cell = (name: string) => row[at(name)] as CellSpec;
    expect(cell('Comparator average')).toMatchObject({ formula: '=AVERAGE(F6:I6)', value: 11 });
    expect(cell('Comparator median')).toMatchObject({ formula: '=MEDIAN(F6:I6)', value: 11 });
    expect(cell('Variance')).toMatchObject({ formula: '=E6-J6', value: -5 });
    expect(cell('Variance %').value).toBeCloseTo(-5 / 11, 12);
    expect(cell('Rank').formula).toContain('COUNTIF(F6:I6,"<"&E6)+1');
    expect(cell('Rank').value).toBe(1);
    expect(cell('Of')).toMatchObject({ formula: '=IF(E6="","",COUNT(E6:I6))', value: 5 });
    expect(cell('Quartile').value).toBe(1);
    expect(cell('Percentile').value).toBe(100);
    expect(cell('Flag')).toMatchObject({ value: 'better', fill: FLAG_FILLS.better });
    expect(cell('Flag').formula).toContain('$C$3');
    expect(spec.cells[1][1]).toMatchObject({ value: 0.05, input: true, numberFormat: '0.0%' });
    expect(cell('Variance %').numberFormat).toBe('+0.0%;-0.0%;0.0%');
  });

  it('carries printed ranks by reference, and leaves rank empty where there is nothing to rank', () => {
    const wcc = result.indicators.findIndex((i) => i.code === '2A1');
    const row = dataRow(wcc);
    expect(row[at('Rank')]).toMatchObject({ formula: '=ASCOF!D25', value: 10 });
    expect(row[at('Of')]).toMatchObject({ formula: '=ASCOF!E25', value: 16 });
    expect(row[at('Quartile')]?.value).toBe(3);
    expect(dataRow(6)[at('Rank')]).toBeNull();
  });

  it('stores the value every formula computes (HyperFormula over the source sheets)', () => {
    const hf = load(wb, spec);
    expect(expectFormulasToMatch(hf, spec)).toBeGreaterThan(200);
    hf.destroy();
  });

  it('follows the polarity and band inputs', () => {
    const hf = load(wb, spec);
    const sheet = hf.getSheetId('Benchmarks') as number;
    const r = spec.anchor.row + 4 + 5; // unit cost of home care: no polarity yet
    const c = (name: string) => spec.anchor.col + at(name);
    expect(hf.getCellValue({ sheet, row: r, col: c('Rank') })).toBe('');
    hf.setCellContents({ sheet, row: r, col: c('Polarity') }, 'lower');
    // 15.9 against 16.2, 15.8, 17.1, 16.4: only 15.8 is lower
    expect(hf.getCellValue({ sheet, row: r, col: c('Rank') })).toBe(2);
    expect(hf.getCellValue({ sheet, row: r, col: c('Flag') })).toBe('similar');
    hf.setCellContents({ sheet, row: spec.anchor.row + 1, col: spec.anchor.col + 1 }, 0.01);
    expect(hf.getCellValue({ sheet, row: r, col: c('Flag') })).toBe('better');
    hf.destroy();
  });

  it('draws a bar chart of own against average and a radar chart of percentiles', () => {
    expect(spec.charts?.map((ch) => [ch.type, ch.title])).toEqual([
      ['bar', 'Own value against comparator average'],
      ['radar', 'Percentile in comparator group'],
    ]);
    const bar = spec.charts![0].data;
    expect(spec.cells[bar.top].slice(bar.left, bar.right + 1).map((c) => c?.value)).toEqual([
      'Indicator',
      'Manchester',
      'Comparator average',
    ]);
    const radar = spec.charts![1].data;
    expect(spec.cells[radar.top].slice(radar.left, radar.right + 1).map((c) => c?.value)).toEqual([
      'Indicator',
      'Percentile',
    ]);
    expect(spec.cells[bar.top + 1][bar.left + 1]).toMatchObject({ formula: '=E6', value: 6 });
  });

  it('colours the quartiles with conditional bands', () => {
    expect(spec.conditionalBands).toEqual([
      expect.objectContaining({ top: 4, bottom: 39, left: at('Quartile'), right: at('Quartile') }),
    ]);
  });

  it('gives an empty table a header and nothing else to compute', () => {
    const s = buildBenchmarkTable({ tables: [], indicators: [], findings: [] }, { sheet: 'B', row: 0, col: 0 });
    expect(s.cells[3][0]?.value).toBe('Indicator');
    expect(s.cells.flat().filter((c) => c?.formula)).toEqual([]);
    expect(columnIndex('A')).toBe(0);
  });
});
