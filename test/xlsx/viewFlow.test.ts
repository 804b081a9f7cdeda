/**
 * Issue 27, points 3 and 4, without a browser: how the sheet view lays text out (text runs on into
 * empty cells and stops at the first that holds anything; numbers never run on and show "###" when
 * too wide), read from a real workbook, and where going to a cell scrolls (the row labels kept in
 * view where they fit beside it; the cell and its "Selected" line brought into the window).
 */
import ExcelJS from 'exceljs';
import { fitNumber, labelColumns, overflowSpan, revealBy, scrollToSpan, type FlowCell } from '../../src/xlsx/viewFlow';
import { XlsxSheetView } from '../../src/xlsx/view';
import { XlsxPort } from '../../src/xlsx/xlsxPort';

const text = (align: FlowCell['align'] = 'left'): FlowCell => ({ kind: 'text', align, flows: true });
const num: FlowCell = { kind: 'number', align: 'right', flows: false };

describe('overflowSpan: where text runs on', () => {
  it('left-aligned text runs right over empty cells and stops at the first that holds anything', () => {
    const row = [text(), null, null, text(), null];
    expect(overflowSpan(row, 0, 0, 4)).toEqual({ from: 0, to: 2 });
    // The last text runs on to the end of what is drawn.
    expect(overflowSpan(row, 3, 0, 4)).toEqual({ from: 3, to: 4 });
  });

  it('right-aligned text runs left, centred text both ways', () => {
    const row = [num, null, text('right'), null, text('center'), null, null];
    expect(overflowSpan(row, 2, 0, 6)).toEqual({ from: 1, to: 2 });
    expect(overflowSpan(row, 4, 0, 6)).toEqual({ from: 3, to: 6 });
  });

  it('stops at the edge of a frozen pane, and not at all for text that keeps to its cell', () => {
    const row = [null, text('center'), null, null];
    expect(overflowSpan(row, 1, 1, 2)).toEqual({ from: 1, to: 2 });
    expect(overflowSpan([{ kind: 'text', align: 'left', flows: false }, null], 0, 0, 1)).toEqual({ from: 0, to: 0 });
    expect(overflowSpan([num, null], 0, 0, 1)).toEqual({ from: 0, to: 0 });
  });
});

describe('fitNumber: numbers never run on', () => {
  const seven = (s: string) => s.length * 7;
  it('shows a number that fits as it is, and one that does not as ### across the cell', () => {
    expect(fitNumber('5,952', 'number', 40, seven)).toBe('5,952');
    expect(fitNumber('12,345,678', 'number', 40, seven)).toBe('#####');
    expect(fitNumber('10/02/2025', 'number', 20, seven)).toBe('##');
  });

  it('in General format, takes off decimals first, as Excel does', () => {
    expect(fitNumber('3.14159265', 'general', 42, seven)).toBe('3.1416');
    expect(fitNumber('-1234.5', 'general', 35, seven)).toBe('-1235');
    expect(fitNumber('123456789', 'general', 35, seven)).toBe('#####');
  });

  it('leaves text alone: text runs on instead', () => {
    expect(fitNumber('Current Cash Limit Revenue Budget', 'text', 40, seven)).toBe('Current Cash Limit Revenue Budget');
  });
});

describe('going to a cell', () => {
  // Columns A (47 px, refs), B (145 px, line names), C to L (89 px each).
  const widths = [47, 145, ...Array<number>(10).fill(89)];
  const starts = widths.reduce((s, w) => [...s, s[s.length - 1] + w], [0]);

  it('finds the text columns left of the cell in rows near it', () => {
    const isText = (r: number, c: number) => c === 0 || (c === 1 && r !== 3);
    expect(labelColumns(isText, 10, 5, 0, { top: 0, bottom: 100 })).toEqual([0, 1]);
    expect(labelColumns((r, c) => c === 1 && r === 20, 10, 5, 0, { top: 0, bottom: 100 })).toEqual([]);
    expect(labelColumns(isText, 10, 5, 1, { top: 0, bottom: 100 })).toEqual([1]);
  });

  /** scrollToSpan for column `col` (or `col` to `last`), keeping the label columns `labels`. */
  const toColumn = (col: number, labels: number[], view: number, current: number, last = col) =>
    scrollToSpan(
      starts[col],
      starts[last + 1],
      labels.map((c) => starts[c]),
      view,
      current,
    );

  it('keeps the line names in view beside the cell when they fit, moving as little as possible', () => {
    // 257 px in view (350 px window): C fits beside B (234 px), not beside A and B (281 px).
    expect(toColumn(2, [0, 1], 257, 0)).toBe(24);
    expect(toColumn(2, [0, 1], 257, 400)).toBe(47);
    // 755 px (1280 px window): C is in sight already, and so are A and B: nothing moves.
    expect(toColumn(2, [0, 1], 755, 0)).toBe(0);
    // Scrolled far right before, the view comes back to show the names with the cell.
    expect(toColumn(6, [0, 1], 755, 900)).toBe(0);
  });

  it('shows the cell alone, as little moved as possible, when the names do not fit beside it', () => {
    // L is 1,082 px from A: the cell at the right edge of the view.
    expect(toColumn(11, [0, 1], 755, 0)).toBe(starts[12] - 755);
    // Already in sight: nothing moves.
    expect(toColumn(11, [0, 1], 755, 500)).toBe(500);
    // A column wider than the view shows from its left edge, where its text starts.
    expect(toColumn(1, [], 100, 0)).toBe(47);
  });

  it('shows a range whole where it fits, and from its start where it does not', () => {
    // C to D (178 px) fits in 300 px: brought in from either side; C to F (356 px) does not: from C.
    expect(toColumn(2, [], 300, 0, 3)).toBe(370 - 300);
    expect(toColumn(2, [], 300, 600, 3)).toBe(192);
    expect(toColumn(2, [], 300, 0, 5)).toBe(192);
    // Rows, 20 px each, 400 px in view: rows 50 to 54 brought up from below, 50 to 90 from row 50.
    expect(scrollToSpan(50 * 20, 55 * 20, [], 400, 0)).toBe(1100 - 400);
    expect(scrollToSpan(50 * 20, 91 * 20, [], 400, 0)).toBe(1000);
  });

  it('brings the "Selected" line and the cell into the window, or the cell alone when both do not fit', () => {
    // Below the fold (the sheet under the pane at 350 px): scrolled down just enough.
    expect(revealBy(900, 1400, 1420, 800)).toBe(620);
    // Above the window: scrolled up to the line.
    expect(revealBy(-300, 100, 120, 800)).toBe(-300);
    // Both in sight: nothing moves.
    expect(revealBy(100, 600, 620, 800)).toBe(0);
    // Too far apart for one window: the cell.
    expect(revealBy(0, 1000, 1020, 800)).toBe(220);
  });
});

describe('XlsxSheetView.flowRow: what each cell of a workbook row holds', () => {
  it('reads text, numbers, General numbers, formulas giving "", merged, wrapped and aligned cells', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.getCell('A1').value = 'Current Cash Limit Revenue Budget';
    ws.getCell('C1').value = 5952;
    ws.getCell('C1').numFmt = '#,##0';
    ws.getCell('D1').value = 3.5;
    ws.getCell('E1').value = { formula: 'IF(C1>0,"","x")', result: '' };
    ws.getCell('F1').value = 'Proposed Gross';
    ws.getCell('F1').alignment = { wrapText: true };
    ws.getCell('G1').value = 'Budget funding';
    ws.mergeCells('G1:H1');
    ws.getCell('I1').value = 'Total';
    ws.getCell('I1').alignment = { horizontal: 'right' };
    ws.getCell('J1').value = true;
    ws.getCell('K1').value = new Date(Date.UTC(2025, 1, 10));
    ws.getCell('K1').numFmt = 'dd/mm/yyyy';
    const view = new XlsxSheetView(new XlsxPort(wb, 'plan.xlsx').state, 'en-GB');
    const row = view.flowRow('Plan', 0, 13);
    expect(row.map((c) => c && `${c.kind} ${c.align}${c.flows ? ' flows' : ''}`)).toEqual([
      'text left flows',
      null,
      'number right',
      'general right',
      'blank left',
      'text left',
      'text left',
      'blank left',
      'text right flows',
      'other center',
      'number right',
      null,
      null,
    ]);
    expect(view.flowRow('Plan', 5, 3)).toEqual([null, null, null]);
    expect(view.flowRow('Nowhere', 0, 2)).toEqual([null, null]);
  });
});
