/**
 * `plancheck compare OLD NEW`: versions of the Manchester sample, the changes as JSON, the exit
 * status, and the bridge written into a copy of NEW, whose formulas recalculate (HyperFormula, over
 * the copy's own cells) to their stored values with the check row at zero.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';

import { XlsxPort } from '../../src/xlsx/xlsxPort';
import { MANCHESTER, plancheck, plancheckJson, tempDir } from './helpers';

let dir: string;
let v2: string;
let typedOver: string;

/** A copy of the sample with cells set (sheet, 0-based row and column, value, and formula if any). */
async function version(file: string, cells: [string, number, number, number, string?][]): Promise<string> {
  const port = await XlsxPort.fromBuffer(await fs.readFile(MANCHESTER), 'plan.xlsx');
  for (const [sheet, row, col, value, formula] of cells) {
    await port.write(
      { title: 'edit', anchor: { sheet, row, col }, cells: [[{ value, formula }]] },
      { overwrite: true },
    );
  }
  const out = path.join(dir, file);
  await fs.writeFile(out, await port.toBuffer());
  return out;
}

beforeAll(async () => {
  dir = await tempDir();
  // Line 03's 2010/11 cash limit up 500 (G9), with the Totals row's formula (G53) following it.
  v2 = await version('plan-v2.xlsx', [
    ['Financial plan', 8, 6, 74526],
    ['Financial plan', 52, 6, 194111, '=SUM(G7:G52)'],
  ]);
  // The 2011/12 total typed over (its SUM formula replaced by a number), nothing else changed.
  typedOver = await version('plan-typed-over.xlsx', [['Financial plan', 52, 7, 200389]]);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

interface CompareJson {
  old: { workbook: string };
  new: { workbook: string };
  tables: { kind: string; old: { sheet: string; range: string }; new: { sheet: string; range: string } }[];
  changes: {
    kind: string;
    severity: string;
    line?: string;
    year?: string;
    before?: number;
    after?: number;
    oldCell?: string;
    newCell?: string;
    message: string;
  }[];
  bridges: { title: string; years: string[]; rows: { label: string; kind: string; values: number[] }[] }[];
}

test('the changes as JSON, exit 0: one figure, at its cells in both versions, and the bridge', async () => {
  const { json, code } = await plancheckJson<CompareJson>('compare', MANCHESTER, v2);
  expect(code).toBe(0);
  expect(json.old).toEqual({ workbook: 'manchester-2009-plan.xlsx' });
  expect(json.new).toEqual({ workbook: 'plan-v2.xlsx' });
  expect(json.tables.map((t) => [t.kind, t.old.range, t.new.range])).toContainEqual([
    'financial-plan',
    'B5:M54',
    'B5:M54',
  ]);
  expect(
    json.changes.map((c) => [c.kind, c.severity, c.line, c.year, c.before, c.after, c.oldCell, c.newCell]),
  ).toEqual([
    [
      'figure',
      'info',
      '03 Services for Older People',
      '2010/11',
      74026,
      74526,
      'Financial plan!G9',
      'Financial plan!G9',
    ],
  ]);
  const [bridge] = json.bridges;
  expect(bridge.years).toEqual(['2009/10', '2010/11', '2011/12']);
  expect(bridge.rows.map((r) => [r.label, ...r.values])).toEqual([
    ['As in manchester-2009-plan.xlsx', 188811, 193611, 199389],
    ['03 Services for Older People', 0, 500, 0],
    ['Total now', 188811, 194111, 199389],
    ['Check (must be zero)', 0, 0, 0],
  ]);
});

test('a total typed over with none of its lines changed: an error, exit 1', async () => {
  const { json, code } = await plancheckJson<CompareJson>('compare', MANCHESTER, typedOver);
  expect(code).toBe(1);
  expect(json.changes.map((c) => [c.kind, c.severity, c.newCell])).toEqual([
    ['total-only', 'error', 'Financial plan!H53'],
  ]);
  const text = await plancheck('compare', MANCHESTER, typedOver);
  expect(text.out).toContain(
    'ERROR  Totals, 2011/12: 199,389 to 200,389, although none of its lines changed: the total looks typed over (it was the formula =SUM(H7:H52))',
  );
});

test('either file unusable, or only one given: exit 2 with one sentence', async () => {
  const missing = await plancheck('compare', MANCHESTER, path.join(dir, 'nowhere.xlsx'));
  expect(missing.code).toBe(2);
  expect(missing.err.trim().split('\n')).toHaveLength(1);
  expect(missing.err).toContain('nowhere.xlsx does not exist');
  const one = await plancheck('compare', MANCHESTER);
  expect(one.code).toBe(2);
  expect(one.err).toBe(
    'plancheck: compare needs two workbooks, the earlier first: plancheck compare OLD.xlsx NEW.xlsx\n',
  );
});

test('--out: the bridge on a new sheet of a copy of NEW, live formulas recalculating to their stored values, check zero', async () => {
  const out = path.join(dir, 'plan-v2-bridge.xlsx');
  const run = await plancheck('compare', MANCHESTER, v2, '--out', out);
  expect(run.code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const bridge = wb.getWorksheet('Budget bridge')!;
  expect(bridge?.getCell('A1').value).toBe('Budget bridge: 3.1 Financial Plan');
  // Every sheet into HyperFormula, formulas as formulas; then each bridge formula against its stored result.
  const sheets: Record<string, (string | number | null)[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: (string | number | null)[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const v = cell.value as ExcelJS.CellValue;
        const line = (rows[r - 1] ??= []);
        if (v && typeof v === 'object' && 'formula' in v) line[c - 1] = `=${v.formula}`;
        else if (typeof v === 'number' || typeof v === 'string') line[c - 1] = v;
      });
    });
    sheets[ws.name] = Array.from({ length: rows.length }, (_, i) => rows[i] ?? []);
  }
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
  const id = hf.getSheetId('Budget bridge')!;
  let formulas = 0;
  let checkRow = -1;
  bridge.eachRow((row, r) => {
    if (row.getCell(1).value === 'Check (must be zero)') checkRow = r;
    row.eachCell((cell, c) => {
      const v = cell.value as ExcelJS.CellFormulaValue;
      if (!v || typeof v !== 'object' || !('formula' in v)) return;
      formulas++;
      // exceljs reads a stored 0 as no result at all; the cell's model keeps it.
      const stored = (cell as unknown as { model: { result?: unknown } }).model.result;
      expect(stored).not.toBeUndefined();
      expect({ at: cell.address, got: hf.getCellValue({ sheet: id, row: r - 1, col: c - 1 }) }).toEqual({
        at: cell.address,
        got: stored,
      });
    });
  });
  expect(formulas).toBeGreaterThanOrEqual(9);
  expect(checkRow).toBeGreaterThan(0);
  for (let c = 2; c <= 4; c++) expect(hf.getCellValue({ sheet: id, row: checkRow - 1, col: c - 1 })).toBe(0);
  hf.destroy();
});
