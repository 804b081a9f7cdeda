/**
 * One sheet's tables: its blocks of occupied cells (regions.ts), cut where two tables stand side by
 * side; for each, the title and unit lines above it, its one or two header rows, its columns
 * (columns.ts), rows (rows.ts), unit (units.ts) and kind (kinds.ts), the user's mapping
 * (settings.tables) or the workbook's own Excel table overriding what is guessed.
 */
import type { ListObjectRef, RangeRef, SheetView } from '../grid';
import { columnIndex, parseRange, rangeA1 } from '../grid';
import type { Figure } from '../numbers';
import type { Settings, TableMapping } from '../settings';
import { cellText } from './cells';
import { readColumns } from './columns';
import { isRiskLike, NOT_MONEY, tableBlocks, tableKind } from './kinds';
import type { Region } from './regions';
import { findRegions, mergeAcrossBlankRow } from './regions';
import { readRows } from './rows';
import type { ColumnRole, FoundTable, TableKind } from './types';
import { TABLE_KINDS } from './types';
import { parseUnit, tableUnit } from './units';
import { parseFinancialYear } from './years';

/** Reads one sheet's tables: the user's mapped ranges, the workbook's own Excel tables, then the blocks it finds. */
export class SheetReader {
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
    return cellText(this.view, row, col);
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
    const columns = readColumns(this.view, this.figure, this.settings, headers, left, right, firstData, region.bottom);
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
    const rows = readRows(this.view, this.figure, this.hidden, columns, firstData, region.bottom);
    if (listObject?.totalsRow && rows.length > 0) {
      // The table's totals row: Excel's own, whatever its label says.
      const last = rows[rows.length - 1];
      if (last.role !== 'blank') {
        last.role = 'total';
        if (!last.label) last.label = 'Total';
      }
    }
    if (!mapping && !rows.some((r) => r.role !== 'blank')) return null;
    const unit = tableUnit(this.view, titles, columns, rows);
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
    const kind = tableKind(this.view, this.pivots, table);
    if (kind === null && !mapping && !listObject) return null;
    table.kind = kind ?? 'list';
    if (table.kind === 'comparator' && !columns.some((c) => c.role === 'own')) {
      // The council's own column: the first plain figure column before the comparators' average.
      const avg = columns.find((c) => c.role === 'average');
      const own = columns.find((c) => c.role === 'figure' && (!avg || c.col < avg.col));
      if (own) own.role = 'own';
    }
    if (table.kind === 'spend-funding' || table.kind === 'cost-benefit') {
      const blocks = tableBlocks(this.view, table);
      if (blocks) table.blocks = blocks;
    }
    if (mapping?.kind && (TABLE_KINDS as string[]).includes(mapping.kind)) {
      table.kind = mapping.kind as TableKind;
      if (table.kind === 'spend-funding' && !table.blocks) {
        const blocks = tableBlocks(this.view, table);
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

  /** Header text per column: the header rows joined with " / ", a spanning first row carried right. */
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
}
