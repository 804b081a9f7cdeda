/**
 * Finding table regions on a sheet: blocks of occupied cells, with titles and notes above them
 * told apart from the tables themselves.
 */
import type { SheetView } from '../grid';
import { isSpace } from './cells';

export interface Region {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function occupiedAt(values: unknown[], formulas: (string | null)[] | undefined, c: number): boolean {
  const v = values[c];
  if (typeof v === 'number') return true;
  if (v !== null && v !== undefined && v !== '') {
    // Words start with a letter, not a space: only a text starting with white space needs trimming.
    if (typeof v !== 'string' || !isSpace(v.charCodeAt(0)) || v.trim() !== '') return true;
  }
  return !!formulas?.[c];
}

/**
 * Blocks of occupied cells: cells join when they touch, or are one blank column apart on a row
 * (side-by-side blocks with a spacer column), and rows join when they are next to each other and
 * their column spans overlap. One blank row ends a block; `mergeAcrossBlankRow` rejoins the common
 * case of a total row set one row below its lines.
 *
 * Runs are kept in flat typed arrays and joined with union-find, so a 100,000-row sheet costs a few
 * arrays, not an object per cell (nor a number the garbage collector has to look at).
 */
export function findRegions(view: SheetView): Region[] {
  const { values, formulas, origin } = view.sheet;
  // One run a row is the common case: typed arrays of that size, grown if a sheet has more.
  let cap = values.length + 16;
  let runRow = new Int32Array(cap);
  let runLeft = new Int32Array(cap);
  let runRight = new Int32Array(cap);
  let parent = new Int32Array(cap);
  let runs = 0;
  const grow = <T extends Int32Array>(a: T): T => {
    const b = new Int32Array(cap) as T;
    b.set(a);
    return b;
  };
  const push = (row: number, left: number, right: number): void => {
    if (runs === runRow.length) {
      cap *= 2;
      runRow = grow(runRow);
      runLeft = grow(runLeft);
      runRight = grow(runRight);
      parent = grow(parent);
    }
    runRow[runs] = row;
    runLeft[runs] = left;
    runRight[runs] = right;
    parent[runs] = runs;
    runs++;
  };
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  let prevStart = 0;
  let prevEnd = 0;
  let prevRow = -2;
  for (let r = 0; r < values.length; r++) {
    const vr = values[r];
    const fr = formulas[r];
    const rowStart = runs;
    let start = -1;
    let last = -1;
    for (let c = 0; c < vr.length; c++) {
      if (!occupiedAt(vr, fr, c)) continue;
      if (start >= 0 && c - last > 2) {
        push(r, start, last);
        start = c;
      } else if (start < 0) start = c;
      last = c;
    }
    if (start >= 0) push(r, start, last);
    const rowEnd = runs;
    if (rowEnd === rowStart) continue;
    if (prevRow === r - 1) {
      for (let i = rowStart; i < rowEnd; i++) {
        for (let j = prevStart; j < prevEnd; j++) {
          if (runLeft[i] <= runRight[j] + 1 && runLeft[j] <= runRight[i] + 1) {
            const a = find(j);
            const b = find(i);
            if (a !== b) parent[b] = a;
          }
        }
      }
    }
    prevStart = rowStart;
    prevEnd = rowEnd;
    prevRow = r;
  }
  const regions = new Map<number, Region>();
  for (let i = 0; i < runs; i++) {
    const root = find(i);
    const row = runRow[i] + origin.row;
    const left = runLeft[i] + origin.col;
    const right = runRight[i] + origin.col;
    const reg = regions.get(root);
    if (!reg) regions.set(root, { top: row, left, bottom: row, right });
    else {
      if (row < reg.top) reg.top = row;
      if (row > reg.bottom) reg.bottom = row;
      if (left < reg.left) reg.left = left;
      if (right > reg.right) reg.right = right;
    }
  }
  return mergeAcrossBlankRow(
    [...regions.values()].sort((a, b) => a.top - b.top || a.left - b.left),
    view,
  );
}

/** Does the row hold a number (or a formula) in the region's columns? */
function hasFigures(view: SheetView, row: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) {
    if (typeof view.value(row, c) === 'number' || view.formula(row, c)) return true;
  }
  return false;
}

/**
 * A group heading: one cell of words at the block's left edge ("Working age adults") over a row of
 * figures in the block's columns.
 */
function groupHeading(view: SheetView, reg: Region, upper: Region): boolean {
  if (reg.bottom <= reg.top) return false;
  let cells = 0;
  let first = -1;
  for (let c = reg.left; c <= reg.right; c++) {
    if (view.isEmpty(reg.top, c)) continue;
    cells++;
    if (first < 0) first = c;
  }
  return (
    cells === 1 &&
    typeof view.value(reg.top, first) === 'string' &&
    first <= upper.left + 1 &&
    hasFigures(view, reg.top + 1, upper.left, upper.right)
  );
}

/**
 * Rejoins a block whose rows continue after one blank row with figures in the same columns
 * (a total row set apart, a second group of lines, a group under its own heading), so long as the
 * lower block does not start with a header of its own.
 */
export function mergeAcrossBlankRow(regions: Region[], view: SheetView): Region[] {
  const out: Region[] = [];
  for (const reg of regions) {
    const prev = out.find(
      (p) =>
        reg.top === p.bottom + 2 &&
        reg.left >= p.left - 1 &&
        reg.right <= p.right + 1 &&
        p.right - p.left >= 1 &&
        (hasFigures(view, reg.top, reg.left, reg.right) || groupHeading(view, reg, p)) &&
        hasFigures(view, p.bottom, p.left, p.right),
    );
    if (prev) {
      prev.bottom = reg.bottom;
      prev.left = Math.min(prev.left, reg.left);
      prev.right = Math.max(prev.right, reg.right);
    } else out.push({ ...reg });
  }
  return out;
}
