/**
 * The Settings view's form: the settings as text fields, each field's problem in a sentence (shown
 * beside the field), and the settings from a form that has none. Nothing is saved while a field has
 * a problem: a negative rounding allowance, a cash-limit row without its year or figure, a year
 * written twice.
 */
import { PRESETS } from '../engine/risk/matrix';
import type { RiskBand, Settings } from '../engine/settings';
import { parseNumber } from './generateForms';

export interface SettingsForm {
  perFigure: string;
  absolute: string;
  inflation: string;
  growth: string;
  limits: { year: string; figure: string }[];
  preset: string;
  /** Style of new tables: "house" (the workbook's own, the default) or "plain" (PlanCheck's). */
  style: 'house' | 'plain';
}

/** Each field's problem, where it has one. */
export interface FormProblems {
  perFigure?: string;
  absolute?: string;
  inflation?: string;
  growth?: string;
  limits: { year?: string; figure?: string }[];
}

export function toForm(s: Settings): SettingsForm {
  return {
    // Empty means "not set": rounding then follows each table's printed digits, and no uplift is judged.
    perFigure: s.rounding?.perFigure === undefined ? '' : String(s.rounding.perFigure),
    absolute: String(s.rounding?.absolute ?? 0),
    inflation: s.uplift?.inflation === undefined ? '' : String(s.uplift.inflation),
    growth: s.uplift?.growth === undefined ? '' : String(s.uplift.growth),
    limits: Object.entries(s.cashLimits ?? {}).map(([year, figure]) => ({ year, figure: String(figure) })),
    preset: s.risk?.preset ?? (s.risk?.bands ? 'custom' : 'nhs5x5'),
    style: s.style === 'plain' ? 'plain' : 'house',
  };
}

/** A figure that may be left empty (optional) and may not be below zero (allowance). */
function figureProblem(text: string, { optional, notNegative }: { optional: boolean; notNegative: boolean }) {
  if (text.trim() === '') return optional ? undefined : 'Give a figure (0 for none).';
  const n = parseNumber(text);
  if (n === null) return `“${text.trim()}” is not a number.`;
  if (notNegative && n < 0) return 'An allowance cannot be below zero.';
  return undefined;
}

export function formProblems(form: SettingsForm): FormProblems {
  const seen = new Set<string>();
  const limits = form.limits.map((l) => {
    const year = l.year.trim();
    const figure = l.figure.trim();
    const out: { year?: string; figure?: string } = {};
    if (!year)
      out.year = figure ? 'Give the year of this cash limit.' : 'Give a year and its cash limit, or remove the row.';
    else if (!/^\d{4}[/-]\d{2}$/.test(year)) out.year = 'Write the year like 2025/26.';
    else if (seen.has(year.replace('-', '/'))) out.year = `${year} has a cash limit above already.`;
    else seen.add(year.replace('-', '/'));
    if (!figure) out.figure = 'Give the cash limit for this year.';
    else if (parseNumber(figure) === null) out.figure = `“${figure}” is not a number.`;
    else if (parseNumber(figure)! < 0) out.figure = 'A cash limit cannot be below zero.';
    return out;
  });
  return {
    perFigure: figureProblem(form.perFigure, { optional: true, notNegative: true }),
    absolute: figureProblem(form.absolute, { optional: false, notNegative: true }),
    inflation: figureProblem(form.inflation, { optional: true, notNegative: false }),
    growth: figureProblem(form.growth, { optional: true, notNegative: false }),
    limits,
  };
}

export function hasProblems(p: FormProblems): boolean {
  return !!(p.perFigure || p.absolute || p.inflation || p.growth) || p.limits.some((l) => l.year || l.figure);
}

/** The settings from a form with no problems (formProblems first); null when it has some. */
export function fromForm(form: SettingsForm, base: Settings): Settings | null {
  if (hasProblems(formProblems(form))) return null;
  const opt = (text: string): number | undefined => (text.trim() === '' ? undefined : parseNumber(text)!);
  const perFigure = opt(form.perFigure);
  const inflation = opt(form.inflation);
  const growth = opt(form.growth);
  const cashLimits: Record<string, number> = {};
  for (const l of form.limits) cashLimits[l.year.trim().replace('-', '/')] = parseNumber(l.figure)!;
  const risk =
    form.preset === 'custom' ? base.risk : { ...base.risk, preset: form.preset, scale: undefined, bands: undefined };
  const rounding: Settings['rounding'] = { absolute: parseNumber(form.absolute)! };
  if (perFigure !== undefined) rounding.perFigure = perFigure;
  const next: Settings = { ...base, rounding, cashLimits, risk };
  // The default (the workbook's own style) is not written down; only the choice of plain is.
  if (form.style === 'plain') next.style = 'plain';
  else delete next.style;
  delete next.uplift;
  if (inflation !== undefined || growth !== undefined) {
    next.uplift = {};
    if (inflation !== undefined) next.uplift.inflation = inflation;
    if (growth !== undefined) next.uplift.growth = growth;
  }
  return next;
}

/**
 * What a matrix choice means, said beside it: the size and the score bands ("Scores 1–3 Low, 4–6
 * Moderate, 8–12 High, 15–25 Extreme"), so the choices themselves stay short enough for a narrow pane.
 */
export function matrixHint(preset: string, own?: RiskBand[]): string {
  const bands = preset === 'custom' ? own : PRESETS[preset]?.bands;
  if (!bands?.length) return '';
  const size = preset === 'custom' ? null : PRESETS[preset].size;
  const said = bands.map((b) => `${b.min === b.max ? b.min : `${b.min}–${b.max}`} ${b.name}`).join(', ');
  return `${size ? `Likelihood × impact, each 1–${size}. ` : 'The bands your workbook gives. '}Scores ${said}.`;
}
