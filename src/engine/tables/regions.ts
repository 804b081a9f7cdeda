/**
 * Finding table regions on a sheet: blocks of occupied cells, with titles and notes above them
 * told apart from the tables themselves.
 */
import type { SheetView } from '../grid';

export interface Region {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Occupied cells per row, as sorted absolute column lists. */
function occupancy(view: SheetView): Map<number, number[]> {
  const rows = new Map<number, number[]>();
  const { values, formulas, origin } = view.sheet;
  for (let r = 0; r < values.length; r++) {
    const vr = values[r];
    const fr = formulas[r];
    let cols: number[] | undefined;
    for (let c = 0; c < vr.length; c++) {
      const v = vr[c];
      if ((v !== null && v !== '' && !(typeof v === 'string' && v.trim() === '')) || (fr && fr[c])) {
        (cols ??= []).push(origin.col + c);
      }
    }
    if (cols) rows.set(origin.row + r, cols);
  }
  return rows;
}

/**
 * Blocks of occupied cells: cells join when they touch, or are one blank column apart on a row
 * (side-by-side blocks with a spacer column), and rows join when they are next to each other and
 * their column spans overlap. One blank row ends a block; `mergeAcrossBlankRow` rejoins the common
 * case of a total row set one row below its lines.
 */
export function findRegions(view: SheetView): Region[] {
  const occ = occupancy(view);
  const rowIndexes = [...occ.keys()].sort((a, b) => a - b);
  // Per row, runs of columns (joined across a single blank column).
  interface Run {
    row: number;
    left: number;
    right: number;
    id: number;
  }
  const parent: number[] = [];
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[rb] = ra;
  };
  const runsByRow = new Map<number, Run[]>();
  const allRuns: Run[] = [];
  for (const row of rowIndexes) {
    const cols = occ.get(row) ?? [];
    const runs: Run[] = [];
    let start = cols[0];
    let prev = cols[0];
    for (let i = 1; i <= cols.length; i++) {
      const c = cols[i];
      if (c !== undefined && c - prev <= 2) {
        prev = c;
        continue;
      }
      const run: Run = { row, left: start, right: prev, id: allRuns.length };
      parent.push(run.id);
      allRuns.push(run);
      runs.push(run);
      start = c;
      prev = c;
    }
    runsByRow.set(row, runs);
    const above = runsByRow.get(row - 1);
    if (above) {
      for (const r of runs) for (const a of above) if (r.left <= a.right + 1 && a.left <= r.right + 1) union(r.id, a.id);
    }
  }
  const regions = new Map<number, Region>();
  for (const run of allRuns) {
    const root = find(run.id);
    const reg = regions.get(root);
    if (!reg) regions.set(root, { top: run.row, left: run.left, bottom: run.row, right: run.right });
    else {
      reg.top = Math.min(reg.top, run.row);
      reg.bottom = Math.max(reg.bottom, run.row);
      reg.left = Math.min(reg.left, run.left);
      reg.right = Math.max(reg.right, run.right);
    }
  }
  return mergeAcrossBlankRow([...regions.values()].sort((a, b) => a.top - b.top || a.left - b.left), view);
}

/** Does the row hold a number (or a formula) in the region's columns? */
function hasFigures(view: SheetView, row: number, left: number, right: number): boolean {
  for (let c = left; c <= right; c++) {
    if (typeof view.value(row, c) === 'number' || view.formula(row, c)) return true;
  }
  return false;
}

/**
 * Rejoins a block whose rows continue after one blank row with figures in the same columns
 * (a total row set apart, a second group of lines), so long as the lower block does not start
 * with a header of its own.
 */
function mergeAcrossBlankRow(regions: Region[], view: SheetView): Region[] {
  const out: Region[] = [];
  for (const reg of regions) {
    const prev = out.find(
      (p) =>
        reg.top === p.bottom + 2 &&
        reg.left >= p.left - 1 &&
        reg.right <= p.right + 1 &&
        p.right - p.left >= 1 &&
        hasFigures(view, reg.top, reg.left, reg.right) &&
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
