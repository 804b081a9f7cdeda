/**
 * The colours the sheet view draws, as Excel would: a fill or font colour may be given as RGB, as a
 * theme colour with a tint (what Excel's colour picker writes for every swatch but the "standard
 * colours" row), or as an index into the legacy palette; and a cell may take its fill from a
 * conditional format (a risk register's red/amber/green ratings usually do). Read-only: nothing
 * here changes the workbook.
 */
import type ExcelJS from 'exceljs';
import { parseRange, type RangeRef } from '../engine/grid';
import type { CellValue } from '../engine/grid';
import { conditionalFormatsOf } from './patch/package';

/** The legacy indexed palette (SpreadsheetML's default indexedColors), as RRGGBB. */
const INDEXED = [
  '000000', 'FFFFFF', 'FF0000', '00FF00', '0000FF', 'FFFF00', 'FF00FF', '00FFFF',
  '000000', 'FFFFFF', 'FF0000', '00FF00', '0000FF', 'FFFF00', 'FF00FF', '00FFFF',
  '800000', '008000', '000080', '808000', '800080', '008080', 'C0C0C0', '808080',
  '9999FF', '993366', 'FFFFCC', 'CCFFFF', '660066', 'FF8080', '0066CC', 'CCCCFF',
  '000080', 'FF00FF', 'FFFF00', '00FFFF', '800080', '800000', '008080', '0000FF',
  '00CCFF', 'CCFFFF', 'CCFFCC', 'FFFF99', '99CCFF', 'FF99CC', 'CC99FF', 'FFCC99',
  '3366FF', '33CCCC', '99CC00', 'FFCC00', 'FF9900', 'FF6600', '666699', '969696',
  '003366', '339966', '003300', '333300', '993300', '993366', '333399', '333333',
]; // prettier-ignore

/** Office's default theme, for a workbook that carries none. */
const OFFICE_THEME = [
  'FFFFFF', '000000', 'E7E6E6', '44546A', '4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47',
]; // prettier-ignore

/**
 * A workbook's theme colours in the order cells refer to them: light 1, dark 1, light 2, dark 2,
 * accents 1 to 6 (the theme part lists dark before light; Excel's indexes swap each pair).
 */
export function themePalette(workbook: ExcelJS.Workbook): string[] {
  const themes = (workbook as unknown as { _themes?: Record<string, unknown> })._themes;
  const xml = themes && typeof themes.theme1 === 'string' ? themes.theme1 : '';
  const scheme = /<a:clrScheme\b[\s\S]*?<\/a:clrScheme>/.exec(xml)?.[0];
  if (!scheme) return OFFICE_THEME;
  const slot = (name: string): string | null => {
    const m = new RegExp(`<a:${name}>\\s*<a:(?:srgbClr val|sysClr [^>]*?lastClr)="([0-9A-Fa-f]{6})"`).exec(scheme);
    return m ? m[1].toUpperCase() : null;
  };
  const names = ['lt1', 'dk1', 'lt2', 'dk2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6'];
  return names.map((n, i) => slot(n) ?? OFFICE_THEME[i]);
}

const HLS = 240; // Windows' HLS scale, which Excel's tints are worked on
const RGB = 255;
const div = (a: number, b: number): number => Math.trunc(a / b);

function toHls(r: number, g: number, b: number): [number, number, number] {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = div((max + min) * HLS + RGB, 2 * RGB);
  if (max === min) return [div(HLS * 2, 3), l, 0];
  const d = max - min;
  const s =
    l <= HLS / 2
      ? div(d * HLS + div(max + min, 2), max + min)
      : div(d * HLS + div(2 * RGB - max - min, 2), 2 * RGB - max - min);
  const delta = (c: number): number => div((max - c) * (HLS / 6) + div(d, 2), d);
  let h =
    r === max ? delta(b) - delta(g) : g === max ? HLS / 3 + delta(r) - delta(b) : (2 * HLS) / 3 + delta(g) - delta(r);
  if (h < 0) h += HLS;
  if (h > HLS) h -= HLS;
  return [h, l, s];
}

function hueToRgb(n1: number, n2: number, hue: number): number {
  if (hue < 0) hue += HLS;
  if (hue > HLS) hue -= HLS;
  if (hue < HLS / 6) return n1 + ((n2 - n1) * hue) / (HLS / 6);
  if (hue < HLS / 2) return n2;
  if (hue < (HLS * 2) / 3) return n1 + ((n2 - n1) * ((HLS * 2) / 3 - hue)) / (HLS / 6);
  return n1;
}

function fromHls(h: number, l: number, s: number): [number, number, number] {
  if (s === 0) {
    const v = Math.round((l * RGB) / HLS);
    return [v, v, v];
  }
  const m2 = l <= HLS / 2 ? (l * (HLS + s)) / HLS : l + s - (l * s) / HLS;
  const m1 = 2 * l - m2;
  const channel = (hue: number): number => Math.round((hueToRgb(m1, m2, hue) * RGB) / HLS);
  return [channel(h + HLS / 3), channel(h), channel(h - HLS / 3)];
}

/** A colour lightened (tint > 0) or darkened (tint < 0) as Excel does, on its lightness in Windows' HLS. */
export function withTint(hex: string, tint: number): string {
  if (!tint) return hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const [h, l, s] = toHls(r, g, b);
  const lit = tint < 0 ? l * (1 + tint) : l * (1 - tint) + (HLS - HLS * (1 - tint));
  return fromHls(h, Math.min(HLS, Math.max(0, lit)), s)
    .map((v) => Math.min(RGB, Math.max(0, v)).toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

/** "#RRGGBB" of a colour given by RGB, theme (with tint) or palette index; null when none is given. */
export function colourOf(color: Partial<ExcelJS.Color> | undefined, theme: string[]): string | null {
  if (!color) return null;
  const { argb } = color;
  if (typeof argb === 'string' && /^[0-9A-Fa-f]{8}$/.test(argb)) return `#${argb.slice(2).toUpperCase()}`;
  const tint = Number((color as { tint?: number }).tint ?? 0);
  if (typeof color.theme === 'number' && theme[color.theme]) return `#${withTint(theme[color.theme], tint)}`;
  const indexed = (color as { indexed?: number }).indexed;
  if (typeof indexed === 'number' && INDEXED[indexed]) return `#${INDEXED[indexed]}`;
  return null;
}

/** The fill of a cell's style, when it is solid. */
export function solidFillOf(style: Partial<ExcelJS.Style> | undefined, theme: string[]): string | null {
  const fill = style?.fill;
  if (!fill || fill.type !== 'pattern' || fill.pattern !== 'solid') return null;
  return colourOf(fill.fgColor, theme);
}

interface FillRule {
  ranges: RangeRef[];
  priority: number;
  fill: string;
  test: (value: CellValue) => boolean;
}

/** A sheet's conditional fills the view can apply: value rules (greater than, between...) and text rules. */
export interface ConditionalFills {
  fillAt(row: number, col: number, value: CellValue): string | null;
}

export const NO_FILLS: ConditionalFills = { fillAt: () => null };

function constant(formula: unknown): number | string | null {
  const text = String(formula ?? '').trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const quoted = /^"(.*)"$/.exec(text);
  return quoted ? quoted[1] : null;
}

function valueTest(operator: string | undefined, formulae: unknown[] | undefined): ((v: CellValue) => boolean) | null {
  const [a, b] = (formulae ?? []).map(constant);
  if (a === null || a === undefined) return null;
  if (typeof a === 'string') {
    const text = a.toLowerCase();
    if (operator === 'equal') return (v) => typeof v === 'string' && v.toLowerCase() === text;
    if (operator === 'notEqual') return (v) => !(typeof v === 'string' && v.toLowerCase() === text);
    return null;
  }
  const num = (v: CellValue): v is number => typeof v === 'number';
  switch (operator) {
    case 'greaterThan':
      return (v) => num(v) && v > a;
    case 'greaterThanOrEqual':
      return (v) => num(v) && v >= a;
    case 'lessThan':
      return (v) => num(v) && v < a;
    case 'lessThanOrEqual':
      return (v) => num(v) && v <= a;
    case 'equal':
      return (v) => num(v) && v === a;
    case 'notEqual':
      return (v) => !(num(v) && v === a);
    case 'between':
    case 'notBetween': {
      if (typeof b !== 'number') return null;
      const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
      const inside = (v: CellValue): boolean => num(v) && v >= lo && v <= hi;
      return operator === 'between' ? inside : (v) => num(v) && !inside(v);
    }
    default:
      return null;
  }
}

/**
 * The conditional fills of a sheet that depend only on the cell's own value (the kinds a register's
 * ratings use); rules on formulas, ranks, colour scales and data bars are left to Excel.
 */
export function conditionalFills(ws: ExcelJS.Worksheet, theme: string[]): ConditionalFills {
  const formats = conditionalFormatsOf(ws);
  if (!formats.length) return NO_FILLS;
  const rules: FillRule[] = [];
  for (const cf of formats) {
    const ranges = String(cf.ref ?? '')
      .split(/\s+/)
      .map((r) => parseRange(r))
      .filter((r): r is RangeRef => !!r);
    if (!ranges.length) continue;
    for (const rule of cf.rules ?? []) {
      const fillStyle = (rule as { style?: Partial<ExcelJS.Style> }).style?.fill;
      if (!fillStyle || fillStyle.type !== 'pattern') continue;
      const fill = colourOf(fillStyle.bgColor, theme) ?? colourOf(fillStyle.fgColor, theme);
      if (!fill) continue;
      let test: ((v: CellValue) => boolean) | null = null;
      if (rule.type === 'cellIs') {
        const r = rule as ExcelJS.CellIsRuleType & { operator?: string };
        test = valueTest(r.operator, r.formulae);
      } else if (rule.type === 'containsText') {
        const r = rule as ExcelJS.ContainsTextRuleType & { formulae?: unknown[] };
        // exceljs drops the rule's text attribute on reading; the formula Excel writes beside it has it.
        const searched = /SEARCH\("((?:[^"]|"")*)"/i.exec(String(r.formulae?.[0] ?? ''))?.[1]?.replace(/""/g, '"');
        const text = (r.text ?? searched ?? '').toLowerCase();
        if (r.operator === 'containsText' && text)
          test = (v) => typeof v === 'string' && v.toLowerCase().includes(text);
        else if (r.operator === 'containsBlanks') test = (v) => v === null || String(v).trim() === '';
        else if (r.operator === 'notContainsBlanks') test = (v) => v !== null && String(v).trim() !== '';
      }
      if (test) rules.push({ ranges, priority: Number(rule.priority ?? 0), fill, test });
    }
  }
  if (!rules.length) return NO_FILLS;
  rules.sort((x, y) => x.priority - y.priority);
  return {
    fillAt(row, col, value) {
      for (const r of rules) {
        if (!r.ranges.some((g) => row >= g.top && row <= g.bottom && col >= g.left && col <= g.right)) continue;
        if (r.test(value)) return r.fill;
      }
      return null;
    },
  };
}
