/**
 * The workbook port over Office.js: every direct Excel call of the add-in lives in src/excel/.
 *
 * Requirement set: ExcelApi 1.9 at most (REQUIRED_EXCEL_API, also asked for by manifest.xml).
 *   1.1  ranges, formulas, numberFormat, tables.add, charts.add, Chart.setPosition, activate/select,
 *        Worksheet.id (a sheet's id survives a rename, so marks and undo follow a renamed sheet);
 *        reading Excel tables: Workbook.tables, Table.name, showHeaders, showTotals, getRange
 *   1.2  Range.rowHidden, Range.format.columnWidth, getUsedRange(valuesOnly), Worksheet.protection
 *   1.4  getItemOrNullObject (sheets, tables, names, charts), getUsedRangeOrNullObject, names.add,
 *        NamedItem.delete
 *   1.6  conditionalFormats (cellValue rules), ConditionalFormat.id / getItem(id), and the ids of a
 *        range's conditional formats (ConditionalFormatCollection.getItemOrNullObject is 1.14, not used)
 *   1.3  Workbook.pivotTables, PivotTable.name
 *   1.7  getRangeByIndexes, NamedItem.formula, Workbook.name, getActiveCell, worksheet visibility,
 *        Workbook.protection (a protected structure: no settings sheet can be added)
 *   1.8  PivotTable.layout.getRange (where a pivot table's output is, without its filter area);
 *        asked only where Excel says it has 1.8 (createOfficePort), always true under the manifest's 1.9
 *   1.9  Range.getCellProperties / setCellProperties: each marked cell's own fill, captured and
 *        restored exactly (colour, pattern, pattern colour, tint), and for a write in the house style
 *        the cells' fonts and borders (read by styleOf, put back by undo); RangeFill.pattern, patternColor
 *        and tintAndShade; Range.getRowProperties for hidden rows
 * Newer, checked at run time (see createOfficePort): `Excel.run({ delayForCellEdit: true })` (ExcelApi
 *   1.11); and Range.hasSpill, savedAsArray, getSpillParentOrNullObject and getSpillingToRangeOrNullObject
 *   (ExcelApi 1.12), so a write and its undo never put plain figures where a dynamic array spills, nor
 *   change part of an array formula entered with Ctrl+Shift+Enter (Office.js can enter one only in
 *   desktop Excel, Range.formulaArray in ExcelApiDesktop 1.1, so undo could not put one back: a write
 *   over one is refused).
 * Not used, because they need more than 1.9: merged areas (getMergedAreasOrNullObject, 1.13), so
 * snapshots carry no `merges`; worksheet-scoped names are not read (workbook names only).
 *
 * Syncs (each `context.sync()` is one round trip to Excel):
 *   read     1 to list sheets, names, Excel tables, pivot tables and used ranges (+1 the first time a
 *            port meets a workbook whose sheets it does not know yet), then 1 per batch of row blocks;
 *            the tables' and pivots' ranges ride on the first batch's sync (+1 only if that sync fails
 *            for something other than its size: the batch is sent again without them)
 *   write    2: inspect and capture the target, then write everything (+1 or more where the target
 *            holds spills or array formulas, ExcelApi 1.12: which cells they are)
 *   undo     3 (2 for a sheet it added): find the sheet, table and names; what the cells hold now; put back
 *   select 1;  selection 1;  styleOf 1 (the look of a few cells and the widths of a few columns)
 *   mark     3 (4 the first time, to load marks persisted by an earlier pane): the sheets and their
 *            protection, the cells' own fills (more syncs for very large marks, each under the
 *            payload limit), colour them and keep the record
 *   clearMarks 2-3;  settings load 1-2, save 2
 */
import type { WorkbookSnapshot } from '../engine/grid';
import type {
  Mark,
  ReadOptions,
  StyleAnswer,
  UndoOptions,
  WorkbookFile,
  WorkbookPort,
  WriteResult,
} from '../engine/port';
import type { Settings } from '../engine/settings';
import type { TableSpec } from '../engine/spec';
import { fileBytes } from './file';
import { clearMarks, mark } from './marking';
import { read } from './read';
import { select, selection } from './selection';
import {
  Session,
  type DocumentFileLike,
  type DocumentSettingsLike,
  type ExcelRun,
  type OfficePortOptions,
} from './session';
import { loadSettings, saveSettings } from './settings';
import { styleOf } from './style';
import { canUndo, undo } from './undo';
import { write } from './write';

export { CHUNK_CHARS, chunkText } from '../engine/records';
export { FILL_BYTES_PER_CELL } from './marking';
export { splitReference } from './read';
export {
  FILE_SLICE_BYTES,
  type DocumentFileLike,
  type DocumentSettingsLike,
  type ExcelRun,
  type OfficePortOptions,
} from './session';
export { DOCUMENT_MARKS_KEY, DOCUMENT_SETTINGS_KEY } from './settings';
export { charsToPoints, pointsToChars } from './style';

export const REQUIRED_EXCEL_API = '1.9';

/** The port itself: each capability lives in its own file (read, write, undo, marking...), over one Session. */
export class OfficePort implements WorkbookPort {
  private readonly session: Session;

  constructor(options: OfficePortOptions) {
    this.session = new Session(options);
  }

  /** Notes gathered since the last call (marks dropped with their sheet, protected sheets left unmarked...). */
  takeNotes(): string[] {
    return this.session.takeNotes();
  }

  fileBytes(): Promise<WorkbookFile | null> {
    return fileBytes(this.session);
  }

  read(options?: ReadOptions): Promise<WorkbookSnapshot> {
    return read(this.session, options);
  }

  styleOf(sheet: string, cells: string[], columns?: number[]): Promise<StyleAnswer> {
    return styleOf(this.session, sheet, cells, columns);
  }

  async write(spec: TableSpec, options?: { overwrite?: boolean }): Promise<WriteResult> {
    try {
      return await write(this.session, spec, options);
    } finally {
      // What the port wrote (or took back after a refusal) is read again whole, events or not.
      this.session.cache.invalidate(spec.anchor.sheet);
    }
  }

  canUndo(): boolean {
    return canUndo(this.session);
  }

  async undo(options?: UndoOptions): Promise<boolean> {
    try {
      return await undo(this.session, options);
    } finally {
      this.session.cache.invalidate();
    }
  }

  /**
   * Hears of every change Excel reports (the sheets' ids), where the port listens to Excel's events;
   * returns how to stop. The listener is told after the port has marked what to read again.
   */
  onChange(listener: (sheetIds: string[]) => void): () => void {
    this.session.listeners.add(listener);
    return () => this.session.listeners.delete(listener);
  }

  /**
   * Whether Excel reports changes to this port, so live checking can run: known after the first
   * read, which registers for the events.
   */
  listens(): boolean {
    return this.session.cache.watching;
  }

  select(sheet: string, cell: string): Promise<void> {
    return select(this.session, sheet, cell);
  }

  selection(): Promise<{ sheet: string; cell: string } | null> {
    return selection(this.session);
  }

  mark(marks: Mark[]): Promise<void> {
    return mark(this.session, marks);
  }

  clearMarks(): Promise<void> {
    return clearMarks(this.session);
  }

  loadSettings(): Promise<Settings> {
    return loadSettings(this.session);
  }

  saveSettings(settings: Settings): Promise<void> {
    return saveSettings(this.session, settings);
  }
}

/**
 * Whether this Excel can hold a batch until the user leaves cell editing
 * (`Excel.run({ delayForCellEdit: true })`, ExcelApi 1.11, newer than the manifest's 1.9, so
 * checked at run time).
 */
export function delaysForCellEdit(): boolean {
  return supportsExcelApi('1.11');
}

/** Whether the host says it has an ExcelApi requirement set (false outside Office). */
function supportsExcelApi(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('ExcelApi', version) === true;
  } catch {
    return false;
  }
}

/** The document, for its file, where the host has one. */
function hostDocument(): DocumentFileLike | null {
  try {
    return typeof Office !== 'undefined' ? (Office.context?.document ?? null) : null;
  } catch {
    return null;
  }
}

/** The document's own settings, where the host has them. */
function hostDocumentSettings(): DocumentSettingsLike | null {
  try {
    return typeof Office !== 'undefined' ? (Office.context?.document?.settings ?? null) : null;
  } catch {
    return null;
  }
}

/**
 * The port over the real Excel (the global `Excel.run`). Where Excel supports it, every batch waits
 * for the user to leave cell editing; where not, a batch refused for cell editing is not retried
 * (clicking the pane does not end cell editing, so a retry would fail too): the user is told at once
 * to press Enter or Esc.
 */
export function createOfficePort(options: Omit<OfficePortOptions, 'run'> = {}): OfficePort {
  const run: ExcelRun = delaysForCellEdit()
    ? (batch) => Excel.run({ delayForCellEdit: true }, batch)
    : (batch) => Excel.run(batch);
  return new OfficePort({
    documentSettings: hostDocumentSettings(),
    document: hostDocument(),
    pivotTables: supportsExcelApi('1.8'),
    spills: supportsExcelApi('1.12'),
    events: supportsExcelApi('1.9'),
    retries: 0,
    ...options,
    run,
  });
}
