/**
 * The worksheet patcher on parts laid by hand: it rewrites only the rows it is given, inserts rows
 * and cells in order, keeps a part's namespace prefix, and splits column ranges to set one width.
 */
import { patchWorksheet, type CellRender, type SheetEdit } from '../../src/xlsx/patch/sheet';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function edit(cells: [number, number, CellRender][], widths: [number, number][] = []): SheetEdit {
  const map = new Map<number, Map<number, CellRender>>();
  for (const [r, c, render] of cells) {
    if (!map.has(r)) map.set(r, new Map());
    map.get(r)!.set(c, render);
  }
  return { cells: map, widths: new Map(widths), conditionalFormats: () => [], tableRids: [] };
}

const number =
  (n: number): CellRender =>
  (_orig, style, ref, p) =>
    `<${p}c r="${ref}"${style ? ` s="${style}"` : ''}><${p}v>${n}</${p}v></${p}c>`;

test('a prefixed part (as the Open XML SDK writes it) gets new rows and cells in its own prefix, in order', () => {
  const xml =
    `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}"><x:dimension ref="A1:B2"/><x:sheetData>` +
    '<x:row r="1"><x:c r="A1" s="3"><x:v>1</x:v></x:c><x:c r="C1"><x:v>3</x:v></x:c></x:row>' +
    '<x:row r="5"><x:c r="A5"><x:v>5</x:v></x:c></x:row></x:sheetData><x:pageMargins left="0.7"/></x:worksheet>';
  const out = patchWorksheet(
    xml,
    'Plan',
    edit([
      [0, 1, number(2)],
      [2, 0, number(9)],
    ]),
  );
  expect(out).toBe(
    `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}"><x:dimension ref="A1:B3"/><x:sheetData>` +
      '<x:row r="1"><x:c r="A1" s="3"><x:v>1</x:v></x:c><x:c r="B1"><x:v>2</x:v></x:c><x:c r="C1"><x:v>3</x:v></x:c></x:row>' +
      '<x:row r="3"><x:c r="A3"><x:v>9</x:v></x:c></x:row>' +
      '<x:row r="5"><x:c r="A5"><x:v>5</x:v></x:c></x:row></x:sheetData><x:pageMargins left="0.7"/></x:worksheet>',
  );
});

test('rows and cells without addresses are numbered as Excel counts them before anything is inserted among them', () => {
  const xml =
    `<worksheet xmlns="${MAIN}"><sheetData><row><c><v>1</v></c><c><v>2</v></c></row>` +
    '<row><c><v>3</v></c></row></sheetData></worksheet>';
  const out = patchWorksheet(xml, 'Plan', edit([[0, 0, number(7)]]));
  expect(out).toBe(
    `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1"><v>7</v></c><c r="B1"><v>2</v></c></row>` +
      '<row r="2"><c><v>3</v></c></row></sheetData></worksheet>',
  );
});

test("one column's width splits the sheet's own column range around it, keeping the range's other settings", () => {
  const xml =
    `<worksheet xmlns="${MAIN}"><cols><col min="1" max="5" width="9" style="4" customWidth="1"/></cols>` +
    '<sheetData/></worksheet>';
  const out = patchWorksheet(xml, 'Plan', edit([], [[2, 30]]));
  expect(out).toBe(
    `<worksheet xmlns="${MAIN}"><cols><col min="1" max="2" width="9" style="4" customWidth="1"/>` +
      '<col min="3" max="3" width="30" style="4" customWidth="1"/>' +
      '<col min="4" max="5" width="9" style="4" customWidth="1"/></cols><sheetData/></worksheet>',
  );
});

test('a cell the part lacks takes its row style, as Excel shows it', () => {
  const xml = `<worksheet xmlns="${MAIN}"><sheetData><row r="2" s="7" customFormat="1"/></sheetData></worksheet>`;
  const out = patchWorksheet(xml, 'Plan', edit([[1, 1, number(4)]]));
  expect(out).toBe(
    `<worksheet xmlns="${MAIN}"><sheetData><row r="2" s="7" customFormat="1"><c r="B2" s="7"><v>4</v></c></row></sheetData></worksheet>`,
  );
});
