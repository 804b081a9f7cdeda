/**
 * The styles part, edited by appending: new fonts, fills, number formats, cell formats (xf) and
 * differential formats (dxf, for conditional formats) go after the workbook's own, whose indexes
 * never change, so every cell the copy does not touch keeps its exact look.
 */
import { attr, child, children, esc, insertionPoint, rootElement, rootPrefix, setAttr, splice } from './xml';

/** What PlanCheck changes in a cell's format; anything left undefined is kept from the cell's own format. */
export interface StyleDelta {
  /** A pattern fill, or null for the default (none). */
  fill?: PatternFill | null;
  numFmt?: string;
  bold?: boolean;
}

/** A colour as the styles part writes it: rgb "FFRRGGBB", or a theme colour with a tint, or an indexed one. */
export interface Colour {
  rgb?: string;
  theme?: number;
  tint?: number;
  indexed?: number;
}

export interface PatternFill {
  pattern: string;
  fg?: Colour;
  bg?: Colour;
}

/** Number formats built into Excel that need no numFmt entry (the locale-independent ones). */
const BUILT_IN: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '0.00E+00': 11,
  'mm-dd-yy': 14,
  '@': 49,
};

const ORDER = [
  'numFmts',
  'fonts',
  'fills',
  'borders',
  'cellStyleXfs',
  'cellXfs',
  'cellStyles',
  'dxfs',
  'tableStyles',
  'colors',
  'extLst',
] as const;

/** A minimal styles part for a package that has none (Excel requires one cell format). */
export const EMPTY_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

type Section = 'numFmts' | 'fonts' | 'fills' | 'cellXfs' | 'dxfs';

export class StylesPatch {
  private readonly p: string;
  private readonly existing: Record<Section, string[]>;
  private readonly added: Record<Section, string[]> = { numFmts: [], fonts: [], fills: [], cellXfs: [], dxfs: [] };
  private readonly customFormats = new Map<string, number>();
  private nextFormatId = 164;
  private readonly xfCache = new Map<string, number>();
  private readonly fillCache = new Map<string, number>();
  private readonly fontCache = new Map<string, number>();
  private readonly dxfCache = new Map<string, number>();

  constructor(private readonly xml: string) {
    this.p = rootPrefix(xml, 'styleSheet');
    const root = rootElement(xml);
    const section = (name: Section): string[] => {
      const el = child(xml, root, name);
      return el ? children(xml, el.inner[0], el.inner[1]).map((c) => xml.slice(c.start, c.end)) : [];
    };
    this.existing = {
      numFmts: section('numFmts'),
      fonts: section('fonts'),
      fills: section('fills'),
      cellXfs: section('cellXfs'),
      dxfs: section('dxfs'),
    };
    for (const f of this.existing.numFmts) {
      const id = Number(attr(f, 'numFmtId'));
      const code = attr(f, 'formatCode');
      if (code !== undefined && !this.customFormats.has(code)) this.customFormats.set(code, id);
      if (id >= this.nextFormatId) this.nextFormatId = id + 1;
    }
  }

  get changed(): boolean {
    return Object.values(this.added).some((a) => a.length > 0);
  }

  /** The index of a cell format like `base` with the delta applied (appended once per distinct result). */
  xf(base: number, delta: StyleDelta): number {
    if (delta.fill === undefined && delta.numFmt === undefined && delta.bold === undefined) return base;
    const key = `${base}|${JSON.stringify(delta.fill)}|${delta.numFmt}|${delta.bold}`;
    const cached = this.xfCache.get(key);
    if (cached !== undefined) return cached;
    const xfs = this.existing.cellXfs;
    const all = [...xfs, ...this.added.cellXfs];
    let xf = all[base] ?? all[0] ?? `<${this.p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const startTag = /^<[^>]*>/.exec(xf)![0];
    let tag = startTag;
    if (delta.fill !== undefined) {
      tag = setAttr(tag, 'fillId', String(delta.fill === null ? 0 : this.patternFill(delta.fill)));
      tag = setAttr(tag, 'applyFill', '1');
    }
    if (delta.numFmt !== undefined) {
      tag = setAttr(tag, 'numFmtId', String(this.numFmtId(delta.numFmt)));
      tag = setAttr(tag, 'applyNumberFormat', '1');
    }
    if (delta.bold !== undefined) {
      tag = setAttr(tag, 'fontId', String(this.font(Number(attr(startTag, 'fontId') ?? 0), delta.bold)));
      tag = setAttr(tag, 'applyFont', '1');
    }
    xf = tag + xf.slice(startTag.length);
    // A format the workbook already has (a mark taken off gives back the cell's own) is reused,
    // so the cell keeps its very index and the styles part does not grow.
    const known = this.xfIndex().get(essence(xf));
    if (known !== undefined) {
      this.xfCache.set(key, known);
      return known;
    }
    const index = xfs.length + this.added.cellXfs.push(xf) - 1;
    this.xfIndex().set(essence(xf), index);
    this.xfCache.set(key, index);
    return index;
  }

  private xfByEssence: Map<string, number> | null = null;

  /** Cell formats by what they mean (first of equals), built when first needed. */
  private xfIndex(): Map<string, number> {
    if (!this.xfByEssence) {
      this.xfByEssence = new Map();
      this.existing.cellXfs.forEach((xf, i) => {
        const e = essence(xf);
        if (!this.xfByEssence!.has(e)) this.xfByEssence!.set(e, i);
      });
    }
    return this.xfByEssence;
  }

  /** A differential format filling a cell with one colour ("FFRRGGBB": a conditional format's look). */
  dxfFill(argb: string): number {
    const cached = this.dxfCache.get(argb);
    if (cached !== undefined) return cached;
    const p = this.p;
    const dxf = `<${p}dxf><${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${esc(argb)}"/><${p}bgColor rgb="${esc(argb)}"/></${p}patternFill></${p}fill></${p}dxf>`;
    const index = this.existing.dxfs.length + this.added.dxfs.push(dxf) - 1;
    this.dxfCache.set(argb, index);
    return index;
  }

  private patternFill(fill: PatternFill): number {
    const key = JSON.stringify(fill);
    const cached = this.fillCache.get(key);
    if (cached !== undefined) return cached;
    const p = this.p;
    const colour = (name: string, c: Colour | undefined) => {
      if (!c) return '';
      const attrs = (['rgb', 'theme', 'tint', 'indexed'] as const)
        .filter((k) => c[k] !== undefined)
        .map((k) => ` ${k}="${esc(String(c[k]))}"`)
        .join('');
      return attrs ? `<${p}${name}${attrs}/>` : '';
    };
    const xml = `<${p}fill><${p}patternFill patternType="${esc(fill.pattern)}">${colour('fgColor', fill.fg)}${colour('bgColor', fill.bg)}</${p}patternFill></${p}fill>`;
    const index = this.existing.fills.length + this.added.fills.push(xml) - 1;
    this.fillCache.set(key, index);
    return index;
  }

  private font(base: number, bold: boolean): number {
    const key = `${base}|${bold}`;
    const cached = this.fontCache.get(key);
    if (cached !== undefined) return cached;
    const p = this.p;
    const all = [...this.existing.fonts, ...this.added.fonts];
    let font = all[base] ?? all[0] ?? `<${p}font/>`;
    if (font.endsWith('/>')) font = `${font.slice(0, -2)}></${p}font>`;
    font = font.replace(/<(?:[\w.-]+:)?b(?:\s[^>]*)?\/>|<(?:[\w.-]+:)?b(?:\s[^>]*)?>\s*<\/(?:[\w.-]+:)?b>/g, '');
    if (bold) font = font.replace(/^<[^>]*>/, (start) => `${start}<${p}b/>`);
    const index = this.existing.fonts.length + this.added.fonts.push(font) - 1;
    this.fontCache.set(key, index);
    return index;
  }

  private numFmtId(code: string): number {
    if (BUILT_IN[code] !== undefined) return BUILT_IN[code];
    const known = this.customFormats.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormatId++;
    this.customFormats.set(code, id);
    this.added.numFmts.push(`<${this.p}numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`);
    return id;
  }

  /** The styles part with what was added; the original text when nothing was. */
  toXml(): string {
    if (!this.changed) return this.xml;
    const xml = this.xml;
    const root = rootElement(xml);
    const edits: { from: number; to: number; text: string }[] = [];
    for (const name of ['numFmts', 'fonts', 'fills', 'cellXfs', 'dxfs'] as const) {
      const added = this.added[name];
      if (added.length === 0) continue;
      const count = this.existing[name].length + added.length;
      const el = child(xml, root, name);
      if (!el) {
        const at = insertionPoint(xml, root, name, ORDER);
        edits.push({
          from: at,
          to: at,
          text: `<${this.p}${name} count="${count}">${added.join('')}</${this.p}${name}>`,
        });
      } else if (el.inner[0] === el.inner[1] && el.tag.endsWith('/>')) {
        const open = setAttr(el.tag.slice(0, -2) + '>', 'count', String(count));
        edits.push({ from: el.start, to: el.end, text: `${open}${added.join('')}</${this.p}${name}>` });
      } else {
        edits.push({ from: el.start, to: el.start + el.tag.length, text: setAttr(el.tag, 'count', String(count)) });
        edits.push({ from: el.inner[1], to: el.inner[1], text: added.join('') });
      }
    }
    return splice(xml, edits);
  }
}

/**
 * What a cell format means, to find an equal one: its attributes but the apply* flags (which Excel
 * writes inconsistently and which change nothing a cell shows), in name order, and its content.
 */
function essence(xf: string): string {
  const start = /^<[^>]*>/.exec(xf)![0];
  const attrs = [...start.matchAll(/\s([\w:.-]+)\s*=\s*("[^"]*"|'[^']*')/g)]
    .filter((m) => !m[1].startsWith('apply'))
    .map((m) => `${m[1]}=${m[2].slice(1, -1)}`)
    .sort();
  // Defaults written or left out mean the same.
  const shown = attrs.filter((a) => !/^(numFmtId|fontId|fillId|borderId|xfId)=0$/.test(a));
  return `${shown.join(' ')}|${xf.slice(start.length).replace(/<\/(?:[\w.-]+:)?xf>$/, '')}`;
}
