/**
 * Essex 2017's savings table as a council's template: the MTRS and the savings targets typed in, the
 * envelope, total savings and the two reduction rows left empty for figures. PlanCheck fills them
 * with live formulas that recalculate to what Essex printed; every other cell keeps its value and
 * style; the savings already in the MTRS go in a named block beside it; a second fill after the
 * budget is changed gives the new figures without adding anything twice.
 */
import ExcelJS from 'exceljs';

import type { CellValue } from '../../../src/engine/grid';
import { snapshotFromRows } from '../../../src/engine/grid';
import { readTables } from '../../../src/engine/tables';
import { workbook, withFormulas } from '../helpers';
import { evaluate } from './evaluate';
import { TemplateError } from '../../../src/engine/generate/template';
import { fillSavingsTemplate } from '../../../src/engine/generate/templateSavings';
import { ESSEX_SAVINGS, printed, seedRow } from './seeds';
import { changedOutside, houseCell, houseHeader, MONEY_FORMAT, openTemplate, recalc, shown } from './templateBook';

const SHEET = 'Savings';
const PERCENT_FORMAT = '0%;(0%)';
const YEARS = ESSEX_SAVINGS.columns.slice(1);
const COLS = ['B', 'C', 'D', 'E'];
const ALREADY_PLANNED = [0, ...Object.values(ESSEX_SAVINGS.related!.savings_already_in_mtrs as Record<string, number>)];

/** Essex's table in the house style, its worked-out rows (envelope, total savings, the two %) empty. */
function essexTemplate(relabel: (label: string) => string = (l) => l): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  houseHeader(ws, 'Budget data: savings targets to 2020-21 (£m)', 3, ESSEX_SAVINGS.columns);
  ESSEX_SAVINGS.rows.forEach((seed, i) => {
    const r = 4 + i;
    const label = relabel(String(seed[0]));
    const typedIn = /MTRS$|Target/.test(label);
    houseCell(ws, r, 1, label, undefined, !typedIn);
    seed.slice(1).forEach((v, k) => {
      const percent = /%/.test(label);
      houseCell(ws, r, 2 + k, typedIn ? printed(v) : null, percent ? PERCENT_FORMAT : MONEY_FORMAT, !typedIn);
    });
  });
  ws.getColumn(1).width = 52;
  return wb;
}

const rowOf = (label: string) => 4 + ESSEX_SAVINGS.rows.findIndex((r) => String(r[0]).startsWith(label));

test('the envelope, total savings and reductions filled as live formulas giving the figures Essex printed', async () => {
  const template = essexTemplate();
  const book = await openTemplate(template, SHEET, 3, 0);
  const fill = fillSavingsTemplate(book.read, book.table, { alreadyPlanned: ALREADY_PLANNED, firstYear: '2017/18' });
  expect(fill.years).toEqual(YEARS);
  expect(fill.rows).toEqual([
    'Financial Envelope',
    'Total Savings',
    'Total MTRS reduction %',
    'Cash Reduction % (compared to 2017/18)',
  ]);
  expect(fill.planned).toEqual({ from: 'Savings!$I$4', added: true });
  await book.write(fill.spec);
  const after = await book.save();
  const ws = after.getWorksheet(SHEET)!;

  // Only the worked-out rows were written, and every other template cell is as it was.
  const written = ['Financial Envelope', 'Total Savings', 'Total MTRS', 'Cash Reduction'].flatMap((l) =>
    COLS.map((c) => `${c}${rowOf(l)}`),
  );
  expect([...fill.written].sort()).toEqual([...written].sort());
  expect(changedOutside(book.before.getWorksheet(SHEET)!, ws, fill.written)).toEqual([]);
  // The figure cells keep the house format and borders.
  expect(ws.getCell(`C${rowOf('Total Savings')}`).numFmt).toBe(MONEY_FORMAT);
  expect(ws.getCell(`C${rowOf('Cash')}`).numFmt).toBe(PERCENT_FORMAT);
  expect(ws.getCell(`C${rowOf('Cash')}`).border).toEqual(book.before.getWorksheet(SHEET)!.getCell('C9').border);

  // Live: the envelope is the MTRS plus the (negative) target; total savings add the block's.
  const env = rowOf('Financial Envelope');
  expect(ws.getCell(`C${env}`).formula).toBe(`C${rowOf('Current MTRS')}+C${rowOf('Savings Target')}`);
  expect(ws.getCell(`C${rowOf('Total Savings')}`).formula).toBe(`C${rowOf('Savings Target')}+$J$4`);
  expect(after.definedNames.model.find((n) => n.name === 'Savings_Planned')?.ranges).toEqual(['Savings!$I$4:$L$4']);

  const hf = recalc(ws);
  expect(hf.formulas).toBe(16);
  expect(hf.mismatches()).toEqual([]);
  // What Essex printed, where it printed it: money to the £m, percentages to the whole per cent.
  for (const label of ['Financial Envelope', 'Total Savings', 'Total MTRS reduction %', 'Cash Reduction %']) {
    seedRow(ESSEX_SAVINGS, label).forEach((p, k) => {
      const want = printed(p);
      if (want === null) return;
      const got = hf.value(`${COLS[k]}${rowOf(label)}`) as number;
      if (/%/.test(label)) expect(Math.round(got * 100) / 100).toBe(want);
      else expect(Math.round(got)).toBe(want);
    });
  }
  // A changed target flows through to the envelope and the reductions.
  hf.set(`E${rowOf('Savings Target')}`, -100);
  expect(hf.value(`E${env}`)).toBe(371);
  hf.destroy();
});

test('a template whose labels say reductions are positive gets them positive: the sign its labels state', async () => {
  const template = essexTemplate((l) =>
    l === 'Total MTRS reduction %'
      ? 'Total MTRS reduction % (a reduction is positive)'
      : l.startsWith('Cash Reduction %')
        ? 'Cash Reduction % against 2017/18 (a fall is positive)'
        : l,
  );
  const book = await openTemplate(template, SHEET, 3, 0);
  const fill = fillSavingsTemplate(book.read, book.table, { alreadyPlanned: ALREADY_PLANNED, firstYear: '2017/18' });
  await book.write(fill.spec);
  const ws = (await book.save()).getWorksheet(SHEET)!;
  expect(ws.getCell(`C${rowOf('Cash')}`).formula).toBe(
    `IF($B$${rowOf('Financial')}=0,"n/a",1-C${rowOf('Financial')}/$B$${rowOf('Financial')})`,
  );
  const hf = recalc(ws);
  expect(hf.mismatches()).toEqual([]);
  // Essex's printed (10%) ... and (7%) ..., turned: 10% and 7% reductions.
  for (const label of ['Total MTRS reduction %', 'Cash Reduction %']) {
    seedRow(ESSEX_SAVINGS, label).forEach((p, k) => {
      const want = printed(p);
      if (want === null) return;
      expect(Math.round((hf.value(`${COLS[k]}${rowOf(label)}`) as number) * 100) / 100).toBe(-want);
    });
  }
  hf.destroy();
});

test('a second fill after the MTRS is changed: the new figures, one block, one name', async () => {
  const first = await openTemplate(essexTemplate(), SHEET, 3, 0);
  const fill = fillSavingsTemplate(first.read, first.table, { alreadyPlanned: ALREADY_PLANNED, firstYear: '2017/18' });
  await first.write(fill.spec);
  const filled = await first.save();
  filled.getWorksheet(SHEET)!.getCell(`E${rowOf('Current MTRS')}`).value = 480;
  const again = await openTemplate(filled, SHEET, 3, 0);
  const second = fillSavingsTemplate(again.read, again.table, { firstYear: '2017/18' });
  // The block PlanCheck added the first time is used, not added again.
  expect(second.planned).toEqual({ from: 'Savings!$I$4', added: false });
  expect(second.spec.names).toBeUndefined();
  await expect(again.write(second.spec)).rejects.toThrow(/already/);
  await again.write(second.spec, true);
  const ws = (await again.save()).getWorksheet(SHEET)!;
  expect(shown(ws, `E${rowOf('Financial Envelope')}`)).toBe(480 - 91);
  expect(shown(ws, `E${rowOf('Total MTRS')}`)).toBeCloseTo((-91 - 15.4) / 480, 9);
  let blocks = 0;
  ws.eachRow((row) => row.eachCell((c) => (blocks += c.value === 'Savings already planned' ? 1 : 0)));
  expect(blocks).toBe(1);
  const hf = recalc(ws);
  expect(hf.mismatches()).toEqual([]);
  hf.destroy();
});

test('a savings table with no savings target row is refused in one sentence naming it', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  houseHeader(ws, 'Savings', 3, ['Adult Social Care', '2017/18', '2018/19']);
  houseCell(ws, 4, 1, 'Current MTRS');
  houseCell(ws, 4, 2, 421, MONEY_FORMAT);
  houseCell(ws, 4, 3, 419, MONEY_FORMAT);
  houseCell(ws, 5, 1, 'Financial Envelope');
  houseCell(ws, 5, 2, null, MONEY_FORMAT);
  houseCell(ws, 5, 3, null, MONEY_FORMAT);
  const book = await openTemplate(wb, SHEET, 3, 0);
  const fill = () => fillSavingsTemplate(book.read, book.table, {});
  expect(fill).toThrow(TemplateError);
  expect(fill).toThrow(`The savings template ${book.table.sheet}!${book.table.range} has no savings target row.`);
});

describe('templates kept other ways', () => {
  const load = (rows: CellValue[][], formulas: Record<string, string> = {}) => {
    const sheet = withFormulas(snapshotFromRows('Plan', rows), formulas);
    const read = readTables(workbook(sheet));
    return { read, table: read.tables[0], rows };
  };

  test('savings typed as positive figures are taken away; a total column keeps its own SUM and gets the rest', () => {
    const { read, table, rows } = load(
      [
        ['Adult Social Care', '2018/19', '2019/20', 'Total'],
        ['Budget', 419, 433, 852],
        ['Savings target', 28, 61, null],
        ['Financial envelope', null, null, null],
      ],
      { D2: '=SUM(B2:C2)' },
    );
    const fill = fillSavingsTemplate(read, table, {});
    expect(fill.spec.cells[3][1]).toEqual({ value: 391, formula: '=B2-B3' });
    // The template's own total is its own (refreshed, not written); the empty ones get SUMs.
    expect(fill.spec.cells[1][3]).toMatchObject({ formula: '=SUM(B2:C2)', refresh: true });
    expect(fill.written).toEqual(['B4', 'C4', 'D3', 'D4']);
    const ev = evaluate(fill.spec, { Plan: rows });
    expect(ev.mismatches()).toEqual([]);
    expect(ev.value(3, 3)).toBe(852 - 89);
  });

  test("empty budget and target cells take the config's figures, savings made negative", () => {
    const { read, table, rows } = load([
      ['Adult Social Care', '2017/18', '2018/19'],
      ['Current MTRS', null, null],
      ['Savings target', null, null],
      ['Financial envelope', null, null],
    ]);
    expect(() => fillSavingsTemplate(read, table, { budget: [421] })).toThrow(
      'PlanCheck has no budget for 2018/19: give it in the template or as "budget" in the config, one figure a year from firstYear.',
    );
    const fill = fillSavingsTemplate(read, table, { firstYear: '2017/18', budget: [421, 419], savings: [0, 28] });
    expect(fill.spec.cells.slice(1, 3).map((r) => r.slice(1, 3).map((c) => c?.value))).toEqual([
      [421, 419],
      [0, -28],
    ]);
    const ev = evaluate(fill.spec, { Plan: rows });
    expect(ev.mismatches()).toEqual([]);
    expect(ev.value(3, 2)).toBe(391);
  });
});
