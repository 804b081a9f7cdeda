/**
 * The browser page's sheet view of the exceljs port's workbook (src/app/sheetView.ts reads it): the
 * sheets a user sees and their layout, the cells of some rows as drawn, and the changes to watch.
 * It reads the port's own state (no second copy of the workbook), and its selection is the port's,
 * so a cell picked in the view is the one the pane's actions use.
 */
import type ExcelJS from 'exceljs';

import type { CellValue } from '../engine/grid';
import { SETTINGS_SHEET } from '../engine/port';
import { cellValue, mergesOf } from './read';
import { T, type ChangeListener, type XlsxState } from './state';
import type { FlowCell, FlowSource } from './viewFlow';
import { localFormat, pageLocale } from './viewLocale';
import { colourOf, conditionalFills, NO_FILLS, solidFillOf, themePalette, type ConditionalFills } from './viewStyle';

/** A sheet's layout for the sheet view: its extent, frozen panes, column widths in pixels, merged ranges. */
export interface ViewSheet {
  name: string;
  /** Rows and columns the view shows: the used ones and some empty ones beyond. */
  rowCount: number;
  columnCount: number;
  /** The last used row and column (1-based counts), where Ctrl+End goes. */
  usedRowCount: number;
  usedColumnCount: number;
  frozenRows: number;
  frozenCols: number;
  widths: number[];
  merges: string[];
}

/** One cell as the sheet view draws it. */
export interface ViewCell {
  value: CellValue;
  numFmt: string | null;
  /** "#RRGGBB" of a solid fill. */
  fill: string | null;
  bold: boolean;
  italic: boolean;
  color: string | null;
  align: 'left' | 'center' | 'right' | null;
}

/** A column's width in characters (exceljs) as pixels, as Excel draws it at 100% (8.43 is 64 px). */
export function columnPixels(width: number | undefined): number {
  const chars = width ?? 8.43;
  return Math.min(600, Math.max(16, Math.round(chars * 7 + 5)));
}

function viewCell(
  cell: ExcelJS.Cell,
  date1904: boolean,
  theme: string[],
  fills: ConditionalFills,
  locale: string,
): ViewCell {
  const style = cell.style ?? {};
  const horizontal = style.alignment?.horizontal;
  const value = cell.type === T.Merge ? null : cellValue(cell, date1904);
  const row = Number(cell.row) - 1;
  const col = Number(cell.col) - 1;
  return {
    value,
    // Excel's built-in short date shows as the locale writes dates (viewLocale.ts).
    numFmt: localFormat(style.numFmt ?? null, locale),
    // A conditional format's fill shows over the cell's own, as in Excel.
    fill: fills.fillAt(row, col, value) ?? solidFillOf(style, theme),
    bold: style.font?.bold === true,
    italic: style.font?.italic === true,
    color: colourOf(style.font?.color, theme),
    align: horizontal === 'left' || horizontal === 'center' || horizontal === 'right' ? horizontal : null,
  };
}

/** How a cell's text lays out (viewFlow.ts): what it holds, its alignment, whether it may run on. */
function flowCell(cell: ExcelJS.Cell): FlowCell | null {
  const v = cell.value;
  const merged = cell.isMerged;
  const formula = cell.type === T.Formula;
  const value = cell.type === T.Merge ? null : cellValue(cell, false);
  if (!merged && !formula && (value === null || value === '')) return null;
  const style = cell.style ?? {};
  const a = style.alignment;
  const error = typeof v === 'object' && v !== null && 'error' in v;
  const kind =
    value === null || value === ''
      ? 'blank'
      : typeof value === 'string' && !error
        ? 'text'
        : typeof value === 'number'
          ? !style.numFmt || style.numFmt === 'General'
            ? 'general'
            : 'number'
          : 'other';
  const h = a?.horizontal;
  const align =
    h === 'right' || h === 'center' || h === 'left'
      ? h
      : h === 'centerContinuous'
        ? 'center'
        : kind === 'number' || kind === 'general'
          ? 'right'
          : kind === 'other'
            ? 'center'
            : 'left';
  const kept = a?.wrapText || a?.shrinkToFit || h === 'fill' || h === 'justify' || h === 'distributed';
  return { kind, align, flows: kind === 'text' && !merged && !kept };
}

/** The sheet view's source over an exceljs port's state (XlsxPort.state). */
export class XlsxSheetView implements FlowSource {
  /**
   * `locale` decides how Excel's built-in short date shows (viewLocale.ts): the page's by default.
   */
  constructor(
    private readonly state: XlsxState,
    private readonly locale: string = pageLocale(),
  ) {}

  /** Tells the listener when the selection or the cells change (a write, undo, marks); returns the unsubscribe. */
  onChange(listener: ChangeListener): () => void {
    this.state.listeners.add(listener);
    return () => this.state.listeners.delete(listener);
  }

  /** Selects a cell or range: the port's selection, which the pane's actions use. */
  async select(sheet: string, cell: string): Promise<void> {
    this.state.select(sheet, cell);
  }

  async selection(): Promise<{ sheet: string; cell: string } | null> {
    return this.state.selected;
  }

  /** The sheets a user sees (not hidden ones, not PlanCheck's settings sheet), in tab order, with their layout. */
  viewSheets(): ViewSheet[] {
    return this.state.workbook.worksheets
      .filter((ws) => ws.name !== SETTINGS_SHEET && ws.state !== 'hidden' && ws.state !== 'veryHidden')
      .map((ws) => {
        const view = (ws.views ?? [])[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
        const frozen = view?.state === 'frozen';
        const columnCount = Math.max(ws.columnCount, 1);
        const widths: number[] = [];
        for (let c = 1; c <= Math.max(columnCount + 5, 26); c++) {
          const col = ws.getColumn(c);
          widths.push(col.hidden ? 0 : columnPixels(col.width));
        }
        const merges = mergesOf(ws);
        return {
          name: ws.name,
          // Some empty rows and columns beyond the used ones (to column Z at least), as Excel has,
          // so a cell beside or below the data can be selected.
          rowCount: Math.max(ws.rowCount + 20, 100),
          columnCount: Math.max(columnCount + 5, 26),
          usedRowCount: ws.rowCount,
          usedColumnCount: ws.columnCount,
          frozenRows: frozen ? Math.max(0, Number(view?.ySplit ?? 0)) : 0,
          frozenCols: frozen ? Math.max(0, Number(view?.xSplit ?? 0)) : 0,
          widths,
          merges,
        };
      });
  }

  /**
   * The cells of rows top..bottom (0-based, inclusive) of a sheet, columns 0..columns-1: value as
   * the engine reads it, number format, fill, bold, italic, font colour and alignment. Rows and
   * cells the file does not have are null; nothing is created in the workbook.
   */
  viewRows(sheet: string, top: number, bottom: number, columns: number): (ViewCell | null)[][] {
    const ws = this.state.workbook.getWorksheet(sheet);
    const date1904 = Boolean(this.state.workbook.properties?.date1904);
    const theme = themePalette(this.state.workbook);
    const fills = ws ? conditionalFills(ws, theme) : NO_FILLS;
    const out: (ViewCell | null)[][] = [];
    for (let r = top; r <= bottom; r++) {
      const row = ws?.findRow(r + 1);
      const cells: (ViewCell | null)[] = new Array<ViewCell | null>(columns).fill(null);
      if (row) {
        // The row's own cells, empty ones with a fill or a conditional format included (a shaded
        // input cell, a mark on an empty cell), read without creating any.
        const own = (row as unknown as { _cells: (ExcelJS.Cell | undefined)[] })._cells;
        for (let c = 0; c < Math.min(columns, own.length); c++) {
          const cell = own[c];
          if (cell) cells[c] = viewCell(cell, date1904, theme, fills, this.locale);
        }
      }
      out.push(cells);
    }
    return out;
  }

  /** How the cells of one row (0-based) lay their text out, columns 0..columns-1 (null: empty). */
  flowRow(sheet: string, row: number, columns: number): (FlowCell | null)[] {
    const cells = new Array<FlowCell | null>(columns).fill(null);
    const found = this.state.workbook.getWorksheet(sheet)?.findRow(row + 1);
    if (!found) return cells;
    const own = (found as unknown as { _cells: (ExcelJS.Cell | undefined)[] })._cells;
    for (let c = 0; c < Math.min(columns, own.length); c++) {
      const cell = own[c];
      if (cell) cells[c] = flowCell(cell);
    }
    return cells;
  }
}
