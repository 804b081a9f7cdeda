/**
 * Reading a workbook through the Office.js port, against the in-memory fake Excel (fakeExcel.ts),
 * which counts syncs and measures every response as Excel on the web would.
 */
import { SETTINGS_SHEET } from '../../src/engine/port';
import { bigPlanRows, widePlanRows } from '../../src/samples/bigPlan';
import { OfficePort } from '../../src/excel/officePort';
import { FakeExcel, MB5 } from './fakeExcel';

function twoSheetWorkbook(): FakeExcel {
  const excel = new FakeExcel({ name: 'Manchester plan.xlsx' });
  excel.addSheet(
    'Financial plan',
    [
      ['Ref', 'Budget headline', '2010/11', '2011/12'],
      ['03', 'Services for Older People', 74025, 75100],
      [null, 'Total', null, null],
    ],
    { row: 3, col: 1 },
  );
  excel.setCell('Financial plan', 'D6', { formula: '=SUM(D5:D5)', value: 74025, numberFormat: '#,##0;(#,##0)' });
  excel.setCell('Financial plan', 'E6', { value: '' });
  excel.addSheet('Risks', [
    ['Risk', 'Likelihood', 'Impact'],
    ['Provider failure', 4, 5],
  ]);
  excel.names.set('CashLimit_2010_11', { sheet: 'Financial plan', address: 'D5' });
  return excel;
}

describe('OfficePort.read', () => {
  it('marks the sheets Excel hides, in the survey it makes anyway, so they are not checked by default', async () => {
    const excel = twoSheetWorkbook();
    excel.sheet('Risks')!.visibility = 'Hidden';
    const port = new OfficePort({ run: excel.run });
    const wb = await port.read();
    expect(wb.sheets.map((s) => [s.name, s.hidden ?? false])).toEqual([
      ['Financial plan', false],
      ['Risks', true],
    ]);
  });

  it('reads a two-sheet workbook in two syncs once it knows its sheets', async () => {
    const excel = twoSheetWorkbook();
    const port = new OfficePort({ run: excel.run });
    await port.read(); // the pane's first read learns which sheets there are
    excel.resetCounters();

    const wb = await port.read();

    expect(excel.syncs).toBe(2); // 1 survey + 1 batch holding both sheets
    expect(wb.name).toBe('Manchester plan.xlsx');
    expect(wb.sheets.map((s) => s.name)).toEqual(['Financial plan', 'Risks']);
    const plan = wb.sheets[0];
    expect(plan.origin).toEqual({ row: 3, col: 1 });
    expect(plan.values[1]).toEqual(['03', 'Services for Older People', 74025, 75100]);
    expect(plan.values[2]).toEqual([null, 'Total', 74025, null]);
    expect(plan.formulas[2]).toEqual([null, null, '=SUM(D5:D5)', null]);
    expect(plan.numberFormats[2][2]).toBe('#,##0;(#,##0)');
    expect(plan.numberFormats[1][2]).toBe('General');
    expect(wb.names).toEqual([{ name: 'CashLimit_2010_11', sheet: 'Financial plan', address: 'D5' }]);
    expect(excel.leftUnsynced).toBe(0);
  });

  it('takes one extra sync the first time, to list sheets it has never seen', async () => {
    const excel = twoSheetWorkbook();
    const wb = await new OfficePort({ run: excel.run }).read();
    expect(excel.syncs).toBe(3); // list sheets and names, then used ranges, then one batch
    expect(wb.sheets).toHaveLength(2);
  });

  it('learns used ranges in the first sync when asked for named sheets', async () => {
    const excel = twoSheetWorkbook();
    const wb = await new OfficePort({ run: excel.run }).read({ sheets: ['Risks'] });
    expect(excel.syncs).toBe(2);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Risks']);
    expect(wb.sheets[0].values).toEqual([
      ['Risk', 'Likelihood', 'Impact'],
      ['Provider failure', 4, 5],
    ]);
  });

  it('notices a sheet added since its last read', async () => {
    const excel = twoSheetWorkbook();
    const port = new OfficePort({ run: excel.run });
    await port.read();
    excel.addSheet('Savings', [['Savings target', -28]]);
    excel.resetCounters();
    const wb = await port.read();
    expect(wb.sheets.map((s) => s.name)).toEqual(['Financial plan', 'Risks', 'Savings']);
    expect(excel.syncs).toBe(3);
  });

  it('copes with a remembered sheet that was deleted', async () => {
    const excel = twoSheetWorkbook();
    const port = new OfficePort({ run: excel.run });
    await port.read();
    excel.sheets = excel.sheets.filter((s) => s.name !== 'Risks');
    const wb = await port.read();
    expect(wb.sheets.map((s) => s.name)).toEqual(['Financial plan']);
  });

  it('skips the settings sheet and gives an empty sheet an empty snapshot', async () => {
    const excel = twoSheetWorkbook();
    excel.addSheet(SETTINGS_SHEET, [['{"rounding":{}}']]).visibility = 'VeryHidden';
    excel.addSheet('Notes');
    const wb = await new OfficePort({ run: excel.run }).read();
    expect(wb.sheets.map((s) => s.name)).toEqual(['Financial plan', 'Risks', 'Notes']);
    expect(wb.sheets[2].values).toEqual([]);
  });

  it("keeps a user's text that starts with '=' as text, not as a formula", async () => {
    const excel = new FakeExcel();
    excel.addSheet('Notes');
    excel.setCell('Notes', 'A1', { value: '=not a formula' }); // typed as '=not a formula
    const wb = await new OfficePort({ run: excel.run }).read();
    expect(wb.sheets[0].values[0][0]).toBe('=not a formula');
    expect(wb.sheets[0].formulas[0][0]).toBeNull();
  });

  it('reports hidden rows without extra syncs', async () => {
    const excel = twoSheetWorkbook();
    excel.sheet('Financial plan')?.hiddenRows.add(4);
    const port = new OfficePort({ run: excel.run });
    await port.read();
    excel.resetCounters();
    const wb = await port.read();
    expect(wb.sheets[0].hiddenRows).toEqual([4]);
    expect(wb.sheets[1].hiddenRows).toEqual([]);
    expect(excel.syncs).toBe(2);
  });

  it('a plan of 100,000 rows x 20 columns is read in at most 15 syncs, each response under 5 MB', async () => {
    const rows = widePlanRows(100_000);
    const excel = new FakeExcel();
    excel.addSheet('Financial plan', rows);
    const progress: number[] = [];
    const wb = await new OfficePort({ run: excel.run }).read({
      sheets: ['Financial plan'],
      onProgress: (done, total) => progress.push(done / total),
    });

    // The first block goes on the cautious estimate (120 bytes a cell: 1,666 rows); its response
    // is measured and the rest of the sheet read in blocks that fill most of the 4 MB budget.
    expect(excel.syncs).toBeLessThanOrEqual(15);
    expect(excel.failedSyncs).toEqual([]);
    expect(excel.maxResponseBytes).toBeLessThan(MB5);
    expect(excel.maxResponseBytes).toBeGreaterThan(3_000_000);
    expect(Math.max(...excel.cellsPerSync)).toBeLessThan(5_000_000);
    const snap = wb.sheets[0];
    expect(snap.values).toHaveLength(rows.length);
    expect(snap.values[rows.length - 1]).toEqual(
      rows[rows.length - 1].map((v) => (v === '' || v === undefined ? null : v)),
    );
    expect(snap.values[50_000]).toEqual(rows[50_000].map((v) => (v === '' || v === undefined ? null : v)));
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
  });

  it('remembers what a sheet weighs: the next read of it starts with full blocks', async () => {
    const excel = new FakeExcel();
    excel.addSheet('Financial plan', bigPlanRows(20_000));
    const port = new OfficePort({ run: excel.run });
    await port.read({ sheets: ['Financial plan'] });
    // Sync 0 is the survey; sync 1 the first block, planned on the cautious estimate.
    const probe = excel.cellsPerSync[1];
    expect(probe).toBe(Math.floor(4_000_000 / (12 * 120)) * 12);
    excel.resetCounters();
    await port.read({ sheets: ['Financial plan'] });
    expect(excel.cellsPerSync[1]).toBeGreaterThan(3 * probe);
    expect(excel.maxResponseBytes).toBeLessThan(MB5);
  });

  it('100 sheets of 103 rows share one batch instead of a sync each', async () => {
    const excel = new FakeExcel();
    for (let i = 1; i <= 100; i++) excel.addSheet(`Plan ${i}`, bigPlanRows(100, i));
    const port = new OfficePort({ run: excel.run });
    await port.read();
    excel.resetCounters();
    const wb = await port.read();
    expect(wb.sheets).toHaveLength(100);
    // 100 x 103 rows x 12 columns at what the first read measured (about 25 bytes a cell) = 3.1 MB:
    // one batch, where the cautious estimate of 120 bytes a cell needed four.
    expect(excel.syncs).toBe(1 + 1);
    expect(excel.maxResponseBytes).toBeLessThan(MB5);
  });

  it('halves a block that Excel says is too large, reads every row, and does not pay for it twice', async () => {
    const rows = bigPlanRows(4_000);
    const excel = new FakeExcel({ responseLimit: 150_000 });
    excel.addSheet('Financial plan', rows);
    excel.addSheet('Second plan', bigPlanRows(4_000, 2));
    // An estimate far too low (2 bytes a cell) plans one block; the fake's limit refuses it.
    const port = new OfficePort({ run: excel.run, budget: { bytesPerCell: 2, maxResponseBytes: 120_000 } });
    const wb = await port.read({ sheets: ['Financial plan'] });
    expect(wb.sheets[0].values).toHaveLength(rows.length);
    expect(wb.sheets[0].values[2000]).toEqual(rows[2000].map((v) => (v === '' || v === undefined ? null : v)));
    expect(excel.failedSyncs.length).toBeGreaterThan(0); // Excel refused at least once
    const answered = excel.responseBytes.filter((_, i) => !excel.failedSyncs.includes(i));
    expect(Math.max(...answered)).toBeLessThanOrEqual(150_000);
    // The refusals are remembered: the next read plans the sheet at what it weighs, and none is refused.
    excel.resetCounters();
    await port.read({ sheets: ['Financial plan'] });
    expect(excel.failedSyncs).toEqual([]);
  });
});
