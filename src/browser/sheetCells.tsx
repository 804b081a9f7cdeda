/**
 * The cells of one row of the sheet view over a run of columns, as Excel draws them: merged cells
 * once across the columns they cover, text running on into empty neighbours and stopping at the
 * first that holds anything, numbers too wide for their column as "###" (src/xlsx/viewFlow.ts).
 */
import { mergeClasses } from '@fluentui/react-components';
import type { CSSProperties, ReactNode } from 'react';
import type { SheetViewModel, ViewSelection } from '../app/sheetView';
import { a1 } from '../engine/grid';
import { fitNumber, overflowSpan, type FlowCell } from '../xlsx/viewFlow';
import type { ViewSheet } from '../xlsx/view';
import { cellFont, measurer } from './measure';
import { CELL_INSET, HEAD_WIDTH, ROW_HEIGHT, useSheetStyles } from './sheetStyles';

/** What drawing a row's cells needs from the grid. */
export interface CellsContext {
  model: SheetViewModel;
  info: ViewSheet;
  styles: ReturnType<typeof useSheetStyles>;
  /** Each column's left edge from column A's, and the last one's right edge. */
  starts: number[];
  sel: ViewSelection | null;
  frozenRows: number;
  frozenCols: number;
  /** The first row drawn below the frozen ones. */
  firstBody: number;
  flowRow: (row: number) => (FlowCell | null)[];
  /** The grid's font family and size, once known (numbers are measured in it). */
  font: { family: string; size: string } | null;
  onPick: (row: number, col: number) => void;
}

function within(sel: ViewSelection | null, row: number, col: number): boolean {
  return !!sel && row >= sel.range.top && row <= sel.range.bottom && col >= sel.range.left && col <= sel.range.right;
}

/** The DOM id of a cell of the grid (the active one is the grid's aria-activedescendant). */
export function cellId(address: string): string {
  return `plancheck-sheet-cell-${address}`;
}

/** Where a cell's text is drawn when it runs on over the columns from..to. */
function runOn(
  starts: number[],
  col: number,
  span: { from: number; to: number },
  align: FlowCell['align'],
): { box: CSSProperties; text: CSSProperties } {
  const box = { left: starts[span.from] - starts[col], width: starts[span.to + 1] - starts[span.from] };
  const before = starts[col] - starts[span.from];
  const text: CSSProperties =
    align === 'left'
      ? { left: before }
      : align === 'right'
        ? { right: starts[span.to + 1] - starts[col + 1] }
        : { left: before + (starts[col + 1] - starts[col]) / 2, transform: 'translateX(-50%)' };
  return { box, text };
}

/** The cells of one row over a run of columns (all frozen, or all scrolling). */
export function drawCells(
  x: CellsContext,
  row: number,
  list: number[],
  frozen: boolean,
  lastFrozenRow: boolean,
): ReactNode[] {
  const { model, info, styles, starts, sel, frozenCols, frozenRows, firstBody } = x;
  const sheet = info.name;
  const out: ReactNode[] = [];
  const last = list[list.length - 1];
  const flows = x.flowRow(row);
  // Text stops at the edge of the frozen pane, as in Excel.
  const [lo, hi] = frozen ? [0, frozenCols - 1] : [frozenCols, info.columnCount - 1];
  for (let k = 0; k < list.length; k++) {
    const col = list[k];
    const merge = model.mergeAt(sheet, row, col);
    let width = info.widths[col];
    let height = ROW_HEIGHT;
    let span = 1;
    if (merge) {
      const drawnFrom = Math.max(merge.left, list[0]);
      if (col !== drawnFrom) continue;
      const to = Math.min(merge.right, last);
      width = starts[to + 1] - starts[col];
      span = to - col + 1;
      // A merge is drawn from its top row; when that row has scrolled out of the rows drawn, from
      // the first row drawn instead, so a tall merged cell does not vanish while still in sight.
      const carried = row !== merge.top && row === firstBody && merge.top >= frozenRows && merge.top < firstBody;
      if (row !== merge.top && !carried) {
        out.push(<div key={col} className={styles.covered} style={{ width }} role="presentation" />);
        continue;
      }
      height = ROW_HEIGHT * (merge.bottom - row + 1);
    }
    const c = model.cell(sheet, merge ? merge.top : row, merge ? merge.left : col);
    const flow = merge ? null : flows[col];
    const measure = c?.text && x.font ? measurer(cellFont(x.font, c.bold, c.italic)) : null;
    const room = width - CELL_INSET;
    let text: ReactNode = c?.text;
    let label: string | undefined;
    let spill = false;
    if (c?.text && measure && flow) {
      if (flow.kind === 'number' || flow.kind === 'general') {
        const shown = fitNumber(c.text, flow.kind, room, measure);
        if (shown !== c.text) [text, label] = [shown, c.text];
      } else if (flow.flows && measure(c.text) > room) {
        const reach = overflowSpan(flows, col, lo, hi);
        if (reach.from < col || reach.to > col) {
          const at = runOn(starts, col, reach, flow.align);
          spill = true;
          text = (
            <span className={styles.flowBox} style={at.box}>
              <span className={styles.flowText} style={at.text}>
                {c.text}
              </span>
            </span>
          );
        }
      }
    }
    const address = a1(row, col);
    const isSelected = within(sel, row, col);
    const isActive = !!sel && sel.row === row && sel.col === col;
    const className = mergeClasses(
      styles.cell,
      spill && styles.spill,
      frozen && styles.frozen,
      frozen && col === frozenCols - 1 && styles.frozenEdge,
      lastFrozenRow && styles.frozenRowEdge,
      !!merge && styles.merged,
      isSelected && styles.selected,
      isActive && styles.active,
    );
    out.push(
      <div
        key={col}
        id={cellId(address)}
        role="gridcell"
        aria-colindex={col + 2}
        aria-colspan={span > 1 ? span : undefined}
        aria-rowspan={merge && merge.bottom > merge.top ? merge.bottom - merge.top + 1 : undefined}
        aria-selected={isSelected}
        aria-readonly="true"
        aria-label={label}
        data-address={address}
        className={className}
        style={{
          width,
          height,
          left: frozen ? HEAD_WIDTH + starts[col] : undefined,
          backgroundColor: c?.fill ?? undefined,
          color: c?.color ?? (c?.fill ? '#000000' : undefined),
          fontWeight: c?.bold ? 600 : undefined,
          fontStyle: c?.italic ? 'italic' : undefined,
          textAlign: c?.align,
        }}
        onMouseDown={(e) => {
          e.preventDefault();
          x.onPick(row, col);
        }}
      >
        {text}
      </div>,
    );
  }
  return out;
}
