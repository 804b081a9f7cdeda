/**
 * The Excel tables (ListObjects) and pivot tables the Office.js port reads with the cells, against
 * the fake Excel (fakeExcel.ts): no sync more than a read without them.
 */
import { readTables } from '../../src/engine/tables';
import { OfficePort } from '../../src/excel/officePort';
import { FakeExcel } from './fakeExcel';

function planWithTables(): FakeExcel {
  const excel = new FakeExcel();
  excel.addSheet(
    'My plan',
    [
      ['Service', '2024/25', '2025/26'],
      ['Home care', 100, 110],
      ['Day care', 50, 55],
      ['Total', 150, 165],
    ],
    { row: 3, col: 1 },
  );
  excel.tables.set('Plan_table', { sheet: 'My plan', address: 'B4:D7', showTotals: true });
  excel.addSheet('Summary', [
    ['Service', 'Spend'],
    ['Home care', 100],
    ['Day care', 50],
    [null, null],
    [null, null],
    ['Older people', 70],
    ['Younger adults', 80],
  ]);
  excel.tables.set('Headless', { sheet: 'Summary', address: 'A6:B7', showHeaders: false });
  excel.pivots.set('PivotTable1', { sheet: 'Summary', address: 'A1:B3' });
  return excel;
}

describe('OfficePort.read: Excel tables and pivot tables', () => {
  it('gives each sheet its Excel tables, the sheet stripped from the address, in the same syncs', async () => {
    const excel = planWithTables();
    const port = new OfficePort({ run: excel.run });
    await port.read();
    excel.resetCounters();

    const wb = await port.read();

    expect(excel.syncs).toBe(2); // 1 survey (with the tables and pivots listed) + 1 batch (with their ranges)
    const [plan, summary] = wb.sheets;
    expect(plan.tables).toEqual([{ name: 'Plan_table', range: 'B4:D7', totalsRow: true }]);
    expect(summary.tables).toEqual([{ name: 'Headless', range: 'A6:B7', headerRow: false, totalsRow: false }]);
    expect(excel.leftUnsynced).toBe(0);
  });

  it('gives each sheet where its pivot tables put their output', async () => {
    const excel = planWithTables();
    const wb = await new OfficePort({ run: excel.run }).read();
    expect(excel.syncs).toBe(3); // first read: list sheets, used ranges, one batch (as without tables)
    expect(wb.sheets[1].pivots).toEqual(['A1:B3']);
    expect(wb.sheets[0].pivots).toBeUndefined();
    expect(wb.sheets[0].tables?.map((t) => t.name)).toEqual(['Plan_table']);
  });

  it('keeps the tables of the sheets asked for only', async () => {
    const excel = planWithTables();
    const wb = await new OfficePort({ run: excel.run }).read({ sheets: ['Summary'] });
    expect(wb.sheets.map((s) => s.name)).toEqual(['Summary']);
    expect(wb.sheets[0].tables?.map((t) => t.name)).toEqual(['Headless']);
    expect(wb.sheets[0].pivots).toEqual(['A1:B3']);
  });

  it('carries the ranges again when the first batch is halved for its size', async () => {
    const excel = planWithTables();
    excel.failNext('ResponsePayloadSizeLimitExceeded', 1, 'too large', 1);
    const wb = await new OfficePort({ run: excel.run }).read({ sheets: ['My plan', 'Summary'] });
    expect(excel.failedSyncs).toEqual([1]);
    expect(wb.sheets[0].tables?.map((t) => t.range)).toEqual(['B4:D7']);
    expect(wb.sheets[1].pivots).toEqual(['A1:B3']);
  });

  it('an Excel without the pivot layout API (below ExcelApi 1.8) still reads, without pivots', async () => {
    const excel = planWithTables();
    excel.apiVersion = 1.7;
    const wb = await new OfficePort({ run: excel.run }).read({ sheets: ['My plan', 'Summary'] });
    // The batch that carried the ranges failed with ApiNotFound and was sent again without them.
    expect(excel.failedSyncs).toEqual([1]);
    expect(excel.syncs).toBe(3);
    expect(wb.sheets[1].values[1]).toEqual(['Home care', 100]);
    expect(wb.sheets[1].pivots).toBeUndefined();
  });

  it('asks for no pivot ranges when told the host lacks them', async () => {
    const excel = planWithTables();
    excel.apiVersion = 1.7;
    const wb = await new OfficePort({ run: excel.run, pivotTables: false }).read({ sheets: ['My plan', 'Summary'] });
    expect(excel.failedSyncs).toEqual([]);
    expect(excel.syncs).toBe(2);
    expect(wb.sheets[1].pivots).toBeUndefined();
    expect(wb.sheets[0].tables).toEqual([{ name: 'Plan_table', range: 'B4:D7', totalsRow: true }]);
  });

  it('follows a table on a renamed sheet and drops one on a deleted sheet', async () => {
    const excel = planWithTables();
    const port = new OfficePort({ run: excel.run });
    await port.read();
    excel.renameSheet('My plan', "Manager's plan");
    excel.deleteSheet('Summary');
    const wb = await port.read();
    expect(wb.sheets.map((s) => s.name)).toEqual(["Manager's plan"]);
    expect(wb.sheets[0].tables).toEqual([{ name: 'Plan_table', range: 'B4:D7', totalsRow: true }]);
  });

  it("hands the reader what it needs: the pivot's output is kind 'pivot', the Excel table keeps its totals row", async () => {
    const excel = planWithTables();
    const wb = await new OfficePort({ run: excel.run }).read();
    const kinds = readTables(wb).tables.map((t) => [t.sheet, t.range, t.kind, t.listObject ?? null]);
    expect(kinds).toContainEqual(['Summary', 'A1:B3', 'pivot', null]);
    const plan = readTables(wb).tables.find((t) => t.listObject === 'Plan_table');
    expect(plan?.rows.at(-1)?.role).toBe('total');
  });
});
