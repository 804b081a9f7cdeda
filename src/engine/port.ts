/**
 * The port: the one thing that touches a workbook. Two implementations: src/excel (Office.js)
 * and src/xlsx (exceljs). The task pane and the CLI speak only to this interface.
 */
import type { WorkbookSnapshot } from './grid';
import type { Settings } from './settings';
import type { CellLook, TableSpec } from './spec';

export interface Mark {
  sheet: string;
  /** A1 cell or range. */
  cell: string;
  /** "#RRGGBB" */
  color: string;
}

export interface WriteResult {
  sheet: string;
  /** The A1 range written. */
  range: string;
  cells: number;
}

/** Thrown when a write would cover non-empty cells and the caller did not allow it. */
export class OverwriteRefusedError extends Error {
  constructor(
    readonly sheet: string,
    readonly occupied: string[],
  ) {
    super(
      `PlanCheck did not write: ${occupied.length} cell${occupied.length === 1 ? '' : 's'} on ${sheet} already ` +
        `hold something (${occupied.slice(0, 5).join(', ')}${occupied.length > 5 ? ', …' : ''}). ` +
        'Choose an empty place, or allow overwriting.',
    );
    this.name = 'OverwriteRefusedError';
  }
}

/** An error with a sentence a person understands; ports throw these rather than raw errors. */
export class PortError extends Error {
  constructor(
    message: string,
    readonly code: string = 'PortError',
  ) {
    super(message);
    this.name = 'PortError';
  }
}

export interface ReadOptions {
  /** Only these sheets (default: all visible and hidden worksheets, not the settings sheet). */
  sheets?: string[];
  /** Progress, 0..1, for long reads. */
  onProgress?: (done: number, total: number) => void;
}

export interface UndoOptions {
  /**
   * Asked when some cells no longer hold what the write put there (the user typed over them, or
   * Excel's own undo took part of the write back), with those cells (A1): true undoes the rest and
   * leaves them as they are, false undoes nothing (undo then resolves false and can be asked again).
   * Without it, the rest is undone.
   */
  confirmPartial?: (changed: string[]) => Promise<boolean>;
}

/** What WorkbookPort.styleOf answers, in the order asked. */
export interface StyleAnswer {
  cells: (CellLook | null)[];
  widths: (number | null)[];
}

/**
 * Where a port's file bytes come from, so the evidence report can say what its SHA-256 is a hash of:
 *   'saved-file'      the file as saved: the bytes read from disk, or from the file the user opened,
 *                     before any change by PlanCheck (the exceljs port: the CLI and the browser page);
 *   'excel-document'  the document as Excel hands it to add-ins (Office getFileAsync): Excel writes
 *                     it out afresh, with any unsaved changes, so it can differ from the saved file
 *                     byte for byte (the Office.js port).
 */
export type FileSource = 'saved-file' | 'excel-document';

/** A workbook file's bytes, and where they come from. */
export interface WorkbookFile {
  bytes: Uint8Array;
  source: FileSource;
}

export interface WorkbookPort {
  /** Reads every sheet's used range once: values, formulas, number formats. */
  read(options?: ReadOptions): Promise<WorkbookSnapshot>;
  /** Writes a spec: values and formulas in one 2D write, then formats, then an Excel table. */
  write(spec: TableSpec, options?: { overwrite?: boolean }): Promise<WriteResult>;
  /** Undoes this port's last write exactly (values, formulas, formats; removes a sheet it added). False if nothing to undo. */
  undo(options?: UndoOptions): Promise<boolean>;
  /** Whether there is a write to undo. */
  canUndo(): boolean;
  /** Selects (activates) a cell for the user. */
  select(sheet: string, cell: string): Promise<void>;
  /** Fills cells with colours, remembering each cell's own fill. */
  mark(marks: Mark[]): Promise<void>;
  /** Restores every marked cell's own fill. */
  clearMarks(): Promise<void>;
  /** Settings kept with the workbook. */
  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  /** The selected cell, where the host has one. */
  selection?(): Promise<{ sheet: string; cell: string } | null>;
  /**
   * The workbook file's bytes, for the evidence report's size and SHA-256, with where they come
   * from (which the report states); null where the host cannot give them.
   */
  fileBytes?(): Promise<WorkbookFile | null>;
  /**
   * How some cells look (fill, font, number format, borders) and some columns' widths in characters,
   * read in one go: what a new table copies to look like the workbook's own (engine/houseStyle.ts).
   * A cell the port cannot read gives null, a column of the default width gives null.
   */
  styleOf?(sheet: string, cells: string[], columns?: number[]): Promise<StyleAnswer>;
  /**
   * Sentences about what the port could not do as asked, gathered since the last call, and
   * forgotten once taken: marks dropped with a sheet that is gone, protected sheets left unmarked,
   * cells changed since a write that undo left alone. Optional: a port with nothing to say omits it.
   */
  takeNotes?(): string[];
  /**
   * Hears of every change the host reports (the ids of the sheets changed), so findings can follow
   * the user's typing; returns how to stop. Only a host that reports changes has it (Excel).
   */
  onChange?(listener: (sheetIds: string[]) => void): () => void;
  /** Whether the host reports every change to the port now (known after the first read). */
  listens?(): boolean;
}

/** What both ports say when a table cannot be laid where a write asks (another table, a pivot, merged cells). */
export function tableInTheWay(title: string): string {
  return (
    `Excel would not lay the table of ${title} over those cells: another table, a pivot table or merged ` +
    'cells are in the way. Choose an empty place, then try again.'
  );
}

/** What undo says of the cells of a write that someone changed since, and it left as they are now. */
export function leftAsChanged(title: string, changed: string[]): string {
  const n = changed.length;
  return (
    `${n} cell${n === 1 ? '' : 's'} of ${title} changed since PlanCheck wrote ${n === 1 ? 'it' : 'them'} ` +
    `(${changed.slice(0, 5).join(', ')}${n > 5 ? ', …' : ''}) and ${n === 1 ? 'was' : 'were'} left as ${n === 1 ? 'it is' : 'they are'} now; the rest was undone.`
  );
}

/** Name of the very hidden sheet both ports keep settings and mark records in. */
export const SETTINGS_SHEET = 'PlanCheck_Settings';

/** Sentences a port gathers for the pane (a damaged settings record, marks dropped with their sheet), each once. */
export class PortNotes {
  private sentences: string[] = [];

  add(sentence: string): void {
    if (!this.sentences.includes(sentence)) this.sentences.push(sentence);
  }

  /** The sentences since the last call, and a clean slate. */
  take(): string[] {
    const out = this.sentences;
    this.sentences = [];
    return out;
  }
}
