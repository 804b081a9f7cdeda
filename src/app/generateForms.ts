/**
 * The four generated tables' short forms: fields, plain-English labels, defaults, and the
 * parsing of what was typed. The controller turns parsed values into the engine's input.
 */
import { DEFAULT_SETTINGS, type Settings } from '../engine/settings';
import type { GenerateInput, GenerateKind } from './contract';

/** 'lines': one budget line a row, its name then its figure ("Residential care, 42,000"). */
export type FieldType = 'number' | 'text' | 'numbers' | 'lines';

export interface FormField {
  key: string;
  label: string;
  type: FieldType;
  hint?: string;
  /** An example, shown greyed in the empty box (never a value: the box stays empty until typed in). */
  example?: string;
  /** May be left empty. */
  optional?: boolean;
}

export interface GenerateForm {
  kind: GenerateKind;
  title: string;
  description: string;
  fields: FormField[];
}

export const GENERATE_FORMS: GenerateForm[] = [
  {
    kind: 'budget',
    title: 'Budget projection',
    description: 'A base budget carried forward year by year with inflation and demographic growth.',
    fields: [
      {
        key: 'lines',
        label: 'Budget lines, with their base-year budget (£000)',
        type: 'lines',
        hint: 'One line a row: its name, then its figure',
        example: 'Residential care, 42,000\nHome care, 12,500',
      },
      { key: 'firstYear', label: 'First year', type: 'text', example: '2025/26' },
      { key: 'years', label: 'Number of years', type: 'number' },
      { key: 'inflation', label: 'Inflation (% a year)', type: 'number' },
      { key: 'growth', label: 'Demographic growth (% a year)', type: 'number' },
      {
        key: 'pressures',
        label: 'Pressures by year (£000)',
        type: 'numbers',
        optional: true,
        hint: 'One figure a year, or leave empty',
        example: '500, 600, 700',
      },
      {
        key: 'savings',
        label: 'Savings by year (£000)',
        type: 'numbers',
        optional: true,
        hint: 'One figure a year, or leave empty',
        example: '1,000, 1,200, 1,500',
      },
      {
        key: 'cashLimit',
        label: 'Cash limit by year (£000)',
        type: 'numbers',
        optional: true,
        hint: 'One figure a year, or leave empty',
        example: '110,000, 112,000, 114,000',
      },
    ],
  },
  {
    kind: 'costBenefit',
    title: 'Cost/benefit and payback',
    description: 'Costs and benefits by year, the running return and the payback year.',
    fields: [
      { key: 'firstYear', label: 'First year', type: 'text', example: '2025/26' },
      {
        key: 'costs',
        label: 'Costs by year (£000)',
        type: 'numbers',
        hint: 'Separate the years with commas',
        example: '500, 1,200, 800, 300, 300',
      },
      {
        key: 'benefits',
        label: 'Benefits by year (£000)',
        type: 'numbers',
        hint: 'Separate the years with commas',
        example: '0, 400, 1,100, 1,600, 1,800',
      },
      { key: 'discountRate', label: 'Discount rate (% a year)', type: 'number', hint: 'Green Book: 3.5' },
    ],
  },
  {
    kind: 'savings',
    title: 'Savings envelope',
    description: 'Budget less savings gives the financial envelope, with the reduction each year.',
    fields: [
      { key: 'firstYear', label: 'First year', type: 'text', example: '2025/26' },
      {
        key: 'budget',
        label: 'Budget by year (£000)',
        type: 'numbers',
        hint: 'Separate the years with commas',
        example: '120,000, 123,600, 127,300',
      },
      {
        key: 'savings',
        label: 'Savings target by year (£000)',
        type: 'numbers',
        hint: 'Separate the years with commas',
        example: '4,000, 3,500, 3,000',
      },
    ],
  },
  {
    kind: 'demand',
    title: 'Demand',
    description: 'Population × the share who need support = people; × the cost per person = the cost.',
    fields: [
      { key: 'label', label: 'Age group', type: 'text', example: 'Aged 85 and over' },
      { key: 'population', label: 'Population in the first year', type: 'number', example: '7,200' },
      { key: 'growth', label: 'Population growth (% a year)', type: 'number' },
      { key: 'rate', label: 'Share needing support (%)', type: 'number', example: '22.5' },
      { key: 'unitCost', label: 'Cost per person a year (£)', type: 'number', example: '30,000' },
      { key: 'firstYear', label: 'First year', type: 'text', example: '2025/26' },
      { key: 'years', label: 'Number of years', type: 'number' },
    ],
  },
];

export function formFor(kind: GenerateKind): GenerateForm {
  const form = GENERATE_FORMS.find((f) => f.kind === kind);
  if (!form) throw new Error(`no form for ${kind}`);
  return form;
}

/** "2025/26" for the financial year (April to March) that holds a date. */
export function financialYear(date: Date): string {
  const start = date.getMonth() >= 3 ? date.getFullYear() : date.getFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/**
 * Defaults for a form: the year, how many years, the rates (the workbook's settings, else PlanCheck's
 * usual allowance) and the Green Book discount rate. Figures are never made up: they stay empty, the
 * fields' examples shown greyed, until the plan (src/app/planStart.ts) or the user gives them.
 */
export function defaultValues(kind: GenerateKind, settings: Settings, today = new Date()): Record<string, string> {
  const inflation = String(settings.uplift?.inflation ?? DEFAULT_SETTINGS.uplift.inflation);
  const growth = String(settings.uplift?.growth ?? DEFAULT_SETTINGS.uplift.growth);
  const firstYear = financialYear(today);
  switch (kind) {
    case 'budget':
      return {
        lines: '',
        firstYear,
        years: '5',
        inflation,
        growth,
        pressures: '',
        savings: '',
        cashLimit: cashLimitsFrom(settings, firstYear, 5),
      };
    case 'costBenefit':
      return {
        firstYear,
        costs: '',
        benefits: '',
        discountRate: '3.5',
      };
    case 'savings':
      return { firstYear, budget: '', savings: '' };
    case 'demand':
      return {
        label: '',
        population: '',
        growth,
        rate: '',
        unitCost: '',
        firstYear,
        years: '5',
      };
  }
}

/** The settings' cash limits for n years from the first, as typed text; empty unless every year has one. */
function cashLimitsFrom(settings: Settings, firstYear: string, n: number): string {
  const limits = settings.cashLimits ?? {};
  const start = Number(firstYear.slice(0, 4));
  const figures: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = start + i;
    const figure = limits[`${y}/${String((y + 1) % 100).padStart(2, '0')}`];
    if (typeof figure !== 'number') return '';
    figures.push(figure);
  }
  return figures.join(', ');
}

/** Reads "£1,234", "(28)" or "12.5" as a number; null if it is not one. */
export function parseNumber(text: string): number | null {
  let t = text.trim().replace(/[£,\s%]/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(t)) {
    negative = true;
    t = t.slice(1, -1);
  }
  if (!/^-?\d+(\.\d+)?$|^-?\.\d+$/.test(t)) return null;
  const n = Number(t);
  return negative ? -n : n;
}

/**
 * The form value naming the plan table the lines were taken from ("Financial plan!B5:M54"): not a
 * field, so nothing to type, but the insert looks there first for the cells the lines stand for.
 */
export const PLAN_KEY = 'plan';

/** "a", "a and b", "a; b and c" (labels hold commas of their own). */
function listed(items: string[]): string {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join('; ')} and ${items[items.length - 1]}`;
}

export type ParsedForm = { ok: true; input: GenerateInput } | { ok: false; error: string };

/** Parses typed values; the first problem becomes the sentence shown under the form. */
export function parseForm(
  kind: GenerateKind,
  values: Record<string, string>,
  /** Filling a template: its own figures may stand in for the form's, so figure lists may be left empty. */
  options: { template?: boolean } = {},
): ParsedForm {
  const input: GenerateInput = {};
  const fields = formFor(kind).fields;
  const optional = (f: FormField) => f.optional || (options.template && (f.type === 'lines' || f.type === 'numbers'));
  const missing = fields.filter((f) => !optional(f) && !(values[f.key] ?? '').trim()).map((f) => f.label.toLowerCase());
  if (missing.length > 0) return { ok: false, error: `Fill in ${listed(missing)}.` };
  if (values[PLAN_KEY]) input[PLAN_KEY] = values[PLAN_KEY];
  for (const field of fields) {
    const raw = (values[field.key] ?? '').trim();
    if (raw === '') continue;
    if (field.type === 'lines') {
      const lines = parseLines(raw, field.label);
      if (!lines.ok) return lines;
      input.lineLabels = lines.lines.map((l) => l.label);
      input.lineBases = lines.lines.map((l) => l.base);
    } else if (field.type === 'text') {
      input[field.key] = raw;
    } else if (field.type === 'number') {
      const n = parseNumber(raw);
      if (n === null) return { ok: false, error: `${field.label} should be a number; "${raw}" is not one.` };
      input[field.key] = n;
    } else {
      const parts = splitFigures(raw);
      const list: number[] = [];
      for (const p of parts) {
        const n = parseNumber(p);
        if (n === null) return { ok: false, error: `${field.label}: "${p.trim()}" is not a number.` };
        list.push(n);
      }
      input[field.key] = list;
    }
  }
  if (typeof input.years === 'number' && (input.years < 1 || input.years > 30 || !Number.isInteger(input.years))) {
    return { ok: false, error: 'The number of years should be a whole number from 1 to 30.' };
  }
  return { ok: true, input };
}

/** A budget line as typed: its name and its base-year figure. */
export interface TypedLine {
  label: string;
  base: number;
}

/**
 * Reads budget lines typed one a row, the name then the figure ("Residential care, 42,000", or a row
 * pasted from Excel with a tab between); the figure may carry commas, £ or brackets.
 */
export function parseLines(
  text: string,
  what = 'Budget lines',
): { ok: true; lines: TypedLine[] } | { ok: false; error: string } {
  const lines: TypedLine[] = [];
  const rows = text.split(/\r?\n/).map((r) => r.trim());
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row) continue;
    const m = /^(.*?)\s*[,;:\t]\s*(\(?-?£?\s*[\d,]*\.?\d+\)?)\s*$/.exec(row);
    const label = m?.[1].trim();
    const base = m ? parseNumber(m[2]) : null;
    if (!m || !label || base === null) {
      return {
        ok: false,
        error: `${what}: row ${i + 1} ("${row}") needs a name, then a comma, then its figure, e.g. "${label || row}, 12,000".`,
      };
    }
    if (lines.some((l) => l.label.toLowerCase() === label.toLowerCase()))
      return { ok: false, error: `${what}: "${label}" is given twice; give each line once.` };
    lines.push({ label, base });
  }
  if (lines.length === 0) return { ok: false, error: `Fill in ${what.toLowerCase()}.` };
  return { ok: true, lines };
}

/**
 * A list of figures as typed: "500, 1200, 800", "500,1200,800", "4,000, 3,500, 3,000" (commas in the
 * figures, a comma and a space between them), "4000; 3500" or a row pasted from Excel (tabs). Where
 * some comma is followed by a space, only those separate figures and the others group thousands.
 */
export function splitFigures(text: string): string[] {
  const spaced = /[,;]\s|\t|;/.test(text);
  const parts = spaced ? text.split(/[,;]\s+|\t+|;|\s{2,}/) : text.split(/,|\s{2,}/);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

// ---- Reading parsed form values (the controller's engine and the template fill share these) ----

/** A number the form gave, or undefined. */
export function inputNumber(input: GenerateInput, key: string): number | undefined {
  const v = input[key];
  return typeof v === 'number' ? v : undefined;
}

/** A text the form gave, or undefined. */
export function inputText(input: GenerateInput, key: string): string | undefined {
  const v = input[key];
  return typeof v === 'string' ? v : undefined;
}

/** A list of figures the form gave (one a year), or undefined. */
export function inputFigures(input: GenerateInput, key: string): number[] | undefined {
  const v = input[key];
  return Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : undefined;
}

/** The budget lines the form gave: names and base-year figures, in the order typed, with the plan's cell each stands for. */
export function inputLines(input: GenerateInput): (TypedLine & { source?: string })[] {
  const labels = Array.isArray(input.lineLabels) ? input.lineLabels : [];
  const bases = inputFigures(input, 'lineBases') ?? [];
  const sources = Array.isArray(input.lineSources) ? input.lineSources.map(String) : [];
  return labels.map((label, i) => ({
    label: String(label),
    base: bases[i] ?? 0,
    ...(sources[i] ? { source: sources[i] } : {}),
  }));
}

/** The names the cost/benefit form's single cost row and benefit row take. */
export const COST_LINE = 'Programme costs';
export const BENEFIT_LINE = 'Gross benefits';
