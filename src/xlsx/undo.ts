/**
 * Undo in the exceljs port: each write leaves a record of what it changed (src/xlsx/write.ts), and
 * undo puts the latest one back.
 */
import type ExcelJS from 'exceljs';

import { clone, type DefinedNamesWithModel, type XlsxState } from './state';

export async function undo(state: XlsxState): Promise<boolean> {
  try {
    return undoLast(state);
  } finally {
    state.emit('cells');
  }
}

function undoLast(state: XlsxState): boolean {
  const record = state.undoStack.pop();
  if (!record) return false;
  const ws = state.workbook.getWorksheet(record.sheet);
  if (record.names) (state.workbook.definedNames as unknown as DefinedNamesWithModel).model = record.names;
  if (!ws) return true;
  if (record.addedSheet) {
    state.workbook.removeWorksheet(ws.id);
    return true;
  }
  if (record.table) ws.removeTable(record.table);
  if (record.conditionalFormats.length > 0) {
    const added = new Set(record.conditionalFormats);
    ws.removeConditionalFormatting((cf: ExcelJS.ConditionalFormattingOptions) => !added.has(cf));
  }
  for (const w of record.widths) ws.getColumn(w.col + 1).width = w.width as number;
  for (const c of record.cells) {
    const cell = ws.getCell(c.row + 1, c.col + 1);
    cell.value = c.value;
    cell.style = clone(c.style);
  }
  return true;
}

export function canUndo(state: XlsxState): boolean {
  return state.undoStack.length > 0;
}
