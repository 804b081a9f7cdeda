/**
 * The layout zoo's building blocks: sheets laid cell by cell (values, formulas, number formats),
 * formulas evaluated by HyperFormula so every stored result is what Excel would show, then handed
 * over as engine snapshots or written as .xlsx files.
 */
import ExcelJS from 'exceljs';
import { HyperFormula } from 'hyperformula';

import type { Severity } from '../../src/engine/findings';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../../src/engine/grid';
import { a1, parseA1, parseRange } from '../../src/engine/grid';

/** A formula cell: `f` is what the sheet holds; `calc`, when given, is what HyperFormula evaluates instead
 * (for structured references, which it cannot read). */
export interface FormulaCell {
  f: string;
  calc?: string;
  fmt?: string;
}
export interface ValueCell {
  v: CellValue;
  fmt?: string;
}
export type ZooCell = CellValue | FormulaCell | ValueCell;

/** An Excel table (ListObject) on a sheet. */
export interface ZooListObject {
  name: string;
  /** Header row to totals row, "B4:F20". */
  range: string;
  totalsRow: boolean;
}

export interface ZooSheet {
  name: string;
  cells: Map<string, ZooCell>;
  listObjects: ZooListObject[];
  hiddenRows: number[];
  merges: string[];
}

/** A mistake planted on purpose: the finding it must give. */
export interface Planted {
  sheet: string;
  cell: string;
  rule: string;
  severity: Severity;
  what: string;
}

export interface ZooWorkbook {
  name: string;
  family: string;
  variant: 'clean' | 'planted';
  sheets: ZooSheet[];
  planted: Planted[];
}

export function newSheet(name: string): ZooSheet {
  return { name, cells: new Map(), listObjects: [], hiddenRows: [], merges: [] };
}

/** Writes a row of cells from an address rightwards ("B5", [..]); undefined leaves a cell alone. */
export function put(sheet: ZooSheet, at: string, row: (ZooCell | undefined)[]): void {
  const start = parseA1(at)!;
  row.forEach((c, i) => {
    if (c === undefined) return;
    const key = addr(start.row, start.col + i);
    if (c === null) sheet.cells.delete(key);
    else sheet.cells.set(key, c);
  });
}

export function set(sheet: ZooSheet, at: string, cell: ZooCell): void {
  if (cell === null) sheet.cells.delete(at);
  else sheet.cells.set(at, cell);
}

export function addr(row: number, col: number): string {
  return a1(row, col);
}

/** Column letter of a 0-based index. */
export function L(col: number): string {
  return addr(0, col).replace(/\d+$/, '');
}

export const fx = (f: string, fmt?: string, calc?: string): FormulaCell => ({ f, fmt, calc });
export const num = (v: number, fmt?: string): ValueCell => ({ v, fmt });

function isFormula(c: ZooCell): c is FormulaCell {
  return typeof c === 'object' && c !== null && 'f' in c;
}
function isValue(c: ZooCell): c is ValueCell {
  return typeof c === 'object' && c !== null && 'v' in c;
}

/** Every sheet's grid with formulas evaluated. */
function evaluate(wb: ZooWorkbook): Map<string, Map<string, CellValue>> {
  const grids: Record<string, (string | number | boolean | null)[][]> = {};
  for (const s of wb.sheets) {
    const grid: (string | number | boolean | null)[][] = [];
    for (const [a, c] of s.cells) {
      const { row, col } = parseA1(a)!;
      const line = (grid[row] ??= []);
      if (isFormula(c)) line[col] = `=${(c.calc ?? c.f).replace(/^=/, '')}`;
      else if (isValue(c)) line[col] = c.v;
      // A string is text, as in the .xlsx: HyperFormula would read "1200" typed as text as a number.
      else line[col] = typeof c === 'string' ? `'${c}` : c;
    }
    const width = grid.reduce((w, r) => Math.max(w, r?.length ?? 0), 0);
    grids[s.name] = Array.from({ length: grid.length }, (_, r) =>
      Array.from({ length: width }, (_, c) => grid[r]?.[c] ?? null),
    );
  }
  const hf = HyperFormula.buildFromSheets(grids, { licenseKey: 'gpl-v3' });
  const out = new Map<string, Map<string, CellValue>>();
  for (const s of wb.sheets) {
    const id = hf.getSheetId(s.name)!;
    const values = new Map<string, CellValue>();
    for (const [a, c] of s.cells) {
      if (!isFormula(c)) continue;
      const { row, col } = parseA1(a)!;
      const v = hf.getCellValue({ sheet: id, row, col });
      values.set(a, typeof v === 'object' && v !== null ? String((v as { value: unknown }).value) : v);
    }
    out.set(s.name, values);
  }
  hf.destroy();
  return out;
}

/** The workbook as the engine sees it. */
export function toSnapshot(wb: ZooWorkbook): WorkbookSnapshot {
  const computed = evaluate(wb);
  const sheets: SheetSnapshot[] = wb.sheets.map((s) => {
    let bottom = 0;
    let right = 0;
    for (const a of s.cells.keys()) {
      const { row, col } = parseA1(a)!;
      bottom = Math.max(bottom, row);
      right = Math.max(right, col);
    }
    const values: CellValue[][] = Array.from({ length: bottom + 1 }, () => Array<CellValue>(right + 1).fill(null));
    const formulas: (string | null)[][] = values.map((r) => r.map(() => null));
    const numberFormats: (string | null)[][] = values.map((r) => r.map(() => 'General'));
    for (const [a, c] of s.cells) {
      const { row, col } = parseA1(a)!;
      if (isFormula(c)) {
        values[row][col] = computed.get(s.name)!.get(a) ?? null;
        formulas[row][col] = `=${c.f.replace(/^=/, '')}`;
        if (c.fmt) numberFormats[row][col] = c.fmt;
      } else if (isValue(c)) {
        values[row][col] = c.v;
        if (c.fmt) numberFormats[row][col] = c.fmt;
      } else values[row][col] = c;
    }
    const snap: SheetSnapshot = { name: s.name, origin: { row: 0, col: 0 }, values, formulas, numberFormats };
    if (s.hiddenRows.length > 0) snap.hiddenRows = [...s.hiddenRows];
    if (s.merges.length > 0) snap.merges = [...s.merges];
    if (s.listObjects.length > 0)
      snap.tables = s.listObjects.map((t) => ({ name: t.name, range: t.range, totalsRow: t.totalsRow }));
    return snap;
  });
  return { name: `${wb.name}.xlsx`, sheets, names: [] };
}

/** The workbook as an .xlsx file, with its formulas' results stored and its Excel tables defined. */
export async function toXlsx(wb: ZooWorkbook): Promise<Buffer> {
  const computed = evaluate(wb);
  const book = new ExcelJS.Workbook();
  for (const s of wb.sheets) {
    const ws = book.addWorksheet(s.name);
    writeCells(ws, s, computed.get(s.name)!);
    for (const r of s.hiddenRows) ws.getRow(r + 1).hidden = true;
    for (const m of s.merges) ws.mergeCells(m);
    for (const t of s.listObjects) addListObject(ws, t);
    // exceljs's addTable rewrites the table's cells: lay the sheet's own cells over them again.
    if (s.listObjects.length > 0) writeCells(ws, s, computed.get(s.name)!);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

function writeCells(ws: ExcelJS.Worksheet, s: ZooSheet, computed: Map<string, CellValue>): void {
  for (const [a, c] of s.cells) {
    const cell = ws.getCell(a);
    if (isFormula(c)) {
      const result = computed.get(a);
      cell.value = {
        formula: c.f.replace(/^=/, ''),
        result: result === null || result === undefined ? undefined : (result as number | string),
      } as ExcelJS.CellFormulaValue;
      if (c.fmt) cell.numFmt = c.fmt;
    } else if (isValue(c)) {
      cell.value = c.v as ExcelJS.CellValue;
      if (c.fmt) cell.numFmt = c.fmt;
    } else cell.value = c as ExcelJS.CellValue;
  }
}

/**
 * An Excel table over cells already written: exceljs's addTable writes the cells itself, so the
 * table's model is laid over the existing values (header names from the header row).
 */
function addListObject(ws: ExcelJS.Worksheet, t: ZooListObject): void {
  const r = parseRange(t.range)!;
  const columns: ExcelJS.TableColumnProperties[] = [];
  for (let c = r.left; c <= r.right; c++) {
    const name = String(ws.getCell(r.top + 1, c + 1).value ?? `Column${c - r.left + 1}`);
    const col: ExcelJS.TableColumnProperties = { name };
    if (t.totalsRow) {
      const tv = ws.getCell(r.bottom + 1, c + 1).value;
      if (tv && typeof tv === 'object' && 'formula' in tv) {
        col.totalsRowFunction = 'custom';
        col.totalsRowFormula = String(tv.formula);
      } else if (typeof tv === 'string') col.totalsRowLabel = tv;
    }
    columns.push(col);
  }
  const lastData = t.totalsRow ? r.bottom - 1 : r.bottom;
  const rows: ExcelJS.CellValue[][] = [];
  for (let row = r.top + 1; row <= lastData; row++) {
    const line: ExcelJS.CellValue[] = [];
    for (let c = r.left; c <= r.right; c++) line.push(ws.getCell(row + 1, c + 1).value);
    rows.push(line);
  }
  ws.addTable({
    name: t.name,
    ref: addr(r.top, r.left),
    headerRow: true,
    totalsRow: t.totalsRow,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns,
    rows,
  });
}
