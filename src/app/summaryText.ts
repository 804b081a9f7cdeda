/**
 * A generated table's summary as a finance officer reads it: each figure under a written label
 * ("Net present value", not "Npv"), percentages as percentages ("Discount rate 3.5%"), and no line
 * twice (the payback year is in "Payback" already).
 */
import { cellText } from './controller';

type Kind = 'percent' | 'figure' | 'text' | 'hide';

const LINES: Record<string, { label: string; kind: Kind }> = {
  payback: { label: 'Payback', kind: 'text' },
  paybackYear: { label: 'Payback year', kind: 'hide' },
  paybackYearNumber: { label: 'Payback year', kind: 'hide' },
  npv: { label: 'Net present value', kind: 'figure' },
  discountRate: { label: 'Discount rate', kind: 'percent' },
  returnOnInvestment: { label: 'Return on investment', kind: 'percent' },
  totalCosts: { label: 'Total costs', kind: 'figure' },
  totalBenefits: { label: 'Total benefits', kind: 'figure' },
  runningReturn: { label: 'Net return over the period', kind: 'figure' },
  firstYear: { label: 'First year', kind: 'text' },
  lastYear: { label: 'Last year', kind: 'text' },
  baseTotal: { label: 'Base budget', kind: 'figure' },
  totalLastYear: { label: 'Total in the last year', kind: 'figure' },
  netRequirementLastYear: { label: 'Net requirement in the last year', kind: 'figure' },
  gapLastYear: { label: 'Gap in the last year', kind: 'figure' },
  cumulativeGap: { label: 'Cumulative gap', kind: 'figure' },
  envelopeLastYear: { label: 'Savings envelope in the last year', kind: 'figure' },
  totalSavingsLastYear: { label: 'Total savings in the last year', kind: 'figure' },
  reductionLastYear: { label: 'Total reduction in the last year', kind: 'percent' },
  cashReductionLastYear: { label: 'Cash reduction in the last year', kind: 'percent' },
  peopleLastYear: { label: 'People in the last year', kind: 'figure' },
  costLastYear: { label: 'Cost in the last year', kind: 'figure' },
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

export function summaryLines(summary: Record<string, unknown>): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const [key, value] of Object.entries(summary)) {
    const line = LINES[key];
    if (line?.kind === 'hide' && 'payback' in summary) continue;
    const name = line?.label ?? humanise(key);
    const text =
      line?.kind === 'percent' && typeof value === 'number' && Number.isFinite(value)
        ? percentText(value)
        : cellText(value);
    out.push({ name, value: text });
  }
  return out;
}
