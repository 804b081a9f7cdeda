/**
 * Dates in a risk register's review or target date column: an Excel serial number or text in the
 * spellings registers use, read as a UTC day; and a date as dd/mm/yyyy for a finding.
 */
import type { CellValue } from '../grid';

/** The UTC day of a local date ("today" as the register's dates are compared with it). */
export function startOfDay(d: Date): Date {
  return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function validDate(y: number, m: number, d: number): Date | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 ? date : null;
}

/** A date cell: an Excel serial number (1900 system) or text dd/mm/yyyy, d/m/yy, yyyy-mm-dd, "31 March 2010". */
export function parseDate(v: CellValue): Date | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v > 2958465) return null;
    return new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86400000);
  }
  if (typeof v !== 'string') return null;
  const t = v.trim().toLowerCase();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const y = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return validDate(y, Number(m[2]), Number(m[1]));
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?$/.exec(t);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})$/.exec(t);
  if (m && MONTHS.includes(m[2])) return validDate(Number(m[3]), MONTHS.indexOf(m[2]) + 1, Number(m[1]));
  return null;
}

/** dd/mm/yyyy */
export function formatDate(d: Date): string {
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${d.getUTCFullYear()}`;
}
