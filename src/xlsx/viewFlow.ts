/**
 * How the sheet view lays text out and where it scrolls to, as Excel does; pure, so it is tested
 * without a browser (test/xlsx/viewFlow.test.ts).
 *
 * - Text runs on into the empty cells beside it and stops at the first cell that holds anything
 *   (a value, a formula, a merged cell): left-aligned text to the right, right-aligned text to the
 *   left, centred text both ways. Wrapped, shrunk, filled or justified text and merged cells keep
 *   to their own box.
 * - Numbers (dates and times too) never run on: a number that does not fit its column shows as
 *   "###" across the cell; one in General format first loses decimals, as in Excel.
 * - Going to a cell keeps the row labels (the text columns left of it, a table's line names) in
 *   view when they fit beside it, and otherwise scrolls no more than it must.
 */

/** What a cell holds, as far as laying out its text goes. */
export type FlowKind = 'text' | 'number' | 'general' | 'other' | 'blank';

/**
 * A cell that holds something: `text` (may run on), `number` (dates too; "###" when too narrow),
 * `general` (a number in General format), `other` (TRUE/FALSE, errors: clipped), `blank` (shows
 * nothing but is not empty: a formula giving "", or a cell under a merge). Empty cells are null.
 */
export interface FlowCell {
  kind: FlowKind;
  align: 'left' | 'center' | 'right';
  /** Whether its text may run on into empty neighbours (text, not wrapped, shrunk or merged). */
  flows: boolean;
}

/** Where the sheet view reads a row's cells for laying text out (the exceljs port's XlsxSheetView). */
export interface FlowSource {
  flowRow(sheet: string, row: number, columns: number): (FlowCell | null)[];
}

/**
 * The columns a cell's text may be drawn across: itself and the empty cells it runs on into, in the
 * direction of its alignment, between columns lo and hi (a frozen pane's edge stops text too).
 */
export function overflowSpan(
  cells: readonly (FlowCell | null | undefined)[],
  col: number,
  lo: number,
  hi: number,
): { from: number; to: number } {
  const cell = cells[col];
  if (!cell || !cell.flows) return { from: col, to: col };
  let from = col;
  let to = col;
  if (cell.align !== 'right') while (to + 1 <= hi && !cells[to + 1]) to++;
  if (cell.align !== 'left') while (from - 1 >= lo && !cells[from - 1]) from--;
  return { from, to };
}

/**
 * The text a number shows in a box `width` pixels wide (its padding taken off), measured with
 * `measure`: as it is when it fits; in General format with fewer decimals if that makes it fit;
 * otherwise "#" as many times as fit, as Excel shows a number too wide for its column.
 */
export function fitNumber(text: string, kind: FlowKind, width: number, measure: (s: string) => number): string {
  if ((kind !== 'number' && kind !== 'general') || !text || measure(text) <= width) return text;
  if (kind === 'general') {
    const value = Number(text);
    const decimals = /^-?\d+\.(\d+)$/.exec(text)?.[1].length ?? 0;
    for (let d = decimals - 1; d >= 0 && Number.isFinite(value); d--) {
      const shorter = String(Number(value.toFixed(d)));
      if (measure(shorter) <= width) return shorter;
    }
  }
  const hash = Math.max(1, measure('#'));
  return '#'.repeat(Math.max(1, Math.floor(width / hash)));
}

/** The text columns left of a cell (from column `first`), in rows near it: the row labels to keep in view. */
export function labelColumns(
  isText: (row: number, col: number) => boolean,
  row: number,
  col: number,
  first: number,
  rows: { top: number; bottom: number },
): number[] {
  const out: number[] = [];
  for (let c = first; c < col; c++) {
    for (let r = Math.max(rows.top, row - 5); r <= Math.min(rows.bottom, row + 5); r++) {
      if (isText(r, c)) {
        out.push(c);
        break;
      }
    }
  }
  return out;
}

/**
 * Where to scroll to show the span from `from` to `to` (a selected cell or range, in pixels from the
 * first row or column that scrolls; `view` of them show, scrolled to `current` now). The first of
 * `keep` (the label columns' left edges, left to right) that fits in view with everything from it to
 * the end of the span is kept in view, moving as little as possible; when none fits, the span alone
 * is shown as little moved as possible, from its start if it is bigger than the view.
 */
export function scrollToSpan(from: number, to: number, keep: readonly number[], view: number, current: number): number {
  const clamp = (lo: number, hi: number) => Math.min(hi, Math.max(lo, current));
  for (const k of keep) if (k < from && to - k <= view) return clamp(to - view, k);
  if (to - from > view) return from;
  return clamp(to - view, from);
}

/**
 * How far to scroll the page (a window `height` pixels high) to show the span from `top` to
 * `bottom` (the sheet view's "Selected" line to the cell), moving as little as possible; when the
 * span is taller than the window, the cell (`cellTop` to `bottom`) alone.
 */
export function revealBy(top: number, cellTop: number, bottom: number, height: number): number {
  const from = bottom - top <= height ? top : cellTop;
  if (from < 0) return from;
  if (bottom > height) return Math.min(bottom - height, from);
  return 0;
}
