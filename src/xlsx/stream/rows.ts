/**
 * Rows and cells of a worksheet's sheetData, parsed and reconciled as exceljs 4.4.0's RowXform and
 * CellXform do (lib/xlsx/xform/sheet/row-xform.js and cell-xform.js), line for line in what they
 * decide, without their cost: exceljs looks every cell's address up in its hyperlink and comment
 * maps as it reconciles, which for a large sheet is most of its time; here links are applied once
 * the sheet's hyperlinks are known (./sheet.ts) and comments, which the engine never reads, are
 * skipped. Rich text runs are parsed by exceljs's own RichTextXform.
 */
import {
  excelToDate,
  isDateFmt,
  RichTextXform,
  T,
  xmlDecode,
  type CellModel,
  type RowModel,
  type SharedStringsXform,
  type StylesXform,
  type Xform,
} from './exceljsParts';
import type { XmlNode } from './xml';

/* eslint-disable @typescript-eslint/no-explicit-any -- the models are exceljs's, as loose as its code */

export interface RowOptions {
  styles?: StylesXform;
  sharedStrings?: SharedStringsXform;
  date1904: boolean;
}

function parseBoolean(value: unknown): boolean {
  return value === true || value === 'true' || value === 1 || value === '1';
}

/** CellXform's parsing of one <c> element. */
class CellParser {
  model: any;
  private t: string | undefined;
  private currentNode: string | undefined;
  private parser: Xform<any> | undefined;
  private readonly richText = new RichTextXform();

  parseOpen(node: XmlNode): boolean {
    if (this.parser) {
      this.parser.parseOpen(node);
      return true;
    }
    switch (node.name) {
      case 'c':
        this.model = { address: node.attributes.r };
        this.t = node.attributes.t;
        if (node.attributes.s) this.model.styleId = parseInt(node.attributes.s, 10);
        return true;
      case 'f':
        this.currentNode = 'f';
        this.model.si = node.attributes.si;
        this.model.shareType = node.attributes.t;
        this.model.ref = node.attributes.ref;
        return true;
      case 'v':
        this.currentNode = 'v';
        return true;
      case 't':
        this.currentNode = 't';
        return true;
      case 'r':
        this.parser = this.richText;
        this.parser.parseOpen(node);
        return true;
      default:
        return false;
    }
  }

  parseText(text: string): void {
    if (this.parser) {
      this.parser.parseText(text);
      return;
    }
    switch (this.currentNode) {
      case 'f':
        this.model.formula = this.model.formula ? this.model.formula + text : text;
        break;
      case 'v':
      case 't':
        if (this.model.value && this.model.value.richText) {
          this.model.value.richText.text = this.model.value.richText.text
            ? this.model.value.richText.text + text
            : text;
        } else {
          this.model.value = this.model.value ? this.model.value + text : text;
        }
        break;
      default:
        break;
    }
  }

  parseClose(name: string): boolean {
    switch (name) {
      case 'c': {
        const model = this.model;
        if (model.formula || model.shareType) {
          model.type = T.Formula;
          if (model.value) {
            if (this.t === 'str') model.result = xmlDecode(model.value);
            else if (this.t === 'b') model.result = parseInt(model.value, 10) !== 0;
            else if (this.t === 'e') model.result = { error: model.value };
            else model.result = parseFloat(model.value);
            model.value = undefined;
          }
        } else if (model.value !== undefined) {
          switch (this.t) {
            case 's':
              model.type = T.String;
              model.value = parseInt(model.value, 10);
              break;
            case 'str':
              model.type = T.String;
              model.value = xmlDecode(model.value);
              break;
            case 'inlineStr':
              model.type = T.String;
              break;
            case 'b':
              model.type = T.Boolean;
              model.value = parseInt(model.value, 10) !== 0;
              break;
            case 'e':
              model.type = T.Error;
              model.value = { error: model.value };
              break;
            default:
              model.type = T.Number;
              model.value = parseFloat(model.value);
              break;
          }
        } else if (model.styleId) {
          model.type = T.Null;
        } else {
          model.type = T.Merge;
        }
        return false;
      }
      case 'f':
      case 'v':
      case 'is':
        this.currentNode = undefined;
        return true;
      case 't':
        if (this.parser) {
          this.parser.parseClose(name);
          return true;
        }
        this.currentNode = undefined;
        return true;
      case 'r':
        this.model.value = this.model.value || {};
        this.model.value.richText = this.model.value.richText || [];
        this.model.value.richText.push(this.parser!.model);
        this.parser = undefined;
        this.currentNode = undefined;
        return true;
      default:
        if (this.parser) {
          this.parser.parseClose(name);
          return true;
        }
        return false;
    }
  }
}

/** RowXform's parsing of one <row> element (its cells by CellParser); `take` hears each row as it closes. */
export class RowParser {
  model: RowModel = { number: NaN, cells: [] };
  private parser: CellParser | undefined;
  private readonly cell = new CellParser();

  parseOpen(node: XmlNode): boolean {
    if (this.parser) {
      this.parser.parseOpen(node);
      return true;
    }
    if (node.name === 'row') {
      const a = node.attributes;
      const model: any = (this.model = { number: parseInt(a.r, 10), cells: [] });
      if (a.s) model.styleId = parseInt(a.s, 10);
      if (parseBoolean(a.hidden)) model.hidden = true;
      return true;
    }
    if (node.name === 'c') {
      this.parser = this.cell;
      this.parser.parseOpen(node);
      return true;
    }
    return false;
  }

  parseText(text: string): void {
    if (this.parser) this.parser.parseText(text);
  }

  parseClose(name: string): boolean {
    if (this.parser) {
      if (!this.parser.parseClose(name)) {
        this.model.cells.push(this.parser.model);
        this.parser = undefined;
      }
      return true;
    }
    return false;
  }
}

/**
 * RowXform.reconcile and CellXform.reconcile, but for hyperlinks and comments: the row's and each
 * cell's style, shared strings, dates, and shared formulas' masters and slaves (`formulae`: the
 * sheet's shared formula masters by their index, as exceljs keeps them).
 */
export function reconcileRow(model: RowModel, options: RowOptions, formulae: Record<string, string>): void {
  const row = model as any;
  row.style = row.styleId ? options.styles!.getStyleModel(row.styleId) : {};
  if (row.styleId !== undefined) row.styleId = undefined;
  for (const cell of model.cells as any[]) {
    const style = cell.styleId && options.styles && options.styles.getStyleModel(cell.styleId);
    if (style) cell.style = style;
    if (cell.styleId !== undefined) cell.styleId = undefined;
    switch (cell.type) {
      case T.String:
        if (typeof cell.value === 'number' && options.sharedStrings) {
          cell.value = options.sharedStrings.getString(cell.value);
        }
        if (cell.value.richText) cell.type = T.RichText;
        break;
      case T.Number:
        if (style && dateFormat(style.numFmt)) {
          cell.type = T.Date;
          cell.value = excelToDate(cell.value, options.date1904);
        }
        break;
      case T.Formula:
        if (cell.result !== undefined && style && dateFormat(style.numFmt)) {
          cell.result = excelToDate(cell.result, options.date1904);
        }
        if (cell.shareType === 'shared') {
          if (cell.ref) formulae[cell.si] = cell.address;
          else {
            cell.sharedFormula = formulae[cell.si];
            delete cell.shareType;
          }
          delete cell.si;
        }
        break;
      default:
        break;
    }
  }
}

const dateFormats = new Map<string | undefined, boolean>();

/** exceljs's isDateFmt, remembered per format. */
function dateFormat(fmt: string | undefined): boolean {
  let known = dateFormats.get(fmt);
  if (known === undefined) dateFormats.set(fmt, (known = isDateFmt(fmt)));
  return known;
}

export type { CellModel };
