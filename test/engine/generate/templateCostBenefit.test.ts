/**
 * Birmingham 2008's table 9 as a council's template: the programme's costs and cashable benefits
 * typed in, the benefit ratio, the return on investment, the TOTAL column and the payback cell left
 * empty. PlanCheck fills them with live formulas that recalculate to what Birmingham printed; every
 * other cell keeps its value and style; a second fill after a cost is changed gives the new figures.
 */
import ExcelJS from 'exceljs';

import type { CellValue } from '../../../src/engine/grid';
import { snapshotFromRows } from '../../../src/engine/grid';
import { readTables } from '../../../src/engine/tables';
import { workbook, withFormulas } from '../helpers';
import { evaluate } from './evaluate';
import { TemplateError } from '../../../src/engine/generate/template';
import { fillCostBenefitTemplate } from '../../../src/engine/generate/templateCostBenefit';
import { columnLetter } from '../../../src/engine/grid';
import { BIRMINGHAM_TABLE_9, printed, seedRow } from './seeds';
import { changedOutside, houseCell, houseHeader, MONEY_FORMAT, openTemplate, recalc, shown } from './templateBook';

const SHEET = 'Net financial effect';
const YEARS = BIRMINGHAM_TABLE_9.columns.length - 2;
const yearCol = (t: number) => columnLetter(1 + t);
const TOTAL = columnLetter(1 + YEARS);
const ROW = { costs: 4, benefits: 5, ratio: 6, roi: 7, payback: 9 };

/** Table 9 in the house style: the inputs typed in, the worked-out cells empty. */
function birminghamTemplate(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  houseHeader(ws, '6.2.5 Net Financial Effect, Table 9', 3, BIRMINGHAM_TABLE_9.columns);
  BIRMINGHAM_TABLE_9.rows.forEach((seed, i) => {
    const r = 4 + i;
    const typedIn = i < 2;
    houseCell(ws, r, 1, String(seed[0]), undefined, !typedIn);
    seed.slice(1).forEach((v, k) => {
      const isTotal = k === YEARS;
      houseCell(ws, r, 2 + k, typedIn && !isTotal ? printed(v) : null, i === 2 ? '0.00' : MONEY_FORMAT, isTotal);
    });
  });
  houseCell(ws, ROW.payback, 1, 'Payback year', undefined, true);
  houseCell(ws, ROW.payback, 2, null);
  ws.getColumn(1).width = 28;
  return wb;
}

test('the ratio, the return on investment, the totals and the payback filled as Birmingham printed them', async () => {
  const book = await openTemplate(birminghamTemplate(), SHEET, 4, 3);
  const fill = fillCostBenefitTemplate(book.read, book.table, {});
  expect(fill.costs).toEqual(['3 year programme plan']);
  expect(fill.benefits).toEqual(['Gross cashable benefits']);
  expect(fill.years).toHaveLength(YEARS);
  // The document: "pay back during year six (2013/14)".
  expect(fill.payback).toBe('Year 6 2013/14');
  await book.write(fill.spec);
  const after = await book.save();
  const ws = after.getWorksheet(SHEET)!;

  const expected = [
    ...[ROW.ratio, ROW.roi].flatMap((r) => Array.from({ length: YEARS }, (_, t) => `${yearCol(t)}${r}`)),
    `${TOTAL}${ROW.costs}`,
    `${TOTAL}${ROW.benefits}`,
    `${TOTAL}${ROW.ratio}`,
    `B${ROW.payback}`,
  ];
  expect([...fill.written].sort()).toEqual([...expected].sort());
  expect(changedOutside(book.before.getWorksheet(SHEET)!, ws, fill.written)).toEqual([]);
  expect(ws.getCell(`C${ROW.roi}`).formula).toBe(`B${ROW.roi}+(C${ROW.benefits}-C${ROW.costs})`);
  expect(ws.getCell(`C${ROW.roi}`).numFmt).toBe(MONEY_FORMAT);
  expect(ws.getCell(`${TOTAL}${ROW.costs}`).formula).toBe(`SUM(B${ROW.costs}:${yearCol(YEARS - 1)}${ROW.costs})`);

  const hf = recalc(ws);
  expect(hf.formulas).toBe(expected.length);
  expect(hf.mismatches()).toEqual([]);
  // Birmingham's running return and totals (within the rounding of its printed lines: they add to
  // 42,466 where it printed 42,468), and its ratio
  // to the two places it printed (years 0 to 10: for year 11 it printed 456.99% where 36,221 ÷ 79 is 458.49).
  seedRow(BIRMINGHAM_TABLE_9, 'Return on investment').forEach((p, t) => {
    if (p !== null)
      expect(Math.abs((hf.value(`${yearCol(t)}${ROW.roi}`) as number) - printed(p)!)).toBeLessThanOrEqual(3);
  });
  for (const [row, label] of [
    [ROW.costs, '3 year'],
    [ROW.benefits, 'Gross'],
  ] as const) {
    const total = hf.value(`${TOTAL}${row}`) as number;
    expect(Math.abs(total - printed(seedRow(BIRMINGHAM_TABLE_9, label)[YEARS])!)).toBeLessThanOrEqual(3);
  }
  const ratio = seedRow(BIRMINGHAM_TABLE_9, 'Benefit ratio');
  for (let t = 0; t <= 10; t++) {
    const got = hf.value(`${yearCol(t)}${ROW.ratio}`) as number;
    expect(Math.abs(got - printed(ratio[t])! * 100)).toBeLessThan(0.01);
  }
  expect(hf.value(`B${ROW.payback}`)).toBe('Year 6 2013/14');
  hf.destroy();
});

test('a second fill after a year 1 cost is raised: a later payback, nothing added twice', async () => {
  const first = await openTemplate(birminghamTemplate(), SHEET, 4, 3);
  await first.write(fillCostBenefitTemplate(first.read, first.table, {}).spec);
  const filled = await first.save();
  // The programme's year 1 cost goes up by 20,000: the running return stays negative a year longer.
  filled.getWorksheet(SHEET)!.getCell(`C${ROW.costs}`).value = 10215 + 20000;
  const again = await openTemplate(filled, SHEET, 4, 3);
  const second = fillCostBenefitTemplate(again.read, again.table, {});
  expect(second.payback).toBe('Year 7 2014/15');
  await again.write(second.spec, true);
  const ws = (await again.save()).getWorksheet(SHEET)!;
  expect(shown(ws, `B${ROW.payback}`)).toBe('Year 7 2014/15');
  const lines = seedRow(BIRMINGHAM_TABLE_9, '3 year').slice(0, YEARS) as number[];
  expect(shown(ws, `${TOTAL}${ROW.costs}`)).toBe(lines.reduce((s, v) => s + v, 0) + 20000);
  let paybacks = 0;
  ws.eachRow((row) => row.eachCell((c) => (paybacks += c.value === 'Payback year' ? 1 : 0)));
  expect(paybacks).toBe(1);
  const hf = recalc(ws);
  expect(hf.mismatches()).toEqual([]);
  hf.destroy();
});

test('empty cost cells with no figures in the config are refused, naming the line and year', async () => {
  const wb = birminghamTemplate();
  wb.getWorksheet(SHEET)!.getCell(`D${ROW.costs}`).value = null;
  const book = await openTemplate(wb, SHEET, 4, 3);
  expect(() => fillCostBenefitTemplate(book.read, book.table, {})).toThrow(TemplateError);
  expect(() => fillCostBenefitTemplate(book.read, book.table, {})).toThrow(
    'PlanCheck has no figure for "3 year programme plan" in 2009/10: give it in the template or in the config\'s costs or benefits, one figure a year from firstYear.',
  );
});

test("a template's own total costs stand, brought up to date; the net works from them", () => {
  const rows: CellValue[][] = [
    ['£000', '2025/26', '2026/27'],
    ['Staff', 100, 100],
    ['Equipment', 50, 0],
    ['Total costs', 0, 0],
    ['Savings', 0, 200],
    ['Net benefit', null, null],
  ];
  const sheet = withFormulas(snapshotFromRows('Case', rows), { B4: '=SUM(B2:B3)', C4: '=SUM(C2:C3)' });
  const read = readTables(workbook(sheet));
  const fill = fillCostBenefitTemplate(read, read.tables[0], {});
  expect(fill.costs).toEqual(['Staff', 'Equipment']);
  expect(fill.benefits).toEqual(['Savings']);
  expect(fill.written).toEqual(['B6', 'C6']);
  expect(fill.spec.cells[3].slice(1, 3)).toEqual([
    { value: 150, formula: '=SUM(B2:B3)', refresh: true },
    { value: 100, formula: '=SUM(C2:C3)', refresh: true },
  ]);
  expect(fill.spec.cells[5][2]).toEqual({ value: 100, formula: '=C5-C4' });
  const ev = evaluate(fill.spec, { Case: sheet.values.map((r, i) => r.map((v, j) => sheet.formulas[i][j] ?? v)) });
  expect(ev.mismatches()).toEqual([]);
  expect(ev.value(5, 1)).toBe(-150);
});

test('a table of lines with nothing to work out is refused, naming what PlanCheck looks for', () => {
  const sheet = snapshotFromRows('Case', [
    ['£000', '2025/26', '2026/27'],
    ['Staff', 100, 100],
    ['Savings', 0, 200],
  ]);
  const read = readTables(workbook(sheet));
  expect(() => fillCostBenefitTemplate(read, read.tables[0], {})).toThrow(
    `The cost/benefit template ${read.tables[0].sheet}!${read.tables[0].range} has no row for PlanCheck to work out (net benefit, running return, benefit ratio, totals or payback).`,
  );
});
