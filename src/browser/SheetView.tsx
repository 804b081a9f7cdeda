/**
 * The open workbook, read only, beside the pane on the browser page: sheet tabs, column letters and
 * row numbers, each cell's text under its number format with its fill (PlanCheck's marks included),
 * bold and italic, merged cells, and the workbook's frozen rows and columns, opaque as in Excel.
 * Text runs on into empty neighbours as in Excel, and numbers too wide for their column show "###"
 * (sheetCells.tsx). Above the grid, the selected cell's address.
 *
 * Rows and columns are virtualised with @tanstack/react-virtual: only the cells in sight (and a few
 * beyond) are in the page, and their rows are read from the workbook in blocks as they scroll into
 * view, so a 100,000-row sheet opens and scrolls as a small one does.
 *
 * An ARIA grid: `role="grid"` with rows, column and row headers and `role="gridcell"` cells, each
 * with its address in `data-address`; the selected cells are `aria-selected="true"` and the active
 * one is the grid's `aria-activedescendant`. Arrow keys, Page Up/Down, Home and Ctrl+Home move the
 * selection. The selection is the port's: the pane's actions use it, and going to a finding, a risk
 * or a table in the pane selects and scrolls to it here, keeping the row labels beside it in view
 * where they fit, and brings the cell and its address into the window when the sheet is below the
 * pane (a narrow window), no further than keeps the pane's answer to an insert in sight. An insert
 * selects what it inserted, so the view shows its sheet and scrolls to it.
 */
import { mergeClasses, Tab, TabList, Text } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type MutableRefObject,
  type ReactNode,
} from 'react';
import type { SheetViewModel, ViewSelection } from '../app/sheetView';
import { a1, columnLetter, rangeA1 } from '../engine/grid';
import type { ViewSheet } from '../xlsx/view';
import { labelColumns, revealBy, scrollToSpan, type FlowCell, type FlowSource } from '../xlsx/viewFlow';
import { cellId, drawCells } from './sheetCells';
import { HEAD_WIDTH, ROW_HEIGHT, useSheetStyles } from './sheetStyles';

const PAGE_ROWS = 20;

interface GridProps {
  model: SheetViewModel;
  flow: FlowSource;
  info: ViewSheet;
  version: number;
  /** Whether going to this selection should bring it into the window too: asked once for each. */
  reveal: (sel: ViewSelection) => boolean;
  /** Set when the grid itself picks a cell (mouse, keys). */
  picked: MutableRefObject<boolean>;
  /** The sheet view's own box, the "Selected" line at its top. */
  section: MutableRefObject<HTMLElement | null>;
}

function SheetGrid({ model, flow, info, version, reveal, picked, section }: GridProps) {
  const styles = useSheetStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const sheet = info.name;
  const sel = model.selection();
  const selHere = sel && sel.sheet === sheet ? sel : null;
  const starts = useMemo(() => {
    const s = [0];
    for (const w of info.widths) s.push(s[s.length - 1] + w);
    return s;
  }, [info.widths]);
  // The view's own size: frozen panes that would take most of it are not kept frozen (in a narrow
  // window the columns after them could not be seen at all).
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [font, setFont] = useState<{ family: string; size: string } | null>(null);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const seen = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    seen();
    const style = getComputedStyle(el);
    setFont({ family: style.fontFamily, size: style.fontSize });
    const observer = new ResizeObserver(seen);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const wantCols = Math.min(info.frozenCols, info.columnCount - 1);
  const wantRows = Math.min(info.frozenRows, info.rowCount - 1);
  const frozenCols = HEAD_WIDTH + starts[wantCols] <= size.width * 0.6 ? wantCols : 0;
  const frozenRows = ROW_HEIGHT * (wantRows + 1) <= size.height * 0.6 ? wantRows : 0;
  const frozenWidth = starts[frozenCols];
  const headHeight = ROW_HEIGHT * (1 + frozenRows);

  // How each row's text lays out, read once per row while nothing changes.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const flows = useMemo(() => new Map<number, (FlowCell | null)[]>(), [version, sheet]);
  const flowRow = (row: number) => {
    let f = flows.get(row);
    if (!f) flows.set(row, (f = flow.flowRow(sheet, row, info.columnCount)));
    return f;
  };

  const rows = useVirtualizer({
    count: info.rowCount - frozenRows,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    paddingStart: headHeight,
    scrollPaddingStart: headHeight,
    overscan: 10,
  });
  const cols = useVirtualizer({
    horizontal: true,
    count: info.columnCount - frozenCols,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => info.widths[frozenCols + i] ?? 64,
    paddingStart: HEAD_WIDTH + frozenWidth,
    scrollPaddingStart: HEAD_WIDTH + frozenWidth,
    overscan: 2,
  });

  // Going to a cell or range scrolls it into sight, as little as it must (a range bigger than the
  // view from its top left); gone to from the pane, with the row labels left of it where they fit
  // beside it, and with the cell and the "Selected" line above the grid brought into the window.
  // Once the view has its size (a sheet just shown is laid out first), a frame later.
  const ready = size.width > 0 && size.height > 0;
  useEffect(() => {
    const el = scroller.current;
    if (!selHere || !ready || !el) return;
    const frame = requestAnimationFrame(() => {
      const fromGrid = picked.current;
      picked.current = false;
      const { top, left, bottom, right } = selHere.range;
      if (top >= frozenRows) {
        const at = (r: number) => (r - frozenRows) * ROW_HEIGHT;
        const view = el.clientHeight - headHeight;
        rows.scrollToOffset(scrollToSpan(at(top), at(bottom + 1), [], view, el.scrollTop));
      }
      if (left >= frozenCols) {
        const at = (c: number) => starts[c] - frozenWidth;
        // A cell picked in the grid is only brought fully into sight: the view does not move under the mouse.
        const labels = fromGrid
          ? []
          : labelColumns((r, c) => flowRow(r)[c]?.kind === 'text', top, left, frozenCols, {
              top: frozenRows,
              bottom: info.rowCount - 1,
            });
        const view = el.clientWidth - HEAD_WIDTH - frozenWidth;
        cols.scrollToOffset(scrollToSpan(at(left), at(right + 1), labels.map(at), view, el.scrollLeft));
      }
      const wanted = reveal(selHere);
      if (fromGrid || !wanted) return;
      const grid = el.getBoundingClientRect();
      const y = top < frozenRows ? ROW_HEIGHT * (1 + top) : headHeight + ROW_HEIGHT * (top - frozenRows) - el.scrollTop;
      const cellTop = grid.top + el.clientTop + y;
      const lineTop = section.current?.getBoundingClientRect().top ?? grid.top;
      const by = keepInSight(revealBy(lineTop, cellTop, cellTop + ROW_HEIGHT, window.innerHeight));
      if (by) window.scrollBy(0, by);
    });
    return () => cancelAnimationFrame(frame);
    // Only when the selection changes (or the view first has its size), not on every scroll.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sel, ready]);

  const virtualCols = cols.getVirtualItems();
  const visibleCols = virtualCols.map((c) => c.index + frozenCols);
  const spacer = virtualCols.length > 0 ? virtualCols[0].start - (HEAD_WIDTH + frozenWidth) : 0;
  const frozenColList = Array.from({ length: frozenCols }, (_v, i) => i);

  const select = useCallback(
    (row: number, col: number) => {
      picked.current = true;
      void model.selectCell(sheet, row, col);
    },
    [model, sheet, picked],
  );

  const onKeyDown = (e: React.KeyboardEvent) => {
    const at = selHere ?? { row: 0, col: 0 };
    let { row, col } = at;
    const merge = model.mergeAt(sheet, row, col);
    switch (e.key) {
      case 'ArrowDown':
        row = (merge ? merge.bottom : row) + 1;
        break;
      case 'ArrowUp':
        row -= 1;
        break;
      case 'ArrowRight':
        col = (merge ? merge.right : col) + 1;
        break;
      case 'ArrowLeft':
        col -= 1;
        break;
      case 'PageDown':
        row += PAGE_ROWS;
        break;
      case 'PageUp':
        row -= PAGE_ROWS;
        break;
      case 'Home':
        col = 0;
        if (e.ctrlKey || e.metaKey) row = 0;
        break;
      case 'End':
        // As in Excel: to the last used column, and with Ctrl to the last used cell.
        if (e.ctrlKey || e.metaKey) row = info.usedRowCount - 1;
        col = info.usedColumnCount - 1;
        break;
      default:
        return;
    }
    e.preventDefault();
    row = Math.max(0, Math.min(info.rowCount - 1, row));
    col = Math.max(0, Math.min(info.columnCount - 1, col));
    select(row, col);
  };

  const bodyRows = rows.getVirtualItems();
  const drawing = {
    model,
    info,
    styles,
    starts,
    sel: selHere,
    frozenRows,
    frozenCols,
    firstBody: (bodyRows[0]?.index ?? 0) + frozenRows,
    flowRow,
    font,
    onPick: (row: number, col: number) => {
      scroller.current?.focus();
      select(row, col);
    },
  };

  const rowOf = (row: number, lastFrozenRow: boolean): ReactNode => (
    <>
      <div
        role="rowheader"
        className={mergeClasses(
          styles.header,
          styles.rowHead,
          !!selHere && row >= selHere.range.top && row <= selHere.range.bottom && styles.headSelected,
        )}
        style={{ width: HEAD_WIDTH }}
      >
        {row + 1}
      </div>
      {drawCells(drawing, row, frozenColList, true, lastFrozenRow)}
      <div role="presentation" style={{ width: spacer, flexShrink: 0 }} />
      {drawCells(drawing, row, visibleCols, false, lastFrozenRow)}
    </>
  );

  const width = cols.getTotalSize();
  const active = selHere ? cellId(a1(selHere.range.top, selHere.range.left)) : undefined;
  const columnHead = (col: number, frozen: boolean) => (
    <div
      key={col}
      role="columnheader"
      aria-colindex={col + 2}
      className={mergeClasses(
        styles.header,
        frozen && styles.frozen,
        frozen && col === frozenCols - 1 && styles.frozenEdge,
        !!selHere && col >= selHere.range.left && col <= selHere.range.right && styles.headSelected,
      )}
      style={{ width: info.widths[col], left: frozen ? HEAD_WIDTH + starts[col] : undefined }}
    >
      {columnLetter(col)}
    </div>
  );

  return (
    <div
      ref={scroller}
      className={styles.scroller}
      role="grid"
      aria-label={`${sheet}, read only`}
      aria-readonly="true"
      aria-rowcount={info.rowCount + 1}
      aria-colcount={info.columnCount + 1}
      aria-activedescendant={active}
      data-testid="sheet-grid"
      data-sheet={sheet}
      data-version={version}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className={styles.inner} style={{ width, height: rows.getTotalSize() }}>
        <div className={styles.head} style={{ width, height: headHeight }}>
          <div role="row" aria-rowindex={1} className={styles.row}>
            <div className={mergeClasses(styles.header, styles.corner)} style={{ width: HEAD_WIDTH }} />
            {frozenColList.map((c) => columnHead(c, true))}
            <div role="presentation" style={{ width: spacer, flexShrink: 0 }} />
            {visibleCols.map((c) => columnHead(c, false))}
          </div>
          {Array.from({ length: frozenRows }, (_v, r) => (
            <div key={r} role="row" aria-rowindex={r + 2} className={styles.row}>
              {rowOf(r, r === frozenRows - 1)}
            </div>
          ))}
        </div>
        {bodyRows.map((v) => {
          const row = v.index + frozenRows;
          return (
            <div
              key={row}
              role="row"
              aria-rowindex={row + 2}
              className={mergeClasses(styles.row, styles.bodyRow)}
              style={{ width, transform: `translateY(${v.start}px)` }}
            >
              {rowOf(row, false)}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/**
 * How far down the window may scroll and keep in sight the pane's answer to the button just pressed
 * (an insert's confirmation, marked `data-keep-in-view`, src/taskpane/InsertOutcome.tsx): the sheet
 * comes up as far as it can under it.
 */
function keepInSight(by: number): number {
  if (by <= 0) return by;
  let top = Infinity;
  for (const el of document.querySelectorAll('[data-keep-in-view]')) {
    const box = el.getBoundingClientRect();
    if (box.height > 0) top = Math.min(top, box.top);
  }
  return Math.max(0, Math.min(by, top - 8));
}

/** "Selected Plan!C66" (or a range), as the pane says it. */
function selectedText(sel: ViewSelection | null): string {
  if (!sel) return 'No cell selected';
  const { top, left, bottom, right } = sel.range;
  const at = top === bottom && left === right ? a1(top, left) : rangeA1(top, left, bottom, right);
  return `Selected ${sel.sheet}!${at}`;
}

/**
 * The sheet view: the selected cell's address, the grid of the sheet shown, and the workbook's sheet
 * tabs. `flow` tells how each cell's text lays out (the exceljs port's XlsxSheetView).
 */
export function SheetView({ model, flow }: { model: SheetViewModel; flow: FlowSource }) {
  const styles = useSheetStyles();
  const version = useSyncExternalStore(
    useCallback((cb: () => void) => model.subscribe(cb), [model]),
    () => model.version,
  );
  const sheets = model.sheets();
  const sel = model.selection();
  const [shown, setShown] = useState<string | null>(sheets[0]?.name ?? null);
  // Going to a cell on another sheet shows that sheet.
  useEffect(() => {
    if (sel && sel.sheet !== shown) setShown(sel.sheet);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sel]);
  const info = (shown ? model.sheet(shown) : undefined) ?? sheets[0];
  // The page is scrolled to each selection once (not again when its sheet is shown again), and not to
  // the selection the workbook opened with, nor to a cell picked in the grid itself.
  const seen = useRef(sel);
  const picked = useRef(false);
  const section = useRef<HTMLElement | null>(null);
  const reveal = useCallback((s: ViewSelection) => {
    const first = s !== seen.current;
    seen.current = s;
    return first;
  }, []);

  return (
    <section ref={section} className={styles.root} aria-label="Workbook" data-testid="sheet-view">
      <div className={styles.nameBar} data-testid="sheet-selection">
        {selectedText(sel)}
      </div>
      {info ? (
        <SheetGrid
          key={info.name}
          model={model}
          flow={flow}
          info={info}
          version={version}
          reveal={reveal}
          picked={picked}
          section={section}
        />
      ) : (
        <Text className={styles.empty}>This workbook has no sheet to show.</Text>
      )}
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={info?.name}
        onTabSelect={(_e, data) => setShown(String(data.value))}
        aria-label="Sheets"
      >
        {sheets.map((s) => (
          <Tab key={s.name} value={s.name}>
            {s.name}
          </Tab>
        ))}
      </TabList>
    </section>
  );
}
