/**
 * The workbook port over Office.js: every direct Excel call of the add-in lives in src/excel/.
 *
 * Requirement set: ExcelApi 1.9 at most (REQUIRED_EXCEL_API, also asked for by manifest.xml).
 *   1.1  ranges, formulas, numberFormat, tables.add, charts.add, Chart.setPosition, activate/select,
 *        Worksheet.id (a sheet's id survives a rename, so marks and undo follow a renamed sheet);
 *        reading Excel tables: Workbook.tables, Table.name, showHeaders, showTotals, getRange
 *   1.2  Range.rowHidden, Range.format.columnWidth, getUsedRange(valuesOnly), Worksheet.protection
 *   1.4  getItemOrNullObject (sheets, tables, names, charts), getUsedRangeOrNullObject, names.add,
 *        NamedItem.delete
 *   1.6  conditionalFormats (cellValue rules), ConditionalFormat.id / getItem(id), and the ids of a
 *        range's conditional formats (ConditionalFormatCollection.getItemOrNullObject is 1.14, not used)
 *   1.3  Workbook.pivotTables, PivotTable.name
 *   1.7  getRangeByIndexes, NamedItem.formula, Workbook.name, getActiveCell, worksheet visibility,
 *        Workbook.protection (a protected structure: no settings sheet can be added)
 *   1.8  PivotTable.layout.getRange (where a pivot table's output is, without its filter area);
 *        asked only where Excel says it has 1.8 (createOfficePort), always true under the manifest's 1.9
 *   1.9  Range.getCellProperties / setCellProperties: each marked cell's own fill, captured and
 *        restored exactly (colour, pattern, pattern colour, tint), and for a write in the house style
 *        the cells' fonts and borders (read by styleOf, put back by undo); RangeFill.pattern, patternColor
 *        and tintAndShade; Range.getRowProperties for hidden rows
 * Newer, checked at run time: `Excel.run({ delayForCellEdit: true })` (ExcelApi 1.11), see createOfficePort.
 * Not used, because they need more than 1.9: merged areas (getMergedAreasOrNullObject, 1.13), so
 * snapshots carry no `merges`; worksheet-scoped names are not read (workbook names only).
 *
 * Syncs (each `context.sync()` is one round trip to Excel):
 *   read     1 to list sheets, names, Excel tables, pivot tables and used ranges (+1 the first time a
 *            port meets a workbook whose sheets it does not know yet), then 1 per batch of row blocks;
 *            the tables' and pivots' ranges ride on the first batch's sync (+1 only if that sync fails
 *            for something other than its size: the batch is sent again without them)
 *   write    2: inspect and capture the target, then write everything
 *   undo     3 (2 for a sheet it added): find the sheet, table and names; what the cells hold now; put back
 *   select 1;  selection 1;  styleOf 1 (the look of a few cells and the widths of a few columns)
 *   mark     3 (4 the first time, to load marks persisted by an earlier pane): the sheets and their
 *            protection, the cells' own fills (more syncs for very large marks, each under the
 *            payload limit), colour them and keep the record
 *   clearMarks 2-3;  settings load 1-2, save 2
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
  PortNotes,
  SETTINGS_SHEET,
  type Mark,
  type ReadOptions,
  type StyleAnswer,
  type UndoOptions,
  type WorkbookPort,
  type WriteResult,
} from '../engine/port';
import type { Settings } from '../engine/settings';
import type { BorderLine, Borders, CellLook, CellSpec, ChartSpec, TableSpec } from '../engine/spec';
import {
  DEFAULT_BUDGET,
  batchBytes,
  packBatches,
  planBlocks,
  splitBatch,
  type Batch,
  type Block,
  type ReadBudget,
  type SheetExtent,
} from './blocks';
import { formulaOf, restoreInput, specInput, valueOf, type CellInput } from './cells';
import { defaultSleep, isItemNotFound, isTooLargeFor, withOfficeErrors } from './errors';
import {
  chunkText,
  DAMAGED_SETTINGS_NOTE,
  decodeMarks,
  decodeSettings,
  encodeMarks,
  encodeSettings,
  fillRuns,
  hasFill,
  type FillRecord,
  type StoredMark,
} from '../engine/records';

export { CHUNK_CHARS, chunkText } from '../engine/records';

export const REQUIRED_EXCEL_API = '1.9';

/** Excel.run, or a test's stand-in for it. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The part of `Office.context.document.settings` the port uses (settings kept in the document itself). */
export interface DocumentSettingsLike {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: Office.AsyncResult<void>) => void): void;
}

/** The part of `Office.context.document` that hands over the document's file (Office's File API). */
export interface DocumentFileLike {
  getFileAsync(
    fileType: Office.FileType,
    options: { sliceSize?: number },
    callback: (result: Office.AsyncResult<Office.File>) => void,
  ): void;
}

/** The largest slice Office hands over at once (4 MB), so a file takes as few calls as can be. */
export const FILE_SLICE_BYTES = 4 * 1024 * 1024;

export interface OfficePortOptions {
  run: ExcelRun;
  /** Read budget (bytes and cells per sync); defaults stay under Excel on the web's limits. */
  budget?: Partial<ReadBudget>;
  /** Request bytes per sync (Excel on the web refuses requests over 5 MB); default 4,000,000. */
  maxRequestBytes?: number;
  /** Cell-edit mode: how often to try again, and how long to wait between (default 3 x 1000 ms). */
  retries?: number;
  retryDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Where settings and mark records go when the workbook's structure is protected and the settings
   * sheet cannot be added: `Office.context.document.settings` in Excel. Without it, such a save fails
   * with a sentence.
   */
  documentSettings?: DocumentSettingsLike | null;
  /**
   * Whether to read where pivot tables' output is (PivotTable.layout.getRange, ExcelApi 1.8).
   * Default true (the manifest's ExcelApi 1.9 includes it); createOfficePort asks Excel.
   */
  pivotTables?: boolean;
  /**
   * Where the workbook's file comes from for fileBytes (`Office.context.document` in Excel);
   * without it, fileBytes resolves null.
   */
  document?: DocumentFileLike | null;
  /** Bytes per slice of the file (default and most: 4 MB). */
  fileSliceBytes?: number;
}

/** A cell holds at most 32,767 characters; settings and mark records are kept in chunks below that. */
/** Settings JSON in column A of the settings sheet; mark records in column B. */
const SETTINGS_COLUMN = 'A';
const MARKS_COLUMN = 'B';
/** Keys in the document's own settings, used when the settings sheet cannot be added. */
export const DOCUMENT_SETTINGS_KEY = 'PlanCheck.settings';
export const DOCUMENT_MARKS_KEY = 'PlanCheck.marks';
/** Light yellow for input cells that carry no fill of their own. */
const INPUT_FILL = '#FFF2CC';
/** Estimated response bytes of one cell's fill from getCellProperties (colour, pattern, pattern colour, tint). */
export const FILL_BYTES_PER_CELL = 110;
/** Request bytes of one queued command, before the data it carries. */
const COMMAND_BYTES = 120;

interface UndoRecord {
  title: string;
  sheet: string;
  /** The sheet's id (ExcelApi 1.1): undo follows the sheet if it was renamed since. */
  sheetId?: string;
  /** A sheet the write added: undo deletes it. */
  addedSheet: boolean;
  address: string;
  top: number;
  left: number;
  formulas: unknown[][];
  values: unknown[][];
  numberFormats: unknown[][];
  cellProps: Excel.CellProperties[][];
  /** Whether cellProps holds font names and sizes and borders too (a write in the house style changes them). */
  styled: boolean;
  /** What Excel reported the cells held right after the write: undo checks they still do. */
  written: unknown[][];
  table?: string;
  names: string[];
  conditionalFormats: { address: string; id: string }[];
  charts: string[];
  columnWidths: { col: number; width: number }[];
}

const FILL_LOAD = { color: true, pattern: true, patternColor: true, tintAndShade: true };

function fillRecord(fill: Excel.CellPropertiesFill | undefined): FillRecord {
  return {
    color: fill?.color,
    pattern: fill?.pattern as string | undefined,
    patternColor: fill?.patternColor,
    tintAndShade: fill?.tintAndShade,
  };
}

function fillProperties(f: FillRecord): Excel.CellPropertiesFill {
  const fill: Excel.CellPropertiesFill = {};
  if (f.pattern !== undefined) fill.pattern = f.pattern as Excel.FillPattern;
  if (f.color !== undefined) fill.color = f.color;
  if (f.patternColor !== undefined) fill.patternColor = f.patternColor;
  if (f.tintAndShade !== undefined) fill.tintAndShade = f.tintAndShade;
  return fill;
}

/** Queues (no sync) putting a fill back on a rectangle of cells that all had it: colour, then pattern, pattern colour, tint. */
function queueFill(range: Excel.Range, f: FillRecord): void {
  const fill = range.format.fill;
  if (f.color !== undefined) fill.color = f.color;
  if (f.pattern !== undefined && f.pattern !== 'Solid') fill.pattern = f.pattern as Excel.FillPattern;
  if (f.patternColor !== undefined && f.pattern !== 'Solid') fill.patternColor = f.patternColor;
  if (f.tintAndShade !== undefined && f.tintAndShade !== 0) fill.tintAndShade = f.tintAndShade;
}

function key(sheet: string, cell: string): string {
  return `${sheet.toLowerCase()}!${cell.replace(/\$/g, '').toUpperCase()}`;
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
    case 'waterfall':
      return 'ColumnStacked' as Excel.ChartType;
    default:
      return 'ColumnClustered' as Excel.ChartType;
  }
}

/** Column width in points for a width in characters of the default font (7 px a character, 5 px padding). */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** Column width in characters for a width in points (charsToPoints turned round). */
export function pointsToChars(points: number): number {
  return Math.max(0, Math.round(((points / 0.75 - 5) / 7) * 100) / 100);
}

/** What getCellProperties is asked for: fill and font bold and colour; with `styled`, font name and size and borders too. */
function cellPropsLoad(styled: boolean): Excel.CellPropertiesLoadOptions {
  return styled
    ? {
        format: {
          fill: FILL_LOAD,
          font: { bold: true, color: true, name: true, size: true },
          borders: { style: true, weight: true, color: true },
        },
      }
    : { format: { fill: FILL_LOAD, font: { bold: true, color: true } } };
}

/** Whether a cell sets its font or borders beyond PlanCheck's plain bold. */
function isStyledCell(c: CellSpec): boolean {
  return c.fontName !== undefined || c.fontSize !== undefined || c.fontColor !== undefined || c.border !== undefined;
}

/** Whether a spec sets fonts or borders anywhere. */
function isStyled(spec: TableSpec): boolean {
  return spec.cells.some((row) => row.some((c) => !!c && isStyledCell(c)));
}

const SIDES = ['top', 'bottom', 'left', 'right'] as const;

/** A border line as Office.js draws it: a line style and a weight. */
function officeLine(line: BorderLine): { style: Excel.BorderLineStyle; weight: Excel.BorderWeight } {
  const w = (weight: string) => weight as Excel.BorderWeight;
  const st = (style: string) => style as Excel.BorderLineStyle;
  switch (line) {
    case 'medium':
      return { style: st('Continuous'), weight: w('Medium') };
    case 'thick':
      return { style: st('Continuous'), weight: w('Thick') };
    case 'hair':
      return { style: st('Continuous'), weight: w('Hairline') };
    case 'double':
      return { style: st('Double'), weight: w('Thick') };
    case 'dotted':
      return { style: st('Dot'), weight: w('Thin') };
    case 'dashed':
      return { style: st('Dash'), weight: w('Thin') };
    default:
      return { style: st('Continuous'), weight: w('Thin') };
  }
}

/** An Office.js border edge as a line PlanCheck can draw again; null for none. */
function lineOf(edge: Excel.CellBorder | undefined): BorderLine | null {
  const style = edge?.style as string | undefined;
  if (!style || style === 'None') return null;
  if (style === 'Double') return 'double';
  if (style === 'Dot' || style === 'DashDotDot') return 'dotted';
  if (style === 'Dash' || style === 'DashDot' || style === 'SlantDashDot') return 'dashed';
  const weight = edge?.weight as string | undefined;
  return weight === 'Medium' ? 'medium' : weight === 'Thick' ? 'thick' : weight === 'Hairline' ? 'hair' : 'thin';
}

/** A cell's look from its properties and number format. */
function lookFrom(props: Excel.CellProperties | undefined, numberFormat: unknown): CellLook {
  const look: CellLook = {};
  const fill = props?.format?.fill;
  if (fill) look.fill = !fill.pattern || fill.pattern === 'None' ? null : (fill.color ?? null);
  const font = props?.format?.font;
  if (font?.name) look.fontName = font.name;
  if (typeof font?.size === 'number') look.fontSize = font.size;
  if (font?.bold !== undefined) look.bold = font.bold === true;
  if (font?.color) look.fontColor = font.color;
  if (typeof numberFormat === 'string') look.numberFormat = numberFormat;
  const border: Borders = {};
  for (const side of SIDES) {
    const edge = props?.format?.borders?.[side];
    const line = lineOf(edge);
    if (line) border[side] = { style: line, ...(edge?.color ? { color: edge.color } : {}) };
  }
  if (Object.keys(border).length > 0) look.border = border;
  return look;
}

/** A spec cell's fill, font and borders as cell properties (what setCellProperties sets). */
function cellFormat(spec: CellSpec): Excel.CellPropertiesFormat {
  const format: Excel.CellPropertiesFormat = {};
  const fill = spec.fill ?? (spec.input ? INPUT_FILL : undefined);
  if (fill) format.fill = { color: fill };
  const font: Excel.CellPropertiesFont = {};
  if (spec.bold !== undefined) font.bold = spec.bold;
  if (spec.fontName !== undefined) font.name = spec.fontName;
  if (spec.fontSize !== undefined) font.size = spec.fontSize;
  if (spec.fontColor !== undefined) font.color = spec.fontColor;
  if (Object.keys(font).length > 0) format.font = font;
  if (spec.border) {
    const borders: Excel.CellBorderCollection = {};
    for (const side of SIDES) {
      const edge = spec.border[side];
      if (!edge) continue;
      borders[side] = { ...officeLine(edge.style), ...(edge.color ? { color: edge.color } : {}) };
    }
    format.borders = borders;
  }
  return format;
}

/** "Plan", "Plan and Risks", "Plan, Risks and Notes", each in quotes. */
function sheetList(names: string[]): string {
  const q = names.map((n) => `"${n}"`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/** A queued command and its estimated request bytes, so commands can be sent in syncs under the request limit. */
interface Command {
  bytes: number;
  queue: () => void;
}

/** A block of a mark whose fills are read, tagged with the mark it belongs to. */
interface FillBlock extends Block {
  mark: number;
}

interface SheetInfo {
  name: string;
  id: string;
  protected: boolean;
}

/** Whether a cell's `formulas` entry is the same as one read before. */
function sameInput(before: unknown, now: unknown): boolean {
  if (before === now) return true;
  const empty = (v: unknown): boolean => v === '' || v === null || v === undefined;
  return empty(before) && empty(now);
}
/** Office.FileType.Compressed ("compressed" in office.js, also where Office is not loaded). */
function compressedFileType(): Office.FileType {
  return typeof Office !== 'undefined' && Office.FileType
    ? Office.FileType.Compressed
    : ('compressed' as unknown as Office.FileType);
}

/** Whether an Office callback's result succeeded ("succeeded" in office.js). */
function succeeded(result: Office.AsyncResult<unknown>): boolean {
  const status = result.status as unknown;
  if (status === 'succeeded') return true;
  return typeof Office !== 'undefined' && Office.AsyncResultStatus
    ? status === Office.AsyncResultStatus.Succeeded
    : false;
}

/** A slice's data (an array of bytes for a compressed file) as bytes; null for anything else. */
function sliceBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data) && data.every((b) => typeof b === 'number')) return Uint8Array.from(data as number[]);
  return null;
}

/** Closes a file Office opened for us; a failure to close is not the caller's concern. */
function closeFile(file: Office.File): Promise<void> {
  return new Promise<void>((resolve) => {
    try {
      file.closeAsync(() => resolve());
    } catch {
      resolve();
    }
  });
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

export class OfficePort implements WorkbookPort {
  private readonly run: ExcelRun;
  private readonly budget: ReadBudget;
  private readonly retry: { retries: number; delayMs: number; sleep: (ms: number) => Promise<void> };
  /** Sheets met at the last read, so the next read learns their used ranges in its first sync. */
  private knownSheets: string[] | null = null;
  private lastWrite: UndoRecord | null = null;
  private marks: StoredMark[] = [];
  private marksLoaded = false;
  private chartCount = 0;
  private readonly maxRequestBytes: number;
  private readonly documentSettings: DocumentSettingsLike | null;
  /** Whether reads ask for pivot tables' ranges (PivotLayout.getRange, ExcelApi 1.8). */
  private readonly pivotTables: boolean;
  private readonly document: DocumentFileLike | null;
  private readonly fileSliceBytes: number;
  /** Sentences about what was not done as asked (sheets gone, sheets protected), until taken. */
  private readonly notes = new PortNotes();

  constructor(options: OfficePortOptions) {
    this.run = options.run;
    this.budget = { ...DEFAULT_BUDGET, ...options.budget };
    this.maxRequestBytes = options.maxRequestBytes ?? 4_000_000;
    this.documentSettings = options.documentSettings ?? null;
    this.pivotTables = options.pivotTables ?? true;
    this.document = options.document ?? null;
    this.fileSliceBytes = options.fileSliceBytes ?? FILE_SLICE_BYTES;
    this.retry = {
      retries: options.retries ?? 3,
      delayMs: options.retryDelayMs ?? 1000,
      sleep: options.sleep ?? defaultSleep,
    };
  }

  private exec<T>(doing: string, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return withOfficeErrors(doing, () => this.run(batch), this.retry);
  }

  /** Notes gathered since the last call (marks dropped with their sheet, protected sheets left unmarked...). */
  takeNotes(): string[] {
    return this.notes.take();
  }

  private note(sentence: string): void {
    this.notes.add(sentence);
  }

  /**
   * Sends commands in syncs whose estimated request stays under the limit; a sync Excel finds too
   * large (a payload code, or GeneralException on a large request) is halved and sent again.
   */
  private async send(context: Excel.RequestContext, commands: Command[]): Promise<void> {
    const groups: Command[][] = [];
    let current: Command[] = [];
    let bytes = 0;
    for (const c of commands) {
      if (current.length > 0 && bytes + c.bytes > this.maxRequestBytes) {
        groups.push(current);
        current = [];
        bytes = 0;
      }
      current.push(c);
      bytes += c.bytes;
    }
    if (current.length > 0) groups.push(current);
    while (groups.length > 0) {
      const group = groups.shift() as Command[];
      group.forEach((c) => c.queue());
      try {
        await context.sync();
      } catch (error) {
        const size = group.reduce((n, c) => n + c.bytes, 0);
        if (group.length < 2 || !isTooLargeFor(error, size)) throw error;
        const mid = Math.ceil(group.length / 2);
        groups.unshift(group.slice(0, mid), group.slice(mid));
      }
    }
  }

  /** Every sheet's name, id and protection (queued; read after the next sync). */
  private loadSheets(context: Excel.RequestContext): () => SheetInfo[] {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name,items/id,items/protection/protected');
    return () => sheets.items.map((s) => ({ name: s.name, id: s.id, protected: s.protection.protected }));
  }

  // ---------------------------------------------------------------- file

  /**
   * The workbook's file, as Excel hands it to add-ins (Office.context.document.getFileAsync, the
   * compressed .xlsx), slice by slice; the file is closed afterwards whatever happened (Office keeps
   * at most two open). Null where the host has no file API or refuses (Excel on the web without
   * access to the file, an old Excel), or where the slices do not add up to the file's size:
   * never a wrong hash. Never throws.
   */
  async fileBytes(): Promise<Uint8Array | null> {
    const document = this.document;
    if (!document || typeof document.getFileAsync !== 'function') return null;
    let file: Office.File | null = null;
    try {
      file = await new Promise<Office.File>((resolve, reject) =>
        document.getFileAsync(compressedFileType(), { sliceSize: this.fileSliceBytes }, (result) =>
          succeeded(result) ? resolve(result.value) : reject(result.error),
        ),
      );
      const opened = file;
      const parts: Uint8Array[] = [];
      let total = 0;
      for (let i = 0; i < opened.sliceCount; i++) {
        const slice = await new Promise<Office.Slice>((resolve, reject) =>
          opened.getSliceAsync(i, (result) => (succeeded(result) ? resolve(result.value) : reject(result.error))),
        );
        const bytes = sliceBytes(slice.data);
        if (!bytes) return null;
        parts.push(bytes);
        total += bytes.length;
      }
      if (total === 0 || (opened.size > 0 && total !== opened.size)) return null;
      const out = new Uint8Array(total);
      let at = 0;
      for (const part of parts) {
        out.set(part, at);
        at += part.length;
      }
      return out;
    } catch {
      return null;
    } finally {
      if (file) await closeFile(file);
    }
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
          ...(survey.hiddenSheets.has(e.extent.sheet) ? { hidden: true } : {}),
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
      // The ranges of the Excel tables and pivot tables ride on the first batch's sync (a sync that
      // fails for its size carries them again); if that sync fails for anything else, the batch is
      // sent once more without them, so a table or pivot Excel cannot describe never stops a read.
      // (With no cells to read there is no batch, and no table with anything in it to describe.)
      let extras: Extra[] | null = extrasOf(survey.tables, survey.pivots);
      while (queue.length > 0) {
        const batch = queue.shift() as Batch;
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
          const halves = isTooLargeFor(error, batchBytes(batch, this.budget)) ? splitBatch(batch) : null;
          if (halves) queue.unshift(...halves);
          else if (extraRanges.length > 0) {
            extras = null;
            queue.unshift(batch);
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
          rowProps?.value.forEach((p, r) => {
            if (p.rowHidden) snap.hiddenRows?.push(block.row + r);
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
    const pivots = this.pivotTables ? wb.pivotTables : null;
    const queueLists = (): void => {
      wb.load('name');
      sheets.load('items/name,items/visibility');
      names.load('items/name,items/type,items/formula,items/value,items/visible');
      // Every Excel table and pivot table of the workbook (their ranges come in the first read's sync).
      tables.load('items/name,items/showHeaders,items/showTotals');
      pivots?.load('items/name');
    };
    queueLists();
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

  // ---------------------------------------------------------------- style

  /**
   * How some cells look (fill, font, number format, borders) and some columns' widths in
   * characters, in one sync: what a new table copies to look like the workbook's own.
   */
  async styleOf(sheet: string, cells: string[], columns: number[] = []): Promise<StyleAnswer> {
    return this.exec(`reading the look of ${sheet}`, async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const probes = cells.map((address) => {
        const range = ws.getRange(address.split(':')[0]);
        range.load('numberFormat');
        return { range, props: range.getCellProperties(cellPropsLoad(true)) };
      });
      const widths = columns.map((c) => {
        const format = ws.getRangeByIndexes(0, c, 1, 1).format;
        format.load('columnWidth');
        return format;
      });
      try {
        await context.sync();
      } catch (error) {
        // The sheet is gone (renamed since it was read): no look to copy.
        if (isItemNotFound(error)) return { cells: cells.map(() => null), widths: columns.map(() => null) };
        throw error;
      }
      return {
        cells: probes.map((p) => lookFrom(p.props.value[0]?.[0], p.range.numberFormat[0]?.[0])),
        widths: widths.map((f) => (typeof f.columnWidth === 'number' ? pointsToChars(f.columnWidth) : null)),
      };
    });
  }

  // ---------------------------------------------------------------- write

  async write(spec: TableSpec, options: { overwrite?: boolean } = {}): Promise<WriteResult> {
    const rows = spec.cells.length;
    const cols = spec.cells.reduce((w, r) => Math.max(w, r.length), 0);
    if (rows === 0 || cols === 0) throw new PortError(`There is nothing to write for ${spec.title}.`, 'EmptySpec');
    const { sheet, row: top, col: left } = spec.anchor;
    const address = rangeA1(top, left, top + rows - 1, left + cols - 1);
    const doing = `writing ${spec.title}`;

    // Table names and defined names share one namespace: a clash within the spec itself is refused
    // before anything is sent to Excel.
    const wanted = [...(spec.excelTable ? [spec.excelTable.name] : []), ...(spec.names ?? []).map((n) => n.name)];
    const twice = wanted.filter((n, i) => wanted.findIndex((m) => m.toLowerCase() === n.toLowerCase()) !== i);
    if (twice.length > 0) {
      throw new PortError(
        `${spec.title} would use the name ${twice[0]} twice (tables and named ranges share one list of names), so nothing was written.`,
        'ItemAlreadyExists',
      );
    }

    const styled = isStyled(spec);
    return this.exec(doing, async (context) => {
      const wb = context.workbook;
      // Sync 1: is there room (or is the new sheet's name free and the structure unprotected), is
      // every table name and defined name free in both lists (one namespace), is the sheet
      // protected, and what is there now (for the overwrite check and for undo). Every refusal
      // comes before sync 2, so nothing is written without an undo record.
      const nameChecks = wanted.map((name) => {
        const asName = wb.names.getItemOrNullObject(name);
        asName.load('name');
        const asTable = wb.tables.getItemOrNullObject(name);
        asTable.load('name');
        return { name, asName, asTable };
      });
      let existingSheet: Excel.Worksheet | null = null;
      let structure: Excel.WorkbookProtection | null = null;
      let sheetProxy: Excel.Worksheet | null = null;
      let target: Excel.Range | null = null;
      let props: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null = null;
      const widths: Excel.RangeFormat[] = [];
      if (spec.newSheet) {
        existingSheet = wb.worksheets.getItemOrNullObject(sheet);
        existingSheet.load('name');
        structure = wb.protection;
        structure.load('protected');
      } else {
        const ws = wb.worksheets.getItem(sheet);
        ws.load('id,protection/protected');
        sheetProxy = ws;
        target = ws.getRangeByIndexes(top, left, rows, cols);
        target.load('values,formulas,numberFormat');
        props = target.getCellProperties(cellPropsLoad(styled));
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
      if (structure?.protected) {
        throw new PortError(
          `The workbook's structure is protected, so PlanCheck cannot add a sheet for ${spec.title}. ` +
            'Unprotect it (Review > Protect Workbook), or place the table on an existing sheet.',
          'AccessDenied',
        );
      }
      if (sheetProxy?.protection.protected) {
        throw new PortError(
          `The sheet "${sheet}" is protected, so ${spec.title} was not written. Unprotect it (Review > Unprotect Sheet), or choose another place.`,
          'AccessDenied',
        );
      }
      const taken = nameChecks.filter((n) => !n.asName.isNullObject || !n.asTable.isNullObject).map((n) => n.name);
      if (taken.length > 0) {
        const what = (n: string): string =>
          n === spec.excelTable?.name ? `a table called "${n}"` : `the named range "${n}"`;
        throw new PortError(
          `${spec.title} was not written: it needs ${taken.map(what).join(' and ')}, and the workbook already ` +
            `has a table or a named range called that (they share one list of names). Rename or remove ${taken.length > 1 ? 'them' : 'it'}, then try again.`,
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
            if (!spec.cells[r]?.[c] || spec.cells[r]?.[c]?.refresh) continue;
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
          // A formula already there whose value Excel brings up to date itself: left as it is.
          if (cell && !cell.refresh) inRow.push(specInput(cell));
          else inRow.push(target ? restoreInput(oldFormulas[r]?.[c], oldValues[r]?.[c]) : '');
          const existing = oldFormats[r]?.[c];
          fmtRow.push(cell?.numberFormat ?? (typeof existing === 'string' ? existing : 'General'));
        }
        inputs.push(inRow);
        formats.push(fmtRow);
      }
      block.formulas = inputs;
      block.numberFormat = formats;
      if (styled) {
        // Fonts and borders of a table in the house style: one command for the whole block
        // (setCellProperties, ExcelApi 1.9) rather than a dozen per cell.
        block.setCellProperties(
          Array.from({ length: rows }, (_, r) =>
            Array.from({ length: cols }, (_, c) => {
              const cell = spec.cells[r]?.[c];
              return cell ? { format: cellFormat(cell) } : {};
            }),
          ),
        );
      } else {
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
      }
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
        if (c.type === 'waterfall') {
          // The base series only lifts the visible steps: no fill, no legend entry (ExcelApi 1.7).
          chart.series.getItemAt(0).format.fill.clear();
          chart.legend.visible = false;
        }
        charts.push(name);
      }
      // What Excel holds now, so undo can tell the cells someone has changed since.
      block.load('formulas');
      if (spec.newSheet) ws.load('id');
      await context.sync();

      this.lastWrite = {
        title: spec.title,
        sheet,
        sheetId: spec.newSheet ? ws.id : sheetProxy?.id,
        addedSheet: !!spec.newSheet,
        address,
        top,
        left,
        formulas: oldFormulas,
        values: oldValues,
        numberFormats: oldFormats,
        cellProps: props ? props.value : [],
        styled,
        written: block.formulas,
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

  async undo(options: UndoOptions = {}): Promise<boolean> {
    const last = this.lastWrite;
    if (!last) return false;
    let declined = false;
    await this.exec(`undoing ${last.title}`, async (context) => {
      const wb = context.workbook;
      // Sync 1: the sheet (by its id, so a sheet renamed since is followed), the table and the
      // names, each a null object when it is gone (renamed or deleted by the user).
      const found = wb.worksheets.getItemOrNullObject(last.sheetId ?? last.sheet);
      found.load('name');
      const structure = last.addedSheet ? wb.protection : null;
      structure?.load('protected');
      const table = last.table ? wb.tables.getItemOrNullObject(last.table) : null;
      table?.load('name');
      const names = last.names.map((n) => {
        const item = wb.names.getItemOrNullObject(n);
        item.load('name');
        return item;
      });
      await context.sync();
      if (last.addedSheet) {
        this.knownSheets = null;
        if (found.isNullObject) {
          this.note(`The sheet "${last.sheet}" that PlanCheck added for ${last.title} was already deleted.`);
          return;
        }
        if (structure?.protected) {
          throw new PortError(
            `The workbook's structure is protected, so PlanCheck could not delete the sheet "${found.name}" it added for ${last.title}. ` +
              'Unprotect it (Review > Protect Workbook), then undo again.',
            'AccessDenied',
          );
        }
        found.delete();
        await context.sync();
        return;
      }
      if (found.isNullObject) {
        names.forEach((n) => !n.isNullObject && n.delete());
        await context.sync();
        this.note(`The sheet "${last.sheet}" is gone, so nothing of ${last.title} was left on it to undo.`);
        return;
      }

      // Sync 2: the sheet's protection, its charts and conditional formats still there, and what
      // the cells hold now.
      const ws = wb.worksheets.getItem(found.name);
      ws.load('protection/protected');
      const charts = last.charts.map((name) => {
        const chart = ws.charts.getItemOrNullObject(name);
        chart.load('name');
        return chart;
      });
      const cfs = last.conditionalFormats.map((cf) => {
        const collection = ws.getRange(cf.address).conditionalFormats;
        collection.load('items/id');
        return { id: cf.id, collection };
      });
      const target = ws.getRange(last.address);
      target.load('formulas,values,numberFormat');
      const nowProps = target.getCellProperties(cellPropsLoad(last.styled));
      await context.sync();
      if (ws.protection.protected) {
        throw new PortError(
          `The sheet "${found.name}" is protected, so PlanCheck could not undo ${last.title}. Unprotect it (Review > Unprotect Sheet), then undo again.`,
          'AccessDenied',
        );
      }
      const nowFormulas = target.formulas as unknown[][];
      const nowValues = target.values as unknown[][];
      const nowFormats = target.numberFormat as unknown[][];
      // A cell that no longer holds what PlanCheck wrote (typed over, or taken back by Excel's own
      // undo) is left as it is now; the rest is put back.
      const changed: string[] = [];
      const isChanged = last.formulas.map((row, r) =>
        row.map((_, c) => {
          const differs = !sameInput(last.written[r]?.[c], nowFormulas[r]?.[c]);
          if (differs) changed.push(a1(last.top + r, last.left + c));
          return differs;
        }),
      );
      if (changed.length > 0 && options.confirmPartial && !(await options.confirmPartial(changed))) {
        declined = true;
        return;
      }

      // Sync 3: put back.
      charts.forEach((chart) => !chart.isNullObject && chart.delete());
      for (const { id, collection } of cfs) {
        if (collection.items.some((cf) => cf.id === id)) collection.getItem(id).delete();
      }
      names.forEach((n) => !n.isNullObject && n.delete());
      // Converting keeps the cells; their contents and formats are then put back below.
      if (table && !table.isNullObject) table.convertToRange();
      target.formulas = last.formulas.map((row, r) =>
        row.map((f, c) =>
          isChanged[r][c] ? restoreInput(nowFormulas[r]?.[c], nowValues[r]?.[c]) : restoreInput(f, last.values[r]?.[c]),
        ),
      ) as CellInput[][];
      target.numberFormat = last.numberFormats.map((row, r) =>
        row.map((f, c) => (isChanged[r][c] ? nowFormats[r]?.[c] : f)),
      ) as string[][];
      target.format.fill.clear();
      target.setCellProperties(
        last.cellProps.map((row, r) =>
          row.map((p, c) => {
            const from = isChanged[r][c] ? (nowProps.value[r]?.[c] ?? p) : p;
            const fill = fillRecord(from.format?.fill);
            const font = from.format?.font;
            const format: Excel.CellPropertiesFormat = { font: { bold: font?.bold, color: font?.color } };
            if (last.styled) {
              format.font = { ...format.font, name: font?.name, size: font?.size };
              const borders = from.format?.borders;
              if (borders) {
                format.borders = {};
                for (const side of SIDES) if (borders[side]) format.borders[side] = { ...borders[side] };
              }
            }
            if (hasFill(fill)) format.fill = fillProperties(fill);
            return { format };
          }),
        ),
      );
      for (const w of last.columnWidths)
        ws.getRange(`${columnLetter(w.col)}:${columnLetter(w.col)}`).format.columnWidth = w.width;
      await context.sync();
      if (changed.length > 0) {
        const n = changed.length;
        this.note(
          `${n} cell${n === 1 ? '' : 's'} of ${last.title} changed since PlanCheck wrote ${n === 1 ? 'it' : 'them'} ` +
            `(${changed.slice(0, 5).join(', ')}${n > 5 ? ', …' : ''}) and ${n === 1 ? 'was' : 'were'} left as ${n === 1 ? 'it is' : 'they are'} now; the rest was undone.`,
        );
      }
    });
    if (declined) return false;
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
      // Sync 1: every sheet's name, id and protection; whether the settings sheet exists and the
      // workbook's structure is protected (where the record can be kept).
      const settings = wb.worksheets.getItemOrNullObject(SETTINGS_SHEET);
      settings.load('name');
      const structure = wb.protection;
      structure.load('protected');
      const sheetsNow = this.loadSheets(context);
      await context.sync();
      await this.loadMarkRecords(context, settings);
      const sheets = sheetsNow();
      const byName = new Map(sheets.map((s) => [s.name.toLowerCase(), s]));

      // A protected sheet cannot be coloured: the others are, and the protected ones are named once.
      const locked = new Set<string>();
      const missing = new Set<string>();
      const todo: {
        mark: Mark;
        sheet: SheetInfo;
        box: { top: number; left: number; bottom: number; right: number };
      }[] = [];
      for (const mark of marks) {
        const sheet = byName.get(mark.sheet.toLowerCase());
        const box = parseRange(mark.cell);
        if (!sheet || !box) missing.add(mark.sheet);
        else if (sheet.protected) locked.add(sheet.name);
        else todo.push({ mark, sheet, box });
      }
      if (locked.size > 0) {
        this.note(
          `PlanCheck could not highlight cells on ${sheetList([...locked])}: ${locked.size === 1 ? 'the sheet is' : 'the sheets are'} protected (Review > Unprotect Sheet). The other sheets are highlighted.`,
        );
      }
      if (missing.size > 0)
        this.note(`There is no sheet called ${sheetList([...missing])} any more, so nothing was highlighted there.`);

      // The cells' own fills, in blocks each under the response limit (a large mark takes several syncs).
      // A cell already on record keeps its first record: its own fill, not an earlier mark's colour.
      // Records are matched by sheet id where they have one (the sheet may have been renamed since).
      const recorded = new Set(this.marks.map((r) => key(r.sheetId ?? r.sheet, r.cell)));
      const fresh = todo.filter((t) => {
        const k = key(t.sheet.id, t.mark.cell);
        if (recorded.has(k) || recorded.has(key(t.sheet.name, t.mark.cell))) return false;
        recorded.add(k);
        return true;
      });
      const fills: FillRecord[][][] = fresh.map(() => []);
      const budget: ReadBudget = { ...this.budget, bytesPerCell: FILL_BYTES_PER_CELL, bytesPerHiddenRow: 0 };
      const blocks: FillBlock[] = fresh.flatMap((t, mark) =>
        planBlocks(
          [
            {
              sheet: t.sheet.name,
              row: t.box.top,
              col: t.box.left,
              rows: t.box.bottom - t.box.top + 1,
              cols: t.box.right - t.box.left + 1,
            },
          ],
          budget,
        ).map((b) => ({ ...b, mark })),
      );
      // Batches under the response limit, and with few enough commands to stay under the request limit.
      const perBatch = Math.max(1, Math.floor(this.maxRequestBytes / (2 * COMMAND_BYTES)));
      const queue: Batch<FillBlock>[] = packBatches(blocks, budget).flatMap((b) => {
        const parts: Batch<FillBlock>[] = [];
        for (let i = 0; i < b.blocks.length; i += perBatch) parts.push({ blocks: b.blocks.slice(i, i + perBatch) });
        return parts;
      });
      while (queue.length > 0) {
        const batch = queue.shift() as Batch<FillBlock>;
        const reads = batch.blocks.map((b) => ({
          block: b,
          props: wb.worksheets
            .getItem(b.sheet)
            .getRangeByIndexes(b.row, b.col, b.rows, b.cols)
            .getCellProperties({ format: { fill: FILL_LOAD } }),
        }));
        try {
          await context.sync();
        } catch (error) {
          const halves = isTooLargeFor(error, batchBytes(batch, budget)) ? splitBatch(batch) : null;
          if (!halves) throw error;
          queue.unshift(...halves);
          continue;
        }
        for (const { block, props } of reads) {
          const into = fills[block.mark];
          const at = block.row - fresh[block.mark].box.top;
          props.value.forEach((row, r) => {
            into[at + r] = row.map((p) => fillRecord(p.format?.fill));
          });
        }
      }
      fresh.forEach((t, i) => {
        this.marks.push({
          sheet: t.sheet.name,
          sheetId: t.sheet.id,
          cell: t.mark.cell,
          own: fillRuns(t.box.top, t.box.left, fills[i]),
        });
      });

      // The record first (so a failure part-way still leaves every coloured cell restorable), then the colours.
      const commands = this.recordCommands(context, settings.isNullObject, structure.protected);
      for (const { mark, sheet } of todo) {
        commands.push({
          bytes: COMMAND_BYTES + mark.cell.length + mark.color.length,
          queue: () => {
            wb.worksheets.getItem(sheet.name).getRange(mark.cell).format.fill.color = mark.color;
          },
        });
      }
      await this.send(context, commands);
    });
  }

  async clearMarks(): Promise<void> {
    await this.exec('taking the marks off', async (context) => {
      const wb = context.workbook;
      const settings = wb.worksheets.getItemOrNullObject(SETTINGS_SHEET);
      settings.load('name');
      const structure = wb.protection;
      structure.load('protected');
      const sheetsNow = this.loadSheets(context);
      await context.sync();
      await this.loadMarkRecords(context, settings);
      if (this.marks.length === 0) return;
      const sheets = sheetsNow();
      const byId = new Map(sheets.map((s) => [s.id, s]));
      const byName = new Map(sheets.map((s) => [s.name.toLowerCase(), s]));

      const commands: Command[] = [];
      const kept: StoredMark[] = [];
      const gone = new Set<string>();
      const locked = new Set<string>();
      // Latest first, so where marks overlap the cell's own fill (recorded first) wins.
      for (const record of [...this.marks].reverse()) {
        // Follow the sheet by its id where the record has one (a renamed sheet), else by name.
        const sheet = record.sheetId ? byId.get(record.sheetId) : byName.get(record.sheet.toLowerCase());
        if (!sheet) {
          gone.add(record.sheet);
          continue;
        }
        if (sheet.protected) {
          locked.add(sheet.name);
          kept.unshift({ ...record, sheet: sheet.name });
          continue;
        }
        commands.push({
          bytes: COMMAND_BYTES + record.cell.length,
          queue: () => wb.worksheets.getItem(sheet.name).getRange(record.cell).format.fill.clear(),
        });
        for (const own of record.own) {
          commands.push({
            bytes: 4 * COMMAND_BYTES + own.address.length,
            queue: () => queueFill(wb.worksheets.getItem(sheet.name).getRange(own.address), own.fill),
          });
        }
      }
      if (gone.size > 0) {
        this.note(
          `Highlights on ${sheetList([...gone])} were dropped: ${gone.size === 1 ? 'the sheet is' : 'the sheets are'} no longer in the workbook.`,
        );
      }
      if (locked.size > 0) {
        this.note(
          `PlanCheck could not take the highlights off ${sheetList([...locked])}: ${locked.size === 1 ? 'the sheet is' : 'the sheets are'} protected. Unprotect ${locked.size === 1 ? 'it' : 'them'} (Review > Unprotect Sheet) and clear highlights again.`,
        );
      }
      this.marks = kept;
      commands.push(...this.recordCommands(context, settings.isNullObject, structure.protected));
      await this.send(context, commands);
    });
  }

  /** Once per port: marks persisted by an earlier pane (on the settings sheet or in the document's settings), merged under the ones in memory. */
  private async loadMarkRecords(context: Excel.RequestContext, settings: Excel.Worksheet): Promise<void> {
    if (this.marksLoaded) return;
    const stored: StoredMark[] = [];
    if (!settings.isNullObject) stored.push(...decodeMarks(await this.readColumn(context, MARKS_COLUMN)));
    const fromDocument = this.documentSettings?.get(DOCUMENT_MARKS_KEY);
    if (typeof fromDocument === 'string') stored.push(...decodeMarks(fromDocument));
    const inMemory = new Set(this.marks.map((r) => key(r.sheet, r.cell)));
    this.marks = [...stored.filter((r) => !inMemory.has(key(r.sheet, r.cell))), ...this.marks];
    this.marksLoaded = true;
  }

  /**
   * Commands that keep the marks record: on the settings sheet, or, when the sheet does not exist
   * and the workbook's structure is protected (so it cannot be added), in the document's settings.
   */
  private recordCommands(context: Excel.RequestContext, noSheet: boolean, structureProtected: boolean): Command[] {
    const text = encodeMarks(this.marks);
    if (noSheet && structureProtected) {
      this.saveToDocument(DOCUMENT_MARKS_KEY, text);
      return [];
    }
    if (!noSheet) this.saveToDocument(DOCUMENT_MARKS_KEY, '');
    return this.columnCommands(context, noSheet, MARKS_COLUMN, text);
  }

  /** Keeps (or, for '', removes) a value in the document's own settings; saved with the document. */
  private saveToDocument(name: string, text: string): void {
    const store = this.documentSettings;
    if (!store) {
      if (text)
        throw new PortError(
          "The workbook's structure is protected, so PlanCheck cannot add its hidden settings sheet. Unprotect it (Review > Protect Workbook), then try again.",
          'AccessDenied',
        );
      return;
    }
    if (text) store.set(name, text);
    else if (store.get(name) === undefined || store.get(name) === null) return;
    else store.remove(name);
    store.saveAsync();
  }

  // ---------------------------------------------------------------- settings

  async loadSettings(): Promise<Settings> {
    return this.exec('loading the settings', async (context) => {
      const settings = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
      settings.load('name');
      await context.sync();
      // Read from both places: the sheet, and the document's settings (used while the structure is protected).
      const texts = [
        settings.isNullObject ? '' : await this.readColumn(context, SETTINGS_COLUMN),
        String(this.documentSettings?.get(DOCUMENT_SETTINGS_KEY) ?? ''),
      ];
      const { settings: merged, damaged } = decodeSettings(...texts);
      if (damaged) this.note(DAMAGED_SETTINGS_NOTE);
      return merged;
    });
  }

  async saveSettings(settings: Settings): Promise<void> {
    await this.exec('saving the settings', async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
      sheet.load('name');
      const structure = context.workbook.protection;
      structure.load('protected');
      await context.sync();
      const text = encodeSettings(settings);
      if (sheet.isNullObject && structure.protected) {
        this.saveToDocument(DOCUMENT_SETTINGS_KEY, text);
        this.note(
          "The workbook's structure is protected, so PlanCheck keeps its settings in the document's own settings instead of its hidden sheet.",
        );
        return;
      }
      // Kept on the sheet: a copy left in the document's settings from a protected time would shadow it.
      this.saveToDocument(DOCUMENT_SETTINGS_KEY, '');
      await this.send(context, this.columnCommands(context, sheet.isNullObject, SETTINGS_COLUMN, text));
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

  /**
   * Commands that write text in chunks down a column of the settings sheet, creating the sheet if
   * needed; a long text is written a few chunks per command, so each sync stays under the limit.
   */
  private columnCommands(context: Excel.RequestContext, create: boolean, column: string, text: string): Command[] {
    const sheets = context.workbook.worksheets;
    if (create && !text) return [];
    const commands: Command[] = [
      {
        bytes: 3 * COMMAND_BYTES,
        queue: () => {
          if (create) {
            const ws = sheets.add(SETTINGS_SHEET);
            ws.visibility = 'VeryHidden' as Excel.SheetVisibility;
          }
          sheets
            .getItem(SETTINGS_SHEET)
            .getRange(`${column}:${column}`)
            .clear('Contents' as Excel.ClearApplyTo);
        },
      },
    ];
    const chunks = chunkText(text);
    const perCommand = 16;
    for (let i = 0; i < chunks.length; i += perCommand) {
      const part = chunks.slice(i, i + perCommand);
      commands.push({
        // JSON quoting escapes every '"' of the record: count them twice.
        bytes: COMMAND_BYTES + part.reduce((n, c) => n + 2 * c.length + 4, 0),
        queue: () => {
          // The apostrophe keeps each chunk as text, whatever character it starts with.
          sheets.getItem(SETTINGS_SHEET).getRange(`${column}${i + 1}:${column}${i + part.length}`).formulas = part.map(
            (c) => [`'${c}`],
          );
        },
      });
    }
    return commands;
  }
}

/**
 * Whether this Excel can hold a batch until the user leaves cell editing
 * (`Excel.run({ delayForCellEdit: true })`, ExcelApi 1.11, newer than the manifest's 1.9, so
 * checked at run time).
 */
export function delaysForCellEdit(): boolean {
  return supportsExcelApi('1.11');
}

/** Whether the host says it has an ExcelApi requirement set (false outside Office). */
function supportsExcelApi(version: string): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('ExcelApi', version) === true;
  } catch {
    return false;
  }
}

/** The document, for its file, where the host has one. */
function hostDocument(): DocumentFileLike | null {
  try {
    return typeof Office !== 'undefined' ? (Office.context?.document ?? null) : null;
  } catch {
    return null;
  }
}

/** The document's own settings, where the host has them. */
function hostDocumentSettings(): DocumentSettingsLike | null {
  try {
    return typeof Office !== 'undefined' ? (Office.context?.document?.settings ?? null) : null;
  } catch {
    return null;
  }
}

/**
 * The port over the real Excel (the global `Excel.run`). Where Excel supports it, every batch waits
 * for the user to leave cell editing; where not, a batch refused for cell editing is not retried
 * (clicking the pane does not end cell editing, so a retry would fail too): the user is told at once
 * to press Enter or Esc.
 */
export function createOfficePort(options: Omit<OfficePortOptions, 'run'> = {}): OfficePort {
  const run: ExcelRun = delaysForCellEdit()
    ? (batch) => Excel.run({ delayForCellEdit: true }, batch)
    : (batch) => Excel.run(batch);
  return new OfficePort({
    documentSettings: hostDocumentSettings(),
    document: hostDocument(),
    pivotTables: supportsExcelApi('1.8'),
    retries: 0,
    ...options,
    run,
  });
}
