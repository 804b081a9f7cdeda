/** Test helpers: lay seed tables and hand-made grids into workbooks the way people keep them. */
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../../src/engine/grid';
import { parseA1, snapshotFromRows } from '../../src/engine/grid';
import { validate } from '../../src/engine/checks';
import type { Finding } from '../../src/engine/findings';
import { readTables } from '../../src/engine/tables';
import type { SeedName } from '../../src/samples/seeds';
import { offsetGrid, seedGrid } from '../../src/samples/seeds';

export function workbook(...sheets: SheetSnapshot[]): WorkbookSnapshot {
  return { name: 'test.xlsx', sheets, names: [] };
}

/** Reads and validates sheets as one workbook, with the default settings. */
export function validateSheets(...sheets: SheetSnapshot[]): Finding[] {
  const wb = workbook(...sheets);
  return validate(wb, readTables(wb), {});
}

/** A seed table on its own sheet, moved down and right under its title. */
export function seedSheet(name: SeedName, down = 0, right = 0, part = 0, sheet = 'Plan'): SheetSnapshot {
  return snapshotFromRows(sheet, offsetGrid(seedGrid(name, { part }).rows, down, right));
}

/** Puts formulas into a snapshot: { "C12": "=SUM(C6:C11)" } (the value stays as given). */
export function withFormulas(sheet: SheetSnapshot, formulas: Record<string, string>): SheetSnapshot {
  for (const [addr, f] of Object.entries(formulas)) {
    const ref = parseA1(addr)!;
    sheet.formulas[ref.row - sheet.origin.row][ref.col - sheet.origin.col] = f;
  }
  return sheet;
}

/** Sets values in a snapshot by A1 address. */
export function setCells(sheet: SheetSnapshot, cells: Record<string, CellValue>): SheetSnapshot {
  for (const [addr, v] of Object.entries(cells)) {
    const ref = parseA1(addr)!;
    sheet.values[ref.row - sheet.origin.row][ref.col - sheet.origin.col] = v;
  }
  return sheet;
}
