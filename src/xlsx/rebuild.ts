/**
 * A workbook opened in one thread and rebuilt in another: the browser page's worker loads the
 * .xlsx with exceljs (the slow part: unzipping and parsing the XML) and sends the page its model,
 * first the workbook without its rows, then the rows in pieces; the page builds its own exceljs
 * workbook from them a piece at a time, free to paint and answer clicks in between.
 *
 * exceljs builds a loaded workbook from such a model itself (workbook.model = ...); the rows are
 * added here the way its Worksheet does it, a piece at a time, and the merged cells after them
 * (exceljs's model gives them as `merges` but takes them as `mergeCells`).
 */
import ExcelJS from 'exceljs';

import type { EngineProgress } from '../app/runner/work';

/** What the worker sends (without the message id), in order: the book, its rows in pieces, the end. */
export type BookMessage =
  | { type: 'book'; shell: unknown; sheets: { name: string; rows: number }[] }
  | { type: 'book-rows'; sheet: number; rows: unknown[] }
  | { type: 'opened'; merges: string[][] };

interface SheetModel {
  id: number;
  name: string;
  rows: { number: number }[];
  merges?: string[];
  mergeCells?: string[];
}

const count = (n: number) => n.toLocaleString('en-GB');

/** The worker's side: loads the bytes and sends the model, `rowsPerMessage` rows at a time. */
export async function sendBook(
  bytes: Uint8Array,
  rowsPerMessage: number,
  send: (message: BookMessage) => void,
  progress: (p: EngineProgress) => void,
): Promise<void> {
  progress({ stage: 'opening', text: 'Reading the workbook: unpacking the file' });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const models = workbook.worksheets.map((ws) => ws.model as unknown as SheetModel);
  const book = bookFields(workbook);
  const shells = models.map((m) => ({ ...m, rows: [], merges: [], mergeCells: [] }));
  const shell = { ...book, worksheets: shells, sheets: shells.map(({ id, name }) => ({ id, name })) };
  // Counted by row number: "row 40,000 of 100,000" whatever blank rows there are between.
  const last = (m: SheetModel) => m.rows[m.rows.length - 1]?.number ?? 0;
  send({ type: 'book', shell, sheets: models.map((m) => ({ name: m.name, rows: last(m) })) });
  models.forEach((m, sheet) => {
    for (let r = 0; r < m.rows.length; r += rowsPerMessage) {
      send({ type: 'book-rows', sheet, rows: m.rows.slice(r, r + rowsPerMessage).map(asRead) });
    }
  });
  send({ type: 'opened', merges: models.map((m) => m.merges ?? []) });
}

const MERGE = 1;
const NULL = 0;

/**
 * A row's model as exceljs's reader gives it: a merged range's other cells as empty cells with their
 * own look (the model exceljs gives back calls them merge cells, which a row built from it leaves
 * out; the merges, made last, turn them back into merge cells and keep that look).
 */
function asRead(row: { number: number; cells?: { type: number; address: string; style?: unknown }[] }) {
  if (!row.cells?.some((c) => c.type === MERGE)) return row;
  const cells = row.cells.map((c) => (c.type === MERGE ? { address: c.address, type: NULL, style: c.style } : c));
  return { ...row, cells };
}

/** What workbook.model gives but its sheets (whose rows exceljs would build twice more for it). */
function bookFields(workbook: ExcelJS.Workbook): Record<string, unknown> {
  const wb = workbook as unknown as Record<string, unknown> & { _definedNames: { model: unknown } };
  const fields = ['creator', 'lastModifiedBy', 'lastPrinted', 'created', 'modified', 'properties', 'views'];
  fields.push('company', 'manager', 'title', 'subject', 'keywords', 'category', 'description', 'language');
  fields.push('revision', 'contentStatus', 'media', 'calcProperties');
  const book: Record<string, unknown> = Object.fromEntries(fields.map((f) => [f, wb[f]]));
  return { ...book, definedNames: wb._definedNames.model, themes: wb._themes };
}

/** The page's side: an exceljs workbook built from the worker's messages as they come. */
export class BookRebuild {
  readonly workbook = new ExcelJS.Workbook();
  /** Each sheet's name and last row number, and the row number reached. */
  private sheets: { name: string; rows: number; done: number }[] = [];

  /** Takes one message; says how far the rows have got. */
  take(message: BookMessage): EngineProgress | null {
    const wb = this.workbook as unknown as { model: unknown };
    if (message.type === 'book') {
      wb.model = message.shell;
      this.sheets = message.sheets.map((s) => ({ ...s, done: 0 }));
      return null;
    }
    const worksheets = this.workbook.worksheets;
    if (message.type === 'book-rows') {
      const ws = worksheets[message.sheet];
      for (const rowModel of message.rows as { number: number }[]) {
        (ws.getRow(rowModel.number) as unknown as { model: unknown }).model = rowModel;
      }
      const s = this.sheets[message.sheet];
      const rows = message.rows as { number: number }[];
      s.done = rows[rows.length - 1]?.number ?? s.done;
      return {
        stage: 'rows',
        text: `Reading the workbook: ${s.name}, ${count(s.done)} of ${count(s.rows)} rows`,
        done: s.done,
        total: s.rows,
      };
    }
    message.merges.forEach((merges, i) => {
      const ws = worksheets[i] as unknown as { _parseMergeCells(model: { mergeCells: string[] }): void };
      ws._parseMergeCells({ mergeCells: merges });
    });
    return null;
  }
}
