/**
 * The exceljs port: the WorkbookPort over an in-memory ExcelJS workbook, for the browser page and
 * the CLI. No file system here (src/xlsx/files.ts opens and saves files in Node); the browser page
 * builds a port with XlsxPort.fromBuffer and downloads toBuffer().
 *
 * The class only hands each call to the file for its capability, over one shared state
 * (src/xlsx/state.ts): reading (read.ts), writing (write.ts), undo (undo.ts), marks (marking.ts),
 * the settings sheet (settings.ts), styles (style.ts) and the file's bytes (file.ts). The browser
 * page's sheet view is not the port's: it is src/xlsx/view.ts, over the same state, and hears of
 * every write, undo, mark and selection through the state's listeners.
 */
import type ExcelJS from 'exceljs';

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
import { fileBytes, loadBytes, toBuffer } from './file';
import { clearMarks, mark } from './marking';
import { read } from './read';
import { loadSettings, saveSettings } from './settings';
import { XlsxState } from './state';
import { styleOf } from './style';
import { canUndo, undo } from './undo';
import { write } from './write';

export type { ChangeListener } from './state';
export { argb, solidFill } from './style';
export { INPUT_FILL, TABLE_STYLE } from './write';

export class XlsxPort implements WorkbookPort {
  /** The file this workbook was opened from, when it came from a file (set by openFile). */
  source?: string;
  /** What the port's capabilities share, and what the browser page's sheet view (src/xlsx/view.ts) reads. */
  readonly state: XlsxState;

  constructor(
    readonly workbook: ExcelJS.Workbook,
    readonly name = 'Workbook',
  ) {
    this.state = new XlsxState(workbook, name);
  }

  /** Loads .xlsx bytes (a File's ArrayBuffer in the browser, a Buffer in Node). Throws what exceljs throws. */
  static async fromBuffer(buf: ArrayBuffer | Uint8Array, name: string): Promise<XlsxPort> {
    const { workbook, original } = await loadBytes(buf);
    const port = new XlsxPort(workbook, name);
    port.state.original = original;
    return port;
  }

  /** The file as it was opened: what the evidence report names and hashes. */
  async fileBytes(): Promise<WorkbookFile | null> {
    return fileBytes(this.state);
  }

  /** The workbook written as bytes, keeping all the file it was opened from held (file.ts). */
  toBuffer(): Promise<Uint8Array> {
    return toBuffer(this.state);
  }

  async read(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    return read(this.state, options);
  }

  /** How some cells look and some columns' widths (characters), for new tables in the house style. */
  async styleOf(sheet: string, cells: string[], columns: number[] = []): Promise<StyleAnswer> {
    return styleOf(this.state, sheet, cells, columns);
  }

  write(spec: TableSpec, options: { overwrite?: boolean } = {}): Promise<WriteResult> {
    return write(this.state, spec, options);
  }

  undo(options?: UndoOptions): Promise<boolean> {
    return undo(this.state, options);
  }

  canUndo(): boolean {
    return canUndo(this.state);
  }

  /** A file has no user looking at it: the selection is remembered, for the browser page to show. */
  async select(sheet: string, cell: string): Promise<void> {
    this.state.select(sheet, cell);
  }

  async selection(): Promise<{ sheet: string; cell: string } | null> {
    return this.state.selected;
  }

  mark(marks: Mark[]): Promise<void> {
    return mark(this.state, marks);
  }

  clearMarks(): Promise<void> {
    return clearMarks(this.state);
  }

  /**
   * Settings kept in the very hidden settings sheet; {} when there are none. A record that cannot be
   * read gives the defaults and a note, never a refused workbook.
   */
  async loadSettings(): Promise<Settings> {
    return loadSettings(this.state);
  }

  async saveSettings(settings: Settings): Promise<void> {
    saveSettings(this.state, settings);
  }

  /** Notes gathered since the last call (damaged settings). */
  takeNotes(): string[] {
    return this.state.notes.take();
  }
}
