/**
 * The reader: from sheet snapshots to typed tables, with the address of every figure.
 *
 * For each sheet: blocks of occupied cells (regions.ts); titles and unit lines above a block are
 * its title; one or two header rows; column roles from headers and contents (columns.ts); row
 * roles (lines, funding-source rows, totals, sections); the table's kind; its unit. The user's
 * mapping (settings.tables) overrides any of it.
 */
import type { ListObjectRef, RangeRef, WorkbookSnapshot } from '../grid';
import { a1, columnIndex, columnLetter, parseRange, rangeA1, SheetView } from '../grid';
import type { Finding } from '../findings';
import { aggregation } from '../formulaText';
import type { Figure } from '../numbers';
import { isDateFormat, parseFigure, readNumberFormat } from '../numbers';
import type { Settings, TableMapping } from '../settings';
import { SETTINGS_SHEET } from '../port';
import type { ColumnStats } from './columns';
import {
  isCode,
  isFlagValue,
  isNoFigure,
  measureOf,
  roleFromContent,
  roleFromHeader,
  CARRIED_FORWARD_LABEL,
  SUBTOTAL_LABEL,
  TOTAL_LABEL,
} from './columns';
import { groupsAbove, totalsOfGroups, typedGroupsAbove } from './groups';
import type { Region } from './regions';
import { findRegions, mergeAcrossBlankRow } from './regions';
import type { ColumnRole, FoundTable, TableBlock, TableColumn, TableKind, TableRow, Unit } from './types';
import { TABLE_KIND_NAMES, TABLE_KINDS } from './types';
import { parseUnit, UNKNOWN_UNIT, unitFromNumberFormat } from './units';
import { parseFinancialYear } from './years';
import { commonYearSpelling, spellYear } from '../say';

export * from './types';
export { parseFinancialYear, financialYearLabel } from './years';
export { parseUnit, unitFromNumberFormat } from './units';

export interface ReadResult {
  tables: FoundTable[];
  /** Findings of the reader itself (a figure that is not one, an error value in a table). */
  findings: Finding[];
  views: Record<string, SheetView>;
  /** The parsed figure at an absolute cell (memoised: rules never re-parse). */
  figure(sheet: string, row: number, col: number): Figure;
  /** Cells the reader judged as figures, by rule ("figures.unreadable": n), for the evidence report. */
  judged?: Record<string, number>;
  /** Sheets hidden in Excel, not read (Settings checkHiddenSheets reads them). */
  hiddenSheets?: string[];
}

/** Roles whose cells hold figures to add up or compare. */
export const FIGURE_ROLES: ReadonlySet<ColumnRole> = new Set<ColumnRole>([
  'year',
  'figure',
  'total',
  'gross',
  'net',
  'funding',
  'own',
  'comparator',
  'average',
  'variance',
]);

/** Headers of figures that are not money: a staffing or activity table set beside a budget. */
const NOT_MONEY = /\b(fte|wte|posts?|staff(ing)?|headcount|head count|hours|visits|beds|number of)\b|%/i;

/** Kinds whose figures are judged cell by cell (unreadable figures, error values, words where figures belong). */
const FIGURE_JUDGED_KINDS: ReadonlySet<TableKind> = new Set<TableKind>([
  'financial-plan',
  'spend-funding',
  'totals-grid',
  'savings-envelope',
  'cost-benefit',
  'comparator',
]);

/** Finds and types every table in a workbook. */
export function readTables(wb: WorkbookSnapshot, settings: Settings = {}): ReadResult {
  const views: Record<string, SheetView> = {};
  // Each cell is parsed once: a grid of figures per sheet, filled as rules ask.
  const cache = new Map<string, (Figure | undefined)[][]>();
  const figure = (sheet: string, row: number, col: number): Figure => {
    const view = views[sheet];
    if (!view) return parseFigure(null);
    const r = row - view.top;
    const c = col - view.left;
    if (r < 0 || c < 0 || r >= view.sheet.values.length) return parseFigure(null);
    let grid = cache.get(sheet);
    if (!grid) cache.set(sheet, (grid = []));
    const line = (grid[r] ??= []);
    return (line[c] ??= parseFigure(view.value(row, col)));
  };
  const tables: FoundTable[] = [];
  const findings: Finding[] = [];
  const mappings = settings.tables ?? [];
  const hiddenSheets: string[] = [];
  for (const snapshot of wb.sheets) {
    if (snapshot.name === SETTINGS_SHEET) continue;
    if (snapshot.hidden && !settings.checkHiddenSheets) {
      hiddenSheets.push(snapshot.name);
      continue;
    }
    const view = new SheetView(snapshot);
    views[snapshot.name] = view;
    const reader = new SheetReader(view, figure, settings);
    const sheetMappings = mappings.filter((m) => m.sheet === snapshot.name);
    const found = reader.readSheet(sheetMappings);
    tables.push(...found);
  }
  let judgedFigures = 0;
  for (const t of tables) {
    // Lists, registers and pivot tables raise nothing about figures: only plan tables are judged.
    if (!FIGURE_JUDGED_KINDS.has(t.kind)) continue;
    const cols = t.columns.filter((c) => FIGURE_ROLES.has(c.role)).length;
    judgedFigures += cols * t.rows.filter((r) => r.role !== 'blank' && r.role !== 'section').length;
    for (const f of figureFindings(t, views[t.sheet], figure)) findings.push(f);
  }
  return { tables, findings, views, figure, judged: { 'figures.unreadable': judgedFigures }, hiddenSheets };
}

/** The reader's own findings: cells in figure columns that are not figures, and error values. */
function figureFindings(
  t: FoundTable,
  view: SheetView,
  figure: (sheet: string, row: number, col: number) => Figure,
): Finding[] {
  const out: Finding[] = [];
  const figureCols = new Set(t.columns.filter((c) => FIGURE_ROLES.has(c.role)));
  const isNumber = (r: number, c: number) => typeof view.value(r, c) === 'number';
  const lineRows = t.rows.filter((r) => r.role === 'line' || r.role === 'source');
  const numbersIn = new Map([...figureCols].map((c) => [c, lineRows.filter((r) => isNumber(r.row, c.col)).length]));
  /**
   * Words stand where a figure is missing only on a row of figures (another figure column of the row
   * holds a number) in a column of figures (numbers on most of its lines). A heading, status, unit or
   * code row inside a table ("outturn", "£'000", "A02CY01") has no figures beside its words.
   */
  const figureIsMissing = (r: number, col: (typeof t.columns)[number]) =>
    [...figureCols].some((c) => c !== col && isNumber(r, c.col)) &&
    (numbersIn.get(col) ?? 0) * 2 >= lineRows.length &&
    !isCode(String(view.value(r, col.col)));
  for (const row of t.rows) {
    if (row.role === 'blank' || row.role === 'section') continue;
    for (const col of t.columns) {
      if (typeof view.value(row.row, col.col) === 'number') continue;
      const f = figure(t.sheet, row.row, col.col);
      if (f.kind === 'number' || f.kind === 'blank' || f.kind === 'nil') continue;
      const cell = a1(row.row, col.col);
      const where = row.label
        ? `${row.label}${col.header ? `, ${shortHeader(col.header)}` : ''}`
        : shortHeader(col.header) || cell;
      if (f.kind === 'error' && figureCols.has(col)) {
        out.push({
          rule: 'figures.error-value',
          severity: 'error',
          sheet: t.sheet,
          cell,
          message: `${cell} (${where}) shows the error ${f.error}; whatever it should hold is missing from every total that counts it`,
          actual: f.error,
          table: t.id,
        });
      } else if (f.kind === 'bad' && figureCols.has(col)) {
        const raw = String(view.value(row.row, col.col));
        out.push({
          rule: 'figures.unreadable',
          severity: 'error',
          sheet: t.sheet,
          cell,
          message: `${cell} (${where}) holds "${raw}", which looks like a figure but cannot be read as one; PlanCheck left it out of the sums`,
          actual: raw,
          table: t.id,
        });
      } else if (
        f.kind === 'text' &&
        figureCols.has(col) &&
        row.role !== 'source' &&
        col.role !== 'own' &&
        typeof view.value(row.row, col.col) === 'string'
      ) {
        const raw = String(view.value(row.row, col.col));
        if (raw.length <= 40 && !isFlagValue(raw) && !isNoFigure(raw) && figureIsMissing(row.row, col)) {
          out.push({
            rule: 'figures.not-a-figure',
            severity: 'warning',
            sheet: t.sheet,
            cell,
            message: `${cell} (${where}) holds the words "${raw}" where a figure belongs; PlanCheck counted it as nothing`,
            actual: raw,
            table: t.id,
          });
        }
      }
    }
  }
  return out;
}

/** A header without its repeated first part, for messages: "2010/11" rather than "Budget Funding / 2010/11". */
export function shortHeader(header: string): string {
  const parts = header.split(' / ');
  return parts[parts.length - 1];
}

/**
 * Rows whose figures are never added to a total: "of which" breakdowns, memo rows, averages and
 * counts.
 */
const MEMO_LABEL =
  /^\s*[-–(]?\s*(of which|memo|memorandum|note|nb|for information|average|mean|median|count|minimum|maximum)\b/i;

/** Rows of ratios and rates (a benefit ratio, a discount factor, a percentage): never added up. */
// A label about a percentage ("% of budget", "Variance %", "Inflation (%)"), not one that mentions
// a rate in passing ("Efficiency savings (2%)"), which is a line like any other.
const RATIO_LABEL = /\b(ratio|per ?cent|percentage|discount factor|growth rate|rate of return)\b|^\s*%|%\s*$|\(%\)/i;

/** True for a row of ratios or rates, whose figures are never added up, across or down. */
export function isRatioLabel(label: string): boolean {
  return RATIO_LABEL.test(label);
}

const FUNDING_SECTION = /\b(funded|funding|financed|financing|income|resources?|sources of funding)\b/i;

class SheetReader {
  private readonly hidden: Set<number>;
  /** Where the sheet's pivot tables put their output, where the port told us. */
  private readonly pivots: RangeRef[];

  constructor(
    private readonly view: SheetView,
    private readonly figure: (sheet: string, row: number, col: number) => Figure,
    private readonly settings: Settings,
  ) {
    this.hidden = new Set(view.sheet.hiddenRows ?? []);
    this.pivots = (view.sheet.pivots ?? []).map((p) => parseRange(p)).filter((r): r is RangeRef => r !== null);
  }

  readSheet(mappings: TableMapping[]): FoundTable[] {
    const out: FoundTable[] = [];
    // Tables split apart where they stood side by side are rejoined with their own lower parts
    // (a plan's next group, under a row that only the table beside it used).
    const regions = mergeAcrossBlankRow(
      findRegions(this.view)
        .flatMap((r) => this.splitBeside(r))
        .sort((a, b) => a.top - b.top || a.left - b.left),
      this.view,
    );
    const mappedRegions: { region: Region; mapping: TableMapping }[] = [];
    for (const m of mappings) {
      const r = parseRange(m.range);
      if (r) mappedRegions.push({ region: { top: r.top, left: r.left, bottom: r.bottom, right: r.right }, mapping: m });
    }
    const overlaps = (a: Region, b: Region) =>
      a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
    for (const { region, mapping } of mappedRegions) {
      if (mapping.kind === 'not-a-table') continue;
      const t = this.readRegion(region, regions, mapping);
      if (t) out.push(t);
    }
    // The workbook's own Excel tables: their bounds, header row and totals row are given, not guessed.
    const listed: Region[] = [];
    for (const lo of this.view.sheet.tables ?? []) {
      const r = parseRange(lo.range);
      if (!r || lo.headerRow === false || mappedRegions.some((m) => overlaps(m.region, r))) continue;
      const t = this.readRegion(r, regions, undefined, lo);
      if (t) {
        out.push(t);
        listed.push(r);
      }
    }
    for (const region of regions) {
      if (mappedRegions.some((m) => overlaps(m.region, region))) continue;
      if (listed.some((r) => overlaps(r, region))) continue;
      const t = this.readRegion(region, regions);
      if (t) out.push(t);
    }
    return out.sort((a, b) => a.top - b.top || a.left - b.left);
  }

  private text(row: number, col: number): string {
    const v = this.view.value(row, col);
    if (v === null) return '';
    return typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : String(v);
  }

  /**
   * Two tables side by side with a blank column between: a budget and, beside it, a staffing or
   * activity table with its own labels. Tables end at a blank column where the units change; spend
   * beside its funding (money both sides) stays one table.
   */
  private splitBeside(region: Region): Region[] {
    for (let c = region.left + 2; c < region.right - 1; c++) {
      let blank = true;
      for (let r = region.top; r <= region.bottom && blank; r++) if (!this.view.isEmpty(r, c)) blank = false;
      if (!blank) continue;
      // The headings only: the top rows (a unit line, two header rows) until one holds figures.
      const heads = (from: number, to: number) => {
        const words: string[] = [];
        for (let r = region.top; r <= Math.min(region.bottom, region.top + 3); r++) {
          const row: string[] = [];
          for (let k = from; k <= to; k++) {
            if (typeof this.view.value(r, k) === 'number' && r > region.top) return words.join(' ');
            row.push(this.text(r, k));
          }
          words.push(...row);
        }
        return words.join(' ');
      };
      const left = heads(region.left, c - 1);
      const right = heads(c + 1, region.right);
      if (NOT_MONEY.test(left) === NOT_MONEY.test(right)) continue;
      const rest = this.splitBeside({ ...region, left: c + 1 });
      return [this.trimRows({ ...region, right: c - 1 }), ...rest.map((r) => this.trimRows(r))];
    }
    return [region];
  }

  /** A region without the blank rows at its top and bottom (once a table beside it is cut away). */
  private trimRows(region: Region): Region {
    const r = { ...region };
    while (r.bottom > r.top && this.occupied(r.bottom, r.left, r.right).length === 0) r.bottom--;
    while (r.top < r.bottom && this.occupied(r.top, r.left, r.right).length === 0) r.top++;
    return r;
  }

  private occupied(row: number, left: number, right: number): number[] {
    const cols: number[] = [];
    for (let c = left; c <= right; c++) if (!this.view.isEmpty(row, c)) cols.push(c);
    return cols;
  }

  /** True when a row could be a header: words or years, short, no plain figures. */
  private headerLike(row: number, left: number, right: number): boolean {
    const cols = this.occupied(row, left, right);
    if (cols.length === 0) return false;
    for (const c of cols) {
      const v = this.view.value(row, c);
      if (this.view.formula(row, c)) return false;
      if (typeof v === 'number') {
        if (!(Number.isInteger(v) && v >= 1990 && v <= 2100)) return false;
        continue;
      }
      const text = this.text(row, c);
      if (text.length > 60) return false;
      const f = this.figure(this.view.name, row, c);
      if ((f.kind === 'number' || f.kind === 'bad') && !parseFinancialYear(text)) return false;
    }
    return true;
  }

  /** Text lines directly above a region (titles, "Figures in £000"), nearest last. */
  private textAbove(region: Region, regions: Region[]): string[] {
    const lines: string[] = [];
    for (let r = region.top - 1; r >= Math.max(this.view.top, region.top - 4); r--) {
      const cols = this.occupied(r, Math.max(this.view.left, region.left - 1), region.right);
      if (cols.length === 0) continue;
      const owner = regions.find(
        (g) => g.top <= r && g.bottom >= r && g.left <= region.right && g.right >= region.left,
      );
      if (owner && owner.right - owner.left >= 1 && owner.bottom - owner.top >= 1) break;
      if (cols.length > 2) break;
      lines.unshift(cols.map((c) => this.text(r, c)).join(' '));
    }
    return lines;
  }

  private readRegion(
    region: Region,
    regions: Region[],
    mapping?: TableMapping,
    listObject?: ListObjectRef,
  ): FoundTable | null {
    const { left, right } = region;
    let top = region.top;
    const titleLines: string[] = [];
    if (!mapping?.headerRows && !listObject) {
      // Title and note lines inside the block: one cell of text each ("Budget projection", "£000"),
      // over a wider row within the next three.
      const singleText = (r: number) => {
        const cols = this.occupied(r, left, right);
        return cols.length === 1 && typeof this.view.value(r, cols[0]) === 'string';
      };
      const widerSoon = (r: number) => {
        for (let k = r + 1; k <= Math.min(region.bottom, r + 3); k++) {
          if (this.occupied(k, left, right).length >= 2) return true;
          if (!singleText(k)) return false;
        }
        return false;
      };
      while (top < region.bottom) {
        const cols = this.occupied(top, left, right);
        if (singleText(top) && widerSoon(top) && right > left) {
          titleLines.push(this.text(top, cols[0]));
          top++;
        } else break;
      }
    }
    // The first line of figures is not a header: where the row under a title already holds figures
    // (a formula's result, a fraction, a sum of money) with more figures under them, the title is
    // the header and that row is the table's first line.
    if (titleLines.length > 0 && this.looksLikeFigures(top, left, right)) {
      top--;
      titleLines.pop();
    }
    if (!mapping && (right - left < 1 || region.bottom - top < 1)) return null;
    let headerRows: number[];
    if (mapping?.headerRows && mapping.headerRows.length > 0) headerRows = mapping.headerRows.map((r) => r - 1);
    else if (listObject) headerRows = [top];
    else {
      if (this.occupied(top, left, right).length < 2 && !mapping) return null;
      headerRows = [top];
      if (top + 2 <= region.bottom && this.secondHeaderRow(top, left, right)) headerRows.push(top + 1);
    }
    const firstData = headerRows[headerRows.length - 1] + 1;
    if (firstData > region.bottom) return null;
    const titles = [...this.textAbove({ ...region, top: headerRows[0] - titleLines.length }, regions), ...titleLines];
    const headers = this.headerTexts(headerRows, left, right);
    const columns = this.columns(headers, left, right, firstData, region.bottom);
    if (mapping?.roles) {
      for (const [letter, role] of Object.entries(mapping.roles)) {
        const col = columns.find((c) => c.col === columnIndex(letter));
        if (col) {
          col.role = role as ColumnRole;
          if (role === 'year' || role === 'funding') col.year = col.year ?? parseFinancialYear(col.header) ?? undefined;
        }
      }
    }
    if (!columns.some((c) => c.role !== 'ignore' && c.role !== 'text' && c.role !== 'label') && !mapping) {
      // Only words: a register, or prose.
      if (!isRiskLike(columns)) return null;
    }
    const rows = this.rows(columns, firstData, region.bottom);
    if (listObject?.totalsRow && rows.length > 0) {
      // The table's totals row: Excel's own, whatever its label says.
      const last = rows[rows.length - 1];
      if (last.role !== 'blank') {
        last.role = 'total';
        if (!last.label) last.label = 'Total';
      }
    }
    if (!mapping && rows.filter((r) => r.role !== 'blank').length === 0) return null;
    const unit = this.unit(titles, columns, rows);
    const range = rangeA1(headerRows[0], left, region.bottom, right);
    const table: FoundTable = {
      id: `${this.view.name}!${range}`,
      sheet: this.view.name,
      range,
      top: headerRows[0],
      left,
      bottom: region.bottom,
      right,
      kind: 'list',
      headerRows,
      unit,
      columns,
      rows,
    };
    const title = titles.find((t) => parseUnit(t) === null || t.length > 20);
    if (title) table.title = title;
    const kind = this.kind(table);
    if (kind === null && !mapping && !listObject) return null;
    table.kind = kind ?? 'list';
    if (table.kind === 'comparator' && !columns.some((c) => c.role === 'own')) {
      // The council's own column: the first plain figure column before the comparators' average.
      const avg = columns.find((c) => c.role === 'average');
      const own = columns.find((c) => c.role === 'figure' && (!avg || c.col < avg.col));
      if (own) own.role = 'own';
    }
    if (table.kind === 'spend-funding' || table.kind === 'cost-benefit') {
      const blocks = this.blocks(table);
      if (blocks) table.blocks = blocks;
    }
    if (mapping?.kind && (TABLE_KINDS as string[]).includes(mapping.kind)) {
      table.kind = mapping.kind as TableKind;
      if (table.kind === 'spend-funding' && !table.blocks) {
        const blocks = this.blocks(table);
        if (blocks) table.blocks = blocks;
      }
    }
    if (mapping) table.mapped = true;
    if (listObject) table.listObject = listObject.name;
    return table;
  }

  /** Is the row under the first header row a second header row? */
  private secondHeaderRow(top: number, left: number, right: number): boolean {
    const second = top + 1;
    if (!this.headerLike(second, left, right)) return false;
    const firstCols = new Set(this.occupied(top, left, right));
    const secondCols = this.occupied(second, left, right);
    const underGap = secondCols.some((c) => !firstCols.has(c));
    const years = secondCols.filter((c) => parseFinancialYear(this.text(second, c))).length;
    const firstYears = [...firstCols].filter((c) => parseFinancialYear(this.text(top, c))).length;
    const short = secondCols.every((c) => this.text(second, c).length <= 30);
    return short && (underGap || (years > 0 && firstYears === 0));
  }

  /** Header text per column: the header rows joined with " / ", a spanning first row carried right. */
  /**
   * An ascending column of whole numbers is a run of line numbers, not figures, where a row labelled
   * as a total holds a number that is not the sum of the numbers above it (190 under 110 ... 150).
   */
  private runningNumbers(col: number, firstData: number, bottom: number): boolean {
    let sum = 0;
    let sawTotal = false;
    for (let r = firstData; r <= bottom; r++) {
      const v = this.view.value(r, col);
      if (typeof v !== 'number') continue;
      const label = this.rowLabel(r, col);
      if (TOTAL_LABEL.test(label) || SUBTOTAL_LABEL.test(label)) {
        if (Math.abs(v - sum) < 0.5) return false;
        sawTotal = true;
        sum = 0;
      } else sum += v;
    }
    return sawTotal;
  }

  /** The words of a row left of a column, for telling totals from lines before roles are known. */
  private rowLabel(row: number, before: number): string {
    for (let c = before - 1; c >= 0 && c >= before - 4; c--) {
      const v = this.view.value(row, c);
      if (typeof v === 'string' && v.trim() !== '') return v;
    }
    for (let c = before + 1; c <= before + 2; c++) {
      const v = this.view.value(row, c);
      if (typeof v === 'string' && v.trim() !== '') return v;
    }
    return '';
  }

  /** A row of figures, not headings: a number no heading would be, with another number under it. */
  private looksLikeFigures(row: number, left: number, right: number): boolean {
    for (let c = left; c <= right; c++) {
      const v = this.view.value(row, c);
      if (typeof v !== 'number' || typeof this.view.value(row + 1, c) !== 'number') continue;
      const yearLike = Number.isInteger(v) && v >= 1900 && v <= 2100;
      if (yearLike) continue;
      if (this.view.formula(row, c) || !Number.isInteger(v) || Math.abs(v) >= 10000) return true;
    }
    return false;
  }

  private headerTexts(headerRows: number[], left: number, right: number): string[] {
    const out: string[] = [];
    const carried: string[] = headerRows.map(() => '');
    for (let c = left; c <= right; c++) {
      const parts: string[] = [];
      headerRows.forEach((r, i) => {
        let t = this.text(r, c);
        const isLast = i === headerRows.length - 1;
        if (t !== '') carried[i] = t;
        else if (!isLast && this.text(headerRows[headerRows.length - 1], c) !== '') t = carried[i];
        if (t !== '' && !parts.includes(t)) parts.push(t);
      });
      out.push(parts.join(' / '));
    }
    return out;
  }

  private columns(headers: string[], left: number, right: number, firstData: number, bottom: number): TableColumn[] {
    const ctx = { own: this.settings.benchmark?.own };
    const cols: TableColumn[] = [];
    const stats: ColumnStats[] = [];
    for (let c = left; c <= right; c++) {
      const s: ColumnStats = {
        numbers: 0,
        texts: 0,
        blanks: 0,
        longest: 0,
        flags: 0,
        codes: 0,
        bad: 0,
        dates: 0,
        percents: 0,
      };
      let previous = 0;
      let ascending = true;
      for (let r = firstData; r <= bottom; r++) {
        const raw = this.view.value(r, c);
        if (typeof raw === 'number') {
          s.numbers++;
          if (!Number.isInteger(raw) || raw <= previous || raw > 99999 || this.view.formula(r, c)) ascending = false;
          previous = raw;
          const fmt = this.view.numberFormat(r, c);
          if (fmt && fmt !== 'General') {
            if (isDateFormat(fmt)) s.dates++;
            else if (readNumberFormat(fmt).percent) s.percents++;
          }
          continue;
        }
        const f = this.figure(this.view.name, r, c);
        if (typeof raw === 'string' && isCode(raw)) {
          s.codes++;
          s.texts++;
          continue;
        }
        if (f.kind === 'number' || f.kind === 'nil' || f.kind === 'bad') s.numbers++;
        if (f.kind === 'bad') s.bad++;
        if (f.kind === 'number' && f.percent) s.percents++;
        else if (f.kind === 'blank') s.blanks++;
        else if (f.kind === 'text' || f.kind === 'error') {
          const t = this.text(r, c);
          s.texts++;
          s.longest = Math.max(s.longest, t.length);
          if (isFlagValue(t)) s.flags++;
        }
      }
      if (ascending && s.numbers >= 4 && s.texts === 0) s.ascending = true;
      stats.push(s);
      const header = headers[c - left];
      const fromHeader = roleFromHeader(header, ctx);
      const col: TableColumn = { col: c, letter: columnLetter(c), header, role: 'ignore' };
      const measure = measureOf(header);
      if (measure) col.measure = measure;
      if (fromHeader) {
        col.role = fromHeader.role;
        if (fromHeader.year) col.year = fromHeader.year;
        if (fromHeader.riskSet) col.riskSet = fromHeader.riskSet;
        // A "figure" header over a column of words is text (e.g. "Funding" naming sources).
        if (FIGURE_ROLES.has(col.role) && s.texts > s.numbers * 2 && s.texts > 1) {
          col.role = 'text';
          delete col.year;
        }
        // Dates and percentages under a figure's header are still dates and percentages.
        if (FIGURE_ROLES.has(col.role)) {
          const content = roleFromContent(s);
          if (content === 'date' || content === 'ratio') {
            col.role = content;
            delete col.year;
          }
        }
      } else col.role = s.ascending && this.runningNumbers(c, firstData, bottom) ? 'ref' : roleFromContent(s);
      const unit = parseUnit(header);
      if (unit && unit.label !== '%') col.unit = unit;
      else if (unit) col.unit = unit;
      cols.push(col);
    }
    // The label column: the first column of words that is not a short code; codes left of it are refs.
    const filled = (s: ColumnStats) => s.numbers + s.texts;
    const labelIdx = cols.findIndex(
      (c, i) =>
        (c.role === 'text' || (c.role === 'ignore' && stats[i].texts > 0)) &&
        stats[i].texts >= stats[i].numbers &&
        !(stats[i].codes >= filled(stats[i]) * 0.8 && stats[i].longest <= 7 && filled(stats[i]) > 0),
    );
    if (labelIdx >= 0) {
      cols[labelIdx].role = 'label';
      for (let i = 0; i < labelIdx; i++) {
        const s = stats[i];
        if ((cols[i].role === 'text' || cols[i].role === 'figure') && s.codes >= filled(s) * 0.6) cols[i].role = 'ref';
      }
    }
    return cols;
  }

  private rows(columns: TableColumn[], firstData: number, bottom: number): TableRow[] {
    const labelCols = columns.filter((c) => c.role === 'label' || c.role === 'text');
    const label = columns.find((c) => c.role === 'label');
    const ref = columns.find((c) => c.role === 'ref');
    const source = columns.find((c) => c.role === 'source');
    const figures = columns.filter((c) => FIGURE_ROLES.has(c.role) && c.role !== 'total');
    const rows: TableRow[] = [];
    let lastLine: number | undefined;
    for (let r = firstData; r <= bottom; r++) {
      const occupied = columns.some((c) => !this.view.isEmpty(r, c.col));
      const row: TableRow = { row: r, role: 'line', label: '' };
      if (this.hidden.has(r)) row.hidden = true;
      if (!occupied) {
        row.role = 'blank';
        rows.push(row);
        continue;
      }
      const labelText = label
        ? this.text(r, label.col)
        : (labelCols.map((c) => this.text(r, c.col)).find((t) => t) ?? '');
      const refText = ref ? this.text(r, ref.col) : '';
      row.label = labelText || refText;
      if (refText) row.ref = refText;
      const hasFigure = figures.some((c) => {
        if (typeof this.view.value(r, c.col) === 'number') return true;
        const f = this.figure(this.view.name, r, c.col);
        return f.kind !== 'blank' && f.kind !== 'text';
      });
      const sourceText = source ? this.text(r, source.col) : '';
      if (source && !labelText && !refText && TOTAL_LABEL.test(sourceText)) {
        // "Total Mainstream Funding Required": a total of one source's rows.
        row.role = 'total';
        row.label = sourceText;
      } else if (source && !labelText && !refText && sourceText && lastLine !== undefined) {
        row.role = 'source';
        row.label = sourceText;
        row.lineRow = lastLine;
      } else if (MEMO_LABEL.test(row.label) || RATIO_LABEL.test(row.label) || this.notASum(r, figures))
        row.role = 'memo';
      else if (SUBTOTAL_LABEL.test(row.label)) row.role = 'subtotal';
      else if (
        TOTAL_LABEL.test(row.label) ||
        CARRIED_FORWARD_LABEL.test(row.label) ||
        (!row.label && this.sumsAbove(r, figures, firstData))
      ) {
        row.role = 'total';
        if (!row.label) row.label = 'Total';
      } else if (!hasFigure && figures.length > 0 && row.label && this.isSection(r, columns)) row.role = 'section';
      else {
        row.role = 'line';
        lastLine = r;
      }
      rows.push(row);
    }
    const cells = {
      formula: (r: number, c: number) => this.view.formula(r, c),
      num: (r: number, c: number) => this.figure(this.view.name, r, c).value,
      formulaCount: (r: number) => figures.filter((c) => this.view.formula(r, c.col)).length,
    };
    groupsAbove(rows, figures, cells);
    typedGroupsAbove(rows, figures, cells);
    totalsOfGroups(rows, figures, cells);
    return rows;
  }

  /** A row whose figures are averages, counts, minima or maxima (by formula): not a line, not a total. */
  private notASum(r: number, figures: TableColumn[]): boolean {
    let other = 0;
    let formulas = 0;
    for (const c of figures) {
      const f = this.view.formula(r, c.col);
      if (!f) continue;
      formulas++;
      if (aggregation(f) === 'other') other++;
    }
    return formulas > 0 && other === formulas;
  }

  /** A row with a label and nothing else, like "Funded by :". */
  private isSection(r: number, columns: TableColumn[]): boolean {
    const filled = columns.filter((c) => !this.view.isEmpty(r, c.col));
    return filled.length === 1 || /:\s*$/.test(this.text(r, filled[0].col));
  }

  /** A row without a label whose figures are SUMs of the rows above it. */
  private sumsAbove(r: number, figures: TableColumn[], firstData: number): boolean {
    let sums = 0;
    for (const c of figures) {
      const f = this.view.formula(r, c.col);
      if (!f) continue;
      const m = /^=\s*SUM\(\s*\$?([A-Z]{1,3})\$?(\d+)\s*:\s*\$?([A-Z]{1,3})\$?(\d+)\s*\)\s*$/i.exec(f);
      if (m && columnIndex(m[1]) === c.col && Number(m[4]) - 1 < r && Number(m[2]) - 1 >= firstData - 1) sums++;
    }
    return sums > 0 && sums >= figures.length / 2;
  }

  private unit(titles: string[], columns: TableColumn[], rows: TableRow[]): Unit {
    for (const t of [...titles].reverse()) {
      const u = parseUnit(t);
      if (u && u.label !== '%') return u;
    }
    const fromHeaders = columns.map((c) => c.unit).filter((u): u is Unit => !!u && u.label !== '%' && u.label !== null);
    if (fromHeaders.length > 0) return fromHeaders[0];
    const firstLine = rows.find((r) => r.role === 'line');
    if (firstLine) {
      for (const c of columns) {
        if (!FIGURE_ROLES.has(c.role)) continue;
        const u = unitFromNumberFormat(this.view.numberFormat(firstLine.row, c.col));
        if (u && u.label !== '%') return u;
      }
    }
    return UNKNOWN_UNIT;
  }

  private kind(t: FoundTable): TableKind | null {
    // On a pivot table's output (where the port knows it), whatever its captions; else by Excel's captions.
    const onPivot = this.pivots.some(
      (p) => p.top <= t.bottom && t.top <= p.bottom && p.left <= t.right && t.left <= p.right,
    );
    if (onPivot || isPivotOutput(t)) return 'pivot';
    const roles = new Set(t.columns.map((c) => c.role));
    const labels = t.rows.map((r) => r.label.toLowerCase());
    const headers = t.columns.map((c) => c.header.toLowerCase()).join(' | ');
    const hasTotalRow = t.rows.some((r) => r.role === 'total');
    const figureCols = t.columns.filter((c) => FIGURE_ROLES.has(c.role));
    if (roles.has('source') && (roles.has('funding') || roles.has('year'))) return 'financial-plan';
    if (isRiskLike(t.columns)) return 'risk-register';
    if (
      figureCols.length > 0 &&
      (roles.has('average') ||
        roles.has('own') ||
        /\b(comparator|nearest neighbour|cipfa|england|similar)/.test(headers))
    ) {
      return 'comparator';
    }
    // A savings envelope: a budget line (not a plan's "Total net budget" row) and savings against it;
    // a budget build-up ending in what is carried forward is a total of its movements instead.
    const lineLabels = t.rows
      .filter((r) => r.role !== 'total' && r.role !== 'subtotal')
      .map((r) => r.label.toLowerCase());
    if (
      lineLabels.some((l) => /\bsavings?\b/.test(l)) &&
      lineLabels.some((l) => /\b(envelope|mtrs|mtfs|budget)\b/.test(l)) &&
      !t.rows.some((r) => CARRIED_FORWARD_LABEL.test(r.label))
    ) {
      return 'savings-envelope';
    }
    if (
      labels.some((l) => /\bbenefits?\b/.test(l)) &&
      labels.some((l) => /\b(costs?|programme|investment|spend)\b/.test(l)) &&
      t.columns.filter((c) => c.role === 'year').length >= 2
    ) {
      return 'cost-benefit';
    }
    if (this.blocks(t)) return 'spend-funding';
    // Percentages and ratios only (measures, rates): figures to read, none to add up.
    if (figureCols.length === 0) return roles.has('ratio') ? 'list' : null;
    if (hasTotalRow || roles.has('total')) return 'totals-grid';
    return 'list';
  }

  /**
   * Two blocks, each with its own total: side by side (a second label column after figures), or
   * one under the other (a section row such as "Funded by :" after a total).
   */
  private blocks(t: FoundTable): TableBlock[] | null {
    const wordCols = t.columns.filter((c) => c.role === 'label' || c.role === 'text');
    const figureCols = t.columns.filter((c) => FIGURE_ROLES.has(c.role) && c.role !== 'total');
    // Side by side.
    if (wordCols.length >= 2) {
      const first = wordCols[0];
      const second = wordCols.find(
        (c) => c.col > first.col && figureCols.some((f) => f.col > first.col && f.col < c.col),
      );
      if (second) {
        const make = (labelCol: number, from: number, to: number, label: string): TableBlock | null => {
          const figs = figureCols.filter((f) => f.col > labelCol && f.col <= to).map((f) => f.col);
          if (figs.length === 0) return null;
          const total = t.rows.find((r) => TOTAL_LABEL.test(this.text(r.row, labelCol)));
          const block: TableBlock = {
            label,
            top: t.rows[0].row,
            bottom: t.bottom,
            left: from,
            right: to,
            labelCol,
            figureCols: figs,
          };
          if (total) block.totalRow = total.row;
          return block;
        };
        const a = make(first.col, t.left, second.col - 1, this.blockName(t, first.col, 'Spend'));
        const b = make(second.col, second.col, t.right, this.blockName(t, second.col, 'Funding'));
        // Spend beside its funding: money both sides, totalled on the same row. A staffing table in
        // FTE (or any count) beside a budget, with its own total, is another table.
        const money = (x: TableBlock) =>
          !NOT_MONEY.test(
            [x.label, ...x.figureCols.map((c) => t.columns.find((k) => k.col === c)?.header ?? '')].join(' '),
          );
        if (a && b && a.totalRow !== undefined && a.totalRow === b.totalRow && money(a) && money(b)) return [a, b];
      }
    }
    // One under the other.
    const label = t.columns.find((c) => c.role === 'label');
    if (!label) return null;
    const totals = t.rows.filter((r) => r.role === 'total');
    if (totals.length < 2) return null;
    const firstTotal = totals[0];
    const section = t.rows.find(
      (r) => r.row > firstTotal.row && (r.role === 'section' || FUNDING_SECTION.test(r.label)),
    );
    if (!section || !FUNDING_SECTION.test(section.label)) return null;
    const secondTotal = totals.find((r) => r.row > section.row);
    if (!secondTotal) return null;
    // Two blocks, spend then funding, and nothing else: a form of many sections, each with its
    // total and one of them called "Income", is not a spend and funding summary.
    if (totals.some((r) => r.row > secondTotal.row || (r.row > firstTotal.row && r.row < section.row))) return null;
    const cols = figureCols.map((f) => f.col);
    return [
      {
        label: this.text(t.headerRows[0], label.col) || 'Spend',
        top: t.rows[0].row,
        bottom: firstTotal.row,
        left: t.left,
        right: t.right,
        labelCol: label.col,
        figureCols: cols,
        totalRow: firstTotal.row,
      },
      {
        label: section.label.replace(/\s*:\s*$/, ''),
        top: section.row,
        bottom: secondTotal.row,
        left: t.left,
        right: t.right,
        labelCol: label.col,
        figureCols: cols,
        totalRow: secondTotal.row,
      },
    ];
  }

  private blockName(t: FoundTable, labelCol: number, fallback: string): string {
    const header = t.columns.find((c) => c.col === labelCol)?.header ?? '';
    return header || fallback;
  }
}

/**
 * A pivot table's output, by the captions Excel gives it: "Row Labels" over the row field, value
 * fields named "Sum of ...", "Average of ...", "Count of ...", and a "Grand Total" row.
 */
function isPivotOutput(t: FoundTable): boolean {
  const headers = t.columns.map((c) => shortHeader(c.header).trim());
  if (headers.some((h) => /^(row|column) labels$/i.test(h))) return true;
  const valueFields = headers.filter((h) => /^(sum|average|count|max|min|product|stddev|var|countnums) of\b/i.test(h));
  return valueFields.length > 0 && t.rows.some((r) => /^\s*grand total\s*$/i.test(r.label));
}

function isRiskLike(columns: TableColumn[]): boolean {
  const roles = new Set(columns.map((c) => c.role));
  const mentionsRisk = columns.some((c) => /\brisks?\b/i.test(c.header));
  return mentionsRisk && (roles.has('likelihood') || roles.has('impact') || roles.has('rating') || roles.has('score'));
}

/** One table, as the CLI's --json and the pane list it. */
export function tableSummary(t: FoundTable): {
  sheet: string;
  range: string;
  kind: TableKind;
  title: string | null;
  unit: string | null;
  headerRows: number[];
  columns: { letter: string; header: string; role: ColumnRole; year: string | null }[];
  years: string[];
  lines: number;
  totalRows: number[];
  mapped: boolean;
} {
  // The years in one spelling, the table's own ("2024-25" where its headers say so).
  const spelling = commonYearSpelling(t.columns.filter((c) => c.year).map((c) => c.header));
  const years: string[] = [];
  for (const c of t.columns) {
    const y = c.year ? spellYear(c.year.start, spelling) : null;
    if (y && !years.includes(y)) years.push(y);
  }
  return {
    sheet: t.sheet,
    range: t.range,
    kind: t.kind,
    title: t.title ?? null,
    unit: t.unit.label,
    headerRows: t.headerRows.map((r) => r + 1),
    columns: t.columns.map((c) => ({ letter: c.letter, header: c.header, role: c.role, year: c.year?.label ?? null })),
    years,
    lines: t.rows.filter((r) => r.role === 'line').length,
    totalRows: t.rows.filter((r) => r.role === 'total').map((r) => r.row + 1),
    mapped: t.mapped ?? false,
  };
}

/** What the reader found, as lines of text for a terminal. */
export function describeTables(read: Pick<ReadResult, 'tables'>): string {
  return read.tables
    .map((t) => {
      const s = tableSummary(t);
      const roles = s.columns
        .filter((c) => c.role !== 'ignore')
        .map((c) => `${c.letter} ${c.role}${c.year ? ` ${c.year}` : ''}`)
        .join(', ');
      const head = `${s.sheet}!${s.range}  ${TABLE_KIND_NAMES[s.kind]}${s.title ? `  "${s.title}"` : ''}`;
      const facts = [
        `unit ${s.unit ?? 'not stated'}`,
        `header row${s.headerRows.length > 1 ? 's' : ''} ${s.headerRows.join(', ')}`,
        `${s.lines} line${s.lines === 1 ? '' : 's'}`,
        s.totalRows.length > 0
          ? `total row${s.totalRows.length > 1 ? 's' : ''} ${s.totalRows.join(', ')}`
          : 'no total row',
        s.years.length > 0 ? `years ${s.years.join(', ')}` : '',
        s.mapped ? 'as you mapped it' : '',
      ].filter(Boolean);
      return `${head}\n  ${facts.join('; ')}\n  columns: ${roles}`;
    })
    .join('\n');
}
