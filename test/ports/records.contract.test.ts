/**
 * Issue 25: what PlanCheck keeps in a workbook is one format on both hosts. Highlights made by the
 * CLI or the browser page (exceljs) are taken off by Clear highlights in Excel (Office.js, on the
 * fake), and the other way round; settings saved by either are read by the other; a damaged record
 * gets the same answer from both: the defaults and one sentence, never a refused workbook.
 */
import ExcelJS from 'exceljs';

import { SETTINGS_SHEET, type WorkbookPort } from '../../src/engine/port';
import { DAMAGED_SETTINGS_NOTE } from '../../src/engine/records';
import type { Settings } from '../../src/engine/settings';
import { OfficePort } from '../../src/excel/officePort';
import { XlsxPort } from '../../src/xlsx/xlsxPort';
import { FakeExcel, NO_FILL } from '../excel/fakeExcel';

const PLAN = [
  ['Service', '2025/26', '2026/27'],
  ['Home care', 1000, 1100],
  ['Day care', 500, 520],
  ['Total', 1500, 1620],
];
const YELLOW = 'FFFFFF00';
const HATCHED = { type: 'pattern', pattern: 'lightUp', fgColor: { argb: 'FF7030A0' }, bgColor: { argb: 'FF92D050' } };

/** The plan in an exceljs workbook, B2 yellow and C3 hatched, optionally with a settings sheet's columns A and B. */
function fileWorkbook(settingsSheet?: { a?: string; b?: string }): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  PLAN.forEach((row) => ws.addRow(row));
  ws.getCell('B2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: YELLOW } };
  ws.getCell('C3').fill = HATCHED as ExcelJS.Fill;
  if (settingsSheet) {
    const s = wb.addWorksheet(SETTINGS_SHEET, { state: 'veryHidden' });
    if (settingsSheet.a) s.getCell('A1').value = settingsSheet.a;
    if (settingsSheet.b) s.getCell('B1').value = settingsSheet.b;
  }
  return wb;
}

/** The same plan in the fake Excel, B2 yellow and C3 hatched, optionally with a settings sheet. */
function excelWorkbook(settingsSheet?: { a?: string; b?: string }): FakeExcel {
  const excel = new FakeExcel();
  excel.addSheet('Plan', PLAN);
  excel.setCell('Plan', 'B2', { fill: '#FFFF00' });
  excel.setCell('Plan', 'C3', { fill: { color: '#92D050', pattern: 'LightUp', patternColor: '#7030A0' } });
  if (settingsSheet) {
    excel.addSheet(SETTINGS_SHEET, [[settingsSheet.a ?? '', settingsSheet.b ?? '']]);
    excel.sheet(SETTINGS_SHEET)!.visibility = 'VeryHidden';
  }
  return excel;
}

const MARKS = [
  { sheet: 'Plan', cell: 'B2:C3', color: '#FFC7CE' },
  { sheet: 'Plan', cell: 'B4', color: '#FFC7CE' },
];

/** Column B (or A) of the settings sheet of an exceljs workbook, its pieces joined. */
function fileColumn(wb: ExcelJS.Workbook, col: number): string {
  const s = wb.getWorksheet(SETTINGS_SHEET);
  let text = '';
  for (let r = 1; s && typeof s.getCell(r, col).value === 'string' && s.getCell(r, col).value !== ''; r++)
    text += String(s.getCell(r, col).value);
  return text;
}

function excelColumn(excel: FakeExcel, col: 'A' | 'B'): string {
  let text = '';
  for (let r = 1; ; r++) {
    const v = excel.cell(SETTINGS_SHEET, `${col}${r}`).value;
    if (typeof v !== 'string' || v === '') return text;
    text += v;
  }
}

describe('the record of highlighted cells, across hosts', () => {
  test('marked by the CLI or browser page, taken off in Excel: each cell gets its own fill back', async () => {
    const file = fileWorkbook();
    await new XlsxPort(file, 'plan.xlsx').mark(MARKS);
    const record = fileColumn(file, 2);
    expect(record).not.toBe('');

    // The copy opened in Excel: the marked colours on the cells, and the record on the settings sheet.
    const excel = excelWorkbook({ b: record });
    for (const a of ['B2', 'C2', 'B3', 'C3', 'B4']) excel.setCell('Plan', a, { fill: '#FFC7CE' });
    await new OfficePort({ run: excel.run }).clearMarks();

    expect(excel.cell('Plan', 'B2').fill).toEqual({ ...NO_FILL, color: '#FFFF00', pattern: 'Solid' });
    expect(excel.cell('Plan', 'C3').fill).toMatchObject({
      color: '#92D050',
      pattern: 'LightUp',
      patternColor: '#7030A0',
    });
    for (const a of ['C2', 'B3', 'B4']) expect(excel.cell('Plan', a).fill).toBeNull();
    expect(excelColumn(excel, 'B')).toBe('');
  });

  test('marked in Excel, taken off by the CLI or browser page: each cell gets its own fill back', async () => {
    const excel = excelWorkbook();
    await new OfficePort({ run: excel.run }).mark(MARKS);
    const record = excelColumn(excel, 'B');
    expect(record).not.toBe('');

    const file = fileWorkbook({ b: record });
    const ws = file.getWorksheet('Plan')!;
    for (const a of ['B2', 'C2', 'B3', 'C3', 'B4'])
      ws.getCell(a).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
    await new XlsxPort(file, 'plan.xlsx').clearMarks();

    expect(ws.getCell('B2').fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: YELLOW } });
    expect(ws.getCell('C3').fill).toEqual({
      type: 'pattern',
      pattern: 'lightUp',
      fgColor: { argb: 'FF7030A0' },
      bgColor: { argb: 'FF92D050' },
    });
    for (const a of ['C2', 'B3', 'B4']) expect(ws.getCell(a).fill).toBeUndefined();
    expect(fileColumn(file, 2)).toBe('');
  });

  test('a copy made before both hosts shared the format (a list of cells) is still taken off in Excel', async () => {
    const old = JSON.stringify([
      { sheet: 'Plan', cell: 'B2', fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: YELLOW } } },
      { sheet: 'Plan', cell: 'C2', fill: null },
    ]);
    const excel = excelWorkbook({ b: old });
    excel.setCell('Plan', 'B2', { fill: '#FFC7CE' });
    excel.setCell('Plan', 'C2', { fill: '#FFC7CE' });
    await new OfficePort({ run: excel.run }).clearMarks();
    expect(excel.cell('Plan', 'B2').fill?.color).toBe('#FFFF00');
    expect(excel.cell('Plan', 'C2').fill).toBeNull();
  });
});

describe('settings, across hosts', () => {
  const settings: Settings = { cashLimits: { '2025/26': 1500 }, rounding: { absolute: 1 } };

  test('saved by either host, read by the other', async () => {
    const file = fileWorkbook();
    await new XlsxPort(file, 'plan.xlsx').saveSettings(settings);
    const excel = excelWorkbook({ a: fileColumn(file, 1) });
    expect(await new OfficePort({ run: excel.run }).loadSettings()).toEqual(settings);

    const excel2 = excelWorkbook();
    await new OfficePort({ run: excel2.run }).saveSettings(settings);
    const file2 = fileWorkbook({ a: excelColumn(excel2, 'A') });
    expect(await new XlsxPort(file2, 'plan.xlsx').loadSettings()).toEqual(settings);
  });

  test.each([
    ['broken JSON', '{"cashLimits": {"2025/26": 15'],
    ['a list, not settings', '[1, 2, 3]'],
  ])('a damaged record (%s): both hosts give the defaults and say so once', async (_what, text) => {
    const ports: [string, WorkbookPort][] = [
      ['exceljs', new XlsxPort(fileWorkbook({ a: text }), 'plan.xlsx')],
      ['Office.js', new OfficePort({ run: excelWorkbook({ a: text }).run })],
    ];
    for (const [host, port] of ports) {
      expect([host, await port.loadSettings()]).toEqual([host, {}]);
      expect([host, port.takeNotes?.()]).toEqual([host, [DAMAGED_SETTINGS_NOTE]]);
    }
  });
});
