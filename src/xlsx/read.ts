/**
 * Reading in the exceljs port: the workbook as the engine's snapshot.
 * - values are what Excel shows as the cell's value: numbers, strings, booleans; rich text is
 *   joined into plain text; a hyperlink gives its text; an error gives its text ("#REF!");
 *   a formula gives its cached result (null when the file stored none);
 * - dates are given as Excel serial numbers (days since 1899-12-30, the 1904 system honoured),
 *   as Office.js reports them, so both ports hand the engine the same value; the cell's number
 *   format says it is a date;
 * - the slave cells of a merged range read as empty (as in Excel); `merges` lists the ranges;
 * - Excel tables (ListObjects) are given as `tables`; pivot tables are not: exceljs skips
 *   xl/pivotTables/*.xml when it loads a file, and finding their locations would mean unzipping
 *   the file a second time, so snapshots from this port carry no `pivots` (the reader still knows
 *   a pivot by Excel's own captions, "Row Labels" and "Sum of ...").
 */
import type ExcelJS from 'exceljs';

import { parseRange } from '../engine/grid';
import type { CellValue, ListObjectRef, NamedRange, SheetSnapshot, WorkbookSnapshot } from '../engine/grid';
import { SETTINGS_SHEET, type ReadOptions } from '../engine/port';
import { emptySnapshot, Extent, Grid, listObjectOf } from './grid';
import { excelSerial } from './serial';
import { isEmptyValue, T, type DefinedNamesWithModel, type WorksheetInternals, type XlsxState } from './state';

/** The workbook as the engine reads it, without PlanCheck's settings sheet (its own names left out too). */
export async function read(state: XlsxState, options: ReadOptions): Promise<WorkbookSnapshot> {
  const wanted = options.sheets ? new Set(options.sheets) : null;
  const worksheets = state.workbook.worksheets.filter(
    (ws) => ws.name !== SETTINGS_SHEET && (!wanted || wanted.has(ws.name)),
  );
  const date1904 = Boolean(state.workbook.properties?.date1904);
  const sheets: SheetSnapshot[] = [];
  for (const [i, ws] of worksheets.entries()) {
    const sheet = await readSheet(ws, date1904, state.pauseReads);
    if (ws.state === 'hidden' || ws.state === 'veryHidden') sheet.hidden = true;
    sheets.push(sheet);
    options.onProgress?.(i + 1, worksheets.length);
  }
  return { name: state.name, sheets, names: readNames(state.workbook) };
}

/** The defined names that name one range on a user's sheet (Excel's own _xlnm names left out). */
function readNames(workbook: ExcelJS.Workbook): NamedRange[] {
  return namesOf((workbook.definedNames as unknown as DefinedNamesWithModel).model ?? []);
}

/** The defined names (as exceljs's definedNames.model gives them) that name one range on a user's sheet. */
export function namesOf(model: { name: string; ranges: string[] }[]): NamedRange[] {
  const names: NamedRange[] = [];
  for (const dn of model) {
    if (dn.name.startsWith('_xlnm.') || dn.ranges.length === 0) continue;
    const ref = dn.ranges[0];
    const bang = ref.lastIndexOf('!');
    if (bang < 0) continue;
    let sheet = ref.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    if (sheet === SETTINGS_SHEET) continue;
    const address = ref.slice(bang + 1).replace(/\$/g, '');
    if (!parseRange(address)) continue;
    names.push({ name: dn.name, sheet, address });
  }
  return names;
}

/** The name of an Excel table, from its model (exceljs keeps it in one place or the other). */
export function tableName(t: ExcelJS.Table): string {
  const model = (t as unknown as { table?: { name?: string }; name?: string }).table;
  return model?.name ?? (t as unknown as { name?: string }).name ?? '';
}

/** The plain text of a cell value (rich text joined, hyperlink text, a formula's result). */
export function plainText(v: ExcelJS.CellValue): string {
  const c = plainValue(v, false);
  return c === null ? '' : String(c);
}

/** A cell value as the engine sees it. */
export function plainValue(v: ExcelJS.CellValue, date1904: boolean): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  // A Date from another realm too (a workbook built from a worker's copy, src/xlsx/rebuild.ts).
  if (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]')
    return excelSerial(v as Date, date1904);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('error' in v) return String(v.error);
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      return result === undefined ? null : plainValue(result as ExcelJS.CellValue, date1904);
    }
    if ('text' in v) return plainValue((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue, date1904);
  }
  return null;
}

/** A cell's value as the engine sees it, a formula's stored result of 0, "" or false included. */
export function cellValue(cell: ExcelJS.Cell, date1904: boolean): CellValue {
  const value = plainValue(cell.value, date1904);
  if (value !== null || cell.type !== T.Formula) return value;
  // exceljs's value getter drops a stored result of 0, "" or false; the cell's model keeps it.
  const stored = (cell as unknown as { model?: { result?: unknown } }).model?.result;
  return stored === undefined || stored === null ? null : plainValue(stored as ExcelJS.CellValue, date1904);
}

/**
 * The sheet's Excel tables (ListObjects) as the file defines them. exceljs reads a missing
 * headerRowCount as "no header row", but Excel leaves it out precisely when there is one, so every
 * table is taken to have its header row.
 */
export function listObjects(ws: ExcelJS.Worksheet): ListObjectRef[] {
  const out: ListObjectRef[] = [];
  for (const t of ws.getTables() as unknown as {
    table?: { name?: string; tableRef?: string; totalsRow?: boolean };
  }[]) {
    const ref = listObjectOf(t.table);
    if (ref) out.push(ref);
  }
  return out;
}

/** Rows between the pauses of a read that pauses. */
const PAUSE_ROWS = 5000;

/** Each row with values, as ws.eachRow gives them, pausing every PAUSE_ROWS rows where asked to. */
async function eachRow(
  ws: ExcelJS.Worksheet,
  pause: (() => Promise<void>) | null,
  visit: (row: ExcelJS.Row, rowNumber: number) => void,
): Promise<void> {
  const rows = (ws as unknown as WorksheetInternals)._rows;
  if (!pause || !rows) return ws.eachRow(visit);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row?.hasValues) visit(row, row.number);
    if (i % PAUSE_ROWS === PAUSE_ROWS - 1) await pause();
  }
}

/** One worksheet's used extent as a snapshot, in two passes over its rows. */
async function readSheet(
  ws: ExcelJS.Worksheet,
  date1904: boolean,
  pause: (() => Promise<void>) | null,
): Promise<SheetSnapshot> {
  const tables = listObjects(ws);
  const extent = new Extent();
  // First pass: the extent (rows with values only; their cells' column range).
  await eachRow(ws, pause, (row, rowNumber) => {
    let any = false;
    row.eachCell((cell, colNumber) => {
      if (cell.type === T.Merge || isEmptyValue(cell.value)) return;
      any = true;
      extent.col(colNumber);
    });
    extent.row(rowNumber, any, row.hidden);
  });
  const merges = mergesOf(ws);
  if (extent.empty) return emptySnapshot(ws.name, extent.hiddenRows, merges);
  const { minRow, maxRow, minCol } = extent;
  const grid = new Grid(extent);
  const width = grid.width;
  await eachRow(ws, pause, (row, rowNumber) => {
    if (rowNumber < minRow || rowNumber > maxRow) return;
    const r = rowNumber - minRow;
    row.eachCell((cell, colNumber) => {
      const k = colNumber - minCol;
      if (k < 0 || k >= width) return;
      grid.format(r, k, cell.numFmt);
      const type = cell.type;
      if (type === T.Merge) return;
      const formula = type === T.Formula ? cell.formula : undefined;
      grid.fill(r, k, formula ? `=${formula}` : null, cellValue(cell, date1904));
    });
  });
  return grid.snapshot(ws.name, merges, tables);
}

/** The sheet's merged ranges ("A1:C1"), as exceljs holds them. */
export function mergesOf(ws: ExcelJS.Worksheet): string[] {
  return Object.values((ws as unknown as WorksheetInternals)._merges ?? {})
    .map((m) => m.range)
    .filter((r): r is string => typeof r === 'string');
}
