/** Reading the workbook: the survey of sheets, names, tables and pivots, then the cells in batches. */
import { parseRange, type CellValue, type NamedRange, type SheetSnapshot, type WorkbookSnapshot } from '../engine/grid';
import { SETTINGS_SHEET, type ReadOptions } from '../engine/port';
import { splitBatch, type Block, type SheetExtent } from './blocks';
import { jsonBytes, ReadPlanner } from './readPlan';
import { formulaOf, valueOf } from './cells';
import { isApiNotFound, isItemNotFound, isTooLargeFor } from './errors';
import type { Session } from './session';
import { queueWatch } from './watch';

/** "'My plan'!$B$4:$D$4" or "=Plan!B4" -> sheet and bare address; null for anything else. */
export function splitReference(reference: string): { sheet: string; address: string } | null {
  const text = reference.trim().replace(/^=/, '');
  const bang = text.lastIndexOf('!');
  if (bang < 0) return null;
  let sheet = text.slice(0, bang);
  const address = text.slice(bang + 1).replace(/\$/g, '');
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  if (!parseRange(address) || address.includes(',')) return null;
  return { sheet, address };
}

/** A table or pivot table whose range is read with the first batch of cells, and where it goes. */
interface Extra {
  range: () => Excel.Range;
  put: (snap: SheetSnapshot, address: string) => void;
}

function extrasOf(tables: Excel.Table[], pivots: Excel.PivotTable[]): Extra[] {
  return [
    ...tables.map((t): Extra => ({
      range: () => t.getRange(),
      put: (snap, address) =>
        (snap.tables ??= []).push({
          name: t.name,
          range: address,
          ...(t.showHeaders === false ? { headerRow: false } : {}),
          totalsRow: t.showTotals === true,
        }),
    })),
    ...pivots.map((p): Extra => ({
      range: () => p.layout.getRange(),
      put: (snap, address) => (snap.pivots ??= []).push(address),
    })),
  ];
}

export async function read(session: Session, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  return session.exec('reading the workbook', async (context) => {
    // The changes Excel reported so far are this read's; a read that fails hands them back.
    const dirty = session.cache.takeDirty();
    const tablesChanged = session.cache.tablesChanged;
    session.cache.tablesChanged = false;
    try {
      return await readWith(session, context, options, dirty, tablesChanged);
    } catch (error) {
      session.cache.restoreDirty(dirty);
      session.cache.tablesChanged ||= tablesChanged;
      throw error;
    }
  });
}

async function readWith(
  session: Session,
  context: Excel.RequestContext,
  options: ReadOptions,
  dirty: Map<string, SheetExtent[] | 'whole'>,
  tablesChanged: boolean,
): Promise<WorkbookSnapshot> {
  // The change events are registered with the survey's sync, the first time.
  const registering = queueWatch(session, context);
  let survey: Survey;
  try {
    survey = await surveyWorkbook(session, context, options);
  } catch (error) {
    if (!registering || !isApiNotFound(error)) throw error;
    session.eventsRefused = true; // an Excel without the events: read without them, as before
    survey = await surveyWorkbook(session, context, options);
  }
  if (registering && !session.eventsRefused) session.cache.watching = true;
  const cache = session.cache;
  const sheets = new Map<string, SheetSnapshot>();
  // What to read: whole sheets (new, changed in shape, or when the cache is not trusted), and the
  // ranges Excel said were edited on sheets otherwise kept from the last read.
  const toRead: SheetExtent[] = [];
  let anyWhole = false;
  for (const e of survey.extents) {
    const plan = cache.plan(e.extent, e.id, e.hidden, dirty);
    if (plan.kind === 'whole') {
      anyWhole = true;
      sheets.set(e.extent.sheet, {
        name: e.extent.sheet,
        origin: { row: e.extent.row, col: e.extent.col },
        values: [],
        formulas: [],
        numberFormats: [],
        hiddenRows: e.hidden === true ? Array.from({ length: e.extent.rows }, (_, i) => e.extent.row + i) : [],
        ...(survey.hiddenSheets.has(e.extent.sheet) ? { hidden: true } : {}),
      });
      if (e.extent.rows > 0) toRead.push(e.extent);
    } else {
      sheets.set(e.extent.sheet, cache.copyOf(e.extent.sheet));
      if (plan.kind === 'ranges') toRead.push(...plan.ranges);
    }
  }
  // The Excel tables' and pivots' ranges are read again with any sheet read whole, or when tables
  // were added or deleted; then each sheet's list is made afresh.
  const tableNames = survey.tables.map((t) => t.name).join('\n');
  let extras: Extra[] | null =
    anyWhole || tablesChanged || tableNames !== cache.tableNames ? extrasOf(survey.tables, survey.pivots) : null;
  if (extras) {
    for (const snap of sheets.values()) {
      delete snap.tables;
      delete snap.pivots;
    }
  }
  const total = toRead.reduce((n, e) => n + e.rows * e.cols, 0);
  let done = 0;
  options.onProgress?.(0, total);

  const planner = new ReadPlanner(toRead, session.budget, session.learnedRates);
  const proxies = new Map<string, Excel.Worksheet>();
  const sheetProxy = (name: string): Excel.Worksheet => {
    let ws = proxies.get(name);
    if (!ws) {
      ws = context.workbook.worksheets.getItem(name);
      proxies.set(name, ws);
    }
    return ws;
  };
  // The ranges of the Excel tables and pivot tables ride on the first batch's sync (a sync that
  // fails for its size carries them again); if that sync fails for anything else, the batch is
  // sent once more without them, so a table or pivot Excel cannot describe never stops a read.
  // With no cells to read, they take a sync of their own.
  let batch = planner.next();
  if (!batch && extras && extras.length > 0) {
    const ranges = extras.map((e) => e.range().load('address'));
    try {
      await context.sync();
      putExtras(extras, ranges, sheets);
    } catch {
      // As above: a table or pivot Excel cannot describe never stops a read.
    }
    extras = null;
  }
  for (; batch; batch = planner.next()) {
    const extraRanges = extras?.map((e) => e.range().load('address')) ?? [];
    // Queue every block of the batch, then one sync for the batch.
    const loads = batch.blocks.map((b) => {
      const ws = sheetProxy(b.sheet);
      const range = ws.getRangeByIndexes(b.row, b.col, b.rows, b.cols);
      range.load('values,formulas,numberFormat');
      // Which rows are hidden, in the same read: one result for the block, not a range per row.
      const rowProps = b.rowsByRow ? range.getRowProperties({ rowHidden: true }) : null;
      return { block: b, range, rowProps };
    });
    try {
      // One sync per batch of blocks (never per row or cell); the loop is over batches.
      await context.sync();
    } catch (error) {
      const halves = isTooLargeFor(error, planner.batchBytes(batch)) ? splitBatch(batch) : null;
      if (halves) planner.tooLarge(batch, halves);
      else if (extraRanges.length > 0) {
        extras = null;
        planner.again(batch);
      } else throw error;
      continue;
    }
    if (extras) {
      putExtras(extras, extraRanges, sheets);
      extras = null;
    }
    for (const { block, range, rowProps } of loads) {
      const snap = sheets.get(block.sheet) as SheetSnapshot;
      putBlock(snap, block, range);
      const bytes = jsonBytes(range.values) + jsonBytes(range.formulas) + jsonBytes(range.numberFormat);
      rowProps?.value.forEach((p, r) => {
        if (p.rowHidden) snap.hiddenRows?.push(block.row + r);
      });
      // What the response weighed, as Office.js sends it (JSON), so the next blocks fill a sync.
      planner.learn(block, bytes + (rowProps ? block.rows * session.budget.bytesPerHiddenRow : 0));
      done += block.rows * block.cols;
    }
    options.onProgress?.(done, total);
  }
  for (const snap of sheets.values()) snap.hiddenRows?.sort((x, y) => x - y);
  if (cache.watching) {
    for (const e of survey.extents) cache.keep(e.extent, e.id, e.hidden, sheets.get(e.extent.sheet) as SheetSnapshot);
    if (!options.sheets) cache.keepOnly(new Set(survey.extents.map((e) => e.extent.sheet)));
    cache.tableNames = tableNames;
  }
  return {
    name: survey.name,
    sheets: survey.extents.map((e) => sheets.get(e.extent.sheet) as SheetSnapshot),
    names: survey.names,
  };
}

function putExtras(extras: Extra[], ranges: Excel.Range[], sheets: Map<string, SheetSnapshot>): void {
  extras.forEach((e, i) => {
    const ref = splitReference(ranges[i].address);
    const snap = ref ? sheets.get(ref.sheet) : undefined;
    if (ref && snap) e.put(snap, ref.address);
  });
}

/**
 * Puts a block's cells into a snapshot: whole rows for a sheet read whole; for a range read again,
 * copies of the rows with the range's cells changed (a snapshot handed out earlier keeps its rows).
 */
function putBlock(snap: SheetSnapshot, block: Block, range: Excel.Range): void {
  const at = block.row - snap.origin.row;
  const from = block.col - snap.origin.col;
  const values = range.values;
  const formulas = range.formulas;
  const formats = range.numberFormat;
  for (let r = 0; r < block.rows; r++) {
    const vRow = values[r] ?? [];
    const fRow = formulas[r] ?? [];
    const nRow = formats[r] ?? [];
    const old = snap.values[at + r];
    const whole = old === undefined;
    const outV: CellValue[] = whole ? new Array(block.cols) : old.slice();
    const outF: (string | null)[] = whole ? new Array(block.cols) : snap.formulas[at + r].slice();
    const outN: (string | null)[] = whole ? new Array(block.cols) : snap.numberFormats[at + r].slice();
    const off = whole ? 0 : from;
    for (let c = 0; c < block.cols; c++) {
      outV[off + c] = valueOf(vRow[c]);
      outF[off + c] = formulaOf(fRow[c], vRow[c]);
      const n = nRow[c];
      outN[off + c] = typeof n === 'string' ? n : null;
    }
    snap.values[at + r] = outV;
    snap.formulas[at + r] = outF;
    snap.numberFormats[at + r] = outN;
  }
}

/** What the survey found. */
interface Survey {
  name: string;
  names: NamedRange[];
  extents: { extent: SheetExtent; hidden: boolean | null; id: string }[];
  /** Sheets hidden or very hidden in Excel. */
  hiddenSheets: Set<string>;
  tables: Excel.Table[];
  pivots: Excel.PivotTable[];
}

/**
 * One sync: the workbook's name, every sheet's name and visibility, the named ranges, and the
 * used range of every sheet the port already knows (or was asked for). Sheets it did not know
 * take one more sync for their used ranges: a sheet's proxy needs its name, which only a sync gives.
 */
async function surveyWorkbook(session: Session, context: Excel.RequestContext, options: ReadOptions): Promise<Survey> {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  const names = wb.names;
  const tables = wb.tables;
  const pivots = session.pivotTables ? wb.pivotTables : null;
  const queueLists = (): void => {
    wb.load('name');
    sheets.load('items/name,items/visibility,items/id');
    names.load('items/name,items/type,items/formula,items/value,items/visible');
    // Every Excel table and pivot table of the workbook (their ranges come in the first read's sync).
    tables.load('items/name,items/showHeaders,items/showTotals');
    pivots?.load('items/name');
  };
  queueLists();
  const guess = (options.sheets ?? session.knownSheets ?? []).filter((s) => s !== SETTINGS_SHEET);
  const used = new Map<string, Excel.Range>();
  const queueUsed = (name: string): void => {
    const range = sheets.getItem(name).getUsedRangeOrNullObject(true);
    range.load('address,rowCount,columnCount,rowIndex,columnIndex,rowHidden');
    used.set(name, range);
  };
  guess.forEach(queueUsed);
  try {
    await context.sync();
  } catch (error) {
    // A sheet the port remembered (or was asked for) is gone: list the sheets first instead.
    if (!isItemNotFound(error) || guess.length === 0) throw error;
    session.knownSheets = null;
    used.clear();
    queueLists();
    await context.sync();
  }
  const all = sheets.items.map((s) => s.name).filter((n) => n !== SETTINGS_SHEET);
  const wanted = options.sheets ? all.filter((n) => options.sheets?.includes(n)) : all;
  const missing = wanted.filter((n) => !used.has(n));
  if (missing.length > 0) {
    missing.forEach(queueUsed);
    await context.sync();
  }
  if (!options.sheets) session.knownSheets = all;

  const idOf = new Map(sheets.items.map((s) => [s.name, s.id]));
  const extents = wanted.map((sheet) => {
    const r = used.get(sheet) as Excel.Range;
    const id = idOf.get(sheet) ?? sheet;
    if (r.isNullObject) return { extent: { sheet, row: 0, col: 0, rows: 0, cols: 0 }, hidden: false, id };
    const hidden = r.rowHidden as boolean | null;
    return {
      extent: {
        sheet,
        row: r.rowIndex,
        col: r.columnIndex,
        rows: r.rowCount,
        cols: r.columnCount,
        rowsByRow: hidden === null,
      },
      hidden,
      id,
    };
  });
  const named: NamedRange[] = [];
  for (const item of names.items) {
    if (item.type !== 'Range' || item.visible === false) continue;
    const ref = splitReference(typeof item.formula === 'string' ? item.formula : String(item.value));
    if (ref) named.push({ name: item.name, sheet: ref.sheet, address: ref.address });
  }
  const hiddenSheets = new Set(sheets.items.filter((s) => s.visibility !== 'Visible').map((s) => s.name));
  return {
    name: wb.name,
    names: named,
    extents,
    hiddenSheets,
    tables: tables.items,
    pivots: pivots?.items ?? [],
  };
}
