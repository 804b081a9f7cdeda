/**
 * Charts in a copy: each chart PlanCheck inserted becomes a chart part (chartXml.ts) held by the
 * sheet's drawing part in a two-cell anchor at the spec's place. A sheet that already has a drawing
 * (a picture or a chart of the user's) gets the new anchors in that drawing, never a second one; a
 * sheet without gets a new drawing part, and its <drawing> element (sheet.ts puts it in place). New
 * parts take the first free number, so no part the workbook holds is replaced.
 */
import type ExcelJS from 'exceljs';

import { quoteSheet } from '../../engine/grid';
import type { ChartSpec } from '../../engine/spec';
import { chartXml, type ChartData } from './chartXml';
import { colLetters, children, relativeTarget, resolveTarget, rootElement, rootPrefix, splice } from './xml';

/** A chart the port inserted: its sheet, and its data and place in absolute 0-based cells. */
export interface PlacedChart {
  sheet: string;
  chart: ChartSpec;
}

/** What of the package being patched the charts need (src/xlsx/patch/parts.ts's Package and Rels). */
export interface ChartPackage {
  has(path: string): boolean;
  text(path: string): Promise<string | null>;
  put(path: string, text: string): void;
  override(path: string, contentType: string): void;
  freshPath(folder: string, stem: string): string;
  rels(part: string): Promise<ChartRels>;
}
export interface ChartRels {
  readonly path: string;
  readonly rels: { id: string; type: string; target: string; external: boolean }[];
  readonly changed: boolean;
  add(type: string, target: string): string;
  toXml(): string;
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_DRAWING = `${REL}/drawing`;
const REL_CHART = `${REL}/chart`;
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';

/**
 * A chart's size on screen, in pixels at 100% zoom: about 9 columns by 15 rows of Excel's default
 * size, whatever the widths of the columns it lies over (the bridge's first column is wide).
 */
export const CHART_WIDTH_PX = 600;
export const CHART_HEIGHT_PX = 300;
/** English Metric Units in a pixel (at 96 dots an inch), as drawing offsets are given. */
const EMU_PX = 9525;

/** A column's width in pixels, as Excel turns characters of the default font into pixels. */
export function columnPx(chars: number): number {
  return Math.round(chars * 7 + 5);
}

/**
 * The cell and offset (EMU) where a length of `px` pixels from the start of cell `from` ends,
 * given each column's or row's size in pixels.
 */
function reach(from: number, px: number, size: (i: number) => number): { at: number; off: number } {
  let at = from;
  let left = px;
  // A sheet's last column or row bounds the walk (past hidden ones, which take no room).
  for (let s = size(at); left >= s && at < from + 16384; s = size(at)) {
    left -= s;
    at++;
  }
  return { at, off: Math.round(left * EMU_PX) };
}

/** Where a chart placed at a cell ends, CHART_WIDTH_PX by CHART_HEIGHT_PX away, by the sheet's columns and rows. */
function chartEnd(ws: ExcelJS.Worksheet, row: number, col: number) {
  const defaultWidth = ws.properties?.defaultColWidth ?? 8.43;
  const defaultHeight = ws.properties?.defaultRowHeight ?? 15;
  // The sheet's own columns, read without making new ones in the workbook.
  const column = (c: number) => (ws.columns as (ExcelJS.Column | undefined)[] | null)?.[c];
  const width = (c: number) => columnPx(column(c)?.width ?? defaultWidth);
  // Row heights are points; a hidden column or row takes no room.
  const height = (r: number) => Math.round(((ws.findRow(r + 1)?.height ?? defaultHeight) * 96) / 72);
  const across = (c: number) => (column(c)?.hidden ? 0 : width(c));
  const down = (r: number) => (ws.findRow(r + 1)?.hidden ? 0 : height(r));
  return { col: reach(col, CHART_WIDTH_PX, across), row: reach(row, CHART_HEIGHT_PX, down) };
}

/** What a cell holds as a chart reads it: a formula's stored result, else the value. */
function cellValue(ws: ExcelJS.Worksheet, row: number, col: number): unknown {
  const cell = ws.findCell(row + 1, col + 1);
  if (!cell) return null;
  const v = cell.value;
  if (v && typeof v === 'object' && 'formula' in v) {
    const result = (v as ExcelJS.CellFormulaValue).result;
    return result ?? (cell as unknown as { model?: { result?: unknown } }).model?.result ?? null;
  }
  return v;
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v)
    return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  return String(v);
}

function abs(sheet: string, top: number, col: number, bottom = top): string {
  const c = `$${colLetters(col)}$`;
  return `${quoteSheet(sheet)}!${c}${top + 1}${bottom === top ? '' : `:${c}${bottom + 1}`}`;
}

/** The chart with its categories, series names and figures read from the sheet as it is now. */
export function chartData(ws: ExcelJS.Worksheet, placed: PlacedChart): ChartData {
  const { type, title, data } = placed.chart;
  const first = data.top + 1;
  const rows = Array.from({ length: Math.max(0, data.bottom - data.top) }, (_, i) => first + i);
  const series = [];
  for (let col = data.left + 1; col <= data.right; col++) {
    const values = rows.map((r) => {
      const n = cellValue(ws, r, col);
      return typeof n === 'number' && Number.isFinite(n) ? n : null;
    });
    const formatCell = rows.map((r) => ws.findCell(r + 1, col + 1)).find((c) => c?.numFmt);
    series.push({
      nameRef: abs(placed.sheet, data.top, col),
      name: text(cellValue(ws, data.top, col)),
      ref: abs(placed.sheet, first, col, data.bottom),
      values,
      formatCode: formatCell?.numFmt ?? 'General',
    });
  }
  return {
    type,
    title,
    catRef: abs(placed.sheet, first, data.left, data.bottom),
    categories: rows.map((r) => text(cellValue(ws, r, data.left))),
    series,
  };
}

/** One two-cell anchor holding a chart, in the drawing's prefix (`p`, "xdr:" or ""). */
function anchorXml(p: string, ws: ExcelJS.Worksheet, chart: ChartSpec, id: number, rid: string): string {
  const corner = (tag: string, col: number, colOff: number, row: number, rowOff: number) =>
    `<${p}${tag}><${p}col>${col}</${p}col><${p}colOff>${colOff}</${p}colOff>` +
    `<${p}row>${row}</${p}row><${p}rowOff>${rowOff}</${p}rowOff></${p}${tag}>`;
  const { row, col } = chart.at;
  const end = chartEnd(ws, row, col);
  const to = corner('to', end.col.at, end.col.off, end.row.at, end.row.off);
  return (
    `<${p}twoCellAnchor xmlns:a="${NS_A}">${corner('from', col, 0, row, 0)}${to}` +
    `<${p}graphicFrame macro=""><${p}nvGraphicFramePr><${p}cNvPr id="${id}" name="Chart ${id - 1}"/><${p}cNvGraphicFramePr/></${p}nvGraphicFramePr>` +
    `<${p}xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></${p}xfrm>` +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${REL}" r:id="${rid}"/></a:graphicData></a:graphic>` +
    `</${p}graphicFrame><${p}clientData/></${p}twoCellAnchor>`
  );
}

/** The part a sheet's <drawing> element points at, when it has one. */
function drawingOf(sheetPath: string, sheetXml: string, rels: ChartRels): string | null {
  const root = rootElement(sheetXml);
  const el = children(sheetXml, root.inner[0], root.inner[1]).find((c) => c.name === 'drawing');
  const id = el && /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(el.tag)?.[1];
  const rel = id ? rels.rels.find((r) => r.id === id && !r.external) : undefined;
  return rel ? resolveTarget(sheetPath, rel.target) : null;
}

/**
 * Adds the sheet's charts to the package. Returns the relationship id of a new drawing part, for
 * the sheet's new <drawing> element, or null when the charts went into the drawing it had.
 */
export async function addCharts(
  pkg: ChartPackage,
  sheetPath: string,
  sheetXml: string,
  sheetRels: ChartRels,
  ws: ExcelJS.Worksheet,
  charts: PlacedChart[],
  date1904: boolean,
): Promise<string | null> {
  const base = sheetPath.replace(/[^/]*\/[^/]*$/, '');
  const had = drawingOf(sheetPath, sheetXml, sheetRels);
  const drawingPath = had && pkg.has(had) ? had : pkg.freshPath(`${base}drawings`, 'drawing');
  const existing = had === drawingPath ? await pkg.text(drawingPath) : null;
  const drawingRels = await pkg.rels(drawingPath);
  const p = existing === null ? 'xdr:' : rootPrefix(existing, 'wsDr');
  // Shape ids are unique within a drawing; the user's own shapes keep theirs.
  let id = 1;
  for (const m of (existing ?? '').matchAll(/<(?:[\w.-]+:)?cNvPr\b[^>]*?\sid\s*=\s*"(\d+)"/g))
    id = Math.max(id, Number(m[1]));

  const anchors = charts.map((placed) => {
    const chartPath = pkg.freshPath(`${base}charts`, 'chart');
    pkg.put(chartPath, chartXml(chartData(ws, placed), date1904));
    pkg.override(chartPath, CT_CHART);
    const rid = drawingRels.add(REL_CHART, relativeTarget(drawingPath, chartPath));
    return anchorXml(p, ws, placed.chart, ++id, rid);
  });
  pkg.put(drawingRels.path, drawingRels.toXml());

  if (existing !== null) {
    const root = rootElement(existing);
    const edit = root.tag.endsWith('/>')
      ? { from: root.start, to: root.end, text: `${root.tag.slice(0, -2)}>${anchors.join('')}</${p}wsDr>` }
      : { from: root.inner[1], to: root.inner[1], text: anchors.join('') };
    pkg.put(drawingPath, splice(existing, [edit]));
    return null;
  }
  pkg.put(
    drawingPath,
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${anchors.join('')}</xdr:wsDr>`,
  );
  pkg.override(drawingPath, CT_DRAWING);
  return sheetRels.add(REL_DRAWING, relativeTarget(sheetPath, drawingPath));
}
