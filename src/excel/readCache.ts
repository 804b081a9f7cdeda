/**
 * What the Office.js port keeps of its last read while the pane is open, so that an action on an
 * unchanged workbook reads no cells again, and a changed one reads only what changed.
 *
 * The cache is trusted only while Excel tells the port of every change (watch.ts registers for the
 * worksheets' change, format, added and deleted events and the tables' added and deleted events).
 * Each read still makes its survey (one sync: sheets, ids, used ranges, names, tables), so what no
 * event reports (a renamed sheet, a defined name, a used range that grew) is noticed there: a sheet
 * is read again whole when its id, its used range or its visibility differ from the cached one.
 * Pure bookkeeping; no Office.js here.
 */
import { parseRange, rangeA1, type SheetSnapshot } from '../engine/grid';
import type { SheetExtent } from './blocks';

/** What Excel said changed on a sheet: some ranges, or the sheet's shape (rows inserted, sorted...). */
export interface SheetChange {
  sheetId: string;
  /** The A1 range of cells edited; null when the sheet changed shape or was added or deleted. */
  address: string | null;
}

/** Who hears of changes: the sheets (by id) Excel says changed. */
export type ChangeListener = (sheetIds: string[]) => void;

interface CachedSheet {
  id: string;
  extent: SheetExtent;
  hidden: boolean | null;
  snapshot: SheetSnapshot;
}

/** How a sheet is to be read: from the cache as it is, with some ranges read again, or whole. */
export type SheetPlan = { kind: 'cached' } | { kind: 'ranges'; ranges: SheetExtent[] } | { kind: 'whole' };

/** Past this many dirty cells on a sheet, the sheet is read again whole (one planned read is cheaper than many ranges). */
const MAX_PATCH_CELLS = 50_000;

export class ReadCache {
  private readonly sheets = new Map<string, CachedSheet>();
  /** Dirty ranges by sheet id; 'whole' when the sheet's shape changed. */
  private dirty = new Map<string, SheetExtent[] | 'whole'>();
  /** The workbook's Excel tables at the last read, by name: a different list reads their ranges again. */
  tableNames = '';
  /** Excel tables or pivot tables were added or deleted since the last read. */
  tablesChanged = false;
  /** Whether Excel reports every change to the port (the events are registered). */
  watching = false;

  /** Records a change Excel reported. */
  change(c: SheetChange): void {
    const now = this.dirty.get(c.sheetId);
    if (now === 'whole') return;
    const box = c.address ? parseRange(c.address) : null;
    if (!box) {
      this.dirty.set(c.sheetId, 'whole');
      return;
    }
    const range: SheetExtent = {
      sheet: '',
      row: box.top,
      col: box.left,
      rows: box.bottom - box.top + 1,
      cols: box.right - box.left + 1,
    };
    const list = [...(now ?? []), range];
    const cells = list.reduce((n, r) => n + r.rows * r.cols, 0);
    this.dirty.set(c.sheetId, cells > MAX_PATCH_CELLS ? 'whole' : list);
  }

  /** The port wrote or undid something on a sheet (by name): it is read again whole. */
  invalidate(sheet?: string): void {
    if (sheet === undefined) {
      this.sheets.clear();
      return;
    }
    this.sheets.delete(sheet);
  }

  /**
   * The changes reported so far, handed to one read (changes reported during that read stay for the
   * next one).
   */
  takeDirty(): Map<string, SheetExtent[] | 'whole'> {
    const out = this.dirty;
    this.dirty = new Map();
    return out;
  }

  /** Puts back changes a read took but could not use (it failed). */
  restoreDirty(taken: Map<string, SheetExtent[] | 'whole'>): void {
    for (const [id, v] of taken) {
      if (v === 'whole') this.dirty.set(id, 'whole');
      else
        for (const r of v)
          this.change({ sheetId: id, address: rangeA1(r.row, r.col, r.row + r.rows - 1, r.col + r.cols - 1) });
    }
  }

  /** How to read a sheet, given what the survey found and the changes taken for this read. */
  plan(
    extent: SheetExtent,
    id: string,
    hidden: boolean | null,
    dirty: Map<string, SheetExtent[] | 'whole'>,
  ): SheetPlan {
    const cached = this.sheets.get(extent.sheet);
    if (!this.watching || !cached || cached.id !== id || cached.hidden !== hidden) return { kind: 'whole' };
    const e = cached.extent;
    if (e.row !== extent.row || e.col !== extent.col || e.rows !== extent.rows || e.cols !== extent.cols)
      return { kind: 'whole' };
    const d = dirty.get(id);
    if (d === 'whole' || (d && hidden === null)) return { kind: 'whole' };
    if (!d || d.length === 0) return { kind: 'cached' };
    const ranges = d
      .map((r) => clip(r, extent))
      .filter((r): r is SheetExtent => r !== null)
      .map((r) => ({ ...r, sheet: extent.sheet }));
    return ranges.length > 0 ? { kind: 'ranges', ranges } : { kind: 'cached' };
  }

  /**
   * A copy of the cached snapshot that a read can patch: new outer arrays (rows are copied before a
   * patch changes them), so snapshots handed out earlier never change under their holder.
   */
  copyOf(sheet: string): SheetSnapshot {
    const s = (this.sheets.get(sheet) as CachedSheet).snapshot;
    return {
      ...s,
      values: s.values.slice(),
      formulas: s.formulas.slice(),
      numberFormats: s.numberFormats.slice(),
      ...(s.hiddenRows ? { hiddenRows: s.hiddenRows.slice() } : {}),
      ...(s.tables ? { tables: s.tables.slice() } : {}),
      ...(s.pivots ? { pivots: s.pivots.slice() } : {}),
    };
  }

  /** Keeps a sheet as read. */
  keep(extent: SheetExtent, id: string, hidden: boolean | null, snapshot: SheetSnapshot): void {
    this.sheets.set(extent.sheet, { id, extent: { ...extent }, hidden, snapshot });
  }

  /** Forgets sheets no longer in the workbook. */
  keepOnly(names: Set<string>): void {
    for (const name of [...this.sheets.keys()]) if (!names.has(name)) this.sheets.delete(name);
  }

  has(sheet: string): boolean {
    return this.sheets.has(sheet);
  }
}

/** The part of a range inside a sheet's used range, or null. */
function clip(r: SheetExtent, e: SheetExtent): SheetExtent | null {
  const top = Math.max(r.row, e.row);
  const left = Math.max(r.col, e.col);
  const bottom = Math.min(r.row + r.rows, e.row + e.rows);
  const right = Math.min(r.col + r.cols, e.col + e.cols);
  if (bottom <= top || right <= left) return null;
  return { sheet: e.sheet, row: top, col: left, rows: bottom - top, cols: right - left };
}
