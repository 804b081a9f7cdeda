/**
 * Grid: addresses and sheet snapshots. Everything the engine knows of a workbook comes
 * through these types; nothing here knows of Office.js, exceljs or the DOM.
 *
 * Rows and columns are 0-based in code and 1-based / lettered in A1 addresses.
 */

/** A cell's computed value as a port reads it. Empty cells are null. */
export type CellValue = string | number | boolean | null;

export interface SheetSnapshot {
  /** The worksheet's name. */
  name: string;
  /** Absolute 0-based row and column of values[0][0] on the sheet. */
  origin: { row: number; col: number };
  /** Computed values, row-major; every row has the same length. Empty cells are null. */
  values: CellValue[][];
  /** Formula text (starting with "=") where the cell holds a formula, else null. Same shape as values. */
  formulas: (string | null)[][];
  /** Number format codes ("General", "#,##0;(#,##0)", ...); same shape as values, null where unknown. */
  numberFormats: (string | null)[][];
  /** The sheet is hidden (or very hidden) in Excel, where the port knows: not checked unless asked. */
  hidden?: boolean;
  /** Absolute 0-based indexes of hidden rows, if the port knows them. */
  hiddenRows?: number[];
  /** Merged ranges on the sheet, as A1 ranges ("C1:D1"). */
  merges?: string[];
  /** The sheet's Excel tables (ListObjects), where the port reads them: the strongest sign of a table's bounds. */
  tables?: ListObjectRef[];
  /**
   * Where the sheet's pivot tables put their output, as A1 ranges (without a pivot's filter area),
   * where the port reads them: a table there is a pivot table's output, whatever its captions say.
   */
  pivots?: string[];
}

/** An Excel table (ListObject) as the workbook defines it. */
export interface ListObjectRef {
  name: string;
  /** A1 range from the header row (or first data row, when headers are off) to the totals row. */
  range: string;
  /** False when the table's header row is turned off. Default true. */
  headerRow?: boolean;
  /** True when the table shows its totals row (the last row of the range). */
  totalsRow: boolean;
}

export interface NamedRange {
  name: string;
  sheet: string;
  /** A1 range without the sheet ("B4" or "B4:D4"). */
  address: string;
}

export interface WorkbookSnapshot {
  /** File name or workbook title, for reports. */
  name: string;
  sheets: SheetSnapshot[];
  names: NamedRange[];
}

/** "A" for 0, "Z" for 25, "AA" for 26. */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0 for "A", 26 for "AA". Case-insensitive. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A1 address of a 0-based row and column. */
export function a1(row: number, col: number, absolute = false): string {
  return absolute ? `$${columnLetter(col)}$${row + 1}` : `${columnLetter(col)}${row + 1}`;
}

/** A1 range "B2:D9" (a single cell collapses to "B2"). */
export function rangeA1(top: number, left: number, bottom: number, right: number): string {
  const start = a1(top, left);
  return top === bottom && left === right ? start : `${start}:${a1(bottom, right)}`;
}

export interface CellRef {
  row: number;
  col: number;
}

export interface RangeRef {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Parses "B7" or "$B$7" into 0-based row and column; null if it is not an address. */
export function parseA1(address: string): CellRef | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!m) return null;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** Parses "B2:D9", "B2" or "Sheet1!B2:D9" (the sheet part is dropped). */
export function parseRange(range: string): RangeRef | null {
  const bare = range.includes('!') ? range.slice(range.lastIndexOf('!') + 1) : range;
  const [a, b] = bare.split(':');
  const start = parseA1(a);
  const end = b === undefined ? start : parseA1(b);
  if (!start || !end) return null;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
}

/**
 * Quotes a sheet name for use in a formula or a reference when it needs quoting: anything but
 * letters, digits, "_" and ".", a leading digit, and names Excel would read as a cell (Q1, FY24,
 * AB12) or an R1C1 reference (R, C, R2C3).
 */
export function quoteSheet(name: string): string {
  const plain =
    /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RC]\d*$|^R\d*C\d*$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Reads one cell of a snapshot by absolute 0-based row and column. */
export class SheetView {
  constructor(readonly sheet: SheetSnapshot) {}

  get name(): string {
    return this.sheet.name;
  }
  get top(): number {
    return this.sheet.origin.row;
  }
  get left(): number {
    return this.sheet.origin.col;
  }
  get bottom(): number {
    return this.sheet.origin.row + this.sheet.values.length - 1;
  }
  get right(): number {
    const width = this.sheet.values.reduce((w, r) => Math.max(w, r.length), 0);
    return this.sheet.origin.col + width - 1;
  }

  value(row: number, col: number): CellValue {
    const r = this.sheet.values[row - this.top];
    if (!r) return null;
    const v = r[col - this.left];
    return v === undefined || v === '' ? null : v;
  }

  formula(row: number, col: number): string | null {
    const r = this.sheet.formulas[row - this.top];
    if (!r) return null;
    return r[col - this.left] ?? null;
  }

  numberFormat(row: number, col: number): string | null {
    const r = this.sheet.numberFormats[row - this.top];
    if (!r) return null;
    return r[col - this.left] ?? null;
  }

  isHidden(row: number): boolean {
    return this.sheet.hiddenRows?.includes(row) ?? false;
  }

  isEmpty(row: number, col: number): boolean {
    return this.value(row, col) === null && this.formula(row, col) === null;
  }
}

/** Builds a snapshot from a plain 2D array laid at an origin: for tests, samples and the CLI. */
export function snapshotFromRows(
  name: string,
  rows: CellValue[][],
  origin: { row: number; col: number } = { row: 0, col: 0 },
): SheetSnapshot {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const values = rows.map((r) => Array.from({ length: width }, (_, i) => (r[i] === undefined ? null : r[i])));
  return {
    name,
    origin,
    values,
    formulas: values.map((r) => r.map(() => null)),
    numberFormats: values.map((r) => r.map(() => null)),
  };
}
