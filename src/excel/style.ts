/** How cells look in Office.js terms: fills, fonts, borders, column widths, and styleOf, which reads them. */
import type { StyleAnswer } from '../engine/port';
import type { FillRecord } from '../engine/records';
import type { BorderLine, Borders, CellLook, CellSpec, TableSpec } from '../engine/spec';
import { isItemNotFound } from './errors';
import type { Session } from './session';

/** Light yellow for input cells that carry no fill of their own. */
export const INPUT_FILL = '#FFF2CC';

export const FILL_LOAD = { color: true, pattern: true, patternColor: true, tintAndShade: true };

export function fillRecord(fill: Excel.CellPropertiesFill | undefined): FillRecord {
  return {
    color: fill?.color,
    pattern: fill?.pattern as string | undefined,
    patternColor: fill?.patternColor,
    tintAndShade: fill?.tintAndShade,
  };
}

export function fillProperties(f: FillRecord): Excel.CellPropertiesFill {
  const fill: Excel.CellPropertiesFill = {};
  if (f.pattern !== undefined) fill.pattern = f.pattern as Excel.FillPattern;
  if (f.color !== undefined) fill.color = f.color;
  if (f.patternColor !== undefined) fill.patternColor = f.patternColor;
  if (f.tintAndShade !== undefined) fill.tintAndShade = f.tintAndShade;
  return fill;
}

/** Queues (no sync) putting a fill back on a rectangle of cells that all had it: colour, then pattern, pattern colour, tint. */
export function queueFill(range: Excel.Range, f: FillRecord): void {
  const fill = range.format.fill;
  if (f.color !== undefined) fill.color = f.color;
  if (f.pattern !== undefined && f.pattern !== 'Solid') fill.pattern = f.pattern as Excel.FillPattern;
  if (f.patternColor !== undefined && f.pattern !== 'Solid') fill.patternColor = f.patternColor;
  if (f.tintAndShade !== undefined && f.tintAndShade !== 0) fill.tintAndShade = f.tintAndShade;
}

/** Column width in points for a width in characters of the default font (7 px a character, 5 px padding). */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** Column width in characters for a width in points (charsToPoints turned round). */
export function pointsToChars(points: number): number {
  return Math.max(0, Math.round(((points / 0.75 - 5) / 7) * 100) / 100);
}

/** What getCellProperties is asked for: fill and font bold and colour; with `styled`, font name and size and borders too. */
export function cellPropsLoad(styled: boolean): Excel.CellPropertiesLoadOptions {
  return styled
    ? {
        format: {
          fill: FILL_LOAD,
          font: { bold: true, color: true, name: true, size: true },
          borders: { style: true, weight: true, color: true },
        },
      }
    : { format: { fill: FILL_LOAD, font: { bold: true, color: true } } };
}

/** Whether a cell sets its font or borders beyond PlanCheck's plain bold. */
function isStyledCell(c: CellSpec): boolean {
  return c.fontName !== undefined || c.fontSize !== undefined || c.fontColor !== undefined || c.border !== undefined;
}

/** Whether a spec sets fonts or borders anywhere. */
export function isStyled(spec: TableSpec): boolean {
  return spec.cells.some((row) => row.some((c) => !!c && isStyledCell(c)));
}

export const SIDES = ['top', 'bottom', 'left', 'right'] as const;

/** A border line as Office.js draws it: a line style and a weight. */
function officeLine(line: BorderLine): { style: Excel.BorderLineStyle; weight: Excel.BorderWeight } {
  const w = (weight: string) => weight as Excel.BorderWeight;
  const st = (style: string) => style as Excel.BorderLineStyle;
  switch (line) {
    case 'medium':
      return { style: st('Continuous'), weight: w('Medium') };
    case 'thick':
      return { style: st('Continuous'), weight: w('Thick') };
    case 'hair':
      return { style: st('Continuous'), weight: w('Hairline') };
    case 'double':
      return { style: st('Double'), weight: w('Thick') };
    case 'dotted':
      return { style: st('Dot'), weight: w('Thin') };
    case 'dashed':
      return { style: st('Dash'), weight: w('Thin') };
    default:
      return { style: st('Continuous'), weight: w('Thin') };
  }
}

/** An Office.js border edge as a line PlanCheck can draw again; null for none. */
function lineOf(edge: Excel.CellBorder | undefined): BorderLine | null {
  const style = edge?.style as string | undefined;
  if (!style || style === 'None') return null;
  if (style === 'Double') return 'double';
  if (style === 'Dot' || style === 'DashDotDot') return 'dotted';
  if (style === 'Dash' || style === 'DashDot' || style === 'SlantDashDot') return 'dashed';
  const weight = edge?.weight as string | undefined;
  return weight === 'Medium' ? 'medium' : weight === 'Thick' ? 'thick' : weight === 'Hairline' ? 'hair' : 'thin';
}

/** A cell's look from its properties and number format. */
function lookFrom(props: Excel.CellProperties | undefined, numberFormat: unknown): CellLook {
  const look: CellLook = {};
  const fill = props?.format?.fill;
  if (fill) look.fill = !fill.pattern || fill.pattern === 'None' ? null : (fill.color ?? null);
  const font = props?.format?.font;
  if (font?.name) look.fontName = font.name;
  if (typeof font?.size === 'number') look.fontSize = font.size;
  if (font?.bold !== undefined) look.bold = font.bold === true;
  if (font?.color) look.fontColor = font.color;
  if (typeof numberFormat === 'string') look.numberFormat = numberFormat;
  const border: Borders = {};
  for (const side of SIDES) {
    const edge = props?.format?.borders?.[side];
    const line = lineOf(edge);
    if (line) border[side] = { style: line, ...(edge?.color ? { color: edge.color } : {}) };
  }
  if (Object.keys(border).length > 0) look.border = border;
  return look;
}

/** A spec cell's fill, font and borders as cell properties (what setCellProperties sets). */
export function cellFormat(spec: CellSpec): Excel.CellPropertiesFormat {
  const format: Excel.CellPropertiesFormat = {};
  const fill = spec.fill ?? (spec.input ? INPUT_FILL : undefined);
  if (fill) format.fill = { color: fill };
  const font: Excel.CellPropertiesFont = {};
  if (spec.bold !== undefined) font.bold = spec.bold;
  if (spec.fontName !== undefined) font.name = spec.fontName;
  if (spec.fontSize !== undefined) font.size = spec.fontSize;
  if (spec.fontColor !== undefined) font.color = spec.fontColor;
  if (Object.keys(font).length > 0) format.font = font;
  if (spec.border) {
    const borders: Excel.CellBorderCollection = {};
    for (const side of SIDES) {
      const edge = spec.border[side];
      if (!edge) continue;
      borders[side] = { ...officeLine(edge.style), ...(edge.color ? { color: edge.color } : {}) };
    }
    format.borders = borders;
  }
  return format;
}

/**
 * How some cells look (fill, font, number format, borders) and some columns' widths in
 * characters, in one sync: what a new table copies to look like the workbook's own.
 */
export async function styleOf(
  session: Session,
  sheet: string,
  cells: string[],
  columns: number[] = [],
): Promise<StyleAnswer> {
  return session.exec(`reading the look of ${sheet}`, async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    const probes = cells.map((address) => {
      const range = ws.getRange(address.split(':')[0]);
      range.load('numberFormat');
      return { range, props: range.getCellProperties(cellPropsLoad(true)) };
    });
    const widths = columns.map((c) => {
      const format = ws.getRangeByIndexes(0, c, 1, 1).format;
      format.load('columnWidth');
      return format;
    });
    try {
      await context.sync();
    } catch (error) {
      // The sheet is gone (renamed since it was read): no look to copy.
      if (isItemNotFound(error)) return { cells: cells.map(() => null), widths: columns.map(() => null) };
      throw error;
    }
    return {
      cells: probes.map((p) => lookFrom(p.props.value[0]?.[0], p.range.numberFormat[0]?.[0])),
      widths: widths.map((f) => (typeof f.columnWidth === 'number' ? pointsToChars(f.columnWidth) : null)),
    };
  });
}
