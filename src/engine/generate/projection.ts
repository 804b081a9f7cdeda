/**
 * Multi-year budget projection. Each line's cost grows year on year by inflation and
 * demographic growth:
 *
 *     cost(t) = cost(t-1) × (1 + inflation(t)) × (1 + growth(t))
 *
 * then the lines are totalled, pressures added and savings taken off to give the net
 * requirement, which is set against the cash limit: the gap, and the cumulative gap.
 * Every rate, pressure, saving and cash limit sits in a shaded input cell with a name, and
 * the projection's formulas refer to those cells, so a changed rate flows through.
 */
import {
  Layout,
  MONEY,
  PERCENT,
  asSaving,
  fraction,
  financialYearLabel,
  financialYearStart,
  financialYears,
  safeName,
} from './layout';
import type { Anchor, GeneratedTable } from './layout';

/** A rate in per cent (3 = 3%): one figure for every year, or one per year. */
export type PerYear = number | number[];

export interface BudgetLine {
  /** The line's name, written as text whatever it looks like. */
  label: string;
  /** Its figure in the base year (the year before the first projected year). */
  base: number;
  /** This line's own inflation, in per cent, over the table's. */
  inflation?: PerYear;
  /** This line's own demographic growth, in per cent, over the table's. */
  growth?: PerYear;
  /**
   * The cell the base figure is in ("'Financial plan'!H9"), when it comes from the workbook: the base
   * cell is then a formula to it (its value stored), so the projection follows the plan.
   */
  source?: string;
}

export interface BudgetProjectionInput {
  lines: BudgetLine[];
  /** The first projected year ("2025/26"); the base figures belong to the year before. */
  firstYear: string;
  /** How many years to project. */
  years: number;
  /** Inflation for every line, in per cent (default 0). */
  inflation?: PerYear;
  /** Demographic growth for every line, in per cent (default 0). */
  growth?: PerYear;
  /** Pressures added to the total, per year, in the table's units (default 0). */
  pressures?: PerYear;
  /** Savings taken off, per year; shown negative whatever sign they are given with (default 0). */
  savings?: PerYear;
  /** The council's cash limit per year; without it there is no gap to show. */
  cashLimit?: PerYear;
  /** Units for the title ("£000", the default). */
  units?: string;
  title?: string;
  /** Prefix of the named ranges and the Excel table ("Budget"). */
  name?: string;
}

/** One figure per year from a single figure or a list; throws when the list is the wrong length. */
export function perYear(value: PerYear | undefined, years: number, what: string, fallback = 0): number[] {
  if (value === undefined) return Array.from({ length: years }, () => fallback);
  if (typeof value === 'number') return Array.from({ length: years }, () => value);
  if (value.length !== years) {
    throw new Error(
      `${what} has ${value.length} figure${value.length === 1 ? '' : 's'} but the projection has ${years} years.`,
    );
  }
  return [...value];
}

export function buildBudgetProjection(input: BudgetProjectionInput, anchor: Anchor): GeneratedTable {
  const n = input.years;
  if (!Number.isInteger(n) || n < 1) throw new Error('A budget projection needs at least one year.');
  if (input.lines.length === 0) throw new Error('A budget projection needs at least one budget line.');
  const years = financialYears(input.firstYear, n);
  const baseLabel = financialYearLabel((financialYearStart(input.firstYear) as number) - 1);
  const units = input.units ?? '£000';
  const title = input.title ?? 'Budget projection';
  const prefix = safeName(input.name ?? 'Budget');

  const inflation = perYear(input.inflation, n, 'Inflation').map(fraction);
  const growth = perYear(input.growth, n, 'Demographic growth').map(fraction);
  const pressures = perYear(input.pressures, n, 'Pressures');
  const savings = perYear(input.savings, n, 'Savings').map(asSaving);
  const cashLimit = input.cashLimit === undefined ? null : perYear(input.cashLimit, n, 'Cash limit');

  const L = new Layout(anchor);
  const yc = (t: number) => 2 + t; // column of projected year t (0-based); column 1 is the base year
  const last = yc(n - 1);

  L.text(0, 0, `${title} (${units})`, { bold: true });
  L.text(1, 0, 'Assumptions: the shaded cells are inputs; change one and the projection follows.');
  L.text(2, 0, 'Assumption', { bold: true });
  years.forEach((y, t) => L.text(2, yc(t), y, { bold: true }));

  let r = 3;
  const rateRow = (label: string, rates: number[], name?: string): number => {
    L.text(r, 0, label);
    rates.forEach((v, t) => L.text(r, yc(t), v, { input: true, numberFormat: PERCENT }));
    if (name) L.name(name, r, yc(0), r, last);
    return r++;
  };
  const moneyRow = (label: string, figures: number[], name: string): number => {
    L.text(r, 0, label);
    figures.forEach((v, t) => L.text(r, yc(t), v, { input: true, numberFormat: MONEY }));
    L.name(name, r, yc(0), r, last);
    return r++;
  };

  const inflationRow = rateRow('Inflation (all lines)', inflation, `${prefix}_Inflation`);
  const growthRow = rateRow('Demographic growth (all lines)', growth, `${prefix}_Growth`);
  // Lines with rates of their own get rows of their own.
  const lineRates = input.lines.map((line, i) => ({
    inflation:
      line.inflation === undefined
        ? inflationRow
        : rateRow(`Inflation: ${line.label}`, perYear(line.inflation, n, `Inflation for line ${i + 1}`).map(fraction)),
    growth:
      line.growth === undefined
        ? growthRow
        : rateRow(
            `Demographic growth: ${line.label}`,
            perYear(line.growth, n, `Growth for line ${i + 1}`).map(fraction),
          ),
  }));
  const pressuresRow = moneyRow('Pressures', pressures, `${prefix}_Pressures`);
  const savingsRow = moneyRow('Savings (negative)', savings, `${prefix}_Savings`);
  const cashRow = cashLimit ? moneyRow('Cash limit', cashLimit, `${prefix}_CashLimit`) : -1;

  // The projection itself.
  const header = r + 1;
  L.text(header, 0, 'Budget line', { bold: true });
  L.text(header, 1, `${baseLabel} (base)`, { bold: true });
  years.forEach((y, t) => L.text(header, yc(t), y, { bold: true }));
  const rateValue = (row: number, t: number): number => {
    const cell = L.cells[row][yc(t)];
    return cell?.value as number;
  };

  const lineValues: number[][] = [];
  input.lines.forEach((line, i) => {
    const row = header + 1 + i;
    L.text(row, 0, line.label);
    if (line.source) L.formula(row, 1, line.source, line.base, { numberFormat: MONEY });
    else L.text(row, 1, line.base, { input: true, numberFormat: MONEY });
    const values = [line.base];
    for (let t = 0; t < n; t++) {
      const { inflation: ir, growth: gr } = lineRates[i];
      const v = values[t] * (1 + rateValue(ir, t)) * (1 + rateValue(gr, t));
      L.formula(row, yc(t), `${L.addr(row, yc(t) - 1)}*(1+${L.addr(ir, yc(t))})*(1+${L.addr(gr, yc(t))})`, v, {
        numberFormat: MONEY,
      });
      values.push(v);
    }
    lineValues.push(values);
  });
  const firstLine = header + 1;
  const lastLine = header + input.lines.length;
  L.name(`${prefix}_Base`, firstLine, 1, lastLine, 1);

  const totalRow = lastLine + 1;
  const totals: number[] = [];
  L.text(totalRow, 0, 'Total', { bold: true });
  for (let c = 1; c <= last; c++) {
    const v = lineValues.reduce((s, lv) => s + lv[c - 1], 0);
    totals.push(v);
    L.formula(totalRow, c, `SUM(${L.range(firstLine, c, lastLine, c)})`, v, { numberFormat: MONEY, bold: true });
  }

  const refRow = (row: number, label: string, from: number, values: number[]): void => {
    L.text(row, 0, label);
    values.forEach((v, t) => L.formula(row, yc(t), L.addr(from, yc(t)), v, { numberFormat: MONEY }));
  };
  refRow(totalRow + 1, 'Add: pressures', pressuresRow, pressures);
  refRow(totalRow + 2, 'Less: savings', savingsRow, savings);

  const netRow = totalRow + 3;
  const net = years.map((_, t) => totals[t + 1] + pressures[t] + savings[t]);
  L.text(netRow, 0, 'Net requirement', { bold: true });
  net.forEach((v, t) =>
    L.formula(
      netRow,
      yc(t),
      `${L.addr(totalRow, yc(t))}+${L.addr(totalRow + 1, yc(t))}+${L.addr(totalRow + 2, yc(t))}`,
      v,
      { numberFormat: MONEY, bold: true },
    ),
  );

  const rows: GeneratedTable['rows'] = [
    ...input.lines.map((line, i) => ({ label: line.label, values: lineValues[i] as (number | null)[] })),
    { label: 'Total', values: totals },
    { label: 'Add: pressures', values: [null, ...pressures] },
    { label: 'Less: savings', values: [null, ...savings] },
    { label: 'Net requirement', values: [null, ...net] },
  ];
  const summary: GeneratedTable['summary'] = {
    firstYear: years[0],
    lastYear: years[n - 1],
    baseTotal: totals[0],
    totalLastYear: totals[n],
    netRequirementLastYear: net[n - 1],
  };

  if (cashLimit) {
    const limit = cashLimit;
    refRow(netRow + 1, 'Cash limit', cashRow, limit);
    const gapRow = netRow + 2;
    const cumRow = netRow + 3;
    const gap = net.map((v, t) => v - limit[t]);
    const cumulative: number[] = [];
    L.text(gapRow, 0, 'Gap (requirement less cash limit)', { bold: true });
    L.text(cumRow, 0, 'Cumulative gap');
    gap.forEach((v, t) => {
      L.formula(gapRow, yc(t), `${L.addr(netRow, yc(t))}-${L.addr(netRow + 1, yc(t))}`, v, {
        numberFormat: MONEY,
        bold: true,
      });
      const cum = t === 0 ? v : cumulative[t - 1] + v;
      cumulative.push(cum);
      L.formula(
        cumRow,
        yc(t),
        t === 0 ? L.addr(gapRow, yc(t)) : `${L.addr(cumRow, yc(t) - 1)}+${L.addr(gapRow, yc(t))}`,
        cum,
        { numberFormat: MONEY },
      );
    });
    rows.push(
      { label: 'Cash limit', values: [null, ...limit] },
      { label: 'Gap (requirement less cash limit)', values: [null, ...gap] },
      { label: 'Cumulative gap', values: [null, ...cumulative] },
    );
    summary.gapLastYear = gap[n - 1];
    summary.cumulativeGap = cumulative[n - 1];
  }

  return {
    spec: {
      title,
      anchor: { ...anchor },
      cells: L.grid(),
      excelTable: { name: `${prefix}_Lines`, top: header, left: 0, bottom: lastLine, right: last },
      names: L.names,
      columnWidths: [
        Math.max(30, ...input.lines.map((l) => Math.min(60, l.label.length + 2))),
        16,
        ...years.map(() => 12),
      ],
    },
    columns: [`${baseLabel} (base)`, ...years],
    rows,
    summary,
    units,
  };
}
