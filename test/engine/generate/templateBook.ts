/**
 * Test helper for template fills: a council's styled template made with exceljs, opened through the
 * file port as the CLI and the browser page open it, filled, saved and read back; every cell's value
 * and style before and after; the filled sheet recalculated with HyperFormula.
 */
import ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';

import type { TableSpec } from '../../../src/engine/spec';
import { readTables, type ReadResult } from '../../../src/engine/tables';
import type { FoundTable } from '../../../src/engine/tables/types';
import { openWorkbookBytes } from '../../../src/xlsx/open';

export const MONEY_FORMAT = '#,##0;(#,##0)';
export const HOUSE_FONT: Partial<ExcelJS.Font> = { name: 'Arial', size: 10 };
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3864' } };
export const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  bottom: { style: 'thin' },
  left: { style: 'thin' },
  right: { style: 'thin' },
};

/** A merged title over the table's width and a header row in the house style. */
export function houseHeader(ws: ExcelJS.Worksheet, title: string, headerRow: number, headers: string[]): void {
  ws.mergeCells(1, 1, 1, headers.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: 'Arial', bold: true, size: 14, color: { argb: 'FF1F3864' } };
  headers.forEach((h, i) => {
    const c = ws.getCell(headerRow, i + 1);
    c.value = h;
    c.font = { ...HOUSE_FONT, bold: true, color: { argb: 'FFFFFFFF' } };
    c.fill = HEADER_FILL;
    c.border = THIN;
    c.alignment = { wrapText: true, vertical: 'middle' };
  });
}

/** A body cell in the house style: its value (null for a figure cell left empty) and format. */
export function houseCell(
  ws: ExcelJS.Worksheet,
  row: number,
  col: number,
  value: ExcelJS.CellValue,
  numFmt?: string,
  bold = false,
): void {
  const c = ws.getCell(row, col);
  if (value !== null) c.value = value;
  c.font = { ...HOUSE_FONT, bold };
  c.border = THIN;
  if (numFmt) c.numFmt = numFmt;
}

export interface Opened {
  /** The template as saved, read back: what the fill is compared with. */
  before: ExcelJS.Workbook;
  read: ReadResult;
  table: FoundTable;
  write(spec: TableSpec, overwrite?: boolean): Promise<void>;
  save(): Promise<ExcelJS.Workbook>;
}

/** Opens a workbook through the file port and finds the table on `sheet` that covers `cell` (row, col, 0-based). */
export async function openTemplate(wb: ExcelJS.Workbook, sheet: string, row: number, col: number): Promise<Opened> {
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const port = await openWorkbookBytes(bytes, 'template.xlsx');
  const before = new ExcelJS.Workbook();
  await before.xlsx.load(bytes as unknown as ArrayBuffer);
  const read = readTables(await port.read());
  const table = read.tables.find(
    (t) => t.sheet === sheet && t.top <= row && row <= t.bottom && t.left <= col && col <= t.right,
  );
  if (!table)
    throw new Error(`No table at ${sheet} r${row} c${col}: ${read.tables.map((t) => `${t.id} ${t.kind}`).join('; ')}`);
  return {
    before,
    read,
    table,
    write: async (spec, overwrite = false) => {
      await port.write(spec, { overwrite });
    },
    save: async () => {
      const out = new ExcelJS.Workbook();
      await out.xlsx.load((await port.toBuffer()) as unknown as ArrayBuffer);
      return out;
    },
  };
}

/** Every cell of a sheet: its value and style, as text to compare. */
export function cellsOf(ws: ExcelJS.Worksheet): Map<string, string> {
  const out = new Map<string, string>();
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (c) => {
      out.set(
        c.address,
        JSON.stringify({
          v: c.value,
          f: c.numFmt,
          font: c.font,
          fill: c.fill,
          border: c.border,
          align: c.alignment,
          merged: c.isMerged ? c.master.address : null,
        }),
      );
    }),
  );
  return out;
}

/**
 * The template's cells that changed, other than the figure cells the fill wrote: for the template's own
 * formulas, only their stored result may change.
 */
export function changedOutside(before: ExcelJS.Worksheet, after: ExcelJS.Worksheet, written: string[]): string[] {
  const a = cellsOf(before);
  const b = cellsOf(after);
  const strip = (json: string | undefined) => {
    const o = JSON.parse(json ?? '{}');
    if (o.v && typeof o.v === 'object') delete o.v.result;
    return JSON.stringify(o);
  };
  return [...a.keys()].filter((k) => !written.includes(k) && strip(a.get(k)) !== strip(b.get(k)));
}

export interface Recalculated {
  /** HyperFormula's value of a cell ("C7"). */
  value(address: string): number | string | null;
  /** Formula cells whose stored result differs from HyperFormula's. */
  mismatches(): string[];
  /** Number of formula cells on the sheet. */
  formulas: number;
  set(address: string, value: number): void;
  destroy(): void;
}

/** Loads a saved sheet into HyperFormula: formulas as formulas, everything else as its value. */
export function recalc(ws: ExcelJS.Worksheet): Recalculated {
  const rows: (string | number | boolean | null)[][] = [];
  const stored = new Map<string, unknown>();
  ws.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const v = cell.value;
      let raw: string | number | boolean | null = null;
      if (v && typeof v === 'object' && 'formula' in v) {
        raw = `=${v.formula}`;
        stored.set(cell.address, resultOf(cell));
      } else if (typeof v === 'number' || typeof v === 'boolean') raw = v;
      else if (typeof v === 'string') raw = `'${v}`;
      (rows[r - 1] ??= [])[c - 1] = raw;
    }),
  );
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  const hf = HyperFormula.buildFromSheets({ S: rows }, { licenseKey: 'gpl-v3', smartRounding: false });
  const where = (address: string) => {
    const c = ws.getCell(address);
    return { sheet: 0, row: Number(c.row) - 1, col: Number(c.col) - 1 };
  };
  const value = (address: string) => {
    const v = hf.getCellValue(where(address));
    if (v === null || typeof v === 'number' || typeof v === 'string') return v;
    return `#ERROR ${String((v as { value?: unknown }).value ?? v)}`;
  };
  return {
    value,
    formulas: stored.size,
    mismatches: () =>
      [...stored.entries()]
        .filter(([k, s]) => {
          const got = value(k);
          return typeof got === 'number' && typeof s === 'number' ? Math.abs(got - s) > 1e-6 : got !== s;
        })
        .map(([k, s]) => `${k}: stored ${String(s)}, recalculates to ${String(value(k))}`),
    set: (address, v) => hf.setCellContents(where(address), [[v]]),
    destroy: () => hf.destroy(),
  };
}

/** The stored result of a formula cell, or the value of a plain one. */
export function shown(ws: ExcelJS.Worksheet, address: string): unknown {
  const c = ws.getCell(address);
  const v = c.value;
  return v && typeof v === 'object' && 'formula' in v ? resultOf(c) : v;
}

/** A formula's stored result; exceljs's value getter drops a result of 0, its model keeps it. */
function resultOf(cell: ExcelJS.Cell): unknown {
  const v = cell.value as ExcelJS.CellFormulaValue;
  return v.result ?? (cell as unknown as { model?: { result?: unknown } }).model?.result;
}
