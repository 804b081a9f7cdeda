/**
 * Programme cost/benefit with payback and net present value, after Birmingham 2008's
 * table 9 ("Net Financial Effect"): costs and benefits by year, the net benefit, the running
 * return (cumulative benefits less costs), the benefit ratio, the payback year, the NPV and
 * the return on investment.
 *
 * Conventions:
 * - Year 0 is the first column and is not discounted; year t is divided by (1 + r)^t, with r
 *   the discount rate (HM Treasury Green Book: 3.5% a year by default). Figures are taken as
 *   falling at the end of each year counted from year 0, as in the Green Book's tables.
 * - The payback year is the first year whose running return is not negative (0 or more); if
 *   none is, the payback is "not within the period".
 * - Benefit ratio = the year's benefits ÷ the year's costs (a ratio: Birmingham prints 3.16%
 *   for 5,932 of benefits on 1,875 of costs); "n/a" when a year has no costs.
 * - Return on investment = (total benefits − total costs) ÷ total costs over the period, undiscounted.
 */
import { FACTOR, Layout, MONEY, PERCENT, RATIO, financialYears, fraction, safeName } from './layout';
import type { Anchor, GeneratedTable } from './layout';

export interface CostBenefitRow {
  /** Workstream or benefit name, written as text. */
  label: string;
  /** One figure per year, year 0 first. */
  values: number[];
}

export interface CostBenefitInput {
  /** The label of year 0 ("2007/08"). */
  firstYear: string;
  costs: CostBenefitRow[];
  benefits: CostBenefitRow[];
  /** Discount rate in per cent (default 3.5, the Green Book rate). */
  discountRate?: number;
  /** Units for the title and the header ("£000", the default). */
  units?: string;
  title?: string;
  /** Prefix of the named ranges and the Excel table ("CostBenefit"). */
  name?: string;
}

export const GREEN_BOOK_RATE = 3.5;
export const NOT_WITHIN = 'not within the period';
const NA = 'n/a';

export function buildCostBenefit(input: CostBenefitInput, anchor: Anchor): GeneratedTable {
  if (input.costs.length === 0 || input.benefits.length === 0) {
    throw new Error('A cost/benefit table needs at least one row of costs and one of benefits.');
  }
  const n = input.costs[0].values.length;
  if (n === 0) throw new Error('A cost/benefit table needs at least one year of figures.');
  for (const row of [...input.costs, ...input.benefits]) {
    if (row.values.length !== n) {
      throw new Error(`"${row.label}" has ${row.values.length} years of figures where the first cost row has ${n}.`);
    }
  }
  const years = financialYears(input.firstYear, n);
  const units = input.units ?? '£000';
  const title = input.title ?? 'Cost/benefit and payback';
  const prefix = safeName(input.name ?? 'CostBenefit');
  const rate = fraction(input.discountRate ?? GREEN_BOOK_RATE);

  const L = new Layout(anchor);
  const yc = (t: number) => 1 + t;
  const totalCol = yc(n);
  const rateCell = L.addr(1, 1, true);

  L.text(0, 0, `${title} (${units})`, { bold: true });
  L.text(1, 0, 'Discount rate (HM Treasury Green Book)');
  L.text(1, 1, rate, { input: true, numberFormat: PERCENT });
  L.name(`${prefix}_DiscountRate`, 1, 1);
  L.text(2, 0, 'Year 0 is not discounted; year t is divided by (1 + rate)^t. Shaded cells are inputs.');

  const header = 4;
  L.text(header, 0, units, { bold: true });
  years.forEach((y, t) => L.text(header, yc(t), y, { bold: true }));
  L.text(header, totalCol, 'Total', { bold: true });
  const yearRow = header + 1;
  L.text(yearRow, 0, 'Year');
  years.forEach((_, t) => L.text(yearRow, yc(t), t));

  const rows: GeneratedTable['rows'] = [{ label: 'Year', values: [...years.map((_, t) => t), null] }];
  let r = yearRow + 1;
  const sumAcross = (row: number, values: number[], bold = false) => {
    const total = values.reduce((s, v) => s + v, 0);
    L.formula(row, totalCol, `SUM(${L.range(row, yc(0), row, yc(n - 1))})`, total, { numberFormat: MONEY, bold });
    return total;
  };

  /** Input rows, and a total row under them when there is more than one. Returns the row of the total. */
  const block = (list: CostBenefitRow[], totalLabel: string, name: string): { row: number; values: number[] } => {
    const first = r;
    for (const item of list) {
      L.text(r, 0, item.label);
      item.values.forEach((v, t) => L.text(r, yc(t), v, { input: true, numberFormat: MONEY }));
      rows.push({ label: item.label, values: [...item.values, sumAcross(r, item.values)] });
      r++;
    }
    L.name(name, first, yc(0), r - 1, yc(n - 1));
    if (list.length === 1) return { row: first, values: list[0].values };
    const values = years.map((_, t) => list.reduce((s, item) => s + item.values[t], 0));
    L.text(r, 0, totalLabel, { bold: true });
    values.forEach((v, t) =>
      L.formula(r, yc(t), `SUM(${L.range(first, yc(t), r - 1, yc(t))})`, v, { numberFormat: MONEY, bold: true }),
    );
    rows.push({ label: totalLabel, values: [...values, sumAcross(r, values, true)] });
    return { row: r++, values };
  };
  const costs = block(input.costs, 'Total costs', `${prefix}_Costs`);
  const benefits = block(input.benefits, 'Total benefits', `${prefix}_Benefits`);
  const totalCosts = costs.values.reduce((s, v) => s + v, 0);
  const totalBenefits = benefits.values.reduce((s, v) => s + v, 0);

  // Net benefit
  const netRow = r++;
  const net = years.map((_, t) => benefits.values[t] - costs.values[t]);
  L.text(netRow, 0, 'Net benefit (benefits less costs)', { bold: true });
  net.forEach((v, t) =>
    L.formula(netRow, yc(t), `${L.addr(benefits.row, yc(t))}-${L.addr(costs.row, yc(t))}`, v, {
      numberFormat: MONEY,
      bold: true,
    }),
  );
  rows.push({ label: 'Net benefit (benefits less costs)', values: [...net, sumAcross(netRow, net, true)] });

  // Running return
  const runRow = r++;
  const running: number[] = [];
  L.text(runRow, 0, 'Running return (cumulative benefits less costs)');
  net.forEach((v, t) => {
    running.push(t === 0 ? v : running[t - 1] + v);
    L.formula(
      runRow,
      yc(t),
      t === 0 ? L.addr(netRow, yc(t)) : `${L.addr(runRow, yc(t) - 1)}+${L.addr(netRow, yc(t))}`,
      running[t],
      { numberFormat: MONEY },
    );
  });
  rows.push({ label: 'Running return (cumulative benefits less costs)', values: [...running, null] });

  // Benefit ratio
  const ratioRow = r++;
  const ratio = (b: number, c: number): number | string => (c === 0 ? NA : b / c);
  const ratioFormula = (b: string, c: string) => `IF(${c}=0,"${NA}",${b}/${c})`;
  L.text(ratioRow, 0, 'Benefit ratio (benefits ÷ costs)');
  years.forEach((_, t) =>
    L.formula(
      ratioRow,
      yc(t),
      ratioFormula(L.addr(benefits.row, yc(t)), L.addr(costs.row, yc(t))),
      ratio(benefits.values[t], costs.values[t]),
      { numberFormat: RATIO },
    ),
  );
  const overallRatio = ratio(totalBenefits, totalCosts);
  L.formula(
    ratioRow,
    totalCol,
    ratioFormula(L.addr(benefits.row, totalCol), L.addr(costs.row, totalCol)),
    overallRatio,
    { numberFormat: RATIO },
  );
  rows.push({
    label: 'Benefit ratio (benefits ÷ costs)',
    values: [...years.map((_, t) => ratio(benefits.values[t], costs.values[t])), overallRatio],
  });

  // Paid back flags: what the payback formula looks up.
  const paidRow = r++;
  const paid = running.map((v) => (v >= 0 ? 1 : 0));
  L.text(paidRow, 0, 'Paid back (1 = running return not negative)');
  paid.forEach((v, t) => L.formula(paidRow, yc(t), `IF(${L.addr(runRow, yc(t))}>=0,1,0)`, v));
  rows.push({ label: 'Paid back (1 = running return not negative)', values: [...paid, null] });

  // Discounting
  const dfRow = r++;
  const df = years.map((_, t) => 1 / Math.pow(1 + rate, t));
  L.text(dfRow, 0, 'Discount factor');
  df.forEach((v, t) =>
    L.formula(dfRow, yc(t), `1/(1+${rateCell})^${L.addr(yearRow, yc(t))}`, v, { numberFormat: FACTOR }),
  );
  rows.push({ label: 'Discount factor', values: [...df, null] });

  const pvRow = r++;
  const pv = net.map((v, t) => v * df[t]);
  L.text(pvRow, 0, 'Discounted net benefit');
  pv.forEach((v, t) =>
    L.formula(pvRow, yc(t), `${L.addr(netRow, yc(t))}*${L.addr(dfRow, yc(t))}`, v, { numberFormat: MONEY }),
  );
  rows.push({ label: 'Discounted net benefit', values: [...pv, sumAcross(pvRow, pv)] });
  const tableBottom = pvRow;

  // Summary
  const s0 = tableBottom + 2;
  const yearsRange = L.range(header, yc(0), header, yc(n - 1));
  const paidRange = L.range(paidRow, yc(0), paidRow, yc(n - 1));
  const found = paid.indexOf(1);
  const paybackLabel = found < 0 ? NOT_WITHIN : years[found];
  const paybackNumber = found < 0 ? NOT_WITHIN : found;
  L.text(s0, 0, 'Payback year', { bold: true });
  L.formula(s0, 1, `IFERROR(INDEX(${yearsRange},1,MATCH(1,${paidRange},0)),"${NOT_WITHIN}")`, paybackLabel, {
    bold: true,
  });
  L.text(s0 + 1, 0, 'Payback: year number (year 0 first)');
  L.formula(
    s0 + 1,
    1,
    `IFERROR(INDEX(${L.range(yearRow, yc(0), yearRow, yc(n - 1))},1,MATCH(1,${paidRange},0)),"${NOT_WITHIN}")`,
    paybackNumber,
  );
  const npv = net.reduce((s, v, t) => s + v * df[t], 0);
  L.text(s0 + 2, 0, 'Net present value');
  L.formula(
    s0 + 2,
    1,
    `SUMPRODUCT(${L.range(netRow, yc(0), netRow, yc(n - 1))},${L.range(dfRow, yc(0), dfRow, yc(n - 1))})`,
    npv,
    {
      numberFormat: MONEY,
      bold: true,
    },
  );
  L.name(`${prefix}_NPV`, s0 + 2, 1);
  const roi = totalCosts === 0 ? NA : (totalBenefits - totalCosts) / totalCosts;
  const tb = L.addr(benefits.row, totalCol);
  const tc = L.addr(costs.row, totalCol);
  L.text(s0 + 3, 0, 'Return on investment ((benefits − costs) ÷ costs)');
  L.formula(s0 + 3, 1, `IF(${tc}=0,"${NA}",(${tb}-${tc})/${tc})`, roi, { numberFormat: PERCENT });

  const summary: GeneratedTable['summary'] = {
    payback: found < 0 ? NOT_WITHIN : `${years[found]} (year ${found})`,
    paybackYear: paybackLabel,
    paybackYearNumber: paybackNumber,
    npv,
    discountRate: rate,
    returnOnInvestment: roi,
    totalCosts,
    totalBenefits,
    runningReturn: running[n - 1],
  };

  return {
    spec: {
      title,
      anchor: { ...anchor },
      cells: L.grid(),
      excelTable: { name: `${prefix}_Table`, top: header, left: 0, bottom: tableBottom, right: totalCol },
      names: L.names,
      columnWidths: [48, ...years.map(() => 12), 12],
    },
    columns: [...years, 'Total'],
    rows,
    summary,
    units,
  };
}
