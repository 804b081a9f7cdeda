/**
 * Worcestershire 2017's ASCOF benchmarking table as a council's template: the measures, the
 * England columns and the number of comparator councils printed; the council's figures, its ranks,
 * the comparator averages and a quartile column left empty. PlanCheck fills them: the council's
 * figures, and live COUNTIF ranks, AVERAGEs and quartiles over the comparators' figures it puts in
 * a named block beside the table; they recalculate to the ranks and averages Worcestershire printed.
 *
 * Worcestershire printed only each comparator group's average and its rank in it, so the fifteen
 * comparators' figures are made up here to fit both: as many councils do better as the rank says,
 * and their mean is the printed average.
 */
import ExcelJS from 'exceljs';

import type { CellValue } from '../../../src/engine/grid';
import { snapshotFromRows } from '../../../src/engine/grid';
import { readTables } from '../../../src/engine/tables';
import { workbook } from '../helpers';
import { evaluate } from './evaluate';
import { fillBenchmarkTemplate } from '../../../src/engine/generate/templateBenchmark';
import { TemplateError } from '../../../src/engine/generate/template';
import worcestershire from '../../../samples/seed-tables/worcestershire-2017-ascof-benchmark.json';
import { changedOutside, houseCell, houseHeader, openTemplate, recalc, shown } from './templateBook';

const SHEET = 'ASCOF';
const SEED = worcestershire as { columns: string[]; rows: (string | number)[][] };
const LOWER_IS_BETTER = ['2A1', '2A2', '2C1', '2C2']; // as the seed's notes say
const COUNCILS = 16;
/** Columns of the template (1-based): the seed's nine and a quartile column. */
const COL = { code: 1, own: 3, rank: 4, count: 5, average: 6, quartile: 10 };
const letter = (c: number) => String.fromCharCode(64 + c);
const FIRST_ROW = 4;

/** Fifteen comparators' figures: (rank − 1) do better than the council, the rest worse, mean = average. */
function comparators(own: number, rank: number, average: number, lowerIsBetter: boolean): number[] {
  const d = lowerIsBetter ? -1 : 1;
  const better = rank - 1;
  const worse = COUNCILS - rank;
  const gap = (15 * (average - own)) / d; // what the better ones must exceed the worse ones by, in all
  const small = Math.max(Math.abs(own) * 0.01, 0.01);
  let up: number;
  let down: number;
  if (better === 0) [up, down] = [0, -gap / worse];
  else if (gap >= 0) [down, up] = [small, (gap + worse * small) / better];
  else [up, down] = [small, (better * small - gap) / worse];
  if (up < 0 || down <= 0) throw new Error(`No comparators fit rank ${rank} and average ${average}.`);
  // Spread within each group (symmetric, so each group's sum is unchanged): no two councils tie.
  const spread = (n: number, each: number) =>
    Array.from({ length: n }, (_, k) => each * (1 + (k - (n - 1) / 2) * 0.02));
  return [...spread(better, up).map((u) => own + d * u), ...spread(worse, down).map((w) => own - d * w)];
}

const INDICATORS = SEED.rows.map((r) => ({
  indicator: String(r[0]),
  own: r[2] as number,
  comparators: comparators(r[2] as number, r[3] as number, r[5] as number, LOWER_IS_BETTER.includes(String(r[0]))),
}));

/** The ASCOF table in the house style, the council's figures, ranks, averages and quartiles empty. */
function ascofTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  houseHeader(ws, 'Benchmarking and Comparator Data: ASCOF 2016-17', 3, [...SEED.columns, 'Comparator quartile']);
  SEED.rows.forEach((seed, i) => {
    const r = FIRST_ROW + i;
    seed.forEach((v, k) => {
      const emptied = [COL.own, COL.rank, COL.average].includes(k + 1);
      houseCell(ws, r, k + 1, emptied ? null : v, k >= 2 ? '#,##0.0;(#,##0.0)' : undefined);
    });
    houseCell(ws, r, COL.quartile, null, '0');
  });
  ws.getColumn(2).width = 60;
  return wb;
}

test("the council's figures, ranks, averages and quartiles filled; they recalculate to Worcestershire's", async () => {
  const book = await openTemplate(ascofTemplate(), SHEET, FIRST_ROW, 2);
  const fill = fillBenchmarkTemplate(book.read, book.table, {
    council: 'WCC',
    indicators: INDICATORS,
    lowerIsBetter: LOWER_IS_BETTER,
  });
  expect(fill.indicators).toEqual(SEED.rows.map((r) => r[0]));
  expect(fill.comparators.added).toBe(true);
  await book.write(fill.spec);
  const after = await book.save();
  const ws = after.getWorksheet(SHEET)!;
  const n = SEED.rows.length;
  const rows = Array.from({ length: n }, (_, i) => FIRST_ROW + i);
  const expected = [COL.own, COL.rank, COL.average, COL.quartile].flatMap((c) => rows.map((r) => `${letter(c)}${r}`));
  expect([...fill.written].sort()).toEqual([...expected].sort());
  expect(changedOutside(book.before.getWorksheet(SHEET)!, ws, fill.written)).toEqual([]);
  // The block: one row of fifteen figures per measure, beside the table, named.
  expect(after.definedNames.model.find((d) => d.name === 'Benchmark_Comparators')?.ranges).toEqual([
    `ASCOF!$N$${FIRST_ROW}:$AB$${FIRST_ROW + n - 1}`,
  ]);
  expect(ws.getCell(`D${FIRST_ROW}`).formula).toBe(`COUNTIF(N${FIRST_ROW}:AB${FIRST_ROW},">"&C${FIRST_ROW})+1`);
  const delayed = FIRST_ROW + SEED.rows.findIndex((r) => r[0] === '2C2');
  expect(ws.getCell(`D${delayed}`).formula).toBe(`COUNTIF(N${delayed}:AB${delayed},"<"&C${delayed})+1`);

  const hf = recalc(ws);
  expect(hf.formulas).toBe(3 * n);
  expect(hf.mismatches()).toEqual([]);
  SEED.rows.forEach((seed, i) => {
    const r = FIRST_ROW + i;
    expect([seed[0], hf.value(`D${r}`)]).toEqual([seed[0], seed[3]]);
    expect(hf.value(`F${r}`) as number).toBeCloseTo(seed[5] as number, 9);
    // Sixteen councils: four to a quarter, the first quarter the best.
    expect(hf.value(`J${r}`)).toBe(Math.ceil((seed[3] as number) / 4));
  });
  hf.destroy();
});

test("a second fill after a comparator's figure is changed: the new rank, one block, one name", async () => {
  const first = await openTemplate(ascofTemplate(), SHEET, FIRST_ROW, 2);
  await first.write(
    fillBenchmarkTemplate(first.read, first.table, {
      council: 'WCC',
      indicators: INDICATORS,
      lowerIsBetter: LOWER_IS_BETTER,
    }).spec,
  );
  const filled = await first.save();
  // 4A (people who feel safe): WCC ranked 8th on 71.6; the last comparator now reports 75.
  const row = FIRST_ROW + SEED.rows.findIndex((r) => r[0] === '4A');
  filled.getWorksheet(SHEET)!.getCell(`AB${row}`).value = 75;
  const again = await openTemplate(filled, SHEET, FIRST_ROW, 2);
  const second = fillBenchmarkTemplate(again.read, again.table, { council: 'WCC', lowerIsBetter: LOWER_IS_BETTER });
  expect(second.comparators).toEqual({
    from: `ASCOF!$N$${FIRST_ROW}:$AB$${FIRST_ROW + SEED.rows.length - 1}`,
    added: false,
  });
  expect(second.spec.names).toBeUndefined();
  await again.write(second.spec, true);
  const out = await again.save();
  const ws = out.getWorksheet(SHEET)!;
  expect(shown(ws, `D${row}`)).toBe(9);
  expect(shown(ws, `J${row}`)).toBe(3);
  let blocks = 0;
  ws.eachRow((r) => r.eachCell((c) => (blocks += c.value === "Comparators' figures" ? 1 : 0)));
  expect(blocks).toBe(1);
  expect(out.definedNames.model.filter((d) => d.name === 'Benchmark_Comparators')).toHaveLength(1);
  const hf = recalc(ws);
  expect(hf.mismatches()).toEqual([]);
  hf.destroy();
});

test("a measure with no comparators' figures is refused in one sentence naming it", async () => {
  const book = await openTemplate(ascofTemplate(), SHEET, FIRST_ROW, 2);
  const fill = () => fillBenchmarkTemplate(book.read, book.table, { council: 'WCC', indicators: INDICATORS.slice(1) });
  expect(fill).toThrow(TemplateError);
  expect(fill).toThrow(
    `PlanCheck has no comparators' figures for 1C1B: give them as "comparators" for each indicator in the config.`,
  );
});

describe('a benchmarking table of local indicators', () => {
  const rows: CellValue[][] = [
    ['Indicator', 'Our council', 'Rank', 'Of', 'Quartile'],
    ['Delayed discharges per 100,000', 9.6, null, null, null],
    ['Carers satisfied with support (%)', 39, null, null, null],
  ];
  const read = readTables(workbook(snapshotFromRows('Benchmarks', rows)));
  const table = read.tables[0];
  const indicators = [
    { indicator: 'Delayed discharges per 100,000', comparators: [7.5, 12.1, 6.3, 10.2, 8.8, 11.0, 9.9] },
    { indicator: 'Carers satisfied with support (%)', comparators: [41, 36.5, 38.7, 44.2, 35, 39.5, 37] },
  ];

  test('whether lower is better must be said for indicators that are not ASCOF measures', () => {
    expect(() => fillBenchmarkTemplate(read, table, { indicators })).toThrow(
      'PlanCheck does not know whether higher or lower is better for Delayed discharges per 100,000, Carers satisfied with support (%): list them in "lowerIsBetter" or "higherIsBetter" in the config.',
    );
  });

  test('ranks each way, the number of councils counted, quartiles from them', () => {
    const fill = fillBenchmarkTemplate(read, table, {
      indicators,
      lowerIsBetter: ['Delayed discharges per 100,000'],
      higherIsBetter: ['Carers satisfied with support (%)'],
      comparatorNames: [
        'Shropshire',
        'Herefordshire',
        'Warwickshire',
        'Gloucestershire',
        'Staffordshire',
        'Dudley',
        'Walsall',
      ],
    });
    // Delayed discharges: 3 comparators lower (7.5, 6.3, 8.8): 4th of 8. Carers: 3 higher (41, 44.2, 39.5): 4th of 8.
    const ev = evaluate(fill.spec, { Benchmarks: rows });
    expect(ev.mismatches()).toEqual([]);
    expect([1, 2].map((r) => [ev.value(r, 2), ev.value(r, 3), ev.value(r, 4)])).toEqual([
      [4, 8, 2],
      [4, 8, 2],
    ]);
    expect(fill.spec.cells[1][3]?.formula).toBe('=COUNT(I2:O2)+1');
    expect(fill.spec.cells[0][8]?.value).toBe('Shropshire');
    // A comparator improving past the council moves it down a place and into the third quarter.
    ev.set(1, 9, 9.0);
    expect([ev.value(1, 2), ev.value(1, 4)]).toEqual([5, 3]);
  });
});
