/**
 * The locale the sheet view shows dates in, in one place. A workbook does not say which locale it
 * was made in: Excel shows its built-in "short date" (number format 14, which exceljs names
 * "mm-dd-yy") and "short date and time" (22) as the computer's regional settings say, so 10 February
 * 2025 is 10/02/2025 in the United Kingdom and 2/10/2025 in the United States. The browser page does
 * the same with the browser's language (navigator.language); where there is none (Node, the CLI),
 * the locale is en-GB, that of the councils PlanCheck is made for. Every other format is fixed by
 * its code and shown as written.
 */

/** The locale when nothing says otherwise. */
export const DEFAULT_LOCALE = 'en-GB';

/** exceljs's names for Excel's built-in formats 14 (short date) and 22 (short date and time). */
const SHORT_DATE = 'mm-dd-yy';
const SHORT_DATE_TIME = 'm/d/yy "h":mm';

/** The locale of the page: the browser's language, or DEFAULT_LOCALE where there is no browser. */
export function pageLocale(): string {
  const nav = (globalThis as { navigator?: { language?: unknown } }).navigator;
  const language = nav && typeof nav.language === 'string' ? nav.language : '';
  return supported(language) ? language : DEFAULT_LOCALE;
}

function supported(locale: string): boolean {
  if (!locale) return false;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

/** A literal of a format code: separators as they are, anything else quoted. */
function literal(text: string): string {
  const plain = text.replace(/[\u200e\u200f]/g, '');
  return /^[/.\-\s,]*$/.test(plain) ? plain : `"${plain.replace(/"/g, '')}"`;
}

/**
 * The short date of a locale as an Excel format code, read from the way the locale writes a date
 * (3 February 2001): "dd/mm/yyyy" for en-GB, "m/d/yyyy" for en-US, "d.m.yyyy" for de-DE.
 */
export function shortDateFormat(locale: string): string {
  const parts = new Intl.DateTimeFormat(supported(locale) ? locale : DEFAULT_LOCALE, {
    timeZone: 'UTC',
    calendar: 'gregory',
    numberingSystem: 'latn',
  }).formatToParts(new Date(Date.UTC(2001, 1, 3)));
  let code = '';
  for (const p of parts) {
    if (p.type === 'day') code += p.value.length > 1 ? 'dd' : 'd';
    else if (p.type === 'month') code += p.value.length > 1 ? 'mm' : 'm';
    else if (p.type === 'year') code += p.value.length > 2 ? 'yyyy' : 'yy';
    else if (p.type === 'literal') code += literal(p.value);
  }
  return /d/.test(code) && /m/.test(code) && /y/.test(code) ? code : 'dd/mm/yyyy';
}

/** A cell's number format as the view shows it in a locale: the built-in short date (and time) as the locale writes them. */
export function localFormat(numFmt: string | null, locale: string): string | null {
  if (numFmt !== SHORT_DATE && numFmt !== SHORT_DATE_TIME) return numFmt;
  const date = shortDateFormat(locale);
  if (numFmt === SHORT_DATE) return date;
  return `${date} ${/dd|mm/.test(date) ? 'hh' : 'h'}:mm`;
}
