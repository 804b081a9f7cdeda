/** Reading the workbook: the survey of sheets, names, tables and pivots, then the cells in batches. */
import { parseRange, type CellValue, type NamedRange, type SheetSnapshot, type WorkbookSnapshot } from '../engine/grid';
import { SETTINGS_SHEET, type ReadOptions } from '../engine/port';
import { splitBatch, type SheetExtent } from './blocks';
import { jsonBytes, ReadPlanner } from './readPlan';
import { formulaOf, valueOf } from './cells';
import { isItemNotFound, isTooLargeFor } from './errors';
import type { Session } from './session';

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
    const survey = await surveyWorkbook(session, context, options);
    const sheets = new Map<string, SheetSnapshot>();
    for (const e of survey.extents) {
      sheets.set(e.extent.sheet, {
        name: e.extent.sheet,
        origin: { row: e.extent.row, col: e.extent.col },
        values: [],
        formulas: [],
        numberFormats: [],
        hiddenRows: e.hidden === true ? Array.from({ length: e.extent.rows }, (_, i) => e.extent.row + i) : [],
        ...(survey.hiddenSheets.has(e.extent.sheet) ? { hidden: true } : {}),
      });
    }
    const extents = survey.extents.filter((e) => e.extent.rows > 0).map((e) => e.extent);
    const total = extents.reduce((n, e) => n + e.rows * e.cols, 0);
    let done = 0;
    options.onProgress?.(0, total);

    const planner = new ReadPlanner(extents, session.budget, session.learnedRates);
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
    // (With no cells to read there is no batch, and no table with anything in it to describe.)
    let extras: Extra[] | null = extrasOf(survey.tables, survey.pivots);
    for (let batch = planner.next(); batch; batch = planner.next()) {
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
        extras.forEach((e, i) => {
          const ref = splitReference(extraRanges[i].address);
          const snap = ref ? sheets.get(ref.sheet) : undefined;
          if (ref && snap) e.put(snap, ref.address);
        });
        extras = null;
      }
      for (const { block, range, rowProps } of loads) {
        const snap = sheets.get(block.sheet) as SheetSnapshot;
        const at = block.row - snap.origin.row;
        const values = range.values;
        const formulas = range.formulas;
        const formats = range.numberFormat;
        // What the response weighed, as Office.js sends it (JSON), so the next blocks fill a sync.
        let bytes = 0;
        for (let r = 0; r < block.rows; r++) {
          const vRow = values[r] ?? [];
          const fRow = formulas[r] ?? [];
          const nRow = formats[r] ?? [];
          bytes += jsonBytes(vRow) + jsonBytes(fRow) + jsonBytes(nRow);
          const outV: CellValue[] = new Array(block.cols);
          const outF: (string | null)[] = new Array(block.cols);
          const outN: (string | null)[] = new Array(block.cols);
          for (let c = 0; c < block.cols; c++) {
            outV[c] = valueOf(vRow[c]);
            outF[c] = formulaOf(fRow[c], vRow[c]);
            const n = nRow[c];
            outN[c] = typeof n === 'string' ? n : null;
          }
          snap.values[at + r] = outV;
          snap.formulas[at + r] = outF;
          snap.numberFormats[at + r] = outN;
        }
        rowProps?.value.forEach((p, r) => {
          if (p.rowHidden) snap.hiddenRows?.push(block.row + r);
        });
        planner.learn(block, bytes + (rowProps ? block.rows * session.budget.bytesPerHiddenRow : 0));
        done += block.rows * block.cols;
      }
      options.onProgress?.(done, total);
    }
    for (const snap of sheets.values()) snap.hiddenRows?.sort((x, y) => x - y);
    return {
      name: survey.name,
      sheets: survey.extents.map((e) => sheets.get(e.extent.sheet) as SheetSnapshot),
      names: survey.names,
    };
  });
}

/**
 * One sync: the workbook's name, every sheet's name and visibility, the named ranges, and the
 * used range of every sheet the port already knows (or was asked for). Sheets it did not know
 * take one more sync for their used ranges: a sheet's proxy needs its name, which only a sync gives.
 */
async function surveyWorkbook(
  session: Session,
  context: Excel.RequestContext,
  options: ReadOptions,
): Promise<{
  name: string;
  names: NamedRange[];
  extents: { extent: SheetExtent; hidden: boolean | null }[];
  /** Sheets hidden or very hidden in Excel. */
  hiddenSheets: Set<string>;
  tables: Excel.Table[];
  pivots: Excel.PivotTable[];
}> {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  const names = wb.names;
  const tables = wb.tables;
  const pivots = session.pivotTables ? wb.pivotTables : null;
  const queueLists = (): void => {
    wb.load('name');
    sheets.load('items/name,items/visibility');
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

  const extents = wanted.map((sheet) => {
    const r = used.get(sheet) as Excel.Range;
    if (r.isNullObject) return { extent: { sheet, row: 0, col: 0, rows: 0, cols: 0 }, hidden: false };
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
