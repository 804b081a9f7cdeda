/**
 * Marks in the exceljs port: cells PlanCheck highlights, and taking the highlights off again with
 * each cell's own fill put back.
 */
import type ExcelJS from 'exceljs';

import { a1, parseRange } from '../engine/grid';
import { PortError, SETTINGS_SHEET, type Mark } from '../engine/port';
import {
  DAMAGED_MARKS_NOTE,
  decodeMarks,
  encodeMarks,
  marksDamaged,
  fillFromFile,
  fillToFile,
  type FileFill,
  type StoredMark,
} from '../engine/records';
import { MARKS_COL, readChunks, settingsSheet, writeChunks } from './settings';
import { clone, type XlsxState } from './state';
import { solidFill } from './style';

export async function mark(state: XlsxState, marks: Mark[]): Promise<void> {
  try {
    markCells(state, marks);
  } finally {
    state.emit('cells');
  }
}

function markCells(state: XlsxState, marks: Mark[]): void {
  const record = markRecord(state);
  // Cells already marked keep the own fill recorded the first time, not the earlier mark's colour.
  const known = new Set<string>();
  for (const m of record) forEachCell(m.cell, (r, c) => known.add(`${m.sheet}!${a1(r, c)}`));
  for (const m of marks) {
    const ws = state.workbook.getWorksheet(m.sheet);
    const range = parseRange(m.cell);
    if (!ws || m.sheet === SETTINGS_SHEET)
      throw new PortError(`PlanCheck cannot mark ${m.sheet}!${m.cell}: there is no such sheet.`);
    if (!range) throw new PortError(`PlanCheck cannot mark ${m.sheet}!${m.cell}: "${m.cell}" is not a cell address.`);
    const fill = solidFill(m.color);
    const own: StoredMark['own'] = [];
    let fresh = 0;
    for (let r = range.top; r <= range.bottom; r++) {
      for (let c = range.left; c <= range.right; c++) {
        state.touch(ws, r, c);
        const cell = ws.getCell(r + 1, c + 1);
        const key = `${m.sheet}!${a1(r, c)}`;
        if (!known.has(key)) {
          known.add(key);
          fresh++;
          const had = fillFromFile(cell.style.fill ? (clone(cell.style.fill) as FileFill) : null);
          if (had) own.push({ address: a1(r, c), fill: had });
        }
        cell.style = { ...clone(cell.style), fill: clone(fill) };
      }
    }
    // A mark over cells all marked before adds nothing to put back: the record does not grow.
    if (fresh > 0) record.push({ sheet: m.sheet, cell: m.cell, own });
  }
  saveMarkRecord(state, record);
}

export async function clearMarks(state: XlsxState): Promise<void> {
  try {
    clearMarkedCells(state);
  } finally {
    state.emit('cells');
  }
}

function clearMarkedCells(state: XlsxState): void {
  const record = markRecord(state);
  // Latest first, so a cell marked twice ends with the fill recorded before the first mark.
  for (const m of [...record].reverse()) {
    const ws = state.workbook.getWorksheet(m.sheet);
    if (!ws) continue;
    const own = new Map<string, FileFill | null>();
    for (const o of m.own) forEachCell(o.address, (r, c) => own.set(a1(r, c), fillToFile(o.fill)));
    forEachCell(m.cell, (r, c) => {
      state.touch(ws, r, c);
      const cell = ws.getCell(r + 1, c + 1);
      const style = clone(cell.style);
      const fill = own.get(a1(r, c));
      if (fill) style.fill = clone(fill) as ExcelJS.Fill;
      else delete style.fill;
      cell.style = style;
    });
  }
  state.marks = [];
  saveMarkRecord(state, []);
}

/**
 * The marked cells' own fills: kept in memory, and on the settings sheet for a saved file, in the
 * format both hosts share (src/engine/records), so Clear highlights in Excel takes off marks made
 * here, and the other way round.
 */
function markRecord(state: XlsxState): StoredMark[] {
  if (state.marks) return state.marks;
  const ws = state.workbook.getWorksheet(SETTINGS_SHEET);
  const text = ws ? readChunks(ws, MARKS_COL) : '';
  if (marksDamaged(text)) state.notes.add(DAMAGED_MARKS_NOTE);
  state.marks = decodeMarks(text);
  return state.marks;
}

function saveMarkRecord(state: XlsxState, record: StoredMark[]): void {
  const ws = state.workbook.getWorksheet(SETTINGS_SHEET);
  if (!ws && record.length === 0) return;
  const sheet = settingsSheet(state);
  writeChunks(sheet, MARKS_COL, encodeMarks(record), (r, c) => state.touch(sheet, r, c));
}

/** Calls back for each cell (0-based) of an A1 cell or range. */
function forEachCell(address: string, each: (row: number, col: number) => void): void {
  const box = parseRange(address);
  if (!box) return;
  for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) each(r, c);
}
