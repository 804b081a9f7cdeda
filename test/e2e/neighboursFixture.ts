/**
 * A CIPFA nearest-neighbours table built with exceljs, for the Benchmarks tab's ranked chart
 * (paneCharts.e2e.test.ts, and the README's screenshot in taskpane.e2e.test.ts): indicators as rows,
 * the councils as columns with their own figures, and the comparator average as the sheet prints it.
 * Lower is better for delays, higher for satisfaction.
 */
import ExcelJS from 'exceljs';

export const COUNCILS = ['Stockport', 'Trafford', 'Bolton', 'Manchester', 'Wigan', 'Salford', 'Oldham'];
export const DELAYS = [10, 12, 8, 6, 14, 9, 11];
export const SATISFACTION = [40, 45, 55, 50, 60, 62, 38];

export async function neighboursWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Neighbours');
  ws.addRow(['Adult social care against CIPFA nearest neighbours, 2016-17']);
  ws.addRow([]);
  ws.addRow(['Indicator', 'Good is', ...COUNCILS, 'Comparator average']);
  // The average of Manchester's comparators, as the sheet prints it.
  const average = (values: number[]) => {
    const others = values.filter((_v, i) => COUNCILS[i] !== 'Manchester');
    return Math.round((100 * others.reduce((s, v) => s + v, 0)) / others.length) / 100;
  };
  ws.addRow(['Delayed transfers of care per 100,000 (2C1)', 'Low', ...DELAYS, average(DELAYS)]);
  ws.addRow(['Satisfaction of people who use services (3A)', 'High', ...SATISFACTION, average(SATISFACTION)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
