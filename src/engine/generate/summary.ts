/**
 * A generated table's summary as a finance officer reads it: each figure under a written label
 * ("Net present value", not "Npv"), percentages as percentages ("Discount rate 3.5%"), money in
 * pounds said short ("£1.9m", "£250k", "£350", negatives in brackets as the table shows them), and
 * no line twice (the payback year is in "Payback" already). Shared by the pane's preview and the CLI.
 */
import { formatFigure } from '../numbers';
import { inPounds, poundsShort } from '../say';

type Kind = 'percent' | 'money' | 'figure' | 'text' | 'hide';

const LINES: Record<string, { label: string; kind: Kind }> = {
  payback: { label: 'Payback', kind: 'text' },
  paybackYear: { label: 'Payback year', kind: 'hide' },
  paybackYearNumber: { label: 'Payback year', kind: 'hide' },
  npv: { label: 'Net present value', kind: 'money' },
  discountRate: { label: 'Discount rate', kind: 'percent' },
  returnOnInvestment: { label: 'Return on investment', kind: 'percent' },
  totalCosts: { label: 'Total costs', kind: 'money' },
  totalBenefits: { label: 'Total benefits', kind: 'money' },
  runningReturn: { label: 'Net return over the period', kind: 'money' },
  firstYear: { label: 'First year', kind: 'text' },
  lastYear: { label: 'Last year', kind: 'text' },
  baseTotal: { label: 'Base budget', kind: 'money' },
  totalLastYear: { label: 'Total in the last year', kind: 'money' },
  netRequirementLastYear: { label: 'Net requirement in the last year', kind: 'money' },
  gapLastYear: { label: 'Gap in the last year', kind: 'money' },
  cumulativeGap: { label: 'Cumulative gap', kind: 'money' },
  envelopeLastYear: { label: 'Savings envelope in the last year', kind: 'money' },
  totalSavingsLastYear: { label: 'Total savings in the last year', kind: 'money' },
  // One sign convention for both, as the table's labels say: a reduction positive, a rise negative.
  reductionLastYear: { label: 'Total reduction in the last year (a reduction is positive)', kind: 'percent' },
  cashReductionLastYear: {
    label: 'Cash reduction in the last year against the first (a fall is positive, a rise negative)',
    kind: 'percent',
  },
  peopleLastYear: { label: 'People in the last year', kind: 'figure' },
  costLastYear: { label: 'Cost in the last year', kind: 'money' },
};

/** "paybackYear" -> "Payback year": for a key not in the list above. */
export function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A fraction as a percentage: 0.035 is "3.5%", 0.58 is "58%". */
export function percentText(v: number): string {
  return `${(v * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
}

/** A summary value as text: whole figures grouped (1,235), small ones to two decimals. */
function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    return formatFigure(v, { decimals: Number.isInteger(v) || Math.abs(v) >= 100 ? 0 : 2 });
  }
  return String(v);
}

/**
 * The summary's lines. `units` is the table's unit ("£000", "£m", "£"): money is said in pounds
 * from it; with no money unit the figure is given as the table prints it.
 */
export function summaryLines(summary: Record<string, unknown>, units?: string): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const [key, value] of Object.entries(summary)) {
    const line = LINES[key];
    if (line?.kind === 'hide' && 'payback' in summary) continue;
    const name = line?.label ?? humanise(key);
    let text = valueText(value);
    if (typeof value === 'number' && Number.isFinite(value)) {
      if (line?.kind === 'percent') text = percentText(value);
      else if (line?.kind === 'money') {
        const pounds = inPounds(value, units);
        // Generated tables show negatives in brackets (#,##0;(#,##0)).
        if (pounds !== null) text = poundsShort(pounds, true);
      }
    }
    out.push({ name, value: text });
  }
  return out;
}
