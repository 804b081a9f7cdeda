/**
 * A small in-memory Excel that behaves like Office.js for the calls the port makes, for tests and
 * the sync benchmark. office-addin-mock's OfficeMockObject serves plain objects with properties and
 * functions; it has no command queue, no null objects, no getUsedRangeOrNullObject, no
 * getCellProperties and no payload limits, so the read, write, undo, mark and settings paths use
 * this instead (select and selection use office-addin-mock, see officePort.mock.test.ts).
 *
 * What it keeps from Office.js:
 * - proxies queue commands; nothing happens until `context.sync()`, which runs the queue in order;
 * - loaded properties can be read only after the sync that loaded them (else it throws);
 * - `getItem` of a missing item fails the sync with ItemNotFound, `getItemOrNullObject` gives a
 *   null object; a failed command stops the batch (earlier commands stay done, as in Excel);
 * - `range.formulas` parses constants as typing would ("0001" -> 1, "2009/10" -> a date,
 *   "=..." -> a formula) and a leading apostrophe keeps text as text;
 * - every sync's response is measured (JSON bytes of what was loaded) and fails with
 *   ResponsePayloadSizeLimitExceeded over the limit (5 MB by default, as Excel on the web);
 * - errors carry a `code` and the name "RichApi.Error", as OfficeExtension.Error does;
 * - every sync's request is measured too (about 100 bytes a command plus the JSON of the data it
 *   sends) and refused whole with RequestPayloadSizeLimitExceeded over the limit (5 MB by default);
 * - sheets have ids that survive a rename (Worksheet.id, ExcelApi 1.1), `getItem` takes a name or
 *   an id; a protected sheet (Worksheet.protection.protected, 1.2) refuses changes to its cells
 *   with AccessDenied; a protected workbook structure (Workbook.protection.protected, 1.7) refuses
 *   adding or deleting sheets; table names and defined names share one namespace.
 * - Excel tables (ListObjects): `workbook.tables` (ExcelApi 1.1) loads `items/name`,
 *   `items/showHeaders` and `items/showTotals`; `Table.getRange()` covers the header row (when
 *   shown) to the totals row (when shown), and its address names the sheet ("'My plan'!B4:F17").
 * - Pivot tables: `workbook.pivotTables` (ExcelApi 1.3) loads `items/name`;
 *   `PivotTable.layout.getRange()` (ExcelApi 1.8) is the pivot's output without its filter area.
 *   `apiVersion` below 1.8 makes a sync carrying that range fail with ApiNotFound, as an older
 *   Excel refuses an API it does not have.
 * - cells keep their fill, bold, font colour, name and size and borders (top, bottom, left, right),
 *   read with getCellProperties and set with setCellProperties (ExcelApi 1.9), as the port does.
 * - what Excel refuses, it refuses here too: a table over merged cells (MergedRangeConflict), over
 *   another table (InvalidOperation) or over a pivot table (PivotTableRangeConflict); table, defined
 *   and sheet names Excel would not take (InvalidArgument: a sheet name over 31 characters or with
 *   []:*?/\ in it, a table or defined name with a space or that reads as a cell such as Q1 or R1C1)
 *   and names already taken, in any case (ItemAlreadyExists); a gradient fill set back on a cell
 *   (InvalidArgument, UnsupportedFillType); activating a hidden sheet (InvalidOperation) or selecting
 *   on one (InvalidSelection); a formula that does not parse, names a sheet that is not there or
 *   one that must be quoted and is not (InvalidArgument), or is over 8,192 characters
 *   (FormulaLengthExceedsLimit).
 * - dynamic arrays (ExcelApi 1.12): a formula registered in `arrayResults` spills its 2-D result from
 *   its cell into the neighbours, which read back their value in both `values` and `formulas` (they
 *   hold no formula of their own); anything of its own in the way (a value typed or written there)
 *   turns the formula into #SPILL!, and clearing it lets the formula spill again. `hasSpill`,
 *   `savedAsArray`, `getSpillingToRangeOrNullObject` and `getSpillParentOrNullObject` are read as
 *   Excel reports them, and fail with ApiNotFound where `apiVersion` is below 1.12;
 * - array formulas entered with Ctrl+Shift+Enter (setArrayFormula): every cell of the array reports
 *   the formula; changing part of the array is refused (InvalidOperation, "You can't change part
 *   of an array."); writing the whole array replaces it;
 * - null in a 2-D array written to `formulas` leaves that cell as it is (Excel's rule).
 * Formulas are not calculated: a formula's value is what the test registered for that formula text.
 */

import { HyperFormula } from 'hyperformula';
import { jsonBytes } from '../../src/excel/readPlan';
import { a1 } from '../../src/engine/grid';

let parser: HyperFormula | null = null;
/** One empty HyperFormula, kept, whose parser stands in for Excel's. */
function formulaParser(): HyperFormula {
  parser ??= HyperFormula.buildEmpty({ licenseKey: 'gpl-v3' });
  return parser;
}

export type Scalar = string | number | boolean;

export interface Fill {
  color: string;
  pattern: string;
  patternColor: string;
  tintAndShade: number;
}

/** One edge of a cell's border, as Office.js reports it (CellBorder). */
export interface Border {
  style: string;
  weight: string;
  color: string;
}
export type Edge = 'top' | 'bottom' | 'left' | 'right';
export type CellBorders = Partial<Record<Edge, Border>>;
/** What getCellProperties reports for an edge with no border. */
export const NO_BORDER: Border = { style: 'None', weight: 'Thin', color: '#000000' };
export const DEFAULT_FONT = { name: 'Calibri', size: 11 };
const EDGES: Edge[] = ['top', 'bottom', 'left', 'right'];

/** Sets one edge of a cell's border (style "None" takes it away). */
function setEdge(sheet: SheetModel, k: string, edge: Edge, part: Partial<Border>): void {
  const all = { ...(sheet.borders.get(k) ?? {}) };
  const next = { ...NO_BORDER, ...(all[edge] ?? { style: 'Continuous' }), ...part };
  if (next.style === 'None') delete all[edge];
  else all[edge] = next;
  if (Object.keys(all).length === 0) sheet.borders.delete(k);
  else sheet.borders.set(k, all);
}

/** What getCellProperties reports for a cell with no fill. */
export const NO_FILL: Fill = { color: '#FFFFFF', pattern: 'None', patternColor: '#000000', tintAndShade: 0 };
export const MB5 = 5 * 1024 * 1024;
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;
const DEFAULT_WIDTH = 48;

export class FakeOfficeError extends Error {
  override readonly name = 'RichApi.Error';
  readonly debugInfo: { code: string; message: string };
  constructor(
    readonly code: string,
    message: string,
    inner = code,
  ) {
    super(message);
    this.debugInfo = { code: inner, message };
  }
}

/** Excel's sheet-name rules: 1 to 31 characters, none of []:*?/\, no apostrophe at either end, not "History". */
export function refuseSheetName(name: string): void {
  if (
    name.length === 0 ||
    name.length > 31 ||
    /[[\]:*?/\\]/.test(name) ||
    /^'|'$/.test(name) ||
    /^history$/i.test(name)
  )
    throw new FakeOfficeError('InvalidArgument', `Excel does not take "${name}" as a sheet name.`);
}

/** True for text Excel reads as a cell: A1 style up to XFD1048576, or R1C1 style (R, C, R1, C2, R1C1). */
export function readsAsCell(name: string): boolean {
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (a1 && colIndex(a1[1].toUpperCase()) < 16384 && Number(a1[2]) >= 1 && Number(a1[2]) <= 1048576) return true;
  return /^[Rr](\d*)([Cc](\d*))?$/.test(name) || /^[Cc]\d*$/.test(name);
}

/** Excel's rules for a table or defined name: a letter, _ or \ first, then letters, digits, _ . \; not a cell; 255 at most. */
export function refuseName(name: string): void {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || name.length > 255 || readsAsCell(name))
    throw new FakeOfficeError('InvalidArgument', `Excel does not take "${name}" as a name.`);
}

// ------------------------------------------------------------------ addresses

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function colLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function cellA1(row: number, col: number): string {
  return `${colLetters(col)}${row + 1}`;
}

function quote(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B2", "B2:D9", "A:A", "Sheet!B2" (the sheet part is returned apart). */
function parseAddress(address: string): { sheet?: string; box: Box } {
  let text = address.trim();
  let sheet: string | undefined;
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    sheet = text.slice(0, bang);
    if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    text = text.slice(bang + 1);
  }
  const part = (p: string): { row?: number; col?: number } => {
    const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(p);
    if (!m || (m[1] === '' && m[2] === '')) throw new FakeOfficeError('InvalidArgument', `Bad address ${address}`);
    return { col: m[1] ? colIndex(m[1]) : undefined, row: m[2] ? Number(m[2]) - 1 : undefined };
  };
  const [a, b] = text.split(':');
  const s = part(a);
  const e = b === undefined ? s : part(b);
  return {
    sheet,
    box: {
      top: s.row ?? 0,
      left: s.col ?? 0,
      bottom: e.row ?? MAX_ROWS - 1,
      right: e.col ?? MAX_COLS - 1,
    },
  };
}

function boxA1(box: Box): string {
  const start = cellA1(box.top, box.left);
  return box.top === box.bottom && box.left === box.right ? start : `${start}:${cellA1(box.bottom, box.right)}`;
}

// ------------------------------------------------------------------ the model

interface CfModel {
  id: string;
  address: string;
  type: string;
  rule?: unknown;
  fill?: string;
}

interface ChartModel {
  name: string;
  type: string;
  source: string;
  title?: string;
  position?: string;
  /** Series drawn with no fill (a waterfall's invisible base). */
  clearedSeries?: number[];
  legendVisible?: boolean;
}

let sheetIds = 0;

export class SheetModel {
  visibility = 'Visible';
  /** Row arrays of constant or computed values; undefined or '' is empty. */
  values: (Scalar | undefined)[][] = [];
  formulas = new Map<string, string>();
  numberFormats = new Map<string, string>();
  fills = new Map<string, Fill>();
  bold = new Set<string>();
  fontColors = new Map<string, string>();
  /** Font name and size where not the default (Calibri 11). */
  fontNames = new Map<string, string>();
  fontSizes = new Map<string, number>();
  /** Borders by edge ("top", "bottom", "left", "right"), where a cell has any. */
  borders = new Map<string, CellBorders>();
  hiddenRows = new Set<number>();
  widths = new Map<number, number>();
  cfs: CfModel[] = [];
  charts: ChartModel[] = [];
  /** Worksheet.protection.protected: Excel refuses changes to the cells. */
  protected = false;
  /** Merged areas (Excel's model; the port cannot read them below ExcelApi 1.13). */
  merges: Box[] = [];
  /** Cells a dynamic array spills into (not its own cell): cell -> the formula's cell ("r,c"). */
  spilled = new Map<string, string>();
  /** Where each dynamic array spills, its own cell included: the formula's cell ("r,c") -> range. */
  spills = new Map<string, Box>();
  /** Array formulas entered with Ctrl+Shift+Enter (legacy arrays): their range and formula. */
  arrays: { box: Box; formula: string }[] = [];
  constructor(
    public name: string,
    readonly id = `{00000000-0001-0000-0000-${String(++sheetIds).padStart(12, '0')}}`,
  ) {}

  /** Throws as Excel does when a change reaches a protected sheet. */
  mustBeEditable(): void {
    if (this.protected)
      throw new FakeOfficeError('AccessDenied', `The cell or chart you're trying to change is on a protected sheet.`);
  }

  value(r: number, c: number): Scalar {
    return this.values[r]?.[c] ?? '';
  }
  setValue(r: number, c: number, v: Scalar): void {
    if (v === '' && !this.values[r]) return;
    (this.values[r] ??= [])[c] = v;
  }
  usedBox(): Box | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    this.values.forEach((row, r) => {
      if (!row) return;
      row.forEach((v, c) => {
        if (v === undefined || v === '') return;
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      });
    });
    for (const k of this.formulas.keys()) {
      const [r, c] = k.split(',').map(Number);
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
    return bottom < 0 ? null : { top, left, bottom, right };
  }
}

/** An Excel table: its sheet and range (header row, when shown, to totals row, when shown). */
export interface TableModel {
  sheet: string;
  address: string;
  /** Table.showHeaders (default true). */
  showHeaders?: boolean;
  /** Table.showTotals (default false). */
  showTotals?: boolean;
}

interface RangeTarget {
  sheet: SheetModel;
  box: Box;
}

export interface CellSetup {
  value?: Scalar | null;
  formula?: string;
  numberFormat?: string;
  fill?: Partial<Fill> | string;
  bold?: boolean;
  fontName?: string;
  fontSize?: number;
  fontColor?: string;
  /** Edges with a border ({ top: { style: 'Continuous', weight: 'Thin', color: '#000000' } }). */
  borders?: CellBorders;
}

export interface FakeExcelOptions {
  name?: string;
  /** Response bytes per sync above which a sync fails (default 5 MB, as Excel on the web). */
  responseLimit?: number;
  /** Request bytes per sync above which a sync is refused (default 5 MB, as Excel on the web). */
  requestLimit?: number;
}

export class FakeExcel {
  name: string;
  responseLimit: number;
  requestLimit: number;
  /** Workbook.protection.protected: the structure is protected (no sheets added or deleted). */
  structureProtected = false;
  sheets: SheetModel[] = [];
  names = new Map<string, { sheet: string; address: string }>();
  tables = new Map<string, TableModel>();
  /** Pivot tables: the sheet and the A1 range of their output (PivotLayout.getRange, without the filter area). */
  pivots = new Map<string, { sheet: string; address: string }>();
  /** The ExcelApi requirement set this Excel supports (1.9, the manifest's, unless a test lowers it). */
  apiVersion = 1.9;
  /** Values of formulas (Excel would calculate them; the fake looks them up). */
  formulaResults = new Map<string, Scalar>();
  /** Results of dynamic-array formulas (=SEQUENCE(3)): rows of values spilling from the formula's cell. */
  arrayResults = new Map<string, Scalar[][]>();
  activeSheet = '';
  selected = 'A1';
  /** Syncs done, and each sync's response size in bytes. */
  syncs = 0;
  responseBytes: number[] = [];
  /** Each sync's request size in bytes, and its number of commands. */
  requestBytes: number[] = [];
  commandsPerSync: number[] = [];
  cellsPerSync: number[] = [];
  /** Indexes (0-based) of syncs that failed. */
  failedSyncs: number[] = [];
  /** Failures to inject into the next syncs, in order. */
  failures: ({ code: string; message: string } | null)[] = [];
  /** Callbacks that ended with commands still queued (never synced). */
  leftUnsynced = 0;
  /** Event handlers registered (and synced) by add-ins, by event: see `userEdits` and `fire`. */
  handlers: Record<FakeEventName, ((args: Record<string, unknown>) => Promise<unknown> | void)[]> = {
    changed: [],
    formatChanged: [],
    added: [],
    deleted: [],
    tableAdded: [],
    tableDeleted: [],
  };
  private nextId = 1;

  constructor(options: FakeExcelOptions = {}) {
    this.name = options.name ?? 'Book1.xlsx';
    this.responseLimit = options.responseLimit ?? MB5;
    this.requestLimit = options.requestLimit ?? MB5;
  }

  get maxRequestBytes(): number {
    return this.requestBytes.reduce((m, b) => Math.max(m, b), 0);
  }

  /**
   * The user types into cells (or pastes a block): the cells change, then Excel tells every
   * registered onChanged handler of the worksheet collection, as it does after an edit. Resolves
   * once the handlers have run.
   */
  async userEdits(sheet: string, address: string, setup: CellSetup | CellSetup[][]): Promise<void> {
    const s = this.mustSheet(sheet);
    if (Array.isArray(setup)) {
      const { box } = parseAddress(address);
      setup.forEach((row, r) => row.forEach((cell, c) => this.setCell(sheet, a1(box.top + r, box.left + c), cell)));
    } else this.setCell(sheet, address, setup);
    await this.fire('changed', { worksheetId: s.id, address, changeType: 'RangeEdited' });
  }

  /** Excel reports an event to the handlers registered for it (type, source and sheet filled in). */
  async fire(event: FakeEventName, args: Record<string, unknown>): Promise<void> {
    const type = {
      changed: 'WorksheetChanged',
      formatChanged: 'WorksheetFormatChanged',
      added: 'WorksheetAdded',
      deleted: 'WorksheetDeleted',
      tableAdded: 'TableAdded',
      tableDeleted: 'TableDeleted',
    }[event];
    await Promise.all(this.handlers[event].map((h) => h({ type, source: 'Local', ...args })));
  }

  /** A sheet renamed by the user: tables and names that refer to it follow, as in Excel. */
  renameSheet(from: string, to: string): void {
    const s = this.mustSheet(from);
    for (const t of this.tables.values()) if (t.sheet === s.name) t.sheet = to;
    for (const p of this.pivots.values()) if (p.sheet === s.name) p.sheet = to;
    for (const n of this.names.values()) if (n.sheet === s.name) n.sheet = to;
    if (this.activeSheet === s.name) this.activeSheet = to;
    s.name = to;
  }

  /** A sheet deleted by the user: its tables go with it. */
  deleteSheet(name: string): void {
    const s = this.mustSheet(name);
    this.sheets = this.sheets.filter((o) => o !== s);
    for (const [n, t] of this.tables) if (t.sheet === s.name) this.tables.delete(n);
    for (const [n, p] of this.pivots) if (p.sheet === s.name) this.pivots.delete(n);
  }

  get maxResponseBytes(): number {
    return this.responseBytes.reduce((m, b) => Math.max(m, b), 0);
  }

  resetCounters(): void {
    this.syncs = 0;
    this.responseBytes = [];
    this.requestBytes = [];
    this.commandsPerSync = [];
    this.cellsPerSync = [];
    this.failedSyncs = [];
  }

  /** The next `times` syncs fail with `code`, after `after` syncs that go through. */
  failNext(code: string, times = 1, message = `Fake ${code}`, after = 0): void {
    for (let i = 0; i < after; i++) this.failures.push(null);
    for (let i = 0; i < times; i++) this.failures.push({ code, message });
  }

  id(): string {
    return String(this.nextId++);
  }

  /** A sheet by name (any case) or by id. */
  sheet(key: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === key.toLowerCase() || s.id === key);
  }

  mustSheet(name: string): SheetModel {
    const s = this.sheet(name);
    if (!s) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist (sheet ${name}).`);
    return s;
  }

  /** Adds a sheet with rows of constants laid at an origin (null = empty). */
  addSheet(name: string, rows: (Scalar | null | undefined)[][] = [], origin = { row: 0, col: 0 }): SheetModel {
    refuseSheetName(name);
    if (this.sheet(name)) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named ${name} exists.`);
    const s = new SheetModel(name);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== undefined && v !== '') s.setValue(origin.row + r, origin.col + c, v);
      }),
    );
    this.sheets.push(s);
    if (!this.activeSheet) this.activeSheet = name;
    return s;
  }

  setCell(sheet: string, address: string, setup: CellSetup): void {
    const s = this.mustSheet(sheet);
    const { box } = parseAddress(address);
    const k = `${box.top},${box.left}`;
    if (setup.formula !== undefined) {
      s.formulas.set(k, setup.formula);
      if (setup.value !== undefined && setup.value !== null) this.formulaResults.set(setup.formula, setup.value);
      s.setValue(box.top, box.left, this.formulaResults.get(setup.formula) ?? 0);
    } else if (setup.value !== undefined) {
      s.formulas.delete(k);
      s.setValue(box.top, box.left, setup.value ?? '');
    }
    if (setup.numberFormat !== undefined) s.numberFormats.set(k, setup.numberFormat);
    if (setup.fill !== undefined) {
      s.fills.set(
        k,
        typeof setup.fill === 'string' ? solid(setup.fill) : { ...NO_FILL, pattern: 'Solid', ...setup.fill },
      );
    }
    if (setup.bold !== undefined) {
      if (setup.bold) s.bold.add(k);
      else s.bold.delete(k);
    }
    if (setup.fontName !== undefined) s.fontNames.set(k, setup.fontName);
    if (setup.fontSize !== undefined) s.fontSizes.set(k, setup.fontSize);
    if (setup.fontColor !== undefined) s.fontColors.set(k, setup.fontColor);
    if (setup.borders !== undefined) s.borders.set(k, structuredClone(setup.borders));
    if (setup.formula !== undefined || setup.value !== undefined) {
      s.spilled.delete(k);
      this.spill(s);
    }
  }

  /** A dynamic-array formula (=SEQUENCE(3)) put in a cell as a user would type it; it spills `result`. */
  setSpill(sheet: string, address: string, formula: string, result: Scalar[][]): void {
    this.arrayResults.set(formula, result);
    this.setCell(sheet, address, { formula });
  }

  /** An array formula entered over a range with Ctrl+Shift+Enter ({=A1:A3*B1:B3}), with each cell's value. */
  setArrayFormula(sheet: string, address: string, formula: string, values: Scalar[][]): void {
    const s = this.mustSheet(sheet);
    const { box } = parseAddress(address);
    for (let r = box.top; r <= box.bottom; r++) {
      for (let c = box.left; c <= box.right; c++) {
        s.formulas.set(`${r},${c}`, formula);
        s.setValue(r, c, values[r - box.top]?.[c - box.left] ?? 0);
      }
    }
    s.arrays.push({ box, formula });
  }

  /**
   * Spills every dynamic array of the sheet again, as Excel recalculates: a formula whose range
   * holds anything of its own (a value or a formula, or another array's spill) shows #SPILL!.
   */
  spill(s: SheetModel): void {
    if (s.spills.size === 0 && this.arrayResults.size === 0) return;
    for (const k of s.spilled.keys()) {
      const [r, c] = k.split(',').map(Number);
      if (s.values[r]) s.values[r][c] = undefined;
    }
    s.spilled.clear();
    s.spills.clear();
    const inArray = (r: number, c: number): boolean =>
      s.arrays.some((a) => r >= a.box.top && r <= a.box.bottom && c >= a.box.left && c <= a.box.right);
    const anchors = [...s.formulas]
      .map(([k, f]) => ({ k, f, rc: k.split(',').map(Number) }))
      .filter(({ f, rc }) => this.arrayResults.has(f) && !inArray(rc[0], rc[1]))
      .sort((a, b) => a.rc[0] - b.rc[0] || a.rc[1] - b.rc[1]);
    for (const { k, f, rc } of anchors) {
      const [top, left] = rc;
      const result = this.arrayResults.get(f)!;
      const cells: [number, number, Scalar][] = [];
      result.forEach((row, i) => row.forEach((v, j) => (i > 0 || j > 0) && cells.push([top + i, left + j, v])));
      const blocked = cells.some(([r, c]) => {
        const key = `${r},${c}`;
        return s.formulas.has(key) || s.value(r, c) !== '' || s.spilled.has(key) || inArray(r, c);
      });
      if (blocked) {
        s.setValue(top, left, '#SPILL!');
        continue;
      }
      s.setValue(top, left, result[0]?.[0] ?? '');
      for (const [r, c, v] of cells) {
        s.setValue(r, c, v);
        s.spilled.set(`${r},${c}`, k);
      }
      const width = result.reduce((w, row) => Math.max(w, row.length), 0);
      s.spills.set(k, { top, left, bottom: top + result.length - 1, right: left + width - 1 });
    }
  }

  /** Refuses, as Excel does, a write that would change some cells of an array formula but not all. */
  refusePartOfArray(s: SheetModel, changes: (r: number, c: number) => boolean): void {
    s.arrays = s.arrays.filter((a) => {
      let changed = 0;
      for (let r = a.box.top; r <= a.box.bottom; r++)
        for (let c = a.box.left; c <= a.box.right; c++) if (changes(r, c)) changed++;
      const size = (a.box.bottom - a.box.top + 1) * (a.box.right - a.box.left + 1);
      if (changed > 0 && changed < size)
        throw new FakeOfficeError('InvalidOperation', "You can't change part of an array.");
      return changed === 0;
    });
  }

  /** Whether a table or defined name of this name exists (Excel compares names without case). */
  nameTaken(name: string): boolean {
    const lower = name.toLowerCase();
    return [...this.tables.keys(), ...this.names.keys()].some((n) => n.toLowerCase() === lower);
  }

  /** Merges cells, as a user would with Merge & Center. */
  merge(sheet: string, address: string): void {
    this.mustSheet(sheet).merges.push(parseAddress(address).box);
  }

  /** One cell as a person would see it. */
  cell(
    sheet: string,
    address: string,
  ): {
    value: Scalar;
    formula: string | null;
    numberFormat: string;
    fill: Fill | null;
    bold: boolean;
    font: { name: string; size: number; color: string };
    borders: CellBorders;
  } {
    const s = this.mustSheet(sheet);
    const { box } = parseAddress(address);
    const k = `${box.top},${box.left}`;
    return {
      value: s.value(box.top, box.left),
      formula: s.formulas.get(k) ?? null,
      numberFormat: s.numberFormats.get(k) ?? 'General',
      fill: s.fills.get(k) ?? null,
      bold: s.bold.has(k),
      font: {
        name: s.fontNames.get(k) ?? DEFAULT_FONT.name,
        size: s.fontSizes.get(k) ?? DEFAULT_FONT.size,
        color: s.fontColors.get(k) ?? '#000000',
      },
      borders: structuredClone(s.borders.get(k) ?? {}),
    };
  }

  /** Everything in the workbook, as plain data, for before/after comparisons. */
  dump(): unknown {
    return structuredClone({
      sheets: this.sheets.map((s) => {
        const cells: Record<string, unknown> = {};
        const keys = new Set<string>([
          ...s.formulas.keys(),
          ...s.numberFormats.keys(),
          ...s.fills.keys(),
          ...s.bold,
          ...s.fontColors.keys(),
          ...s.fontNames.keys(),
          ...s.fontSizes.keys(),
          ...s.borders.keys(),
        ]);
        s.values.forEach((row, r) => row?.forEach((v, c) => v !== undefined && v !== '' && keys.add(`${r},${c}`)));
        [...keys].sort().forEach((k) => {
          const [r, c] = k.split(',').map(Number);
          cells[cellA1(r, c)] = {
            value: s.value(r, c),
            formula: s.formulas.get(k) ?? null,
            numberFormat: s.numberFormats.get(k) ?? 'General',
            fill: s.fills.get(k) ?? null,
            bold: s.bold.has(k),
            fontColor: s.fontColors.get(k) ?? '#000000',
            fontName: s.fontNames.get(k) ?? DEFAULT_FONT.name,
            fontSize: s.fontSizes.get(k) ?? DEFAULT_FONT.size,
            borders: s.borders.get(k) ?? {},
          };
        });
        return {
          name: s.name,
          visibility: s.visibility,
          cells,
          hiddenRows: [...s.hiddenRows].sort(),
          widths: [...s.widths.entries()].sort(),
          cfs: s.cfs,
          charts: s.charts,
        };
      }),
      names: [...this.names.entries()].sort(),
      tables: [...this.tables.entries()].sort(),
    });
  }

  /** Excel.run over this workbook. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const context = new FakeContext(this);
    const result = await batch(context as unknown as Excel.RequestContext);
    if (context.queue.length > 0) this.leftUnsynced++;
    return result;
  };

  // -------------------------------------------------------------- cell writes (model level)

  /**
   * Refuses a formula Excel would refuse: over 8,192 characters, not a formula Excel can parse
   * (HyperFormula's parser stands in for Excel's), a sheet reference to a sheet that is not there,
   * or a sheet name left unquoted that must be quoted (Q1, FY24, 2026-27, O'Brien's).
   */
  refuseFormula(formula: string): void {
    if (formula.length > 8192)
      throw new FakeOfficeError('InvalidArgument', 'The formula is too long.', 'FormulaLengthExceedsLimit');
    if (!formulaParser().validateFormula(formula))
      throw new FakeOfficeError('InvalidArgument', `Excel cannot parse ${formula}.`);
    const outsideStrings = formula.replace(/"(?:[^"]|"")*"/g, '""');
    for (const m of outsideStrings.matchAll(/(?:'((?:[^']|'')+)'|([A-Za-z0-9_.\u00C0-\uFFFF]+))!/g)) {
      const quoted = m[1] !== undefined;
      const name = quoted ? m[1].replace(/''/g, "'") : m[2];
      if (!quoted && (readsAsCell(name) || /^\d/.test(name)))
        throw new FakeOfficeError('InvalidArgument', `Excel reads ${name}! in ${formula} as a cell, not a sheet.`);
      if (!this.sheet(name))
        throw new FakeOfficeError('InvalidArgument', `${formula} names a sheet "${name}" the workbook does not have.`);
    }
  }

  writeInput(s: SheetModel, r: number, c: number, input: unknown): void {
    if (input === null) return;
    const k = `${r},${c}`;
    s.spilled.delete(k);
    if (typeof input === 'string' && input.startsWith('=')) {
      this.refuseFormula(input);
      s.formulas.set(k, input);
      s.setValue(r, c, this.formulaResults.get(input) ?? 0);
      return;
    }
    s.formulas.delete(k);
    s.setValue(r, c, coerce(input));
  }
}

/** Fill patterns Excel reads back (getCellProperties) but will not set (setCellProperties, RangeFill). */
const GRADIENTS = new Set(['LinearGradient', 'RectangularGradient']);

function solid(color: string): Fill {
  return { ...NO_FILL, color: color.toUpperCase(), pattern: 'Solid' };
}

/** What Excel makes of a constant typed into a cell. */
export function coerce(input: unknown): Scalar {
  if (typeof input === 'number' || typeof input === 'boolean') return input;
  if (input === null || input === undefined) return '';
  const text = String(input);
  if (text.startsWith("'")) return text.slice(1);
  if (/^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(text)) return Number(text);
  if (/^(true|false)$/i.test(text.trim())) return text.trim().toLowerCase() === 'true';
  if (/^\s*\d{1,4}\s*[/-]\s*\d{1,2}(\s*[/-]\s*\d{1,4})?\s*$/.test(text)) return 45000; // a date serial
  return text;
}

// ------------------------------------------------------------------ proxies

type Op = () => void;

/** Request bytes of one command (object path, method or property name, ids), without its data. */
const COMMAND_BYTES = 100;

class FakeContext {
  queue: Op[] = [];
  requestBytes = 0;
  response: unknown[] = [];
  cells = 0;
  workbook: FakeWorkbook;
  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
  }

  respond(data: unknown, cells = 0): void {
    this.response.push(data);
    this.cells += cells;
  }

  /** Queues a command whose request carries about `bytes` bytes. */
  push(op: Op, bytes: number): void {
    this.queue.push(op);
    this.requestBytes += bytes;
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    const requestBytes = this.requestBytes;
    this.queue = [];
    this.requestBytes = 0;
    this.response = [];
    this.cells = 0;
    this.excel.syncs++;
    this.excel.requestBytes.push(requestBytes);
    this.excel.commandsPerSync.push(ops.length);
    const failure = this.excel.failures.shift();
    if (failure || requestBytes > this.excel.requestLimit) {
      this.excel.failedSyncs.push(this.excel.syncs - 1);
      this.excel.responseBytes.push(0);
      this.excel.cellsPerSync.push(0);
      if (failure) throw new FakeOfficeError(failure.code, failure.message);
      throw new FakeOfficeError(
        'RequestPayloadSizeLimitExceeded',
        `Request of ${requestBytes} bytes is over the limit.`,
      );
    }
    let failed: unknown = null;
    try {
      for (const op of ops) op();
    } catch (error) {
      failed = error;
    }
    const bytes = this.response.reduce<number>((n, d) => n + jsonBytes(d), 0);
    this.excel.responseBytes.push(bytes);
    this.excel.cellsPerSync.push(this.cells);
    if (failed || bytes > this.excel.responseLimit) this.excel.failedSyncs.push(this.excel.syncs - 1);
    if (failed) throw failed;
    if (bytes > this.excel.responseLimit) {
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `Response of ${bytes} bytes is over the limit.`);
    }
  }
}

/** Responses are measured as JSON, as Office.js sends them (the same count the port learns from). */
export { jsonBytes };

function parseLoad(spec: unknown): string[] {
  if (spec === undefined) return [];
  if (typeof spec === 'string')
    return spec
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => parseLoad(s));
  if (typeof spec === 'object' && spec !== null) return Object.keys(spec);
  return [];
}

abstract class FakeProxy<T> {
  protected loaded: Record<string, unknown> = {};
  private resolved = false;
  private cache: T | null = null;
  constructor(
    readonly context: FakeContext,
    private readonly resolver: () => T | null,
  ) {}

  /** Resolves once, when the first command that needs it runs. */
  resolveOrNull(): T | null {
    if (!this.resolved) {
      this.cache = this.resolver();
      this.resolved = true;
    }
    return this.cache;
  }

  target(): T {
    const t = this.resolveOrNull();
    if (t === null) throw new FakeOfficeError('InvalidOperation', 'Call on a null object.');
    return t;
  }

  protected get_(prop: string): unknown {
    if (!(prop in this.loaded)) throw new Error(`PropertyNotLoaded: ${prop} was read before it was loaded and synced.`);
    return this.loaded[prop];
  }

  /** Queues a command: about 100 bytes of request for the command, plus the data it sends. */
  protected queue(op: Op, data?: unknown): void {
    this.context.push(op, COMMAND_BYTES + (data === undefined ? 0 : jsonBytes(data)));
  }

  get isNullObject(): boolean {
    return this.get_('isNullObject') as boolean;
  }

  load(spec?: unknown): this {
    const props = parseLoad(spec);
    this.queue(() => {
      const t = this.resolveOrNull();
      if (t === null) {
        this.loaded = { isNullObject: true };
        return;
      }
      const data = this.read(t, props);
      this.context.respond(this.payload(data), this.cellCount(data));
      Object.assign(this.loaded, data, { isNullObject: false });
    });
    return this;
  }

  /** What the response carries for a load (JSON-able). */
  protected payload(data: Record<string, unknown>): unknown {
    return data;
  }

  protected cellCount(_data: Record<string, unknown>): number {
    return 0;
  }

  protected abstract read(t: T, props: string[]): Record<string, unknown>;
}

class FakeWorkbook extends FakeProxy<FakeExcel> {
  worksheets: FakeWorksheets;
  names: FakeNames;
  tables: FakeTables;
  pivotTables: FakePivotTables;
  protection: FakeProtection;
  constructor(context: FakeContext) {
    super(context, () => context.excel);
    this.protection = new FakeProtection(context, () => context.excel);
    this.worksheets = new FakeWorksheets(context);
    this.names = new FakeNames(context);
    this.tables = new FakeTables(context);
    this.pivotTables = new FakePivotTables(context);
  }
  get name(): string {
    return this.get_('name') as string;
  }
  protected read(t: FakeExcel, props: string[]): Record<string, unknown> {
    return props.includes('name') ? { name: t.name } : {};
  }
  getActiveCell(): FakeRange {
    return new FakeRange(this.context, () => {
      const x = this.context.excel;
      const s = x.mustSheet(x.activeSheet);
      const { box } = parseAddress(x.selected);
      return { sheet: s, box: { top: box.top, left: box.left, bottom: box.top, right: box.left } };
    });
  }
}

/** Events the fake reports (ExcelApi 1.9 for the worksheet collection's and the tables' events). */
export type FakeEventName = 'changed' | 'formatChanged' | 'added' | 'deleted' | 'tableAdded' | 'tableDeleted';

/** An Office.js event (`onChanged`...): `add` queues the registration, which takes effect at the next sync. */
function fakeEvent(proxy: { context: FakeContext }, name: FakeEventName, since = 1.9) {
  return {
    add: (handler: (args: Record<string, unknown>) => Promise<unknown> | void) => {
      proxy.context.push(() => {
        if (proxy.context.excel.apiVersion < since)
          throw new FakeOfficeError('ApiNotFound', `The event is not supported before ExcelApi ${since}.`);
        proxy.context.excel.handlers[name].push(handler);
      }, COMMAND_BYTES);
      return { remove: () => undefined };
    },
  };
}

class FakeWorksheets extends FakeProxy<FakeExcel> {
  readonly onChanged = fakeEvent(this, 'changed');
  readonly onFormatChanged = fakeEvent(this, 'formatChanged');
  readonly onAdded = fakeEvent(this, 'added', 1.7);
  readonly onDeleted = fakeEvent(this, 'deleted', 1.7);
  constructor(context: FakeContext) {
    super(context, () => context.excel);
  }
  get items(): FakeWorksheet[] {
    return this.get_('items') as FakeWorksheet[];
  }
  protected read(t: FakeExcel, props: string[]): Record<string, unknown> {
    const fields = props.filter((p) => p.startsWith('items/')).map((p) => p.slice(6));
    const items = t.sheets.map((s) => {
      const ws = new FakeWorksheet(this.context, () => s);
      ws.fill(s, fields);
      return ws;
    });
    const field = (s: SheetModel, f: string): unknown =>
      f === 'name' ? s.name : f === 'id' ? s.id : f === 'protection/protected' ? s.protected : s.visibility;
    return {
      items,
      payload: t.sheets.map((s) => Object.fromEntries(fields.map((f) => [f, field(s, f)]))),
    };
  }
  protected override payload(data: Record<string, unknown>): unknown {
    return data.payload;
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.excel.mustSheet(name));
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.excel.sheet(name) ?? null);
  }
  add(name: string): FakeWorksheet {
    const ws = new FakeWorksheet(this.context, () => {
      if (this.context.excel.structureProtected)
        throw new FakeOfficeError('AccessDenied', 'The workbook structure is protected.');
      return this.context.excel.addSheet(name);
    });
    this.queue(() => ws.target());
    return ws;
  }
}

class FakeProtection extends FakeProxy<SheetModel | FakeExcel> {
  get protected(): boolean {
    return this.get_('protected') as boolean;
  }
  fill(value: boolean): void {
    Object.assign(this.loaded, { protected: value, isNullObject: false });
  }
  protected read(t: SheetModel | FakeExcel): Record<string, unknown> {
    return { protected: t instanceof FakeExcel ? t.structureProtected : t.protected };
  }
}

class FakeWorksheet extends FakeProxy<SheetModel> {
  tables: { add: (address: string, hasHeaders: boolean) => FakeTable };
  charts: {
    add: (type: string, source: FakeRange, seriesBy?: string) => FakeChart;
    getItem: (name: string) => FakeChart;
    getItemOrNullObject: (name: string) => FakeChart;
  };
  protection: FakeProtection;
  constructor(context: FakeContext, resolver: () => SheetModel | null) {
    super(context, resolver);
    this.protection = new FakeProtection(context, () => this.target());
    const chartItem = (name: string, orNull: boolean): FakeChart =>
      new FakeChart(this.context, () => {
        const s = this.target();
        const model = s.charts.find((c) => c.name === name);
        if (model) return { sheet: s, model };
        if (orNull) return null;
        throw new FakeOfficeError('ItemNotFound', `No chart ${name}`);
      });
    this.tables = {
      add: (address: string, _hasHeaders: boolean) => {
        const table = new FakeTable(this.context, () => {
          const s = this.target();
          s.mustBeEditable();
          const x = this.context.excel;
          refuseTableOver(x, s, parseAddress(address).box);
          let n = x.tables.size + 1;
          while (x.tables.has(`Table${n}`)) n++;
          const name = `Table${n}`;
          x.tables.set(name, { sheet: s.name, address: boxA1(parseAddress(address).box) });
          return name;
        });
        this.queue(() => table.target());
        return table;
      },
    };
    this.charts = {
      add: (type: string, source: FakeRange) => {
        const chart = new FakeChart(this.context, () => {
          const s = this.target();
          s.mustBeEditable();
          const model: ChartModel = {
            name: `Chart ${this.context.excel.id()}`,
            type,
            source: boxA1(source.target().box),
          };
          s.charts.push(model);
          return { sheet: s, model };
        });
        this.queue(() => chart.target());
        return chart;
      },
      getItem: (name: string) => chartItem(name, false),
      getItemOrNullObject: (name: string) => chartItem(name, true),
    };
  }
  /** Filled in from a collection load. */
  fill(s: SheetModel, fields: string[]): void {
    const data = this.read(s, fields);
    Object.assign(this.loaded, data, { isNullObject: false });
    if (fields.includes('protection/protected')) this.protection.fill(s.protected);
  }
  get id(): string {
    return this.get_('id') as string;
  }
  get name(): string {
    return this.get_('name') as string;
  }
  get visibility(): string {
    return this.get_('visibility') as string;
  }
  set visibility(v: string) {
    this.queue(() => {
      if (this.context.excel.structureProtected)
        throw new FakeOfficeError('AccessDenied', 'The workbook structure is protected.');
      this.target().visibility = v;
    });
  }
  protected read(t: SheetModel, props: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (props.includes('name')) out.name = t.name;
    if (props.includes('id')) out.id = t.id;
    if (props.includes('visibility')) out.visibility = t.visibility;
    if (props.includes('protection/protected')) {
      this.protection.fill(t.protected);
      out.protection = { protected: t.protected };
    }
    return out;
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, () => ({ sheet: this.target(), box: parseAddress(address ?? 'A:XFD').box }));
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.context, () => ({
      sheet: this.target(),
      box: { top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 },
    }));
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.context, () => {
      const s = this.target();
      const box = s.usedBox();
      return box ? { sheet: s, box } : null;
    });
  }
  activate(): void {
    this.queue(() => {
      const s = this.target();
      if (s.visibility !== 'Visible')
        throw new FakeOfficeError('InvalidOperation', `Sheet ${s.name} is hidden and cannot be activated.`);
      this.context.excel.activeSheet = s.name;
    });
  }
  delete(): void {
    this.queue(() => {
      const x = this.context.excel;
      if (x.structureProtected) throw new FakeOfficeError('AccessDenied', 'The workbook structure is protected.');
      x.deleteSheet(this.target().name);
    });
  }
}

/** Excel will not lay a table over merged cells, another table or a pivot table. */
function refuseTableOver(x: FakeExcel, s: SheetModel, box: Box): void {
  if (s.merges.some((m) => overlaps(m, box)))
    throw new FakeOfficeError('InvalidOperation', 'A table cannot overlap merged cells.', 'MergedRangeConflict');
  for (const t of x.tables.values()) {
    if (t.sheet.toLowerCase() === s.name.toLowerCase() && overlaps(parseAddress(t.address).box, box))
      throw new FakeOfficeError('InvalidOperation', 'A table cannot overlap another table.');
  }
  for (const p of x.pivots.values()) {
    if (p.sheet.toLowerCase() === s.name.toLowerCase() && overlaps(parseAddress(p.address).box, box))
      throw new FakeOfficeError('InvalidOperation', 'A table cannot overlap a pivot table.', 'PivotTableRangeConflict');
  }
}

function overlaps(a: Box, b: Box): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/** Range.conditionalFormats (ExcelApi 1.6): the formats overlapping the range; `items/id` can be loaded. */
class FakeConditionalFormats extends FakeProxy<RangeTarget> {
  constructor(
    context: FakeContext,
    private readonly range: FakeRange,
  ) {
    super(context, () => range.target());
  }
  get items(): { id: string }[] {
    return this.get_('items') as { id: string }[];
  }
  protected read(t: RangeTarget): Record<string, unknown> {
    return {
      items: t.sheet.cfs.filter((c) => overlaps(parseAddress(c.address).box, t.box)).map((c) => ({ id: c.id })),
    };
  }
  add(type: string): FakeConditionalFormat {
    const cf = new FakeConditionalFormat(this.context, () => {
      const t = this.range.target();
      t.sheet.mustBeEditable();
      const model: CfModel = { id: `{CF-${this.context.excel.id()}}`, address: boxA1(t.box), type };
      t.sheet.cfs.push(model);
      return model;
    });
    this.queue(() => cf.target());
    return cf;
  }
  getItem(id: string): { delete: () => void } {
    return {
      delete: () =>
        this.queue(() => {
          const t = this.range.target();
          const i = t.sheet.cfs.findIndex((c) => c.id === id);
          if (i < 0) throw new FakeOfficeError('ItemNotFound', `No conditional format ${id}`);
          t.sheet.mustBeEditable();
          t.sheet.cfs.splice(i, 1);
        }),
    };
  }
}

interface RowProps {
  address: string;
  addressLocal: string;
  rowIndex: number;
  rowHidden?: boolean;
}

class FakeRange extends FakeProxy<RangeTarget> {
  format: FakeRangeFormat;
  conditionalFormats: FakeConditionalFormats;
  constructor(context: FakeContext, resolver: () => RangeTarget | null) {
    super(context, resolver);
    this.format = new FakeRangeFormat(context, this);
    this.conditionalFormats = new FakeConditionalFormats(context, this);
  }

  /**
   * Range.getRowProperties (ExcelApi 1.9), for `rowHidden` only: one entry per row of the range,
   * each with the row's address, local address and index, as Excel always includes them.
   */
  getRowProperties(options: { rowHidden?: boolean }): { value: RowProps[] } {
    const result: { value: RowProps[] } = {
      get value(): RowProps[] {
        throw new Error('PropertyNotLoaded: ClientResult.value read before sync.');
      },
    };
    this.queue(() => {
      const t = this.target();
      const value: RowProps[] = [];
      for (let r = t.box.top; r <= t.box.bottom; r++) {
        const address = `${quote(t.sheet.name)}!${cellA1(r, t.box.left)}:${cellA1(r, t.box.right)}`;
        const row: RowProps = { address, addressLocal: address, rowIndex: r };
        if (options.rowHidden) row.rowHidden = t.sheet.hiddenRows.has(r);
        value.push(row);
      }
      this.context.respond(value);
      Object.defineProperty(result, 'value', { value });
    });
    return result;
  }
  get values(): Scalar[][] {
    return this.get_('values') as Scalar[][];
  }
  get formulas(): Scalar[][] {
    return this.get_('formulas') as Scalar[][];
  }
  set formulas(data: Scalar[][]) {
    this.queue(() => {
      const { sheet, box } = this.target();
      sheet.mustBeEditable();
      if (data.length !== box.bottom - box.top + 1 || data.some((r) => r.length !== box.right - box.left + 1)) {
        throw new FakeOfficeError(
          'InvalidArgument',
          'The number of rows or columns in the input array does not match the size of the range.',
        );
      }
      const x = this.context.excel;
      x.refusePartOfArray(sheet, (r, c) => {
        const inBox = r >= box.top && r <= box.bottom && c >= box.left && c <= box.right;
        return inBox && data[r - box.top][c - box.left] !== null;
      });
      data.forEach((row, r) => row.forEach((v, c) => x.writeInput(sheet, box.top + r, box.left + c, v)));
      x.spill(sheet);
    }, data);
  }
  get numberFormat(): string[][] {
    return this.get_('numberFormat') as string[][];
  }
  set numberFormat(data: string[][]) {
    this.queue(() => {
      const { sheet, box } = this.target();
      sheet.mustBeEditable();
      data.forEach((row, r) =>
        row.forEach((f, c) => {
          const k = `${box.top + r},${box.left + c}`;
          if (f === 'General') sheet.numberFormats.delete(k);
          else sheet.numberFormats.set(k, f);
        }),
      );
    }, data);
  }
  get address(): string {
    return this.get_('address') as string;
  }
  get rowCount(): number {
    return this.get_('rowCount') as number;
  }
  get columnCount(): number {
    return this.get_('columnCount') as number;
  }
  get rowIndex(): number {
    return this.get_('rowIndex') as number;
  }
  get columnIndex(): number {
    return this.get_('columnIndex') as number;
  }
  get rowHidden(): boolean | null {
    return this.get_('rowHidden') as boolean | null;
  }
  /** Range.hasSpill and savedAsArray (ExcelApi 1.12): true for every cell, false for none, null for some. */
  get hasSpill(): boolean | null {
    return this.get_('hasSpill') as boolean | null;
  }
  get savedAsArray(): boolean | null {
    return this.get_('savedAsArray') as boolean | null;
  }

  private grid<V>(t: RangeTarget, f: (r: number, c: number, k: string) => V, keyed = true): V[][] {
    const out: V[][] = [];
    for (let r = t.box.top; r <= t.box.bottom; r++) {
      const row: V[] = new Array(t.box.right - t.box.left + 1);
      for (let c = t.box.left; c <= t.box.right; c++) row[c - t.box.left] = f(r, c, keyed ? `${r},${c}` : '');
      out.push(row);
    }
    return out;
  }

  protected override cellCount(data: Record<string, unknown>): number {
    const v = (data.values ?? data.formulas ?? data.numberFormat) as unknown[][] | undefined;
    return v ? v.length * (v[0]?.length ?? 0) : 0;
  }

  protected read(t: RangeTarget, props: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const { sheet, box } = t;
    for (const p of props) {
      if (p === 'values') out.values = this.grid(t, (r, c) => sheet.value(r, c), false);
      else if (p === 'formulas')
        out.formulas = sheet.formulas.size
          ? this.grid(t, (r, c, k) => sheet.formulas.get(k) ?? sheet.value(r, c))
          : this.grid(t, (r, c) => sheet.value(r, c), false);
      else if (p === 'numberFormat')
        out.numberFormat = sheet.numberFormats.size
          ? this.grid(t, (_r, _c, k) => sheet.numberFormats.get(k) ?? 'General')
          : this.grid(t, () => 'General', false);
      else if (p === 'address') out.address = `${quote(sheet.name)}!${boxA1(box)}`;
      else if (p === 'rowCount') out.rowCount = box.bottom - box.top + 1;
      else if (p === 'columnCount') out.columnCount = box.right - box.left + 1;
      else if (p === 'rowIndex') out.rowIndex = box.top;
      else if (p === 'columnIndex') out.columnIndex = box.left;
      else if (p === 'hasSpill' || p === 'savedAsArray') {
        // ExcelApi 1.12. A dynamic array's whole range (its own cell too) has the spill border, and
        // is saved as an array formula, as an array formula entered with Ctrl+Shift+Enter is.
        if (this.context.excel.apiVersion < 1.12)
          throw new FakeOfficeError('ApiNotFound', `The requested API is not supported (Range.${p}).`);
        const inBox = (b: Box, r: number, c: number): boolean =>
          r >= b.top && r <= b.bottom && c >= b.left && c <= b.right;
        let yes = 0;
        for (let r = box.top; r <= box.bottom; r++) {
          for (let c = box.left; c <= box.right; c++) {
            const spills = [...sheet.spills.values()].some((b) => inBox(b, r, c));
            const anchor = this.context.excel.arrayResults.has(sheet.formulas.get(`${r},${c}`) ?? '');
            const legacy = sheet.arrays.some((a) => inBox(a.box, r, c));
            if (p === 'hasSpill' ? spills : spills || anchor || legacy) yes++;
          }
        }
        const all = (box.bottom - box.top + 1) * (box.right - box.left + 1);
        out[p] = yes === 0 ? false : yes === all ? true : null;
      } else if (p === 'rowHidden') {
        let hidden = 0;
        for (let r = box.top; r <= box.bottom; r++) if (sheet.hiddenRows.has(r)) hidden++;
        out.rowHidden = hidden === 0 ? false : hidden === box.bottom - box.top + 1 ? true : null;
      } else throw new Error(`The fake does not know Range.${p}`);
    }
    return out;
  }

  /** Range.getSpillingToRangeOrNullObject (ExcelApi 1.12): where the formula in this one cell spills. */
  getSpillingToRangeOrNullObject(): FakeRange {
    return new FakeRange(this.context, () => {
      const { sheet, box } = this.spillCell('getSpillingToRangeOrNullObject');
      const spill = sheet.spills.get(`${box.top},${box.left}`);
      return spill && box.top === box.bottom && box.left === box.right ? { sheet, box: spill } : null;
    });
  }

  /** Range.getSpillParentOrNullObject (ExcelApi 1.12): the cell whose formula spills into this one cell. */
  getSpillParentOrNullObject(): FakeRange {
    return new FakeRange(this.context, () => {
      const { sheet, box } = this.spillCell('getSpillParentOrNullObject');
      const anchor = sheet.spilled.get(`${box.top},${box.left}`);
      if (!anchor || box.top !== box.bottom || box.left !== box.right) return null;
      const [top, left] = anchor.split(',').map(Number);
      return { sheet, box: { top, left, bottom: top, right: left } };
    });
  }

  private spillCell(method: string): RangeTarget {
    if (this.context.excel.apiVersion < 1.12)
      throw new FakeOfficeError('ApiNotFound', `The requested API is not supported (Range.${method}).`);
    return this.target();
  }

  getCell(row: number, col: number): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.target();
      return {
        sheet: t.sheet,
        box: { top: t.box.top + row, left: t.box.left + col, bottom: t.box.top + row, right: t.box.left + col },
      };
    });
  }

  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.target();
      const used = t.sheet.usedBox();
      if (!used) return null;
      const box = {
        top: Math.max(used.top, t.box.top),
        left: Math.max(used.left, t.box.left),
        bottom: Math.min(used.bottom, t.box.bottom),
        right: Math.min(used.right, t.box.right),
      };
      if (box.top > box.bottom || box.left > box.right) return null;
      // Only cells holding something count: shrink to them.
      let top = Infinity;
      let bottom = -1;
      for (let r = box.top; r <= box.bottom; r++) {
        for (let c = box.left; c <= box.right; c++) {
          if (t.sheet.value(r, c) !== '' || t.sheet.formulas.has(`${r},${c}`)) {
            top = Math.min(top, r);
            bottom = Math.max(bottom, r);
          }
        }
      }
      return bottom < 0 ? null : { sheet: t.sheet, box: { ...box, top, bottom } };
    });
  }

  getCellProperties(options: {
    format?: {
      fill?: Record<string, boolean>;
      font?: Record<string, boolean>;
      borders?: Record<string, boolean>;
    };
  }): {
    value: unknown[][];
  } {
    const result: { value: unknown[][] } = {
      get value(): unknown[][] {
        throw new Error('PropertyNotLoaded: ClientResult.value read before sync.');
      },
    };
    this.queue(() => {
      const t = this.target();
      const value = this.grid(t, (_r, _c, k) => {
        const format: Record<string, unknown> = {};
        if (options.format?.fill) {
          const fill = t.sheet.fills.get(k) ?? NO_FILL;
          format.fill = Object.fromEntries(Object.keys(options.format.fill).map((p) => [p, fill[p as keyof Fill]]));
        }
        if (options.format?.font) {
          const font: Record<string, unknown> = {};
          if (options.format.font.bold) font.bold = t.sheet.bold.has(k);
          if (options.format.font.color) font.color = t.sheet.fontColors.get(k) ?? '#000000';
          if (options.format.font.name) font.name = t.sheet.fontNames.get(k) ?? DEFAULT_FONT.name;
          if (options.format.font.size) font.size = t.sheet.fontSizes.get(k) ?? DEFAULT_FONT.size;
          format.font = font;
        }
        if (options.format?.borders) {
          const own = t.sheet.borders.get(k) ?? {};
          const wanted = Object.keys(options.format.borders) as (keyof Border)[];
          format.borders = Object.fromEntries(
            EDGES.map((e) => [e, Object.fromEntries(wanted.map((p) => [p, (own[e] ?? NO_BORDER)[p]]))]),
          );
        }
        return { format };
      });
      this.context.respond(value);
      Object.defineProperty(result, 'value', { value });
    });
    return result;
  }

  setCellProperties(
    data: {
      format?: {
        fill?: Partial<Fill>;
        font?: { bold?: boolean; color?: string; name?: string; size?: number };
        borders?: Partial<Record<Edge, Partial<Border>>>;
      };
    }[][],
  ): void {
    this.queue(() => {
      const t = this.target();
      t.sheet.mustBeEditable();
      data.forEach((row, r) =>
        row.forEach((p, c) => {
          const k = `${t.box.top + r},${t.box.left + c}`;
          const fill = p.format?.fill;
          if (fill?.pattern && GRADIENTS.has(fill.pattern))
            throw new FakeOfficeError('InvalidArgument', 'A gradient fill cannot be set.', 'UnsupportedFillType');
          if (fill) {
            if (fill.pattern === 'None') t.sheet.fills.delete(k);
            else t.sheet.fills.set(k, { ...NO_FILL, pattern: 'Solid', ...(t.sheet.fills.get(k) ?? {}), ...fill });
          }
          const font = p.format?.font;
          if (font?.bold !== undefined) {
            if (font.bold) t.sheet.bold.add(k);
            else t.sheet.bold.delete(k);
          }
          if (font?.color !== undefined) {
            if (font.color === '#000000') t.sheet.fontColors.delete(k);
            else t.sheet.fontColors.set(k, font.color);
          }
          if (font?.name !== undefined) {
            if (font.name === DEFAULT_FONT.name) t.sheet.fontNames.delete(k);
            else t.sheet.fontNames.set(k, font.name);
          }
          if (font?.size !== undefined) {
            if (font.size === DEFAULT_FONT.size) t.sheet.fontSizes.delete(k);
            else t.sheet.fontSizes.set(k, font.size);
          }
          for (const e of EDGES) {
            const edge = p.format?.borders?.[e];
            if (edge) setEdge(t.sheet, k, e, edge);
          }
        }),
      );
    }, data);
  }

  select(): void {
    this.queue(() => {
      const t = this.target();
      if (t.sheet.visibility !== 'Visible')
        throw new FakeOfficeError(
          'InvalidSelection',
          `Sheet ${t.sheet.name} is hidden; nothing on it can be selected.`,
        );
      this.context.excel.activeSheet = t.sheet.name;
      this.context.excel.selected = boxA1(t.box);
    });
  }

  clear(_applyTo?: string): void {
    this.queue(() => {
      const t = this.target();
      t.sheet.mustBeEditable();
      this.context.excel.refusePartOfArray(t.sheet, (r, c) =>
        overlaps(t.box, { top: r, left: c, bottom: r, right: c }),
      );
      for (const k of t.sheet.spilled.keys()) {
        const [r, c] = k.split(',').map(Number);
        if (overlaps(t.box, { top: r, left: c, bottom: r, right: c })) t.sheet.spilled.delete(k);
      }
      const used = t.sheet.usedBox();
      if (!used) return;
      for (let r = Math.max(used.top, t.box.top); r <= Math.min(used.bottom, t.box.bottom); r++) {
        for (let c = Math.max(used.left, t.box.left); c <= Math.min(used.right, t.box.right); c++) {
          t.sheet.formulas.delete(`${r},${c}`);
          if (t.sheet.values[r]) t.sheet.values[r][c] = undefined;
        }
      }
      this.context.excel.spill(t.sheet);
    });
  }

  forEachCell(f: (sheet: SheetModel, k: string) => void): void {
    const t = this.target();
    t.sheet.mustBeEditable();
    for (let r = t.box.top; r <= t.box.bottom; r++)
      for (let c = t.box.left; c <= t.box.right; c++) f(t.sheet, `${r},${c}`);
  }
}

class FakeRangeFormat extends FakeProxy<RangeTarget> {
  fill: { color: string; pattern: string; patternColor: string; tintAndShade: number; clear: () => void };
  font: { bold: boolean };
  constructor(context: FakeContext, range: FakeRange) {
    super(context, () => range.target());
    const queue = (op: Op): void => this.queue(op);
    // RangeFill's pattern, patternColor and tintAndShade (ExcelApi 1.9) change the fill that is there.
    const change = (part: Partial<Fill>): void =>
      queue(() => range.forEachCell((s, k) => s.fills.set(k, { ...(s.fills.get(k) ?? solid('#FFFFFF')), ...part })));
    const unread = (): never => {
      throw new Error('The fake does not read fill properties; use getCellProperties.');
    };
    this.fill = {
      set color(color: string) {
        queue(() => range.forEachCell((s, k) => s.fills.set(k, solid(color))));
      },
      get color(): string {
        return unread();
      },
      set pattern(pattern: string) {
        if (GRADIENTS.has(pattern))
          queue(() => {
            throw new FakeOfficeError('InvalidArgument', 'A gradient fill cannot be set.', 'UnsupportedFillType');
          });
        else if (pattern === 'None') queue(() => range.forEachCell((s, k) => s.fills.delete(k)));
        else change({ pattern });
      },
      get pattern(): string {
        return unread();
      },
      set patternColor(patternColor: string) {
        change({ patternColor });
      },
      get patternColor(): string {
        return unread();
      },
      set tintAndShade(tintAndShade: number) {
        change({ tintAndShade });
      },
      get tintAndShade(): number {
        return unread();
      },
      clear: () => queue(() => range.forEachCell((s, k) => s.fills.delete(k))),
    };
    this.font = {
      set bold(bold: boolean) {
        queue(() => range.forEachCell((s, k) => (bold ? s.bold.add(k) : s.bold.delete(k))));
      },
      get bold(): boolean {
        throw new Error('The fake does not read font.bold; use getCellProperties.');
      },
    };
  }
  get columnWidth(): number {
    return this.get_('columnWidth') as number;
  }
  set columnWidth(width: number) {
    this.queue(() => {
      const t = this.target();
      t.sheet.mustBeEditable();
      for (let c = t.box.left; c <= t.box.right; c++) {
        if (width === DEFAULT_WIDTH) t.sheet.widths.delete(c);
        else t.sheet.widths.set(c, width);
      }
    });
  }
  protected read(t: RangeTarget, props: string[]): Record<string, unknown> {
    return props.includes('columnWidth') ? { columnWidth: t.sheet.widths.get(t.box.left) ?? DEFAULT_WIDTH } : {};
  }
}

class FakeConditionalFormat extends FakeProxy<CfModel> {
  cellValue: { format: { fill: { color: string } }; rule: unknown };
  constructor(context: FakeContext, resolver: () => CfModel | null) {
    super(context, resolver);
    const queue = (op: Op): void => this.queue(op);
    const target = (): CfModel => this.target();
    this.cellValue = {
      format: {
        fill: {
          set color(color: string) {
            queue(() => {
              target().fill = color;
            });
          },
          get color(): string {
            throw new Error('not loaded');
          },
        },
      },
      set rule(rule: unknown) {
        queue(() => {
          target().rule = rule;
        });
      },
      get rule(): unknown {
        throw new Error('not loaded');
      },
    };
  }
  get id(): string {
    return this.get_('id') as string;
  }
  protected read(t: CfModel, props: string[]): Record<string, unknown> {
    return props.includes('id') ? { id: t.id } : {};
  }
}

class FakeTable extends FakeProxy<string> {
  set name(name: string) {
    this.queue(() => {
      const x = this.context.excel;
      const old = this.target();
      refuseName(name);
      if (x.nameTaken(name)) throw new FakeOfficeError('ItemAlreadyExists', `A table or name called ${name} exists.`);
      const t = x.tables.get(old);
      if (!t) throw new FakeOfficeError('ItemNotFound', `No table ${old}`);
      x.tables.delete(old);
      x.tables.set(name, t);
      this.rename(name);
    });
  }
  get name(): string {
    return this.get_('name') as string;
  }
  private current?: string;
  private rename(name: string): void {
    this.current = name;
  }
  override target(): string {
    return this.current ?? super.target();
  }
  get showHeaders(): boolean {
    return this.get_('showHeaders') as boolean;
  }
  get showTotals(): boolean {
    return this.get_('showTotals') as boolean;
  }
  protected read(t: string, props: string[]): Record<string, unknown> {
    const name = this.current ?? t;
    const model = this.context.excel.tables.get(name);
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (p === 'name') out.name = name;
      else if (p === 'showHeaders') out.showHeaders = model?.showHeaders !== false;
      else if (p === 'showTotals') out.showTotals = model?.showTotals === true;
      else throw new Error(`The fake does not know Table.${p}`);
    }
    return out;
  }
  /** Filled in from a collection load; returns what the response carries for it. */
  fill(fields: string[]): Record<string, unknown> {
    const data = this.read(this.target(), fields);
    Object.assign(this.loaded, data, { isNullObject: false });
    return data;
  }
  /** Table.getRange (ExcelApi 1.1): the whole table, header row to totals row. */
  getRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const x = this.context.excel;
      const name = this.target();
      const t = x.tables.get(name);
      if (!t) throw new FakeOfficeError('ItemNotFound', `No table ${name}`);
      return { sheet: x.mustSheet(t.sheet), box: parseAddress(t.address).box };
    });
  }
  /** As Excel does, the table's style stays on the cells as their own formatting. */
  convertToRange(): void {
    this.queue(() => {
      const x = this.context.excel;
      const name = this.target();
      const t = x.tables.get(name);
      if (!t) throw new FakeOfficeError('ItemNotFound', `No table ${name}`);
      const s = x.mustSheet(t.sheet);
      s.mustBeEditable();
      x.tables.delete(name);
      const { box } = parseAddress(t.address);
      for (let r = box.top; r <= box.bottom; r++) {
        for (let c = box.left; c <= box.right; c++) {
          const k = `${r},${c}`;
          if (r === box.top) {
            s.fills.set(k, solid('#4472C4'));
            s.bold.add(k);
            s.fontColors.set(k, '#FFFFFF');
          } else if ((r - box.top) % 2 === 1) s.fills.set(k, solid('#D9E1F2'));
        }
      }
    });
  }
}

/** Workbook.tables: every Excel table of the workbook; `items/...` of Table's properties can be loaded. */
class FakeTables extends FakeProxy<FakeExcel> {
  readonly onAdded = fakeEvent(this, 'tableAdded');
  readonly onDeleted = fakeEvent(this, 'tableDeleted');
  constructor(context: FakeContext) {
    super(context, () => context.excel);
  }
  get items(): FakeTable[] {
    return this.get_('items') as FakeTable[];
  }
  protected read(t: FakeExcel, props: string[]): Record<string, unknown> {
    const fields = props.filter((p) => p.startsWith('items/')).map((p) => p.slice(6));
    const items: FakeTable[] = [];
    const payload: Record<string, unknown>[] = [];
    for (const name of t.tables.keys()) {
      const table = new FakeTable(this.context, () => name);
      payload.push(table.fill(fields));
      items.push(table);
    }
    return { items, payload };
  }
  protected override payload(data: Record<string, unknown>): unknown {
    return data.payload;
  }
  private item(name: string, orNull: boolean): FakeTable {
    return new FakeTable(this.context, () => {
      if (this.context.excel.tables.has(name)) return name;
      if (orNull) return null;
      throw new FakeOfficeError('ItemNotFound', `No table ${name}`);
    });
  }
  getItem(name: string): FakeTable {
    return this.item(name, false);
  }
  getItemOrNullObject(name: string): FakeTable {
    return this.item(name, true);
  }
}

class FakeChart extends FakeProxy<{ sheet: SheetModel; model: ChartModel }> {
  title: { text: string };
  series: { getItemAt: (i: number) => { format: { fill: { clear: () => void } } } };
  legend: { visible: boolean };
  constructor(context: FakeContext, resolver: () => { sheet: SheetModel; model: ChartModel } | null) {
    super(context, resolver);
    const queue = (op: Op): void => this.queue(op);
    const target = (): ChartModel => this.target().model;
    this.series = {
      getItemAt: (i: number) => ({
        format: {
          fill: {
            clear: () =>
              queue(() => {
                const m = target();
                m.clearedSeries = [...(m.clearedSeries ?? []), i];
              }),
          },
        },
      }),
    };
    this.legend = {
      set visible(v: boolean) {
        queue(() => {
          target().legendVisible = v;
        });
      },
      get visible(): boolean {
        throw new Error('not loaded');
      },
    };
    this.title = {
      set text(text: string) {
        queue(() => {
          target().title = text;
        });
      },
      get text(): string {
        throw new Error('not loaded');
      },
    };
  }
  set name(name: string) {
    this.queue(() => {
      this.target().model.name = name;
    });
  }
  get name(): string {
    return this.get_('name') as string;
  }
  setPosition(start: string): void {
    this.queue(() => {
      this.target().model.position = start;
    });
  }
  delete(): void {
    this.queue(() => {
      const { sheet, model } = this.target();
      sheet.charts = sheet.charts.filter((c) => c !== model);
    });
  }
  protected read(t: { model: ChartModel }, props: string[]): Record<string, unknown> {
    return props.includes('name') ? { name: t.model.name } : {};
  }
}

interface NameItem {
  name: string;
  type: string;
  formula: string;
  value: string;
  visible: boolean;
}

class FakeNames extends FakeProxy<FakeExcel> {
  constructor(context: FakeContext) {
    super(context, () => context.excel);
  }
  get items(): NameItem[] {
    return this.get_('items') as NameItem[];
  }
  protected read(t: FakeExcel): Record<string, unknown> {
    const items = [...t.names.entries()].map(([name, n]) => {
      const abs = n.address.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
      return {
        name,
        type: 'Range',
        formula: `=${quote(n.sheet)}!${abs}`,
        value: `${quote(n.sheet)}!${abs}`,
        visible: true,
      };
    });
    return { items };
  }
  add(name: string, range: FakeRange): void {
    this.queue(() => {
      const x = this.context.excel;
      refuseName(name);
      if (x.nameTaken(name)) throw new FakeOfficeError('ItemAlreadyExists', `A name or table called ${name} exists.`);
      const t = range.target();
      x.names.set(name, { sheet: t.sheet.name, address: boxA1(t.box) });
    });
  }
  private item(name: string, orNull: boolean): FakeNamedItem {
    return new FakeNamedItem(this.context, () => {
      if (this.context.excel.names.has(name)) return name;
      if (orNull) return null;
      throw new FakeOfficeError('ItemNotFound', `No name ${name}`);
    });
  }
  getItem(name: string): FakeNamedItem {
    return this.item(name, false);
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return this.item(name, true);
  }
}

class FakeNamedItem extends FakeProxy<string> {
  get name(): string {
    return this.get_('name') as string;
  }
  protected read(t: string, props: string[]): Record<string, unknown> {
    return props.includes('name') ? { name: t } : {};
  }
  delete(): void {
    this.queue(() => {
      this.context.excel.names.delete(this.target());
    });
  }
}

/** Workbook.pivotTables (ExcelApi 1.3): every pivot table of the workbook; `items/name` can be loaded. */
class FakePivotTables extends FakeProxy<FakeExcel> {
  constructor(context: FakeContext) {
    super(context, () => context.excel);
  }
  get items(): FakePivotTable[] {
    return this.get_('items') as FakePivotTable[];
  }
  protected read(t: FakeExcel, props: string[]): Record<string, unknown> {
    const fields = props.filter((p) => p.startsWith('items/')).map((p) => p.slice(6));
    const unknown = fields.find((f) => f !== 'name');
    if (unknown) throw new Error(`The fake does not know PivotTable.${unknown}`);
    const names = [...t.pivots.keys()];
    const items = names.map((name) => {
      const pivot = new FakePivotTable(this.context, () => name);
      if (fields.includes('name')) pivot.fill(name);
      return pivot;
    });
    return { items, payload: names.map((name) => (fields.includes('name') ? { name } : {})) };
  }
  protected override payload(data: Record<string, unknown>): unknown {
    return data.payload;
  }
}

class FakePivotTable extends FakeProxy<string> {
  /** PivotTable.layout (ExcelApi 1.8): here only its getRange. */
  readonly layout: { getRange: () => FakeRange };
  constructor(context: FakeContext, resolver: () => string | null) {
    super(context, resolver);
    this.layout = {
      // PivotLayout.getRange (ExcelApi 1.8): the range the pivot table is on, without its filter area.
      getRange: () =>
        new FakeRange(this.context, () => {
          const x = this.context.excel;
          if (x.apiVersion < 1.8)
            throw new FakeOfficeError('ApiNotFound', 'The requested API is not supported (PivotLayout.getRange).');
          const name = this.target();
          const p = x.pivots.get(name);
          if (!p) throw new FakeOfficeError('ItemNotFound', `No pivot table ${name}`);
          return { sheet: x.mustSheet(p.sheet), box: parseAddress(p.address).box };
        }),
    };
  }
  get name(): string {
    return this.get_('name') as string;
  }
  fill(name: string): void {
    Object.assign(this.loaded, { name, isNullObject: false });
  }
  protected read(t: string, props: string[]): Record<string, unknown> {
    return props.includes('name') ? { name: t } : {};
  }
}
