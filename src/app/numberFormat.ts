/**
 * A cell's value as Excel shows it under its number format, for the browser page's sheet view:
 * thousands separators, decimals, percentages, "£" and other literals, thousands scaling ("#,##0,"),
 * negatives in their own section ("(#,##0)" or "[Red]-0.0"), zero and text sections, scientific
 * notation, and dates and times ("dd/mm/yyyy", "mmm-yy", "h:mm"). Colours and locale tags are read
 * past; fractions and conditions ("[<100]") fall back to General.
 */
import type { CellValue } from '../engine/grid';
import { isDateFormat } from '../engine/numbers';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Literal text is set aside as one private-use character each (from U+E100) while placeholders are read. */
const LITERAL = 0xe100;

/** Excel's built-in formats by number, for files that give only the id. */
export const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  14: 'dd/mm/yyyy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'dd/mm/yyyy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  49: '@',
};

/** Splits a format into its sections at semicolons outside quotes and brackets. */
function sections(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '\\' && !quoted) {
      cur += ch + (code[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '[') bracket = true;
    else if (!quoted && ch === ']') bracket = false;
    if (ch === ';' && !quoted && !bracket) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** General: integers as they are, others to 10 significant figures, very large or small in E notation. */
export function formatGeneral(n: number): string {
  if (!Number.isFinite(n)) return '#NUM!';
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) {
    const [m, e] = n.toExponential(5).split('e');
    const exp = Number(e);
    return `${m.replace(/\.?0+$/, '')}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = n.toPrecision(10);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Reads a section's literals and placeholders into text around one number. */
function formatNumberSection(n: number, section: string): string {
  // Strip colours, conditions and locale tags but keep a currency tag's symbol ("[$£-809]").
  let s = section
    .replace(/\[\$([^\]-]*)[^\]]*\]/g, (_m, sym: string) => (sym ? `"${sym}"` : ''))
    .replace(/\[[^\]]*\]/g, '');
  if (/^\s*@?\s*$/.test(s) && s.includes('@')) return formatGeneral(n);
  // Literals out of the way: quoted text, escaped characters, padding (_x) and repeats (*x).
  const literals: string[] = [];
  s = s.replace(/"([^"]*)"|\\(.)|_(.)|\*(.)/g, (_m, q?: string, esc?: string, pad?: string) => {
    literals.push(q !== undefined ? q : esc !== undefined ? esc : pad !== undefined ? ' ' : '');
    return String.fromCharCode(LITERAL + literals.length - 1);
  });
  const restore = (t: string) => t.replace(/[\uE100-\uEFFF]/g, (m) => literals[m.charCodeAt(0) - LITERAL]);
  const first = s.search(/[0#?]/);
  if (first < 0) return restore(s.replace(/General/i, formatGeneral(n)));
  // The placeholder run: digits, commas and the point, and an exponent.
  const core = /^[0#?,.]*(?:[Ee][+-][0#?]+)?/.exec(s.slice(first))![0];
  const before = s.slice(0, first);
  const after = s.slice(first + core.length);
  const percents = (s.match(/%/g) ?? []).length;
  let value = Math.abs(n) * 100 ** percents;
  if (/[Ee][+-]/.test(core)) {
    const [mant] = core.split(/[Ee]/);
    const decimals = (mant.split('.')[1] ?? '').replace(/[^0#?]/g, '').length;
    const [m, e] = value.toExponential(decimals).split('e');
    const exp = Number(e);
    return restore(before) + `${m}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}` + restore(after);
  }
  const trailingCommas = /(,+)$/.exec(core)?.[1].length ?? 0;
  value /= 1000 ** trailingCommas;
  const body = core.slice(0, core.length - trailingCommas);
  const [intPart, fracPart = ''] = body.split('.');
  const decimals = fracPart.replace(/[^0#?]/g, '').length;
  const minDecimals = fracPart.replace(/[^0]/g, '').length;
  const grouped = intPart.includes(',');
  const minInt = intPart.replace(/[^0]/g, '').length;
  let text = value.toFixed(decimals);
  let [i, f = ''] = text.split('.');
  while (f.length > minDecimals && f.endsWith('0')) f = f.slice(0, -1);
  if (i === '0' && minInt === 0) i = '';
  i = i.padStart(minInt, '0');
  if (grouped) i = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  text = f.length > 0 || fracPart.includes('.') || body.includes('.') ? `${i}.${f}` : i;
  if (text.endsWith('.') && decimals === 0) text = text.slice(0, -1);
  return restore(before) + text + restore(after);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** An Excel serial date under a date or time format. */
export function formatDate(serial: number, code: string): string {
  const ms = Math.round((serial - 25569) * 86400000);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return formatGeneral(serial);
  let s = code.replace(/\[\$[^\]]*\]/g, '').replace(/\[[^\]]*\]/g, '');
  const literals: string[] = [];
  s = s.replace(/"([^"]*)"|\\(.)/g, (_m, q?: string, esc?: string) => {
    literals.push(q ?? esc ?? '');
    return String.fromCharCode(LITERAL + literals.length - 1);
  });
  const ampm = /AM\/PM|A\/P/i.test(s);
  const hours = d.getUTCHours();
  const tokens =
    s.match(/[\uE100-\uEFFF]|yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|AM\/PM|A\/P|\.0+|./gi) ?? [];
  let out = '';
  let lastWasHour = false;
  tokens.forEach((tok, k) => {
    const t = tok.toLowerCase();
    const code = tok.charCodeAt(0);
    if (tok.length === 1 && code >= LITERAL && code <= 0xefff) return void (out += literals[code - LITERAL]);
    const nextIsSeconds =
      tokens
        .slice(k + 1)
        .find((x) => /[a-z]/i.test(x))
        ?.toLowerCase()
        .startsWith('s') ?? false;
    switch (t) {
      case 'yyyy':
        out += d.getUTCFullYear();
        break;
      case 'yy':
        out += pad(d.getUTCFullYear() % 100, 2);
        break;
      case 'mmmmm':
        out += MONTHS[d.getUTCMonth()][0];
        break;
      case 'mmmm':
        out += MONTHS[d.getUTCMonth()];
        break;
      case 'mmm':
        out += MONTHS[d.getUTCMonth()].slice(0, 3);
        break;
      case 'mm':
      case 'm':
        if (lastWasHour || nextIsSeconds) out += t === 'mm' ? pad(d.getUTCMinutes(), 2) : d.getUTCMinutes();
        else out += t === 'mm' ? pad(d.getUTCMonth() + 1, 2) : d.getUTCMonth() + 1;
        break;
      case 'dddd':
        out += DAYS[d.getUTCDay()];
        break;
      case 'ddd':
        out += DAYS[d.getUTCDay()].slice(0, 3);
        break;
      case 'dd':
        out += pad(d.getUTCDate(), 2);
        break;
      case 'd':
        out += d.getUTCDate();
        break;
      case 'hh':
      case 'h': {
        const h = ampm ? hours % 12 || 12 : hours;
        out += t === 'hh' ? pad(h, 2) : h;
        break;
      }
      case 'ss':
        out += pad(d.getUTCSeconds(), 2);
        break;
      case 's':
        out += d.getUTCSeconds();
        break;
      case 'am/pm':
        out += hours < 12 ? 'AM' : 'PM';
        break;
      case 'a/p':
        out += hours < 12 ? 'A' : 'P';
        break;
      default:
        out += tok;
    }
    if (/^[a-z]/.test(t)) lastWasHour = t === 'h' || t === 'hh';
  });
  return out;
}

/** The text Excel shows for a value under a number format code (null or "General": General). */
export function formatCellValue(value: CellValue, code: string | null | undefined): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const fmt = code && code !== 'General' ? code : null;
  const parts = fmt ? sections(fmt) : [];
  if (typeof value === 'string') {
    const textSection = parts.length >= 4 ? parts[3] : parts.find((p) => p.includes('@'));
    if (!textSection) return value;
    return textSection.replace(/"([^"]*)"/g, '$1').replace(/@/g, value);
  }
  if (!fmt) return formatGeneral(value);
  if (isDateFormat(fmt)) return formatDate(value, parts[0]);
  const hasNegative = parts.length >= 2 && parts[1] !== '';
  let section = parts[0];
  if (value < 0 && hasNegative) section = parts[1];
  else if (value === 0 && parts.length >= 3) section = parts[2];
  const text = formatNumberSection(value, section);
  // Excel writes a minus only when the negative has no section of its own, and not for a value
  // that rounds to zero.
  if (value < 0 && !hasNegative && /[1-9]/.test(text)) return `-${text}`;
  return text;
}
