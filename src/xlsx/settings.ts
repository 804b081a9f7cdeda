/**
 * PlanCheck's settings sheet in the exceljs port: the settings, and the text records kept in its
 * columns (the settings JSON in A, the marks record in B), in the format both hosts share
 * (src/engine/records).
 */
import type ExcelJS from 'exceljs';

import { SETTINGS_SHEET } from '../engine/port';
import { chunkText, DAMAGED_SETTINGS_NOTE, decodeSettings, encodeSettings, joinChunks } from '../engine/records';
import type { Settings } from '../engine/settings';
import { isEmptyValue, type XlsxState } from './state';

/** Column of the settings sheet holding the settings JSON (1-based: A). */
const SETTINGS_COL = 1;
/** Column of the settings sheet holding the record of marked cells' own fills (B). */
export const MARKS_COL = 2;

/**
 * Settings kept in the very hidden settings sheet; {} when there are none. A record that cannot be
 * read gives the defaults and a note (the policy both hosts share), never a refused workbook.
 */
export function loadSettings(state: XlsxState): Settings {
  const ws = state.workbook.getWorksheet(SETTINGS_SHEET);
  const { settings, damaged } = decodeSettings(ws ? readChunks(ws, SETTINGS_COL) : '');
  if (damaged) state.notes.add(DAMAGED_SETTINGS_NOTE);
  return settings;
}

export function saveSettings(state: XlsxState, settings: Settings): void {
  const sheet = settingsSheet(state);
  writeChunks(sheet, SETTINGS_COL, encodeSettings(settings), (r, c) => state.touch(sheet, r, c));
}

/** The settings sheet, added very hidden when the workbook has none (and made very hidden when it has). */
export function settingsSheet(state: XlsxState): ExcelJS.Worksheet {
  const existing = state.workbook.getWorksheet(SETTINGS_SHEET);
  if (existing) {
    existing.state = 'veryHidden';
    return existing;
  }
  return state.workbook.addWorksheet(SETTINGS_SHEET, { state: 'veryHidden' });
}

/** The text kept in one column of the settings sheet, its pieces joined in row order. */
export function readChunks(ws: ExcelJS.Worksheet, col: number): string {
  const pieces: string[] = [];
  for (let r = 1; ; r++) {
    const v = ws.findCell(r, col)?.value;
    if (typeof v !== 'string' || v === '') break;
    pieces.push(v);
  }
  return joinChunks(pieces);
}

/**
 * Writes text into one column of the settings sheet, in pieces under the cell limit, clearing old
 * pieces; `touch` hears of each cell (0-based) before it changes.
 */
export function writeChunks(
  ws: ExcelJS.Worksheet,
  col: number,
  text: string,
  touch: (row: number, col: number) => void,
): void {
  for (let r = 1; ws.findCell(r, col) && !isEmptyValue(ws.findCell(r, col)!.value); r++) {
    touch(r - 1, col - 1);
    ws.getCell(r, col).value = null;
  }
  chunkText(text).forEach((piece, i) => {
    touch(i, col - 1);
    // Always a string value: a piece starting with "=" is still text, not a formula.
    ws.getCell(i + 1, col).value = piece;
  });
}
