/**
 * Writing in the exceljs port: into the exceljs model, values and formulas with their cached results
 * (so a copy opens with its figures even before Excel recalculates); a spec's text is always written
 * as text, never as a formula. Every cell and column written is noted as it was first (the state's
 * touches), so a copy patches the changes into the original package (src/xlsx/file.ts), and each
 * write leaves an undo record. A spec's charts are noted in the state with their place and data
 * range, and drawn into the copy when it is written (src/xlsx/patch/drawings.ts).
 */
import type ExcelJS from 'exceljs';

import { a1, parseRange, quoteSheet, rangeA1 } from '../engine/grid';
import { OverwriteRefusedError, PortError, SETTINGS_SHEET, tableInTheWay, type WriteResult } from '../engine/port';
import { refuseOddNames, refuseTakenNames } from '../engine/sheetNames';
import type { Borders, CellSpec, ChartSpec, TableSpec } from '../engine/spec';
import { listObjects, plainText, tableName } from './read';
import {
  clone,
  isEmptyValue,
  T,
  type DefinedNamesWithModel,
  type UndoRecord,
  type WorksheetInternals,
  type XlsxState,
} from './state';
import { argb, solidFill } from './style';
import { putBack } from './undo';

/** Fill of an input cell (a cell the user is meant to change): Excel's pale "input" yellow. */
export const INPUT_FILL = '#FFF2CC';
/** The Excel table style for generated tables: a light one, so cell fills stay readable. */
export const TABLE_STYLE = 'TableStyleLight9';

/** Every table name and defined name in the workbook (one namespace in Excel). */
function namesIn(workbook: ExcelJS.Workbook): string[] {
  const names = (workbook.definedNames as unknown as DefinedNamesWithModel).model.map((d) => d.name);
  for (const ws of workbook.worksheets)
    // getTables() returns Table objects (its declaration says tuples).
    for (const t of ws.getTables() as unknown as ExcelJS.Table[]) names.push(tableName(t));
  return names;
}

/**
 * Refuses, before anything is written, a write that would cover part of an array formula: one
 * entered with Ctrl+Shift+Enter, or a dynamic array (=SEQUENCE, =FILTER) with the cells it spills
 * into, which a file keeps as one formula over that range (exceljs: shareType 'array' and its ref).
 * Figures written into part of it would break it (Excel refuses the one, shows #SPILL! for the
 * other); a write over all of it, or beside it, goes ahead, and undo puts the formula back as it was.
 */
/** Refuses, as Excel does, a table laid over part of another table or of merged cells. */
function refuseTableOverlap(ws: ExcelJS.Worksheet, spec: TableSpec): void {
  const t = spec.excelTable;
  if (!t) return;
  const { row, col } = spec.anchor;
  const box = { top: row + t.top, left: col + t.left, bottom: row + t.bottom, right: col + t.right };
  const meets = (r: { top: number; left: number; bottom: number; right: number } | null): boolean =>
    !!r && r.top <= box.bottom && r.bottom >= box.top && r.left <= box.right && r.right >= box.left;
  const merges = Object.values((ws as unknown as WorksheetInternals)._merges ?? {}).map((m) => m.range);
  const ranges = [...listObjects(ws).map((o) => o.range), ...merges];
  if (ranges.some((r) => meets(parseRange(r)))) throw new PortError(tableInTheWay(spec.title), 'InvalidOperation');
}

function refuseArrayParts(ws: ExcelJS.Worksheet, spec: TableSpec): void {
  const { row: top, col: left } = spec.anchor;
  const covers = (r: number, c: number): boolean => !!spec.cells[r - top]?.[c - left];
  const bottom = top + spec.cells.length - 1;
  ws.eachRow((row, rowNumber) => {
    if (rowNumber - 1 > bottom) return;
    row.eachCell((cell, colNumber) => {
      const v = cell.value as { formula?: string; shareType?: string; ref?: string } | null;
      const range = v?.shareType === 'array' && v.ref ? parseRange(v.ref) : null;
      if (!range) return;
      const hit: string[] = [];
      for (let r = range.top; r <= range.bottom; r++)
        for (let c = range.left; c <= range.right; c++) if (covers(r, c)) hit.push(a1(r, c));
      const size = (range.bottom - range.top + 1) * (range.right - range.left + 1);
      if (hit.length === 0 || hit.length === size) return;
      const formula = `=${(v!.formula ?? '').replace(/_xl(fn|ws)\./g, '')}`;
      throw new PortError(
        `Nothing was written: ${hit.slice(0, 5).join(', ')}${hit.length > 5 ? ', …' : ''} on "${ws.name}" ` +
          `${hit.length === 1 ? 'is' : 'are'} part of the array formula in ${a1(rowNumber - 1, colNumber - 1)} (${formula}, ` +
          `over ${v!.ref}), and ${spec.title} would cover only part of it. Excel keeps an array formula whole (a formula ` +
          'that spills would show #SPILL!), so choose another place, then try again.',
        'InvalidOperation',
      );
    });
  });
}

/** Writes a spec's table; the sheet view hears of it even when the write fails part way. */
export async function write(state: XlsxState, spec: TableSpec, options: { overwrite?: boolean }): Promise<WriteResult> {
  try {
    return await writeTable(state, spec, options);
  } finally {
    state.emit('cells');
  }
}

async function writeTable(state: XlsxState, spec: TableSpec, options: { overwrite?: boolean }): Promise<WriteResult> {
  const { sheet: sheetName, row: top, col: left } = spec.anchor;
  const ws = state.workbook.getWorksheet(sheetName);
  if (spec.newSheet && ws) {
    throw new PortError(`PlanCheck did not write: a sheet called "${sheetName}" already exists.`);
  }
  if (!spec.newSheet && !ws) {
    throw new PortError(`PlanCheck did not write: there is no sheet called "${sheetName}".`);
  }
  if (sheetName === SETTINGS_SHEET) {
    throw new PortError(`PlanCheck did not write: ${SETTINGS_SHEET} is PlanCheck's own settings sheet.`);
  }

  // Refuse before changing anything: names Excel would not take or that the workbook has, cells the user has.
  refuseOddNames(spec);
  refuseTakenNames(spec, namesIn(state.workbook));
  if (ws) refuseArrayParts(ws, spec);
  if (ws && !options.overwrite) {
    const occupied: string[] = [];
    spec.cells.forEach((row, r) =>
      row.forEach((c, k) => {
        if (!c) return;
        const existing = ws!.findCell(top + r + 1, left + k + 1);
        if (c.refresh && existing?.formula && `=${existing.formula}` === c.formula) return;
        if (existing && existing.type !== T.Merge && !isEmptyValue(existing.value))
          occupied.push(a1(top + r, left + k));
      }),
    );
    if (occupied.length > 0) throw new OverwriteRefusedError(sheetName, occupied);
  }
  // After the question of covering cells, as in Excel, where the table is refused only when laid.
  if (ws) refuseTableOverlap(ws, spec);

  const record: UndoRecord = {
    title: spec.title,
    sheet: sheetName,
    addedSheet: !ws,
    cells: [],
    widths: [],
    conditionalFormats: [],
  };
  try {
    const done = applySpec(state, spec, ws, record);
    // What the write left in each cell (a table's header included), so undo can tell a cell changed since.
    for (const c of record.cells) c.written = clone(done.sheet.getCell(c.row + 1, c.col + 1).value);
    state.undoStack.push(record);
    return { sheet: sheetName, range: rangeA1(top, left, done.bottom, done.right), cells: done.count };
  } catch (e) {
    // A write that fails part way is taken back at once: nothing of it is left.
    putBack(state, record);
    const said = e instanceof Error && e.message ? e.message.replace(/\.?$/, '.') : 'the workbook would not take it.';
    const why = /^[A-Z][a-z]/.test(said) ? said[0].toLowerCase() + said.slice(1) : said;
    throw new PortError(
      `${spec.title} was not written: ${why} Nothing was left: the sheet is as it was.`,
      'WriteFailed',
    );
  }
}

/** Makes the spec's changes, noting in `record` what each changed first. */
function applySpec(
  state: XlsxState,
  spec: TableSpec,
  existing: ExcelJS.Worksheet | undefined,
  record: UndoRecord,
): { sheet: ExcelJS.Worksheet; bottom: number; right: number; count: number } {
  const { sheet: sheetName, row: top, col: left } = spec.anchor;
  let ws = existing;
  if (!ws) ws = state.workbook.addWorksheet(sheetName);
  const sheet = ws;
  const keep = !record.addedSheet;

  let count = 0;
  let bottom = top;
  let right = left;
  spec.cells.forEach((row, r) =>
    row.forEach((c, k) => {
      if (!c) return;
      state.touch(sheet, top + r, left + k);
      const cell = sheet.getCell(top + r + 1, left + k + 1);
      if (keep) record.cells.push({ row: top + r, col: left + k, value: clone(cell.value), style: clone(cell.style) });
      cell.value = cellValueOf(c);
      const style = specStyle(c, cell.style);
      if (style) cell.style = style;
      count++;
      bottom = Math.max(bottom, top + r);
      right = Math.max(right, left + k);
    }),
  );

  spec.columnWidths?.forEach((w, i) => {
    state.touchWidth(sheet, left + i);
    const column = sheet.getColumn(left + i + 1);
    if (keep) record.widths.push({ col: left + i, width: column.width });
    column.width = w;
  });

  if (spec.excelTable) {
    // exceljs's addTable writes the table's cells itself.
    const t = spec.excelTable;
    for (let r = t.top; r <= t.bottom; r++)
      for (let c = t.left; c <= t.right; c++) state.touch(sheet, top + r, left + c);
    record.table = addTable(state, sheet, spec);
  }

  if (spec.names && spec.names.length > 0) {
    const definedNames = state.workbook.definedNames as unknown as DefinedNamesWithModel;
    record.names = clone(definedNames.model);
    for (const n of spec.names) {
      const range = rangeA1(top + n.top, left + n.left, top + (n.bottom ?? n.top), left + (n.right ?? n.left));
      const absolute = range
        .split(':')
        .map((p) => p.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'))
        .join(':');
      state.workbook.definedNames.add(`${quoteSheet(sheetName)}!${absolute}`, n.name);
    }
  }

  for (const block of spec.conditionalBands ?? []) {
    const cf: ExcelJS.ConditionalFormattingOptions = {
      ref: rangeA1(top + block.top, left + block.left, top + block.bottom, left + block.right),
      rules: block.bands.map((b, i) => ({
        type: 'cellIs',
        operator: 'between',
        formulae: [String(b.min), String(b.max)],
        priority: i + 1,
        // Conditional-format fills use bgColor for a solid fill (a dxf, not a cell fill).
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(b.fill) } } },
      })) as ExcelJS.CellIsRuleType[],
    };
    sheet.addConditionalFormatting(cf);
    record.conditionalFormats.push(cf);
  }
  // Charts: drawn into the copy over the cells just written, with their figures then (patch/drawings.ts).
  if (spec.charts?.length) {
    record.charts = spec.charts.map((c) => ({ sheet: sheetName, chart: placed(c, top, left) }));
    state.charts.push(...record.charts);
  }

  return { sheet, bottom, right, count };
}

/**
 * Adds the spec's Excel table. exceljs's addTable writes the header and rows into the cells
 * itself, so it is given exactly what was just written (formulas with their cached results),
 * and a header of unique text names, as Excel requires. Returns the table's name.
 */
function addTable(state: XlsxState, ws: ExcelJS.Worksheet, spec: TableSpec): string {
  const t = spec.excelTable!;
  const { row: top, col: left } = spec.anchor;
  // The name was checked before anything was written (refuseOddNames, refuseTakenNames): free and one Excel takes.
  const name = t.name;
  const usedHeaders = new Set<string>();
  const columns: ExcelJS.TableColumnProperties[] = [];
  for (let c = t.left; c <= t.right; c++) {
    const v = ws.getCell(top + t.top + 1, left + c + 1).value;
    let header = v === null || v === undefined || v === '' ? `Column${c - t.left + 1}` : plainText(v);
    const base = header;
    for (let i = 2; usedHeaders.has(header.toLowerCase()); i++) header = `${base}${i}`;
    usedHeaders.add(header.toLowerCase());
    columns.push({ name: header, filterButton: true });
  }
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = t.top + 1; r <= t.bottom; r++) {
    const row: ExcelJS.CellValue[] = [];
    for (let c = t.left; c <= t.right; c++) row.push(clone(withResult(ws.getCell(top + r + 1, left + c + 1))));
    rows.push(row);
  }
  ws.addTable({
    name,
    ref: a1(top + t.top, left + t.left),
    headerRow: true,
    style: { theme: TABLE_STYLE as ExcelJS.TableStyleProperties['theme'], showRowStripes: true },
    columns,
    rows,
  });
  return name;
}

/**
 * A cell's value with its formula's cached result: exceljs's value getter drops a result of 0, ""
 * or false (the cell's model keeps it), which would leave a formula worth 0 blank in a table.
 */
function withResult(cell: ExcelJS.Cell): ExcelJS.CellValue {
  const v = cell.value;
  if (!v || typeof v !== 'object' || !('formula' in v) || v.result !== undefined) return v;
  const stored = (cell as unknown as { model?: { result?: ExcelJS.CellFormulaValue['result'] } }).model?.result;
  return stored === undefined || stored === null ? v : { ...v, result: stored };
}

/** A spec's chart with its data and place in the sheet's own cells (the spec's are relative to its anchor). */
function placed(c: ChartSpec, top: number, left: number): ChartSpec {
  const d = c.data;
  return {
    ...c,
    data: { top: top + d.top, left: left + d.left, bottom: top + d.bottom, right: left + d.right },
    at: { row: top + c.at.row, col: left + c.at.col },
  };
}

/** What a CellSpec puts in the cell: text stays text; formulas carry their cached result. */
function cellValueOf(c: CellSpec): ExcelJS.CellValue {
  if (c.formula) {
    const formula = c.formula.startsWith('=') ? c.formula.slice(1) : c.formula;
    return c.value === null || c.value === undefined
      ? { formula, date1904: false }
      : { formula, result: c.value, date1904: false };
  }
  return c.value ?? null;
}

/** The cell's style with the spec's formats applied; undefined when the spec sets none. */
function specStyle(c: CellSpec, current: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> | undefined {
  const fill = c.fill ?? (c.input ? INPUT_FILL : undefined);
  const font =
    c.bold !== undefined || c.fontName !== undefined || c.fontSize !== undefined || c.fontColor !== undefined;
  if (c.numberFormat === undefined && fill === undefined && !font && c.border === undefined) return undefined;
  // A fresh object per cell: exceljs cells can share one style object, and setting a property
  // through cell.fill or cell.numFmt would change every cell sharing it.
  const style = clone(current) ?? {};
  if (c.numberFormat !== undefined) style.numFmt = c.numberFormat;
  if (fill !== undefined) style.fill = solidFill(fill);
  if (font) {
    const f: Partial<ExcelJS.Font> = { ...(style.font ?? {}) };
    if (c.bold !== undefined) f.bold = c.bold;
    if (c.fontName !== undefined) {
      f.name = c.fontName;
      // The workbook's theme font would win over the name.
      delete f.scheme;
      delete f.family;
    }
    if (c.fontSize !== undefined) f.size = c.fontSize;
    if (c.fontColor !== undefined) f.color = { argb: argb(c.fontColor) };
    style.font = f;
  }
  if (c.border !== undefined) style.border = excelBorders(c.border);
  return style;
}

/** A spec's borders as exceljs's. */
function excelBorders(b: Borders): Partial<ExcelJS.Borders> {
  const out: Partial<ExcelJS.Borders> = {};
  for (const side of ['top', 'bottom', 'left', 'right'] as const) {
    const e = b[side];
    if (e) out[side] = { style: e.style, ...(e.color ? { color: { argb: argb(e.color) } } : {}) };
  }
  return out;
}
