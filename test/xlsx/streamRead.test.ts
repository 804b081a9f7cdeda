/**
 * The streaming reader (src/xlsx/stream) gives the engine exactly what the exceljs port's read gives:
 * the same snapshot (values, formulas, number formats, merges, hidden rows and sheets, tables,
 * names), the same settings and so the same findings, over the samples, the test fixtures, the
 * layout zoo and generated layouts written as .xlsx, a workbook written by hand with the parts of
 * the format that are easy to get wrong, and the public real workbooks where they lie beside the
 * repository (read where they are, never copied).
 */
import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';

import { ENGINE } from '../../src/app/engine';
import { checkSnapshot } from '../../src/app/pipeline';
import type { WorkbookSnapshot } from '../../src/engine/grid';
import { bigPlanRows } from '../../src/samples/bigPlan';
import { openWorkbookBytes } from '../../src/xlsx/open';
import { StreamedWorkbook } from '../../src/xlsx/stream';
import { toXlsx } from '../zoo/build';
import { zoo } from '../zoo/families';
import { generatedWorkbook } from '../zoo/generator';

const ROOT = path.resolve(__dirname, '..', '..');
const REAL = process.env.PLANCHECK_REAL_WORKBOOKS ?? path.resolve(ROOT, '..', 'shared', 'real-workbooks');

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(full)));
    else if (/\.xls[xm]$/i.test(e.name)) out.push(full);
  }
  return out.sort();
}

interface Both {
  exceljs: WorkbookSnapshot;
  streamed: WorkbookSnapshot;
}

/** Reads the bytes with both readers; the streamed one must not hand over to exceljs. */
async function readBoth(bytes: Buffer, name: string): Promise<Both> {
  const port = await openWorkbookBytes(bytes, name);
  const streamedBook = await StreamedWorkbook.fromBytes(bytes, name);
  const exceljs = await port.read();
  const streamed = await streamedBook.read();
  expect(await streamedBook.loadSettings()).toEqual(await port.loadSettings());
  return { exceljs, streamed };
}

/** Same snapshot, and the same findings from it (with the workbook's own settings). */
async function expectSame(bytes: Buffer, name: string): Promise<Both> {
  const both = await readBoth(bytes, name);
  if (!isDeepStrictEqual(both.streamed, both.exceljs)) expect(both.streamed).toEqual(both.exceljs);
  const settings = await (await StreamedWorkbook.fromBytes(bytes, name)).loadSettings();
  expect(checkSnapshot(ENGINE, both.streamed, settings).raw).toEqual(checkSnapshot(ENGINE, both.exceljs, settings).raw);
  return both;
}

describe('samples and fixtures', () => {
  test('every sample and fixture workbook reads the same both ways', async () => {
    const files = [...(await filesUnder(path.join(ROOT, 'samples'))), ...(await filesUnder(path.join(ROOT, 'test')))];
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) await expectSame(await fs.readFile(file), path.basename(file));
  });
});

(existsSync(REAL) ? describe : describe.skip)('public real workbooks (../shared/real-workbooks)', () => {
  test('each reads the same both ways, or both readers refuse it', async () => {
    let compared = 0;
    for (const file of await filesUnder(REAL)) {
      const bytes = await fs.readFile(file);
      let port;
      try {
        port = await openWorkbookBytes(bytes, file);
      } catch {
        await expect(StreamedWorkbook.fromBytes(bytes, file)).rejects.toThrow();
        continue;
      }
      expect(port).toBeTruthy();
      // The snapshot and settings: the engine is a function of them (its findings are compared above).
      const both = await readBoth(bytes, path.basename(file));
      if (!isDeepStrictEqual(both.streamed, both.exceljs)) expect(both.streamed).toEqual(both.exceljs);
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  }, 300000);
});

describe('generated layouts', () => {
  test('the layout zoo and 40 generated plans, written by exceljs, read the same both ways', async () => {
    const books = [...zoo(), ...Array.from({ length: 40 }, (_, i) => generatedWorkbook(7, i))];
    for (const wb of books) await expectSame(await toXlsx(wb), `${wb.name}.xlsx`);
  }, 120000);

  test('a 4,000-row plan with dates, percentages, booleans, errors and a table reads the same', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Financial plan');
    bigPlanRows(4000).forEach((r) => ws.addRow(r));
    ws.getColumn(3).numFmt = '#,##0;(#,##0)';
    ws.getCell('N6').value = new Date(Date.UTC(2025, 1, 10));
    ws.getCell('N6').numFmt = 'dd/mm/yyyy';
    ws.getCell('O6').value = 0.035;
    ws.getCell('O6').numFmt = '0.0%';
    ws.getCell('P6').value = true;
    ws.getCell('Q6').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    ws.getCell('R6').value = { formula: 'C6*2', result: 0 };
    ws.getCell('S6').value = { richText: [{ text: 'Rich ' }, { text: 'text', font: { bold: true } }] };
    ws.mergeCells('N2:P3');
    ws.getRow(9).hidden = true;
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    const { streamed } = await expectSame(bytes, 'plan.xlsx');
    const sheet = streamed.sheets[0];
    expect(sheet.values.length).toBeGreaterThan(4000);
    expect(sheet.hiddenRows).toContain(8);
    expect(sheet.merges).toEqual(['N2:P3']);
  }, 60000);
});

// ---- A workbook written part by part ------------------------------------------------------

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function rels(list: [id: string, type: string, target: string, external?: boolean][]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    list
      .map(
        ([id, type, target, ext]) =>
          `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"${ext ? ' TargetMode="External"' : ''}/>`,
      )
      .join('') +
    '</Relationships>'
  );
}

/**
 * Shared strings with rich text, a phonetic run and an escaped control character; inline strings;
 * "str" results with entities; booleans, errors, dates (a custom date format and a built-in one),
 * percentages, a column's style on cells without one, a row style, shared formulas (and one slave
 * written with its own text), an array formula, merged cells over values and beyond the data,
 * hidden rows, a very hidden sheet, defined names and a print area, a table with a totals row,
 * hyperlinks on a formula, a value and a styled empty cell, cells without addresses, line ends,
 * CDATA and comments in the XML, a duplicated cell, and PlanCheck's settings sheet.
 */
async function handWritten(date1904: boolean): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '</Types>',
  );
  zip.file('_rels/.rels', rels([['rId1', 'officeDocument', 'xl/workbook.xml']]));
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><workbookPr${date1904 ? ' date1904="1"' : ''}/>` +
      '<sheets><sheet name="Plan &amp; budget" sheetId="1" r:id="rId1"/><sheet name="Hidden notes" sheetId="2" state="veryHidden" r:id="rId2"/>' +
      '<sheet name="PlanCheck_Settings" sheetId="3" state="veryHidden" r:id="rId3"/></sheets>' +
      '<definedNames><definedName name="Budget_Total">\'Plan &amp; budget\'!$C$9</definedName>' +
      '<definedName name="_xlnm.Print_Area" localSheetId="0">\'Plan &amp; budget\'!$A$1:$H$12</definedName>' +
      '<definedName name="Lines">\'Plan &amp; budget\'!$A$4:$A$8</definedName></definedNames></workbook>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    rels([
      ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
      ['rId2', 'worksheet', '/xl/worksheets/sheet2.xml'],
      ['rId3', 'worksheet', 'worksheets/sheet3.xml'],
      ['rId4', 'styles', 'styles.xml'],
      ['rId5', 'sharedStrings', 'sharedStrings.xml'],
    ]),
  );
  zip.file(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}><numFmts count="3">` +
      '<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="#,##0\\ &quot;k&quot;;[Red]\\(#,##0\\)"/>' +
      '<numFmt numFmtId="166" formatCode="[&gt;=1000]#,##0;0.0%"/></numFmts>' +
      '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
      '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
      '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
      '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
      '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
      '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
      '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
      '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
  );
  zip.file(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="8" uniqueCount="8">` +
      '<si><t>Service</t></si><si><t xml:space="preserve">Gross £000 </t></si>' +
      '<si><r><rPr><b/></rPr><t>Home</t></r><r><t xml:space="preserve"> care</t></r></si>' +
      '<si><t>Day_x000D_care</t><rPh sb="0" eb="1"><t>ignored</t></rPh></si>' +
      '<si><t>Total</t></si><si><t>Line&#13;&#10;break &lt;here&gt;</t></si><si/><si><t></t></si></sst>',
  );
  const sheet1 =
    `<?xml version="1.0" encoding="UTF-8"?>\r\n<worksheet ${NS}><!-- a comment -->` +
    '<sheetPr><tabColor rgb="FF00FF00"/></sheetPr><dimension ref="A1:J12"/>' +
    '<cols><col min="3" max="4" width="12" style="6" customWidth="1"/><col min="8" max="8" width="9" style="3"/></cols><sheetData>' +
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Adult Social Care &amp; health</t></is></c><c r="E1" s="1"><v>45698</v></c></row>' +
    '<row r="2" s="2" customFormat="1"><c r="A2" t="inlineStr"><is><r><t>Figures</t></r><r><rPr><i/></rPr><t xml:space="preserve"> in £000</t></r></is></c></row>' +
    '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="C3" t="s"><v>1</v></c><c r="D3" t="str"><v>2024/25</v></c><c r="H3" t="s"><v>7</v></c></row>' +
    '<row r="4" spans="1:8"><c r="A4" t="s"><v>2</v></c><c r="C4"><v>1200</v></c><c r="D4" s="2"><v>1300.5</v></c><c r="E4" s="3"><v>0.035</v></c><c r="F4"><f>C4*2</f><v>2400</v></c><c r="G4" t="b"><v>1</v></c><c r="H4"><v>7</v></c></row>' +
    '<row r="5" hidden="1"><c r="A5" t="s"><v>3</v></c><c r="C5"><v>800</v></c><c r="D5"><v>-0</v></c><c r="E5" t="e"><v>#DIV/0!</v></c><c r="F5"><f t="shared" ref="F5:F7" si="0">C5*2</f><v>1600</v></c><c r="G5" t="b"><v>0</v></c></row>' +
    '<row r="6"><c r="A6" t="s"><v>5</v></c><c r="C6"><v>1E3</v></c><c r="D6" s="4"><v>45000.75</v></c><c r="F6"><f t="shared" si="0"/><v>2000</v></c><c><v>5</v></c><c><f>C6+1</f><v>1001</v></c></row>' +
    '<row r="7"><c r="A7" t="s"><v>6</v></c><c r="C7"><v>0</v></c><c r="F7"><f t="shared" si="0">C7*3</f><v>0</v></c><c r="G7" t="str"><f>"a"&amp;"&amp;lt;b"</f><v>a&amp;lt;b</v></c><c r="H7" s="5"><v>1500</v></c></row>' +
    '<row r="8"><c r="A8" t="s"><v>4</v></c><c r="C8"><f>SUM(C4:C7)</f><v>3000</v></c><c r="D8" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E8" t="b"><f>C8&gt;0</f><v>1</v></c><c r="F8" t="str"><f>""</f><v></v></c><c r="G8"><f>SUM(F5:F7)</f></c><c r="J8" s="2"/><c r="I8"/></row>' +
    '<row r="9"><c r="A9"><f>HYPERLINK("#A1","Top")</f><v>0</v></c><c r="B9" t="s"><v>0</v></c><c r="C9"><f t="array" ref="C9">SUM(C4:C7*1)</f><v>3000</v></c><c r="D9" s="2"/><c r="C9"><v>3001</v></c></row>' +
    '<row r="10"><c r="A10" t="inlineStr"><is><t><![CDATA[not read]]>kept</t></is></c><c r="B10" t="inlineStr"><is><t>CR\r\nLF</t></is></c></row>' +
    '<row r="12"><c r="B12" t="s"><v>4</v></c><c r="C12"><v>9</v></c></row>' +
    '</sheetData><mergeCells count="5"><mergeCell ref="A1:D1"/><mergeCell ref="E10:F11"/><mergeCell ref="H12:J13"/><mergeCell ref="B2:C2"/><mergeCell ref="C10:D11"/></mergeCells>' +
    '<hyperlinks><hyperlink ref="B9" r:id="rId1"/><hyperlink ref="C8" r:id="rId1"/><hyperlink ref="D9" r:id="rId1"/><hyperlink ref="A4" location="Hidden notes!A1"/></hyperlinks>' +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><tableParts count="1"><tablePart r:id="rId2"/></tableParts></worksheet>';
  zip.file('xl/worksheets/sheet1.xml', sheet1);
  zip.file(
    'xl/worksheets/_rels/sheet1.xml.rels',
    rels([
      ['rId1', 'hyperlink', 'https://example.org/plan', true],
      ['rId2', 'table', '../tables/table1.xml'],
    ]),
  );
  zip.file(
    'xl/tables/table1.xml',
    `<?xml version="1.0" encoding="UTF-8"?><table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="Budget_Lines" displayName="Budget_Lines" ref="A3:H8" totalsRowCount="1">` +
      '<autoFilter ref="A3:H7"/><tableColumns count="8">' +
      ['Service', 'B', 'Gross £000', '2024/25', 'E', 'F', 'G', 'H']
        .map((n, i) => `<tableColumn id="${i + 1}" name="${n}"/>`)
        .join('') +
      '</tableColumns><tableStyleInfo name="TableStyleMedium2" showRowStripes="1"/></table>',
  );
  zip.file(
    'xl/worksheets/sheet2.xml',
    `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2"><v>42</v></c></row></sheetData></worksheet>`,
  );
  const settings = JSON.stringify({ rounding: { tolerance: 2 } });
  zip.file(
    'xl/worksheets/sheet3.xml',
    `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${settings.replace(/"/g, '&quot;')}</t></is></c></row></sheetData></worksheet>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('a workbook written part by part', () => {
  test.each([false, true])('every part reads the same both ways (1904 dates: %s)', async (date1904) => {
    const { streamed } = await expectSame(await handWritten(date1904), 'hand-written.xlsx');
    // What the parts say, read: so the comparison above is over cells that hold something.
    const plan = streamed.sheets.find((s) => s.name === 'Plan & budget')!;
    const at = (a1: string) => {
      const col = a1.charCodeAt(0) - 65 - plan.origin.col;
      const row = Number(a1.slice(1)) - 1 - plan.origin.row;
      return { v: plan.values[row]?.[col], f: plan.formulas[row]?.[col], n: plan.numberFormats[row]?.[col] };
    };
    expect(at('A1').v).toBe('Adult Social Care & health');
    expect(at('A4').v).toBe('Home care');
    expect(at('A5').v).toBe('Day\rcare');
    expect(at('F6').f).toBe('=C6*2');
    expect(at('G7').v).toBe('a<b');
    expect(at('E4').n).toBe('0.00%');
    // exceljs gives a cell in the file its own style alone; a cell a merge creates takes its row's, else its column's.
    expect(at('C4').n).toBe('General');
    expect(at('C2').n).toBe('#,##0 "k";[Red](#,##0)');
    expect(at('D10').n).toBe('#,##0');
    expect(at('C8').f).toBeNull(); // a hyperlink makes it a link, not a formula
    expect(at('C9').v).toBe(3001);
    expect(at('B10').v).toBe('CR\nLF');
    expect(at('A10').v).toBe('kept');
    expect(plan.hiddenRows).toEqual([4]);
    expect(plan.tables).toEqual([{ name: 'Budget_Lines', range: 'A3:H8', totalsRow: true }]);
    expect(plan.merges).toEqual(['A1:D1', 'E10:F11', 'H12:J13', 'B2:C2', 'C10:D11']);
    expect(streamed.sheets.find((s) => s.name === 'Hidden notes')?.hidden).toBe(true);
    expect(streamed.names.map((n) => n.name)).toEqual(['Budget_Total', 'Lines']);
  });
});
