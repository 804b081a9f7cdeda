/**
 * Writing a copy by patching the original package. exceljs reads the workbook and PlanCheck works
 * on its model; when the copy is written, only what PlanCheck changed is put into the original
 * zip: the touched cells of the sheets it marked or wrote into, the sheets it added, new formats
 * appended to the styles part, new names and sheets in the workbook part, new table parts, and the
 * relationships and content types that point at them. Every other part (pivot tables, charts,
 * drawings, VBA, comments, properties, printer settings, thumbnails, shared strings, ...) is
 * carried over byte for byte; jszip even reuses its compressed bytes.
 *
 * New text goes in as inline strings, so the shared strings part is never rewritten either.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

import { PortError } from '../../engine/port';
import { cellIsFormat, EMPTY_SHEET, maxPriority, patchWorksheet, type CellRender, type SheetEdit } from './sheet';
import { addCharts, type PlacedChart } from './drawings';
import { EMPTY_STYLES, StylesPatch, type BorderXml, type Colour, type StyleDelta } from './styles';
import {
  attr,
  child,
  children,
  esc,
  relativeTarget,
  relsPath,
  resolveTarget,
  rootElement,
  rootPrefix,
  setAttr,
  splice,
} from './xml';

/** What the port knew of the workbook when it was opened, to tell PlanCheck's changes from what was there. */
export interface Baseline {
  sheets: Map<string, { state: string; tables: Set<string>; conditionalFormats: Set<unknown> }>;
  names: ExcelJS.DefinedNamesModel;
  date1904: boolean;
}

/** A cell as it was before PlanCheck first touched it. */
export interface Touched {
  row: number;
  col: number;
  value: ExcelJS.CellValue;
  style: Partial<ExcelJS.Style>;
}

/** The cells and columns PlanCheck touched, per sheet (keys "row,col" and 0-based columns). */
export interface Touches {
  cells: Map<string, Map<string, Touched>>;
  /** 0-based column -> its width before PlanCheck first set it. */
  widths: Map<string, Map<number, number | undefined>>;
}

const NS = {
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  table: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table',
  calcChain: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain',
};
const CT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
};

interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** A relationships part, read and appended to. */
class Rels {
  readonly rels: Rel[];
  private readonly added: string[] = [];
  private readonly removed = new Set<string>();
  constructor(
    readonly path: string,
    private readonly xml: string,
  ) {
    const root = rootElement(xml);
    this.rels = children(xml, root.inner[0], root.inner[1])
      .filter((c) => c.name === 'Relationship')
      .map((c) => ({
        id: attr(c.tag, 'Id') ?? '',
        type: attr(c.tag, 'Type') ?? '',
        target: attr(c.tag, 'Target') ?? '',
        external: attr(c.tag, 'TargetMode') === 'External',
      }));
  }

  static empty(path: string): Rels {
    return new Rels(
      path,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}"></Relationships>`,
    );
  }

  get changed(): boolean {
    return this.added.length > 0 || this.removed.size > 0;
  }

  add(type: string, target: string): string {
    const taken = new Set(this.rels.map((r) => r.id));
    let n = this.rels.length + 1;
    while (taken.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    this.rels.push({ id, type, target, external: false });
    this.added.push(`<Relationship Id="${id}" Type="${esc(type)}" Target="${esc(target)}"/>`);
    return id;
  }

  remove(id: string): void {
    this.removed.add(id);
  }

  toXml(): string {
    const xml = this.xml;
    const root = rootElement(xml);
    const p = rootPrefix(xml, 'Relationships');
    const edits = children(xml, root.inner[0], root.inner[1])
      .filter((c) => this.removed.has(attr(c.tag, 'Id') ?? ''))
      .map((c) => ({ from: c.start, to: c.end, text: '' }));
    let added = this.added.join('');
    if (p) added = added.replace(/<Relationship /g, `<${p}Relationship `);
    if (root.tag.endsWith('/>')) {
      edits.push({ from: root.start, to: root.end, text: `${root.tag.slice(0, -2)}>${added}</${p}Relationships>` });
    } else edits.push({ from: root.inner[1], to: root.inner[1], text: added });
    return splice(xml, edits);
  }
}

/** The package being patched: parts read on demand, edited parts kept as text until written. */
class Package {
  private readonly edited = new Map<string, string>();
  private readonly removedParts = new Set<string>();
  private readonly overrides: string[] = [];
  private readonly removedOverrides = new Set<string>();

  constructor(readonly zip: JSZip) {}

  has(path: string): boolean {
    return this.edited.has(path) || (!this.removedParts.has(path) && this.zip.file(path) !== null);
  }

  async text(path: string): Promise<string | null> {
    if (this.edited.has(path)) return this.edited.get(path)!;
    const file = this.zip.file(path);
    if (!file) return null;
    // TextDecoder is much faster than jszip's own decoding on a large sheet (and drops a byte-order mark).
    return new TextDecoder('utf-8').decode(await file.async('uint8array'));
  }

  put(path: string, text: string): void {
    this.edited.set(path, text);
  }

  remove(path: string): void {
    this.removedParts.add(path);
    this.removedOverrides.add(`/${path}`);
  }

  override(path: string, contentType: string): void {
    this.overrides.push(`<Override PartName="/${esc(path)}" ContentType="${esc(contentType)}"/>`);
  }

  /** A part name not yet in the package: xl/worksheets/sheet7.xml after sheet1..6. */
  freshPath(folder: string, stem: string): string {
    for (let n = 1; ; n++) {
      const path = `${folder}/${stem}${n}.xml`;
      if (!this.has(path)) return path;
    }
  }

  async rels(part: string): Promise<Rels> {
    const path = relsPath(part);
    const xml = await this.text(path);
    return xml === null ? Rels.empty(path) : new Rels(path, xml);
  }

  async bytes(): Promise<Uint8Array> {
    if (this.overrides.length > 0 || this.removedOverrides.size > 0) {
      const xml = (await this.text('[Content_Types].xml'))!;
      const root = rootElement(xml);
      const p = rootPrefix(xml, 'Types');
      const edits = children(xml, root.inner[0], root.inner[1])
        .filter((c) => c.name === 'Override' && this.removedOverrides.has(attr(c.tag, 'PartName') ?? ''))
        .map((c) => ({ from: c.start, to: c.end, text: '' }));
      const added = this.overrides.join('').replace(/<Override /g, `<${p}Override `);
      edits.push({ from: root.inner[1], to: root.inner[1], text: added });
      this.edited.set('[Content_Types].xml', splice(xml, edits));
    }
    for (const path of this.removedParts) this.zip.remove(path);
    for (const [path, text] of this.edited) this.zip.file(path, text);
    return this.zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }
}

function excelSerial(d: Date, date1904: boolean): number {
  return 25569 + d.getTime() / 86400000 - (date1904 ? 1462 : 0);
}

function plainText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v && Array.isArray(v.richText))
    return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in v)
    return plainText((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  return String(v);
}

/**
 * A cell's value with a formula's result kept even when it is 0, "" or false: exceljs's value getter
 * drops a falsy result, which would write the formula with no stored figure.
 */
function fullValue(cell: ExcelJS.Cell): ExcelJS.CellValue {
  const v = cell.value;
  if (v && typeof v === 'object' && 'formula' in v && (v as ExcelJS.CellFormulaValue).result === undefined) {
    const result = (cell as unknown as { model?: { result?: unknown } }).model?.result;
    if (result !== undefined && result !== null) return { ...v, result } as ExcelJS.CellValue;
  }
  return v;
}

/** A stored value as a <v> (with its type), for a plain value or a formula's result. */
function valueParts(v: unknown, date1904: boolean): { t?: string; body: string } {
  if (v === null || v === undefined) return { body: '' };
  if (typeof v === 'number') return Number.isFinite(v) ? { body: `<v>${v}</v>` } : { t: 'e', body: '<v>#NUM!</v>' };
  if (typeof v === 'boolean') return { t: 'b', body: `<v>${v ? 1 : 0}</v>` };
  if (v instanceof Date) return { body: `<v>${excelSerial(v, date1904)}</v>` };
  if (typeof v === 'object' && 'error' in v)
    return { t: 'e', body: `<v>${esc(String((v as ExcelJS.CellErrorValue).error))}</v>` };
  return { t: 'str', body: `<v>${esc(plainText(v as ExcelJS.CellValue))}</v>` };
}

/** A new <c> element holding an exceljs value. Text is an inline string: the shared strings part is left alone. */
function cellXml(p: string, ref: string, s: number, value: ExcelJS.CellValue, date1904: boolean): string {
  const style = s ? ` s="${s}"` : '';
  const pre = (body: string) => body.replace(/<(\/?)(v|f|is|t)\b/g, `<$1${p}$2`);
  if (value === null || value === undefined) return `<${p}c r="${ref}"${style}/>`;
  if (typeof value === 'object' && !(value instanceof Date) && ('formula' in value || 'sharedFormula' in value)) {
    const f = value as ExcelJS.CellFormulaValue;
    if (f.formula) {
      const result = valueParts(f.result, date1904);
      const t = result.t ? ` t="${result.t}"` : '';
      return `<${p}c r="${ref}"${style}${t}>${pre(`<f>${esc(f.formula)}</f>${result.body}`)}</${p}c>`;
    }
  }
  if (typeof value === 'string' || (typeof value === 'object' && !(value instanceof Date) && !('error' in value))) {
    const text = esc(plainText(value));
    return `<${p}c r="${ref}"${style} t="inlineStr">${pre(`<is><t xml:space="preserve">${text}</t></is>`)}</${p}c>`;
  }
  const parts = valueParts(value, date1904);
  const t = parts.t ? ` t="${parts.t}"` : '';
  return `<${p}c r="${ref}"${style}${t}>${pre(parts.body)}</${p}c>`;
}

function sameValue(a: ExcelJS.CellValue, b: ExcelJS.CellValue): boolean {
  const norm = (v: ExcelJS.CellValue) => (v === undefined || v === '' ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** What changed in a cell's format between two exceljs styles, in the terms the styles part is patched in. */
function styleDelta(before: Partial<ExcelJS.Style>, after: Partial<ExcelJS.Style>): StyleDelta {
  const delta: StyleDelta = {};
  if (JSON.stringify(before.fill ?? null) !== JSON.stringify(after.fill ?? null)) {
    const f = after.fill;
    if (!f) delta.fill = null;
    // A gradient is never PlanCheck's: only a mark's undo could bring one back, and then it is the cell's own.
    else if (f.type === 'pattern') delta.fill = { pattern: f.pattern, fg: colour(f.fgColor), bg: colour(f.bgColor) };
  }
  if ((before.numFmt ?? 'General') !== (after.numFmt ?? 'General')) delta.numFmt = after.numFmt ?? 'General';
  if (Boolean(before.font?.bold) !== Boolean(after.font?.bold)) delta.bold = Boolean(after.font?.bold);
  const a = after.font;
  if (a?.name !== undefined && a.name !== before.font?.name) delta.fontName = a.name;
  if (a?.size !== undefined && a.size !== before.font?.size) delta.fontSize = a.size;
  if (a?.color !== undefined && JSON.stringify(a.color) !== JSON.stringify(before.font?.color ?? null))
    delta.fontColor = colour(a.color);
  if (JSON.stringify(before.border ?? null) !== JSON.stringify(after.border ?? null))
    delta.border = borderXml(after.border);
  return delta;
}

/** exceljs's borders in the styles part's terms; null when the cell has none. */
function borderXml(b: Partial<ExcelJS.Borders> | undefined): BorderXml | null {
  if (!b) return null;
  const out: BorderXml = {};
  for (const side of ['left', 'right', 'top', 'bottom'] as const) {
    const e = b[side];
    if (e?.style) out[side] = { style: e.style, ...(e.color ? { color: colour(e.color) } : {}) };
  }
  return Object.keys(out).length > 0 ? out : null;
}

function colour(c: Partial<ExcelJS.Color> | undefined): Colour | undefined {
  if (!c) return undefined;
  const x = c as { argb?: string; theme?: number; tint?: number; indexed?: number };
  const out: Colour = {};
  if (x.argb !== undefined) out.rgb = x.argb;
  if (x.theme !== undefined) out.theme = x.theme;
  if (x.tint !== undefined) out.tint = x.tint;
  if (x.indexed !== undefined) out.indexed = x.indexed;
  return Object.keys(out).length > 0 ? out : undefined;
}

interface SheetEntry {
  name: string;
  tag: string;
  start: number;
  end: number;
  path: string | null;
}

/**
 * The copy: the original package with PlanCheck's changes, as .xlsx (or .xlsm) bytes. Throws a
 * PortError naming what cannot be kept, before anything is written, when a change would lose
 * something the workbook held.
 */
export async function patchPackage(
  original: Uint8Array,
  workbook: ExcelJS.Workbook,
  baseline: Baseline,
  touches: Touches,
  charts: PlacedChart[] = [],
): Promise<Uint8Array> {
  const pkg = new Package(await JSZip.loadAsync(original));
  const rootRels = await pkg.rels('');
  const officeDoc = rootRels.rels.find((r) => /\/officeDocument$/.test(r.type));
  if (!officeDoc)
    throw new PortError('PlanCheck cannot write a copy: the workbook has no workbook part.', 'CannotKeep');
  const wbPath = resolveTarget('', officeDoc.target);
  let wbXml = (await pkg.text(wbPath))!;
  const wbRels = await pkg.rels(wbPath);
  const wbRoot = rootElement(wbXml);
  const sheetsEl = child(wbXml, wbRoot, 'sheets');
  if (!sheetsEl) throw new PortError('PlanCheck cannot write a copy: the workbook part lists no sheets.', 'CannotKeep');
  const rId = (tag: string) => {
    const m = /\s([\w.-]+:)?id\s*=\s*"([^"]*)"/.exec(tag.replace(/\ssheetId\s*=\s*"[^"]*"/, ''));
    return m?.[2] ?? '';
  };
  const entries: SheetEntry[] = children(wbXml, sheetsEl.inner[0], sheetsEl.inner[1])
    .filter((c) => c.name === 'sheet')
    .map((c) => {
      const rel = wbRels.rels.find((r) => r.id === rId(c.tag));
      return {
        name: attr(c.tag, 'name') ?? '',
        tag: c.tag,
        start: c.start,
        end: c.end,
        path: rel && !rel.external ? resolveTarget(wbPath, rel.target) : null,
      };
    });

  const stylesRel = wbRels.rels.find((r) => r.type === NS.styles);
  const stylesPath = stylesRel ? resolveTarget(wbPath, stylesRel.target) : 'xl/styles.xml';
  const stylesXml = stylesRel ? await pkg.text(stylesPath) : null;
  const styles = new StylesPatch(stylesXml ?? EMPTY_STYLES);
  const date1904 = baseline.date1904;
  let formulaRemoved = false;

  // Table ids are unique in the workbook.
  let tableId = 0;
  for (const name of Object.keys(pkg.zip.files)) {
    if (!/\.xml$/i.test(name) || !/table/i.test(name)) continue;
    const xml = await pkg.text(name);
    const m = xml && /^(?:<\?[\s\S]*?\?>\s*)?<(?:[\w.-]+:)?table\b[^>]*\sid="(\d+)"/.exec(xml);
    if (m) tableId = Math.max(tableId, Number(m[1]));
  }

  const wbEdits: { from: number; to: number; text: string }[] = [];
  const newSheetTags: string[] = [];
  let nextSheetId = Math.max(0, ...entries.map((e) => Number(attr(e.tag, 'sheetId') ?? 0))) + 1;
  const relPrefix = (() => {
    for (const m of wbRoot.tag.matchAll(/\sxmlns:([\w.-]+)\s*=\s*"([^"]*)"/g)) if (m[2] === NS.rel) return m[1];
    return null;
  })();
  const p = rootPrefix(wbXml, 'workbook');

  for (const ws of workbook.worksheets) {
    const before = baseline.sheets.get(ws.name);
    const entry = entries.find((e) => e.name === ws.name);
    const added = !before;
    const cellTouches = added ? null : touches.cells.get(ws.name);
    const widthTouches = added ? null : touches.widths.get(ws.name);
    const newTables = (ws.getTables() as unknown as ExcelJS.Table[]).filter(
      (t) => added || !before!.tables.has((t as unknown as { table: { name: string } }).table.name),
    );
    const newFormats = conditionalFormatsOf(ws).filter((cf) => added || !before!.conditionalFormats.has(cf));
    const sheetCharts = charts.filter((c) => c.sheet === ws.name);

    if (!added) {
      const state = ws.state ?? 'visible';
      if (entry && state !== before.state) {
        wbEdits.push({
          from: entry.start,
          to: entry.end,
          text: setAttr(entry.tag, 'state', state === 'visible' ? undefined : state),
        });
      }
      const changes = cellTouches?.size || widthTouches?.size || newTables.length || newFormats.length;
      if (!changes && sheetCharts.length === 0) continue;
      if (!entry?.path || !pkg.has(entry.path)) {
        throw new PortError(
          `PlanCheck cannot write a copy: it cannot find the part holding the sheet "${ws.name}".`,
          'CannotKeep',
        );
      }
    }

    const path = added
      ? pkg.freshPath(`${wbPath.slice(0, wbPath.lastIndexOf('/') + 1)}worksheets`, 'sheet')
      : entry!.path!;
    const edit: SheetEdit = { cells: new Map(), widths: new Map(), conditionalFormats: () => [], tableRids: [] };
    const setRender = (row: number, col: number, render: CellRender) => {
      let r = edit.cells.get(row);
      if (!r) edit.cells.set(row, (r = new Map()));
      r.set(col, render);
    };

    if (added) {
      ws.eachRow({ includeEmpty: false }, (row, rowNumber) =>
        row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
          const s = styles.xf(0, styleDelta({}, cell.style ?? {}));
          const value = fullValue(cell);
          setRender(rowNumber - 1, colNumber - 1, (_o, _b, ref, cp) => cellXml(cp, ref, s, value, date1904));
        }),
      );
      (ws.columns ?? []).forEach((c, i) => {
        if (c.width !== undefined) edit.widths.set(i, c.width);
      });
    } else {
      for (const t of cellTouches?.values() ?? []) {
        setRender(t.row, t.col, (orig, base, ref, cp) => {
          const cell = ws.findCell(t.row + 1, t.col + 1);
          const value = cell ? fullValue(cell) : null;
          const s = styles.xf(base, styleDelta(t.style ?? {}, cell?.style ?? {}));
          if (sameValue(value, t.value)) {
            if (!orig) return s === base && s === 0 ? null : `<${cp}c r="${ref}"${s ? ` s="${s}"` : ''}/>`;
            if (s === base) return orig.xml;
            const tag = setAttr(orig.tag, 's', s === 0 ? undefined : String(s));
            return tag + orig.xml.slice(orig.tag.length);
          }
          if (orig && /<(?:[\w.-]+:)?f\b/.test(orig.inner)) formulaRemoved = true;
          return cellXml(cp, ref, s, value, date1904);
        });
      }
      for (const [col, was] of widthTouches ?? []) {
        const now = ws.getColumn(col + 1).width;
        if (now !== was && now !== undefined) edit.widths.set(col, now);
      }
    }

    if (newFormats.length > 0) {
      const xml = added ? '' : ((await pkg.text(path)) ?? '');
      let priority = maxPriority(xml);
      const built = newFormats.map((cf) => ({
        ref: cf.ref,
        rules: cf.rules.map((rule) => {
          const r = rule as ExcelJS.CellIsRuleType;
          if (r.type !== 'cellIs') throw new Error(`PlanCheck cannot write a ${r.type} conditional format`);
          const fill = r.style?.fill as ExcelJS.FillPattern | undefined;
          const argb = fill?.bgColor?.argb ?? fill?.fgColor?.argb ?? 'FFFFFFFF';
          return {
            operator: r.operator ?? 'equal',
            formulae: (r.formulae ?? []).map(String),
            dxfId: styles.dxfFill(argb),
            priority: ++priority,
          };
        }),
      }));
      edit.conditionalFormats = (pp) => built.map((b) => cellIsFormat(pp, b.ref, b.rules));
    }

    let sheetRels: Rels | null = null;
    if (newTables.length > 0) {
      sheetRels = await pkg.rels(path);
      for (const t of newTables) {
        const model = (t as unknown as { table: TableModel }).table;
        const tablePath = pkg.freshPath('xl/tables', 'table');
        const xml = tableXml(++tableId, model);
        pkg.put(tablePath, xml);
        pkg.override(tablePath, CT.table);
        edit.tableRids.push(sheetRels.add(NS.table, relativeTarget(path, tablePath)));
      }
    }

    const sheetXml = added ? EMPTY_SHEET : (await pkg.text(path))!;
    if (sheetCharts.length > 0) {
      sheetRels ??= await pkg.rels(path);
      edit.drawingRid = (await addCharts(pkg, path, sheetXml, sheetRels, ws, sheetCharts, date1904)) ?? undefined;
    }
    pkg.put(path, patchWorksheet(sheetXml, ws.name, edit));
    if (sheetRels?.changed) pkg.put(sheetRels.path, sheetRels.toXml());

    if (added) {
      pkg.override(path, CT.worksheet);
      const id = wbRels.add(NS.worksheet, relativeTarget(wbPath, path));
      const state = ws.state && ws.state !== 'visible' ? ` state="${ws.state}"` : '';
      const ridAttr = relPrefix ? `${relPrefix}:id="${id}"` : `xmlns:r="${NS.rel}" r:id="${id}"`;
      newSheetTags.push(`<${p}sheet name="${esc(ws.name)}" sheetId="${nextSheetId++}"${state} ${ridAttr}/>`);
    }
  }

  if (newSheetTags.length > 0) {
    if (sheetsEl.tag.endsWith('/>')) {
      wbEdits.push({
        from: sheetsEl.start,
        to: sheetsEl.end,
        text: `${sheetsEl.tag.slice(0, -2)}>${newSheetTags.join('')}</${p}sheets>`,
      });
    } else wbEdits.push({ from: sheetsEl.inner[1], to: sheetsEl.inner[1], text: newSheetTags.join('') });
  }
  wbEdits.push(...nameEdits(wbXml, wbRoot, p, baseline.names, workbookNames(workbook)));
  if (wbEdits.length > 0) {
    wbXml = splice(wbXml, wbEdits);
    pkg.put(wbPath, wbXml);
  }

  if (styles.changed) {
    pkg.put(stylesPath, styles.toXml());
    if (!stylesRel) {
      wbRels.add(NS.styles, relativeTarget(wbPath, stylesPath));
      pkg.override(stylesPath, CT.styles);
    }
  }

  // A calculation chain naming a cell whose formula PlanCheck replaced is dropped; Excel rebuilds it.
  if (formulaRemoved) {
    for (const r of wbRels.rels.filter((x) => x.type === NS.calcChain)) {
      pkg.remove(resolveTarget(wbPath, r.target));
      wbRels.remove(r.id);
    }
  }
  if (wbRels.changed) pkg.put(wbRels.path, wbRels.toXml());
  return pkg.bytes();
}

interface TableModel {
  name: string;
  displayName?: string;
  tableRef: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns: { name: string; filterButton?: boolean }[];
  style?: {
    theme?: string;
    showRowStripes?: boolean;
    showColumnStripes?: boolean;
    showFirstColumn?: boolean;
    showLastColumn?: boolean;
  };
}

function tableXml(id: number, t: TableModel): string {
  const style = t.style ?? {};
  const flag = (b: boolean | undefined) => (b ? '1' : '0');
  const cols = t.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${esc(c.name)}"/>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${esc(t.name)}" displayName="${esc(t.displayName ?? t.name)}" ref="${t.tableRef}"` +
    `${t.headerRow === false ? ' headerRowCount="0"' : ''} totalsRowShown="0">` +
    (t.headerRow === false ? '' : `<autoFilter ref="${t.tableRef}"/>`) +
    `<tableColumns count="${t.columns.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="${esc(style.theme ?? 'TableStyleMedium2')}" showFirstColumn="${flag(style.showFirstColumn)}" showLastColumn="${flag(style.showLastColumn)}" showRowStripes="${flag(style.showRowStripes)}" showColumnStripes="${flag(style.showColumnStripes)}"/>` +
    '</table>'
  );
}

/** A sheet's conditional formats (exceljs keeps them on a field its typings leave out). */
export function conditionalFormatsOf(ws: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return (
    (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings ?? []
  );
}

function workbookNames(workbook: ExcelJS.Workbook): ExcelJS.DefinedNamesModel {
  return (workbook.definedNames as unknown as { model: ExcelJS.DefinedNamesModel }).model ?? [];
}

type NameModel = ExcelJS.DefinedNamesModel[number] & { localSheetId?: number };

/** Edits to the workbook part's definedNames for the global names PlanCheck added, changed or removed. */
function nameEdits(
  xml: string,
  root: ReturnType<typeof rootElement>,
  p: string,
  before: ExcelJS.DefinedNamesModel,
  after: ExcelJS.DefinedNamesModel,
): { from: number; to: number; text: string }[] {
  const key = (n: NameModel) => `${n.localSheetId ?? ''}|${n.name}`;
  const was = new Map((before as NameModel[]).map((n) => [key(n), n]));
  const now = new Map((after as NameModel[]).map((n) => [key(n), n]));
  const changed = new Set<string>();
  for (const [k, n] of now) if (JSON.stringify(was.get(k)) !== JSON.stringify(n)) changed.add(k);
  for (const k of was.keys()) if (!now.has(k)) changed.add(k);
  if (changed.size === 0) return [];
  const added = [...changed]
    .filter((k) => now.has(k))
    .map((k) => {
      const n = now.get(k)!;
      const local = n.localSheetId === undefined ? '' : ` localSheetId="${n.localSheetId}"`;
      return `<${p}definedName name="${esc(n.name)}"${local}>${esc(n.ranges.join(','))}</${p}definedName>`;
    })
    .join('');
  const el = child(xml, root, 'definedNames');
  if (!el) {
    const after = ['sheets', 'functionGroups', 'externalReferences']
      .map((n) => child(xml, root, n))
      .filter((e) => e !== undefined)
      .reduce((a, e) => Math.max(a, e!.end), 0);
    return added ? [{ from: after, to: after, text: `<${p}definedNames>${added}</${p}definedNames>` }] : [];
  }
  const edits = children(xml, el.inner[0], el.inner[1])
    .filter((c) => {
      const local = attr(c.tag, 'localSheetId');
      return changed.has(`${local ?? ''}|${attr(c.tag, 'name')}`);
    })
    .map((c) => ({ from: c.start, to: c.end, text: '' }));
  edits.push({ from: el.inner[1], to: el.inner[1], text: added });
  return edits;
}
