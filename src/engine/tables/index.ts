/**
 * The reader: from sheet snapshots to typed tables, with the address of every figure.
 *
 * This module is its entry (readTables, which also judges the figures of plan tables) and its
 * public face: what the checks, the pane and the CLI import from tables/ is re-exported here.
 * For each sheet (sheetReader.ts): blocks of occupied cells (regions.ts); titles and unit lines
 * above a block are its title; one or two header rows; column roles from headers and contents
 * (columns.ts); row roles (lines, funding-source rows, totals, sections: rows.ts); the table's
 * kind (kinds.ts); its unit (units.ts). The user's mapping (settings.tables) overrides any of it.
 */
import type { WorkbookSnapshot } from '../grid';
import { SheetView } from '../grid';
import type { Finding } from '../findings';
import type { Figure } from '../numbers';
import type { Settings } from '../settings';
import { SETTINGS_SHEET } from '../port';
import { figureReader } from './cells';
import { figureFindings } from './figureFindings';
import { SheetReader } from './sheetReader';
import type { FoundTable, TableKind } from './types';
import { FIGURE_ROLES } from './types';

export * from './types';
export { parseFinancialYear, financialYearLabel } from './years';
export { parseUnit, unitFromNumberFormat } from './units';
export { shortHeader } from './figureFindings';
export { isRatioLabel } from './rows';
export { describeTables, tableSummary } from './describe';

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
  // Each text is parsed once; plain numbers and empty cells need no parsing (cells.ts).
  const figure = figureReader(views);
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
    let rows = 0;
    for (let ri = 0; ri < t.rows.length; ri++) {
      const r = t.rows[ri];
      if (r.role !== 'blank' && r.role !== 'section') rows++;
    }
    judgedFigures += cols * rows;
    for (const f of figureFindings(t, views[t.sheet], figure, (c) => FIGURE_ROLES.has(c.role))) findings.push(f);
  }
  return { tables, findings, views, figure, judged: { 'figures.unreadable': judgedFigures }, hiddenSheets };
}
