/**
 * What the browser page's sheet view shows, over the exceljs port's own workbook (no second copy of
 * it): the visible sheets and their layout, each cell's text under its number format with its fill
 * and font, read lazily in blocks of rows as the view scrolls; and the selection, which is the
 * port's (`select()`/`selection()`), so a cell picked in the view is the one the pane's actions use
 * and a finding gone to in the pane is selected in the view.
 */
import { a1, parseRange, type RangeRef } from '../engine/grid';
import type { ViewCell, ViewSheet } from '../xlsx/view';
import { formatCellValue } from './numberFormat';

/** What the view reads from: the exceljs port's sheet view (XlsxSheetView, over the port's state) implements it. */
export interface SheetSource {
  viewSheets(): ViewSheet[];
  viewRows(sheet: string, top: number, bottom: number, columns: number): (ViewCell | null)[][];
  onChange(listener: (what: 'selection' | 'cells') => void): () => void;
  select(sheet: string, cell: string): Promise<void>;
  selection(): Promise<{ sheet: string; cell: string } | null>;
}

/** A cell as drawn: its text, colours, weight and alignment, and whether its text may run on into the empty cell to its right. */
export interface DisplayCell {
  text: string;
  fill: string | null;
  bold: boolean;
  italic: boolean;
  color: string | null;
  align: 'left' | 'center' | 'right';
  spill: boolean;
}

export interface ViewSelection {
  sheet: string;
  /** The selected range (one cell or more). */
  range: RangeRef;
  /** Its top-left cell, where the arrow keys move from. */
  row: number;
  col: number;
}

/** Rows read from the workbook at a time. */
export const BLOCK = 200;

function display(cell: ViewCell | null, next: ViewCell | null | undefined, nextMerged: boolean): DisplayCell | null {
  if (!cell) return null;
  const text = formatCellValue(cell.value, cell.numFmt);
  if (!text && !cell.fill) return null;
  const align =
    cell.align ?? (typeof cell.value === 'number' ? 'right' : typeof cell.value === 'boolean' ? 'center' : 'left');
  const nextEmpty = !nextMerged && (!next || next.value === null || next.value === '');
  return {
    text,
    fill: cell.fill,
    bold: cell.bold,
    italic: cell.italic,
    color: cell.color,
    align,
    spill: typeof cell.value === 'string' && align === 'left' && nextEmpty,
  };
}

export class SheetViewModel {
  private sheetList: ViewSheet[];
  private readonly blocks = new Map<string, (DisplayCell | null)[][]>();
  private readonly mergeIndex = new Map<string, { ranges: RangeRef[]; at: Map<number, number> }>();
  private current: ViewSelection | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: () => void;
  /** Changes whenever the cells or the selection change, for React to redraw. */
  version = 0;

  constructor(private readonly source: SheetSource) {
    this.sheetList = source.viewSheets();
    this.unsubscribe = source.onChange((what) => {
      if (what === 'cells') {
        this.sheetList = source.viewSheets();
        this.blocks.clear();
        this.mergeIndex.clear();
        this.changed();
      } else void this.syncSelection();
    });
    void this.syncSelection();
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  sheets(): ViewSheet[] {
    return this.sheetList;
  }

  sheet(name: string): ViewSheet | undefined {
    return this.sheetList.find((s) => s.name === name);
  }

  /** The merged ranges of a sheet, and which one covers a cell. */
  private merges(name: string): { ranges: RangeRef[]; at: Map<number, number> } {
    let m = this.mergeIndex.get(name);
    if (m) return m;
    const ranges = (this.sheet(name)?.merges ?? []).map((r) => parseRange(r)).filter((r): r is RangeRef => !!r);
    const at = new Map<number, number>();
    ranges.forEach((r, i) => {
      for (let row = r.top; row <= r.bottom; row++)
        for (let col = r.left; col <= r.right; col++) at.set(row * 16384 + col, i);
    });
    m = { ranges, at };
    this.mergeIndex.set(name, m);
    return m;
  }

  /** The merged range covering a cell, if any. */
  mergeAt(sheet: string, row: number, col: number): RangeRef | null {
    const m = this.merges(sheet);
    const i = m.at.get(row * 16384 + col);
    return i === undefined ? null : m.ranges[i];
  }

  /** A cell as drawn (null when empty); its block of rows is read from the workbook the first time. */
  cell(sheet: string, row: number, col: number): DisplayCell | null {
    const info = this.sheet(sheet);
    if (!info || row < 0 || col < 0 || row >= info.rowCount || col >= info.columnCount) return null;
    const block = Math.floor(row / BLOCK);
    const key = `${block}\u0000${sheet}`;
    let rows = this.blocks.get(key);
    if (!rows) {
      const top = block * BLOCK;
      const bottom = Math.min(info.rowCount - 1, top + BLOCK - 1);
      const raw = this.source.viewRows(sheet, top, bottom, info.columnCount);
      rows = raw.map((cells, k) =>
        cells.map((c, j) => display(c, cells[j + 1], this.mergeAt(sheet, top + k, j + 1) !== null)),
      );
      this.blocks.set(key, rows);
    }
    return rows[row - block * BLOCK]?.[col] ?? null;
  }

  selection(): ViewSelection | null {
    return this.current;
  }

  /** Selects a cell (or range) of a sheet: the port's selection, which the pane's actions use. */
  async select(sheet: string, address: string): Promise<void> {
    await this.source.select(sheet, address);
  }

  /** Selects the cell at row, col (0-based); a merged cell selects its whole range. */
  selectCell(sheet: string, row: number, col: number): Promise<void> {
    const merge = this.mergeAt(sheet, row, col);
    return this.select(sheet, merge ? a1(merge.top, merge.left) : a1(row, col));
  }

  private async syncSelection(): Promise<void> {
    const sel = await this.source.selection();
    const range = sel ? parseRange(sel.cell) : null;
    const next =
      sel && range && this.sheet(sel.sheet) ? { sheet: sel.sheet, range, row: range.top, col: range.left } : null;
    this.current = next;
    this.changed();
  }
}
