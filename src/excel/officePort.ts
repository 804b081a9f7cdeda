/**
 * The workbook port over Office.js: every direct Excel call of the add-in lives in src/excel/.
 *
 * Requirement set: ExcelApi 1.9 at most (REQUIRED_EXCEL_API, also asked for by manifest.xml).
 *   1.1  ranges, formulas, numberFormat, tables.add, charts.add, Chart.setPosition, activate/select
 *   1.2  Range.rowHidden, Range.format.columnWidth, getUsedRange(valuesOnly)
 *   1.4  getItemOrNullObject, getUsedRangeOrNullObject, names.add, NamedItem.delete
 *   1.6  conditionalFormats (cellValue rules), ConditionalFormat.id / getItem(id)
 *   1.7  getRangeByIndexes, NamedItem.formula, Workbook.name, getActiveCell, worksheet visibility
 *   1.9  Range.getCellProperties / setCellProperties: each marked cell's own fill, captured and
 *        restored exactly (colour, pattern, pattern colour, tint)
 * Not used, because they need more than 1.9: merged areas (getMergedAreasOrNullObject, 1.13), so
 * snapshots carry no `merges`; worksheet-scoped names are not read (workbook names only).
 *
 * Syncs (each `context.sync()` is one round trip to Excel):
 *   read     1 to list sheets, names and used ranges (+1 the first time a port meets a workbook whose
 *            sheets it does not know yet), then 1 per batch of row blocks
 *   write    2: inspect and capture the target, then write everything
 *   undo     1;  select 1;  selection 1
 *   mark     2 (3 the first time, to load marks persisted by an earlier pane);  clearMarks 2-3
 *   settings load 1-2, save 2
 */
import {
  a1,
  columnLetter,
  parseRange,
  quoteSheet,
  rangeA1,
  type CellValue,
  type NamedRange,
  type SheetSnapshot,
  type WorkbookSnapshot,
} from '../engine/grid';
import {
  OverwriteRefusedError,
  PortError,
  SETTINGS_SHEET,
  type Mark,
  type ReadOptions,
  type WorkbookPort,
  type WriteResult,
} from '../engine/port';
import type { Settings } from '../engine/settings';
import type { ChartSpec, TableSpec } from '../engine/spec';
import {
  DEFAULT_BUDGET,
  packBatches,
  planBlocks,
  splitBatch,
  type Batch,
  type ReadBudget,
  type SheetExtent,
} from './blocks';
import { formulaOf, restoreInput, specInput, valueOf, type CellInput } from './cells';
import { defaultSleep, isItemNotFound, isPayloadTooLarge, withOfficeErrors } from './errors';

export const REQUIRED_EXCEL_API = '1.9';

/** Excel.run, or a test's stand-in for it. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficePortOptions {
  run: ExcelRun;
  /** Read budget (bytes and cells per sync); defaults stay under Excel on the web's limits. */
  budget?: Partial<ReadBudget>;
  /** Cell-edit mode: how often to try again, and how long to wait between (default 3 x 1000 ms). */
  retries?: number;
  retryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** A cell holds at most 32,767 characters; settings and mark records are kept in chunks below that. */
export const CHUNK_CHARS = 32_000;
/** Settings JSON in column A of the settings sheet; mark records in column B. */
const SETTINGS_COLUMN = 'A';
const MARKS_COLUMN = 'B';
/** Light yellow for input cells that carry no fill of their own. */
const INPUT_FILL = '#FFF2CC';

interface FillRecord {
  color?: string;
  pattern?: string;
  patternColor?: string;
  tintAndShade?: number;
}

interface MarkRecord {
  sheet: string;
  cell: string;
  /** The cell's own fill before PlanCheck coloured it, one entry per cell of `cell`. */
  fills: FillRecord[][];
}

interface UndoRecord {
  title: string;
  sheet: string;
  /** A sheet the write added: undo deletes it. */
  addedSheet: boolean;
  address: string;
  top: number;
  left: number;
  formulas: unknown[][];
  values: unknown[][];
  numberFormats: unknown[][];
  cellProps: Excel.CellProperties[][];
  table?: string;
  names: string[];
  conditionalFormats: { address: string; id: string }[];
  charts: string[];
  columnWidths: { col: number; width: number }[];
}

const FILL_LOAD = { color: true, pattern: true, patternColor: true, tintAndShade: true };

function hasFill(fill: FillRecord | undefined): boolean {
  return !!fill && fill.pattern !== undefined && fill.pattern !== 'None';
}

function fillRecord(fill: Excel.CellPropertiesFill | undefined): FillRecord {
  return {
    color: fill?.color,
    pattern: fill?.pattern as string | undefined,
    patternColor: fill?.patternColor,
    tintAndShade: fill?.tintAndShade,
  };
}

/** Settable properties that put each cell's fill back: cells with no fill get nothing (they were cleared). */
function fillRestore(fills: FillRecord[][]): Excel.SettableCellProperties[][] {
  return fills.map((row) =>
    row.map((f) => {
      if (!hasFill(f)) return {};
      const fill: Excel.CellPropertiesFill = {};
      if (f.pattern !== undefined) fill.pattern = f.pattern as Excel.FillPattern;
      if (f.color !== undefined) fill.color = f.color;
      if (f.patternColor !== undefined) fill.patternColor = f.patternColor;
      if (f.tintAndShade !== undefined) fill.tintAndShade = f.tintAndShade;
      return { format: { fill } };
    }),
  );
}

function key(sheet: string, cell: string): string {
  return `${sheet}!${cell.replace(/\$/g, '').toUpperCase()}`;
}

/** Splits text into cell-sized chunks. */
export function chunkText(text: string, size = CHUNK_CHARS): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

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

function chartType(type: ChartSpec['type']): Excel.ChartType {
  switch (type) {
    case 'bar':
      return 'BarClustered' as Excel.ChartType;
    case 'line':
      return 'Line' as Excel.ChartType;
    case 'radar':
      return 'Radar' as Excel.ChartType;
    default:
      return 'ColumnClustered' as Excel.ChartType;
  }
}

/** Column width in points for a width in characters of the default font (7 px a character, 5 px padding). */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

export class OfficePort implements WorkbookPort {
  private readonly run: ExcelRun;
  private readonly budget: ReadBudget;
  private readonly retry: { retries: number; delayMs: number; sleep: (ms: number) => Promise<void> };
  /** Sheets met at the last read, so the next read learns their used ranges in its first sync. */
  private knownSheets: string[] | null = null;
  private lastWrite: UndoRecord | null = null;
  private marks: MarkRecord[] = [];
  private marksLoaded = false;
  private chartCount = 0;

  constructor(options: OfficePortOptions) {
    this.run = options.run;
    this.budget = { ...DEFAULT_BUDGET, ...options.budget };
    this.retry = {
      retries: options.retries ?? 3,
      delayMs: options.retryDelayMs ?? 1000,
      sleep: options.sleep ?? defaultSleep,
    };
  }

  private exec<T>(doing: string, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return withOfficeErrors(doing, () => this.run(batch), this.retry);
  }

  // ---------------------------------------------------------------- read

  async read(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    return this.exec('reading the workbook', async (context) => {
      const survey = await this.survey(context, options);
      const sheets = new Map<string, SheetSnapshot>();
      for (const e of survey.extents) {
        sheets.set(e.extent.sheet, {
          name: e.extent.sheet,
          origin: { row: e.extent.row, col: e.extent.col },
          values: [],
          formulas: [],
          numberFormats: [],
          hiddenRows: e.hidden === true ? Array.from({ length: e.extent.rows }, (_, i) => e.extent.row + i) : [],
        });
      }
      const extents = survey.extents.filter((e) => e.extent.rows > 0).map((e) => e.extent);
      const total = extents.reduce((n, e) => n + e.rows * e.cols, 0);
      let done = 0;
      options.onProgress?.(0, total);

      const queue: Batch[] = packBatches(planBlocks(extents, this.budget), this.budget);
      const proxies = new Map<string, Excel.Worksheet>();
      const sheetProxy = (name: string): Excel.Worksheet => {
        let ws = proxies.get(name);
        if (!ws) {
          ws = context.workbook.worksheets.getItem(name);
          proxies.set(name, ws);
        }
        return ws;
      };
      while (queue.length > 0) {
        const batch = queue.shift() as Batch;
        // Queue every block of the batch, then one sync for the batch.
        const loads = batch.blocks.map((b) => {
          const ws = sheetProxy(b.sheet);
          const range = ws.getRangeByIndexes(b.row, b.col, b.rows, b.cols);
          range.load('values,formulas,numberFormat');
          const rowRanges: Excel.Range[] = [];
          if (b.rowsByRow) {
            for (let r = 0; r < b.rows; r++) {
              const one = ws.getRangeByIndexes(b.row + r, b.col, 1, 1);
              one.load('rowHidden');
              rowRanges.push(one);
            }
          }
          return { block: b, range, rowRanges };
        });
        try {
          // One sync per batch of blocks (never per row or cell); the loop is over batches.
          await context.sync();
        } catch (error) {
          const halves = isPayloadTooLarge(error) ? splitBatch(batch) : null;
          if (!halves) throw error;
          queue.unshift(...halves);
          continue;
        }
        for (const { block, range, rowRanges } of loads) {
          const snap = sheets.get(block.sheet) as SheetSnapshot;
          const at = block.row - snap.origin.row;
          const values = range.values;
          const formulas = range.formulas;
          const formats = range.numberFormat;
          for (let r = 0; r < block.rows; r++) {
            const vRow = values[r] ?? [];
            const fRow = formulas[r] ?? [];
            const nRow = formats[r] ?? [];
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
          rowRanges.forEach((one, r) => {
            if (one.rowHidden) snap.hiddenRows?.push(block.row + r);
          });
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
  private async survey(
    context: Excel.RequestContext,
    options: ReadOptions,
  ): Promise<{ name: string; names: NamedRange[]; extents: { extent: SheetExtent; hidden: boolean | null }[] }> {
    const wb = context.workbook;
    wb.load('name');
    const sheets = wb.worksheets;
    sheets.load('items/name,items/visibility');
    const names = wb.names;
    names.load('items/name,items/type,items/formula,items/value,items/visible');
    const guess = (options.sheets ?? this.knownSheets ?? []).filter((s) => s !== SETTINGS_SHEET);
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
      this.knownSheets = null;
      used.clear();
      wb.load('name');
      sheets.load('items/name,items/visibility');
      names.load('items/name,items/type,items/formula,items/value,items/visible');
      await context.sync();
    }
    const all = sheets.items.map((s) => s.name).filter((n) => n !== SETTINGS_SHEET);
    const wanted = options.sheets ? all.filter((n) => options.sheets?.includes(n)) : all;
    const missing = wanted.filter((n) => !used.has(n));
    if (missing.length > 0) {
      missing.forEach(queueUsed);
      await context.sync();
    }
    if (!options.sheets) this.knownSheets = all;

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
    return { name: wb.name, names: named, extents };
  }

  // ---------------------------------------------------------------- write

  async write(spec: TableSpec, options: { overwrite?: boolean } = {}): Promise<WriteResult> {
    const rows = spec.cells.length;
    const cols = spec.cells.reduce((w, r) => Math.max(w, r.length), 0);
    if (rows === 0 || cols === 0) throw new PortError(`There is nothing to write for ${spec.title}.`, 'EmptySpec');
    const { sheet, row: top, col: left } = spec.anchor;
    const address = rangeA1(top, left, top + rows - 1, left + cols - 1);
    const doing = `writing ${spec.title}`;

    return this.exec(doing, async (context) => {
      const wb = context.workbook;
      // Sync 1: is there room (or is the new sheet's name free), are the table and names free,
      // and what is there now (for the overwrite check and for undo).
      const tableCheck = spec.excelTable ? wb.tables.getItemOrNullObject(spec.excelTable.name) : null;
      tableCheck?.load('name');
      const nameChecks = (spec.names ?? []).map((n) => {
        const item = wb.names.getItemOrNullObject(n.name);
        item.load('name');
        return { name: n.name, item };
      });
      let existingSheet: Excel.Worksheet | null = null;
      let target: Excel.Range | null = null;
      let props: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null = null;
      const widths: Excel.RangeFormat[] = [];
      if (spec.newSheet) {
        existingSheet = wb.worksheets.getItemOrNullObject(sheet);
        existingSheet.load('name');
      } else {
        const ws = wb.worksheets.getItem(sheet);
        target = ws.getRangeByIndexes(top, left, rows, cols);
        target.load('values,formulas,numberFormat');
        props = target.getCellProperties({ format: { fill: FILL_LOAD, font: { bold: true, color: true } } });
        (spec.columnWidths ?? []).forEach((_, i) => {
          const format = ws.getRangeByIndexes(0, left + i, 1, 1).format;
          format.load('columnWidth');
          widths.push(format);
        });
      }
      try {
        await context.sync();
      } catch (error) {
        if (isItemNotFound(error))
          throw new PortError(
            `There is no sheet called "${sheet}" in this workbook, so ${spec.title} was not written.`,
            'ItemNotFound',
          );
        throw error;
      }
      if (existingSheet && !existingSheet.isNullObject) {
        throw new PortError(
          `A sheet called "${sheet}" already exists, so PlanCheck did not add ${spec.title}. Rename or delete that sheet, or choose another name.`,
          'ItemAlreadyExists',
        );
      }
      if (tableCheck && !tableCheck.isNullObject) {
        throw new PortError(
          `A table called "${spec.excelTable?.name}" already exists in this workbook, so ${spec.title} was not written.`,
          'ItemAlreadyExists',
        );
      }
      const taken = nameChecks.filter((n) => !n.item.isNullObject).map((n) => n.name);
      if (taken.length > 0) {
        throw new PortError(
          `The name${taken.length > 1 ? 's' : ''} ${taken.join(', ')} already exist${taken.length > 1 ? '' : 's'} in this workbook, so ${spec.title} was not written.`,
          'ItemAlreadyExists',
        );
      }

      const oldFormulas: unknown[][] = target ? target.formulas : [];
      const oldValues: unknown[][] = target ? target.values : [];
      const oldFormats: unknown[][] = target ? target.numberFormat : [];
      if (target && !options.overwrite) {
        const occupied: string[] = [];
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++) {
            if (!spec.cells[r]?.[c]) continue;
            const v = oldValues[r]?.[c];
            const f = oldFormulas[r]?.[c];
            if ((v !== '' && v !== null && v !== undefined) || (typeof f === 'string' && f !== ''))
              occupied.push(a1(top + r, left + c));
          }
        }
        if (occupied.length > 0) throw new OverwriteRefusedError(sheet, occupied);
      }

      // Sync 2: everything written, in order: values and formulas, number formats, fills and
      // bold, the Excel table, names, conditional formats, column widths, charts.
      const ws = spec.newSheet ? wb.worksheets.add(sheet) : wb.worksheets.getItem(sheet);
      const block = ws.getRangeByIndexes(top, left, rows, cols);
      const inputs: CellInput[][] = [];
      const formats: string[][] = [];
      for (let r = 0; r < rows; r++) {
        const inRow: CellInput[] = [];
        const fmtRow: string[] = [];
        for (let c = 0; c < cols; c++) {
          const cell = spec.cells[r]?.[c];
          if (cell) inRow.push(specInput(cell));
          else inRow.push(target ? restoreInput(oldFormulas[r]?.[c], oldValues[r]?.[c]) : '');
          const existing = oldFormats[r]?.[c];
          fmtRow.push(cell?.numberFormat ?? (typeof existing === 'string' ? existing : 'General'));
        }
        inputs.push(inRow);
        formats.push(fmtRow);
      }
      block.formulas = inputs;
      block.numberFormat = formats;
      spec.cells.forEach((cells, r) =>
        cells.forEach((cell, c) => {
          if (!cell) return;
          const fill = cell.fill ?? (cell.input ? INPUT_FILL : undefined);
          if (!fill && !cell.bold) return;
          const format = block.getCell(r, c).format;
          if (fill) format.fill.color = fill;
          if (cell.bold) format.font.bold = true;
        }),
      );
      const at = (t: number, l: number, b = t, rr = l): string => rangeA1(top + t, left + l, top + b, left + rr);
      if (spec.excelTable) {
        const t = spec.excelTable;
        const table = ws.tables.add(`${quoteSheet(sheet)}!${at(t.top, t.left, t.bottom, t.right)}`, true);
        table.name = t.name;
      }
      for (const n of spec.names ?? [])
        wb.names.add(n.name, ws.getRange(at(n.top, n.left, n.bottom ?? n.top, n.right ?? n.left)));
      const cfs: { address: string; cf: Excel.ConditionalFormat }[] = [];
      for (const group of spec.conditionalBands ?? []) {
        const where = at(group.top, group.left, group.bottom, group.right);
        for (const band of group.bands) {
          const cf = ws.getRange(where).conditionalFormats.add('CellValue' as Excel.ConditionalFormatType);
          cf.cellValue.format.fill.color = band.fill;
          cf.cellValue.rule = { formula1: String(band.min), formula2: String(band.max), operator: 'Between' };
          cf.load('id');
          cfs.push({ address: where, cf });
        }
      }
      (spec.columnWidths ?? []).forEach((chars, i) => {
        ws.getRange(`${columnLetter(left + i)}:${columnLetter(left + i)}`).format.columnWidth = charsToPoints(chars);
      });
      const charts: string[] = [];
      for (const c of spec.charts ?? []) {
        const chart = ws.charts.add(
          chartType(c.type),
          ws.getRange(at(c.data.top, c.data.left, c.data.bottom, c.data.right)),
          'Auto' as Excel.ChartSeriesBy,
        );
        const name = `PlanCheck chart ${Date.now().toString(36)}-${++this.chartCount}`;
        chart.name = name;
        chart.title.text = c.title;
        chart.setPosition(at(c.at.row, c.at.col));
        charts.push(name);
      }
      await context.sync();

      this.lastWrite = {
        title: spec.title,
        sheet,
        addedSheet: !!spec.newSheet,
        address,
        top,
        left,
        formulas: oldFormulas,
        values: oldValues,
        numberFormats: oldFormats,
        cellProps: props ? props.value : [],
        table: spec.excelTable?.name,
        names: (spec.names ?? []).map((n) => n.name),
        conditionalFormats: cfs.map(({ address: where, cf }) => ({ address: where, id: cf.id })),
        charts,
        columnWidths: widths.map((f, i) => ({ col: left + i, width: f.columnWidth })),
      };
      if (spec.newSheet) this.knownSheets = null;
      return { sheet, range: address, cells: rows * cols };
    });
  }

  canUndo(): boolean {
    return this.lastWrite !== null;
  }

  async undo(): Promise<boolean> {
    const last = this.lastWrite;
    if (!last) return false;
    await this.exec(`undoing ${last.title}`, async (context) => {
      const wb = context.workbook;
      if (last.addedSheet) {
        wb.worksheets.getItem(last.sheet).delete();
        await context.sync();
        this.knownSheets = null;
        return;
      }
      const ws = wb.worksheets.getItem(last.sheet);
      for (const name of last.charts) ws.charts.getItem(name).delete();
      for (const cf of last.conditionalFormats) ws.getRange(cf.address).conditionalFormats.getItem(cf.id).delete();
      for (const name of last.names) wb.names.getItem(name).delete();
      // Converting keeps the cells; their contents and formats are then put back below.
      if (last.table) wb.tables.getItem(last.table).convertToRange();
      const target = ws.getRange(last.address);
      target.formulas = last.formulas.map((row, r) => row.map((f, c) => restoreInput(f, last.values[r]?.[c])));
      target.numberFormat = last.numberFormats as string[][];
      target.format.fill.clear();
      target.setCellProperties(
        last.cellProps.map((row) =>
          row.map((p) => {
            const fill = fillRecord(p.format?.fill);
            const format: Excel.CellPropertiesFormat = {
              font: { bold: p.format?.font?.bold, color: p.format?.font?.color },
            };
            if (hasFill(fill)) format.fill = fillRestore([[fill]])[0][0].format?.fill;
            return { format };
          }),
        ),
      );
      for (const w of last.columnWidths)
        ws.getRange(`${columnLetter(w.col)}:${columnLetter(w.col)}`).format.columnWidth = w.width;
      await context.sync();
    });
    this.lastWrite = null;
    return true;
  }

  // ---------------------------------------------------------------- select

  async select(sheet: string, cell: string): Promise<void> {
    await this.exec(`selecting ${cell} on ${sheet}`, async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await context.sync();
    });
  }

  async selection(): Promise<{ sheet: string; cell: string } | null> {
    return this.exec('finding the selected cell', async (context) => {
      const cell = context.workbook.getActiveCell();
      cell.load('address');
      await context.sync();
      const ref = splitReference(cell.address);
      return ref ? { sheet: ref.sheet, cell: ref.address } : null;
    });
  }

  // ---------------------------------------------------------------- marks

  async mark(marks: Mark[]): Promise<void> {
    if (marks.length === 0) return;
    await this.exec('marking cells', async (context) => {
      const wb = context.workbook;
      // Sync 1: every marked cell's own fill, exactly (and whether the settings sheet exists).
      const settings = wb.worksheets.getItemOrNullObject(SETTINGS_SHEET);
      settings.load('name');
      const found = marks.map((m) => ({
        mark: m,
        props: wb.worksheets
          .getItem(m.sheet)
          .getRange(m.cell)
          .getCellProperties({ format: { fill: FILL_LOAD } }),
      }));
      await context.sync();
      await this.loadMarkRecords(context, settings);

      // Sync 2: colour the cells and keep the record, in memory and on the settings sheet.
      const recorded = new Set(this.marks.map((r) => key(r.sheet, r.cell)));
      for (const { mark, props } of found) {
        const k = key(mark.sheet, mark.cell);
        if (!recorded.has(k)) {
          this.marks.push({
            sheet: mark.sheet,
            cell: mark.cell,
            fills: props.value.map((row) => row.map((p) => fillRecord(p.format?.fill))),
          });
          recorded.add(k);
        }
        wb.worksheets.getItem(mark.sheet).getRange(mark.cell).format.fill.color = mark.color;
      }
      this.queueColumn(
        context,
        settings.isNullObject,
        MARKS_COLUMN,
        this.marks.length ? JSON.stringify({ version: 1, marks: this.marks }) : '',
      );
      await context.sync();
    });
  }

  async clearMarks(): Promise<void> {
    await this.exec('taking the marks off', async (context) => {
      const wb = context.workbook;
      const settings = wb.worksheets.getItemOrNullObject(SETTINGS_SHEET);
      settings.load('name');
      await context.sync();
      await this.loadMarkRecords(context, settings);
      if (this.marks.length === 0) return;
      // Latest first, so where marks overlap the cell's own fill (recorded first) wins.
      for (const record of [...this.marks].reverse()) {
        const range = wb.worksheets.getItem(record.sheet).getRange(record.cell);
        range.format.fill.clear();
        if (record.fills.some((row) => row.some(hasFill))) range.setCellProperties(fillRestore(record.fills));
      }
      if (!settings.isNullObject) this.queueColumn(context, false, MARKS_COLUMN, '');
      await context.sync();
      this.marks = [];
    });
  }

  /** Once per port: marks persisted by an earlier pane, merged under the ones in memory. */
  private async loadMarkRecords(context: Excel.RequestContext, settings: Excel.Worksheet): Promise<void> {
    if (this.marksLoaded) return;
    if (!settings.isNullObject) {
      const text = await this.readColumn(context, MARKS_COLUMN);
      if (text) {
        try {
          const stored = JSON.parse(text) as { marks?: MarkRecord[] };
          const inMemory = new Set(this.marks.map((r) => key(r.sheet, r.cell)));
          this.marks = [...(stored.marks ?? []).filter((r) => !inMemory.has(key(r.sheet, r.cell))), ...this.marks];
        } catch {
          // A damaged record cannot be restored from; the cells keep their marks.
        }
      }
    }
    this.marksLoaded = true;
  }

  // ---------------------------------------------------------------- settings

  async loadSettings(): Promise<Settings> {
    return this.exec('loading the settings', async (context) => {
      const settings = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
      settings.load('name');
      await context.sync();
      if (settings.isNullObject) return {};
      const text = await this.readColumn(context, SETTINGS_COLUMN);
      if (!text) return {};
      try {
        const parsed = JSON.parse(text) as unknown;
        return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Settings) : {};
      } catch {
        throw new PortError(
          `PlanCheck's settings on the hidden sheet ${SETTINGS_SHEET} are damaged. Save the settings again from the pane to replace them.`,
          'BadSettings',
        );
      }
    });
  }

  async saveSettings(settings: Settings): Promise<void> {
    await this.exec('saving the settings', async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
      sheet.load('name');
      await context.sync();
      this.queueColumn(context, sheet.isNullObject, SETTINGS_COLUMN, JSON.stringify(settings));
      await context.sync();
    });
  }

  /** Reads a column of chunks on the settings sheet (which must exist) and joins them. One sync. */
  private async readColumn(context: Excel.RequestContext, column: string): Promise<string> {
    const used = context.workbook.worksheets
      .getItem(SETTINGS_SHEET)
      .getRange(`${column}:${column}`)
      .getUsedRangeOrNullObject(true);
    used.load('values,rowIndex');
    await context.sync();
    if (used.isNullObject) return '';
    // The used range of the column starts at its first non-empty cell; chunks start at row 1.
    return used.values.map((row) => (row[0] === null || row[0] === undefined ? '' : String(row[0]))).join('');
  }

  /** Queues (no sync) writing text in chunks down a column of the settings sheet, creating the sheet if needed. */
  private queueColumn(context: Excel.RequestContext, create: boolean, column: string, text: string): void {
    const sheets = context.workbook.worksheets;
    let ws: Excel.Worksheet;
    if (create) {
      if (!text) return;
      ws = sheets.add(SETTINGS_SHEET);
      ws.visibility = 'VeryHidden' as Excel.SheetVisibility;
    } else {
      ws = sheets.getItem(SETTINGS_SHEET);
    }
    ws.getRange(`${column}:${column}`).clear('Contents' as Excel.ClearApplyTo);
    const chunks = chunkText(text);
    if (chunks.length === 0) return;
    // The apostrophe keeps each chunk as text, whatever character it starts with.
    ws.getRange(`${column}1:${column}${chunks.length}`).formulas = chunks.map((c) => [`'${c}`]);
  }
}

/** The port over the real Excel (the global `Excel.run`). */
export function createOfficePort(options: Omit<OfficePortOptions, 'run'> = {}): OfficePort {
  return new OfficePort({ ...options, run: (batch) => Excel.run(batch) });
}
