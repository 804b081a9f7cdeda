/**
 * Reading sheets in blocks sized to what Excel's responses really weigh. The first block of a sheet
 * is planned on the cautious estimate (DEFAULT_BUDGET's bytes per cell); each response is then
 * measured (the JSON of what came back) and the sheet's bytes per cell remembered, so later blocks
 * of the sheet, and every later read while the pane is open, fill most of a sync. A batch Excel
 * finds too large is halved and the sheet's rate doubled, so the halving is not paid again.
 * Pure arithmetic; no Office.js here.
 */
import { blockCells, type Batch, type Block, type ReadBudget, type SheetExtent } from './blocks';

/** Length of JSON.stringify(value), without building the string (responses can be megabytes). */
export function jsonBytes(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).length : 4;
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (typeof value === 'string') {
    let plain = true;
    for (let i = 0; i < value.length && plain; i++) {
      const code = value.charCodeAt(i);
      plain = code >= 0x20 && code !== 0x22 && code !== 0x5c; // JSON escapes control characters, " and \\
    }
    return plain ? value.length + 2 : JSON.stringify(value).length;
  }
  if (Array.isArray(value)) {
    let n = 2 + Math.max(0, value.length - 1);
    for (const v of value) n += jsonBytes(v);
    return n;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    let n = 2 + Math.max(0, entries.length - 1);
    for (const [k, v] of entries) n += JSON.stringify(k).length + 1 + jsonBytes(v);
    return n;
  }
  return 0;
}

/** Bytes per cell learned for each sheet, kept by the port while the pane is open. */
export type LearnedRates = Map<string, number>;

interface Cursor {
  extent: SheetExtent;
  /** Rows of the extent already handed out. */
  done: number;
}

/**
 * Hands out batches of row blocks, in sheet order, each filling one sync's budget at the sheet's
 * learned rate (or the budget's estimate for a sheet not yet measured).
 */
export class ReadPlanner {
  private readonly cursors: Cursor[];
  private readonly retries: Batch[] = [];

  constructor(
    extents: SheetExtent[],
    private readonly budget: ReadBudget,
    private readonly learned: LearnedRates,
  ) {
    this.cursors = extents.filter((e) => e.rows > 0 && e.cols > 0).map((extent) => ({ extent, done: 0 }));
  }

  /** Estimated response bytes of one cell of this sheet. */
  rateOf(sheet: string): number {
    return this.learned.get(sheet) ?? this.budget.bytesPerCell;
  }

  blockBytes(block: Block): number {
    return (
      blockCells(block) * this.rateOf(block.sheet) + (block.rowsByRow ? block.rows * this.budget.bytesPerHiddenRow : 0)
    );
  }

  batchBytes(batch: Batch): number {
    return batch.blocks.reduce((n, b) => n + this.blockBytes(b), 0);
  }

  /** The next batch to send, or null when every row has been handed out. */
  next(): Batch | null {
    const retry = this.retries.shift();
    if (retry) return retry;
    const blocks: Block[] = [];
    let bytes = 0;
    let cells = 0;
    while (this.cursors.length > 0) {
      const cur = this.cursors[0];
      const e = cur.extent;
      const perRow = e.cols * this.rateOf(e.sheet) + (e.rowsByRow ? this.budget.bytesPerHiddenRow : 0);
      const byBytes = Math.floor((this.budget.maxResponseBytes - bytes) / Math.max(1, perRow));
      const byCells = Math.floor((this.budget.maxCellsPerSync - cells) / Math.max(1, e.cols));
      let rows = Math.min(byBytes, byCells, e.rows - cur.done);
      if (rows < 1) {
        if (blocks.length > 0) break;
        rows = 1; // a row wider than the budget still goes, alone
      }
      const block: Block = { sheet: e.sheet, row: e.row + cur.done, col: e.col, rows, cols: e.cols };
      if (e.rowsByRow) block.rowsByRow = true;
      blocks.push(block);
      bytes += rows * perRow;
      cells += rows * e.cols;
      cur.done += rows;
      if (cur.done >= e.rows) this.cursors.shift();
      // A sheet not yet measured goes alone in its first batch, so that its rate is learned before
      // the rest of it is planned.
      if (!this.learned.has(e.sheet) && rows > 0 && cur.done < e.rows) break;
    }
    return blocks.length > 0 ? { blocks } : null;
  }

  /** What a block's response weighed (JSON bytes of its values, formulas and formats). */
  learn(block: Block, responseBytes: number): void {
    const cells = blockCells(block);
    if (cells <= 0) return;
    const rowBytes = block.rowsByRow ? block.rows * this.budget.bytesPerHiddenRow : 0;
    const rate = Math.max(1, (responseBytes - rowBytes) / cells);
    // The densest block seen so far sets the sheet's rate: a sheet is planned for its heaviest rows.
    this.learned.set(block.sheet, Math.max(this.learned.get(block.sheet) ?? 0, rate));
  }

  /**
   * Excel found a batch too large: its halves go next, and each of its sheets' rates is doubled
   * (the estimate was at least that far out), remembered for the rest of this read and later ones.
   */
  tooLarge(batch: Batch, halves: [Batch, Batch]): void {
    for (const sheet of new Set(batch.blocks.map((b) => b.sheet))) this.learned.set(sheet, this.rateOf(sheet) * 2);
    this.retries.unshift(...halves);
  }

  /** Sends a batch again as it was (after dropping what rode on it). */
  again(batch: Batch): void {
    this.retries.unshift(batch);
  }
}
