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
  /** Font name, size in points and colour (the rest of the cell's font is kept). */
  fontName?: string;
  fontSize?: number;
  fontColor?: Colour;
  /** The cell's borders, whole (null: none). */
  border?: BorderXml | null;
}

/** One edge of a border: its line style ("thin", "medium", ...) and colour. */
export interface EdgeXml {
  style: string;
  color?: Colour;
}

export interface BorderXml {
  left?: EdgeXml;
  right?: EdgeXml;
  top?: EdgeXml;
  bottom?: EdgeXml;
}

/** What a font change sets; anything undefined is kept from the base font. */
interface FontChange {
  bold?: boolean;
  name?: string;
  size?: number;
  color?: Colour;
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

type Section = 'numFmts' | 'fonts' | 'fills' | 'borders' | 'cellXfs' | 'dxfs';

/** A colour element's attributes (rgb, theme, tint, indexed), as the styles part writes them. */
function colourAttrs(c: Colour): string {
  return (['rgb', 'theme', 'tint', 'indexed'] as const)
    .filter((k) => c[k] !== undefined)
    .map((k) => ` ${k}="${esc(String(c[k]))}"`)
    .join('');
}

/** The order a font's children are written in (CT_Font allows any; Excel writes this one). */
const FONT_ORDER = [
  'b',
  'i',
  'strike',
  'condense',
  'extend',
  'outline',
  'shadow',
  'u',
  'vertAlign',
  'sz',
  'color',
  'name',
  'family',
  'charset',
  'scheme',
];

export class StylesPatch {
  private readonly p: string;
  private readonly existing: Record<Section, string[]>;
  private readonly added: Record<Section, string[]> = {
    numFmts: [],
    fonts: [],
    fills: [],
    borders: [],
    cellXfs: [],
    dxfs: [],
  };
  private readonly customFormats = new Map<string, number>();
  private nextFormatId = 164;
  private readonly xfCache = new Map<string, number>();
  private readonly fillCache = new Map<string, number>();
  private readonly fontCache = new Map<string, number>();
  private readonly borderCache = new Map<string, number>();
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
      borders: section('borders'),
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
    const font: FontChange = { bold: delta.bold, name: delta.fontName, size: delta.fontSize, color: delta.fontColor };
    const fontChanged = Object.values(font).some((v) => v !== undefined);
    if (delta.fill === undefined && delta.numFmt === undefined && !fontChanged && delta.border === undefined)
      return base;
    const key = `${base}|${JSON.stringify(delta.fill)}|${delta.numFmt}|${JSON.stringify(font)}|${JSON.stringify(delta.border)}`;
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
    if (fontChanged) {
      tag = setAttr(tag, 'fontId', String(this.font(Number(attr(startTag, 'fontId') ?? 0), font)));
      tag = setAttr(tag, 'applyFont', '1');
    }
    if (delta.border !== undefined) {
      tag = setAttr(tag, 'borderId', String(delta.border === null ? 0 : this.border(delta.border)));
      tag = setAttr(tag, 'applyBorder', '1');
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
      const attrs = c ? colourAttrs(c) : '';
      return attrs ? `<${p}${name}${attrs}/>` : '';
    };
    const xml = `<${p}fill><${p}patternFill patternType="${esc(fill.pattern)}">${colour('fgColor', fill.fg)}${colour('bgColor', fill.bg)}</${p}patternFill></${p}fill>`;
    const index = this.existing.fills.length + this.added.fills.push(xml) - 1;
    this.fillCache.set(key, index);
    return index;
  }

  /** A font like the base font with the change applied (appended once per distinct result). */
  private font(base: number, change: FontChange): number {
    const key = `${base}|${JSON.stringify(change)}`;
    const cached = this.fontCache.get(key);
    if (cached !== undefined) return cached;
    const p = this.p;
    const all = [...this.existing.fonts, ...this.added.fonts];
    const font = all[base] ?? all[0] ?? `<${p}font/>`;
    const start = /^<[^>]*?\/?>/.exec(font)![0];
    const open = start.endsWith('/>') ? `${start.slice(0, -2)}>` : start;
    const kids = font.endsWith('/>')
      ? []
      : children(font, start.length, font.lastIndexOf('</')).map((c) => ({
          name: c.name,
          xml: font.slice(c.start, c.end),
        }));
    const replaced = new Set<string>();
    const put: { name: string; xml: string }[] = [];
    if (change.bold !== undefined) {
      replaced.add('b');
      if (change.bold) put.push({ name: 'b', xml: `<${p}b/>` });
    }
    if (change.size !== undefined) {
      replaced.add('sz');
      put.push({ name: 'sz', xml: `<${p}sz val="${change.size}"/>` });
    }
    if (change.color !== undefined) {
      replaced.add('color');
      put.push({ name: 'color', xml: `<${p}color${colourAttrs(change.color)}/>` });
    }
    if (change.name !== undefined) {
      // A theme font (scheme) would win over the name, and family and charset belong to the old face.
      for (const n of ['name', 'family', 'charset', 'scheme']) replaced.add(n);
      put.push({ name: 'name', xml: `<${p}name val="${esc(change.name)}"/>` });
    }
    const local = (n: string) => n.replace(/^[\w.-]+:/, '');
    const merged = [...kids.filter((k) => !replaced.has(local(k.name))), ...put];
    const rank = (n: string) => {
      const i = FONT_ORDER.indexOf(local(n));
      return i < 0 ? FONT_ORDER.length : i;
    };
    merged.sort((a, b) => rank(a.name) - rank(b.name));
    const xml = `${open}${merged.map((k) => k.xml).join('')}</${p}font>`;
    const index = this.existing.fonts.length + this.added.fonts.push(xml) - 1;
    this.fontCache.set(key, index);
    return index;
  }

  /** A border of these edges (appended once per distinct border). */
  private border(border: BorderXml): number {
    const key = JSON.stringify(border);
    const cached = this.borderCache.get(key);
    if (cached !== undefined) return cached;
    const p = this.p;
    const edge = (name: string, e: EdgeXml | undefined) => {
      if (!e) return `<${p}${name}/>`;
      const colour = e.color ? colourAttrs(e.color) : '';
      return colour
        ? `<${p}${name} style="${esc(e.style)}"><${p}color${colour}/></${p}${name}>`
        : `<${p}${name} style="${esc(e.style)}"/>`;
    };
    const xml = `<${p}border>${edge('left', border.left)}${edge('right', border.right)}${edge('top', border.top)}${edge('bottom', border.bottom)}<${p}diagonal/></${p}border>`;
    const index = this.existing.borders.length + this.added.borders.push(xml) - 1;
    this.borderCache.set(key, index);
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
    for (const name of ['numFmts', 'fonts', 'fills', 'borders', 'cellXfs', 'dxfs'] as const) {
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
