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
 *
 * This module walks the workbook's sheets and puts the changes together; the zip and its
 * relationships are parts.ts, a touched cell's XML and format change cellXml.ts, defined names
 * names.ts, worksheet edits sheet.ts, formats styles.ts and charts drawings.ts.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

import { PortError } from '../../engine/port';
import { cellIsFormat, EMPTY_SHEET, maxPriority, patchWorksheet, type CellRender, type SheetEdit } from './sheet';
import { addCharts, type PlacedChart } from './drawings';
import { cellXml, fullValue, sameValue, styleDelta } from './cellXml';
import { nameEdits, workbookNames } from './names';
import { CT, NS, Package, type Rels } from './parts';
import { EMPTY_STYLES, StylesPatch } from './styles';
import {
  attr,
  child,
  children,
  esc,
  relativeTarget,
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
