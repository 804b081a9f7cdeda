/**
 * `plancheck project FILE --config CFG --out OUT` with `projections.budget.into`: the council's own
 * styled template filled in a copy. Only the figure cells change (live formulas with their values,
 * recalculating in HyperFormula); every other cell keeps its value and style; a second fill after the
 * inflation rate is changed in the sheet gives the new figures and adds nothing twice; a template that
 * cannot take the projection is refused in one sentence with nothing written.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';

import type { CheckJson } from './helpers';
import { plancheck, plancheckJson, tempDir } from './helpers';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const SHEET = 'Budget projection';
const FIGURES = ['C', 'D', 'E'].flatMap((c) => [4, 5, 6, 7, 8].map((r) => `${c}${r}`));

/** A directorate's template: house fonts, fills, borders and formats; lines waiting for figures. */
async function template(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.mergeCells('A1:E1');
  ws.getCell('A1').value = 'Adult Social Care: budget projection 2025/26 to 2027/28';
  ws.getCell('A1').font = { name: 'Arial', bold: true, size: 14, color: { argb: 'FF1F3864' } };
  ws.getCell('A2').value = '£000';
  const header = ['Service line', 'Base budget 2024/25', '2025/26', '2026/27', '2027/28'];
  header.forEach((h, i) => {
    const c = ws.getCell(3, i + 1);
    c.value = h;
    c.font = { name: 'Arial', bold: true, color: { argb: 'FFFFFFFF' } };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3864' } };
    c.border = { bottom: { style: 'medium' } };
  });
  const lines: [string, number][] = [
    ['Older people', 52000],
    ['Learning disability', 38000],
    ['Mental health', 9000],
    ['Physical support', 11000],
    ['Carers', 1200],
  ];
  lines.forEach(([label, base], i) => {
    const r = 4 + i;
    ws.getCell(r, 1).value = label;
    ws.getCell(r, 2).value = base;
    for (let c = 2; c <= 5; c++) {
      ws.getCell(r, c).numFmt = '#,##0;(#,##0)';
      ws.getCell(r, c).border = { left: { style: 'thin' }, right: { style: 'thin' } };
      ws.getCell(r, c).font = { name: 'Arial' };
    }
  });
  ws.getCell('A9').value = 'Total';
  for (const col of ['B', 'C', 'D', 'E']) {
    ws.getCell(`${col}9`).value = {
      formula: `SUM(${col}4:${col}8)`,
      result: col === 'B' ? 111200 : 0,
    } as ExcelJS.CellFormulaValue;
    ws.getCell(`${col}9`).numFmt = '#,##0;(#,##0)';
    ws.getCell(`${col}9`).font = { name: 'Arial', bold: true };
    ws.getCell(`${col}9`).border = { top: { style: 'thin' }, bottom: { style: 'double' } };
  }
  ws.getColumn(1).width = 30;
  await wb.xlsx.writeFile(file);
}

function cellsOf(ws: ExcelJS.Worksheet): Map<string, string> {
  const out = new Map<string, string>();
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (c) => {
      out.set(c.address, JSON.stringify({ v: c.value, f: c.numFmt, font: c.font, fill: c.fill, border: c.border }));
    }),
  );
  return out;
}

async function config(file: string, extra: Record<string, unknown> = {}): Promise<string> {
  const cfg = path.join(dir, file);
  await fs.writeFile(
    cfg,
    JSON.stringify({
      projections: {
        budget: { into: { sheet: SHEET, range: 'A3:E9', ...extra }, firstYear: '2025/26', inflation: 3, growth: 2 },
      },
    }),
  );
  return cfg;
}

test('the template filled: figure cells only, live and recalculating; everything else as it was', async () => {
  const file = path.join(dir, 'template.xlsx');
  await template(file);
  const out = path.join(dir, 'filled.xlsx');
  const run = await plancheck('project', file, '--config', await config('cfg.json'), '--out', out);
  expect(run.err).toContain(`Wrote ${out}`);
  expect(run.code).toBe(0);
  expect(run.out).toContain(`Budget projection into ${SHEET}!A3:E9: 5 lines, 2025/26, 2026/27, 2027/28; 15 cells`);

  const before = new ExcelJS.Workbook();
  await before.xlsx.readFile(file);
  const after = new ExcelJS.Workbook();
  await after.xlsx.readFile(out);
  const a = cellsOf(before.getWorksheet(SHEET)!);
  const b = cellsOf(after.getWorksheet(SHEET)!);
  // Every cell of the template outside the figure cells: the same value and style; the template's own
  // totals keep their formula and style, with their stored result brought up to date.
  const TOTALS = ['C9', 'D9', 'E9'];
  const changed = [...a.keys()].filter((k) => !FIGURES.includes(k) && !TOTALS.includes(k) && a.get(k) !== b.get(k));
  expect(changed).toEqual([]);
  const strip = (json: string | undefined) => {
    const o = JSON.parse(json ?? '{}');
    delete o.v?.result;
    return o;
  };
  for (const k of TOTALS) expect(strip(b.get(k))).toEqual(strip(a.get(k)));
  // The figure cells keep the template's format and borders, and hold formulas.
  const ws = after.getWorksheet(SHEET)!;
  expect(ws.getCell('C4').numFmt).toBe('#,##0;(#,##0)');
  expect(ws.getCell('C4').border).toEqual(before.getWorksheet(SHEET)!.getCell('C4').border);
  expect(ws.getCell('C4').formula).toBe('B4*(1+$I$4)*(1+$I$5)');
  expect(ws.getCell('D4').formula).toBe('C4*(1+$I$4)*(1+$I$5)');
  // The template's own totals are its own formulas, untouched.
  expect(ws.getCell('C9').formula).toBe('SUM(C4:C8)');

  // Recalculated: every written formula gives its stored value; the totals sum the new figures.
  const rows: (string | number | null)[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const v = cell.value as ExcelJS.CellValue;
      (rows[r - 1] ??= [])[c - 1] =
        v && typeof v === 'object' && 'formula' in v
          ? `=${v.formula}`
          : typeof v === 'number' || typeof v === 'string'
            ? v
            : null;
    }),
  );
  const hf = HyperFormula.buildFromSheets({ S: rows.map((r) => r ?? []) }, { licenseKey: 'gpl-v3' });
  for (const at of FIGURES) {
    const cell = ws.getCell(at);
    const got = hf.getCellValue({ sheet: 0, row: Number(cell.row) - 1, col: Number(cell.col) - 1 }) as number;
    expect(got).toBeCloseTo((cell.value as ExcelJS.CellFormulaValue).result as number, 6);
  }
  expect(hf.getCellValue({ sheet: 0, row: 8, col: 2 })).toBeCloseTo(111200 * 1.03 * 1.02, 4);
  // The totals' stored results are the figures Excel would show, so the copy checks clean.
  expect((ws.getCell('C9').value as ExcelJS.CellFormulaValue).result as number).toBeCloseTo(111200 * 1.03 * 1.02, 4);
  hf.destroy();
  const { json } = await plancheckJson<CheckJson>('check', out);
  expect(json.findings.filter((f) => f.severity !== 'info')).toEqual([]);
});

test('a second fill after changing the inflation in the sheet: the new figures, nothing added twice', async () => {
  const file = path.join(dir, 'template2.xlsx');
  await template(file);
  const first = path.join(dir, 'filled-once.xlsx');
  expect((await plancheck('project', file, '--config', await config('cfg2.json'), '--out', first)).code).toBe(0);
  // The manager changes the inflation rate in the assumptions block PlanCheck added.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(first);
  wb.getWorksheet(SHEET)!.getCell('I4').value = 0.05;
  const edited = path.join(dir, 'edited.xlsx');
  await wb.xlsx.writeFile(edited);
  // Filled again: without overwrite it is refused, nothing written; with it, the new figures.
  const refused = await plancheck(
    'project',
    edited,
    '--config',
    await config('cfg3.json'),
    '--out',
    path.join(dir, 'no.xlsx'),
  );
  expect(refused.code).toBe(2);
  expect(refused.err).toContain('Set "overwrite": true in projections.budget.into to fill it again.');
  await expect(fs.stat(path.join(dir, 'no.xlsx'))).rejects.toThrow();
  const second = path.join(dir, 'filled-twice.xlsx');
  const run = await plancheck(
    'project',
    edited,
    '--config',
    await config('cfg4.json', { overwrite: true }),
    '--out',
    second,
  );
  expect(run.code).toBe(0);
  expect(run.out).toContain("rates from 'Budget projection'!$I$4 (the template's own)");
  const again = new ExcelJS.Workbook();
  await again.xlsx.readFile(second);
  const ws = again.getWorksheet(SHEET)!;
  expect((ws.getCell('C4').value as ExcelJS.CellFormulaValue).result as number).toBeCloseTo(52000 * 1.05 * 1.02, 6);
  // One assumptions block, one set of names.
  let labels = 0;
  ws.eachRow((row) => row.eachCell((c) => (labels += c.value === 'Assumptions' ? 1 : 0)));
  expect(labels).toBe(1);
  expect(again.definedNames.model.filter((n) => /Budget_Inflation/.test(n.name))).toHaveLength(1);
});

test('a template range that holds no table is refused in one sentence, nothing written', async () => {
  const file = path.join(dir, 'template3.xlsx');
  await template(file);
  const cfg = path.join(dir, 'cfg5.json');
  await fs.writeFile(
    cfg,
    JSON.stringify({ projections: { budget: { into: { sheet: SHEET, range: 'K20:M30' }, firstYear: '2025/26' } } }),
  );
  const run = await plancheck('project', file, '--config', cfg, '--out', path.join(dir, 'none.xlsx'));
  expect(run.code).toBe(2);
  expect(run.err).toBe(
    `plancheck: PlanCheck found no table at ${SHEET}!K20:M30 in template3.xlsx to fill; nothing was written.\n`,
  );
});
