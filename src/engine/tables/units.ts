/**
 * Units as printed in titles, headers and number formats: £, £000, £'000, £000s, £k, £m, days,
 * %, per 100,000; and a table's unit from its titles, headers and first line's number formats.
 */
import type { SheetView } from '../grid';
import { readNumberFormat } from '../numbers';
import type { TableColumn, TableRow, Unit } from './types';
import { FIGURE_ROLES } from './types';

export const UNKNOWN_UNIT: Unit = { label: null, multiplier: 1 };

/** The unit a piece of text states, or null when it states none. */
export function parseUnit(text: string | null | undefined): Unit | null {
  if (!text) return null;
  const t = String(text)
    .toLowerCase()
    .replace(/\u00a0/g, ' ');
  if (/£\s*(m\b|mn\b|millions?\b)|\bm£|\(£m\)/.test(t)) return { label: '£m', multiplier: 1e6 };
  if (/£\s*'?\s*0{3}s?\b|£\s*'?0{3}|£\s*k\b|£\s*thousands?\b|\bthousands of pounds\b/.test(t)) {
    return { label: '£000', multiplier: 1e3 };
  }
  if (/per\s*100,?000/.test(t)) return { label: 'per 100,000', multiplier: 1 };
  if (/\bdays?\b/.test(t) && !/\bper day\b/.test(t)) return { label: 'days', multiplier: 1 };
  if (/£/.test(t)) return { label: '£', multiplier: 1 };
  if (/%|\bper ?cent\b|\bpercentage\b/.test(t)) return { label: '%', multiplier: 1 };
  return null;
}

/** The unit a number format implies, or null: "£#,##0,\"k\"" is £000, "0.0%" is %. */
export function unitFromNumberFormat(code: string | null | undefined): Unit | null {
  if (!code || code === 'General') return null;
  const f = readNumberFormat(code);
  if (f.percent) return { label: '%', multiplier: 1 };
  if (f.currency === '£') {
    if (f.divisor === 1e6) return { label: '£m', multiplier: 1e6 };
    if (f.divisor === 1e3) return { label: '£000', multiplier: 1e3 };
    return { label: '£', multiplier: 1 };
  }
  return null;
}

/** A table's unit: the nearest title that states one, else a column header's, else the first line's number formats. */
export function tableUnit(view: SheetView, titles: string[], columns: TableColumn[], rows: TableRow[]): Unit {
  for (const t of [...titles].reverse()) {
    const u = parseUnit(t);
    if (u && u.label !== '%') return u;
  }
  const fromHeaders = columns.map((c) => c.unit).filter((u): u is Unit => !!u && u.label !== '%' && u.label !== null);
  if (fromHeaders.length > 0) return fromHeaders[0];
  const firstLine = rows.find((r) => r.role === 'line');
  if (firstLine) {
    for (const c of columns) {
      if (!FIGURE_ROLES.has(c.role)) continue;
      const u = unitFromNumberFormat(view.numberFormat(firstLine.row, c.col));
      if (u && u.label !== '%') return u;
    }
  }
  return UNKNOWN_UNIT;
}
