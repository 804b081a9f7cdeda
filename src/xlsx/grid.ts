/**
 * What both readers of a .xlsx file (src/xlsx/read.ts over exceljs's model, src/xlsx/stream/sheet.ts
 * over the streamed XML) share in turning a sheet's cells into the engine's SheetSnapshot: the used
 * extent (rows with values, the columns of their counted cells, hidden rows), the value, formula and
 * number-format grid cut to that extent with what each cell puts in it, the snapshot itself, and an
 * Excel table's model as a ListObjectRef. Each reader walks its own cells and says what it sees.
 */
import { parseRange } from '../engine/grid';
import type { CellValue, ListObjectRef, SheetSnapshot } from '../engine/grid';

/** A sheet's used extent, grown as its rows are walked (rows and columns 1-based). */
export class Extent {
  minRow = Infinity;
  maxRow = -1;
  minCol = Infinity;
  maxCol = -1;
  /** Hidden rows among the rows with values (0-based), in the order they were walked. */
  readonly hiddenRows: number[] = [];

  /** A cell in column `col` whose value counts toward the extent. */
  col(col: number): void {
    if (col < this.minCol) this.minCol = col;
    if (col > this.maxCol) this.maxCol = col;
  }

  /** A row with values; `counted` when one of its cells counted toward the extent. */
  row(number: number, counted: boolean, hidden: boolean): void {
    if (counted) {
      if (number < this.minRow) this.minRow = number;
      if (number > this.maxRow) this.maxRow = number;
    }
    if (hidden) this.hiddenRows.push(number - 1);
  }

  /** No cell counted: the sheet is empty. */
  get empty(): boolean {
    return this.maxRow < 0;
  }
}

/** The values, formulas and number formats of a sheet's used extent, every cell null to start with. */
export class Grid {
  readonly values: CellValue[][];
  readonly formulas: (string | null)[][];
  readonly numberFormats: (string | null)[][];
  readonly height: number;
  readonly width: number;

  constructor(readonly extent: Extent) {
    const height = extent.maxRow - extent.minRow + 1;
    const width = extent.maxCol - extent.minCol + 1;
    this.height = height;
    this.width = width;
    this.values = new Array(height);
    this.formulas = new Array(height);
    this.numberFormats = new Array(height);
    for (let r = 0; r < height; r++) {
      this.values[r] = new Array<CellValue>(width).fill(null);
      this.formulas[r] = new Array<string | null>(width).fill(null);
      this.numberFormats[r] = new Array<string | null>(width).fill(null);
    }
  }

  /** A cell's number format at (r, k) of the grid ("General" when it has none); a merge's slaves have one too. */
  format(r: number, k: number, numFmt: string | undefined): void {
    this.numberFormats[r][k] = numFmt ?? 'General';
  }

  /** A cell's formula ("=...", or null for none) and value at (r, k); an empty string reads as empty. */
  fill(r: number, k: number, formula: string | null, value: CellValue): void {
    if (formula) this.formulas[r][k] = formula;
    this.values[r][k] = value === '' ? null : value;
  }

  /** The sheet's snapshot: the grid at the extent's origin, its hidden rows, merges and tables. */
  snapshot(name: string, merges: string[], tables: ListObjectRef[]): SheetSnapshot {
    const { minRow, maxRow, minCol } = this.extent;
    return {
      name,
      origin: { row: minRow - 1, col: minCol - 1 },
      values: this.values,
      formulas: this.formulas,
      numberFormats: this.numberFormats,
      hiddenRows: this.extent.hiddenRows.filter((h) => h >= minRow - 1 && h <= maxRow - 1),
      merges,
      ...(tables.length > 0 ? { tables } : {}),
    };
  }
}

/** The snapshot of a sheet with no counted cell (its hidden rows and merges kept as they are). */
export function emptySnapshot(name: string, hiddenRows: number[], merges: string[]): SheetSnapshot {
  return { name, origin: { row: 0, col: 0 }, values: [], formulas: [], numberFormats: [], hiddenRows, merges };
}

/** An Excel table's model (as exceljs holds it) as the engine's ListObjectRef, or null when it names no range. */
export function listObjectOf(
  model: { name?: string; tableRef?: string; totalsRow?: boolean } | undefined,
): ListObjectRef | null {
  if (!model?.name || !model.tableRef || !parseRange(model.tableRef)) return null;
  return { name: model.name, range: model.tableRef, totalsRow: model.totalsRow === true };
}
