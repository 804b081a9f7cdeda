/**
 * A cell PlanCheck touched, as the patch writes it: its value (a formula's stored result kept) as a
 * new <c> element with an inline string for text, whether the value changed at all, and what
 * changed in its format as a StyleDelta for the styles part.
 */
import type ExcelJS from 'exceljs';

import type { BorderXml, Colour, StyleDelta } from './styles';
import { esc } from './xml';
import { excelSerial } from '../serial';

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
export function fullValue(cell: ExcelJS.Cell): ExcelJS.CellValue {
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
export function cellXml(p: string, ref: string, s: number, value: ExcelJS.CellValue, date1904: boolean): string {
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

export function sameValue(a: ExcelJS.CellValue, b: ExcelJS.CellValue): boolean {
  const norm = (v: ExcelJS.CellValue) => (v === undefined || v === '' ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** What changed in a cell's format between two exceljs styles, in the terms the styles part is patched in. */
export function styleDelta(before: Partial<ExcelJS.Style>, after: Partial<ExcelJS.Style>): StyleDelta {
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
