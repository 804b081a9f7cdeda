/**
 * Undoing the port's writes, the latest first, from the records write kept (Session.writes); and
 * what a write learns first so that it and its undo keep dynamic arrays' spills and array formulas.
 */
import { a1, columnLetter, parseA1 } from '../engine/grid';
import { leftAsChanged, PortError, type UndoOptions } from '../engine/port';
import { hasFill } from '../engine/records';
import { isFormula, restoreInput, type CellInput } from './cells';
import { COMMAND_BYTES, type Command, type Session, type UndoRecord } from './session';
import { SIDES, cellPropsLoad, fillProperties, fillRecord } from './style';

/** Whether a cell's `formulas` entry is the same as one read before. */
function sameInput(before: unknown, now: unknown): boolean {
  if (before === now) return true;
  const empty = (v: unknown): boolean => v === '' || v === null || v === undefined;
  return empty(before) && empty(now);
}

export function canUndo(session: Session): boolean {
  return session.writes.length > 0;
}

export async function undo(session: Session, options: UndoOptions = {}): Promise<boolean> {
  const last = session.writes.at(-1);
  if (!last) return false;
  let declined = false;
  await session.exec(`undoing ${last.title}`, async (context) => {
    const wb = context.workbook;
    // Sync 1: the sheet (by its id, so a sheet renamed since is followed), the table and the
    // names, each a null object when it is gone (renamed or deleted by the user).
    const found = wb.worksheets.getItemOrNullObject(last.sheetId ?? last.sheet);
    found.load('name');
    const structure = last.addedSheet ? wb.protection : null;
    structure?.load('protected');
    const table = last.table ? wb.tables.getItemOrNullObject(last.table) : null;
    table?.load('name');
    const names = last.names.map((n) => {
      const item = wb.names.getItemOrNullObject(n);
      item.load('name');
      return item;
    });
    await context.sync();
    if (last.addedSheet) {
      session.knownSheets = null;
      if (found.isNullObject) {
        session.note(`The sheet "${last.sheet}" that PlanCheck added for ${last.title} was already deleted.`);
        return;
      }
      if (structure?.protected) {
        throw new PortError(
          `The workbook's structure is protected, so PlanCheck could not delete the sheet "${found.name}" it added for ${last.title}. ` +
            'Unprotect it (Review > Protect Workbook), then undo again.',
          'AccessDenied',
        );
      }
      found.delete();
      await context.sync();
      return;
    }
    if (found.isNullObject) {
      names.forEach((n) => !n.isNullObject && n.delete());
      await context.sync();
      session.note(`The sheet "${last.sheet}" is gone, so nothing of ${last.title} was left on it to undo.`);
      return;
    }

    // Sync 2: the sheet's protection, its charts and conditional formats still there, and what
    // the cells hold now.
    const ws = wb.worksheets.getItem(found.name);
    ws.load('protection/protected');
    const charts = last.charts.map((name) => {
      const chart = ws.charts.getItemOrNullObject(name);
      chart.load('name');
      return chart;
    });
    const cfs = last.conditionalFormats.map((cf) => {
      const collection = ws.getRange(cf.address).conditionalFormats;
      collection.load('items/id');
      return { id: cf.id, collection };
    });
    const target = ws.getRange(last.address);
    target.load('formulas,numberFormat');
    const nowProps = target.getCellProperties(cellPropsLoad(last.styled));
    await context.sync();
    if (ws.protection.protected) {
      throw new PortError(
        `The sheet "${found.name}" is protected, so PlanCheck could not undo ${last.title}. Unprotect it (Review > Unprotect Sheet), then undo again.`,
        'AccessDenied',
      );
    }
    const nowFormulas = target.formulas as unknown[][];
    const nowFormats = target.numberFormat as unknown[][];
    // A cell that no longer holds what PlanCheck wrote (typed over, or taken back by Excel's own
    // undo) is left as it is now; the rest is put back. A cell the write left alone is not asked about.
    const changed: string[] = [];
    const isChanged = last.formulas.map((row, r) =>
      row.map((_, c) => {
        const differs = last.restore[r]?.[c] !== null && !sameInput(last.written[r]?.[c], nowFormulas[r]?.[c]);
        if (differs) changed.push(a1(last.top + r, last.left + c));
        return differs;
      }),
    );
    if (changed.length > 0 && options.confirmPartial && !(await options.confirmPartial(changed))) {
      declined = true;
      return;
    }

    // Sync 3: put back.
    charts.forEach((chart) => !chart.isNullObject && chart.delete());
    for (const { id, collection } of cfs) {
      if (collection.items.some((cf) => cf.id === id)) collection.getItem(id).delete();
    }
    names.forEach((n) => !n.isNullObject && n.delete());
    // Converting keeps the cells; their contents and formats are then put back below.
    if (table && !table.isNullObject) table.convertToRange();
    putBackCells(ws, target, last, { isChanged, nowFormats, nowProps: nowProps.value });
    await context.sync();
    if (changed.length > 0) session.note(leftAsChanged(last.title, changed));
  });
  if (declined) return false;
  session.writes.pop();
  return true;
}

/** What the cells hold now, where undo leaves a changed cell as it is. */
interface Now {
  isChanged: boolean[][];
  nowFormats: unknown[][];
  nowProps: Excel.CellProperties[][];
}

/**
 * Queues putting the cells of a write back as they were: contents, number formats, fills, fonts
 * (and borders for a write in the house style), and column widths. With `now`, a cell changed
 * since the write keeps what it holds now (null in `formulas` leaves a cell as it is), and so does
 * a cell the write left alone: a dynamic array's spill or an array formula is never written over.
 */
function putBackCells(ws: Excel.Worksheet, target: Excel.Range, last: UndoRecord, now: Now | null): void {
  const changed = (r: number, c: number): boolean => !!now?.isChanged[r]?.[c];
  target.formulas = last.restore.map((row, r) =>
    row.map((input, c) => (changed(r, c) ? null : input)),
  ) as CellInput[][];
  target.numberFormat = last.numberFormats.map((row, r) =>
    row.map((f, c) => (changed(r, c) ? now!.nowFormats[r]?.[c] : f)),
  ) as string[][];
  target.format.fill.clear();
  target.setCellProperties(
    last.cellProps.map((row, r) =>
      row.map((p, c) => {
        const from = changed(r, c) ? (now!.nowProps[r]?.[c] ?? p) : p;
        const fill = fillRecord(from.format?.fill);
        const font = from.format?.font;
        const format: Excel.CellPropertiesFormat = { font: { bold: font?.bold, color: font?.color } };
        if (last.styled) {
          format.font = { ...format.font, name: font?.name, size: font?.size };
          const borders = from.format?.borders;
          if (borders) {
            format.borders = {};
            for (const side of SIDES) if (borders[side]) format.borders[side] = { ...borders[side] };
          }
        }
        if (hasFill(fill)) format.fill = fillProperties(fill);
        return { format };
      }),
    ),
  );
  for (const w of last.columnWidths)
    ws.getRange(`${columnLetter(w.col)}:${columnLetter(w.col)}`).format.columnWidth = w.width;
}

/** What was there before a write began, beside its undo record: what a write Excel refused is taken back to. */
export interface BeforeWrite {
  /** Every Excel table's name. */
  tables: Set<string>;
  /** The conditional formats' ids in each range the write puts bands on. */
  conditionalFormats: Map<string, Set<string>>;
}

/**
 * Takes back at once a write Excel refused part-way (Excel does not roll a failed batch back):
 * a sheet it added is deleted; otherwise the tables, names, conditional formats and charts that
 * are new since `before` are removed and the cells are put back as they were. Two syncs.
 */
export async function rollBack(
  context: Excel.RequestContext,
  session: Session,
  last: UndoRecord,
  before: BeforeWrite,
): Promise<void> {
  const wb = context.workbook;
  const sheet = wb.worksheets.getItemOrNullObject(last.sheet);
  sheet.load('name');
  const tables = wb.tables;
  tables.load('items/name');
  const names = last.names.map((n) => {
    const item = wb.names.getItemOrNullObject(n);
    item.load('name');
    return item;
  });
  const ws = wb.worksheets.getItem(last.sheet);
  const charts = last.addedSheet
    ? []
    : last.charts.map((name) => {
        const chart = ws.charts.getItemOrNullObject(name);
        chart.load('name');
        return chart;
      });
  const cfs = last.addedSheet
    ? []
    : [...before.conditionalFormats].map(([address, ids]) => {
        const collection = ws.getRange(address).conditionalFormats;
        collection.load('items/id');
        return { ids, collection };
      });
  await context.sync();
  names.forEach((n) => !n.isNullObject && n.delete());
  if (last.addedSheet) {
    session.knownSheets = null;
    if (!sheet.isNullObject) sheet.delete();
    await context.sync();
    return;
  }
  charts.forEach((chart) => !chart.isNullObject && chart.delete());
  for (const { ids, collection } of cfs)
    for (const cf of collection.items) if (!ids.has(cf.id)) collection.getItem(cf.id).delete();
  // A table the write made (under its name, or Excel's own if naming it failed): its cells stay and are put back below.
  for (const t of tables.items) if (!before.tables.has(t.name)) wb.tables.getItem(t.name).convertToRange();
  putBackCells(ws, ws.getRange(last.address), last, null);
  await context.sync();
}

/**
 * The cells under a write that dynamic arrays spill into, and those of array formulas entered with
 * Ctrl+Shift+Enter (ExcelApi 1.12), over the write's target.
 */
export interface ArrayCells {
  /** A cell a dynamic array spills into (not the formula's own cell): that formula's cell, as A1. */
  spilledFrom: (string | null)[][];
  /** A cell of an array formula entered with Ctrl+Shift+Enter: Excel changes such an array whole or not at all. */
  legacy: boolean[][];
}

/** What a write loads on its target, with its values and formulas, to learn in its first sync whether any are there. */
export const ARRAY_PROPS = 'hasSpill,savedAsArray';

/**
 * Which cells of the target (loaded with `values`, `formulas` and ARRAY_PROPS) dynamic arrays spill
 * into, and which are part of an array formula: null where the session does not ask (before
 * ExcelApi 1.12) or the target holds neither, else one sync more (a few for a very large target).
 * A cell whose `formulas` entry is its value may be spilled into (getSpillParentOrNullObject); a
 * formula saved as an array that spills nowhere and is not #SPILL! is taken for an array formula
 * entered with Ctrl+Shift+Enter (Office.js does not tell how far such an array reaches).
 */
export async function arrayCells(
  context: Excel.RequestContext,
  session: Session,
  target: Excel.Range,
): Promise<ArrayCells | null> {
  if (!session.spills || (target.hasSpill === false && target.savedAsArray === false)) return null;
  const formulas = target.formulas as unknown[][];
  const values = target.values as unknown[][];
  const parents = formulas.map((row) => row.map((): Excel.Range | null => null));
  const arrays = formulas.map((row) => row.map((): { cell: Excel.Range; to: Excel.Range } | null => null));
  const commands: Command[] = [];
  formulas.forEach((row, r) =>
    row.forEach((f, c) =>
      commands.push({
        bytes: 2 * COMMAND_BYTES,
        queue: () => {
          const cell = target.getCell(r, c);
          if (isFormula(f, values[r]?.[c]))
            arrays[r][c] = {
              cell: cell.load('savedAsArray'),
              to: cell.getSpillingToRangeOrNullObject().load('address'),
            };
          else parents[r][c] = cell.getSpillParentOrNullObject().load('address');
        },
      }),
    ),
  );
  await session.send(context, commands);
  return {
    spilledFrom: parents.map((row) =>
      row.map((p) =>
        p && !p.isNullObject ? p.address.slice(p.address.lastIndexOf('!') + 1).replace(/\$/g, '') : null,
      ),
    ),
    legacy: arrays.map((row, r) =>
      row.map((a, c) => !!a && a.cell.savedAsArray === true && a.to.isNullObject && values[r]?.[c] !== '#SPILL!'),
    ),
  };
}

/** The cells (A1) of the target a write puts something in that `pick` says yes to. */
function picked(cells: unknown[][] | undefined, writes: (r: number, c: number) => boolean, top: number, left: number) {
  const out: { r: number; c: number; at: string; what: unknown }[] = [];
  cells?.forEach((row, r) =>
    row.forEach((what, c) => what && writes(r, c) && out.push({ r, c, at: a1(top + r, left + c), what })),
  );
  return out;
}

function list(cells: string[]): string {
  return `${cells.slice(0, 5).join(', ')}${cells.length > 5 ? ', …' : ''}`;
}

/** Refuses, before anything is written, a write that would put something over part of an array formula. */
export function refuseArrayFormulas(
  title: string,
  sheet: string,
  cells: ArrayCells | null,
  writes: (r: number, c: number) => boolean,
  top: number,
  left: number,
): void {
  const hit = picked(cells?.legacy, writes, top, left).map((p) => p.at);
  if (hit.length === 0) return;
  const one = hit.length === 1;
  throw new PortError(
    `Nothing was written: ${list(hit)} on "${sheet}" ${one ? 'is' : 'are'} part of an array formula (one entered ` +
      `with Ctrl+Shift+Enter, shown in braces {=…}), and ${title} would cover ${one ? 'it' : 'them'}. Excel does not ` +
      'let part of an array be changed, and PlanCheck could not put the array back afterwards. Choose another place, then try again.',
    'InvalidOperation',
  );
}

/**
 * What to tell of formulas that show #SPILL! now, because a write filled cells they spilled into
 * and left the formula itself: a sentence each.
 */
export function spillNotes(
  title: string,
  cells: ArrayCells | null,
  writes: (r: number, c: number) => boolean,
  top: number,
  left: number,
): string[] {
  const byFormula = new Map<string, string[]>();
  for (const { at, what } of picked(cells?.spilledFrom, writes, top, left)) {
    const from = parseA1(what as string);
    if (from && writes(from.row - top, from.col - left)) continue;
    byFormula.set(what as string, [...(byFormula.get(what as string) ?? []), at]);
  }
  return [...byFormula].map(
    ([from, into]) =>
      `The formula in ${from} spilled its results into ${list(into)}, which ${title} now fills, so it shows #SPILL! ` +
      'until they are cleared. Undo puts it back as it was.',
  );
}

/**
 * What undo puts back in each cell of a write (UndoRecord.restore): null where the write leaves the
 * cell alone, '' where a dynamic array spilled (so it spills there again), else the old formula or value.
 */
export function restoreInputs(
  rows: number,
  cols: number,
  old: { formulas: unknown[][]; values: unknown[][] },
  cells: ArrayCells | null,
  writes: (r: number, c: number) => boolean,
): (CellInput | null)[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => {
      if (!writes(r, c)) return null;
      return cells?.spilledFrom[r]?.[c] ? '' : restoreInput(old.formulas[r]?.[c], old.values[r]?.[c]);
    }),
  );
}
