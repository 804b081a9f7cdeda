/**
 * The exceljs port next to and over formulas that spill (dynamic arrays, which a file keeps as an
 * array formula over the range they spill into, marked as dynamic by a cm attribute) and array
 * formulas entered with Ctrl+Shift+Enter: a write never puts figures into part of one, and a write
 * undone leaves a file that reopens exactly as it was. The workbook is built here as Excel saves it.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

import { PortError } from '../../src/engine/port';
import { fx, val, type TableSpec } from '../../src/engine/spec';
import { XlsxPort } from '../../src/xlsx/xlsxPort';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/**
 * The plan sheet as Excel saves it: years 1 to 3 from =SEQUENCE(3) spilling down A1:A3 (cm="1"
 * points at the dynamic-array metadata), budgets in B1:B3, {=A1:A3*B1:B3} entered over C1:C3 with
 * Ctrl+Shift+Enter, and =A1+1 filled down D1:D3 (a shared formula).
 */
async function planFile(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/>` +
      `<Override PartName="/xl/metadata.xml" ContentType="${CT}.sheetMetadata+xml"/></Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
      `<sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2017/06/relationships/metadata" Target="metadata.xml"/></Relationships>`,
  );
  zip.file(
    'xl/metadata.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><metadata xmlns="${MAIN}" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">` +
      `<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>` +
      `<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>` +
      `<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>`,
  );
  zip.file('xl/worksheets/sheet1.xml', SHEET);
  return zip.generateAsync({ type: 'uint8array' });
}

const SHEET =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}"><sheetData>` +
  `<row r="1"><c r="A1" cm="1"><f t="array" ref="A1:A3">_xlfn.SEQUENCE(3)</f><v>1</v></c><c r="B1"><v>10</v></c>` +
  `<c r="C1"><f t="array" ref="C1:C3">A1:A3*B1:B3</f><v>10</v></c><c r="D1"><f t="shared" ref="D1:D3" si="0">A1+1</f><v>2</v></c></row>` +
  `<row r="2"><c r="A2"><v>2</v></c><c r="B2"><v>20</v></c><c r="C2"><v>40</v></c><c r="D2"><f t="shared" si="0"/><v>3</v></c></row>` +
  `<row r="3"><c r="A3"><v>3</v></c><c r="B3"><v>30</v></c><c r="C3"><v>90</v></c><c r="D3"><f t="shared" si="0"/><v>4</v></c></row>` +
  `</sheetData></worksheet>`;

async function sheetXml(bytes: Uint8Array): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file('xl/worksheets/sheet1.xml')!.async('string');
}

/** Every cell of A1:F4 as exceljs reads it (formulas with their shareType and ref). */
function cells(ws: ExcelJS.Worksheet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let r = 1; r <= 4; r++) for (let c = 1; c <= 6; c++) out[ws.getCell(r, c).address] = ws.getCell(r, c).value;
  return out;
}

function projection(row: number, col: number, rows: TableSpec['cells']): TableSpec {
  return { title: 'Budget projection', anchor: { sheet: 'Plan', row, col }, cells: rows };
}

const YEARS = { formula: '_xlfn.SEQUENCE(3)', result: 1, shareType: 'array', ref: 'A1:A3' };
const COSTS = { formula: 'A1:A3*B1:B3', result: 10, shareType: 'array', ref: 'C1:C3' };

describe('exceljs port: writes and Undo keep formulas that spill and array formulas', () => {
  it('a projection beside them, undone, saves a file that is byte for byte the sheet it was', async () => {
    const original = await planFile();
    const port = await XlsxPort.fromBuffer(original, 'plan.xlsx');
    await port.write(projection(0, 4, [[val('Total'), fx('=SUM(C1:C3)', 140)]]), { overwrite: true });
    expect(await port.undo()).toBe(true);

    const copy = await port.toBuffer();
    expect(await sheetXml(copy)).toBe(SHEET);
    const reopened = (await XlsxPort.fromBuffer(copy, 'copy.xlsx')).workbook.getWorksheet('Plan')!;
    expect(reopened.getCell('A1').value).toEqual(YEARS);
    expect(reopened.getCell('C1').value).toEqual(COSTS);
  });

  it('a projection over the cells a formula spills into is refused, even with overwriting allowed, and the file is left as it was', async () => {
    const original = await planFile();
    const port = await XlsxPort.fromBuffer(original, 'plan.xlsx');
    const before = cells(port.workbook.getWorksheet('Plan')!);

    const failure = await port
      .write(projection(1, 0, [[val(2025)], [val(2026)]]), { overwrite: true })
      .catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(PortError);
    expect((failure as Error).message).toMatch(/A2, A3 .*array formula in A1 \(=SEQUENCE\(3\)/);
    expect((failure as Error).message).toMatch(/nothing was written/i);
    expect(cells(port.workbook.getWorksheet('Plan')!)).toEqual(before);
    expect(port.canUndo()).toBe(false);
    expect(await sheetXml(await port.toBuffer())).toBe(SHEET);
  });

  it('a projection over part of an array formula entered with Ctrl+Shift+Enter is refused before anything is written', async () => {
    const port = await XlsxPort.fromBuffer(await planFile(), 'plan.xlsx');
    const before = cells(port.workbook.getWorksheet('Plan')!);

    const failure = await port.write(projection(1, 1, [[val(25), val(50)]]), { overwrite: true }).catch((e) => e);

    expect(failure).toBeInstanceOf(PortError);
    expect((failure as Error).message).toMatch(/C2 .*array formula in C1 \(=A1:A3\*B1:B3/);
    expect(cells(port.workbook.getWorksheet('Plan')!)).toEqual(before);
    expect(port.canUndo()).toBe(false);
  });

  it('a projection over all of them, with overwriting allowed, is undone to the very formulas, and the copy reopens with them', async () => {
    const port = await XlsxPort.fromBuffer(await planFile(), 'plan.xlsx');
    const before = cells(port.workbook.getWorksheet('Plan')!);
    const rows = [0, 1, 2].map((r) => [val(`Year ${r + 1}`), val(100), val(200), val(300)]);

    await port.write(projection(0, 0, rows), { overwrite: true });
    expect(port.workbook.getWorksheet('Plan')!.getCell('A1').value).toBe('Year 1');
    expect(await port.undo()).toBe(true);

    expect(cells(port.workbook.getWorksheet('Plan')!)).toEqual(before);
    const copy = await port.toBuffer();
    expect(await sheetXml(copy)).toBe(SHEET);
    const reopened = (await XlsxPort.fromBuffer(copy, 'copy.xlsx')).workbook.getWorksheet('Plan')!;
    expect(cells(reopened)).toEqual(before);
  });

  it('a workbook made in memory keeps its array formulas through a write, an undo and a save', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Plan');
    ws.getCell('A1').value = { ...YEARS } as ExcelJS.CellValue;
    ws.getCell('A2').value = 2;
    ws.getCell('A3').value = 3;
    ws.getCell('C1').value = { ...COSTS } as ExcelJS.CellValue;
    ws.getCell('C2').value = 40;
    ws.getCell('C3').value = 90;
    const port = new XlsxPort(workbook, 'Plan in memory');
    const before = cells(ws);

    await expect(port.write(projection(2, 0, [[val(3)]]), { overwrite: true })).rejects.toThrow(/array formula/);
    await port.write(
      projection(
        0,
        0,
        [0, 1, 2].map(() => [val(0), null, val(0)]),
      ),
      { overwrite: true },
    );
    expect(await port.undo()).toBe(true);
    expect(cells(ws)).toEqual(before);

    const reopened = new ExcelJS.Workbook();
    await reopened.xlsx.load((await port.toBuffer()) as unknown as ExcelJS.Buffer);
    expect(reopened.getWorksheet('Plan')!.getCell('A1').value).toEqual(YEARS);
    expect(reopened.getWorksheet('Plan')!.getCell('C1').value).toEqual(COSTS);
  });
});
