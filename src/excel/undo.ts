/** Undoing the port's last write from the record write kept (Session.lastWrite). */
import { a1, columnLetter } from '../engine/grid';
import { PortError, type UndoOptions } from '../engine/port';
import { hasFill } from '../engine/records';
import { restoreInput, type CellInput } from './cells';
import type { Session, UndoRecord } from './session';
import { SIDES, cellPropsLoad, fillProperties, fillRecord } from './style';

/** Whether a cell's `formulas` entry is the same as one read before. */
function sameInput(before: unknown, now: unknown): boolean {
  if (before === now) return true;
  const empty = (v: unknown): boolean => v === '' || v === null || v === undefined;
  return empty(before) && empty(now);
}

export function canUndo(session: Session): boolean {
  return session.lastWrite !== null;
}

export async function undo(session: Session, options: UndoOptions = {}): Promise<boolean> {
  const last = session.lastWrite;
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
    target.load('formulas,values,numberFormat');
    const nowProps = target.getCellProperties(cellPropsLoad(last.styled));
    await context.sync();
    if (ws.protection.protected) {
      throw new PortError(
        `The sheet "${found.name}" is protected, so PlanCheck could not undo ${last.title}. Unprotect it (Review > Unprotect Sheet), then undo again.`,
        'AccessDenied',
      );
    }
    const nowFormulas = target.formulas as unknown[][];
    const nowValues = target.values as unknown[][];
    const nowFormats = target.numberFormat as unknown[][];
    // A cell that no longer holds what PlanCheck wrote (typed over, or taken back by Excel's own
    // undo) is left as it is now; the rest is put back.
    const changed: string[] = [];
    const isChanged = last.formulas.map((row, r) =>
      row.map((_, c) => {
        const differs = !sameInput(last.written[r]?.[c], nowFormulas[r]?.[c]);
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
    putBackCells(ws, target, last, { isChanged, nowFormulas, nowValues, nowFormats, nowProps: nowProps.value });
    await context.sync();
    if (changed.length > 0) {
      const n = changed.length;
      session.note(
        `${n} cell${n === 1 ? '' : 's'} of ${last.title} changed since PlanCheck wrote ${n === 1 ? 'it' : 'them'} ` +
          `(${changed.slice(0, 5).join(', ')}${n > 5 ? ', …' : ''}) and ${n === 1 ? 'was' : 'were'} left as ${n === 1 ? 'it is' : 'they are'} now; the rest was undone.`,
      );
    }
  });
  if (declined) return false;
  session.lastWrite = null;
  return true;
}

/** What the cells hold now, where undo leaves a changed cell as it is. */
interface Now {
  isChanged: boolean[][];
  nowFormulas: unknown[][];
  nowValues: unknown[][];
  nowFormats: unknown[][];
  nowProps: Excel.CellProperties[][];
}

/**
 * Queues putting the cells of a write back as they were: contents, number formats, fills, fonts
 * (and borders for a write in the house style), and column widths. With `now`, a cell changed
 * since the write keeps what it holds now.
 */
function putBackCells(ws: Excel.Worksheet, target: Excel.Range, last: UndoRecord, now: Now | null): void {
  const changed = (r: number, c: number): boolean => !!now?.isChanged[r]?.[c];
  target.formulas = last.formulas.map((row, r) =>
    row.map((f, c) =>
      changed(r, c)
        ? restoreInput(now!.nowFormulas[r]?.[c], now!.nowValues[r]?.[c])
        : restoreInput(f, last.values[r]?.[c]),
    ),
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
