/**
 * Risk register fixtures: a grid laid on a sheet and the FoundTable the reader would return for
 * it, built here by hand (header text per column, one 'line' row per non-empty row) so the risk
 * engine can be tested without the reader. Column roles are all 'text' on purpose: the risk engine
 * must decide columns from the header text.
 */
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../../../src/engine/grid';
import { columnLetter, rangeA1, SheetView, snapshotFromRows } from '../../../src/engine/grid';
import type { FoundTable, ReadResult, TableColumn, TableRow } from '../../../src/engine/tables';
import type { SeedName } from '../../../src/samples/seeds';
import { seedGrid } from '../../../src/samples/seeds';

export interface RegisterFixture {
  wb: WorkbookSnapshot;
  read: ReadResult;
  table: FoundTable;
  sheet: SheetSnapshot;
}

/** The FoundTable for a grid whose header starts at `headerRow` (0-based) and runs `headerCount` rows. */
export function foundTable(sheet: SheetSnapshot, headerRow: number, headerCount = 1): FoundTable {
  const view = new SheetView(sheet);
  const headerRows = Array.from({ length: headerCount }, (_, i) => headerRow + i);
  const columns: TableColumn[] = [];
  for (let c = view.left; c <= view.right; c++) {
    const parts = headerRows
      .map((r) => view.value(r, c))
      .filter((v) => v !== null)
      .map((v) => String(v).trim());
    if (parts.length === 0) continue;
    columns.push({ col: c, letter: columnLetter(c), header: parts.join(' / '), role: 'text' });
  }
  const left = columns[0]?.col ?? 0;
  const right = columns[columns.length - 1]?.col ?? 0;
  let bottom = headerRows[headerRows.length - 1];
  for (let r = bottom + 1; r <= view.bottom; r++) {
    for (let c = left; c <= right; c++) if (view.value(r, c) !== null) bottom = r;
  }
  const rows: TableRow[] = [];
  for (let r = headerRows[headerRows.length - 1] + 1; r <= bottom; r++) {
    let filled = false;
    for (let c = left; c <= right; c++) if (view.value(r, c) !== null) filled = true;
    rows.push({ row: r, role: filled ? 'line' : 'blank', label: String(view.value(r, left) ?? '') });
  }
  const range = rangeA1(headerRow, left, bottom, right);
  return {
    id: `${sheet.name}!${range}`,
    sheet: sheet.name,
    range,
    top: headerRow,
    left,
    bottom,
    right,
    kind: 'risk-register',
    headerRows,
    unit: { label: null, multiplier: 1 },
    columns,
    rows,
  };
}

/** A ReadResult holding the given tables, as the reader would return it. */
export function readResult(sheets: SheetSnapshot[], tables: FoundTable[]): ReadResult {
  const views: Record<string, SheetView> = {};
  for (const s of sheets) views[s.name] = new SheetView(s);
  return { tables, findings: [], views, figure: () => ({ kind: 'blank', value: null }) };
}

/** A register from plain rows: header at `headerRow`, `headerCount` header rows. */
export function registerFromRows(
  rows: CellValue[][],
  headerRow = 0,
  headerCount = 1,
  sheetName = 'Risks',
): RegisterFixture {
  const sheet = snapshotFromRows(sheetName, rows);
  const table = foundTable(sheet, headerRow, headerCount);
  const wb: WorkbookSnapshot = { name: 'test.xlsx', sheets: [sheet], names: [] };
  return { wb, read: readResult([sheet], [table]), table, sheet };
}

/** A seed register laid as the document prints it (title line, blank line, header, rows). */
export function seedRegister(name: SeedName, sheetName = 'Risks'): RegisterFixture {
  const grid = seedGrid(name);
  return registerFromRows(grid.rows, grid.headerRow, 1, sheetName);
}

/** A 5x5 register in words with one of each mistake. */
export const FIVE_BY_FIVE: CellValue[][] = [
  ['Corporate risk register 2025/26'],
  [],
  [
    'Ref',
    'Risk',
    'Inherent',
    'Inherent',
    'Inherent',
    'Inherent',
    'Residual',
    'Residual',
    'Residual',
    'Risk owner',
    'Existing controls',
    'Review date',
  ],
  [null, null, 'Likelihood', 'Impact', 'Score', 'Rating', 'Likelihood', 'Impact', 'Score', null, null, null],
  [
    'R1',
    'Care market failure',
    'Likely',
    'Major',
    16,
    'Extreme',
    'Possible',
    'Major',
    12,
    'J Smith',
    'Contract monitoring',
    '31/03/2030',
  ],
  [
    'R2',
    'Workforce shortage',
    'possible',
    ' Moderate ',
    12,
    'High',
    'Unlikely',
    'Moderate',
    6,
    'A Khan',
    'Recruitment plan',
    '30/09/2026',
  ],
  ['R3', 'Data breach', 'unlikely ', 'MINOR', 4, 'Extreme', 'Rare', 'Minor', 2, 'IT lead', 'Training', '30/09/2026'],
  [
    'R4',
    'Provider failure',
    'Likely',
    'Moderate',
    12,
    'High',
    'Possible',
    'Moderate',
    9,
    null,
    'Market shaping',
    '30/09/2026',
  ],
  [
    'R5',
    'Deprivation of liberty backlog',
    'Almost certain',
    'Moderate',
    15,
    'Extreme',
    'Likely',
    'Moderate',
    12,
    'DoLS lead',
    'Triage',
    '01/04/2020',
  ],
  ['R6', 'Winter pressures', 3, 3, 9, 'High', 2, 3, 6, 'Ops director', null, 43921],
  [
    'R7',
    'Savings undelivered',
    'Unlikely',
    'Minor',
    4,
    'Moderate',
    'Possible',
    'Moderate',
    9,
    'Finance lead',
    'Monthly monitoring',
    '30/09/2026',
  ],
  ['R8', 'Fraud in direct payments', '7', 'Major', null, null, null, null, null, 'Audit', 'Audits', '30/09/2026'],
  [
    'R9',
    'Safeguarding referrals rise',
    'Likely',
    null,
    null,
    null,
    null,
    null,
    null,
    'Safeguarding lead',
    'Board',
    '30/09/2026',
  ],
];

/** The register above, on sheet Risks (header rows 3 and 4). */
export function fiveByFive(): RegisterFixture {
  return registerFromRows(FIVE_BY_FIVE, 2, 2);
}

/**
 * An NHS 5x5 register in numbers with exactly five planted mistakes, each on its own row, and
 * five clean risks (header on sheet row 3, risks on rows 4-13):
 * R2 (row 5) a stated score that is not the product (3 × 4 stated as 15);
 * R4 (row 7) a rating that is not the band of its score (2 × 2 = 4 rated High);
 * R5 (row 8) a likelihood of 7; R6 (row 9) no impact; R7 (row 10) no owner.
 * R1, R3, R8, R9 and R10 are clean.
 */
export const PLANTED_5X5: CellValue[][] = [
  ['Adult Social Care risk register 2025/26'],
  [],
  ['Ref', 'Risk description', 'Likelihood', 'Consequence', 'Score', 'Rating', 'Owner', 'Controls', 'Review date'],
  ['R1', 'Care home closures', 4, 4, 16, 'Extreme', 'Head of commissioning', 'Market position statement', '31/03/2030'],
  ['R2', 'Home care hours unfilled', 3, 4, 15, 'High', 'Head of provider services', 'Recruitment drive', '31/03/2030'],
  ['R3', 'Assessment waiting list grows', 2, 3, 6, 'Moderate', 'Head of assessment', 'Weekly triage', '31/03/2030'],
  ['R4', 'Deferred payments not recovered', 2, 2, 4, 'High', 'Finance lead', 'Monthly reconciliation', '31/03/2030'],
  ['R5', 'Fraud in direct payments', 7, 3, 21, 'Extreme', 'Audit manager', 'Annual audit', '31/03/2030'],
  ['R6', 'Safeguarding referrals rise', 4, null, null, null, 'Safeguarding lead', 'Board oversight', '31/03/2030'],
  ['R7', 'Hospital discharge delays', 3, 3, 9, 'High', null, 'Discharge to assess', '31/03/2030'],
  ['R8', 'Client data breach', 1, 5, 5, 'Moderate', 'Information governance lead', 'Training', '31/03/2030'],
  ['R9', 'Savings not delivered', 5, 3, 15, 'Extreme', 'Director of finance', 'Savings tracker', '31/03/2030'],
  ['R10', 'Winter pressures', 3, 2, 6, 'Moderate', 'Operations director', 'Winter plan', '31/03/2030'],
];

/** The planted register above, on sheet Risks (header row 3). */
export function plantedFiveByFive(): RegisterFixture {
  return registerFromRows(PLANTED_5X5, 2, 1);
}
