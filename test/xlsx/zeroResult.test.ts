/**
 * A formula whose stored result is 0 (a balanced line, a SUM of nothing yet) is read as 0 and a copy
 * keeps its 0: exceljs's value getter drops a falsy result, which read it as blank and wrote the
 * formula without its figure.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
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
