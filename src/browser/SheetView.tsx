/**
 * The open workbook, read only, beside the pane on the browser page: sheet tabs, column letters and
 * row numbers, each cell's text under its number format with its fill (PlanCheck's marks included),
 * bold and italic, merged cells, and the workbook's frozen rows and columns.
 *
 * Rows and columns are virtualised with @tanstack/react-virtual: only the cells in sight (and a few
 * beyond) are in the page, and their rows are read from the workbook in blocks as they scroll into
 * view, so a 100,000-row sheet opens and scrolls as a small one does.
 *
 * An ARIA grid: `role="grid"` with rows, column and row headers and `role="gridcell"` cells, each
 * with its address in `data-address`; the selected cells are `aria-selected="true"` and the active
 * one is the grid's `aria-activedescendant`. Arrow keys, Page Up/Down, Home and Ctrl+Home move the
 * selection. The selection is the port's: the pane's actions use it, and going to a finding, a risk
 * or a table in the pane selects and scrolls to it here.
 */
import { makeStyles, mergeClasses, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { SheetViewModel, ViewSelection } from '../app/sheetView';
import { a1, columnLetter } from '../engine/grid';
import type { ViewSheet } from '../xlsx/view';

/** Row height and row-number column width, in pixels. */
export const ROW_HEIGHT = 20;
const HEAD_WIDTH = 52;
const PAGE_ROWS = 20;

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    minHeight: 0,
    height: '100%',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    overflow: 'hidden',
  },
  scroller: {
    flexGrow: 1,
    minHeight: 0,
    overflow: 'auto',
    position: 'relative',
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  inner: { position: 'relative' },
  head: { position: 'sticky', top: 0, zIndex: 3 },
  row: { display: 'flex', height: `${ROW_HEIGHT}px` },
  bodyRow: { position: 'absolute', top: 0, left: 0 },
  cell: {
    boxSizing: 'border-box',
    flexShrink: 0,
    height: `${ROW_HEIGHT}px`,
    lineHeight: `${ROW_HEIGHT - 1}px`,
    padding: '0 3px',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'clip',
    borderRight: `1px solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    cursor: 'cell',
    position: 'relative',
  },
  spill: { overflow: 'visible', zIndex: 1 },
  frozen: { position: 'sticky', zIndex: 2, backgroundColor: tokens.colorNeutralBackground1 },
  frozenEdge: { borderRight: `2px solid ${tokens.colorNeutralStroke1}` },
  frozenRowEdge: { borderBottom: `2px solid ${tokens.colorNeutralStroke1}` },
  merged: { zIndex: 1, backgroundColor: tokens.colorNeutralBackground1 },
  covered: { flexShrink: 0 },
  header: {
    boxSizing: 'border-box',
    flexShrink: 0,
    height: `${ROW_HEIGHT}px`,
    lineHeight: `${ROW_HEIGHT - 1}px`,
    textAlign: 'center',
    overflow: 'hidden',
    color: tokens.colorNeutralForeground3,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  rowHead: { position: 'sticky', left: 0, zIndex: 2 },
  corner: { position: 'sticky', left: 0, zIndex: 4 },
  headSelected: { backgroundColor: tokens.colorNeutralBackground3Selected, color: tokens.colorNeutralForeground1 },
  selected: { boxShadow: `inset 0 0 0 9999px ${tokens.colorBrandBackground2}`, opacity: 0.999 },
  active: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px', zIndex: 2 },
  tabs: {
    flexShrink: 0,
    overflowX: 'auto',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  empty: { padding: '16px' },
});

function within(sel: ViewSelection | null, sheet: string, row: number, col: number): boolean {
  return (
    !!sel &&
    sel.sheet === sheet &&
    row >= sel.range.top &&
    row <= sel.range.bottom &&
    col >= sel.range.left &&
    col <= sel.range.right
  );
}

/** The DOM id of a cell of the grid (the active one is the grid's aria-activedescendant). */
function cellId(address: string): string {
  return `plancheck-sheet-cell-${address}`;
}

function SheetGrid({ model, info, version }: { model: SheetViewModel; info: ViewSheet; version: number }) {
  const styles = useStyles();
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
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const seen = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    seen();
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

  // Going to a cell (from the pane, or by keyboard) scrolls it into sight.
  // (A frame later: a sheet just shown has to be laid out first.)
  useEffect(() => {
    if (!selHere) return;
    const frame = requestAnimationFrame(() => {
      if (selHere.row >= frozenRows) rows.scrollToIndex(selHere.row - frozenRows, { align: 'auto' });
      // A column wider than the view is shown from its left edge, where its text starts.
      const wide = info.widths[selHere.col] > size.width - HEAD_WIDTH - frozenWidth;
      if (selHere.col >= frozenCols) cols.scrollToIndex(selHere.col - frozenCols, { align: wide ? 'start' : 'auto' });
    });
    return () => cancelAnimationFrame(frame);
    // Only when the selection changes, not on every scroll.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sel]);

  const virtualCols = cols.getVirtualItems();
  const visibleCols = virtualCols.map((c) => c.index + frozenCols);
  const spacer = virtualCols.length > 0 ? virtualCols[0].start - (HEAD_WIDTH + frozenWidth) : 0;
  const frozenColList = Array.from({ length: frozenCols }, (_v, i) => i);

  const select = useCallback(
    (row: number, col: number) => {
      void model.selectCell(sheet, row, col);
    },
    [model, sheet],
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
  const firstBody = (bodyRows[0]?.index ?? 0) + frozenRows;

  /** The cells of one row over a run of columns, merged cells drawn once across the columns they cover. */
  const cells = (row: number, list: number[], frozen: boolean, lastFrozenRow: boolean): ReactNode[] => {
    const out: ReactNode[] = [];
    const last = list[list.length - 1];
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
      const address = a1(row, col);
      const isSelected = within(selHere, sheet, row, col);
      const isActive = !!selHere && selHere.row === row && selHere.col === col;
      const className = mergeClasses(
        styles.cell,
        c?.spill && !merge && styles.spill,
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
            scroller.current?.focus();
            select(row, col);
          }}
        >
          {c?.text}
        </div>,
      );
    }
    return out;
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
      {cells(row, frozenColList, true, lastFrozenRow)}
      <div role="presentation" style={{ width: spacer, flexShrink: 0 }} />
      {cells(row, visibleCols, false, lastFrozenRow)}
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

/** The sheet view: the grid of the sheet shown, and the workbook's sheet tabs. */
export function SheetView({ model }: { model: SheetViewModel }) {
  const styles = useStyles();
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

  return (
    <section className={styles.root} aria-label="Workbook" data-testid="sheet-view">
      {info ? (
        <SheetGrid key={info.name} model={model} info={info} version={version} />
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
