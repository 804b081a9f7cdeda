/**
 * A revised version of the sample plan (samples/plancheck-sample.xlsx), as a finance officer would
 * make it, for the Compare tests (test/app/compare.test.ts, test/e2e/compare.e2e.test.ts): line 04
 * (Adults – Physical Disability, on four rows, one per funding source) taken out, and in 2011/12
 * line 03 up 350 and line 06 down 420, each with its Mainstream funding; the totals, as formulas,
 * following.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';

export const SAMPLE_FILE = path.resolve(__dirname, '../../samples/plancheck-sample.xlsx');

function expectText(ws: ExcelJS.Worksheet, at: string, text: string): void {
  if (ws.getCell(at).value !== text) throw new Error(`the sample has changed: ${at} is not "${text}"`);
}

/** The revised plan's bytes (from the sample's, read from samples/ when not given). */
export async function revisedSample(sample?: Buffer): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((sample ?? (await fs.readFile(SAMPLE_FILE))) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('Financial plan')!;
  // Line 04 is rows 13 to 16: the line, on the row of its first funding source, and three more.
  expectText(ws, 'C13', 'Adults – Physical Disability');
  ws.spliceRows(13, 4);
  const add = (at: string, by: number) => (ws.getCell(at).value = (ws.getCell(at).value as number) + by);
  // 03 Services for Older People, 2011/12 (H9) and its Mainstream funding (L12): up 350.
  add('H9', 350);
  add('L12', 350);
  // 06 Adults – Learning Disability, now on row 17: 2011/12 (H17) and its Mainstream funding (L20), down 420.
  expectText(ws, 'C17', 'Adults – Learning Disability');
  add('H17', -420);
  add('L20', -420);
  // The totals (row 49 now) and the Mainstream total under them (row 50), formulas with their values.
  for (const col of ['D', 'E', 'F', 'G', 'H', 'J', 'K', 'L']) {
    let sum = 0;
    let mainstream = 0;
    for (let r = 7; r <= 48; r++) {
      const v = ws.getCell(`${col}${r}`).value;
      if (typeof v !== 'number') continue;
      sum += v;
      if (ws.getCell(`I${r}`).value === 'Mainstream') mainstream += v;
    }
    ws.getCell(`${col}49`).value = { formula: `SUM(${col}7:${col}48)`, result: sum };
    if (col >= 'J') {
      ws.getCell(`${col}50`).value = { formula: `SUMIF($I$7:$I$48,"Mainstream",${col}7:${col}48)`, result: mainstream };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
