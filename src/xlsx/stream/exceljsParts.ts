/**
 * The pieces of exceljs (pinned at 4.4.0 in package.json) that the streaming reader drives with its
 * own XML scanner, so what it reads is what exceljs's loader reads by construction: the xforms that
 * turn XML events into models (workbook, relationships, styles, shared strings, tables, worksheet,
 * rows and cells, with their reconcile steps), and the helpers the loaded workbook uses (addresses,
 * merged ranges, defined names, shared formulas). exceljs's own SAX parser and its document model,
 * the slow and large parts of a load, are not used. Node only.
 */
import type { XmlHandler } from './xml';

/** An exceljs xform: the XML event interface plus its model. */
export interface Xform<M = unknown> extends XmlHandler {
  model: M;
}

export interface CellModel {
  address?: string;
  type: number;
  value?: unknown;
  formula?: string;
  sharedFormula?: string;
  shareType?: string;
  result?: unknown;
  style?: { numFmt?: string };
  text?: unknown;
}

export interface RowModel {
  number: number;
  cells: (CellModel | undefined)[];
  hidden?: boolean;
  style?: { numFmt?: string } | null;
}

export interface Relationship {
  Id: string;
  Target: string;
  Type?: string;
}

export interface SheetEntry {
  name: string;
  id: number;
  state?: string;
  rId: string;
}

export interface DefinedNameModel {
  name: string;
  ranges: string[];
  localSheetId?: number;
}

export interface WorkbookModel {
  sheets?: SheetEntry[];
  properties?: { date1904?: boolean };
  definedNames?: DefinedNameModel[];
}

export interface StylesXform extends Xform {
  getStyleModel(id: number): { numFmt?: string } | null;
}

export interface SharedStringsXform extends Xform {
  getString(index: number): unknown;
}

export interface RangeLike {
  top: number;
  left: number;
  bottom: number;
  right: number;
  range: string;
  intersects(other: RangeLike): boolean;
}

export interface Address {
  address: string;
  row: number;
  col: number;
}

export interface WorksheetModel {
  cols?: { min: number; max: number; style?: { numFmt?: string } | null }[];
  mergeCells?: string[];
  hyperlinks?: { address: string; rId?: string }[];
  tables?: { rId: string }[];
}

/* eslint-disable @typescript-eslint/no-require-imports */
type Ctor<T> = new (options?: unknown) => T;
const xform = (path: string) => require(`exceljs/lib/xlsx/xform/${path}`) as Ctor<Xform>;

export const WorkbookXform = xform('book/workbook-xform') as Ctor<Xform<WorkbookModel>>;
export const RelationshipsXform = xform('core/relationships-xform') as Ctor<Xform<Relationship[]>>;
export const StylesXformClass = xform('style/styles-xform') as unknown as Ctor<StylesXform>;
export const SharedStringsXformClass = xform('strings/shared-strings-xform') as unknown as Ctor<SharedStringsXform>;
export const TableXform = xform('table/table-xform') as unknown as Ctor<
  Xform<{ name?: string; tableRef?: string; totalsRow?: boolean }> & {
    reconcile(model: unknown, options: unknown): void;
  }
>;
export const WorksheetXform = xform('sheet/worksheet-xform') as unknown as Ctor<
  Xform<WorksheetModel> & {
    map: Record<string, Xform & { reconcile(model: unknown, options: unknown): void }>;
  }
>;
export const RichTextXform = xform('strings/rich-text-xform') as unknown as Ctor<Xform<unknown>>;

export const colCache = require('exceljs/lib/utils/col-cache') as {
  decodeAddress(address: string): Address;
  encodeAddress(row: number, col: number): string;
  validateAddress(address: string): boolean;
  decodeEx(range: string): unknown;
};
export const Range = require('exceljs/lib/doc/range') as new (...args: unknown[]) => RangeLike;
export const DefinedNames = require('exceljs/lib/doc/defined-names') as new () => {
  model: DefinedNameModel[];
};
export const { slideFormula } = require('exceljs/lib/utils/shared-formula') as {
  slideFormula(formula: string, from: string, to: string): string;
};
export const { isDateFmt, excelToDate, xmlDecode } = require('exceljs/lib/utils/utils') as {
  isDateFmt(fmt: string | undefined): boolean;
  excelToDate(v: number, date1904: boolean): Date;
  xmlDecode(text: string): string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** exceljs's cell value types (Enums.ValueType). */
export const T = {
  Null: 0,
  Merge: 1,
  Number: 2,
  String: 3,
  Date: 4,
  Hyperlink: 5,
  Formula: 6,
  RichText: 8,
  Boolean: 9,
  Error: 10,
} as const;
