/**
 * Column roles from header text and from what the column holds, and the reading of a table's
 * columns with them (readColumns).
 */
import type { SheetView } from '../grid';
import { columnLetter } from '../grid';
import type { Settings } from '../settings';
import { cellText, formatShows, type FigureAt } from './cells';
import type { ColumnRole, FinancialYear, TableColumn } from './types';
import { FIGURE_ROLES } from './types';
import { parseUnit } from './units';
import { parseFinancialYear } from './years';

/** What a column holds below its header. */
export interface ColumnStats {
  numbers: number;
  texts: number;
  blanks: number;
  /** Longest text, in characters. */
  longest: number;
  /** Y/N-like values. */
  flags: number;
  /** Short codes ("01", "S1", "M2.1", "2A1"). */
  codes: number;
  /** Cells that look like figures but cannot be read as one ("1,2O4", a phone number); counted in numbers too. */
  bad: number;
  /** Numbers shown with a date number format. */
  dates: number;
  /** Numbers shown with a percentage number format, or printed with "%". */
  percents: number;
  /**
   * Every figure a typed whole number from 1 to 99,999, each larger than the one above it, four or
   * more of them: a form's line numbers or a running reference, unless its totals add up.
   */
  ascending?: boolean;
}

/** Header words of columns that hold things other than figures, whatever their cells look like. */
const NOT_FIGURES =
  /\b(phone|tel|telephone|mobile|fax|post\s?code|e-?mail|room|extension|ext|address|contact|postcode|ni number|nhs number|cost centre code|account code|size|dimensions?)\b/i;
/** Measures a header names for a figure column: like is compared with like. */
const MEASURES: [string, RegExp][] = [
  ['gross', /\bgross\b/i],
  ['net', /\bnet\b/i],
  ['variance', /\bvariance\b/i],
  ['forecast', /\b(forecast|projected outturn|projection)\b/i],
  ['actual', /\b(actuals?|outturn|spent to date)\b/i],
  ['income', /\bincome\b/i],
  ['budget', /\bbudget\b/i],
];

/** The measure a header names ("Base budget 2023-24 / Gross" -> "gross"), the most specific part first. */
export function measureOf(header: string): string | undefined {
  const parts = header.split(' / ').reverse();
  for (const part of parts) for (const [name, re] of MEASURES) if (re.test(part)) return name;
  return undefined;
}

export const TOTAL_LABEL = /^\s*(grand\s+)?totals?\b|\btotals?\s*$|^\s*net\s+total\b/i;
export const SUBTOTAL_LABEL = /\bsub[\s-]?totals?\b/i;
/** A budget build-up's last line: what is carried forward is the brought-forward figure and its movements. */
export const CARRIED_FORWARD_LABEL = /\bc\/f\b|\bcarried\s+forward\b|^\s*closing\s+(budget|balance|position)\b/i;

const RISK_WORDS = {
  likelihood: /\b(likelihood|probability|prob\.?)\b|^\s*l\s*$/i,
  impact: /\b(impact|consequence|severity)\b|^\s*c\s*$|^\s*i\s*$/i,
  score: /\bscore\b/i,
  rating: /\b(rating|rag|band|level)\b/i,
  owner: /\b(owner|lead|responsib\w*|manager)\b/i,
  controls: /\b(controls?|mitigat\w*|management|actions?)\b/i,
  date: /\b(date|review|deadline)\b/i,
};

export interface RoleContext {
  /** The own council's name from the settings, for comparator tables. */
  own?: string;
}

/** Headers of unit costs and rates (a package's "Weekly cost" is money that adds up, not a rate). */
const UNIT_COST =
  /\bunit\s+costs?\b|\bcost\s+per\b|\bper\s+(week|wk|client|head|person|hour|hr|day|year|annum|bed|place|user|case)\b|£\s*\/\s*(week|wk|hour|hr|day|year)\b|\bhourly\s+rates?\b|\baverage\s+(weekly\s+)?cost\b/i;

/** The last part of a joined header ("Budget Funding / 2009/10" -> "2009/10"). */
function lastPart(header: string): string {
  const parts = header.split(' / ');
  return parts[parts.length - 1];
}

/** A role and year from the header alone; null when the header says nothing decisive. */
export function roleFromHeader(
  header: string,
  ctx: RoleContext = {},
): { role: ColumnRole; year?: FinancialYear; riskSet?: 'inherent' | 'residual' | 'target' } | null {
  const h = header.trim();
  if (h === '') return null;
  const last = lastPart(h);
  if (/%|\b(per ?cent|percentage|ratio|proportion)\b/i.test(last)) return { role: 'ratio' };
  // A unit cost or rate (£ a week per client, cost per head): averaged, never added.
  if (UNIT_COST.test(last)) return { role: 'ratio' };
  if (NOT_FIGURES.test(last) && !/\b(budget|cost|spend|income|total)\b/i.test(last)) return { role: 'text' };
  if (/^\s*(financial\s+)?years?\s*$/i.test(last)) return { role: 'label' };
  const lastYear = parseFinancialYear(last);
  const year = lastYear ?? parseFinancialYear(h);
  if (year && !lastYear) {
    // The year is over the column (a base-year block over Gross | Net): the measure below decides.
    const measure = measureOf(last);
    if (measure === 'gross') return { role: 'gross', year };
    if (measure === 'net') return { role: 'net', year };
  }
  if (/^\s*(ref\.?|reference|no\.?|id|#)\s*$/i.test(last)) return { role: 'ref' };
  // A form's line numbers (110, 120, ... 190): references, never figures.
  if (/^\s*((form\s+)?line(\s*(no\.?|number|ref\.?))?|row\s*(no\.?|number))\s*$/i.test(last)) return { role: 'ref' };
  if (/\bdescription\b/i.test(last) && !/\b(controls?|mitigat\w*|actions?)\b/i.test(last)) return null;
  if (/\bsource\b/i.test(last)) return { role: 'source' };
  if (year) {
    if (/\b(funding|funded|financed|income)\b/i.test(h) && !/\bgross\b/i.test(h)) return { role: 'funding', year };
    return { role: 'year', year };
  }
  if (
    (/^\s*(grand\s+)?total\b|\btotal\s*$|^\s*full[\s-]+year\b|^\s*(annual|year)\s+total\s*$/i.test(last) &&
      !/\bmainstream\b/i.test(last)) ||
    /^\s*full[\s-]+year\s*$/i.test(last)
  )
    return { role: 'total' };
  const money = String.raw`(\s+(budget|cash limit|expenditure|spend|cost|requirement))?\s*(£\S*)?\s*$`;
  if (new RegExp(String.raw`^\s*gross` + money, 'i').test(last)) return { role: 'gross' };
  if (new RegExp(String.raw`^\s*net` + money, 'i').test(last)) return { role: 'net' };
  if (/\b(good is|polarity|better if|direction)\b/i.test(h)) return { role: 'polarity' };
  if (ctx.own && sameCouncil(last, ctx.own)) return { role: 'own' };
  if (/\brank\b/i.test(h) && !/\brisk\b/i.test(h)) return /^\s*rank\s*$/i.test(h) ? { role: 'ref' } : { role: 'rank' };
  if (/\b(average|mean|median)\b|^\s*comparators?\s*$/i.test(last)) return { role: 'average' };
  if (/\b(variance|difference|gap)\b/i.test(last)) return { role: 'variance' };
  if (/\b(cassrs|councils|authorities|count|number in group)\b/i.test(last)) return { role: 'count' };
  const riskSet = /\b(residual|after controls?|current)\b/i.test(h)
    ? 'residual'
    : /\btarget\b/i.test(h) && !/\bdate\b/i.test(h)
      ? 'target'
      : /\b(inherent|gross|before controls?|initial)\b/i.test(h)
        ? 'inherent'
        : undefined;
  const withSet = <T extends { role: ColumnRole }>(r: T) => (riskSet ? { ...r, riskSet } : r);
  if (RISK_WORDS.likelihood.test(last)) return withSet({ role: 'likelihood' });
  if (RISK_WORDS.impact.test(last)) return withSet({ role: 'impact' });
  if (RISK_WORDS.score.test(last)) return withSet({ role: 'score' });
  if (/\brisk\s+(rating|level|score)\b|^\s*rating\s*$|^\s*rag\b/i.test(last)) return withSet({ role: 'rating' });
  if (RISK_WORDS.owner.test(last)) return { role: 'owner' };
  if (RISK_WORDS.controls.test(last)) return { role: 'controls' };
  if (RISK_WORDS.date.test(last)) return { role: 'date' };
  if (/\?\s*(\(y\/n\))?\s*$|\(y\/n\)|^\s*a\/r\s*$/i.test(last)) return { role: 'flag' };
  return null;
}

/** "WCC" matches "Worcestershire County Council"; names compare without case or "Council". */
export function sameCouncil(header: string, own: string): boolean {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/\b(county|city|metropolitan|borough|district)?\s*council\b/g, '')
      .replace(/[^a-z]/g, '');
  const h = norm(header);
  const o = norm(own);
  if (h === '' || o === '') return false;
  if (h === o) return true;
  const initials = (s: string) =>
    s
      .split(/\s+/)
      .filter((w) => /^[A-Za-z]/.test(w))
      .map((w) => w[0].toUpperCase())
      .join('');
  const head = header.trim();
  return /^[A-Z]{2,5}$/.test(head) && (initials(own) === head || initials(`${own} County Council`) === head);
}

/** A role from what the column holds, when the header said nothing decisive. */
export function roleFromContent(stats: ColumnStats): ColumnRole {
  const filled = stats.numbers + stats.texts;
  if (filled === 0) return 'ignore';
  // Things that look like figures but mostly cannot be read as one (phone numbers, sizes, room codes) are words.
  if (stats.bad > 0 && stats.bad * 2 >= stats.numbers) return 'text';
  if (stats.dates > 0 && stats.dates * 2 >= stats.numbers) return 'date';
  if (stats.percents > 0 && stats.percents * 2 >= stats.numbers) return 'ratio';
  if (stats.flags > 0 && stats.flags >= filled * 0.8) return 'flag';
  if (stats.codes >= filled * 0.8 && stats.texts > 0) return 'text';
  if (stats.numbers >= stats.texts) return 'figure';
  return 'text';
}

const FLAG = /^\s*(y|n|yes|no|a|r|accept|reject)\s*$/i;

export function isFlagValue(text: string): boolean {
  return FLAG.test(text);
}

/**
 * The statisticians' marks for "no figure here": ".." (not available), ":" and "x" (not applicable
 * or suppressed), "[c]" (confidential), "[z]", "*", "n/a", "not available". Never a missing figure.
 */
const NO_FIGURE = /^\s*(\.{2,3}|:|x|\*|c|n\/?a|n\.a\.?|not available|not applicable|\[[a-z]{1,5}\]|†)\s*$/i;

export function isNoFigure(text: string): boolean {
  return NO_FIGURE.test(text);
}

/** Short reference codes: "01", "S1", "M2.1", "2A1", "1C1B". */
const HAS_DIGIT = /\d/;
const SHORT_CODE = /^[A-Za-z0-9]{1,4}([.-][A-Za-z0-9]{1,3}){0,2}$/;
const FORM_CODE = /^[A-Z]{1,4}\d[A-Z0-9]*$/;

export function isCode(text: string): boolean {
  const t = text.trim();
  if (t.length <= 7 && HAS_DIGIT.test(t) && SHORT_CODE.test(t)) return true;
  // Form and account codes: letters and digits run together, both present ("A02CY01", "A18PY14B").
  return t.length <= 12 && FORM_CODE.test(t) && HAS_DIGIT.test(t);
}

/**
 * The roles of a table's columns, from their headers and from what each holds under them (counted
 * into ColumnStats): a figure header over words is text, dates and percentages stay dates and
 * percentages, an ascending run of whole numbers is a line number; then the label column, with the
 * codes left of it as refs.
 */
export function readColumns(
  view: SheetView,
  figure: FigureAt,
  settings: Settings,
  headers: string[],
  left: number,
  right: number,
  firstData: number,
  bottom: number,
): TableColumn[] {
  const ctx = { own: settings.benchmark?.own };
  const cols: TableColumn[] = [];
  const stats: ColumnStats[] = [];
  for (let c = left; c <= right; c++) {
    const s: ColumnStats = {
      numbers: 0,
      texts: 0,
      blanks: 0,
      longest: 0,
      flags: 0,
      codes: 0,
      bad: 0,
      dates: 0,
      percents: 0,
    };
    let previous = 0;
    let ascending = true;
    for (let r = firstData; r <= bottom; r++) {
      const raw = view.value(r, c);
      if (typeof raw === 'number') {
        s.numbers++;
        if (ascending && (!Number.isInteger(raw) || raw <= previous || raw > 99999 || view.formula(r, c)))
          ascending = false;
        previous = raw;
        const shown = formatShows(view.numberFormat(r, c));
        if (shown === 'date') s.dates++;
        else if (shown === 'percent') s.percents++;
        continue;
      }
      if (raw === null) {
        s.blanks++;
        continue;
      }
      if (typeof raw === 'string' && isCode(raw)) {
        s.codes++;
        s.texts++;
        continue;
      }
      const f = figure(view.name, r, c);
      if (f.kind === 'number' || f.kind === 'nil' || f.kind === 'bad') s.numbers++;
      if (f.kind === 'bad') s.bad++;
      if (f.kind === 'number' && f.percent) s.percents++;
      else if (f.kind === 'blank') s.blanks++;
      else if (f.kind === 'text' || f.kind === 'error') {
        const t = cellText(view, r, c);
        s.texts++;
        s.longest = Math.max(s.longest, t.length);
        if (isFlagValue(t)) s.flags++;
      }
    }
    if (ascending && s.numbers >= 4 && s.texts === 0) s.ascending = true;
    stats.push(s);
    const header = headers[c - left];
    const fromHeader = roleFromHeader(header, ctx);
    const col: TableColumn = { col: c, letter: columnLetter(c), header, role: 'ignore' };
    const measure = measureOf(header);
    if (measure) col.measure = measure;
    if (fromHeader) {
      col.role = fromHeader.role;
      if (fromHeader.year) col.year = fromHeader.year;
      if (fromHeader.riskSet) col.riskSet = fromHeader.riskSet;
      // A "figure" header over a column of words is text (e.g. "Funding" naming sources).
      if (FIGURE_ROLES.has(col.role) && s.texts > s.numbers * 2 && s.texts > 1) {
        col.role = 'text';
        delete col.year;
      }
      // Dates and percentages under a figure's header are still dates and percentages.
      if (FIGURE_ROLES.has(col.role)) {
        const content = roleFromContent(s);
        if (content === 'date' || content === 'ratio') {
          col.role = content;
          delete col.year;
        }
      }
    } else col.role = s.ascending && runningNumbers(view, c, firstData, bottom) ? 'ref' : roleFromContent(s);
    const unit = parseUnit(header);
    if (unit && unit.label !== '%') col.unit = unit;
    else if (unit) col.unit = unit;
    cols.push(col);
  }
  // The label column: the first column of words that is not a short code; codes left of it are refs.
  const filled = (s: ColumnStats) => s.numbers + s.texts;
  const labelIdx = cols.findIndex(
    (c, i) =>
      (c.role === 'text' || (c.role === 'ignore' && stats[i].texts > 0)) &&
      stats[i].texts >= stats[i].numbers &&
      !(stats[i].codes >= filled(stats[i]) * 0.8 && stats[i].longest <= 7 && filled(stats[i]) > 0),
  );
  if (labelIdx >= 0) {
    cols[labelIdx].role = 'label';
    for (let i = 0; i < labelIdx; i++) {
      const s = stats[i];
      if ((cols[i].role === 'text' || cols[i].role === 'figure') && s.codes >= filled(s) * 0.6) cols[i].role = 'ref';
    }
  }
  return cols;
}

/**
 * An ascending column of whole numbers is a run of line numbers, not figures, where a row labelled
 * as a total holds a number that is not the sum of the numbers above it (190 under 110 ... 150).
 */
function runningNumbers(view: SheetView, col: number, firstData: number, bottom: number): boolean {
  let sum = 0;
  let sawTotal = false;
  for (let r = firstData; r <= bottom; r++) {
    const v = view.value(r, col);
    if (typeof v !== 'number') continue;
    const label = rowLabel(view, r, col);
    if (TOTAL_LABEL.test(label) || SUBTOTAL_LABEL.test(label)) {
      if (Math.abs(v - sum) < 0.5) return false;
      sawTotal = true;
      sum = 0;
    } else sum += v;
  }
  return sawTotal;
}

/** The words of a row left of a column, for telling totals from lines before roles are known. */
function rowLabel(view: SheetView, row: number, before: number): string {
  for (let c = before - 1; c >= 0 && c >= before - 4; c--) {
    const v = view.value(row, c);
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  for (let c = before + 1; c <= before + 2; c++) {
    const v = view.value(row, c);
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return '';
}
