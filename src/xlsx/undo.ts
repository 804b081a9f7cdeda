/**
 * Undo in the exceljs port: each write leaves a record of what it changed (src/xlsx/write.ts), and
 * undo puts the latest one back.
 */
import type ExcelJS from 'exceljs';

import { leftAsChanged, type UndoOptions } from '../engine/port';
import { a1 } from '../engine/grid';
import { tableName } from './read';
import { clone, type DefinedNamesWithModel, type UndoRecord, type XlsxState } from './state';

export async function undo(state: XlsxState, options: UndoOptions = {}): Promise<boolean> {
  try {
    return await undoLast(state, options);
  } finally {
    state.emit('cells');
  }
}

/** What a cell holds as a user would type it: a formula's text, a date's time, else the value ('' is empty). */
function input(v: ExcelJS.CellValue | undefined): unknown {
  if (v === undefined || v === null || v === '') return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'object') {
    if ('formula' in v && v.formula) return `=${v.formula}`;
    if ('sharedFormula' in v && v.sharedFormula) return `=${v.sharedFormula}`;
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    return JSON.stringify(v);
  }
  return v;
}

/** The cells of a write that no longer hold what it left there (typed over since), as A1. */
function changedSince(ws: ExcelJS.Worksheet, record: UndoRecord): Set<string> {
  const changed = new Set<string>();
  for (const c of record.cells) {
    if (!('written' in c)) continue;
    if (input(ws.findCell(c.row + 1, c.col + 1)?.value) !== input(c.written)) changed.add(a1(c.row, c.col));
  }
  return changed;
}

async function undoLast(state: XlsxState, options: UndoOptions): Promise<boolean> {
  const record = state.undoStack.at(-1);
  if (!record) return false;
  const ws = state.workbook.getWorksheet(record.sheet);
  const changed = ws && !record.addedSheet ? changedSince(ws, record) : new Set<string>();
  // Asked as the Office.js port asks: yes undoes the rest and leaves those cells, no undoes nothing.
  if (changed.size > 0 && options.confirmPartial && !(await options.confirmPartial([...changed]))) return false;
  state.undoStack.pop();
  putBack(state, record, changed);
  if (changed.size > 0) state.notes.add(leftAsChanged(record.title, [...changed]));
  return true;
}

/**
 * Puts back what a write changed (its record), but for the cells in `changed`: by undo, and by a
 * write that failed part way, so a refused write leaves nothing behind.
 */
export function putBack(state: XlsxState, record: UndoRecord, changed = new Set<string>()): void {
  const ws = state.workbook.getWorksheet(record.sheet);
  if (record.names) (state.workbook.definedNames as unknown as DefinedNamesWithModel).model = record.names;
  if (record.charts) state.charts = state.charts.filter((c) => !record.charts!.includes(c));
  if (!ws) return;
  if (record.addedSheet) {
    state.workbook.removeWorksheet(ws.id);
    return;
  }
  if (record.table && ws.getTables().some((t) => tableName(t as unknown as ExcelJS.Table) === record.table))
    ws.removeTable(record.table);
  if (record.conditionalFormats.length > 0) {
    const added = new Set(record.conditionalFormats);
    ws.removeConditionalFormatting((cf: ExcelJS.ConditionalFormattingOptions) => !added.has(cf));
  }
  for (const w of record.widths) ws.getColumn(w.col + 1).width = w.width as number;
  for (const c of record.cells) {
    if (changed.has(a1(c.row, c.col))) continue;
    const cell = ws.getCell(c.row + 1, c.col + 1);
    cell.value = c.value;
    cell.style = clone(c.style);
  }
}

export function canUndo(state: XlsxState): boolean {
  return state.undoStack.length > 0;
}
