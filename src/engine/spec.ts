/**
 * Table specifications: what a generator hands a port to write. Formulas are absolute A1
 * text for the anchor the spec was built at; every formula cell also carries its computed
 * value so a port can store it (exceljs writes { formula, result }, Excel recalculates).
 */
import type { CellValue } from './grid';

export interface CellSpec {
  /** The value to show; for a formula cell, its computed result. */
  value: CellValue;
  /** Formula text starting with "=", or undefined for a plain value. */
  formula?: string;
  numberFormat?: string;
  /** Fill colour as "#RRGGBB". */
  fill?: string;
  bold?: boolean;
  /** Font name ("Arial"); unset keeps the sheet's default font. */
  fontName?: string;
  /** Font size in points. */
  fontSize?: number;
  /** Font colour as "#RRGGBB". */
  fontColor?: string;
  /** Borders on the cell's edges (an edge left out gets none from PlanCheck). */
  border?: Borders;
  /** An input cell the user is meant to change (shaded as an input). */
  input?: boolean;
  /**
   * The cell already holds this very formula (a template's own total): only its stored value is
   * brought up to date, so a copy does not show the old figure. Not an overwrite; a port whose host
   * recalculates (Excel) leaves the cell alone.
   */
  refresh?: boolean;
}

/** A line style both ports can draw. */
export type BorderLine = 'thin' | 'medium' | 'thick' | 'double' | 'hair' | 'dotted' | 'dashed';

export interface BorderEdge {
  style: BorderLine;
  /** "#RRGGBB"; unset is automatic (black). */
  color?: string;
}

export interface Borders {
  top?: BorderEdge;
  bottom?: BorderEdge;
  left?: BorderEdge;
  right?: BorderEdge;
}

/**
 * How one cell of the workbook looks, as a port reads it (WorkbookPort.styleOf): what a new table
 * copies to look like the council's own. Anything the port could not tell is left out.
 */
export interface CellLook {
  /** Solid fill "#RRGGBB"; null when the cell has no fill. */
  fill?: string | null;
  fontName?: string;
  fontSize?: number;
  bold?: boolean;
  fontColor?: string;
  numberFormat?: string;
  border?: Borders;
}

export interface ConditionalBand {
  /** Inclusive bounds of a cell-value rule. */
  min: number;
  max: number;
  fill: string;
}

export interface TableSpec {
  /** What it is, for undo labels and messages ("Budget projection"). */
  title: string;
  /** Where the top-left cell goes. */
  anchor: { sheet: string; row: number; col: number };
  /** True when the port should create the sheet (it must not exist yet). */
  newSheet?: boolean;
  /** Rows of cells, relative to the anchor. null leaves a cell untouched. */
  cells: (CellSpec | null)[][];
  /** An Excel table over part of the spec, relative to the anchor; its first row is the header. */
  excelTable?: { name: string; top: number; left: number; bottom: number; right: number };
  /** Named ranges to create, relative to the anchor. */
  names?: { name: string; top: number; left: number; bottom?: number; right?: number }[];
  /** Conditional colour bands over a block, relative to the anchor (risk bands, flags). */
  conditionalBands?: { top: number; left: number; bottom: number; right: number; bands: ConditionalBand[] }[];
  /** Column widths in characters, from the anchor column on. */
  columnWidths?: number[];
  /** Charts over parts of the spec (the Office.js port draws them; the exceljs port cannot, see README). */
  charts?: ChartSpec[];
}

export interface ChartSpec {
  /**
   * 'waterfall': a stacked column whose first series (the invisible base) lifts each step to where
   * the one before ended, the usual way to draw a bridge where Office.js has no waterfall chart.
   */
  type: 'column' | 'bar' | 'line' | 'radar' | 'waterfall';
  title: string;
  /** Source data, relative to the anchor; first column = categories, first row = series names. */
  data: { top: number; left: number; bottom: number; right: number };
  /** Where the chart's top-left corner goes, relative to the anchor. */
  at: { row: number; col: number };
}

/** Value cell. */
export function val(value: CellValue, extra: Omit<CellSpec, 'value'> = {}): CellSpec {
  return { value, ...extra };
}

/** Formula cell with its computed value. */
export function fx(formula: string, value: CellValue, extra: Omit<CellSpec, 'value' | 'formula'> = {}): CellSpec {
  return { value, formula: formula.startsWith('=') ? formula : `=${formula}`, ...extra };
}

/**
 * True when a string would be taken as a formula if typed into a cell. A CellSpec with no
 * `formula` is always written as text by the ports, even when it looks like this (Office.js
 * port: a leading apostrophe; exceljs port: a string value), so text copied from a user's
 * cells can never become a formula.
 */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@]/.test(text);
}
