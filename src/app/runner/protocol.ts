/**
 * What the page and the engine's worker say to each other (src/app/runner/engine.worker.ts). A
 * snapshot goes over in pieces of ROWS_PER_MESSAGE rows, with a turn of the page's event loop
 * between them, so handing a 100,000-row workbook over never holds the page for long; results come
 * back whole (they are small beside the workbook).
 */
import type { NamedRange, SheetSnapshot, WorkbookSnapshot } from '../../engine/grid';
import type { Settings } from '../../engine/settings';
import type { CheckedWorkbook } from './runner';
import type { EngineProgress } from './work';

/** Rows per message: a few milliseconds of copying each way. */
export const ROWS_PER_MESSAGE = 4000;

/** A sheet without its cells: what comes before its rows. */
export type SheetHead = Omit<SheetSnapshot, 'values' | 'formulas' | 'numberFormats'>;

export type ToWorker =
  | { type: 'check'; id: number; name: string; names: NamedRange[]; settings: Settings }
  | { type: 'sheet'; id: number; head: SheetHead }
  | {
      type: 'rows';
      id: number;
      values: SheetSnapshot['values'];
      formulas: SheetSnapshot['formulas'];
      numberFormats: SheetSnapshot['numberFormats'];
    }
  | { type: 'run'; id: number }
  | { type: 'open'; id: number; bytes: Uint8Array; rowsPerMessage: number };

export type FromWorker =
  | { type: 'progress'; id: number; progress: EngineProgress }
  | { type: 'checked'; id: number; run: CheckedWorkbook }
  | { type: 'failed'; id: number; message: string; name: string }
  /** The opened workbook's exceljs model without its rows (src/xlsx/rebuild.ts). */
  | { type: 'book'; id: number; shell: unknown; sheets: { name: string; rows: number }[] }
  | { type: 'book-rows'; id: number; sheet: number; rows: unknown[] }
  | { type: 'opened'; id: number; merges: string[][] };

/** The messages that carry a snapshot, sheet by sheet and ROWS_PER_MESSAGE rows at a time. */
export function* snapshotMessages(
  id: number,
  wb: WorkbookSnapshot,
  settings: Settings,
  rowsPerMessage = ROWS_PER_MESSAGE,
): Generator<{ message: ToWorker; sheet: string; done: number; total: number }> {
  yield { message: { type: 'check', id, name: wb.name, names: wb.names, settings }, sheet: '', done: 0, total: 0 };
  for (const s of wb.sheets) {
    const { values, formulas, numberFormats, ...head } = s;
    yield { message: { type: 'sheet', id, head }, sheet: s.name, done: 0, total: values.length };
    for (let r = 0; r < values.length; r += rowsPerMessage) {
      const end = Math.min(values.length, r + rowsPerMessage);
      yield {
        message: {
          type: 'rows',
          id,
          values: values.slice(r, end),
          formulas: formulas.slice(r, end),
          numberFormats: numberFormats.slice(r, end),
        },
        sheet: s.name,
        done: end,
        total: values.length,
      };
    }
  }
}

/** The worker's side: a snapshot put together again from its messages. */
export class SnapshotAssembly {
  readonly wb: WorkbookSnapshot;
  readonly settings: Settings;

  constructor(start: Extract<ToWorker, { type: 'check' }>) {
    this.wb = { name: start.name, names: start.names, sheets: [] };
    this.settings = start.settings;
  }

  add(message: ToWorker): void {
    if (message.type === 'sheet') {
      this.wb.sheets.push({ ...message.head, values: [], formulas: [], numberFormats: [] });
    } else if (message.type === 'rows') {
      const sheet = this.wb.sheets[this.wb.sheets.length - 1];
      for (let i = 0; i < message.values.length; i++) {
        sheet.values.push(message.values[i]);
        sheet.formulas.push(message.formulas[i]);
        sheet.numberFormats.push(message.numberFormats[i]);
      }
    }
  }
}
