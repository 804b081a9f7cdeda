/**
 * The pane's Compare feature: the open workbook against an earlier version, either an .xlsx the
 * user picks (read here, in the page; nothing is uploaded) or another sheet of the same workbook.
 * The .xlsx reader (exceljs) is loaded only when a file is compared, so the Excel pane stays small.
 */
import type { Change, CompareResult } from '../engine/compare';
import { buildBridges, buildBridgeSpec, compareWorkbooks, type Bridge } from '../engine/compare';
import type { WorkbookSnapshot } from '../engine/grid';
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

/** Reads an earlier version's bytes with the .xlsx reader, loaded on first use. */
async function readFile(bytes: Uint8Array, name: string): Promise<WorkbookSnapshot> {
  const { openWorkbookBytes } = await import(/* webpackChunkName: "compare-reader" */ '../xlsx/open');
  const port = await openWorkbookBytes(bytes, name);
  const wb = await port.read();
  wb.name = name;
  return wb;
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

/** Compares the open workbook (already read) with its earlier version. */
export async function compareVersions(
  current: WorkbookSnapshot,
  earlier: EarlierVersion,
  settings: Settings,
): Promise<Compared> {
  let oldWb: WorkbookSnapshot;
  let newWb: WorkbookSnapshot;
  const sameWorkbook = 'sheet' in earlier;
  if ('sheet' in earlier) {
    if (!current.sheets.some((s) => s.name === earlier.sheet)) {
      throw new Error(`There is no sheet called "${earlier.sheet}" in this workbook.`);
    }
    oldWb = only(current, (n) => n === earlier.sheet, earlier.sheet);
    newWb = only(current, (n) => n !== earlier.sheet, current.name);
  } else {
    oldWb = await readFile(earlier.file.bytes, earlier.file.name);
    newWb = current;
  }
  // The user's table mappings are the open workbook's: they apply to it, not to the earlier file.
  const oldRead = readTables(oldWb, sameWorkbook ? settings : { ...settings, tables: [] });
  const newRead = readTables(newWb, settings);
  const result = compareWorkbooks(oldRead, newRead);
  const bridges = buildBridges(oldRead, newRead, result.pairs, {
    oldName: sameWorkbook ? `sheet ${oldWb.name}` : oldWb.name,
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
      old: oldWb.name,
      new: newWb.name,
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

/** The bridges one under another on a sheet of their own, the first creating it. */
export function bridgeSpecs(bridges: Bridge[], sheet: string): TableSpec[] {
  let row = 0;
  return bridges.map((b, i) => {
    const spec = buildBridgeSpec(b, { sheet, row, col: 0 }, i === 0);
    row += spec.cells.length + 2;
    return spec;
  });
}
