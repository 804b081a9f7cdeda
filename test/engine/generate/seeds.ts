/** The seed tables the generators are checked against (figures verbatim from the published plans). */
import birmingham from '../../../samples/seed-tables/birmingham-2008-costs-benefits.json';
import essex from '../../../samples/seed-tables/essex-2017-savings-targets.json';
import manchester from '../../../samples/seed-tables/manchester-2009-population.json';

export interface SeedTable {
  columns: string[];
  rows: (string | number | null)[][];
  related?: Record<string, Record<string, string | number>>;
}

export const BIRMINGHAM_TABLE_9 = birmingham as SeedTable;
export const ESSEX_SAVINGS = essex as SeedTable;
export const MANCHESTER_POPULATION = manchester as SeedTable;

/** A printed figure as a number: "(28)" is -28, "(10%)" is -0.1, "16.15%" is 0.1615. */
export function printed(v: string | number | null): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  const neg = /^\(.*\)$/.test(v.trim());
  const pct = v.includes('%');
  const n = Number(v.replace(/[()%,£\s]/g, ''));
  return (neg ? -n : n) / (pct ? 100 : 1);
}

/** The row of a seed table whose label starts with some text. */
export function seedRow(table: SeedTable, label: string): (string | number | null)[] {
  const row = table.rows.find((r) => String(r[0]).startsWith(label));
  if (!row) throw new Error(`No row "${label}" in the seed table`);
  return row.slice(1);
}
