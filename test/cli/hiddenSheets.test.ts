/**
 * Issue 23: visible sheets are checked by default; hidden helper sheets (a form's "Col refs", lookup
 * sheets) are listed as not checked, since they repeat the visible sheets' figures and would double
 * the findings. `"checkHiddenSheets": true` in the config checks them too.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';

import { plancheck, plancheckJson, tempDir, type CheckJson } from './helpers';

async function bookWithHiddenCopy(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, state] of [
    ['Budget', 'visible'],
    ['Col refs', 'hidden'],
  ] as const) {
    const ws = wb.addWorksheet(name, { state });
    ws.addRows([
      ['Service', '2024/25', '2025/26'],
      ['Home care', 100, 110],
      ['Day care', 50, 55],
      ['Respite', 20, 22],
      ['Total', 160, 187],
    ]);
  }
  const file = path.join(dir, 'hidden.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

test('a hidden sheet is not checked, and the check says so; the visible sheet is', async () => {
  const dir = await tempDir();
  const file = await bookWithHiddenCopy(dir);
  const run = await plancheckJson<CheckJson & { hiddenSheets: string[] }>('check', file);
  expect(run.json.tables.map((t) => t.sheet)).toEqual(['Budget']);
  expect(run.json.hiddenSheets).toEqual(['Col refs']);
  // 2025/26's total adds up (110 + 55 + 22 = 187); 2024/25's 160 is 10 short of 170.
  expect(run.json.findings.map((f) => [f.severity, f.rule, `${f.sheet}!${f.cell}`])).toEqual([
    ['error', 'totals.column', 'Budget!B5'],
  ]);
  const text = await plancheck('check', file);
  expect(text.out).toContain(
    'Not checked: the hidden sheet "Col refs" ("checkHiddenSheets": true in the config checks them).',
  );
  await fs.rm(dir, { recursive: true, force: true });
});

test('"checkHiddenSheets": true checks the hidden sheet too', async () => {
  const dir = await tempDir();
  const file = await bookWithHiddenCopy(dir);
  const config = path.join(dir, 'config.json');
  await fs.writeFile(config, JSON.stringify({ checkHiddenSheets: true }));
  const run = await plancheckJson<CheckJson & { hiddenSheets: string[] }>('check', file, '--config', config);
  expect(run.json.tables.map((t) => t.sheet)).toEqual(['Budget', 'Col refs']);
  expect(run.json.hiddenSheets).toEqual([]);
  expect(run.json.findings.map((f) => `${f.sheet}!${f.cell}`)).toEqual(['Budget!B5', 'Col refs!B5']);
  await fs.rm(dir, { recursive: true, force: true });
});
