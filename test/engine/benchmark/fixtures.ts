/**
 * Comparator-table fixtures for the benchmark tests: a grid laid on a sheet, the FoundTable the
 * reader would hand over for it (kind 'comparator', headers as text, every row a 'line'), and a
 * ReadResult whose figure() parses cells with the engine's one parser.
 */
import {
  SheetView,
  columnLetter,
  rangeA1,
  snapshotFromRows,
  type CellValue,
  type SheetSnapshot,
  type WorkbookSnapshot,
} from '../../../src/engine/grid';
import { parseFigure, type Figure } from '../../../src/engine/numbers';
import type { ReadResult } from '../../../src/engine/tables';
import type { FoundTable, TableKind } from '../../../src/engine/tables/types';
import { seedGrid, type SeedName } from '../../../src/samples/seeds';

export interface TableOnSheet {
  /** The grid as laid on the sheet, row 0 at `origin.row`. */
  rows: CellValue[][];
  /** Index in `rows` of the (last) header row. */
  headerRow: number;
  /** Index in `rows` of the first header row, when there are two. */
  firstHeaderRow?: number;
  kind?: TableKind;
  title?: string;
}

/** Builds the FoundTable the reader would return for a grid laid at an origin on a sheet. */
export function foundTable(sheet: SheetSnapshot, t: TableOnSheet): FoundTable {
  const top0 = sheet.origin.row;
  const left = sheet.origin.col;
  const headerAbs = top0 + t.headerRow;
  const firstHeader = top0 + (t.firstHeaderRow ?? t.headerRow);
  let bottomIdx = t.rows.length - 1;
  while (bottomIdx > t.headerRow && t.rows[bottomIdx].every((c) => c === null || c === undefined || c === ''))
    bottomIdx--;
  const width = t.rows.slice(t.firstHeaderRow ?? t.headerRow, bottomIdx + 1).reduce((w, r) => Math.max(w, r.length), 0);
  const right = left + width - 1;
  const bottom = top0 + bottomIdx;
  const headerRows = t.firstHeaderRow !== undefined ? [firstHeader, headerAbs] : [headerAbs];
  const view = new SheetView(sheet);
  const columns = Array.from({ length: width }, (_, i) => {
    const col = left + i;
    const header = headerRows
      .map((r) => view.value(r, col))
      .filter((v) => v !== null)
      .map((v) => String(v).trim())
      .join(' / ');
    return { col, letter: columnLetter(col), header, role: 'text' as const };
  });
  const rows = [];
  for (let r = headerAbs + 1; r <= bottom; r++) {
    const cells = Array.from({ length: width }, (_, i) => view.value(r, left + i));
    const blank = cells.every((c) => c === null);
    const label = cells.find((c) => typeof c === 'string');
    rows.push({
      row: r,
      role: blank ? ('blank' as const) : ('line' as const),
      label: label === undefined ? '' : String(label),
    });
  }
  const range = rangeA1(firstHeader, left, bottom, right);
  const titleCell = t.headerRow > 0 ? t.rows[0]?.[0] : null;
  return {
    id: `${sheet.name}!${range}`,
    sheet: sheet.name,
    range,
    top: firstHeader,
    left,
    bottom,
    right,
    kind: t.kind ?? 'comparator',
    headerRows,
    title: t.title ?? (typeof titleCell === 'string' ? titleCell : undefined),
    unit: { label: null, multiplier: 1 },
    columns,
    rows,
  };
}

/** A ReadResult over a workbook and the tables given (figure() memoised, as the reader's is). */
export function readResult(wb: WorkbookSnapshot, tables: FoundTable[]): ReadResult {
  const views: Record<string, SheetView> = {};
  for (const s of wb.sheets) views[s.name] = new SheetView(s);
  const memo = new Map<string, Figure>();
  return {
    tables,
    findings: [],
    views,
    figure(sheet: string, row: number, col: number): Figure {
      const key = `${sheet}!${row},${col}`;
      let f = memo.get(key);
      if (!f) {
        f = parseFigure(views[sheet]?.value(row, col) ?? null);
        memo.set(key, f);
      }
      return f;
    },
  };
}

export interface Fixture {
  wb: WorkbookSnapshot;
  read: ReadResult;
  table: FoundTable;
  sheet: SheetSnapshot;
}

/** One table on one sheet. */
export function fixture(
  name: string,
  t: TableOnSheet,
  origin: { row: number; col: number } = { row: 0, col: 0 },
  numberFormats?: (string | null)[][],
): Fixture {
  const sheet = snapshotFromRows(name, t.rows, origin);
  if (numberFormats) sheet.numberFormats = sheet.values.map((r, i) => r.map((_, j) => numberFormats[i]?.[j] ?? null));
  const wb: WorkbookSnapshot = { name: `${name}.xlsx`, sheets: [sheet], names: [] };
  const table = foundTable(sheet, t);
  return { wb, read: readResult(wb, [table]), table, sheet };
}

/** A seed table laid out as the document prints it, as a fixture. */
export function seedFixture(
  seed: SeedName,
  sheetName: string,
  options: { part?: number; origin?: { row: number; col: number } } = {},
): Fixture {
  const { rows, headerRow } = seedGrid(seed, { part: options.part });
  return fixture(sheetName, { rows, headerRow }, options.origin ?? { row: 0, col: 0 });
}

/** Several fixtures' sheets as one workbook. */
export function workbookOf(...fixtures: Fixture[]): { wb: WorkbookSnapshot; read: ReadResult } {
  const wb: WorkbookSnapshot = { name: 'tables.xlsx', sheets: fixtures.map((f) => f.sheet), names: [] };
  return {
    wb,
    read: readResult(
      wb,
      fixtures.map((f) => f.table),
    ),
  };
}
