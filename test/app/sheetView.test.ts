/**
 * The sheet view's model over the exceljs port's own workbook: visible sheets and their layout
 * (frozen panes, widths, merges), cell text under number formats with fills and bold, rows read in
 * blocks only as asked for, marks and writes seen at once, and one selection shared with the port.
 */
import ExcelJS from 'exceljs';
import { BLOCK, SheetViewModel } from '../../src/app/sheetView';
import { SETTINGS_SHEET } from '../../src/engine/port';
import { XlsxSheetView } from '../../src/xlsx/view';
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

/** The sheet view over the port's own workbook, as the browser page builds it. */
function viewOf(port: XlsxPort): XlsxSheetView {
  return new XlsxSheetView(port.state);
}

describe('SheetViewModel', () => {
  it('lists the sheets a user sees, with frozen panes, widths and merges', () => {
    const model = new SheetViewModel(viewOf(workbook()));
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
    const model = new SheetViewModel(viewOf(workbook()));
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
    const view = viewOf(workbook());
    const spy = jest.spyOn(view, 'viewRows');
    const model = new SheetViewModel(view);
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
    const model = new SheetViewModel(viewOf(port));
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
    const model = new SheetViewModel(viewOf(port));
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

describe('the sheet view draws colours as Excel does', () => {
  /** How far apart two "#RRGGBB" colours are, in the largest channel difference. */
  function apart(a: string | null, b: string): number {
    if (!a) return Infinity;
    return Math.max(
      ...[1, 3, 5].map((i) => Math.abs(parseInt(a.slice(i, i + 2), 16) - parseInt(b.slice(i, i + 2), 16))),
    );
  }

  /** A risk register as a council keeps it, saved and opened again (so the theme comes from the file). */
  async function register(): Promise<XlsxPort> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Risks');
    ws.addRow(['Ref', 'Risk', 'Owner', 'Score', 'Rating']);
    // The header in "Blue, Accent 1, Lighter 60%" and white "Background 1" text: theme colours, not RGB.
    for (const c of ['A1', 'B1', 'C1', 'D1', 'E1']) {
      ws.getCell(c).fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { theme: 4, tint: 0.5999938962981048 } as Partial<ExcelJS.Color>,
      };
      ws.getCell(c).font = { bold: true, color: { theme: 0 } };
    }
    ws.addRow(['R1', 'Care market failure', 'Director', 20, 'Red']);
    ws.addRow(['R2', 'Staff turnover', 'Head of HR', 9, 'Amber']);
    ws.addRow(['R3', 'Data breach', '', 4, 'Green']);
    // An owner still to be found: an empty cell shaded in the legacy palette's yellow (index 13).
    ws.getCell('C4').fill = { type: 'pattern', pattern: 'solid', fgColor: { indexed: 13 } as Partial<ExcelJS.Color> };
    // Scores banded by conditional formats, as registers do: 15 and over red, 5 to 14 amber.
    ws.addConditionalFormatting({
      ref: 'D2:D4',
      rules: [
        {
          type: 'cellIs',
          operator: 'greaterThan',
          formulae: ['14'],
          priority: 1,
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFF0000' } } },
        },
        {
          type: 'cellIs',
          operator: 'between',
          formulae: ['5', '14'],
          priority: 2,
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC000' } } },
        },
      ],
    });
    ws.addConditionalFormatting({
      ref: 'E2:E4',
      rules: [
        {
          type: 'containsText',
          operator: 'containsText',
          text: 'Green',
          priority: 3,
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FF00B050' } } },
        },
      ],
    });
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await wb.xlsx.writeBuffer());
    return new XlsxPort(back, 'register.xlsx');
  }

  it('fills in theme colours with their tint, and text in theme colours', async () => {
    const model = new SheetViewModel(viewOf(await register()));
    const header = model.cell('Risks', 0, 0)!;
    // exceljs writes Office 2007's theme, whose accent 1 is #4F81BD; 60% lighter is #B8CCE4 in Excel.
    expect(apart(header.fill, '#B8CCE4')).toBeLessThanOrEqual(1);
    expect(header).toMatchObject({ text: 'Ref', bold: true, color: '#FFFFFF' });
  });

  it('shows the fill of an empty cell (from the legacy palette too), which the view would otherwise skip', async () => {
    const model = new SheetViewModel(viewOf(await register()));
    expect(model.cell('Risks', 3, 2)).toMatchObject({ text: '', fill: '#FFFF00' });
  });

  it("shades scores and ratings by the register's conditional formats, and leaves the others plain", async () => {
    const model = new SheetViewModel(viewOf(await register()));
    expect(model.cell('Risks', 1, 3)).toMatchObject({ text: '20', fill: '#FF0000' });
    expect(model.cell('Risks', 2, 3)).toMatchObject({ text: '9', fill: '#FFC000' });
    expect(model.cell('Risks', 3, 3)).toMatchObject({ text: '4', fill: null });
    expect(model.cell('Risks', 3, 4)).toMatchObject({ text: 'Green', fill: '#00B050' });
    expect(model.cell('Risks', 1, 4)).toMatchObject({ text: 'Red', fill: null });
  });

  it('reads the view without adding a cell to the workbook', async () => {
    const port = await register();
    const model = new SheetViewModel(viewOf(port));
    for (let r = 0; r < 10; r++) for (let c = 0; c < 10; c++) model.cell('Risks', r, c);
    const snapshot = await port.read();
    const risks = snapshot.sheets.find((s) => s.name === 'Risks')!;
    expect(risks.values.length).toBe(4);
    expect(risks.values[0].length).toBe(5);
  });
});
