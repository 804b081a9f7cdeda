/** The sheet view's sizes and styles (SheetView.tsx, SheetCells.tsx). */
import { makeStyles, tokens } from '@fluentui/react-components';

/** Row height and row-number column width, in pixels. */
export const ROW_HEIGHT = 20;
export const HEAD_WIDTH = 52;
/** A cell's padding either side and its right border: what its text has less than its width. */
export const CELL_INSET = 3 + 3 + 1;

export const useSheetStyles = makeStyles({
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
  // The selected cell's address above the grid, as Excel's name box shows it, in sight with the cell.
  nameBar: {
    flexShrink: 0,
    padding: '2px 8px',
    minHeight: '20px',
    lineHeight: '20px',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
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
  // The frozen rows are opaque, as the sheet is: the rows scrolled under them never show through.
  head: { position: 'sticky', top: 0, zIndex: 3, backgroundColor: tokens.colorNeutralBackground1 },
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
  // Text running on into empty neighbours: a box over the columns it may take, clipping it there.
  flowBox: { position: 'absolute', top: 0, bottom: 0, overflow: 'hidden', pointerEvents: 'none' },
  flowText: { position: 'absolute', top: 0, padding: '0 3px', whiteSpace: 'nowrap' },
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
