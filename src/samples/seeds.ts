/**
 * The seed tables (figures verbatim from the five published plans, in samples/seed-tables)
 * laid out as grids the way the documents print them: a title, a units line, one or two
 * header rows, then the rows. Used by the sample workbook builder and by the tests.
 */
import type { CellValue } from '../engine/grid';

import birminghamBenefits from '../../samples/seed-tables/birmingham-2008-benefits.json';
import birminghamCostsBenefits from '../../samples/seed-tables/birmingham-2008-costs-benefits.json';
import birminghamLifecycle from '../../samples/seed-tables/birmingham-2008-lifecycle-costs.json';
import birminghamRisks from '../../samples/seed-tables/birmingham-2008-programme-risks.json';
import birminghamDays from '../../samples/seed-tables/birmingham-2008-resource-days.json';
import essexMeasures from '../../samples/seed-tables/essex-2017-measures.json';
import essexActivity from '../../samples/seed-tables/essex-2017-savings-activity.json';
import essexTargets from '../../samples/seed-tables/essex-2017-savings-targets.json';
import manchesterRegister from '../../samples/seed-tables/manchester-2009-business-risk-register.json';
import manchesterCostPerHead from '../../samples/seed-tables/manchester-2009-cost-per-head.json';
import manchesterPlan from '../../samples/seed-tables/manchester-2009-financial-plan.json';
import manchesterHelped from '../../samples/seed-tables/manchester-2009-helped-to-live-at-home.json';
import manchesterPopulation from '../../samples/seed-tables/manchester-2009-population.json';
import manchesterStrategic from '../../samples/seed-tables/manchester-2009-strategic-risks.json';
import manchesterCapacity from '../../samples/seed-tables/manchester-2019-capacity-plan.json';
import worcestershireAscof from '../../samples/seed-tables/worcestershire-2017-ascof-benchmark.json';
import worcestershireBudget from '../../samples/seed-tables/worcestershire-2018-budget.json';

export interface SeedTable {
  source?: string;
  section?: string;
  units?: string | null;
  columns?: (string | null)[];
  header_rows?: (string | null)[][];
  rows?: CellValue[][];
  tables?: { title: string; columns: (string | null)[]; rows: CellValue[][] }[];
  notes?: string;
  related?: Record<string, unknown>;
}

export const SEEDS: Record<string, SeedTable> = {
  'birmingham-2008-benefits': birminghamBenefits,
  'birmingham-2008-costs-benefits': birminghamCostsBenefits,
  'birmingham-2008-lifecycle-costs': birminghamLifecycle,
  'birmingham-2008-programme-risks': birminghamRisks,
  'birmingham-2008-resource-days': birminghamDays,
  'essex-2017-measures': essexMeasures,
  'essex-2017-savings-activity': essexActivity,
  'essex-2017-savings-targets': essexTargets,
  'manchester-2009-business-risk-register': manchesterRegister,
  'manchester-2009-cost-per-head': manchesterCostPerHead as SeedTable,
  'manchester-2009-financial-plan': manchesterPlan,
  'manchester-2009-helped-to-live-at-home': manchesterHelped,
  'manchester-2009-population': manchesterPopulation,
  'manchester-2009-strategic-risks': manchesterStrategic,
  'manchester-2019-capacity-plan': manchesterCapacity,
  'worcestershire-2017-ascof-benchmark': worcestershireAscof,
  'worcestershire-2018-budget': worcestershireBudget,
};

export type SeedName = keyof typeof SEEDS;

export interface LayoutOptions {
  /** Print a title line (the document's section) above the table. Default true. */
  title?: boolean;
  /** Print a "£000" units line under the title when the seed has units. Default true. */
  unitsLine?: boolean;
  /** Which sub-table, for seeds holding several (cost per head). Default 0. */
  part?: number;
}

/** One seed table as a grid, with the row index where its header starts. */
export function seedGrid(name: SeedName, options: LayoutOptions = {}): { rows: CellValue[][]; headerRow: number } {
  const seed = SEEDS[name];
  const rows: CellValue[][] = [];
  const part = seed.tables?.[options.part ?? 0];
  const title = part?.title ?? seed.section;
  if (options.title !== false && title) rows.push([title]);
  if (options.unitsLine !== false && seed.units) rows.push([`Figures in ${seed.units}`]);
  if (rows.length > 0) rows.push([]);
  const headerRow = rows.length;
  const header = part ? [part.columns] : (seed.header_rows ?? [seed.columns ?? []]);
  for (const h of header) rows.push(h.map((c) => c ?? null));
  for (const r of part?.rows ?? seed.rows ?? []) rows.push(r.map((c) => (c === undefined ? null : c)));
  return { rows, headerRow };
}

/** Lays a grid at an offset (rows down, columns right), padding with empty cells. */
export function offsetGrid(rows: CellValue[][], down: number, right: number): CellValue[][] {
  const pad: CellValue[] = Array.from({ length: right }, () => null);
  return [...Array.from({ length: down }, () => [] as CellValue[]), ...rows.map((r) => [...pad, ...r])];
}
