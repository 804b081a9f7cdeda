/**
 * What the exceljs port's capabilities (read, write, undo, marking, settings, file) and the browser
 * page's sheet view share: the one in-memory workbook, what PlanCheck has changed in it, the undo
 * stack, the marks record, notes, the selection and the change listeners. One object, so the port
 * and the sheet view over the same workbook see the same state without holding each other.
 */
import type ExcelJS from 'exceljs';

import { PortNotes } from '../engine/port';
import type { StoredMark } from '../engine/records';
import type { PlacedChart } from './patch/drawings';
import type { Baseline, Touches } from './patch/package';

/** exceljs value types (ExcelJS.ValueType), spelt out so the reader's switch stays readable. */
export const T = {
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

/** What one write changed, so undo can put it back. */
export interface UndoRecord {
  /** What was written ("Budget projection"), for what undo says. */
  title: string;
  sheet: string;
  /** The sheet was created by the write: undo removes it (nothing else to restore). */
  addedSheet: boolean;
  /** Each cell written: what it held before, and what the write left in it (to tell a cell changed since). */
  cells: {
    row: number;
    col: number;
    value: ExcelJS.CellValue;
    style: Partial<ExcelJS.Style>;
    written?: ExcelJS.CellValue;
  }[];
  widths: { col: number; width: number | undefined }[];
  table?: string;
  /** Defined names as they were before the write (only when the write added names). */
  names?: ExcelJS.DefinedNamesModel;
  conditionalFormats: ExcelJS.ConditionalFormattingOptions[];
  /** The charts the write placed (undo takes them away). */
  charts?: PlacedChart[];
}

/** Told when the selection or the cells change. */
export type ChangeListener = (what: 'selection' | 'cells') => void;

/** The bits of exceljs's runtime objects its type declarations leave out. */
export interface WorksheetInternals {
  _merges?: Record<string, { range: string }>;
  _rows?: (ExcelJS.Row | undefined)[];
}
export interface DefinedNamesWithModel {
  model: ExcelJS.DefinedNamesModel;
}

/** A deep copy of plain exceljs values and styles (dates and nested objects included). */
export function clone<V>(v: V): V {
  return v === undefined || v === null ? v : structuredClone(v);
}

export function isEmptyValue(v: ExcelJS.CellValue): boolean {
  return v === null || v === undefined || v === '';
}

export class XlsxState {
  readonly undoStack: UndoRecord[] = [];
  /** The marks record, read from the settings sheet the first time it is needed. */
  marks: StoredMark[] | null = null;
  readonly notes = new PortNotes();
  /** A file has no user looking at it: the selection is remembered, for the browser page to show. */
  selected: { sheet: string; cell: string } | null = null;
  /** The bytes the workbook was opened from and what it held then: a copy patches these. */
  original: { bytes: Uint8Array; baseline: Baseline } | null = null;
  /** Every cell and column width PlanCheck has changed, as it was before the first change. */
  readonly touches: Touches = { cells: new Map(), widths: new Map() };
  /** The charts PlanCheck inserted, drawn in the copy (src/xlsx/patch/drawings.ts). */
  charts: PlacedChart[] = [];
  /**
   * Reads give the page a turn of its event loop every so many rows (the browser page, so a read of
   * 100,000 rows never holds it for long); null reads straight through (the CLI, the tests).
   */
  pauseReads: (() => Promise<void>) | null = null;
  /** Told of every write, undo, mark and selection (the sheet view subscribes). */
  readonly listeners = new Set<ChangeListener>();

  constructor(
    readonly workbook: ExcelJS.Workbook,
    readonly name: string,
  ) {}

  emit(what: 'selection' | 'cells'): void {
    for (const l of this.listeners) l(what);
  }

  select(sheet: string, cell: string): void {
    this.selected = { sheet, cell };
    this.emit('selection');
  }

  /** Notes a cell as it is before PlanCheck first changes it (0-based row and column). */
  touch(ws: ExcelJS.Worksheet, row: number, col: number): void {
    let sheet = this.touches.cells.get(ws.name);
    if (!sheet) this.touches.cells.set(ws.name, (sheet = new Map()));
    const key = `${row},${col}`;
    if (sheet.has(key)) return;
    const cell = ws.findCell(row + 1, col + 1);
    sheet.set(key, { row, col, value: clone(cell?.value ?? null), style: clone(cell?.style ?? {}) });
  }

  /** Notes a column's width before PlanCheck first changes it (0-based column). */
  touchWidth(ws: ExcelJS.Worksheet, col: number): void {
    let sheet = this.touches.widths.get(ws.name);
    if (!sheet) this.touches.widths.set(ws.name, (sheet = new Map()));
    if (!sheet.has(col)) sheet.set(col, ws.getColumn(col + 1).width);
  }
}
