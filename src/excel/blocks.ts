/**
 * Planning a read in row blocks, so that no response from Excel goes over Excel on the web's
 * 5 MB payload limit or the 5,000,000-cell limit. Pure arithmetic; no Office.js here.
 *
 * A block is one rectangle of one sheet (loaded as one range: values, formulas, numberFormat).
 * A batch is the blocks queued before one `context.sync()`: small sheets share a batch, a large
 * sheet is cut into blocks of whole rows that each fill most of a batch.
 */

export interface ReadBudget {
  /** Estimated response bytes allowed per sync. Excel on the web fails at 5 MB; stay well under. */
  maxResponseBytes: number;
  /** Conservative estimate of response bytes per cell for values + formulas + numberFormat. */
  bytesPerCell: number;
  /**
   * Extra response bytes per row when hidden rows are read row by row (Range.getRowProperties: each
   * row's address, local address, index and rowHidden).
   */
  bytesPerHiddenRow: number;
  /** Cells allowed per sync (Excel's read limit is 5,000,000). */
  maxCellsPerSync: number;
}

/** 3 arrays x about 40 bytes a cell (a long number, a format code, JSON quoting and commas). */
export const DEFAULT_BUDGET: ReadBudget = {
  maxResponseBytes: 4_000_000,
  bytesPerCell: 3 * 40,
  bytesPerHiddenRow: 120,
  maxCellsPerSync: 4_000_000,
};

export interface SheetExtent {
  sheet: string;
  /** 0-based top row and left column of the used range. */
  row: number;
  col: number;
  rows: number;
  cols: number;
  /** True when some rows are hidden and some not, so hidden rows are read row by row. */
  rowsByRow?: boolean;
}

export interface Block {
  sheet: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
  rowsByRow?: boolean;
}

export interface Batch<B extends Block = Block> {
  blocks: B[];
}

/** Estimated response bytes of a batch. */
export function batchBytes(batch: Batch, budget: ReadBudget): number {
  return batch.blocks.reduce((n, b) => n + blockBytes(b, budget), 0);
}

export function blockBytes(block: Block, budget: ReadBudget): number {
  return block.rows * block.cols * budget.bytesPerCell + (block.rowsByRow ? block.rows * budget.bytesPerHiddenRow : 0);
}

export function blockCells(block: Block): number {
  return block.rows * block.cols;
}

/** Rows per block for a sheet this wide: floor(budget / (cols x bytesPerCell)), capped by cells; at least 1. */
export function rowsPerBlock(cols: number, budget: ReadBudget, rowsByRow = false): number {
  const perRow = cols * budget.bytesPerCell + (rowsByRow ? budget.bytesPerHiddenRow : 0);
  const byBytes = Math.floor(budget.maxResponseBytes / Math.max(1, perRow));
  const byCells = Math.floor(budget.maxCellsPerSync / Math.max(1, cols));
  return Math.max(1, Math.min(byBytes, byCells));
}

/** Cuts every sheet's used range into row blocks that each fit one sync. */
export function planBlocks(extents: SheetExtent[], budget: ReadBudget = DEFAULT_BUDGET): Block[] {
  const blocks: Block[] = [];
  for (const e of extents) {
    if (e.rows <= 0 || e.cols <= 0) continue;
    const step = rowsPerBlock(e.cols, budget, e.rowsByRow);
    for (let r = 0; r < e.rows; r += step) {
      blocks.push({
        sheet: e.sheet,
        row: e.row + r,
        col: e.col,
        rows: Math.min(step, e.rows - r),
        cols: e.cols,
        rowsByRow: e.rowsByRow,
      });
    }
  }
  return blocks;
}

/** Packs blocks, in order, into batches whose estimated response and cell count fit one sync. */
export function packBatches<B extends Block>(blocks: B[], budget: ReadBudget = DEFAULT_BUDGET): Batch<B>[] {
  const batches: Batch<B>[] = [];
  let current: B[] = [];
  let bytes = 0;
  let cells = 0;
  for (const b of blocks) {
    const bb = blockBytes(b, budget);
    const bc = blockCells(b);
    if (current.length > 0 && (bytes + bb > budget.maxResponseBytes || cells + bc > budget.maxCellsPerSync)) {
      batches.push({ blocks: current });
      current = [];
      bytes = 0;
      cells = 0;
    }
    current.push(b);
    bytes += bb;
    cells += bc;
  }
  if (current.length > 0) batches.push({ blocks: current });
  return batches;
}

/**
 * Halves a batch that Excel found too large: a batch of several blocks splits between them, a
 * single block splits its rows. Returns null when it is a single row and cannot be split.
 */
export function splitBatch<B extends Block>(batch: Batch<B>): [Batch<B>, Batch<B>] | null {
  if (batch.blocks.length > 1) {
    const mid = Math.ceil(batch.blocks.length / 2);
    return [{ blocks: batch.blocks.slice(0, mid) }, { blocks: batch.blocks.slice(mid) }];
  }
  const b = batch.blocks[0];
  if (!b || b.rows < 2) return null;
  const top = Math.ceil(b.rows / 2);
  return [{ blocks: [{ ...b, rows: top }] }, { blocks: [{ ...b, row: b.row + top, rows: b.rows - top }] }];
}
