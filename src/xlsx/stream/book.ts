/**
 * The streaming reader's workbook: which parts exceljs's loader would read, and how it would name,
 * order and show the sheets, reproduced without its document model. The small parts (workbook,
 * relationships, styles, tables) and the shared strings are parsed by exceljs's own xforms, fed by
 * this reader's scanner; each worksheet is streamed (./sheet.ts). Node only.
 */
import { SETTINGS_SHEET } from '../../engine/port';
import type { SheetSnapshot } from '../../engine/grid';
import {
  colCache,
  RelationshipsXform,
  SharedStringsXformClass,
  StylesXformClass,
  TableXform,
  WorkbookXform,
  type DefinedNameModel,
  type Relationship,
  type SharedStringsXform,
  type StylesXform,
  type Xform,
} from './exceljsParts';
import { FallbackNeeded, readSheet, type BookContext } from './sheet';
import { scanText, XmlScanner } from './xml';
import { Zip, type ZipEntry } from './zip';

export interface StreamedSheet {
  name: string;
  /** exceljs's sheet state: "visible", "hidden" or "veryHidden". */
  state: string;
  snapshot: SheetSnapshot;
  /** The settings sheet's column A (1-based row to string). */
  columnA?: Map<number, string>;
}

export interface StreamedBook {
  sheets: StreamedSheet[];
  /** Defined names as exceljs's workbook.definedNames.model gives them. */
  names: DefinedNameModel[];
}

function parsed<M>(zip: Zip, entry: ZipEntry, xform: Xform<M>): M {
  scanText(zip.text(entry), xform);
  return xform.model;
}

async function streamed(zip: Zip, entry: ZipEntry, xform: Xform): Promise<void> {
  const scanner = new XmlScanner(xform);
  for await (const chunk of zip.chunks(entry)) {
    scanner.feed(chunk);
    if (scanner.finished) break;
  }
  scanner.end();
}

interface WorksheetFile {
  path: string;
  sheetNo: string;
  entry: ZipEntry;
  name?: string;
  id?: number;
  state?: string;
}

/** exceljs's Worksheet name setter: undefined becomes "sheetN", over 31 characters is cut, a bad name throws. */
function worksheetName(name: string | undefined, id: number | undefined, taken: string[]): string {
  const n = name === undefined ? `sheet${id}` : name;
  if (typeof n !== 'string' || n === '' || n === 'History' || /[*?:/\\[\]]/.test(n) || /(^')|('$)/.test(n)) {
    throw new FallbackNeeded(`a sheet name exceljs refuses: ${String(n)}`);
  }
  const cut = n.length > 31 ? n.substring(0, 31) : n;
  if (taken.some((t) => t.toLowerCase() === cut.toLowerCase())) throw new FallbackNeeded('two sheets of one name');
  return cut;
}

/** Reads the workbook's sheets and names from its bytes; throws when exceljs would read it otherwise. */
export async function readBook(bytes: Buffer): Promise<StreamedBook> {
  const zip = new Zip(bytes);
  // exceljs's loader: every entry, a leading "/" dropped, matched by these names and patterns.
  const parts = new Map<string, ZipEntry>();
  for (const entry of zip.entries.values()) {
    if (entry.directory) continue;
    parts.set(entry.name[0] === '/' ? entry.name.slice(1) : entry.name, entry);
  }
  const workbookEntry = parts.get('xl/workbook.xml');
  if (!workbookEntry) throw new FallbackNeeded('no workbook part');
  const workbook = parsed(zip, workbookEntry, new WorkbookXform());
  const relsEntry = parts.get('xl/_rels/workbook.xml.rels');
  const workbookRels = relsEntry ? parsed(zip, relsEntry, new RelationshipsXform()) : [];
  const stylesEntry = parts.get('xl/styles.xml');
  let styles: StylesXform | undefined;
  if (stylesEntry) scanText(zip.text(stylesEntry), (styles = new StylesXformClass()));
  const stringsEntry = parts.get('xl/sharedStrings.xml');
  let sharedStrings: SharedStringsXform | undefined;
  if (stringsEntry) await streamed(zip, stringsEntry, (sharedStrings = new SharedStringsXformClass()));

  const worksheets: WorksheetFile[] = [];
  const byPath = new Map<string, WorksheetFile>();
  const sheetRels = new Map<string, ZipEntry>();
  const tableParts = new Map<string, ZipEntry>();
  for (const [path, entry] of parts) {
    let m = /xl\/worksheets\/sheet(\d+)[.]xml/.exec(path);
    if (m) {
      const file = { path, sheetNo: m[1], entry };
      worksheets.push(file);
      byPath.set(path, file);
      continue;
    }
    m = /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/.exec(path);
    if (m) {
      sheetRels.set(m[1], entry);
      continue;
    }
    m = /xl\/tables\/(table\d+)[.]xml/.exec(path);
    if (m) tableParts.set(`../tables/${m[1]}.xml`, entry);
  }

  // The workbook's sheets matched to their parts by relationship (exceljs's WorkbookXform.reconcile).
  const rels = new Map(workbookRels.map((r) => [r.Id, r]));
  const reconciled: WorksheetFile[] = [];
  for (const sheet of workbook.sheets ?? []) {
    const rel = rels.get(sheet.rId);
    if (!rel) continue;
    const file = byPath.get(`xl/${rel.Target.replace(/^(\s|\/xl\/)+/, '')}`);
    if (file) {
      file.name = sheet.name;
      file.id = sheet.id;
      file.state = sheet.state;
      reconciled.push(file);
    }
  }
  const names: DefinedNameModel[] = [];
  for (const dn of workbook.definedNames ?? []) {
    if (dn.name === '_xlnm.Print_Area') {
      if (dn.localSheetId !== undefined && reconciled[dn.localSheetId]) colCache.decodeEx(dn.ranges[0]);
    } else if (dn.name !== '_xlnm.Print_Titles') names.push(dn);
  }

  // exceljs's Workbook.model: sheets by id (none at 0), in workbook order.
  const byId: ({ file: WorksheetFile; name: string; state: string; orderNo: number } | undefined)[] = [];
  for (const file of worksheets) {
    const taken = byId.filter(Boolean).map((w) => w!.name);
    const name = worksheetName(file.name, file.id, taken);
    const orderNo = workbook.sheets ? workbook.sheets.findIndex((s) => s.id === file.id) : -1;
    if (file.id === undefined || !Number.isInteger(file.id) || file.id < 0) continue;
    byId[file.id] = { file, name, state: file.state || 'visible', orderNo };
  }
  const ordered = byId
    .slice(1)
    .sort((a, b) => a!.orderNo - b!.orderNo)
    .filter(Boolean) as NonNullable<(typeof byId)[number]>[];
  if (ordered.length === 0) throw new FallbackNeeded('no sheets');

  const tables = new Map<string, ReturnType<BookContext['table']>>();
  const book: BookContext = {
    styles,
    sharedStrings,
    date1904: Boolean(workbook.properties?.date1904),
    table(target) {
      if (!tables.has(target)) {
        const entry = tableParts.get(target);
        let model: ReturnType<BookContext['table']>;
        if (entry) {
          const xform = new TableXform();
          model = parsed(zip, entry, xform);
          xform.reconcile(model, { styles });
        }
        tables.set(target, model);
      }
      return tables.get(target);
    },
  };
  const sheets: StreamedSheet[] = [];
  for (const w of ordered) {
    const relsFile = sheetRels.get(w.file.sheetNo);
    const sheetRelations: Relationship[] | undefined = relsFile
      ? parsed(zip, relsFile, new RelationshipsXform())
      : undefined;
    const settings = w.name === SETTINGS_SHEET;
    const read = await readSheet(zip.chunks(w.file.entry), w.name, sheetRelations, book, settings);
    sheets.push({ name: w.name, state: w.state, snapshot: read.snapshot, columnA: read.columnA });
  }
  return { sheets, names };
}
