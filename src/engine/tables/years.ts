/**
 * Financial years as councils print them: 2009/10, 2009-10, 2009/2010, FY09/10, "Year 1 2008/9",
 * "2008/9". A financial year runs April to March, so 2009/10 starts in 2009.
 */
import type { FinancialYear } from './types';

const YEAR_PAIR = /(?:^|[^\d])(?:FY\s*)?((?:19|20)?\d{2})\s*[/\-–]\s*(\d{1,4})(?![\d/])/i;
const YEAR_INDEX = /\byear\s*(\d{1,2})\b/i;

/** Expands a two-digit year (09 -> 2009). */
function fullYear(text: string): number {
  const n = Number(text);
  return text.length <= 2 ? 2000 + n : n;
}

/** The financial year a header names, or null. "Year 1" alone gives a year with only its index. */
export function parseFinancialYear(text: string | null | undefined): FinancialYear | null {
  if (!text) return null;
  const t = String(text);
  const m = YEAR_PAIR.exec(t);
  const idx = YEAR_INDEX.exec(t);
  if (m) {
    const start = fullYear(m[1]);
    const endText = m[2];
    // The second part must be the next year: 10 after 2009, 2010 after 2009, 9 after 2008.
    const startLast = start % 10 ** endText.length;
    const end = Number(endText);
    const next = (startLast + 1) % 10 ** endText.length;
    if (start >= 1990 && start <= 2099 && end === next) {
      const year: FinancialYear = { label: financialYearLabel(start), start };
      if (idx) year.index = Number(idx[1]);
      return year;
    }
  }
  return null;
}

/** "2009/10" for 2009. */
export function financialYearLabel(start: number): string {
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}
