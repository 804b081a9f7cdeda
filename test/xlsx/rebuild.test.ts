/**
 * Opening in the browser page's worker (src/xlsx/rebuild.ts): the workbook the page builds from the
 * worker's pieces is the workbook exceljs loads itself: the same snapshot for the checks, the same
 * cells, merges and looks in the sheet view, and a downloaded copy the same bytes.
 */
import * as fsSync from 'fs';
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';

import { SheetViewModel } from '../../src/app/sheetView';
import { baselineOf } from '../../src/xlsx/file';
import { BookRebuild, sendBook, type BookMessage } from '../../src/xlsx/rebuild';
import { XlsxSheetView } from '../../src/xlsx/view';
import { XlsxPort } from '../../src/xlsx/xlsxPort';
import { bigPlanRows } from '../../src/samples/bigPlan';

const SAMPLES = path.resolve(__dirname, '../../samples');

/** The page's port over a file opened the worker's way (each message copied as postMessage does). */
async function openedInPieces(bytes: Uint8Array, name: string): Promise<{ port: XlsxPort; said: string[] }> {
  const rebuild = new BookRebuild();
  const said: string[] = [];
  const messages: BookMessage[] = [];
  await sendBook(
    bytes,
    7,
    (m) => messages.push(structuredClone(m)),
    (p) => said.push(p.text),
  );
  for (const m of messages) {
    const p = rebuild.take(m);
    if (p) said.push(p.text);
  }
  const port = new XlsxPort(rebuild.workbook, name);
  port.state.original = { bytes, baseline: baselineOf(rebuild.workbook) };
  return { port, said };
}

function screen(port: XlsxPort, rows: number) {
  const model = new SheetViewModel(new XlsxSheetView(port.state));
  const out = model.sheets().map((s) => ({
    sheet: s,
    cells: Array.from({ length: rows }, (_, r) => Array.from({ length: 14 }, (_, c) => model.cell(s.name, r, c))),
    merges: Array.from({ length: rows }, (_, r) => model.mergeAt(s.name, r, 0)),
  }));
  model.dispose();
  return out;
}

describe('a workbook opened in the worker and rebuilt on the page', () => {
  it.each(fsSync.readdirSync(SAMPLES).filter((f) => f.endsWith('.xlsx')))(
    '%s: the same snapshot, sheet view and downloaded copy as exceljs’s own load',
    async (file) => {
      const bytes = new Uint8Array(await fs.readFile(path.join(SAMPLES, file)));
      const direct = await XlsxPort.fromBuffer(bytes, file);
      const { port, said } = await openedInPieces(bytes, file);
      expect(await port.read()).toEqual(await direct.read());
      expect(await port.loadSettings()).toEqual(await direct.loadSettings());
      expect(screen(port, 60)).toEqual(screen(direct, 60));
      expect(Buffer.from(await port.toBuffer()).equals(Buffer.from(await direct.toBuffer()))).toBe(true);
      expect(said[0]).toBe('Reading the workbook: unpacking the file');
      expect(said.at(-1)).toMatch(/^Reading the workbook: .+, ([\d,]+) of \1 rows$/);
    },
  );

  it('merged cells, hidden rows and formulas come through, and rows are counted as they arrive', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Budget');
    ws.addRow(['Adult Social Care budget']);
    ws.mergeCells('A1:D1');
    ws.addRow(['Line', '2024/25', '2025/26', 'Total']);
    for (let i = 1; i <= 20; i++)
      ws.addRow([`Line ${i}`, i * 10, i * 11, { formula: `B${i + 2}+C${i + 2}`, result: i * 21 }]);
    ws.getRow(5).hidden = true;
    const bytes = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
    const direct = await XlsxPort.fromBuffer(bytes, 'budget.xlsx');
    const { port, said } = await openedInPieces(bytes, 'budget.xlsx');
    const snapshot = await port.read();
    expect(snapshot).toEqual(await direct.read());
    expect(snapshot.sheets[0].merges).toEqual(['A1:D1']);
    expect(snapshot.sheets[0].hiddenRows).toEqual([4]);
    expect(snapshot.sheets[0].formulas[2][3]).toBe('=B3+C3');
    expect(said).toEqual([
      'Reading the workbook: unpacking the file',
      'Reading the workbook: Budget, 7 of 22 rows',
      'Reading the workbook: Budget, 14 of 22 rows',
      'Reading the workbook: Budget, 21 of 22 rows',
      'Reading the workbook: Budget, 22 of 22 rows',
    ]);
  });

  it('the page’s reads of a 12,000-row plan pause every 5,000 rows and read what a straight read does', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Financial plan');
    for (const r of bigPlanRows(12_000)) ws.addRow(r);
    const straight = await new XlsxPort(book, 'plan.xlsx').read();
    const port = new XlsxPort(book, 'plan.xlsx');
    let pauses = 0;
    port.state.pauseReads = async () => void pauses++;
    expect(await port.read()).toEqual(straight);
    expect(pauses).toBe(4); // two passes over 12,006 rows: at rows 5,000 and 10,000 of each
  });
});
