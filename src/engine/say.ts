/**
 * Figures in the words a finance officer reads: one home for how a message says an amount and a
 * year. A figure is said in its table's units, with the unit once ("74,025 (£000)", then "74,037"),
 * negatives as the workbook shows them ("(1,234)" under a bracket format, "-1,234" otherwise), and
 * years spelt the way the workbook spells them ("2024-25" or "2024/25"). Amounts in pounds (a
 * generated table's summary) are said short: "£1.9m", "£250k", "£350".
 */
import { formatFigure } from './numbers';
import type { FinancialYear, Unit } from './tables/types';

/** How a table prints its figures. */
export interface FigureStyle {
  unit: Unit;
  /** True when the workbook shows negatives in brackets ("#,##0;(#,##0)"). */
  brackets: boolean;
}

/** How a workbook spells a financial year: "2024/25", "2024-25", "24/25", "2024/2025", "2008/9". */
export interface YearSpelling {
  separator: string;
  /** Digits of the start year: 4 ("2024") or 2 ("24"). */
  startDigits: 2 | 4;
  /** Digits of the end year: 4 ("2025"), 2 ("25") or 0 (as few as it takes: "2008/9", "2009/10"). */
  endDigits: 0 | 2 | 4;
}

export const STANDARD_YEAR_SPELLING: YearSpelling = { separator: '/', startDigits: 4, endDigits: 2 };

const YEAR_TEXT = /(?:^|[^\d])((?:19|20)?\d{2})\s*([/\-–])\s*(\d{1,4})(?![\d/])/;

/** The spelling of the year in a piece of text ("Budget 2024-25" -> "-", 4, 2), or null. */
export function yearSpellingOf(text: string): YearSpelling | null {
  const m = YEAR_TEXT.exec(text);
  if (!m) return null;
  const start = m[1];
  const end = m[3];
  return {
    separator: m[2],
    startDigits: start.length === 4 ? 4 : 2,
    endDigits: end.length === 4 ? 4 : end.length === 2 ? 2 : 0,
  };
}

/** The most common spelling among some texts (the year headers of a workbook); the standard one when none. */
export function commonYearSpelling(texts: Iterable<string>): YearSpelling {
  const counts = new Map<string, { spelling: YearSpelling; n: number }>();
  for (const t of texts) {
    const s = yearSpellingOf(t);
    if (!s) continue;
    const key = `${s.separator}|${s.startDigits}|${s.endDigits}`;
    const entry = counts.get(key) ?? { spelling: s, n: 0 };
    entry.n++;
    counts.set(key, entry);
  }
  let best: { spelling: YearSpelling; n: number } | null = null;
  for (const e of counts.values()) if (!best || e.n > best.n) best = e;
  return best?.spelling ?? STANDARD_YEAR_SPELLING;
}

/** A financial year (by its start) in a spelling: 2024 -> "2024-25". */
export function spellYear(start: number, spelling: YearSpelling = STANDARD_YEAR_SPELLING): string {
  const first = spelling.startDigits === 4 ? String(start) : String(start % 100).padStart(2, '0');
  const end = start + 1;
  const second =
    spelling.endDigits === 4
      ? String(end)
      : spelling.endDigits === 2
        ? String(end % 100).padStart(2, '0')
        : String(end % 100);
  return `${first}${spelling.separator}${second}`;
}

/** A signed figure as the workbook shows it: 1,234, -1,234 or (1,234). */
export function signedFigure(n: number, brackets: boolean): string {
  return formatFigure(n, { brackets });
}

/** The unit after a figure the first time a message says one: " (£000)", or a word for days. */
function unitAfter(n: number, unit: Unit): string {
  switch (unit.label) {
    case null:
    case '£':
      return '';
    case 'days':
      return Math.abs(n) === 1 ? ' day' : ' days';
    case 'per 100,000':
      return ' per 100,000';
    case '%':
      return '%';
    default:
      return ` (${unit.label})`;
  }
}

/**
 * Says the figures of one message. The first figure carries the table's unit, the rest are bare
 * (pounds, millions and percentages carry their sign each time, "£350", "£7.2m", "12.5%"; an
 * amount of days says "days").
 */
export class FigureWords {
  private unitSaid = false;

  constructor(private readonly style: FigureStyle) {}

  /** A figure with its sign: "74,025 (£000)" the first time, then "74,037"; "(1,234)" under brackets. */
  fig(n: number): string {
    const { unit, brackets } = this.style;
    const body = formatFigure(n, { brackets });
    if (unit.label === '£') return pounds(body, '');
    if (unit.label === '£m') return pounds(body, 'm');
    // A percentage is never bare: "12.5%" every time.
    if (unit.label === '%') return `${body}%`;
    if (this.unitSaid) return body;
    this.unitSaid = true;
    return body + unitAfter(n, unit);
  }

  /** An amount without its sign, for "12 less", "£350 over", "1 day more". */
  amount(n: number): string {
    const abs = Math.abs(n);
    if (this.style.unit.label === 'days') {
      this.unitSaid = true;
      return `${formatFigure(abs)}${unitAfter(abs, this.style.unit)}`;
    }
    return this.fig(abs);
  }
}

/** "£1,234" from "1,234", "(£1,234)" from "(1,234)", "-£1,234m" from "-1,234" in £m. */
function pounds(body: string, suffix: string): string {
  if (body.startsWith('(')) return `(£${body.slice(1, -1)}${suffix})`;
  if (body.startsWith('-')) return `-£${body.slice(1)}${suffix}`;
  return `£${body}${suffix}`;
}

/** Pounds said short: "£1.9m", "£250k", "£350"; negatives as "-£1.9m" or, with brackets, "(£1.9m)". */
export function poundsShort(value: number, brackets = false): string {
  const abs = Math.abs(value);
  let text: string;
  if (abs >= 999_950_000) text = `£${formatFigure(abs / 1e9, { decimals: 1 })}bn`;
  else if (abs >= 999_500) text = `£${formatFigure(abs / 1e6, { decimals: 1 })}m`;
  else if (abs >= 1e3 - 0.5) text = `£${formatFigure(abs / 1e3, { decimals: 0 })}k`;
  else text = `£${formatFigure(abs, { decimals: 0 })}`;
  if (value < 0 && /[1-9]/.test(text)) return brackets ? `(${text})` : `-${text}`;
  return text;
}

/** Pounds in an amount printed in a unit: 1,900 in £000 is £1,900,000. Null for a unit that is not money. */
export function inPounds(value: number, unit: string | null | undefined): number | null {
  const u = (unit ?? '').replace(/[\s']/g, '').toLowerCase();
  if (u === '£000' || u === '£000s' || u === '£k') return value * 1e3;
  if (u === '£m') return value * 1e6;
  if (u === '£') return value;
  return null;
}

/** Says a financial year in a spelling (the year's own start is what matches; the label is only how it reads). */
export function yearWords(year: FinancialYear | undefined, spelling: YearSpelling): string {
  return year ? spellYear(year.start, spelling) : '';
}
