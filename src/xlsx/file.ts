/**
 * The exceljs port's bytes: loading a workbook and noting what it held, the file as it was opened,
 * and the workbook written back as bytes. No file system here (src/xlsx/files.ts opens and saves
 * files in Node); the browser page loads a File's bytes and downloads toBuffer().
 */
import ExcelJS from 'exceljs';

import type { WorkbookFile } from '../engine/port';
import { conditionalFormatsOf, patchPackage, type Baseline } from './patch/package';
import { tableName } from './read';
import { clone, type DefinedNamesWithModel, type XlsxState } from './state';

/**
 * Loads .xlsx bytes (a File's ArrayBuffer in the browser, a Buffer in Node), with what the workbook
 * held then, which a copy patches. Throws what exceljs throws.
 */
export async function loadBytes(
  buf: ArrayBuffer | Uint8Array,
): Promise<{ workbook: ExcelJS.Workbook; original: { bytes: Uint8Array; baseline: Baseline } }> {
  const workbook = new ExcelJS.Workbook();
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  // exceljs's declaration asks for a Node Buffer; its zip reader takes any Uint8Array or ArrayBuffer.
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return { workbook, original: { bytes, baseline: baselineOf(workbook) } };
}

/**
 * The file as it was opened, what the evidence report names and hashes: the bytes loadBytes was
 * given (read from disk, or the File the user opened), never the workbook written again, so marks,
 * writes and settings since leave them as they were: "the file as saved".
 */
export function fileBytes(state: XlsxState): WorkbookFile | null {
  return state.original ? { bytes: state.original.bytes, source: 'saved-file' } : null;
}

/**
 * The workbook written as bytes. Opened from a file: the original package with PlanCheck's changes
 * patched in (src/xlsx/patch), so all it held is kept and an .xlsm stays an .xlsm. A workbook
 * built in memory has nothing to keep and is written by exceljs.
 */
export async function toBuffer(state: XlsxState): Promise<Uint8Array> {
  const { workbook, charts } = state;
  if (state.original)
    return patchPackage(state.original.bytes, workbook, state.original.baseline, state.touches, charts);
  const out = await workbook.xlsx.writeBuffer();
  const bytes = out instanceof Uint8Array ? out : new Uint8Array(out as ArrayBuffer);
  // exceljs writes no charts: they are added to what it wrote, as to a file opened.
  if (charts.length === 0) return bytes;
  return patchPackage(bytes, workbook, baselineOf(workbook), { cells: new Map(), widths: new Map() }, charts);
}

/** What a workbook held when it was opened: its sheets' visibility, tables and conditional formats, and its names. */
export function baselineOf(workbook: ExcelJS.Workbook): Baseline {
  const sheets: Baseline['sheets'] = new Map();
  for (const ws of workbook.worksheets) {
    sheets.set(ws.name, {
      state: ws.state ?? 'visible',
      tables: new Set((ws.getTables() as unknown as ExcelJS.Table[]).map(tableName)),
      conditionalFormats: new Set(conditionalFormatsOf(ws)),
    });
  }
  const names = (workbook.definedNames as unknown as DefinedNamesWithModel).model ?? [];
  return { sheets, names: clone(names), date1904: Boolean(workbook.properties?.date1904) };
}
