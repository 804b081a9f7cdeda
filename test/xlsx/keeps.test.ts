/**
 * A copy PlanCheck writes keeps everything the workbook had. Each fixture in test/fixtures/keeps
 * holds one feature exceljs alone would drop or change (made by make_fixtures.py); each writing
 * command and each port write is run on it, and the copy is compared with the original: every
 * package part PlanCheck does not edit is byte-identical, the parts it edits keep what they held,
 * and every non-empty cell, name, merge, sheet order and visibility is as it was.
 */
import { execFileSync } from 'child_process';
import { accessSync, promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

import { a1, parseRange } from '../../src/engine/grid';
import { decodeMarks } from '../../src/engine/records';
import { PortError, SETTINGS_SHEET } from '../../src/engine/port';
import { fx, val, type TableSpec } from '../../src/engine/spec';
import { openFile, saveFile } from '../../src/xlsx/files';
import { conditionalFormatsOf } from '../../src/xlsx/patch/package';
import { XlsxPort } from '../../src/xlsx/xlsxPort';
import { plancheck, ROOT } from '../cli/helpers';
import { tempDir } from './helpers';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'keeps');
const PROJECTIONS = path.join(ROOT, 'samples', 'configs', 'projections.json');

/** Each fixture and what a copy would lose if the writer dropped it. */
const CASES: { file: string; keeps: string }[] = [
  { file: 'pivot-table.xlsx', keeps: 'a pivot table and its cache' },
  { file: 'charts.xlsx', keeps: 'charts on sheets and a chart sheet' },
  { file: 'drawings-images.xlsx', keeps: 'a picture and a text box' },
  { file: 'vba-macros.xlsm', keeps: 'the VBA project of an .xlsm' },
  { file: 'threaded-comments.xlsx', keeps: 'threaded comments, their people and notes' },
  { file: 'custom-properties.xlsx', keeps: 'custom document properties and the thumbnail' },
  { file: 'rich-text.xlsx', keeps: 'rich text runs' },
  { file: 'printer-settings.xlsx', keeps: 'printer settings, page setup and print titles' },
  { file: 'defined-names.xlsx', keeps: 'global and sheet-scoped names and a print area' },
  { file: 'merged-cells.xlsx', keeps: 'merged cells' },
  { file: 'hidden-sheets.xlsx', keeps: 'hidden and very hidden sheets' },
  { file: 'images-in-cells.xlsx', keeps: 'a picture placed in a cell (rich value data)' },
];

/** Parts PlanCheck edits in place (checked below for keeping what they held); every other part must be identical. */
const EDITED =
  /^(\[Content_Types\]\.xml|xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/styles\.xml|xl\/worksheets\/sheet\d+\.xml|xl\/worksheets\/_rels\/sheet\d+\.xml\.rels)$/;

let dir: string;
beforeAll(async () => {
  dir = await tempDir('plancheck-keeps-');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function parts(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Buffer>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async('nodebuffer'));
  return out;
}

/** Every element with this local name, as text (non-nested elements only). */
function elements(xml: string, name: string): string[] {
  const re = new RegExp(
    `<(?:[\\w.-]+:)?${name}\\b(?:[^>"']|"[^"]*"|'[^']*')*?(?:/>|>[\\s\\S]*?</(?:[\\w.-]+:)?${name}>)`,
    'g',
  );
  return xml.match(re) ?? [];
}

/** The part with these elements cut out, to compare what is left. */
function without(xml: string, names: string[]): string {
  let out = xml;
  for (const n of names) for (const e of elements(out, n)) out = out.replace(e, '');
  return out;
}

function inner(xml: string, name: string): string {
  const m = new RegExp(`<(?:[\\w.-]+:)?${name}\\b[^>]*?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>)`).exec(xml);
  return m?.[1] ?? '';
}

/** What a copy lost or changed of the original, one line each; empty when it kept everything. */
async function lost(original: Uint8Array, copy: Uint8Array): Promise<string[]> {
  const problems: string[] = [];
  const before = await parts(original);
  const after = await parts(copy);
  for (const [name, bytes] of before) {
    const now = after.get(name);
    if (!now) {
      problems.push(`part ${name} is missing`);
      continue;
    }
    if (EDITED.test(name)) {
      const a = bytes.toString('utf8');
      const b = now.toString('utf8');
      if (name.endsWith('.rels') || name === '[Content_Types].xml') {
        for (const e of [...elements(a, 'Relationship'), ...elements(a, 'Default'), ...elements(a, 'Override')])
          if (!b.includes(e)) problems.push(`${name} lost ${e}`);
      } else if (name === 'xl/workbook.xml') {
        for (const e of [...elements(a, 'sheet'), ...elements(a, 'definedName')])
          if (!b.includes(e)) problems.push(`${name} lost ${e}`);
        if (without(a, ['sheets', 'definedNames']) !== without(b, ['sheets', 'definedNames']))
          problems.push(`${name} changed outside its sheets and names`);
      } else if (name === 'xl/styles.xml') {
        const sections = ['numFmts', 'fonts', 'fills', 'cellXfs', 'dxfs'];
        for (const s of sections) if (!inner(b, s).startsWith(inner(a, s))) problems.push(`${name} changed its ${s}`);
        if (without(a, sections) !== without(b, sections)) problems.push(`${name} changed outside what it appends to`);
      } else {
        const cut = ['sheetData', 'dimension', 'cols', 'conditionalFormatting', 'tableParts'];
        for (const e of elements(a, 'conditionalFormatting'))
          if (!b.includes(e)) problems.push(`${name} lost a conditional format`);
        if (without(a, cut) !== without(b, cut)) problems.push(`${name} changed outside its cells and columns`);
      }
    } else if (!bytes.equals(now)) problems.push(`part ${name} changed`);
  }

  const wbA = new ExcelJS.Workbook();
  await wbA.xlsx.load(original as unknown as ExcelJS.Buffer);
  const wbB = new ExcelJS.Workbook();
  await wbB.xlsx.load(copy as unknown as ExcelJS.Buffer);
  const sheetsA = wbA.worksheets.map((w) => `${w.name} (${w.state})`);
  const sheetsB = wbB.worksheets.map((w) => `${w.name} (${w.state})`).slice(0, sheetsA.length);
  if (JSON.stringify(sheetsA) !== JSON.stringify(sheetsB))
    problems.push(`sheet order or visibility changed: ${sheetsA.join(', ')} -> ${sheetsB.join(', ')}`);
  const namesB = (wbB.definedNames as unknown as { model: unknown[] }).model.map((n) => JSON.stringify(n));
  for (const n of (wbA.definedNames as unknown as { model: unknown[] }).model)
    if (!namesB.includes(JSON.stringify(n))) problems.push(`name lost or changed: ${JSON.stringify(n)}`);
  for (const a of wbA.worksheets) {
    const b = wbB.getWorksheet(a.name);
    // PlanCheck's own settings sheet (in a copy of a copy) is rewritten on purpose: its record of marks grows.
    if (!b || a.name === SETTINGS_SHEET) continue;
    const merges = (ws: ExcelJS.Worksheet) =>
      Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges).sort();
    if (JSON.stringify(merges(a)) !== JSON.stringify(merges(b))) problems.push(`${a.name}: merged cells changed`);
    a.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value === null || cell.value === undefined) return;
        const other = b.getCell(cell.address);
        const was = JSON.stringify([cell.type, cell.value, cell.formula ?? null, cell.numFmt ?? null]);
        const now = JSON.stringify([other.type, other.value, other.formula ?? null, other.numFmt ?? null]);
        if (was !== now) problems.push(`${a.name}!${cell.address} was ${was}, is ${now}`);
      }),
    );
  }
  return problems;
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  return f?.type === 'pattern' && f.pattern === 'solid' ? f.fgColor?.argb : undefined;
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** A projection-like insert into an existing sheet, below what it holds: values, formulas, formats, a table, a name, bands. */
function insertSpec(row: number): TableSpec {
  return {
    title: 'Inserted table',
    anchor: { sheet: 'Financial plan', row, col: 1 },
    cells: [
      [val('Line', { bold: true }), val('2025/26', { bold: true }), val('2026/27', { bold: true })],
      [
        val('Older people'),
        val(1000, { numberFormat: '#,##0', input: true }),
        fx('=C' + (row + 2) + '*1.03', 1030, { numberFormat: '#,##0.0' }),
      ],
      [val('=not a formula'), val(2000, { fill: '#CFE3F7' }), fx('=C' + (row + 3) + '*1.03', 2060)],
    ],
    excelTable: { name: 'Inserted_Table', top: 0, left: 0, bottom: 2, right: 2 },
    names: [{ name: 'Inserted_Base', top: 1, left: 1, bottom: 2, right: 1 }],
    conditionalBands: [{ top: 1, left: 2, bottom: 2, right: 2, bands: [{ min: 0, max: 1500, fill: '#C6EFCE' }] }],
    columnWidths: [20],
  };
}

describe.each(CASES)('$file keeps $keeps', ({ file }) => {
  const input = path.join(FIXTURES, file);
  const ext = path.extname(file);
  let original: Buffer;
  beforeAll(async () => {
    original = await fs.readFile(input);
  });

  test.each([
    ['check', []],
    ['risks', []],
    ['benchmark', []],
    ['project', ['--config', PROJECTIONS]],
  ] as [string, string[]][])('%s --out', async (command, extra) => {
    const out = path.join(dir, `${command}-${file}`);
    const run = await plancheck(command, input, ...extra, '--out', out);
    expect(run.err).toContain(`Wrote ${out}`);
    const copy = await fs.readFile(out);
    expect(await lost(original, copy)).toEqual([]);
    // The command did write: its sheets are in the copy, after the workbook's own.
    const wb = await load(out);
    const added = {
      check: 'Validation report',
      risks: 'Risk heat map',
      benchmark: 'Benchmarks',
      project: 'Budget projection',
    }[command]!;
    expect(wb.worksheets.map((w) => w.name)).toContain(added);
  });

  test("the port's copy after marking findings", async () => {
    const port = await openFile(input);
    await port.mark([
      { sheet: 'Financial plan', cell: 'B2:M12', color: '#F8B4B4' },
      { sheet: 'Risk register', cell: 'A1:C3', color: '#FCE3A6' },
    ]);
    const copy = await port.toBuffer();
    expect(await lost(original, copy)).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(copy as unknown as ExcelJS.Buffer);
    expect(fillOf(wb.getWorksheet('Financial plan')!.getCell('G9'))).toBe('FFF8B4B4');
    expect(fillOf(wb.getWorksheet('Risk register')!.getCell('B2'))).toBe('FFFCE3A6');
    expect(wb.getWorksheet(SETTINGS_SHEET)?.state).toBe('veryHidden');
  });

  test("the port's copy after an insert into an existing sheet, and after undoing it", async () => {
    const port = await openFile(input);
    await port.write(insertSpec(60));
    const copy = await port.toBuffer();
    expect(await lost(original, copy)).toEqual([]);
    const again = await XlsxPort.fromBuffer(copy, file);
    const plan = again.workbook.getWorksheet('Financial plan')!;
    expect(plan.getCell('B61').value).toBe('Line');
    expect(plan.getCell('B61').font?.bold).toBe(true);
    expect(plan.getCell('C62').value).toBe(1000);
    expect(plan.getCell('C62').numFmt).toBe('#,##0');
    expect(fillOf(plan.getCell('C62'))).toBe('FFFFF2CC');
    expect(plan.getCell('D62').value).toEqual({ formula: 'C62*1.03', result: 1030 });
    expect(plan.getCell('D62').numFmt).toBe('#,##0.0');
    expect(plan.getCell('B63').value).toBe('=not a formula');
    expect(plan.getCell('B63').type).toBe(ExcelJS.ValueType.String);
    expect(fillOf(plan.getCell('C63'))).toBe('FFCFE3F7');
    expect(plan.getTables().map((t) => (t as unknown as { table: { name: string } }).table.name)).toContain(
      'Inserted_Table',
    );
    const names = (again.workbook.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
    expect(names.find((n) => n.name === 'Inserted_Base')?.ranges).toEqual(["'Financial plan'!$C$62:$C$63"]);
    expect(plan.getColumn(2).width).toBe(20);
    expect(conditionalFormatsOf(plan).map((cf) => cf.ref)).toContain('D62:D63');

    await port.undo();
    const undone = await port.toBuffer();
    expect(await lost(original, undone)).toEqual([]);
    const back = await XlsxPort.fromBuffer(undone, file);
    expect(back.workbook.getWorksheet('Financial plan')!.getCell('B61').value).toBeNull();
    expect(
      (back.workbook.definedNames as unknown as { model: { name: string }[] }).model.map((n) => n.name),
    ).not.toContain('Inserted_Base');
  });

  test('a copy of a copy (check --out twice) keeps everything, and its marks are not doubled', async () => {
    const first = path.join(dir, `first-${file}`);
    const second = path.join(dir, `second-${file}`);
    expect((await plancheck('check', input, '--out', first)).err).toContain('Wrote');
    expect((await plancheck('check', first, '--out', second)).err).toContain('Wrote');
    expect(await lost(original, await fs.readFile(second))).toEqual([]);
    expect(await lost(await fs.readFile(first), await fs.readFile(second))).toEqual([]);
    const record = async (f: string) => {
      const settings = (await load(f)).getWorksheet(SETTINGS_SHEET)!;
      let text = '';
      for (let r = 1; typeof settings.getCell(r, 2).value === 'string'; r++) text += settings.getCell(r, 2).value;
      return decodeMarks(text);
    };
    const once = await record(first);
    const twice = await record(second);
    expect(once.length).toBeGreaterThan(0);
    // The second run's record keeps the first's entries once each (it may add marks of its own).
    expect(twice.slice(0, once.length)).toEqual(once);
    expect(new Set(twice.map((m) => `${m.sheet}!${m.cell}`)).size).toBe(twice.length);
    const a = (await load(first)).getWorksheet('Financial plan')!;
    const b = (await load(second)).getWorksheet('Financial plan')!;
    for (const m of once.filter((x) => x.sheet === 'Financial plan')) {
      const box = parseRange(m.cell)!;
      for (let r = box.top; r <= box.bottom; r++)
        for (let c = box.left; c <= box.right; c++)
          expect(fillOf(b.getCell(a1(r, c)))).toBe(fillOf(a.getCell(a1(r, c))));
    }
  });

  if (ext === '.xlsm') {
    test('stays an .xlsm: the macro-enabled workbook type and the VBA project are kept', async () => {
      const out = path.join(dir, `macros-${file}`);
      await plancheck('check', input, '--out', out);
      const zip = await JSZip.loadAsync(await fs.readFile(out));
      const types = await zip.file('[Content_Types].xml')!.async('string');
      expect(types).toContain('application/vnd.ms-excel.sheet.macroEnabled.main+xml');
      expect(zip.file('xl/vbaProject.bin')).not.toBeNull();
      const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
      expect(rels).toContain('relationships/vbaProject');
    });
  }
});

describe.each([
  'manchester-2009-plan.xlsx',
  'plancheck-sample.xlsx',
  'birmingham-2008.xlsx',
  'essex-2017.xlsx',
  'manchester-2019.xlsx',
  'worcestershire-2018.xlsx',
])('the sample %s', (file) => {
  test.each(['check', 'risks', 'benchmark'])(
    '%s --out keeps everything it had (when the command writes)',
    async (command) => {
      const input = path.join(ROOT, 'samples', file);
      const out = path.join(dir, `sample-${command}-${file}`);
      const run = await plancheck(command, input, '--out', out);
      if (command === 'check') expect(run.err).toContain('Wrote');
      if (!run.err.includes('Wrote')) {
        // Nothing to write (no register or comparator table): no file either.
        await expect(fs.stat(out)).rejects.toThrow();
        return;
      }
      expect(await lost(await fs.readFile(input), await fs.readFile(out))).toEqual([]);
    },
  );
});

test("charts PlanCheck inserts are drawn in a copy beside the workbook's own, which stay as they were", async () => {
  const input = path.join(FIXTURES, 'charts.xlsx');
  const out = path.join(dir, 'benchmark-charts.xlsx');
  expect((await plancheck('benchmark', input, '--out', out)).err).toContain('Wrote');
  // No note where a chart goes: the chart is there.
  const notes: string[] = [];
  (await load(out)).getWorksheet('Benchmarks')!.eachRow((row) =>
    row.eachCell((cell) => {
      if (typeof cell.value === 'string' && cell.value.startsWith('Chart "')) notes.push(cell.value);
    }),
  );
  expect(notes).toEqual([]);
  const before = await JSZip.loadAsync(await fs.readFile(input));
  const zip = await JSZip.loadAsync(await fs.readFile(out));
  expect(Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(5);
  for (const name of [
    'xl/charts/chart1.xml',
    'xl/charts/chart2.xml',
    'xl/charts/chart3.xml',
    'xl/chartsheets/sheet1.xml',
  ])
    expect(await zip.file(name)!.async('string')).toBe(await before.file(name)!.async('string'));
  const titles = await Promise.all(
    ['xl/charts/chart4.xml', 'xl/charts/chart5.xml'].map(
      async (f) => /<a:t>([^<]*)<\/a:t>/.exec(await zip.file(f)!.async('string'))?.[1],
    ),
  );
  expect(titles).toEqual(['Own value against comparator average', 'Percentile in comparator group']);
});

test('a picture in a cell, marked, keeps its place in the rich value data (only the format changes)', async () => {
  const port = await openFile(path.join(FIXTURES, 'images-in-cells.xlsx'));
  await port.mark([{ sheet: 'Financial plan', cell: 'P2', color: '#F8B4B4' }]);
  const zip = await JSZip.loadAsync(await port.toBuffer());
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  expect(sheet).toMatch(/<c r="P2" t="e" vm="1" s="\d+"><v>#VALUE!<\/v><\/c>/);
});

test.each([
  'rich-text.xlsx',
  'merged-cells.xlsx',
  'pivot-table.xlsx',
  'threaded-comments.xlsx',
  'images-in-cells.xlsx',
])(
  '%s: every cell of every sheet marked, then the marks cleared in the copy, gives back each cell as it was',
  async (file) => {
    const input = path.join(FIXTURES, file);
    const original = await fs.readFile(input);
    const port = await openFile(input);
    const snapshot = await port.read();
    const marks = snapshot.sheets
      .filter((sh) => sh.values.length > 0)
      .map((sh) => ({
        sheet: sh.name,
        cell: `${a1(sh.origin.row, sh.origin.col)}:${a1(sh.origin.row + sh.values.length - 1, sh.origin.col + sh.values[0].length - 1)}`,
        color: '#F8B4B4',
      }));
    await port.mark(marks);
    const marked = await port.toBuffer();
    expect(await lost(original, marked)).toEqual([]);
    const again = await XlsxPort.fromBuffer(marked, file);
    for (const m of marks) {
      const at = m.cell.split(':')[1];
      expect(fillOf(again.workbook.getWorksheet(m.sheet)!.getCell(at))).toBe('FFF8B4B4');
    }

    await again.clearMarks();
    const cleared = await again.toBuffer();
    expect(await lost(original, cleared)).toEqual([]);
    // Every cell of the workbook's own sheets looks as it did: same fill, font and number format.
    const look = async (bytes: Uint8Array) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
      const out: Record<string, string> = {};
      for (const ws of wb.worksheets) {
        if (ws.name === SETTINGS_SHEET) continue;
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            const fill = cell.fill as ExcelJS.FillPattern | undefined;
            const none = !fill || (fill.type === 'pattern' && fill.pattern === 'none');
            out[`${ws.name}!${cell.address}`] = JSON.stringify([
              none ? null : fill,
              cell.font ?? null,
              cell.numFmt ?? null,
            ]);
          }),
        );
      }
      return out;
    };
    expect(await look(cleared)).toEqual(await look(original));
  },
);

describe('what a copy cannot keep is said before anything is written', () => {
  test('overwriting a formula other cells share: one sentence naming the cell, and no file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    ws.getCell('A1').value = 1;
    ws.getCell('A2').value = 2;
    ws.getCell('A3').value = 3;
    ws.fillFormula('B1:B3', 'A1*2', [2, 4, 6]);
    const file = path.join(dir, 'shared.xlsx');
    await wb.xlsx.writeFile(file);
    const zip = await JSZip.loadAsync(await fs.readFile(file));
    expect(await zip.file('xl/worksheets/sheet1.xml')!.async('string')).toContain('t="shared"');

    const port = await openFile(file);
    await port.write({ title: 'x', anchor: { sheet: 'Plan', row: 0, col: 1 }, cells: [[val(5)]] }, { overwrite: true });
    const out = path.join(dir, 'shared-out.xlsx');
    const error = await saveFile(port, out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortError);
    expect((error as PortError).message).toBe(
      'PlanCheck cannot write a copy: it would overwrite Plan!B1, whose formula other cells share (B1:B3), and the copy would lose it.',
    );
    await expect(fs.stat(out)).rejects.toThrow();
  });
});

describe('parts laid by hand', () => {
  /** A one-sheet workbook from exceljs, with `edit` applied to its parts. */
  async function handLaid(name: string, edit: (zip: JSZip) => Promise<void>): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Financial plan');
    ws.getCell('A1').value = 'Line';
    ws.getCell('B1').value = 100;
    ws.getCell('C1').value = { formula: 'B1*2', result: 200 };
    ws.getCell('A2').value = 'Older people';
    ws.getCell('B2').value = 74026;
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    await edit(zip);
    const file = path.join(dir, name);
    await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    return file;
  }

  test('replacing a formula drops the calculation chain that names it (Excel rebuilds it), with its relationship and content type', async () => {
    const file = await handLaid('calc-chain.xlsx', async (zip) => {
      zip.file(
        'xl/calcChain.xml',
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="C1" i="1"/></calcChain>',
      );
      const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
      zip.file(
        'xl/_rels/workbook.xml.rels',
        rels.replace(
          '</Relationships>',
          '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
        ),
      );
      const types = await zip.file('[Content_Types].xml')!.async('string');
      zip.file(
        '[Content_Types].xml',
        types.replace(
          '</Types>',
          '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
        ),
      );
    });
    const marked = await openFile(file);
    await marked.mark([{ sheet: 'Financial plan', cell: 'C1', color: '#F8B4B4' }]);
    // A mark keeps the formula, so the chain stays.
    expect((await JSZip.loadAsync(await marked.toBuffer())).file('xl/calcChain.xml')).not.toBeNull();

    const port = await openFile(file);
    await port.write(
      { title: 'x', anchor: { sheet: 'Financial plan', row: 0, col: 2 }, cells: [[val(7)]] },
      { overwrite: true },
    );
    const zip = await JSZip.loadAsync(await port.toBuffer());
    expect(zip.file('xl/calcChain.xml')).toBeNull();
    expect(await zip.file('[Content_Types].xml')!.async('string')).not.toContain('calcChain');
    expect(await zip.file('xl/_rels/workbook.xml.rels')!.async('string')).not.toContain('calcChain');
    const again = await XlsxPort.fromBuffer(await zip.generateAsync({ type: 'uint8array' }), 'calc-chain.xlsx');
    expect(again.workbook.getWorksheet('Financial plan')!.getCell('C1').value).toBe(7);
  });
});

/** LibreOffice, where it is installed (CI does not need it): the same copies open there too. */
const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'].find((p) => {
  try {
    accessSync(p);
    return true;
  } catch {
    return false;
  }
});

(soffice ? describe : describe.skip)('LibreOffice opens the copies', () => {
  /** The copy as LibreOffice reads it: converted by LibreOffice to .xlsx, then loaded. */
  async function throughLibreOffice(file: string): Promise<ExcelJS.Workbook> {
    const outDir = path.join(dir, `lo-${path.basename(file)}`);
    execFileSync(soffice!, ['--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', outDir, file], {
      stdio: 'pipe',
      timeout: 120000,
      env: { ...process.env, HOME: dir },
    });
    return load(path.join(outDir, path.basename(file).replace(/\.xls[xm]$/, '.xlsx')));
  }

  test('check --out on the .xlsm: the report, the marks and the settings sheet are all there', async () => {
    const out = path.join(dir, 'lo-check-vba-macros.xlsm');
    await plancheck('check', path.join(FIXTURES, 'vba-macros.xlsm'), '--out', out);
    const wb = await throughLibreOffice(out);
    expect(wb.getWorksheet('Validation report')!.getCell('A1').value).toBe('PlanCheck validation of vba-macros.xlsm');
    expect(fillOf(wb.getWorksheet('Financial plan')!.getCell('G9'))).toBe('FFCFE3F7');
    // The settings sheet is still hidden (LibreOffice keeps "very hidden" as hidden), and its record of
    // the marks still names the marked cell with the fill to give back.
    const settings = wb.getWorksheet(SETTINGS_SHEET);
    expect(settings?.state).toBe('hidden');
    const record = JSON.parse(String(settings?.getCell('B1').value)) as {
      sheets: { name: string }[];
      marks: [number, string, unknown][];
    };
    const marked = record.marks.map(([sheet, cell]) => `${record.sheets[sheet].name}!${cell}`);
    expect(marked).toContain('Financial plan!G9');
  });

  test("an insert into the charts fixture's plan: values, formats, table, name and bands", async () => {
    const port = await openFile(path.join(FIXTURES, 'charts.xlsx'));
    await port.write(insertSpec(60));
    const out = path.join(dir, 'lo-insert-charts.xlsx');
    await fs.writeFile(out, await port.toBuffer());
    const wb = await throughLibreOffice(out);
    const plan = wb.getWorksheet('Financial plan')!;
    expect(plan.getCell('B61').value).toBe('Line');
    expect(plan.getCell('C62').numFmt).toBe('#,##0');
    expect(fillOf(plan.getCell('C62'))).toBe('FFFFF2CC');
    expect(plan.getCell('B63').value).toBe('=not a formula');
    expect((plan.getCell('D62').value as ExcelJS.CellFormulaValue).formula).toBe('C62*1.03');
    expect(plan.getTables().map((t) => (t as unknown as { table: { name: string } }).table.name)).toContain(
      'Inserted_Table',
    );
    const names = (wb.definedNames as unknown as { model: { name: string }[] }).model.map((n) => n.name);
    expect(names).toContain('Inserted_Base');
    expect(conditionalFormatsOf(plan).map((cf) => cf.ref)).toEqual(['D62:D63']);
    expect(JSON.stringify(conditionalFormatsOf(plan))).toContain('FFC6EFCE');
  });
});
