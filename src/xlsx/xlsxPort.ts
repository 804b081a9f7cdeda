/**
 * The exceljs port: the WorkbookPort over an in-memory ExcelJS workbook, for the browser page and
 * the CLI. No file system here (src/xlsx/files.ts opens and saves files in Node); the browser page
 * builds a port with XlsxPort.fromBuffer and downloads toBuffer().
 *
 * Reading:
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
 *
 * Writing: into the exceljs model, values and formulas with their cached results (so a copy opens
 * with its figures even before Excel recalculates); a spec's text is always written as text, never
 * as a formula. Every cell and column the port changes is noted as it was first, and toBuffer
 * patches those changes into the original package (src/xlsx/patch), so a copy keeps all the file
 * held. Charts are not written, so `spec.charts` is ignored here (the Office.js port draws them;
 * the README says so).
 */
import ExcelJS from 'exceljs';

import { a1, parseRange, quoteSheet, rangeA1 } from '../engine/grid';
import type { CellValue, ListObjectRef, NamedRange, SheetSnapshot, WorkbookSnapshot } from '../engine/grid';
import {
  OverwriteRefusedError,
  PortError,
  PortNotes,
  SETTINGS_SHEET,
  type Mark,
  type ReadOptions,
  type StyleAnswer,
  type WorkbookPort,
  type WriteResult,
} from '../engine/port';
import {
  chunkText,
  DAMAGED_SETTINGS_NOTE,
  decodeMarks,
  decodeSettings,
  encodeMarks,
  encodeSettings,
  fillFromFile,
  fillToFile,
  joinChunks,
  type FileFill,
  type StoredMark,
} from '../engine/records';
import type { Settings } from '../engine/settings';
import type { BorderLine, Borders, CellLook, CellSpec, TableSpec } from '../engine/spec';
import { conditionalFormatsOf, patchPackage, type Baseline, type Touches } from './patch/package';
import { colourOf, conditionalFills, NO_FILLS, solidFillOf, themePalette, type ConditionalFills } from './viewStyle';

/** Fill of an input cell (a cell the user is meant to change): Excel's pale "input" yellow. */
export const INPUT_FILL = '#FFF2CC';
/** The Excel table style for generated tables: a light one, so cell fills stay readable. */
export const TABLE_STYLE = 'TableStyleLight9';
/** Column of the settings sheet holding the settings JSON (1-based: A). */
const SETTINGS_COL = 1;
/** Column of the settings sheet holding the record of marked cells' own fills (B). */
const MARKS_COL = 2;

/** exceljs value types (ExcelJS.ValueType), spelt out so the reader's switch stays readable. */
const T = {
  Null: 0,
  Merge: 1,
  Number: 2,
  String: 3,
  Date: 4,
  Hyperlink: 5,
  Formula: 6,
  SharedString: 7,
  RichText: 8,
  Boolean: 9,
  Error: 10,
} as const;

/** One marked cell and the fill it had before PlanCheck marked it (null: no fill of its own). */
/** What one write changed, so undo can put it back. */
interface UndoRecord {
  sheet: string;
  /** The sheet was created by the write: undo removes it (nothing else to restore). */
  addedSheet: boolean;
  cells: { row: number; col: number; value: ExcelJS.CellValue; style: Partial<ExcelJS.Style> }[];
  widths: { col: number; width: number | undefined }[];
  table?: string;
  /** Defined names as they were before the write (only when the write added names). */
  names?: ExcelJS.DefinedNamesModel;
  conditionalFormats: ExcelJS.ConditionalFormattingOptions[];
}

/** Told when the selection or the cells change. */
export type ChangeListener = (what: 'selection' | 'cells') => void;

/** A sheet's layout for the sheet view: its extent, frozen panes, column widths in pixels, merged ranges. */
export interface ViewSheet {
  name: string;
  /** Rows and columns the view shows: the used ones and some empty ones beyond. */
  rowCount: number;
  columnCount: number;
  /** The last used row and column (1-based counts), where Ctrl+End goes. */
  usedRowCount: number;
  usedColumnCount: number;
  frozenRows: number;
  frozenCols: number;
  widths: number[];
  merges: string[];
}

/** One cell as the sheet view draws it. */
export interface ViewCell {
  value: CellValue;
  numFmt: string | null;
  /** "#RRGGBB" of a solid fill. */
  fill: string | null;
  bold: boolean;
  italic: boolean;
  color: string | null;
  align: 'left' | 'center' | 'right' | null;
}

/** A column's width in characters (exceljs) as pixels, as Excel draws it at 100% (8.43 is 64 px). */
export function columnPixels(width: number | undefined): number {
  const chars = width ?? 8.43;
  return Math.min(600, Math.max(16, Math.round(chars * 7 + 5)));
}

function viewCell(cell: ExcelJS.Cell, date1904: boolean, theme: string[], fills: ConditionalFills): ViewCell {
  const style = cell.style ?? {};
  const horizontal = style.alignment?.horizontal;
  const value = cell.type === T.Merge ? null : plainValue(cell.value, date1904);
  const row = Number(cell.row) - 1;
  const col = Number(cell.col) - 1;
  return {
    value,
    numFmt: style.numFmt ?? null,
    // A conditional format's fill shows over the cell's own, as in Excel.
    fill: fills.fillAt(row, col, value) ?? solidFillOf(style, theme),
    bold: style.font?.bold === true,
    italic: style.font?.italic === true,
    color: colourOf(style.font?.color, theme),
    align: horizontal === 'left' || horizontal === 'center' || horizontal === 'right' ? horizontal : null,
  };
}

/** The bits of exceljs's runtime objects its type declarations leave out. */
interface WorksheetInternals {
  _merges?: Record<string, { range: string }>;
}
interface DefinedNamesWithModel {
  model: ExcelJS.DefinedNamesModel;
}

/** A deep copy of plain exceljs values and styles (dates and nested objects included). */
function clone<V>(v: V): V {
  return v === undefined || v === null ? v : structuredClone(v);
}

/** "#RRGGBB" (or "RRGGBB") as exceljs's ARGB "FFRRGGBB". */
export function argb(color: string): string {
  const hex = color.replace(/^#/, '').toUpperCase();
  if (!/^[0-9A-F]{6}$/.test(hex))
    throw new PortError(`"${color}" is not a colour PlanCheck can use (expected #RRGGBB).`);
  return `FF${hex}`;
}

/** A solid fill of one colour. */
export function solidFill(color: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(color) } };
}

function excelSerial(d: Date, date1904: boolean): number {
  return 25569 + d.getTime() / 86400000 - (date1904 ? 1462 : 0);
}

function isEmptyValue(v: ExcelJS.CellValue): boolean {
  return v === null || v === undefined || v === '';
}

export class XlsxPort implements WorkbookPort {
  /** The file this workbook was opened from, when it came from a file (set by openFile). */
  source?: string;
  private readonly undoStack: UndoRecord[] = [];
  private marks: StoredMark[] | null = null;
  private readonly notes = new PortNotes();
  private lastSelection: { sheet: string; cell: string } | null = null;
  /** The bytes the workbook was opened from and what it held then: a copy patches these. */
  private original: { bytes: Uint8Array; baseline: Baseline } | null = null;
  /** Every cell and column width PlanCheck has changed, as it was before the first change. */
  private readonly touches: Touches = { cells: new Map(), widths: new Map() };
  private readonly changeListeners = new Set<ChangeListener>();

  constructor(
    readonly workbook: ExcelJS.Workbook,
    readonly name = 'Workbook',
  ) {}

  /** Loads .xlsx bytes (a File's ArrayBuffer in the browser, a Buffer in Node). Throws what exceljs throws. */
  static async fromBuffer(buf: ArrayBuffer | Uint8Array, name: string): Promise<XlsxPort> {
    const workbook = new ExcelJS.Workbook();
    const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
    // exceljs's declaration asks for a Node Buffer; its zip reader takes any Uint8Array or ArrayBuffer.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const port = new XlsxPort(workbook, name);
    port.original = { bytes, baseline: baselineOf(workbook) };
    return port;
  }

  /** The file as it was opened: what the evidence report names and hashes. */
  async fileBytes(): Promise<Uint8Array | null> {
    return this.original?.bytes ?? null;
  }

  /**
   * The workbook written as bytes. Opened from a file: the original package with PlanCheck's changes
   * patched in (src/xlsx/patch), so all it held is kept and an .xlsm stays an .xlsm. A workbook
   * built in memory has nothing to keep and is written by exceljs.
   */
  async toBuffer(): Promise<Uint8Array> {
    if (this.original) return patchPackage(this.original.bytes, this.workbook, this.original.baseline, this.touches);
    const out = await this.workbook.xlsx.writeBuffer();
    return out instanceof Uint8Array ? out : new Uint8Array(out as ArrayBuffer);
  }

  /** Notes a cell as it is before PlanCheck first changes it (0-based row and column). */
  private touch(ws: ExcelJS.Worksheet, row: number, col: number): void {
    let sheet = this.touches.cells.get(ws.name);
    if (!sheet) this.touches.cells.set(ws.name, (sheet = new Map()));
    const key = `${row},${col}`;
    if (sheet.has(key)) return;
    const cell = ws.findCell(row + 1, col + 1);
    sheet.set(key, { row, col, value: clone(cell?.value ?? null), style: clone(cell?.style ?? {}) });
  }

  /** Notes a column's width before PlanCheck first changes it (0-based column). */
  private touchWidth(ws: ExcelJS.Worksheet, col: number): void {
    let sheet = this.touches.widths.get(ws.name);
    if (!sheet) this.touches.widths.set(ws.name, (sheet = new Map()));
    if (!sheet.has(col)) sheet.set(col, ws.getColumn(col + 1).width);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  async read(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    const wanted = options.sheets ? new Set(options.sheets) : null;
    const worksheets = this.workbook.worksheets.filter(
      (ws) => ws.name !== SETTINGS_SHEET && (!wanted || wanted.has(ws.name)),
    );
    const date1904 = Boolean(this.workbook.properties?.date1904);
    const sheets: SheetSnapshot[] = [];
    worksheets.forEach((ws, i) => {
      const sheet = readSheet(ws, date1904);
      if (ws.state === 'hidden' || ws.state === 'veryHidden') sheet.hidden = true;
      sheets.push(sheet);
      options.onProgress?.(i + 1, worksheets.length);
    });
    return { name: this.name, sheets, names: this.readNames() };
  }

  private readNames(): NamedRange[] {
    const names: NamedRange[] = [];
    const model = (this.workbook.definedNames as unknown as DefinedNamesWithModel).model ?? [];
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

  /** How some cells look and some columns' widths (characters), for new tables in the house style. */
  async styleOf(sheet: string, cells: string[], columns: number[] = []): Promise<StyleAnswer> {
    const ws = this.workbook.getWorksheet(sheet);
    if (!ws) return { cells: cells.map(() => null), widths: columns.map(() => null) };
    const theme = themePalette(this.workbook);
    return {
      cells: cells.map((address) => {
        const at = parseRange(address);
        const cell = at ? ws.findCell(at.top + 1, at.left + 1) : undefined;
        return cell ? lookOf(cell, theme) : null;
      }),
      widths: columns.map((c) => ws.getColumn(c + 1).width ?? null),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  async write(spec: TableSpec, options: { overwrite?: boolean } = {}): Promise<WriteResult> {
    try {
      return await this.writeTable(withChartNotes(spec), options);
    } finally {
      this.emit('cells');
    }
  }

  private async writeTable(spec: TableSpec, options: { overwrite?: boolean }): Promise<WriteResult> {
    const { sheet: sheetName, row: top, col: left } = spec.anchor;
    let ws = this.workbook.getWorksheet(sheetName);
    if (spec.newSheet && ws) {
      throw new PortError(`PlanCheck did not write: a sheet called "${sheetName}" already exists.`);
    }
    if (!spec.newSheet && !ws) {
      throw new PortError(`PlanCheck did not write: there is no sheet called "${sheetName}".`);
    }
    if (sheetName === SETTINGS_SHEET) {
      throw new PortError(`PlanCheck did not write: ${SETTINGS_SHEET} is PlanCheck's own settings sheet.`);
    }

    // Refuse before changing anything.
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

    const record: UndoRecord = { sheet: sheetName, addedSheet: !ws, cells: [], widths: [], conditionalFormats: [] };
    if (!ws) ws = this.workbook.addWorksheet(sheetName);
    const sheet = ws;
    const keep = !record.addedSheet;

    let count = 0;
    let bottom = top;
    let right = left;
    spec.cells.forEach((row, r) =>
      row.forEach((c, k) => {
        if (!c) return;
        this.touch(sheet, top + r, left + k);
        const cell = sheet.getCell(top + r + 1, left + k + 1);
        if (keep)
          record.cells.push({ row: top + r, col: left + k, value: clone(cell.value), style: clone(cell.style) });
        cell.value = cellValueOf(c);
        const style = specStyle(c, cell.style);
        if (style) cell.style = style;
        count++;
        bottom = Math.max(bottom, top + r);
        right = Math.max(right, left + k);
      }),
    );

    spec.columnWidths?.forEach((w, i) => {
      this.touchWidth(sheet, left + i);
      const column = sheet.getColumn(left + i + 1);
      if (keep) record.widths.push({ col: left + i, width: column.width });
      column.width = w;
    });

    if (spec.excelTable) {
      // exceljs's addTable writes the table's cells itself.
      const t = spec.excelTable;
      for (let r = t.top; r <= t.bottom; r++)
        for (let c = t.left; c <= t.right; c++) this.touch(sheet, top + r, left + c);
      record.table = this.addTable(sheet, spec);
    }

    if (spec.names && spec.names.length > 0) {
      const definedNames = this.workbook.definedNames as unknown as DefinedNamesWithModel;
      record.names = clone(definedNames.model);
      for (const n of spec.names) {
        const range = rangeA1(top + n.top, left + n.left, top + (n.bottom ?? n.top), left + (n.right ?? n.left));
        const absolute = range
          .split(':')
          .map((p) => p.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'))
          .join(':');
        // A name is one place: a new definition replaces an old one of the same name.
        definedNames.model = definedNames.model.filter((d) => d.name !== n.name);
        this.workbook.definedNames.add(`${quoteSheet(sheetName)}!${absolute}`, n.name);
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
    // spec.charts: not drawn in a file (withChartNotes left a note where each would go); the Office.js port draws them.

    this.undoStack.push(record);
    return { sheet: sheetName, range: rangeA1(top, left, bottom, right), cells: count };
  }

  /**
   * Adds the spec's Excel table. exceljs's addTable writes the header and rows into the cells
   * itself, so it is given exactly what was just written (formulas with their cached results),
   * and a header of unique text names, as Excel requires. Returns the table's name.
   */
  private addTable(ws: ExcelJS.Worksheet, spec: TableSpec): string {
    const t = spec.excelTable!;
    const { row: top, col: left } = spec.anchor;
    const taken = new Set<string>();
    for (const sheet of this.workbook.worksheets) {
      // getTables() returns Table objects (its declaration says tuples).
      for (const tb of sheet.getTables() as unknown as ExcelJS.Table[]) taken.add(tableName(tb).toLowerCase());
    }
    let name = t.name.replace(/[^A-Za-z0-9_.]/g, '_');
    if (!/^[A-Za-z_]/.test(name)) name = `_${name}`;
    const base = name;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
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
      for (let c = t.left; c <= t.right; c++) row.push(clone(ws.getCell(top + r + 1, left + c + 1).value));
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

  async undo(): Promise<boolean> {
    try {
      return this.undoLast();
    } finally {
      this.emit('cells');
    }
  }

  private undoLast(): boolean {
    const record = this.undoStack.pop();
    if (!record) return false;
    const ws = this.workbook.getWorksheet(record.sheet);
    if (record.names) (this.workbook.definedNames as unknown as DefinedNamesWithModel).model = record.names;
    if (!ws) return true;
    if (record.addedSheet) {
      this.workbook.removeWorksheet(ws.id);
      return true;
    }
    if (record.table) ws.removeTable(record.table);
    if (record.conditionalFormats.length > 0) {
      const added = new Set(record.conditionalFormats);
      ws.removeConditionalFormatting((cf: ExcelJS.ConditionalFormattingOptions) => !added.has(cf));
    }
    for (const w of record.widths) ws.getColumn(w.col + 1).width = w.width as number;
    for (const c of record.cells) {
      const cell = ws.getCell(c.row + 1, c.col + 1);
      cell.value = c.value;
      cell.style = clone(c.style);
    }
    return true;
  }

  canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Selection (a file has no user looking at it: remember it, for the browser page to show)

  async select(sheet: string, cell: string): Promise<void> {
    this.lastSelection = { sheet, cell };
    this.emit('selection');
  }

  async selection(): Promise<{ sheet: string; cell: string } | null> {
    return this.lastSelection;
  }

  // ---------------------------------------------------------------------------------------------
  // Changes, and the read-only view of the cells (the browser page's sheet view)

  /** Tells the listener when the selection or the cells change (a write, undo, marks); returns the unsubscribe. */
  onChange(listener: ChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private emit(what: 'selection' | 'cells'): void {
    for (const l of this.changeListeners) l(what);
  }

  /** The sheets a user sees (not hidden ones, not PlanCheck's settings sheet), in tab order, with their layout. */
  viewSheets(): ViewSheet[] {
    return this.workbook.worksheets
      .filter((ws) => ws.name !== SETTINGS_SHEET && ws.state !== 'hidden' && ws.state !== 'veryHidden')
      .map((ws) => {
        const view = (ws.views ?? [])[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
        const frozen = view?.state === 'frozen';
        const columnCount = Math.max(ws.columnCount, 1);
        const widths: number[] = [];
        for (let c = 1; c <= Math.max(columnCount + 5, 26); c++) {
          const col = ws.getColumn(c);
          widths.push(col.hidden ? 0 : columnPixels(col.width));
        }
        const merges = Object.values((ws as unknown as WorksheetInternals)._merges ?? {})
          .map((m) => m.range)
          .filter((r): r is string => typeof r === 'string');
        return {
          name: ws.name,
          // Some empty rows and columns beyond the used ones (to column Z at least), as Excel has,
          // so a cell beside or below the data can be selected.
          rowCount: Math.max(ws.rowCount + 20, 100),
          columnCount: Math.max(columnCount + 5, 26),
          usedRowCount: ws.rowCount,
          usedColumnCount: ws.columnCount,
          frozenRows: frozen ? Math.max(0, Number(view?.ySplit ?? 0)) : 0,
          frozenCols: frozen ? Math.max(0, Number(view?.xSplit ?? 0)) : 0,
          widths,
          merges,
        };
      });
  }

  /**
   * The cells of rows top..bottom (0-based, inclusive) of a sheet, columns 0..columns-1: value as
   * the engine reads it, number format, fill, bold, italic, font colour and alignment. Rows and
   * cells the file does not have are null; nothing is created in the workbook.
   */
  viewRows(sheet: string, top: number, bottom: number, columns: number): (ViewCell | null)[][] {
    const ws = this.workbook.getWorksheet(sheet);
    const date1904 = Boolean(this.workbook.properties?.date1904);
    const theme = themePalette(this.workbook);
    const fills = ws ? conditionalFills(ws, theme) : NO_FILLS;
    const out: (ViewCell | null)[][] = [];
    for (let r = top; r <= bottom; r++) {
      const row = ws?.findRow(r + 1);
      const cells: (ViewCell | null)[] = new Array<ViewCell | null>(columns).fill(null);
      if (row) {
        // The row's own cells, empty ones with a fill or a conditional format included (a shaded
        // input cell, a mark on an empty cell), read without creating any.
        const own = (row as unknown as { _cells: (ExcelJS.Cell | undefined)[] })._cells;
        for (let c = 0; c < Math.min(columns, own.length); c++) {
          const cell = own[c];
          if (cell) cells[c] = viewCell(cell, date1904, theme, fills);
        }
      }
      out.push(cells);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Marks

  async mark(marks: Mark[]): Promise<void> {
    try {
      this.markCells(marks);
    } finally {
      this.emit('cells');
    }
  }

  private markCells(marks: Mark[]): void {
    const record = this.markRecord();
    // Cells already marked keep the own fill recorded the first time, not the earlier mark's colour.
    const known = new Set<string>();
    for (const m of record) forEachCell(m.cell, (r, c) => known.add(`${m.sheet}!${a1(r, c)}`));
    for (const m of marks) {
      const ws = this.workbook.getWorksheet(m.sheet);
      const range = parseRange(m.cell);
      if (!ws || m.sheet === SETTINGS_SHEET)
        throw new PortError(`PlanCheck cannot mark ${m.sheet}!${m.cell}: there is no such sheet.`);
      if (!range) throw new PortError(`PlanCheck cannot mark ${m.sheet}!${m.cell}: "${m.cell}" is not a cell address.`);
      const fill = solidFill(m.color);
      const own: StoredMark['own'] = [];
      let fresh = 0;
      for (let r = range.top; r <= range.bottom; r++) {
        for (let c = range.left; c <= range.right; c++) {
          this.touch(ws, r, c);
          const cell = ws.getCell(r + 1, c + 1);
          const key = `${m.sheet}!${a1(r, c)}`;
          if (!known.has(key)) {
            known.add(key);
            fresh++;
            const had = fillFromFile(cell.style.fill ? (clone(cell.style.fill) as FileFill) : null);
            if (had) own.push({ address: a1(r, c), fill: had });
          }
          cell.style = { ...clone(cell.style), fill: clone(fill) };
        }
      }
      // A mark over cells all marked before adds nothing to put back: the record does not grow.
      if (fresh > 0) record.push({ sheet: m.sheet, cell: m.cell, own });
    }
    this.saveMarkRecord(record);
  }

  async clearMarks(): Promise<void> {
    try {
      this.clearMarkedCells();
    } finally {
      this.emit('cells');
    }
  }

  private clearMarkedCells(): void {
    const record = this.markRecord();
    // Latest first, so a cell marked twice ends with the fill recorded before the first mark.
    for (const m of [...record].reverse()) {
      const ws = this.workbook.getWorksheet(m.sheet);
      if (!ws) continue;
      const own = new Map<string, FileFill | null>();
      for (const o of m.own) forEachCell(o.address, (r, c) => own.set(a1(r, c), fillToFile(o.fill)));
      forEachCell(m.cell, (r, c) => {
        this.touch(ws, r, c);
        const cell = ws.getCell(r + 1, c + 1);
        const style = clone(cell.style);
        const fill = own.get(a1(r, c));
        if (fill) style.fill = clone(fill) as ExcelJS.Fill;
        else delete style.fill;
        cell.style = style;
      });
    }
    this.marks = [];
    this.saveMarkRecord([]);
  }

  /**
   * The marked cells' own fills: kept in memory, and on the settings sheet for a saved file, in the
   * format both hosts share (src/engine/records), so Clear highlights in Excel takes off marks made
   * here, and the other way round.
   */
  private markRecord(): StoredMark[] {
    if (this.marks) return this.marks;
    const ws = this.workbook.getWorksheet(SETTINGS_SHEET);
    this.marks = ws ? decodeMarks(readChunks(ws, MARKS_COL)) : [];
    return this.marks;
  }

  private saveMarkRecord(record: StoredMark[]): void {
    const ws = this.workbook.getWorksheet(SETTINGS_SHEET);
    if (!ws && record.length === 0) return;
    const sheet = this.settingsSheet();
    writeChunks(sheet, MARKS_COL, encodeMarks(record), (r, c) => this.touch(sheet, r, c));
  }

  // ---------------------------------------------------------------------------------------------
  // Settings

  /**
   * Settings kept in the very hidden settings sheet; {} when there are none. A record that cannot be
   * read gives the defaults and a note (the policy both hosts share), never a refused workbook.
   */
  async loadSettings(): Promise<Settings> {
    const ws = this.workbook.getWorksheet(SETTINGS_SHEET);
    const { settings, damaged } = decodeSettings(ws ? readChunks(ws, SETTINGS_COL) : '');
    if (damaged) this.note(DAMAGED_SETTINGS_NOTE);
    return settings;
  }

  async saveSettings(settings: Settings): Promise<void> {
    const sheet = this.settingsSheet();
    writeChunks(sheet, SETTINGS_COL, encodeSettings(settings), (r, c) => this.touch(sheet, r, c));
  }

  /** Notes gathered since the last call (damaged settings). */
  takeNotes(): string[] {
    return this.notes.take();
  }

  private note(sentence: string): void {
    this.notes.add(sentence);
  }

  private settingsSheet(): ExcelJS.Worksheet {
    const existing = this.workbook.getWorksheet(SETTINGS_SHEET);
    if (existing) {
      existing.state = 'veryHidden';
      return existing;
    }
    return this.workbook.addWorksheet(SETTINGS_SHEET, { state: 'veryHidden' });
  }
}

// -----------------------------------------------------------------------------------------------
// Helpers

function tableName(t: ExcelJS.Table): string {
  const model = (t as unknown as { table?: { name?: string }; name?: string }).table;
  return model?.name ?? (t as unknown as { name?: string }).name ?? '';
}

/**
 * The spec with, where each of its charts would go, a note saying the chart is drawn in Excel and not
 * in this file (its data is in the table): a copy written here says what it lacks rather than
 * leaving a gap. A place the spec already fills is left as it is.
 */
function withChartNotes(spec: TableSpec): TableSpec {
  if (!spec.charts || spec.charts.length === 0) return spec;
  const cells = spec.cells.map((row) => [...row]);
  for (const chart of spec.charts) {
    const { row, col } = chart.at;
    while (cells.length <= row) cells.push([]);
    const line = cells[row];
    while (line.length <= col) line.push(null);
    line[col] ??= {
      value: `Chart "${chart.title}" is drawn when PlanCheck inserts this table in Excel; a copy written outside Excel holds its data only.`,
    };
  }
  return { ...spec, cells };
}

/** The plain text of a cell value (rich text joined, hyperlink text, a formula's result). */
function plainText(v: ExcelJS.CellValue): string {
  const c = plainValue(v, false);
  return c === null ? '' : String(c);
}

/** A cell value as the engine sees it. */
function plainValue(v: ExcelJS.CellValue, date1904: boolean): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return excelSerial(v, date1904);
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

const BORDER_LINES = new Set<string>(['thin', 'medium', 'thick', 'double', 'hair', 'dotted', 'dashed']);

/** How an exceljs cell looks, as the engine's CellLook (theme colours resolved with the workbook's theme and their tint). */
function lookOf(cell: ExcelJS.Cell, theme: string[]): CellLook {
  const style = cell.style ?? {};
  const look: CellLook = {};
  const fill = style.fill;
  if (!fill || (fill.type === 'pattern' && fill.pattern === 'none')) look.fill = null;
  else if (fill.type === 'pattern' && fill.pattern === 'solid') {
    const rgb = colourOf(fill.fgColor, theme);
    if (rgb) look.fill = rgb;
  }
  const font = style.font;
  if (font?.name) look.fontName = font.name;
  if (typeof font?.size === 'number') look.fontSize = font.size;
  look.bold = font?.bold === true;
  const colour = colourOf(font?.color, theme);
  if (colour) look.fontColor = colour;
  look.numberFormat = style.numFmt ?? 'General';
  const border: Borders = {};
  for (const side of ['top', 'bottom', 'left', 'right'] as const) {
    const e = style.border?.[side];
    if (!e?.style || !BORDER_LINES.has(e.style)) continue;
    const c = colourOf(e.color, theme);
    border[side] = { style: e.style as BorderLine, ...(c ? { color: c } : {}) };
  }
  if (Object.keys(border).length > 0) look.border = border;
  return look;
}

/**
 * The sheet's Excel tables (ListObjects) as the file defines them. exceljs reads a missing
 * headerRowCount as "no header row", but Excel leaves it out precisely when there is one, so every
 * table is taken to have its header row.
 */
function listObjects(ws: ExcelJS.Worksheet): ListObjectRef[] {
  const out: ListObjectRef[] = [];
  for (const t of ws.getTables() as unknown as {
    table?: { name?: string; tableRef?: string; totalsRow?: boolean };
  }[]) {
    const model = t.table;
    if (!model?.name || !model.tableRef || !parseRange(model.tableRef)) continue;
    out.push({ name: model.name, range: model.tableRef, totalsRow: model.totalsRow === true });
  }
  return out;
}

/** One worksheet's used extent as a snapshot, in one pass over its rows. */
function readSheet(ws: ExcelJS.Worksheet, date1904: boolean): SheetSnapshot {
  const tables = listObjects(ws);
  let minRow = Infinity;
  let maxRow = -1;
  let minCol = Infinity;
  let maxCol = -1;
  const hiddenRows: number[] = [];
  // First pass: the extent (rows with values only; their cells' column range).
  ws.eachRow((row, rowNumber) => {
    let any = false;
    row.eachCell((cell, colNumber) => {
      if (cell.type === T.Merge || isEmptyValue(cell.value)) return;
      any = true;
      if (colNumber < minCol) minCol = colNumber;
      if (colNumber > maxCol) maxCol = colNumber;
    });
    if (any) {
      if (rowNumber < minRow) minRow = rowNumber;
      if (rowNumber > maxRow) maxRow = rowNumber;
    }
    if (row.hidden) hiddenRows.push(rowNumber - 1);
  });
  const merges = Object.values((ws as unknown as WorksheetInternals)._merges ?? {})
    .map((m) => m.range)
    .filter((r): r is string => typeof r === 'string');
  if (maxRow < 0) {
    return {
      name: ws.name,
      origin: { row: 0, col: 0 },
      values: [],
      formulas: [],
      numberFormats: [],
      hiddenRows,
      merges,
    };
  }
  const height = maxRow - minRow + 1;
  const width = maxCol - minCol + 1;
  const values: CellValue[][] = new Array(height);
  const formulas: (string | null)[][] = new Array(height);
  const numberFormats: (string | null)[][] = new Array(height);
  for (let r = 0; r < height; r++) {
    values[r] = new Array<CellValue>(width).fill(null);
    formulas[r] = new Array<string | null>(width).fill(null);
    numberFormats[r] = new Array<string | null>(width).fill(null);
  }
  ws.eachRow((row, rowNumber) => {
    if (rowNumber < minRow || rowNumber > maxRow) return;
    const r = rowNumber - minRow;
    const vRow = values[r];
    const fRow = formulas[r];
    const nRow = numberFormats[r];
    row.eachCell((cell, colNumber) => {
      const k = colNumber - minCol;
      if (k < 0 || k >= width) return;
      nRow[k] = cell.numFmt ?? 'General';
      const type = cell.type;
      if (type === T.Merge) return;
      const v = cell.value;
      if (type === T.Formula) {
        const formula = cell.formula;
        if (formula) fRow[k] = `=${formula}`;
      }
      vRow[k] = plainValue(v, date1904);
      if (vRow[k] === null && type === T.Formula) {
        // exceljs's value getter drops a stored result of 0, "" or false; the cell's model keeps it.
        const stored = (cell as unknown as { model?: { result?: unknown } }).model?.result;
        if (stored !== undefined && stored !== null) vRow[k] = plainValue(stored as ExcelJS.CellValue, date1904);
      }
      if (vRow[k] === '') vRow[k] = null;
    });
  });
  return {
    name: ws.name,
    origin: { row: minRow - 1, col: minCol - 1 },
    values,
    formulas,
    numberFormats,
    hiddenRows: hiddenRows.filter((h) => h >= minRow - 1 && h <= maxRow - 1),
    merges,
    ...(tables.length > 0 ? { tables } : {}),
  };
}

/** The text kept in one column of the settings sheet, its pieces joined in row order. */
function readChunks(ws: ExcelJS.Worksheet, col: number): string {
  const pieces: string[] = [];
  for (let r = 1; ; r++) {
    const v = ws.findCell(r, col)?.value;
    if (typeof v !== 'string' || v === '') break;
    pieces.push(v);
  }
  return joinChunks(pieces);
}

/** Calls back for each cell (0-based) of an A1 cell or range. */
function forEachCell(address: string, each: (row: number, col: number) => void): void {
  const box = parseRange(address);
  if (!box) return;
  for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) each(r, c);
}

/**
 * Writes text into one column of the settings sheet, in pieces under the cell limit, clearing old
 * pieces; `touch` hears of each cell (0-based) before it changes.
 */
function writeChunks(
  ws: ExcelJS.Worksheet,
  col: number,
  text: string,
  touch: (row: number, col: number) => void,
): void {
  for (let r = 1; ws.findCell(r, col) && !isEmptyValue(ws.findCell(r, col)!.value); r++) {
    touch(r - 1, col - 1);
    ws.getCell(r, col).value = null;
  }
  chunkText(text).forEach((piece, i) => {
    touch(i, col - 1);
    // Always a string value: a piece starting with "=" is still text, not a formula.
    ws.getCell(i + 1, col).value = piece;
  });
}

/** What a workbook held when it was opened: its sheets' visibility, tables and conditional formats, and its names. */
function baselineOf(workbook: ExcelJS.Workbook): Baseline {
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
