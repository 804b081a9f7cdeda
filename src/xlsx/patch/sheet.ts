/**
 * A worksheet part, edited in place: only the rows holding cells PlanCheck touched are rewritten
 * (and within them only those cells); column widths, conditional formats and table parts are
 * added where the schema puts them. Everything else in the part is carried over as it was.
 */
import { PortError } from '../../engine/port';
import { attr, cellRef, children, esc, parseRef, setAttr, splice, type Element } from './xml';

/** A cell as the original part holds it. */
export interface OriginalCell {
  /** The whole <c> element. */
  xml: string;
  /** Its start tag. */
  tag: string;
  /** Its content (between start and end tags). */
  inner: string;
}

/**
 * Gives a touched cell's new <c> element (null: no element), from its original (null when the part
 * had none), its format index, its address and the namespace prefix the part's elements use.
 */
export type CellRender = (original: OriginalCell | null, style: number, ref: string, prefix: string) => string | null;

export interface SheetEdit {
  /** row -> col -> render, 0-based. */
  cells: Map<number, Map<number, CellRender>>;
  /** 0-based column -> width in characters. */
  widths: Map<number, number>;
  /** Conditional formatting elements to add, given the part's prefix. */
  conditionalFormats: (p: string) => string[];
  /** Relationship ids of table parts to add to the sheet. */
  tableRids: string[];
  /** Relationship id of a new drawing part (the sheet had none): its <drawing> element is added. */
  drawingRid?: string;
}

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** CT_Worksheet's children in schema order. */
const ORDER = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** A new, empty worksheet part for a sheet PlanCheck adds. */
export const EMPTY_SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL_NS}">` +
  '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData/>' +
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';

const ROW_TAG = /<([\w.-]+:)?row(?=[\s>/])((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
const CELL_TAG = /<([\w.-]+:)?c(?=[\s>/])((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

interface RowSpan {
  start: number;
  end: number;
  tag: string;
  /** Content offsets. */
  inner: [number, number];
  r: number;
}

/** The rows of sheetData (0-based numbers, implicit ones counted as Excel does). */
function rowsOf(xml: string, from: number, to: number): RowSpan[] {
  const rows: RowSpan[] = [];
  const re = new RegExp(ROW_TAG.source, 'g');
  re.lastIndex = from;
  let last = -1;
  for (let m = re.exec(xml); m && m.index < to; m = re.exec(xml)) {
    const tag = m[0];
    const r = attr(tag, 'r');
    const n = r === undefined ? last + 1 : Number(r) - 1;
    last = n;
    if (m[3] === '/') {
      rows.push({ start: m.index, end: re.lastIndex, tag, inner: [re.lastIndex, re.lastIndex], r: n });
      continue;
    }
    const close = xml.indexOf(`</${m[1] ?? ''}row>`, re.lastIndex);
    if (close < 0) throw new Error('a worksheet row is not closed');
    const end = close + `</${m[1] ?? ''}row>`.length;
    rows.push({ start: m.index, end, tag, inner: [re.lastIndex, close], r: n });
    re.lastIndex = end;
  }
  return rows;
}

interface CellSpan {
  xml: string;
  tag: string;
  inner: string;
  col: number;
}

function cellsOf(rowInner: string): CellSpan[] {
  const cells: CellSpan[] = [];
  const re = new RegExp(CELL_TAG.source, 'g');
  let last = -1;
  for (let m = re.exec(rowInner); m; m = re.exec(rowInner)) {
    const tag = m[0];
    const ref = attr(tag, 'r');
    const col = ref === undefined ? last + 1 : (parseRef(ref)?.col ?? last + 1);
    last = col;
    if (m[3] === '/') {
      cells.push({ xml: tag, tag, inner: '', col });
      continue;
    }
    const closeTag = `</${m[1] ?? ''}c>`;
    const close = rowInner.indexOf(closeTag, re.lastIndex);
    if (close < 0) throw new Error('a worksheet cell is not closed');
    cells.push({
      xml: rowInner.slice(m.index, close + closeTag.length),
      tag,
      inner: rowInner.slice(re.lastIndex, close),
      col,
    });
    re.lastIndex = close + closeTag.length;
  }
  return cells;
}

/** Column styles from <cols>: 0-based column -> xf index. */
function columnStyles(xml: string, cols: Element | undefined): (col: number) => number | undefined {
  if (!cols) return () => undefined;
  const ranges = children(xml, cols.inner[0], cols.inner[1]).map((c) => ({
    min: Number(attr(c.tag, 'min')) - 1,
    max: Number(attr(c.tag, 'max')) - 1,
    s: attr(c.tag, 'style'),
  }));
  return (col) => {
    const r = ranges.find((x) => x.min <= col && col <= x.max && x.s !== undefined);
    return r ? Number(r.s) : undefined;
  };
}

/** Refuses to overwrite a cell whose formula other cells share (its dependents would lose theirs). */
function checkShared(original: OriginalCell, sheet: string, ref: string, rendered: string): void {
  if (rendered === original.xml || rendered.includes(original.inner)) return;
  const f = /<(?:[\w.-]+:)?f\b[^>]*>/.exec(original.inner)?.[0];
  if (!f) return;
  const t = attr(f, 't');
  const range = attr(f, 'ref');
  if ((t === 'shared' || t === 'array') && range && range.includes(':')) {
    throw new PortError(
      `PlanCheck cannot write a copy: it would overwrite ${sheet}!${ref}, whose formula ${t === 'shared' ? 'other cells share' : 'fills an array of cells'} (${range}), and the copy would lose it.`,
      'CannotKeep',
    );
  }
}

/** The worksheet part with the edit applied. */
export function patchWorksheet(xml: string, sheet: string, edit: SheetEdit): string {
  const rootStart = /<([\w.-]+:)?worksheet(?=[\s>])(?:[^>"']|"[^"]*"|'[^']*')*>/.exec(xml);
  if (!rootStart) throw new Error(`the part for sheet ${sheet} is not a worksheet`);
  const p = rootStart[1] ?? '';
  const rootClose = xml.lastIndexOf(`</${p}worksheet>`);
  const sd = new RegExp(`<${p}sheetData(?=[\\s>/])(?:[^>"']|"[^"]*"|'[^']*')*?(/?)>`).exec(xml);
  if (!sd) throw new Error(`the worksheet for ${sheet} has no sheetData`);
  const sdOpenEnd = sd.index + sd[0].length;
  const sdEmpty = sd[1] === '/';
  const sdClose = sdEmpty ? sdOpenEnd : xml.indexOf(`</${p}sheetData>`, sdOpenEnd);
  const sdEnd = sdEmpty ? sdOpenEnd : sdClose + `</${p}sheetData>`.length;
  const head = children(xml, rootStart.index + rootStart[0].length, sd.index);
  const tail = children(xml, sdEnd, rootClose);
  const edits: { from: number; to: number; text: string }[] = [];

  // Cells, row by row.
  let minRow = Infinity;
  let maxRow = -1;
  let minCol = Infinity;
  let maxCol = -1;
  if (edit.cells.size > 0) {
    const colStyle = columnStyles(
      xml,
      head.find((c) => c.name === 'cols'),
    );
    const rows = rowsOf(xml, sdOpenEnd, sdClose);
    const implicitRows = rows.some((r) => attr(r.tag, 'r') === undefined);
    const byNumber = new Map(rows.map((r) => [r.r, r]));
    const inserted = new Map<number, string[]>();
    const wanted = [...edit.cells.keys()].sort((a, b) => a - b);
    for (const rowNumber of wanted) {
      const renders = edit.cells.get(rowNumber)!;
      const row = byNumber.get(rowNumber);
      const rowStyle = row && attr(row.tag, 'customFormat') === '1' ? attr(row.tag, 's') : undefined;
      const cells = row ? cellsOf(xml.slice(row.inner[0], row.inner[1])) : [];
      const implicitCells = cells.some((c) => attr(c.tag, 'r') === undefined);
      const byCol = new Map(cells.map((c) => [c.col, c]));
      const out = new Map<number, string>();
      for (const c of cells) {
        out.set(c.col, implicitCells ? c.xml.replace(c.tag, setAttr(c.tag, 'r', cellRef(rowNumber, c.col))) : c.xml);
      }
      for (const [col, render] of renders) {
        const ref = cellRef(rowNumber, col);
        const orig = byCol.get(col) ?? null;
        // A cell without s has the default format; a cell the part lacks shows its row's or column's.
        const base = Number(orig ? (attr(orig.tag, 's') ?? 0) : (rowStyle ?? colStyle(col) ?? 0));
        const text = render(orig, base, ref, p);
        if (orig && text !== null) checkShared(orig, sheet, ref, text);
        if (text === null) out.delete(col);
        else out.set(col, text);
        minCol = Math.min(minCol, col);
        maxCol = Math.max(maxCol, col);
      }
      minRow = Math.min(minRow, rowNumber);
      maxRow = Math.max(maxRow, rowNumber);
      const ordered = [...out.entries()].sort((a, b) => a[0] - b[0]);
      const body = ordered.map(([, x]) => x).join('');
      if (row) {
        let tag = row.tag.endsWith('/>') ? `${row.tag.slice(0, -2).replace(/\s+$/, '')}>` : row.tag;
        if (attr(tag, 'r') === undefined) tag = setAttr(tag, 'r', String(rowNumber + 1));
        if (attr(tag, 'spans') !== undefined && ordered.length > 0) {
          const [lo, hi] = (attr(tag, 'spans') ?? '').split(':').map(Number);
          const first = ordered[0][0] + 1;
          const last = ordered[ordered.length - 1][0] + 1;
          tag = setAttr(tag, 'spans', `${Math.min(lo || first, first)}:${Math.max(hi || last, last)}`);
        }
        edits.push({ from: row.start, to: row.end, text: `${tag}${body}</${p}row>` });
      } else if (ordered.length > 0) {
        const list = inserted.get(rowNumber) ?? [];
        list.push(`<${p}row r="${rowNumber + 1}">${body}</${p}row>`);
        inserted.set(rowNumber, list);
      }
    }
    if (implicitRows) {
      for (const r of rows) {
        if (attr(r.tag, 'r') === undefined && !edit.cells.has(r.r))
          edits.push({ from: r.start, to: r.start + r.tag.length, text: setAttr(r.tag, 'r', String(r.r + 1)) });
      }
    }
    // New rows go before the first existing row below them.
    for (const [rowNumber, texts] of inserted) {
      const next = rows.find((r) => r.r > rowNumber);
      const at = next ? next.start : sdClose;
      edits.push({ from: at, to: at, text: texts.join('') });
    }
    if (sdEmpty && inserted.size > 0) {
      // <sheetData/> becomes <sheetData>…</sheetData>: rewrite it whole.
      const body = [...inserted.entries()]
        .sort((a, b) => a[0] - b[0])
        .flatMap(([, t]) => t)
        .join('');
      const open = `${sd[0].slice(0, -2).replace(/\s+$/, '')}>`;
      edits.splice(0, edits.length, ...edits.filter((e) => e.from !== sdOpenEnd));
      edits.push({ from: sd.index, to: sdEnd, text: `${open}${body}</${p}sheetData>` });
    }
  }

  // The used range.
  const dimension = head.find((c) => c.name === 'dimension');
  if (dimension && maxRow >= 0) {
    const [a, b] = (attr(dimension.tag, 'ref') ?? 'A1').split(':');
    const from = parseRef(a);
    const to = parseRef(b ?? a);
    if (from && to) {
      const top = Math.min(from.row, minRow);
      const left = Math.min(from.col, minCol);
      const bottom = Math.max(to.row, maxRow);
      const right = Math.max(to.col, maxCol);
      const ref =
        top === bottom && left === right ? cellRef(top, left) : `${cellRef(top, left)}:${cellRef(bottom, right)}`;
      edits.push({ from: dimension.start, to: dimension.end, text: setAttr(dimension.tag, 'ref', ref) });
    }
  }

  // Column widths.
  if (edit.widths.size > 0) edits.push(...widthEdits(xml, p, head, sd.index, edit.widths));

  // Conditional formats, after the sheet's own.
  const cfs = edit.conditionalFormats(p);
  if (cfs.length > 0) {
    const next = tail.find((c) => ORDER.indexOf(c.name) > ORDER.indexOf('conditionalFormatting'));
    const at = next ? next.start : rootClose;
    edits.push({ from: at, to: at, text: cfs.join('') });
  }

  // The prefix of the relationships namespace, declared on the root when the part has none yet.
  let r = '';
  const relPrefix = () => {
    if (r) return r;
    const rootTag = rootStart[0];
    for (const m of rootTag.matchAll(/\sxmlns:([\w.-]+)\s*=\s*"([^"]*)"/g)) if (m[2] === REL_NS) r = m[1];
    if (!r) {
      r = 'r';
      for (let i = 1; new RegExp(`\\sxmlns:${r}\\s*=`).test(rootTag); i++) r = `r${i}`;
      edits.push({
        from: rootStart.index,
        to: rootStart.index + rootTag.length,
        text: setAttr(rootTag, `xmlns:${r}`, REL_NS),
      });
    }
    return r;
  };

  // A new drawing (the charts PlanCheck inserted), where the schema puts it.
  if (edit.drawingRid) {
    const next = tail.find((c) => ORDER.indexOf(c.name) > ORDER.indexOf('drawing'));
    const at = next ? next.start : rootClose;
    edits.push({ from: at, to: at, text: `<${p}drawing ${relPrefix()}:id="${esc(edit.drawingRid)}"/>` });
  }

  // Table parts.
  if (edit.tableRids.length > 0) {
    relPrefix();
    const parts = edit.tableRids.map((id) => `<${p}tablePart ${r}:id="${esc(id)}"/>`).join('');
    const existing = tail.find((c) => c.name === 'tableParts');
    if (existing) {
      const count = children(xml, existing.inner[0], existing.inner[1]).length + edit.tableRids.length;
      const open = setAttr(
        existing.tag.endsWith('/>') ? `${existing.tag.slice(0, -2)}>` : existing.tag,
        'count',
        String(count),
      );
      const inner = xml.slice(existing.inner[0], existing.inner[1]);
      edits.push({ from: existing.start, to: existing.end, text: `${open}${inner}${parts}</${p}tableParts>` });
    } else {
      const next = tail.find((c) => ORDER.indexOf(c.name) > ORDER.indexOf('tableParts'));
      const at = next ? next.start : rootClose;
      edits.push({
        from: at,
        to: at,
        text: `<${p}tableParts count="${edit.tableRids.length}">${parts}</${p}tableParts>`,
      });
    }
  }
  return splice(xml, edits);
}

/** Edits to <cols> giving each column its width, splitting the sheet's own column ranges where needed. */
function widthEdits(
  xml: string,
  p: string,
  head: (Element & { name: string })[],
  sheetDataStart: number,
  widths: Map<number, number>,
): { from: number; to: number; text: string }[] {
  const cols = head.find((c) => c.name === 'cols');
  type Range = { min: number; max: number; tag: string };
  let ranges: Range[] = cols
    ? children(xml, cols.inner[0], cols.inner[1]).map((c) => ({
        min: Number(attr(c.tag, 'min')),
        max: Number(attr(c.tag, 'max')),
        tag: xml.slice(c.start, c.end),
      }))
    : [];
  for (const [col0, width] of widths) {
    const col = col0 + 1;
    const withWidth = (tag: string) =>
      setAttr(
        setAttr(setAttr(setAttr(tag, 'min', String(col)), 'max', String(col)), 'width', String(width)),
        'customWidth',
        '1',
      );
    const hit = ranges.find((r) => r.min <= col && col <= r.max);
    if (!hit) {
      ranges.push({ min: col, max: col, tag: withWidth(`<${p}col min="${col}" max="${col}"/>`) });
      continue;
    }
    const split: Range[] = [];
    if (hit.min < col) split.push({ min: hit.min, max: col - 1, tag: setAttr(hit.tag, 'max', String(col - 1)) });
    split.push({ min: col, max: col, tag: withWidth(hit.tag) });
    if (col < hit.max) split.push({ min: col + 1, max: hit.max, tag: setAttr(hit.tag, 'min', String(col + 1)) });
    ranges = ranges.filter((r) => r !== hit).concat(split);
  }
  ranges.sort((a, b) => a.min - b.min);
  const body = ranges.map((r) => r.tag).join('');
  if (cols) {
    const open = cols.tag.endsWith('/>') ? `${cols.tag.slice(0, -2)}>` : cols.tag;
    return [{ from: cols.start, to: cols.end, text: `${open}${body}</${p}cols>` }];
  }
  return [{ from: sheetDataStart, to: sheetDataStart, text: `<${p}cols>${body}</${p}cols>` }];
}

/** A conditional format of cell-value rules over a range. */
export function cellIsFormat(
  p: string,
  sqref: string,
  rules: { operator: string; formulae: string[]; dxfId: number; priority: number }[],
): string {
  const body = rules
    .map(
      (r) =>
        `<${p}cfRule type="cellIs" dxfId="${r.dxfId}" priority="${r.priority}" operator="${esc(r.operator)}">` +
        r.formulae.map((f) => `<${p}formula>${esc(f)}</${p}formula>`).join('') +
        `</${p}cfRule>`,
    )
    .join('');
  return `<${p}conditionalFormatting sqref="${esc(sqref)}">${body}</${p}conditionalFormatting>`;
}

/** The highest conditional-format priority a worksheet part uses (new rules go after it). */
export function maxPriority(xml: string): number {
  let max = 0;
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?cfRule\b[^>]*\spriority="(\d+)"/g)) max = Math.max(max, Number(m[1]));
  return max;
}
