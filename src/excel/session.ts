/**
 * What the capability files of the Office.js port share: the options, the run / exec / retry
 * machinery, sending commands in syncs under the request limit, and the port's state between
 * calls (known sheets, the last write's undo record, the marks record, notes).
 */
import { PortNotes } from '../engine/port';
import type { StoredMark } from '../engine/records';
import { DEFAULT_BUDGET, type ReadBudget } from './blocks';
import { defaultSleep, isTooLargeFor, withOfficeErrors } from './errors';
import { ReadCache, type ChangeListener } from './readCache';
import type { LearnedRates } from './readPlan';

/** Excel.run, or a test's stand-in for it. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The part of `Office.context.document.settings` the port uses (settings kept in the document itself). */
export interface DocumentSettingsLike {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: Office.AsyncResult<void>) => void): void;
}

/** The part of `Office.context.document` that hands over the document's file (Office's File API). */
export interface DocumentFileLike {
  getFileAsync(
    fileType: Office.FileType,
    options: { sliceSize?: number },
    callback: (result: Office.AsyncResult<Office.File>) => void,
  ): void;
}

/** The largest slice Office hands over at once (4 MB), so a file takes as few calls as can be. */
export const FILE_SLICE_BYTES = 4 * 1024 * 1024;

export interface OfficePortOptions {
  run: ExcelRun;
  /** Read budget (bytes and cells per sync); defaults stay under Excel on the web's limits. */
  budget?: Partial<ReadBudget>;
  /** Request bytes per sync (Excel on the web refuses requests over 5 MB); default 4,000,000. */
  maxRequestBytes?: number;
  /** Cell-edit mode: how often to try again, and how long to wait between (default 3 x 1000 ms). */
  retries?: number;
  retryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Where settings and mark records go when the workbook's structure is protected and the settings
   * sheet cannot be added: `Office.context.document.settings` in Excel. Without it, such a save fails
   * with a sentence.
   */
  documentSettings?: DocumentSettingsLike | null;
  /**
   * Whether to read where pivot tables' output is (PivotTable.layout.getRange, ExcelApi 1.8).
   * Default true (the manifest's ExcelApi 1.9 includes it); createOfficePort asks Excel.
   */
  pivotTables?: boolean;
  /**
   * Whether a write asks which cells under it dynamic arrays spill into and which hold array
   * formulas (Range.hasSpill, savedAsArray, getSpillParentOrNullObject, ExcelApi 1.12). Default
   * false (the manifest asks for 1.9); createOfficePort asks Excel.
   */
  spills?: boolean;
  /**
   * Where the workbook's file comes from for fileBytes (`Office.context.document` in Excel);
   * without it, fileBytes resolves null.
   */
  document?: DocumentFileLike | null;
  /** Bytes per slice of the file (default and most: 4 MB). */
  fileSliceBytes?: number;
  /**
   * Whether the port listens to Excel's change events (worksheets' onChanged, onFormatChanged,
   * onAdded, onDeleted; tables' onAdded, onDeleted: ExcelApi 1.9), so that a read of an unchanged
   * workbook reads no cells and a changed one only what changed. Default false; createOfficePort
   * asks Excel. Without it every read reads every cell.
   */
  events?: boolean;
}

/** Request bytes of one queued command, before the data it carries. */
export const COMMAND_BYTES = 120;

/** A queued command and its estimated request bytes, so commands can be sent in syncs under the request limit. */
export interface Command {
  bytes: number;
  queue: () => void;
}

export interface SheetInfo {
  name: string;
  id: string;
  protected: boolean;
}

/** What undo needs to put back the last write (kept here: write makes it, undo uses it). */
export interface UndoRecord {
  title: string;
  sheet: string;
  /** The sheet's id (ExcelApi 1.1): undo follows the sheet if it was renamed since. */
  sheetId?: string;
  /** A sheet the write added: undo deletes it. */
  addedSheet: boolean;
  address: string;
  top: number;
  left: number;
  formulas: unknown[][];
  values: unknown[][];
  numberFormats: unknown[][];
  cellProps: Excel.CellProperties[][];
  /** Whether cellProps holds font names and sizes and borders too (a write in the house style changes them). */
  styled: boolean;
  /** What Excel reported the cells held right after the write: undo checks they still do. */
  written: unknown[][];
  /**
   * What undo puts in each cell: the old formula or value; null leaves the cell as it is (the write
   * left it alone); '' clears a cell a dynamic array had spilled into, so the array spills there again.
   */
  restore: unknown[][];
  table?: string;
  names: string[];
  conditionalFormats: { address: string; id: string }[];
  charts: string[];
  columnWidths: { col: number; width: number }[];
}

/** One port's options and state, handed to every capability function. */
export class Session {
  private readonly run: ExcelRun;
  readonly budget: ReadBudget;
  private readonly retry: { retries: number; delayMs: number; sleep: (ms: number) => Promise<void> };
  readonly maxRequestBytes: number;
  readonly documentSettings: DocumentSettingsLike | null;
  /** Whether reads ask for pivot tables' ranges (PivotLayout.getRange, ExcelApi 1.8). */
  readonly pivotTables: boolean;
  /** Whether writes ask where dynamic arrays spill and where array formulas are (ExcelApi 1.12). */
  readonly spills: boolean;
  readonly document: DocumentFileLike | null;
  readonly fileSliceBytes: number;
  /** Sheets met at the last read, so the next read learns their used ranges in its first sync. */
  knownSheets: string[] | null = null;
  /** Whether to listen to Excel's change events (see OfficePortOptions.events). */
  readonly events: boolean;
  /** The last read's sheets, kept while Excel reports every change (readCache.ts, watch.ts). */
  readonly cache = new ReadCache();
  /** Who hears of changes Excel reports (the pane's live checking). */
  readonly listeners = new Set<ChangeListener>();
  /** Excel refused the events (it has not ExcelApi 1.9): reads do not ask again. */
  eventsRefused = false;
  /** Response bytes per cell learned for each sheet by reads, so blocks fill a sync (readPlan.ts). */
  readonly learnedRates: LearnedRates = new Map();
  /** What each write changed, the latest last: undo takes them off one by one. */
  writes: UndoRecord[] = [];
  marks: StoredMark[] = [];
  marksLoaded = false;
  chartCount = 0;
  /** Sentences about what was not done as asked (sheets gone, sheets protected), until taken. */
  private readonly notes = new PortNotes();

  constructor(options: OfficePortOptions) {
    this.run = options.run;
    this.budget = { ...DEFAULT_BUDGET, ...options.budget };
    this.maxRequestBytes = options.maxRequestBytes ?? 4_000_000;
    this.documentSettings = options.documentSettings ?? null;
    this.pivotTables = options.pivotTables ?? true;
    this.spills = options.spills ?? false;
    this.document = options.document ?? null;
    this.fileSliceBytes = options.fileSliceBytes ?? FILE_SLICE_BYTES;
    this.events = options.events ?? false;
    this.retry = {
      retries: options.retries ?? 3,
      delayMs: options.retryDelayMs ?? 1000,
      sleep: options.sleep ?? defaultSleep,
    };
  }

  exec<T>(doing: string, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return withOfficeErrors(doing, () => this.run(batch), this.retry);
  }

  /** Notes gathered since the last call (marks dropped with their sheet, protected sheets left unmarked...). */
  takeNotes(): string[] {
    return this.notes.take();
  }

  note(sentence: string): void {
    this.notes.add(sentence);
  }

  /**
   * Sends commands in syncs whose estimated request stays under the limit; a sync Excel finds too
   * large (a payload code, or GeneralException on a large request) is halved and sent again.
   */
  async send(context: Excel.RequestContext, commands: Command[]): Promise<void> {
    const groups: Command[][] = [];
    let current: Command[] = [];
    let bytes = 0;
    for (const c of commands) {
      if (current.length > 0 && bytes + c.bytes > this.maxRequestBytes) {
        groups.push(current);
        current = [];
        bytes = 0;
      }
      current.push(c);
      bytes += c.bytes;
    }
    if (current.length > 0) groups.push(current);
    while (groups.length > 0) {
      const group = groups.shift() as Command[];
      group.forEach((c) => c.queue());
      try {
        await context.sync();
      } catch (error) {
        const size = group.reduce((n, c) => n + c.bytes, 0);
        if (group.length < 2 || !isTooLargeFor(error, size)) throw error;
        const mid = Math.ceil(group.length / 2);
        groups.unshift(group.slice(0, mid), group.slice(mid));
      }
    }
  }

  /** Every sheet's name, id and protection (queued; read after the next sync). */
  loadSheets(context: Excel.RequestContext): () => SheetInfo[] {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/id,items/protection/protected');
    return () => sheets.items.map((s) => ({ name: s.name, id: s.id, protected: s.protection.protected }));
  }
}
