/**
 * The sheet view's model over the exceljs port's own workbook: visible sheets and their layout
 * (frozen panes, widths, merges), cell text under number formats with fills and bold, rows read in
 * blocks only as asked for, marks and writes seen at once, and one selection shared with the port.
 */
import ExcelJS from 'exceljs';
import { BLOCK, SheetViewModel } from '../../src/app/sheetView';
import { SETTINGS_SHEET } from '../../src/engine/port';
import { XlsxPort } from '../../src/xlsx/xlsxPort';

function workbook(): XlsxPort {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan', { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
  ws.getCell('A1').value = 'Budget 2024/25';
  ws.getCell('A1').font = { bold: true };
  ws.mergeCells('A1:C1');
  ws.getCell('A2').value = 'Line';
  ws.getCell('B2').value = 'Amount';
  ws.getCell('C2').value = 'Share';
  ws.getCell('A3').value = 'Care';
  ws.getCell('B3').value = -1234.5;
  ws.getCell('B3').numFmt = '#,##0;(#,##0)';
  ws.getCell('C3').value = 0.035;
  ws.getCell('C3').numFmt = '0.0%';
  ws.getCell('C3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  ws.getColumn(1).width = 20;
  ws.getCell('A1000').value = 'last';
  wb.addWorksheet('Hidden', { state: 'hidden' }).getCell('A1').value = 1;
  wb.addWorksheet(SETTINGS_SHEET, { state: 'veryHidden' });
  wb.addWorksheet('Notes').getCell('B2').value = 'see plan';
  return new XlsxPort(wb, 'test.xlsx');
}

describe('SheetViewModel', () => {
  it('lists the sheets a user sees, with frozen panes, widths and merges', () => {
    const model = new SheetViewModel(workbook());
    expect(model.sheets().map((s) => s.name)).toEqual(['Plan', 'Notes']);
    const plan = model.sheet('Plan')!;
    expect(plan).toMatchObject({
      rowCount: 1020,
      columnCount: 26,
      usedRowCount: 1000,
      usedColumnCount: 3,
      frozenRows: 2,
      frozenCols: 1,
      merges: ['A1:C1'],
    });
    expect(plan.widths).toHaveLength(26);
    expect(plan.widths[0]).toBe(145);
    expect(plan.widths[1]).toBe(64);
    expect(model.mergeAt('Plan', 0, 2)).toEqual({ top: 0, left: 0, bottom: 0, right: 2 });
    expect(model.mergeAt('Plan', 1, 2)).toBeNull();
  });

  it('shows each cell under its number format, with its fill and weight', () => {
    const model = new SheetViewModel(workbook());
    expect(model.cell('Plan', 0, 0)).toMatchObject({ text: 'Budget 2024/25', bold: true, align: 'left' });
    expect(model.cell('Plan', 2, 1)).toMatchObject({ text: '(1,235)', align: 'right', fill: null });
    expect(model.cell('Plan', 2, 2)).toMatchObject({ text: '3.5%', fill: '#FFF2CC' });
    expect(model.cell('Plan', 5, 1)).toBeNull();
    expect(model.cell('Plan', 999, 0)?.text).toBe('last');
    // Text runs on into an empty neighbour, not into a filled one.
    expect(model.cell('Notes', 1, 1)?.spill).toBe(true);
    expect(model.cell('Plan', 2, 0)?.spill).toBe(false);
  });

  it('reads rows from the workbook a block at a time, only when they are asked for', () => {
    const port = workbook();
    const spy = jest.spyOn(port, 'viewRows');
    const model = new SheetViewModel(port);
    expect(spy).not.toHaveBeenCalled();
    model.cell('Plan', 3, 0);
    model.cell('Plan', 10, 1);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenLastCalledWith('Plan', 0, BLOCK - 1, 26);
    model.cell('Plan', 999, 0);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy).toHaveBeenLastCalledWith('Plan', 800, 999, 26);
  });

  it('sees marks, their clearing and writes at once', async () => {
    const port = workbook();
    const model = new SheetViewModel(port);
    const seen = jest.fn();
    model.subscribe(seen);
    expect(model.cell('Plan', 2, 1)?.fill).toBeNull();
    await port.mark([{ sheet: 'Plan', cell: 'B3', color: '#FFC7CE' }]);
    expect(seen).toHaveBeenCalled();
    expect(model.cell('Plan', 2, 1)?.fill).toBe('#FFC7CE');
    await port.clearMarks();
    expect(model.cell('Plan', 2, 1)?.fill).toBeNull();
    await port.write({
      title: 'Projection',
      anchor: { sheet: 'New', row: 0, col: 0 },
      newSheet: true,
      cells: [[{ value: 'Projection', bold: true }], [{ value: 0.2, numberFormat: '0%' }]],
    });
    expect(model.sheets().map((s) => s.name)).toEqual(['Plan', 'Notes', 'New']);
    expect(model.cell('New', 1, 0)?.text).toBe('20%');
    model.dispose();
  });

  it('shares one selection with the port, both ways', async () => {
    const port = workbook();
    const model = new SheetViewModel(port);
    await port.select('Plan', 'B3:C4');
    await new Promise((r) => setTimeout(r, 0));
    expect(model.selection()).toEqual({
      sheet: 'Plan',
      range: { top: 2, left: 1, bottom: 3, right: 2 },
      row: 2,
      col: 1,
    });
    await model.selectCell('Notes', 1, 1);
    expect(await port.selection()).toEqual({ sheet: 'Notes', cell: 'B2' });
    // A merged cell selects its top-left cell.
    await model.selectCell('Plan', 0, 2);
    expect(await port.selection()).toEqual({ sheet: 'Plan', cell: 'A1' });
  });
});
