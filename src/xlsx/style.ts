/**
 * Styles in the exceljs port: colours in exceljs's ARGB, solid fills, and how a cell looks in the
 * engine's terms (CellLook), for new tables written in a workbook's house style.
 */
import type ExcelJS from 'exceljs';

import { parseRange } from '../engine/grid';
import { PortError, type StyleAnswer } from '../engine/port';
import type { BorderLine, Borders, CellLook } from '../engine/spec';
import type { XlsxState } from './state';
import { colourOf, themePalette } from './viewStyle';

/** "#RRGGBB" (or "RRGGBB") as exceljs's ARGB "FFRRGGBB". */
export function argb(color: string): string {
  const hex = color.replace(/^#/, '').toUpperCase();
  if (!/^[0-9A-F]{6}$/.test(hex))
    throw new PortError(`"${color}" is not a colour PlanCheck can use (expected #RRGGBB).`);
  return `FF${hex}`;
}

/** A solid fill of one colour. */
export function solidFill(color: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(color) } };
}

/** How some cells look and some columns' widths (characters), for new tables in the house style. */
export function styleOf(state: XlsxState, sheet: string, cells: string[], columns: number[]): StyleAnswer {
  const ws = state.workbook.getWorksheet(sheet);
  if (!ws) return { cells: cells.map(() => null), widths: columns.map(() => null) };
  const theme = themePalette(state.workbook);
  return {
    cells: cells.map((address) => {
      const at = parseRange(address);
      const cell = at ? ws.findCell(at.top + 1, at.left + 1) : undefined;
      return cell ? lookOf(cell, theme) : null;
    }),
    widths: columns.map((c) => ws.getColumn(c + 1).width ?? null),
  };
}

const BORDER_LINES = new Set<string>(['thin', 'medium', 'thick', 'double', 'hair', 'dotted', 'dashed']);

/** How an exceljs cell looks, as the engine's CellLook (theme colours resolved with the workbook's theme and their tint). */
function lookOf(cell: ExcelJS.Cell, theme: string[]): CellLook {
  const style = cell.style ?? {};
  const look: CellLook = {};
  const fill = style.fill;
  if (!fill || (fill.type === 'pattern' && fill.pattern === 'none')) look.fill = null;
  else if (fill.type === 'pattern' && fill.pattern === 'solid') {
    const rgb = colourOf(fill.fgColor, theme);
    if (rgb) look.fill = rgb;
  }
  const font = style.font;
  if (font?.name) look.fontName = font.name;
  if (typeof font?.size === 'number') look.fontSize = font.size;
  look.bold = font?.bold === true;
  const colour = colourOf(font?.color, theme);
  if (colour) look.fontColor = colour;
  look.numberFormat = style.numFmt ?? 'General';
  const border: Borders = {};
  for (const side of ['top', 'bottom', 'left', 'right'] as const) {
    const e = style.border?.[side];
    if (!e?.style || !BORDER_LINES.has(e.style)) continue;
    const c = colourOf(e.color, theme);
    border[side] = { style: e.style as BorderLine, ...(c ? { color: c } : {}) };
  }
  if (Object.keys(border).length > 0) look.border = border;
  return look;
}
