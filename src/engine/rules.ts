/**
 * Rules as people read them. A finding keeps its rule id ("funding.sum") for JSON output and for
 * accepting it; what a finance officer reads is the rule's name ("Funding adds up to the cash
 * limit"), and, where findings of one kind are folded into one line, a sentence counting them
 * ("12 risks have no owner").
 */
import type { Finding } from './findings';

interface RuleWords {
  /** The rule's plain name, for a report's Rule column. */
  name: string;
  /** Several findings of the rule in one register or table, counted: "12 risks have no owner". */
  many: (n: number) => string;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

const RULES: Record<string, RuleWords> = {
  'figures.unreadable': {
    name: 'Figure cannot be read',
    many: (n) => `${count(n, 'figure cannot', 'figures cannot')} be read`,
  },
  'figures.error-value': {
    name: 'Error value in a figure',
    many: (n) => `${count(n, 'cell shows', 'cells show')} an error value`,
  },
  'figures.as-text': {
    name: 'Figure stored as text',
    many: (n) => `${count(n, 'figure is', 'figures are')} stored as text, left out of their totals`,
  },
  'figures.not-a-figure': {
    name: 'Words where a figure belongs',
    many: (n) => `${count(n, 'cell holds', 'cells hold')} words where a figure belongs`,
  },
  'funding.sum': {
    name: 'Funding adds up to the cash limit',
    many: (n) => `${count(n, "line's funding does", "lines' funding does")} not add up to the cash limit`,
  },
  'funding.net-above-gross': {
    name: 'Net within gross',
    many: (n) => `${count(n, 'net budget is', 'net budgets are')} above gross`,
  },
  'funding.uplift': {
    name: 'Rise within inflation plus growth',
    many: (n) => `${count(n, 'figure rises', 'figures rise')} more than inflation plus growth`,
  },
  'totals.column': {
    name: 'Column total equals its lines',
    many: (n) => `${count(n, 'column total does', 'column totals do')} not equal their lines`,
  },
  'totals.subtotal': {
    name: 'Subtotal equals its lines',
    many: (n) => `${count(n, 'subtotal does', 'subtotals do')} not equal their lines`,
  },
  'totals.row': {
    name: 'Row total equals its figures',
    many: (n) => `${count(n, 'row total does', 'row totals do')} not equal their figures`,
  },
  'totals.across-sheets': {
    name: 'Summary equals its detail sheet',
    many: (n) =>
      `${count(n, 'summary figure differs', 'summary figures differ')} from the detail sheets they stand for`,
  },
  'totals.spend-funding': {
    name: 'Spend equals funding',
    many: (n) => `Spend and funding differ in ${count(n, 'column', 'columns')}`,
  },
  'savings.envelope': {
    name: 'Envelope equals budget plus savings',
    many: (n) => `${count(n, 'envelope is', 'envelopes are')} not budget plus savings`,
  },
  'savings.percent': {
    name: 'Reduction percentage',
    many: (n) => `${count(n, 'percentage does', 'percentages do')} not follow from the figures`,
  },
  'costbenefit.running-return': {
    name: 'Running return',
    many: (n) => `${count(n, 'running return differs', 'running returns differ')} from benefits less costs`,
  },
  'costbenefit.ratio': {
    name: 'Benefit ratio',
    many: (n) => `${count(n, 'benefit ratio differs', 'benefit ratios differ')} from benefits over costs`,
  },
  'cashlimit.over': {
    name: 'Within the cash limit',
    many: (n) => `The plan is over its cash limit in ${count(n, 'year', 'years')}`,
  },
  'cashlimit.headroom': {
    name: 'Headroom under the cash limit',
    many: (n) => `The plan is within its cash limit in ${count(n, 'year', 'years')}`,
  },
  'formulas.typed-number': {
    name: 'Number typed into a formula',
    many: (n) => `${count(n, 'formula has', 'formulas have')} a number typed into it`,
  },
  'formulas.sum-leaves-out': {
    name: 'Total formula leaves out rows',
    many: (n) => `${count(n, 'total formula leaves', 'total formulas leave')} out rows`,
  },
  'formulas.double-count': {
    name: 'Total formula counts twice',
    many: (n) => `${count(n, 'total formula counts', 'total formulas count')} figures twice`,
  },
  'formulas.typed-total': {
    name: 'Total typed among formulas',
    many: (n) => `${count(n, 'total is', 'totals are')} typed where the others are formulas`,
  },
  'formulas.inconsistent': {
    name: 'Formula unlike its neighbours',
    many: (n) => `${count(n, 'total formula is', 'total formulas are')} unlike their neighbours`,
  },
  'formulas.volatile': {
    name: 'Volatile formula among the figures',
    many: (n) => `${count(n, 'table takes', 'tables take')} figures from volatile formulas (RAND, NOW, OFFSET ...)`,
  },
  'structure.doubt': {
    name: 'Table read in doubt',
    many: (n) => `${count(n, 'total row', 'total rows')} could not be told apart`,
  },
  'risk.owner': { name: 'Risk owner', many: (n) => `${count(n, 'risk has', 'risks have')} no owner` },
  'risk.controls': {
    name: 'Controls recorded',
    many: (n) => `${count(n, 'risk has', 'risks have')} no controls recorded`,
  },
  'risk.review-date': {
    name: 'Review date',
    many: (n) => `${count(n, 'risk is', 'risks are')} past their review date`,
  },
  'risk.score': {
    name: 'Risk score',
    many: (n) => `${count(n, 'stated score differs', 'stated scores differ')} from likelihood × impact`,
  },
  'risk.rating': {
    name: 'Risk rating',
    many: (n) => `${count(n, 'rating does', 'ratings do')} not match the matrix's bands`,
  },
  'risk.level': {
    name: 'Likelihood or impact level',
    many: (n) => `${count(n, 'level is', 'levels are')} not on the matrix's scale`,
  },
  'risk.unscorable': {
    name: 'Risk cannot be scored',
    many: (n) => `${count(n, 'risk cannot', 'risks cannot')} be scored`,
  },
  'risk.residual': {
    name: 'Residual within inherent',
    many: (n) => `${count(n, 'residual score is', 'residual scores are')} above the inherent score`,
  },
  'risk.target': {
    name: 'Target no worse than now',
    many: (n) => `${count(n, 'target score is', 'target scores are')} above where the risk stands`,
  },
  'risk.matrix': { name: 'Risk matrix', many: (n) => `${count(n, 'problem', 'problems')} with the risk matrix` },
  'benchmark.own': {
    name: 'Your council',
    many: (n) => `${count(n, 'table does', 'tables do')} not name your council`,
  },
  'benchmark.figure': {
    name: 'Comparator figure',
    many: (n) => `${count(n, 'comparator figure cannot', 'comparator figures cannot')} be read`,
  },
  'benchmark.polarity': {
    name: 'Higher or lower is better',
    many: (n) => `${count(n, 'indicator does', 'indicators do')} not say whether higher or lower is better`,
  },
  'benchmark.average': {
    name: 'Comparator average',
    many: (n) => `${count(n, 'comparator average differs', 'comparator averages differ')} from the comparators`,
  },
  'benchmark.variance': {
    name: 'Variance',
    many: (n) => `${count(n, 'variance differs', 'variances differ')} from the figures`,
  },
  'benchmark.rank': {
    name: 'Rank',
    many: (n) => `${count(n, 'printed rank differs', 'printed ranks differ')} from the figures`,
  },
};

/** "funding.sum" -> "Funding adds up to the cash limit"; an unknown id in words ("Something new"). */
export function ruleName(rule: string): string {
  const known = RULES[rule];
  if (known) return known.name;
  const words = rule.split('.').pop()!.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Several findings of one rule counted in a sentence: "12 risks have no owner". */
export function manyFindings(rule: string, n: number): string {
  return RULES[rule]?.many(n) ?? `${ruleName(rule)}: ${count(n, 'finding', 'findings')}`;
}

/** Rules that every PlanCheck version names: for a test that each has a plain name. */
export const NAMED_RULES: readonly string[] = Object.keys(RULES);

/** One line of a list of findings: a finding on its own, or several of one kind in one table folded together. */
export type FindingLine = { finding: Finding } | { rule: string; table: string; summary: string; findings: Finding[] };

/** Where a finding belongs for folding: its register or table, else its sheet. */
function placeOf(f: Finding): string {
  return f.table ?? f.sheet;
}

/**
 * Folds repeated findings: `min` or more findings of one rule and severity in one register or table
 * become one line ("12 risks have no owner") that opens to them, placed where the first of them
 * stood. The order given (errors first) is kept.
 */
export function foldFindings(sorted: Finding[], min = 3): FindingLine[] {
  const groups = new Map<string, Finding[]>();
  const key = (f: Finding) => `${f.severity}|${f.rule}|${placeOf(f)}`;
  for (const f of sorted) {
    const k = key(f);
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  const out: FindingLine[] = [];
  const placed = new Set<string>();
  for (const f of sorted) {
    const k = key(f);
    const g = groups.get(k)!;
    if (g.length < min) {
      out.push({ finding: f });
      continue;
    }
    if (placed.has(k)) continue;
    placed.add(k);
    out.push({
      rule: f.rule,
      table: placeOf(f),
      summary: `${manyFindings(f.rule, g.length)} (${placeOf(f)})`,
      findings: g,
    });
  }
  return out;
}
