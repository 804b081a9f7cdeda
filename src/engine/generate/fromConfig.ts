/**
 * The `projections` section of the settings (or of `plancheck project --config`): which
 * tables to generate and from what. Each key is optional; each table goes on a new sheet of
 * its own unless `"at": {"sheet": "Plan", "cell": "N4"}` places it on an existing sheet.
 * Rates are in per cent (3 = 3%); money is in the table's units (£000 unless `units` says
 * otherwise). A malformed section is refused with a sentence naming the key.
 *
 * budget: a multi-year budget projection
 *
 *     "budget": {
 *       "firstYear": "2025/26", "years": 3,
 *       "lines": [
 *         { "label": "Older people", "base": 52000, "growth": 3.5 },
 *         { "label": "Learning disability", "base": 38000, "inflation": [4, 3.5, 3] }
 *       ],
 *       "inflation": 3, "growth": [2, 2, 1.5],
 *       "pressures": [500, 750, 1000], "savings": [-1200, -1500, -1500],
 *       "cashLimit": [93000, 95500, 98000],
 *       "units": "£000"
 *     }
 *
 *   Without "lines", or with "baseFrom": {"sheet": "Plan", "range": "B4:M52"}, the lines and
 *   their base figures come from a table PlanCheck found in the workbook (the first financial
 *   plan or totals grid, or the one at baseFrom): its line labels and its first year column;
 *   "firstYear" then defaults to the year after that column's.
 *
 * costBenefit: programme costs and benefits with payback and NPV (Birmingham 2008 table 9)
 *
 *     "costBenefit": {
 *       "firstYear": "2007/08",
 *       "costs": [{ "label": "3 year programme plan", "values": [4436, 10215, 12236, 6812] }],
 *       "benefits": [{ "label": "Gross cashable benefits", "values": [0, 450, 737, 2050] }],
 *       "discountRate": 3.5
 *     }
 *
 * savings: a savings envelope (Essex 2017)
 *
 *     "savings": {
 *       "firstYear": "2017/18", "units": "£m", "heading": "Adult Social Care",
 *       "budget": [421, 419, 433, 471],
 *       "savings": [0, -28, -61, -91],
 *       "alreadyPlanned": [0, -12.1, -15.4, -15.4]
 *     }
 *
 * demand: population × rate × unit cost (Manchester 2009)
 *
 *     "demand": {
 *       "years": ["2007", "2008", "2010"],
 *       "measure": "People with dementia",
 *       "bands": [{ "label": "Women 85+", "population": [4900, 5000, 5100], "rate": 25.2 }],
 *       "unitCost": 25000
 *     }
 *
 * Any table may also take "title", "name" (prefix of its named ranges and Excel table) and "at".
 * Instead of "at", budget, costBenefit, savings and benchmark may say "into" (a sheet and range, or
 * a defined name) to fill the council's own template: see savingsTemplateInput and the README.
 */
import { a1, parseA1, parseRange } from '../grid';
import type { FoundTable, ReadResult, TableColumn } from '../tables';
import { buildCostBenefit, type CostBenefitInput, type CostBenefitRow } from './costBenefit';
import { buildDemand, type DemandBand, type DemandInput } from './demand';
import { financialYearLabel, financialYearStart, safeName } from './layout';
import type { Anchor, GeneratedTable } from './layout';
import { buildBudgetProjection, type BudgetLine, type BudgetProjectionInput, type PerYear } from './projection';
import { buildSavingsEnvelope, type SavingsEnvelopeInput } from './savings';
import type { BenchmarkTemplateInput } from './templateBenchmark';
import type { CostBenefitTemplateInput } from './templateCostBenefit';
import type { SavingsTemplateInput } from './templateSavings';

/** Where to put a table on an existing sheet: `{"sheet": "Plan", "cell": "N4"}`. */
export interface AtConfig {
  sheet: string;
  cell: string;
}

interface Placed {
  at?: AtConfig;
}

export interface BudgetConfig extends Placed, Omit<BudgetProjectionInput, 'lines' | 'firstYear'> {
  lines?: BudgetLine[];
  firstYear?: string;
  /** Take the base lines from the table found at this range. */
  baseFrom?: { sheet: string; range: string };
}
export interface CostBenefitConfig extends Placed, CostBenefitInput {}
export interface SavingsConfig extends Placed, SavingsEnvelopeInput {}
export interface DemandConfig extends Placed, DemandInput {}

export interface ProjectionsConfig {
  budget?: BudgetConfig;
  costBenefit?: CostBenefitConfig;
  savings?: SavingsConfig;
  demand?: DemandConfig;
}

const KEYS = ['budget', 'costBenefit', 'savings', 'demand'] as const;

/** Builds every table the projections section asks for, in the order budget, costBenefit, savings, demand. */
export function buildProjections(
  projections: Record<string, unknown>,
  read: ReadResult | null,
  sheetNameFor: (base: string) => string,
): { name: string; table: GeneratedTable }[] {
  if (!isObject(projections))
    throw new Error('"projections" must be an object with budget, costBenefit, savings or demand.');
  if (!KEYS.some((k) => projections[k] !== undefined)) {
    throw new Error(
      `"projections" has none of budget, costBenefit, savings or demand (it has ${Object.keys(projections).join(', ') || 'nothing'}).`,
    );
  }
  const out: { name: string; table: GeneratedTable }[] = [];
  const place = (cfg: Obj, path: string, sheetBase: string, prefix: string) => {
    const placement = anchorFor(cfg, path, sheetBase, sheetNameFor);
    return { ...placement, name: optString(cfg.name, `${path}.name`) ?? defaultPrefix(prefix, placement) };
  };

  if (projections.budget !== undefined) {
    const path = 'projections.budget';
    const cfg = object(projections.budget, path);
    const p = place(cfg, path, 'Budget projection', 'Budget');
    const input = budgetInput(cfg, path, read);
    out.push({
      name: 'Budget projection',
      table: finish(buildBudgetProjection({ ...input, name: p.name }, p.anchor), p),
    });
  }
  if (projections.costBenefit !== undefined) {
    const path = 'projections.costBenefit';
    const cfg = object(projections.costBenefit, path);
    const p = place(cfg, path, 'Cost and benefit', 'CostBenefit');
    const input: CostBenefitInput = {
      firstYear: year(cfg.firstYear, `${path}.firstYear`),
      costs: labelledRows(cfg.costs, `${path}.costs`),
      benefits: labelledRows(cfg.benefits, `${path}.benefits`),
      discountRate: optNumber(cfg.discountRate, `${path}.discountRate`),
      ...common(cfg, path),
      name: p.name,
    };
    out.push({ name: 'Cost/benefit and payback', table: finish(buildCostBenefit(input, p.anchor), p) });
  }
  if (projections.savings !== undefined) {
    const path = 'projections.savings';
    const cfg = object(projections.savings, path);
    const p = place(cfg, path, 'Savings envelope', 'Savings');
    const input: SavingsEnvelopeInput = {
      firstYear: year(cfg.firstYear, `${path}.firstYear`),
      budget: numbers(cfg.budget, `${path}.budget`),
      savings: numbers(cfg.savings, `${path}.savings`),
      alreadyPlanned:
        cfg.alreadyPlanned === undefined ? undefined : numbers(cfg.alreadyPlanned, `${path}.alreadyPlanned`),
      heading: optString(cfg.heading, `${path}.heading`),
      ...common(cfg, path),
      name: p.name,
    };
    out.push({ name: 'Savings envelope', table: finish(buildSavingsEnvelope(input, p.anchor), p) });
  }
  if (projections.demand !== undefined) {
    const path = 'projections.demand';
    const cfg = object(projections.demand, path);
    const p = place(cfg, path, 'Demand', 'Demand');
    const input: DemandInput = {
      years: strings(cfg.years, `${path}.years`),
      bands: list(cfg.bands, `${path}.bands`).map((b, i) => demandBand(b, `${path}.bands[${i}]`)),
      unitCost: optNumber(cfg.unitCost, `${path}.unitCost`),
      measure: optString(cfg.measure, `${path}.measure`),
      ...common(cfg, path),
      name: p.name,
    };
    out.push({ name: 'Demand', table: finish(buildDemand(input, p.anchor), p) });
  }
  return out;
}

// ---- filling the council's own templates ("into")

/**
 * The figures a savings, cost/benefit or benchmarking template fill takes from the config: each only
 * for the template's empty cells (the template's own figures stand). Shapes as for the generated
 * tables; the benchmark's:
 *
 *     "benchmark": {
 *       "into": {"sheet": "ASCOF", "range": "A3:J29"}, "council": "WCC",
 *       "indicators": [{ "indicator": "1C1B", "own": 100, "comparators": [92.1, 88.4, ...] }],
 *       "comparatorNames": ["Shropshire", ...], "lowerIsBetter": ["2A1", "2A2"]
 *     }
 */
export function savingsTemplateInput(cfg: Obj, path: string): SavingsTemplateInput {
  return {
    firstYear: cfg.firstYear === undefined ? undefined : year(cfg.firstYear, `${path}.firstYear`),
    budget: cfg.budget === undefined ? undefined : numbers(cfg.budget, `${path}.budget`),
    savings: cfg.savings === undefined ? undefined : numbers(cfg.savings, `${path}.savings`),
    alreadyPlanned:
      cfg.alreadyPlanned === undefined ? undefined : numbers(cfg.alreadyPlanned, `${path}.alreadyPlanned`),
    name: optString(cfg.name, `${path}.name`),
  };
}

export function costBenefitTemplateInput(cfg: Obj, path: string): CostBenefitTemplateInput {
  return {
    firstYear: cfg.firstYear === undefined ? undefined : year(cfg.firstYear, `${path}.firstYear`),
    costs: cfg.costs === undefined ? undefined : labelledRows(cfg.costs, `${path}.costs`),
    benefits: cfg.benefits === undefined ? undefined : labelledRows(cfg.benefits, `${path}.benefits`),
  };
}

export function benchmarkTemplateInput(cfg: Obj, path: string): BenchmarkTemplateInput {
  return {
    council: optString(cfg.council, `${path}.council`),
    indicators:
      cfg.indicators === undefined
        ? undefined
        : list(cfg.indicators, `${path}.indicators`).map((v, i) => {
            const at = `${path}.indicators[${i}]`;
            const o = object(v, at);
            return {
              indicator: typeof o.indicator === 'number' ? String(o.indicator) : string(o.indicator, `${at}.indicator`),
              own: optNumber(o.own, `${at}.own`),
              comparators: o.comparators === undefined ? undefined : numbers(o.comparators, `${at}.comparators`),
            };
          }),
    comparatorNames:
      cfg.comparatorNames === undefined ? undefined : strings(cfg.comparatorNames, `${path}.comparatorNames`),
    lowerIsBetter: cfg.lowerIsBetter === undefined ? undefined : strings(cfg.lowerIsBetter, `${path}.lowerIsBetter`),
    higherIsBetter:
      cfg.higherIsBetter === undefined ? undefined : strings(cfg.higherIsBetter, `${path}.higherIsBetter`),
    name: optString(cfg.name, `${path}.name`),
  };
}

// ---- placement

function anchorFor(
  cfg: Obj,
  path: string,
  sheetBase: string,
  sheetNameFor: (base: string) => string,
): { anchor: Anchor; newSheet: boolean } {
  if (cfg.at === undefined) return { anchor: { sheet: sheetNameFor(sheetBase), row: 0, col: 0 }, newSheet: true };
  const at = object(cfg.at, `${path}.at`);
  const sheet = string(at.sheet, `${path}.at.sheet`);
  const cell = parseA1(string(at.cell, `${path}.at.cell`));
  if (!cell) throw new Error(`${path}.at.cell must be a cell address such as "N4"; it is "${String(at.cell)}".`);
  return { anchor: { sheet, row: cell.row, col: cell.col }, newSheet: false };
}

/** "Budget" on the first new sheet, "Budget_2" on "Budget projection (2)", "Budget_Plan_N4" at a given cell. */
function defaultPrefix(base: string, p: { anchor: Anchor; newSheet: boolean }): string {
  if (!p.newSheet) return safeName(`${base}_${p.anchor.sheet}_${a1(p.anchor.row, p.anchor.col)}`);
  const m = /\((\d+)\)\s*$/.exec(p.anchor.sheet);
  return m ? `${base}_${m[1]}` : base;
}

function finish(table: GeneratedTable, p: { newSheet: boolean }): GeneratedTable {
  if (p.newSheet) table.spec.newSheet = true;
  return table;
}

function common(cfg: Obj, path: string): { units?: string; title?: string } {
  return { units: optString(cfg.units, `${path}.units`), title: optString(cfg.title, `${path}.title`) };
}

// ---- budget

function budgetInput(cfg: Obj, path: string, read: ReadResult | null): BudgetProjectionInput {
  const years = cfg.years;
  if (typeof years !== 'number' || !Number.isInteger(years) || years < 1 || years > 30) {
    throw new Error(`${path}.years must be a whole number of years from 1 to 30; it is ${describe(years)}.`);
  }
  let lines: BudgetLine[];
  let firstYear = cfg.firstYear !== undefined ? year(cfg.firstYear, `${path}.firstYear`) : undefined;
  if (cfg.lines !== undefined && cfg.baseFrom === undefined) {
    lines = list(cfg.lines, `${path}.lines`).map((l, i) => budgetLine(l, `${path}.lines[${i}]`, years));
    if (lines.length === 0) throw new Error(`${path}.lines is empty; give at least one line.`);
  } else {
    const found = linesFromWorkbook(cfg, path, read);
    lines = found.lines;
    firstYear ??= found.nextYear;
  }
  if (firstYear === undefined) {
    throw new Error(`${path}.firstYear is missing; give the first projected year, such as "2025/26".`);
  }
  const rates = (key: string) => perYear(cfg[key], `${path}.${key}`, years);
  return {
    lines,
    firstYear,
    years,
    inflation: rates('inflation'),
    growth: rates('growth'),
    pressures: rates('pressures'),
    savings: rates('savings'),
    cashLimit: rates('cashLimit'),
    ...common(cfg, path),
  };
}

function budgetLine(v: unknown, path: string, years: number): BudgetLine {
  const o = object(v, path);
  const line: BudgetLine = { label: string(o.label, `${path}.label`), base: number(o.base, `${path}.base`) };
  if (o.inflation !== undefined) line.inflation = perYear(o.inflation, `${path}.inflation`, years);
  if (o.growth !== undefined) line.growth = perYear(o.growth, `${path}.growth`, years);
  return line;
}

const BASE_COLUMN_ROLES: TableColumn['role'][] = ['year', 'gross', 'net', 'figure', 'total'];

/** Lines and their base figures from a table the reader found: line labels and the first year column. */
function linesFromWorkbook(
  cfg: Obj,
  path: string,
  read: ReadResult | null,
): { lines: BudgetLine[]; nextYear?: string } {
  if (!read) throw new Error(`${path} has no "lines", and there is no workbook to take them from.`);
  let table: FoundTable | undefined;
  let rows: { top: number; bottom: number } | null = null;
  if (cfg.baseFrom !== undefined) {
    const from = object(cfg.baseFrom, `${path}.baseFrom`);
    const sheet = string(from.sheet, `${path}.baseFrom.sheet`);
    const range = parseRange(string(from.range, `${path}.baseFrom.range`));
    if (!range)
      throw new Error(`${path}.baseFrom.range must be a range such as "B4:M52"; it is "${String(from.range)}".`);
    table = read.tables.find(
      (t) =>
        t.sheet.toLowerCase() === sheet.toLowerCase() &&
        t.top <= range.bottom &&
        t.bottom >= range.top &&
        t.left <= range.right &&
        t.right >= range.left,
    );
    if (!table) throw new Error(`${path}.baseFrom: PlanCheck found no table at ${sheet}!${String(from.range)}.`);
    rows = { top: range.top, bottom: range.bottom };
  } else {
    table = read.tables.find((t) => t.kind === 'financial-plan' || t.kind === 'totals-grid');
    if (!table)
      throw new Error(
        `${path} has no "lines", and PlanCheck found no financial plan or totals grid to take them from.`,
      );
  }
  const t = table;
  const column = BASE_COLUMN_ROLES.map((role) => t.columns.find((c) => c.role === role)).find((c) => c !== undefined);
  if (!column) throw new Error(`${path}: the table at ${t.id} has no year column to take base figures from.`);
  const lines: BudgetLine[] = [];
  for (const row of t.rows) {
    if (row.role !== 'line' || row.hidden) continue;
    if (rows && (row.row < rows.top || row.row > rows.bottom)) continue;
    const value = read.figure(t.sheet, row.row, column.col).value;
    if (value === null) continue;
    lines.push({ label: row.label, base: value });
  }
  if (lines.length === 0)
    throw new Error(`${path}: the table at ${t.id} has no budget lines with figures in ${column.header}.`);
  return { lines, nextYear: column.year ? financialYearLabel(column.year.start + 1) : undefined };
}

// ---- cost/benefit and demand rows

/** Rows of {label, values}; a plain list of figures is one row with a default label. */
function labelledRows(v: unknown, path: string): CostBenefitRow[] {
  const rows = list(v, path).map((r, i) => {
    const o = object(r, `${path}[${i}]`);
    return { label: string(o.label, `${path}[${i}].label`), values: numbers(o.values, `${path}[${i}].values`) };
  });
  if (rows.length === 0) throw new Error(`${path} is empty; give at least one row.`);
  return rows;
}

function demandBand(v: unknown, path: string): DemandBand {
  const o = object(v, path);
  return {
    label: string(o.label, `${path}.label`),
    population: numbers(o.population, `${path}.population`),
    rate: number(o.rate, `${path}.rate`),
    unitCost: optNumber(o.unitCost, `${path}.unitCost`),
  };
}

// ---- shape checks: each throws a sentence naming the key

export type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  return `${JSON.stringify(v)}`.slice(0, 60);
}

function object(v: unknown, path: string): Obj {
  if (!isObject(v)) throw new Error(`${path} must be an object ({ ... }); it is ${describe(v)}.`);
  return v;
}

function list(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new Error(`${path} must be a list ([ ... ]); it is ${describe(v)}.`);
  return v;
}

function number(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${path} must be a number; it is ${describe(v)}.`);
  return v;
}

function optNumber(v: unknown, path: string): number | undefined {
  return v === undefined ? undefined : number(v, path);
}

function numbers(v: unknown, path: string): number[] {
  const l = list(v, path);
  if (l.length === 0) throw new Error(`${path} is empty; give one figure a year.`);
  return l.map((x, i) => number(x, `${path}[${i}]`));
}

function string(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw new Error(`${path} must be text; it is ${describe(v)}.`);
  return v;
}

function optString(v: unknown, path: string): string | undefined {
  return v === undefined ? undefined : string(v, path);
}

function strings(v: unknown, path: string): string[] {
  const l = list(v, path);
  if (l.length === 0) throw new Error(`${path} is empty.`);
  return l.map((x, i) => (typeof x === 'number' ? String(x) : string(x, `${path}[${i}]`)));
}

function year(v: unknown, path: string): string {
  const s = string(v, path);
  if (financialYearStart(s) === null) {
    throw new Error(`${path} must be a financial year such as "2025/26"; it is ${describe(v)}.`);
  }
  return s;
}

function perYear(v: unknown, path: string, years?: number): PerYear | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    if (years !== undefined && v.length !== years) {
      throw new Error(`${path} has ${v.length} figures but the projection has ${years} years.`);
    }
    return v as number[];
  }
  throw new Error(`${path} must be a number or a list of numbers, one a year; it is ${describe(v)}.`);
}
