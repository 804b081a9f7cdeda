/**
 * Reading an .xlsx to check it, at the floor (Node only; the CLI's read-only commands): the file is
 * streamed for just what the engine reads (values, formulas, the number formats that decide units,
 * percentages and dates, merged cells, hidden rows and sheets, Excel tables, defined names, and
 * PlanCheck's own settings), never loaded into exceljs's full model. The snapshot is the one the
 * exceljs port's read() gives (test/xlsx/streamRead.test.ts holds the two side by side).
 *
 * A file this reader does not reproduce exactly, or cannot read at all, is loaded by the exceljs
 * port instead, so a damaged file gets the same sentence as before and an unusual one the same
 * snapshot. Anything that writes (--out) uses the exceljs port and its package patcher.
 */
import * as path from 'path';

import type { WorkbookSnapshot } from '../../engine/grid';
import { PortError, SETTINGS_SHEET, type ReadOptions, type WorkbookFile, type WorkbookPort } from '../../engine/port';
import { decodeSettings, joinChunks } from '../../engine/records';
import type { Settings } from '../../engine/settings';
import { readWorkbookFile } from '../diskBytes';
import { namesOf } from '../read';
import { whyNotAWorkbook } from '../sniff';
import { readBook, type StreamedBook } from './book';
import { DefinedNames } from './exceljsParts';

/** What the read-only commands need of a workbook: the exceljs port gives the same. */
export type WorkbookReader = Pick<WorkbookPort, 'read' | 'loadSettings' | 'fileBytes'>;

export class StreamedWorkbook implements WorkbookReader {
  private constructor(
    private readonly book: StreamedBook,
    private readonly bytes: Uint8Array,
    readonly name: string,
  ) {}

  /** Reads the bytes; throws (anything) when the file is better read by exceljs. */
  static async fromBytes(bytes: Buffer, name: string): Promise<StreamedWorkbook> {
    return new StreamedWorkbook(await readBook(bytes), bytes, name);
  }

  async read(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    const wanted = options.sheets ? new Set(options.sheets) : null;
    const chosen = this.book.sheets.filter((s) => s.name !== SETTINGS_SHEET && (!wanted || wanted.has(s.name)));
    const sheets = chosen.map((s, i) => {
      const sheet = { ...s.snapshot };
      if (s.state === 'hidden' || s.state === 'veryHidden') sheet.hidden = true;
      options.onProgress?.(i + 1, chosen.length);
      return sheet;
    });
    const names = new DefinedNames();
    names.model = this.book.names;
    return { name: this.name, sheets, names: namesOf(names.model) };
  }

  /** The settings kept in PlanCheck's settings sheet, as the exceljs port reads them ({} when none). */
  async loadSettings(): Promise<Settings> {
    const sheet = this.book.sheets.find((s) => s.name === SETTINGS_SHEET);
    const pieces: string[] = [];
    for (let r = 1; sheet?.columnA; r++) {
      const v = sheet.columnA.get(r);
      if (typeof v !== 'string' || v === '') break;
      pieces.push(v);
    }
    return decodeSettings(sheet ? joinChunks(pieces) : '').settings;
  }

  async fileBytes(): Promise<WorkbookFile | null> {
    return { bytes: this.bytes, source: 'saved-file' };
  }
}

/**
 * Opens a workbook file for reading only: streamed where that gives exceljs's snapshot, else the
 * exceljs port. Every bad input becomes a PortError with one sentence naming the file.
 */
export async function openForReading(file: string): Promise<WorkbookReader> {
  const bytes = await readWorkbookFile(file);
  const problem = whyNotAWorkbook(bytes, file);
  if (problem) throw new PortError(problem, 'NotAWorkbook');
  try {
    return await StreamedWorkbook.fromBytes(bytes, path.basename(file));
  } catch (e) {
    if (process.env.PLANCHECK_DEBUG) {
      process.stderr.write(`plancheck: reading ${file} with exceljs (${(e as Error).message})\n`);
    }
  }
  const { openWorkbookBytes } = await import('../open');
  const port = await openWorkbookBytes(bytes, file);
  port.source = path.resolve(file);
  return port;
}
