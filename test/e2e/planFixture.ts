/**
 * A plan workbook laid out as councils lay theirs, for the sheet view's tests (sheetView.e2e.test.ts):
 * a cover sheet first, then "Plan" with its title and header rows frozen (no frozen columns), refs in
 * A, line names in B, ten years of figures, a review date in Excel's built-in short date (format 14,
 * as Excel writes a typed date), a narrow column with a figure too wide for it, header texts that run
 * on (left, right and centred) next to cells that hold text, and a total row one figure of which is
 * wrong (Validate reports Plan!C66).
 */
import ExcelJS from 'exceljs';
import { columnPixels } from '../../src/xlsx/view';

const NAMES = [
  'Older people residential care',
  'Home care',
  'Learning disability support',
  'Mental health services',
  'Physical disability support',
  'Carers support',
  'Day services',
  'Reablement',
  'Direct payments',
  'Safeguarding',
];
const YEARS = ['2025/26', '2026/27', '2027/28', '2028/29', '2029/30', '2030/31', '2031/32', '2032/33', '2033/34'];

/** Column widths in characters, A to N. */
export const WIDTHS = [6, 20, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 6];
/** Each column's left edge in the sheet view, from column A's (and the last one's right edge). */
export const STARTS = WIDTHS.reduce((s, w) => [...s, s[s.length - 1] + columnPixels(w)], [0]);
/** The rows of lines, and the total row (1-based). */
export const FIRST_LINE = 6;
export const TOTAL_ROW = 66;
/** 10 February 2025, the review date of every line. */
export const REVIEW = new Date(Date.UTC(2025, 1, 10));

export const figure = (line: number, year: number) => 3000 + ((line * 97 + year * 131) % 4000);

export async function planWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const cover = wb.addWorksheet('Summary');
  cover.getCell('A1').value = 'Adult Social Care plan 2025/26';
  cover.getCell('A3').value = 'The lines are on the Plan sheet.';
  const ws = wb.addWorksheet('Plan', { views: [{ state: 'frozen', xSplit: 0, ySplit: 5 }] });
  WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getCell('A1').value = '3.1 Financial Plan';
  ws.getCell('A1').font = { bold: true };
  ws.getCell('A3').value = 'Figures in £000';
  ws.getCell('F1').value = 'Draft';
  ws.getCell('H1').value = 'Prepared by Finance, 3 March 2025';
  ws.getCell('H1').alignment = { horizontal: 'right' };
  ws.getCell('C4').value = 'Current Cash Limit Revenue Budget';
  ws.getCell('E4').value = 'Proposed Gross Cash Limit Revenue Budgets';
  ws.getCell('J4').value = 'Budget funding by source';
  ws.getCell('J4').alignment = { horizontal: 'center' };
  ws.getRow(5).values = ['Ref', 'Service', ...YEARS, '2034/35', 'Review date', 'Units'];
  for (let i = 0; i < TOTAL_ROW - FIRST_LINE; i++) {
    const r = FIRST_LINE + i;
    ws.getCell(r, 1).value = String(i + 1).padStart(2, '0');
    ws.getCell(r, 2).value = NAMES[i % NAMES.length] + (i >= NAMES.length ? ` (area ${Math.floor(i / 10) + 1})` : '');
    for (let k = 0; k < 10; k++) {
      ws.getCell(r, 3 + k).value = figure(i, k);
      ws.getCell(r, 3 + k).numFmt = '#,##0';
    }
    ws.getCell(r, 13).value = REVIEW;
    ws.getCell(r, 14).value = 12_345_678;
    ws.getCell(r, 14).numFmt = '#,##0';
  }
  ws.getCell(TOTAL_ROW, 2).value = 'Total net budget';
  for (let k = 0; k < 10; k++) {
    let sum = 0;
    for (let i = 0; i < TOTAL_ROW - FIRST_LINE; i++) sum += figure(i, k);
    ws.getCell(TOTAL_ROW, 3 + k).value = k === 0 ? sum + 500 : sum;
    ws.getCell(TOTAL_ROW, 3 + k).numFmt = '#,##0';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
