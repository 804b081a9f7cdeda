/**
 * A formula whose stored result is 0 (a balanced line, a SUM of nothing yet) is read as 0 and a copy
 * keeps its 0: exceljs's value getter drops a falsy result, which read it as blank and wrote the
 * formula without its figure.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { XlsxSheetView } from '../../src/xlsx/view';
import { XlsxPort } from '../../src/xlsx/xlsxPort';

async function workbookWithZeroTotal(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.addRow(['Service', '2024/25']);
  ws.addRow(['Home care', 100]);
  ws.addRow(['Refund', -100]);
  ws.getCell('A4').value = 'Total';
  ws.getCell('B4').value = { formula: 'SUM(B2:B3)', result: 0 } as ExcelJS.CellFormulaValue;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

test('a stored 0 is read as 0, not as a blank cell', async () => {
  const port = await XlsxPort.fromBuffer(await workbookWithZeroTotal(), 'zero.xlsx');
  const wb = await port.read();
  expect(wb.sheets[0].values[3]).toEqual(['Total', 0]);
});

test('a formula written with a result of 0 keeps <v>0</v> in the copy', async () => {
  const port = await XlsxPort.fromBuffer(await workbookWithZeroTotal(), 'zero.xlsx');
  await port.write({
    title: 'check',
    anchor: { sheet: 'Plan', row: 5, col: 1 },
    cells: [[{ formula: '=B4-0', value: 0 }]],
  });
  const zip = await JSZip.loadAsync(await port.toBuffer());
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  expect(sheet).toMatch(/<c r="B6"[^>]*><f>B4-0<\/f><v>0<\/v><\/c>/);
});

test('a formula worth 0 inside an Excel table keeps its 0, read back and in the copy', async () => {
  // A savings envelope's first year: no savings yet, so total savings and the reduction are 0.
  const port = await XlsxPort.fromBuffer(await workbookWithZeroTotal(), 'zero.xlsx');
  await port.write({
    title: 'Savings',
    anchor: { sheet: 'Savings', row: 0, col: 0 },
    newSheet: true,
    excelTable: { name: 'Savings_Table', top: 0, left: 0, bottom: 2, right: 1 },
    cells: [
      [{ value: 'Line' }, { value: '2025/26' }],
      [{ value: 'Budget' }, { value: 100000 }],
      [{ value: 'Total reduction %' }, { formula: '=B2*0', value: 0, numberFormat: '0.0%' }],
    ],
  });
  const read = async (p: XlsxPort) => (await p.read()).sheets.find((s) => s.name === 'Savings')!.values[2];
  expect(await read(port)).toEqual(['Total reduction %', 0]);
  expect(await read(await XlsxPort.fromBuffer(await port.toBuffer(), 'copy.xlsx'))).toEqual(['Total reduction %', 0]);
  // The browser page's sheet view shows it too (as 0.0%), not an empty cell.
  const [[, cell]] = new XlsxSheetView(port.state, 'en-GB').viewRows('Savings', 2, 2, 2);
  expect(cell).toMatchObject({ value: 0, numFmt: '0.0%' });
});

test("the sheet view shows a formula's stored 0 read from a file", async () => {
  const port = await XlsxPort.fromBuffer(await workbookWithZeroTotal(), 'zero.xlsx');
  const [[label, total]] = new XlsxSheetView(port.state, 'en-GB').viewRows('Plan', 3, 3, 2);
  expect([label?.value, total?.value]).toEqual(['Total', 0]);
});
