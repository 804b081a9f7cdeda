/**
 * What the page and the engine's worker say to each other (src/app/runner/engine.worker.ts). A
 * snapshot goes over in pieces of ROWS_PER_MESSAGE rows, with a turn of the page's event loop
 * between them, so handing a 100,000-row workbook over never holds the page for long; results come
 * back whole (they are small beside the workbook).
 *
 * After the first check only what changed goes over: the worker keeps the rows of the last snapshot
 * it was asked to work on, and the page sends only the rows that differ from the ones it sent then.
 * The Office.js port's read cache hands out unchanged rows as the same arrays (src/excel/readCache.ts)
 * and copies a row before it patches it, so an edit in Excel sends one row, not the workbook, and the
 * comparison is one test a row; a port that reads afresh each time has its rows compared cell by cell.
 */
import type { NamedRange, SheetSnapshot, WorkbookSnapshot } from '../../engine/grid';
import type { Settings } from '../../engine/settings';
import type { FoundTable } from '../../engine/tables';
import type { Task, TaskArgs } from './runner';
import type { EngineProgress } from './work';

/** A piece of work's answer as it crosses from the worker (see 'answer'). */
export type SentAnswer = { tables?: (FoundTable | number)[] } & Record<string, unknown>;

/** Rows per message: a few milliseconds of copying each way. */
export const ROWS_PER_MESSAGE = 4000;

/** A sheet without its cells: what comes before its rows. */
export type SheetHead = Omit<SheetSnapshot, 'values' | 'formulas' | 'numberFormats'>;

export type ToWorker =
  | { type: 'check'; id: number; name: string; names: NamedRange[]; settings: Settings }
  /**
   * A sheet of `rows` rows. With `keep`, it starts as the worker's kept sheet of that name (cut or
   * lengthened to `rows`) and the rows messages after it replace only the rows that changed.
   */
  | { type: 'sheet'; id: number; head: SheetHead; rows: number; keep: boolean }
  | {
      type: 'rows';
      id: number;
      /** The index of the first of these rows in the sheet. */
      start: number;
      values: SheetSnapshot['values'];
      formulas: SheetSnapshot['formulas'];
      numberFormats: SheetSnapshot['numberFormats'];
    }
  /** The snapshot is all there: do this work on it. */
  | { type: 'run'; id: number; task: Task; args?: TaskArgs[Task] }
  | { type: 'open'; id: number; bytes: Uint8Array; rowsPerMessage: number };

export type FromWorker =
  | { type: 'progress'; id: number; progress: EngineProgress }
  /**
   * The work's answer. Each table is the table, or (a number) the index of the same table in the
   * worker's previous answer: the tables seldom change when a figure does, and on a 100,000-row plan
   * they weigh some megabytes that the page would otherwise copy in on its own thread.
   */
  | { type: 'answer'; id: number; answer: SentAnswer }
  /** The work threw: its sentence, its kind (the error's name) and a PortError's code, for the page to say. */
  | { type: 'failed'; id: number; message: string; name: string; code?: string }
  /** The opened workbook's exceljs model without its rows (src/xlsx/rebuild.ts). */
  | { type: 'book'; id: number; shell: unknown; sheets: { name: string; rows: number }[] }
  | { type: 'book-rows'; id: number; sheet: number; rows: unknown[] }
  | { type: 'opened'; id: number; merges: string[][] };

/** The rows of a sheet as last sent to the worker: the arrays themselves, compared by identity. */
export interface SentSheet {
  values: SheetSnapshot['values'];
  formulas: SheetSnapshot['formulas'];
  numberFormats: SheetSnapshot['numberFormats'];
}

/** What the worker holds of the last snapshot sent in full: each sheet's rows, by sheet name. */
export type SentRows = Map<string, SentSheet>;

/**
 * Whether row r of a sheet holds what was sent before: the very arrays (the Office.js port's cache
 * keeps unchanged rows as they were), or the same cells (a port that reads its rows afresh each time).
 */
function sameRow(s: SheetSnapshot, before: SentSheet, r: number): boolean {
  return (
    sameCells(s.values[r], before.values[r]) &&
    sameCells(s.formulas[r], before.formulas[r]) &&
    sameCells(s.numberFormats[r], before.numberFormats[r])
  );
}

function sameCells<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** The runs of rows [start, end) of a sheet that differ from what was sent before (all of them without it). */
export function changedRuns(s: SheetSnapshot, before: SentSheet | undefined, most: number): [number, number][] {
  const n = s.values.length;
  const runs: [number, number][] = [];
  if (!before) {
    for (let r = 0; r < n; r += most) runs.push([r, Math.min(n, r + most)]);
    return runs;
  }
  let r = 0;
  while (r < n) {
    if (sameRow(s, before, r)) {
      r++;
      continue;
    }
    const start = r;
    while (r < n && r - start < most && !sameRow(s, before, r)) r++;
    runs.push([start, r]);
  }
  return runs;
}

/** The rows a snapshot sends, to be remembered as sent once the worker has been told to run it. */
export function sentRowsOf(wb: WorkbookSnapshot): SentRows {
  const out: SentRows = new Map();
  for (const s of wb.sheets)
    out.set(s.name, { values: s.values.slice(), formulas: s.formulas.slice(), numberFormats: s.numberFormats.slice() });
  return out;
}

/**
 * The messages that carry a snapshot, sheet by sheet and at most ROWS_PER_MESSAGE rows at a time:
 * every row, or with `before` (what the worker holds) only the rows that are not the ones sent then.
 */
export function* snapshotMessages(
  id: number,
  wb: WorkbookSnapshot,
  settings: Settings,
  rowsPerMessage = ROWS_PER_MESSAGE,
  before: SentRows | null = null,
): Generator<{ message: ToWorker; sheet: string; done: number; total: number; rows: number }> {
  yield {
    message: { type: 'check', id, name: wb.name, names: wb.names, settings },
    sheet: '',
    done: 0,
    total: 0,
    rows: 0,
  };
  for (const s of wb.sheets) {
    const { values, formulas, numberFormats, ...head } = s;
    const kept = before?.get(s.name);
    const runs = changedRuns(s, kept, rowsPerMessage);
    const total = runs.reduce((n, [a, b]) => n + b - a, 0);
    yield {
      message: { type: 'sheet', id, head, rows: values.length, keep: kept !== undefined },
      sheet: s.name,
      done: 0,
      total,
      rows: values.length,
    };
    let done = 0;
    for (const [start, end] of runs) {
      done += end - start;
      yield {
        message: {
          type: 'rows',
          id,
          start,
          values: values.slice(start, end),
          formulas: formulas.slice(start, end),
          numberFormats: numberFormats.slice(start, end),
        },
        sheet: s.name,
        done,
        total,
        rows: values.length,
      };
    }
  }
}

/**
 * The worker's side: a snapshot put together again from its messages, on the rows kept from the
 * last one (`kept`, as it was when this check began).
 */
export class SnapshotAssembly {
  readonly wb: WorkbookSnapshot;
  readonly settings: Settings;

  constructor(
    start: Extract<ToWorker, { type: 'check' }>,
    private readonly kept: SentRows = new Map(),
  ) {
    this.wb = { name: start.name, names: start.names, sheets: [] };
    this.settings = start.settings;
  }

  add(message: ToWorker): void {
    if (message.type === 'sheet') {
      const kept = message.keep ? this.kept.get(message.head.name) : undefined;
      if (message.keep && !kept) throw new Error(`The checker no longer holds the sheet ${message.head.name}.`);
      const n = message.rows;
      const cut = <T>(rows: T[] | undefined): T[] => {
        const out = rows ? rows.slice(0, n) : [];
        out.length = n;
        return out;
      };
      this.wb.sheets.push({
        ...message.head,
        values: cut(kept?.values),
        formulas: cut(kept?.formulas),
        numberFormats: cut(kept?.numberFormats),
      });
    } else if (message.type === 'rows') {
      const sheet = this.wb.sheets[this.wb.sheets.length - 1];
      for (let i = 0; i < message.values.length; i++) {
        sheet.values[message.start + i] = message.values[i];
        sheet.formulas[message.start + i] = message.formulas[i];
        sheet.numberFormats[message.start + i] = message.numberFormats[i];
      }
    }
  }

  /** The rows now held, to be kept for the next check's changes. */
  rows(): SentRows {
    return sentRowsOf(this.wb);
  }
}

/**
 * The worker's side of the tables in its answers: each table it sent last time, by its JSON, so an
 * unchanged one goes back as the index it had. The JSON is made in the worker, off the page's thread.
 */
export class TablesSent {
  private last = new Map<string, number>();

  answer(run: object): SentAnswer {
    // Work that gives no tables (Generate's planning) leaves the last answer's tables to refer to.
    if (!('tables' in run) || !Array.isArray(run.tables)) return run as SentAnswer;
    const now = new Map<string, number>();
    const tables = run.tables.map((t, i) => {
      const json = JSON.stringify(t);
      const before = this.last.get(json);
      if (!now.has(json)) now.set(json, i);
      return before ?? t;
    });
    this.last = now;
    return { ...run, tables };
  }
}

/** The page's side: an answer's tables put together from it and the previous answer's tables. */
export function tablesOf(sent: Required<Pick<SentAnswer, 'tables'>>, previous: readonly FoundTable[]): FoundTable[] {
  return sent.tables.map((t) => {
    if (typeof t !== 'number') return t;
    const table = previous[t];
    if (!table) throw new Error('The checker referred to a table it had not sent.');
    return table;
  });
}
