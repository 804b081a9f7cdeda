/**
 * New tables in the house style: a table PlanCheck inserts takes the look of the workbook's main
 * plan table (its header's fill and font, its figures' number format, its borders, its column
 * widths), so it looks as if the council made it. Input cells keep PlanCheck's input shading, so
 * the assumptions stay recognisable as the cells to change.
 *
 * Pure: the port reads the looks (WorkbookPort.styleOf); this module says which cells to read and
 * applies what they look like to a TableSpec.
 */
import { a1 } from './grid';
import type { StyleAnswer, WorkbookPort } from './port';
import type { Settings } from './settings';
import type { CellLook, CellSpec, TableSpec } from './spec';
import type { FoundTable, TableKind } from './tables/types';

/** "house": the workbook's own look (the default); "plain": PlanCheck's own. */
export type NewTableStyle = 'house' | 'plain';

/** The style new tables take under these settings. */
export function newTableStyle(settings: Settings): NewTableStyle {
  return settings.style === 'plain' ? 'plain' : 'house';
}

/** What the main plan table's cells look like, by the part of a table they are. */
export interface HouseStyle {
  /** The table copied, "Plan!B4:H20", to say where the look came from. */
  source: string;
  /** A year (figure) heading, and the heading over the labels. */
  header: CellLook | null;
  headerLabel: CellLook | null;
  /** A line's label and one of its figures. */
  label: CellLook | null;
  figure: CellLook | null;
  /** The total row's label and one of its figures, where the table has a total row. */
  totalLabel: CellLook | null;
  total: CellLook | null;
  /** Widths in characters of the label column and a figure column, where set. */
  labelWidth: number | null;
  figureWidth: number | null;
}

/** The kinds of table that are a plan's figures (a risk register or a comparison is not the house style for money). */
const PLAN_KINDS: TableKind[] = ['financial-plan', 'totals-grid', 'spend-funding', 'savings-envelope', 'cost-benefit'];
const FIGURE_ROLES = new Set(['year', 'figure', 'total', 'gross', 'net', 'funding']);

function figureColumns(t: FoundTable): number[] {
  return t.columns.filter((c) => FIGURE_ROLES.has(c.role)).map((c) => c.col);
}

function labelColumn(t: FoundTable): number {
  return t.columns.find((c) => c.role === 'label')?.col ?? t.left;
}

/** The workbook's main plan table: the plan table with the most figures (lines x figure columns); null when there is none. */
export function mainPlanTable(tables: FoundTable[]): FoundTable | null {
  let best: FoundTable | null = null;
  let bestSize = 0;
  for (const t of tables) {
    if (!PLAN_KINDS.includes(t.kind) || t.headerRows.length === 0) continue;
    const lines = t.rows.filter((r) => r.role === 'line').length;
    const size = lines * figureColumns(t).length;
    if (size > bestSize) {
      best = t;
      bestSize = size;
    }
  }
  return best;
}

/** Which cells and columns of a table to read for its look, in the order styleOf is asked. */
export interface StyleProbe {
  sheet: string;
  /** header, headerLabel, label, figure, totalLabel, total (the last two absent without a total row). */
  cells: string[];
  /** The label column and a figure column (0-based). */
  columns: number[];
}

/** The cells that show a table's look: a year heading, the heading over the labels, the first line, the first total. */
export function styleProbe(t: FoundTable): StyleProbe | null {
  const figures = figureColumns(t);
  const line = t.rows.find((r) => r.role === 'line');
  if (figures.length === 0 || !line) return null;
  const label = labelColumn(t);
  const figure = figures[0];
  const header = t.headerRows[t.headerRows.length - 1];
  const total = t.rows.find((r) => r.role === 'total');
  const cells = [a1(header, figure), a1(header, label), a1(line.row, label), a1(line.row, figure)];
  if (total) cells.push(a1(total.row, label), a1(total.row, figure));
  return { sheet: t.sheet, cells, columns: [label, figure] };
}

/** The house style from what the port read for a probe. */
export function houseStyleFrom(t: FoundTable, answer: StyleAnswer): HouseStyle {
  const c = (i: number): CellLook | null => answer.cells[i] ?? null;
  return {
    source: `${t.sheet}!${t.range}`,
    header: c(0),
    headerLabel: c(1),
    label: c(2),
    figure: c(3),
    totalLabel: c(4),
    total: c(5),
    labelWidth: answer.widths[0] ?? null,
    figureWidth: answer.widths[1] ?? null,
  };
}

/**
 * The house style of a workbook, read through the port: null when the settings ask for PlanCheck's
 * plain style, the port cannot read looks, or the workbook has no plan table to copy.
 */
export async function readHouseStyle(
  port: WorkbookPort,
  tables: FoundTable[],
  settings: Settings,
): Promise<HouseStyle | null> {
  if (newTableStyle(settings) === 'plain' || !port.styleOf) return null;
  const main = mainPlanTable(tables);
  const probe = main && styleProbe(main);
  if (!main || !probe) return null;
  const answer = await port.styleOf(probe.sheet, probe.cells, probe.columns);
  return houseStyleFrom(main, answer);
}

/** A money or count format: what the house's figure format replaces (a rate, ratio or factor keeps its own). */
function isFigureFormat(format: string | undefined): boolean {
  return format !== undefined && format.includes('#,##0') && !format.includes('%') && !/0\.0/.test(format);
}

/**
 * A format the house's figures can lend: a number format for whole figures (not General, text or a
 * percentage). One with decimals ("#,##0.000" for £m) is kept for the plan's own units: the new
 * table's figures are whole units, and PlanCheck does not change the precision they show.
 */
function lendsFigureFormat(format: string | undefined): format is string {
  return (
    format !== undefined &&
    format !== 'General' &&
    format !== '@' &&
    !format.includes('%') &&
    !/[0#]\.[0#]/.test(format) &&
    /[0#]/.test(format)
  );
}

type Part = 'title' | 'note' | 'header' | 'headerLabel' | 'label' | 'figure' | 'totalLabel' | 'total' | 'input';

function isText(c: CellSpec): boolean {
  return !c.formula && typeof c.value === 'string';
}

function isFigure(c: CellSpec): boolean {
  return !!c.formula || typeof c.value === 'number';
}

/** What part of a table each cell of a row is, from the cells alone (the generators' bold headings and totals). */
function partsOf(row: (CellSpec | null)[]): (Part | null)[] {
  const present = row.map((c, i) => ({ c, i })).filter((x): x is { c: CellSpec; i: number } => x.c !== null);
  const parts: (Part | null)[] = row.map(() => null);
  if (present.length === 0) return parts;
  if (present.length === 1 && isText(present[0].c)) {
    parts[present[0].i] = present[0].c.bold ? 'title' : 'note';
    return parts;
  }
  const heading = present.every(({ c }) => isText(c) && c.bold);
  const first = present[0];
  const total = !heading && isText(first.c) && !!first.c.bold && present.some(({ c }) => isFigure(c) && c.bold);
  for (const { c, i } of present) {
    if (c.input) parts[i] = 'input';
    else if (heading) parts[i] = i === first.i ? 'headerLabel' : 'header';
    else if (total) parts[i] = isFigure(c) ? 'total' : 'totalLabel';
    else parts[i] = isFigure(c) ? 'figure' : 'label';
  }
  return parts;
}

/** A cell with a look applied: its fill, font, borders and (for money figures) number format. */
function dressed(c: CellSpec, look: CellLook | null, part: Part): CellSpec {
  if (!look) return c;
  const out: CellSpec = { ...c };
  if (look.fontName !== undefined) out.fontName = look.fontName;
  // A title keeps its size: only its face follows the house.
  if (part === 'title') return out;
  if (look.fontSize !== undefined) out.fontSize = look.fontSize;
  if (part === 'note') return out;
  if (look.border) out.border = look.border;
  if (part === 'input') {
    // The input shading and the input's own format stay: they say "change me".
    if (look.fontColor !== undefined) out.fontColor = look.fontColor;
    if (isFigureFormat(c.numberFormat) && lendsFigureFormat(look.numberFormat)) out.numberFormat = look.numberFormat;
    return out;
  }
  if (look.fill) out.fill = look.fill;
  if (look.fontColor !== undefined) out.fontColor = look.fontColor;
  // Headings and totals are bold as the house's are; a line PlanCheck made bold (a bridge's start
  // and end) stays bold.
  const heading = part === 'header' || part === 'headerLabel' || part === 'total' || part === 'totalLabel';
  if (look.bold !== undefined && (heading || look.bold)) out.bold = look.bold;
  if ((part === 'figure' || part === 'total') && isFigureFormat(c.numberFormat) && lendsFigureFormat(look.numberFormat))
    out.numberFormat = look.numberFormat;
  return out;
}

/**
 * The spec in the house style: headings like the plan's headings, lines like its lines, totals like
 * its totals, money in its number format, its label and figure column widths (wider only where a
 * label or heading of the new table would not fit). Input cells keep their shading (only the font,
 * borders and money format follow the house). The cells' values and formulas are untouched.
 */
export function applyHouseStyle(spec: TableSpec, style: HouseStyle): TableSpec {
  const lookOf: Record<Part, CellLook | null> = {
    title: style.headerLabel ?? style.label,
    note: style.label,
    header: style.header,
    headerLabel: style.headerLabel ?? style.header,
    label: style.label,
    figure: style.figure,
    totalLabel: style.totalLabel ?? style.label,
    total: style.total ?? style.figure,
    input: style.figure,
  };
  const width = spec.cells.reduce((w, r) => Math.max(w, r.length), 0);
  /** Characters each column needs for its labels and headings (titles and notes run on across the row). */
  const needs = new Array<number>(width).fill(0);
  const cells = spec.cells.map((row) => {
    const parts = partsOf(row);
    return row.map((c, i) => {
      const part = parts[i];
      if (!c || !part) return c;
      if (part !== 'title' && part !== 'note' && typeof c.value === 'string' && !c.formula)
        needs[i] = Math.max(needs[i], Math.min(60, c.value.length + 1));
      return dressed(c, lookOf[part], part);
    });
  });
  let columnWidths = spec.columnWidths;
  if (style.labelWidth !== null || style.figureWidth !== null) {
    // The house's widths, widened where a label or heading of the new table would not fit in them.
    columnWidths = Array.from({ length: width }, (_, i) => {
      const own = spec.columnWidths?.[i];
      const house = i === 0 ? style.labelWidth : style.figureWidth;
      return house === null ? (own ?? (i === 0 ? 30 : 12)) : Math.max(house, needs[i]);
    });
  }
  return { ...spec, cells, ...(columnWidths ? { columnWidths } : {}) };
}
