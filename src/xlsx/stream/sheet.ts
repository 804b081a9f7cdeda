/**
 * One worksheet, streamed: its XML is scanned as it is inflated and each row, as it closes, is
 * parsed and reconciled by exceljs's own row and cell xforms (so values, shared strings, styles'
 * number formats, dates, formulas and shared formulas are exactly exceljs's), then kept only as the
 * engine needs it: the value the exceljs reader would give, the formula text and the number format.
 * The rest of what exceljs's loader builds (its cell objects, styles, every attribute) is never
 * made. What exceljs's document model then does on top (column styles, hyperlinks turning cells
 * into links, merged cells, shared formulas slid from their master) is done here the same way, and
 * the snapshot is cut to the used extent exactly as src/xlsx/read.ts cuts it.
 *
 * Anything this reader does not reproduce (a hyperlink on a cell the file left without a value or a
 * style, a shared formula whose master is not a plain formula, a row without a number) throws
 * FallbackNeeded, and the caller reads the file with exceljs instead.
 */
import type { CellValue, ListObjectRef, SheetSnapshot } from '../../engine/grid';
import { emptySnapshot, Extent, Grid, listObjectOf } from '../grid';
import { plainValue } from '../read';
import { excelSerial } from '../serial';
import { isEmptyValue } from '../state';
import type ExcelJS from 'exceljs';
import {
  colCache,
  Range,
  slideFormula,
  T,
  WorksheetXform,
  type CellModel,
  type RangeLike,
  type Relationship,
  type RowModel,
  type StylesXform,
  type SharedStringsXform,
  type Xform,
} from './exceljsParts';
import { reconcileRow, RowParser, type RowOptions } from './rows';
import { XmlScanner, type XmlNode } from './xml';

/** The file holds something this reader does not reproduce exactly: read it with exceljs. */
export class FallbackNeeded extends Error {}

/** What all sheets of a workbook share. */
export interface BookContext {
  styles?: StylesXform;
  sharedStrings?: SharedStringsXform;
  date1904: boolean;
  /** A table part by its relationship target ("../tables/table1.xml"), parsed and reconciled. */
  table(target: string): { name?: string; tableRef?: string; totalsRow?: boolean } | undefined;
}

/** One cell as the engine needs it. */
interface Cell {
  /** exceljs's value type (T), with COUNTS set when the cell's value is not empty. */
  t: number;
  /** The value src/xlsx/read.ts would give ("" not yet turned into null). */
  v: CellValue;
  /** "=..." for a formula with its own text, else null. */
  f: string | null;
  /** The cell's number format: its own style's (exceljs gives a cell from the file no other), or for a
   * cell a merge creates, its row's or column's. */
  n: string | undefined;
}

const COUNTS = 16;
const TYPE = 15;

interface Row {
  hidden: boolean;
  /** The row's own style's number format (cells a merge creates take it). */
  numFmt: string | undefined;
  cells: (Cell | undefined)[];
}

interface Slave {
  row: number;
  col: number;
  master: string;
  address: string | undefined;
}

export interface SheetRead {
  snapshot: SheetSnapshot;
  /** Column A's string values by row (1-based), for the settings sheet only. */
  columnA?: Map<number, string>;
}

/** The cell a row's cell model makes (exceljs's Cell.model and read.ts's view of it). */
function cellOf(m: CellModel, date1904: boolean): Cell {
  const n = m.style ? m.style.numFmt : undefined;
  switch (m.type) {
    case T.Null:
      return { t: T.Null, v: null, f: null, n };
    case T.Number:
      return { t: T.Number | COUNTS, v: m.value as number, f: null, n };
    case T.String:
    case T.RichText:
    case T.Boolean:
    case T.Error:
      return {
        t: m.type | (isEmptyValue(m.value as ExcelJS.CellValue) ? 0 : COUNTS),
        v: plainValue(m.value as ExcelJS.CellValue, false),
        f: null,
        n,
      };
    case T.Date:
      return { t: T.Date | COUNTS, v: excelSerial(m.value as Date, date1904), f: null, n };
    case T.Formula: {
      const r = m.result;
      const v = r === undefined || r === null ? null : plainValue(r as ExcelJS.CellValue, date1904);
      return { t: T.Formula | COUNTS, v, f: m.formula ? `=${m.formula}` : null, n };
    }
    default:
      throw new FallbackNeeded(`a cell of type ${m.type} before hyperlinks are known`);
  }
}

/** The sheet's rows as they stream past, kept as the engine needs them. */
class SheetData implements Xform<unknown[]> {
  model: unknown[] = [];
  readonly rows = new Map<number, Row>();
  readonly slaves: Slave[] = [];
  /** Cells whose address is not the column and row they sit at (r="B5" inside row 3), by address. */
  readonly odd = new Map<string, { row: number; col: number }>();
  /** Cells the file gives without value or style: exceljs leaves them out. */
  readonly dropped = new Set<string>();
  readonly columnA?: Map<number, string>;
  private readonly rowXform = new RowParser();
  private parser: RowParser | undefined;
  private readonly options: RowOptions;
  /** The sheet's shared formula masters by their index. */
  private readonly formulae: Record<string, string> = {};

  constructor(
    private readonly book: BookContext,
    keepColumnA: boolean,
  ) {
    if (keepColumnA) this.columnA = new Map();
    this.options = { styles: book.styles, sharedStrings: book.sharedStrings, date1904: book.date1904 };
  }

  reset(): void {}

  parseOpen(node: XmlNode): boolean {
    if (this.parser) {
      this.parser.parseOpen(node);
      return true;
    }
    if (node.name === 'sheetData') return true;
    if (this.rowXform.parseOpen(node)) {
      this.parser = this.rowXform;
      return true;
    }
    return false;
  }

  parseText(text: string): void {
    if (this.parser) this.parser.parseText(text);
  }

  parseClose(name: string): boolean {
    if (this.parser) {
      if (!this.parser.parseClose(name)) {
        this.take(this.rowXform.model);
        this.parser = undefined;
      }
      return true;
    }
    return false;
  }

  /** One row, reconciled as exceljs does, then as its Row.model setter builds it. */
  private take(model: RowModel): void {
    model.cells = model.cells.filter(Boolean);
    reconcileRow(model, this.options, this.formulae);
    const number = model.number;
    if (number !== number) throw new FallbackNeeded('a row without a number');
    const row: Row = { hidden: model.hidden === true, numFmt: model.style?.numFmt, cells: [] };
    this.rows.set(number, row);
    let previous: { row: number; col: number; address: string } | undefined;
    for (const m of model.cells as CellModel[]) {
      if (m.type === T.Merge) {
        if (m.address !== undefined) this.dropped.add(m.address);
        continue;
      }
      let address: { row: number; col: number; address: string };
      if (m.address) address = colCache.decodeAddress(m.address);
      else if (previous) {
        const col = previous.col + 1;
        address = { row: previous.row, col, address: colCache.encodeAddress(previous.row, col) };
      } else throw new FallbackNeeded('a first cell without an address');
      previous = address;
      const col = address.col;
      const existing = row.cells[col];
      if (!existing) colCache.validateAddress(address.address);
      const cell = cellOf(m, this.book.date1904);
      row.cells[col] = cell;
      if (m.address !== address.address || address.row !== number) {
        if (m.address !== undefined) this.odd.set(m.address, { row: number, col });
      }
      if ((cell.t & TYPE) === T.Formula && !m.formula && m.sharedFormula) {
        this.slaves.push({ row: number, col, master: m.sharedFormula, address: m.address });
      }
      if (this.columnA && col === 1) {
        if (m.type === T.String && typeof m.value === 'string') this.columnA.set(number, m.value);
        else this.columnA.delete(number);
      }
    }
  }
}

/** Reads one worksheet part from its text chunks. */
export async function readSheet(
  chunks: AsyncIterable<string>,
  name: string,
  rels: Relationship[] | undefined,
  book: BookContext,
  keepColumnA: boolean,
): Promise<SheetRead> {
  const xform = new WorksheetXform();
  const data = new SheetData(book, keepColumnA);
  xform.map.sheetData = data as unknown as (typeof xform.map)['sheetData'];
  const scanner = new XmlScanner(xform);
  for await (const chunk of chunks) {
    scanner.feed(chunk);
    if (scanner.finished) break;
  }
  scanner.end();
  const model = xform.model;
  if (!model) throw new FallbackNeeded('a worksheet without its root');

  const relById = new Map((rels ?? []).map((r) => [r.Id, r]));
  const target = (rId: string): string => {
    const rel = relById.get(rId);
    if (!rel) throw new FallbackNeeded(`relationship ${rId} is missing`);
    return rel.Target;
  };

  // Column styles (exceljs's Column.fromModel): what a cell a merge creates takes, after its row's.
  xform.map.cols.reconcile(model.cols, { styles: book.styles });
  const colFmt: (string | undefined)[] = [];
  {
    const cols = (model.cols ?? []).sort((a, b) => a.min - b.min);
    let count = 1;
    for (const c of cols) {
      while (count < c.min) count++;
      while (count <= c.max) colFmt[count++] = (c.style && c.style.numFmt) || undefined;
    }
  }
  const rows = data.rows;
  const cellAt = (address: string): Cell | undefined => {
    const odd = data.odd.get(address);
    if (odd) return rows.get(odd.row)?.cells[odd.col];
    const a = colCache.decodeAddress(address);
    const cell = rows.get(a.row)?.cells[a.col];
    // A cell at this place whose own address is written otherwise is not the one named.
    return cell && a.address === address ? cell : undefined;
  };

  // Hyperlinks (external, with a relationship): exceljs turns the cell into a link, keeping its text.
  const linked = new Set<Cell>();
  for (const h of model.hyperlinks ?? []) {
    if (!h.rId) continue;
    target(h.rId);
    const cell = cellAt(h.address);
    if (!cell) {
      if (data.dropped.has(h.address)) throw new FallbackNeeded('a hyperlink on a cell without value or style');
      continue;
    }
    cell.t = T.Hyperlink | COUNTS;
    cell.f = null;
    linked.add(cell);
    const oddAt = data.odd.get(h.address);
    const at = oddAt ?? colCache.decodeAddress(h.address);
    if (at.col === 1) data.columnA?.delete(at.row);
  }

  // Merged cells (exceljs's mergeCellsWithoutStyle): every cell but the top-left becomes a merge.
  const merges: RangeLike[] = [];
  const ensure = (r: number, c: number): Cell => {
    let row = rows.get(r);
    if (!row) rows.set(r, (row = { hidden: false, numFmt: undefined, cells: [] }));
    let cell = row.cells[c];
    if (!cell) row.cells[c] = cell = { t: T.Null, v: null, f: null, n: row.numFmt || colFmt[c] };
    return cell;
  };
  for (const ref of model.mergeCells ?? []) {
    const dims = new Range([ref]);
    if (merges.some((m) => m.intersects(dims))) throw new FallbackNeeded('merged ranges that overlap');
    const size = (dims.bottom - dims.top + 1) * (dims.right - dims.left + 1);
    if (!(size <= 1_000_000) || dims.left < 1 || dims.right > 16384 || dims.top < 1) {
      throw new FallbackNeeded(`a merged range ${ref} this reader does not take`);
    }
    ensure(dims.top, dims.left);
    for (let i = dims.top; i <= dims.bottom; i++) {
      for (let j = dims.left; j <= dims.right; j++) {
        if (i === dims.top && j === dims.left) continue;
        const cell = ensure(i, j);
        cell.t = T.Merge;
        cell.v = null;
        cell.f = null;
      }
    }
    merges.push(dims);
  }
  if (data.columnA) settleColumnA(data.columnA, rows, merges);

  // Shared formulas: each slave's text is its master's, slid to the slave's place.
  for (const s of data.slaves) {
    const cell = rows.get(s.row)?.cells[s.col];
    if (!cell || (cell.t & TYPE) !== T.Formula || cell.f !== null) continue;
    const at = colCache.decodeAddress(s.master);
    const master = rows.get(at.row)?.cells[at.col];
    if (!master) continue;
    if ((master.t & TYPE) !== T.Formula || !master.f || linked.has(master) || data.odd.has(s.master)) {
      throw new FallbackNeeded('a shared formula whose master is not a plain formula');
    }
    if (s.address === undefined) throw new FallbackNeeded('a shared formula in a cell without an address');
    const text = slideFormula(master.f.slice(1), colCache.encodeAddress(at.row, at.col), s.address);
    if (text) cell.f = `=${text}`;
  }

  const tables: ListObjectRef[] = [];
  {
    const byName: Record<string, { name?: string; tableRef?: string; totalsRow?: boolean }> = {};
    for (const part of model.tables ?? []) {
      const table = book.table(target(part.rId));
      if (!table) throw new FallbackNeeded('a table part that is not in the file');
      byName[table.name as string] = table;
    }
    for (const t of Object.values(byName)) {
      const ref = listObjectOf(t);
      if (ref) tables.push(ref);
    }
  }

  return {
    snapshot: snapshotOf(
      name,
      rows,
      merges.map((m) => m.range),
      tables,
    ),
    ...(data.columnA ? { columnA: data.columnA } : {}),
  };
}

/** A merged cell in column A reads its master's value (exceljs's MergeValue). */
function settleColumnA(columnA: Map<number, string>, rows: Map<number, Row>, merges: RangeLike[]): void {
  for (const m of merges) {
    if (m.left > 1 || m.right < 1) continue;
    const master = m.left === 1 ? columnA.get(m.top) : undefined;
    const masterCell = rows.get(m.top)?.cells[m.left];
    for (let r = m.top; r <= m.bottom; r++) {
      if (r === m.top && m.left === 1) continue;
      if (master !== undefined && masterCell && (masterCell.t & TYPE) !== T.Merge) columnA.set(r, master);
      else columnA.delete(r);
    }
  }
}

/** The sheet's used extent as a snapshot, as src/xlsx/read.ts's readSheet gives it. */
function snapshotOf(name: string, rows: Map<number, Row>, merges: string[], tables: ListObjectRef[]): SheetSnapshot {
  const numbers = [...rows.keys()]
    .filter((k) => Number.isInteger(k) && k >= 1 && k <= 4294967295)
    .sort((a, b) => a - b);
  const extent = new Extent();
  const kept: number[] = [];
  for (const number of numbers) {
    const row = rows.get(number)!;
    let hasValues = false;
    let any = false;
    const cells = row.cells;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (!cell || (cell.t & TYPE) === T.Null) continue;
      hasValues = true;
      if ((cell.t & TYPE) === T.Merge || !(cell.t & COUNTS)) continue;
      any = true;
      extent.col(c);
    }
    if (!hasValues) continue;
    kept.push(number);
    extent.row(number, any, row.hidden);
  }
  if (extent.empty) return emptySnapshot(name, extent.hiddenRows, merges);
  const { minRow, maxRow, minCol, maxCol } = extent;
  const grid = new Grid(extent);
  for (const number of kept) {
    if (number < minRow || number > maxRow) continue;
    const r = number - minRow;
    const cells = rows.get(number)!.cells;
    const last = Math.min(cells.length - 1, maxCol);
    for (let c = minCol; c <= last; c++) {
      const cell = cells[c];
      if (!cell || (cell.t & TYPE) === T.Null) continue;
      const k = c - minCol;
      grid.format(r, k, cell.n);
      const type = cell.t & TYPE;
      if (type === T.Merge) continue;
      grid.fill(r, k, type === T.Formula ? cell.f : null, cell.v);
    }
  }
  return grid.snapshot(name, merges, tables);
}
