/**
 * The pane's Compare feature: the open workbook against an earlier version, either an .xlsx the
 * user picks (read here, in the page; nothing is uploaded) or another sheet of the same workbook.
 * The .xlsx reader (exceljs) is loaded only when a file is compared, so the Excel pane stays small.
 * `plancheck compare OLD NEW` runs the same comparison (compareSnapshots) and builds the same
 * bridge (bridgeSpecs) on the two files it reads itself.
 */
import type { Change, CompareResult } from '../engine/compare';
import { buildBridges, buildBridgeSpec, compareWorkbooks, type Bridge } from '../engine/compare';
import type { WorkbookSnapshot } from '../engine/grid';
import type { WorkbookPort } from '../engine/port';
import type { Settings } from '../engine/settings';
import type { TableSpec } from '../engine/spec';
import type { ReadResult } from '../engine/tables';
import { readTables } from '../engine/tables';

/** Where the earlier version comes from. */
export type EarlierVersion = { file: { bytes: Uint8Array; name: string } } | { sheet: string };

export interface CompareView {
  old: string;
  new: string;
  tables: CompareResult['tables'];
  /** Errors (totals typed over) first, then the rest in table order. */
  changes: Change[];
  bridges: Bridge[];
  errors: number;
}

/** A version of a workbook as read, as the user knows it (its file name), with the settings to read its tables by. */
export interface WorkbookVersion {
  wb: WorkbookSnapshot;
  settings: Settings;
}

/** Reads a version of a workbook through its port, under the name the user knows it by. */
export async function readVersion(port: Pick<WorkbookPort, 'read'>, name: string): Promise<WorkbookSnapshot> {
  const wb = await port.read();
  wb.name = name;
  return wb;
}

/** Reads an earlier version's bytes with the .xlsx reader, loaded on first use. */
async function readFile(bytes: Uint8Array, name: string): Promise<WorkbookSnapshot> {
  const { openWorkbookBytes } = await import(/* webpackChunkName: "compare-reader" */ '../xlsx/open');
  return readVersion(await openWorkbookBytes(bytes, name), name);
}

/** One sheet of a snapshot as a workbook of its own (or the rest without it). */
function only(wb: WorkbookSnapshot, keep: (name: string) => boolean, name: string): WorkbookSnapshot {
  return { ...wb, name, sheets: wb.sheets.filter((s) => keep(s.name)) };
}

export interface Compared {
  view: CompareView;
  /** What the bridge insert needs. */
  oldRead: ReadResult;
  newRead: ReadResult;
  sameWorkbook: boolean;
}

/**
 * What changed between two versions already read: the tables matched by meaning, the changes
 * (errors first), and a bridge for each table with years in both, on the newer version's bridge
 * lines, categories and cash limits. The one comparison the pane and `plancheck compare` share.
 * `sameWorkbook`: the earlier version is a sheet of the same workbook (the bridge then says so).
 */
export function compareSnapshots(
  older: WorkbookVersion,
  newer: WorkbookVersion,
  options: { sameWorkbook?: boolean } = {},
): Compared {
  const sameWorkbook = options.sameWorkbook ?? false;
  const oldRead = readTables(older.wb, older.settings);
  const newRead = readTables(newer.wb, newer.settings);
  const result = compareWorkbooks(oldRead, newRead);
  const settings = newer.settings;
  const bridges = buildBridges(oldRead, newRead, result.pairs, {
    oldName: sameWorkbook ? `sheet ${older.wb.name}` : older.wb.name,
    lines: settings.compare?.bridgeLines,
    categories: settings.compare?.categories,
    cashLimits: settings.cashLimits,
    sameWorkbook,
  });
  const changes = [...result.changes].sort(
    (a, b) => (a.severity === 'error' ? 0 : 1) - (b.severity === 'error' ? 0 : 1),
  );
  return {
    view: {
      old: older.wb.name,
      new: newer.wb.name,
      tables: result.tables,
      changes,
      bridges,
      errors: changes.filter((c) => c.severity === 'error').length,
    },
    oldRead,
    newRead,
    sameWorkbook,
  };
}

/** Compares the open workbook (already read) with its earlier version. */
export async function compareVersions(
  current: WorkbookSnapshot,
  earlier: EarlierVersion,
  settings: Settings,
): Promise<Compared> {
  if ('sheet' in earlier) {
    if (!current.sheets.some((s) => s.name === earlier.sheet)) {
      throw new Error(`There is no sheet called "${earlier.sheet}" in this workbook.`);
    }
    return compareSnapshots(
      { wb: only(current, (n) => n === earlier.sheet, earlier.sheet), settings },
      { wb: only(current, (n) => n !== earlier.sheet, current.name), settings },
      { sameWorkbook: true },
    );
  }
  // The user's table mappings are the open workbook's: they apply to it, not to the earlier file.
  const oldWb = await readFile(earlier.file.bytes, earlier.file.name);
  return compareSnapshots({ wb: oldWb, settings: { ...settings, tables: [] } }, { wb: current, settings });
}

/** The bridges one under another on a sheet of their own, the first creating it. */
export function bridgeSpecs(bridges: Bridge[], sheet: string): TableSpec[] {
  let row = 0;
  return bridges.map((b, i) => {
    const spec = buildBridgeSpec(b, { sheet, row, col: 0 }, i === 0);
    row += spec.cells.length + 2;
    return spec;
  });
}
