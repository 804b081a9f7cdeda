/**
 * Savings envelope, after Essex 2017's "savings targets to 2020-21":
 *
 *     financial envelope = budget + savings target      (savings negative, in brackets)
 *     total savings      = savings target + savings already planned
 *     reduction %        = −total savings ÷ budget
 *     cash reduction %   = 1 − envelope ÷ the base year's envelope   (the base year is the first column)
 *
 * Both percentages are reductions, one sign convention for both, said in their labels: a
 * reduction is positive, a rise negative (an envelope that grows has a negative cash reduction).
 * Essex prints them the other way, as changes ((10%) for a 10% fall); checks/savings.ts reads a
 * table by what its labels say (reductions.ts).
 *
 * Budget, targets and savings already planned are shaded input cells with names.
 */
import { Layout, MONEY, PERCENT, asSaving, financialYears, safeName } from './layout';
import type { Anchor, GeneratedTable } from './layout';

export interface SavingsEnvelopeInput {
  /** The first year's label ("2017/18"): the base year of the cash reduction. */
  firstYear: string;
  /** The budget (the MTRS/MTFS) per year. */
  budget: number[];
  /** Savings targets per year; shown negative whatever sign they are given with. */
  savings: number[];
  /** Savings already in the budget, per year (default none); shown negative likewise. */
  alreadyPlanned?: number[];
  /** Heading of the label column ("Adult Social Care"). */
  heading?: string;
  /** Units for the title ("£000", the default). */
  units?: string;
  title?: string;
  /** Prefix of the named ranges and the Excel table ("Savings"). */
  name?: string;
}

const NA = 'n/a';

export function buildSavingsEnvelope(input: SavingsEnvelopeInput, anchor: Anchor): GeneratedTable {
  const n = input.budget.length;
  if (n === 0) throw new Error('A savings envelope needs the budget for at least one year.');
  const check = (list: number[], what: string) => {
    if (list.length !== n) throw new Error(`${what} has ${list.length} figures but the budget has ${n}.`);
  };
  check(input.savings, 'Savings');
  if (input.alreadyPlanned) check(input.alreadyPlanned, 'Savings already planned');
  const years = financialYears(input.firstYear, n);
  const units = input.units ?? '£000';
  const title = input.title ?? 'Savings envelope';
  const prefix = safeName(input.name ?? 'Savings');
  const budget = [...input.budget];
  const targets = input.savings.map(asSaving);
  const planned = (input.alreadyPlanned ?? budget.map(() => 0)).map(asSaving);

  const L = new Layout(anchor);
  const yc = (t: number) => 1 + t;
  const last = yc(n - 1);
  L.text(0, 0, `${title} (${units})`, { bold: true });
  L.text(1, 0, 'Shaded cells are inputs. Savings are negative, shown in brackets.');

  const header = 3;
  L.text(header, 0, input.heading ?? 'Budget line', { bold: true });
  years.forEach((y, t) => L.text(header, yc(t), y, { bold: true }));

  const rows: GeneratedTable['rows'] = [];
  const inputRow = (row: number, label: string, values: number[], name: string) => {
    L.text(row, 0, label);
    values.forEach((v, t) => L.text(row, yc(t), v, { input: true, numberFormat: MONEY }));
    L.name(name, row, yc(0), row, last);
    rows.push({ label, values: [...values] });
  };
  const formulaRow = (
    row: number,
    label: string,
    values: (number | string)[],
    formula: (t: number) => string,
    numberFormat: string,
    bold = false,
  ) => {
    L.text(row, 0, label, { bold });
    values.forEach((v, t) => L.formula(row, yc(t), formula(t), v, { numberFormat, bold }));
    rows.push({ label, values: [...values] });
  };
  const at = (row: number, t: number) => L.addr(row, yc(t));

  const budgetRow = header + 1;
  const targetRow = header + 2;
  const envelopeRow = header + 3;
  const plannedRow = header + 4;
  const totalRow = header + 5;
  const reductionRow = header + 6;
  const cashRow = header + 7;

  inputRow(budgetRow, 'Budget', budget, `${prefix}_Budget`);
  inputRow(targetRow, 'Savings target (in addition to those already planned)', targets, `${prefix}_Target`);
  const envelope = budget.map((b, t) => b + targets[t]);
  formulaRow(
    envelopeRow,
    'Financial envelope',
    envelope,
    (t) => `${at(budgetRow, t)}+${at(targetRow, t)}`,
    MONEY,
    true,
  );
  inputRow(plannedRow, 'Savings already planned', planned, `${prefix}_Planned`);
  const total = targets.map((s, t) => s + planned[t]);
  formulaRow(totalRow, 'Total savings', total, (t) => `${at(targetRow, t)}+${at(plannedRow, t)}`, MONEY, true);
  // Reductions positive (0, not -0, where there is none).
  const reduction = total.map((s, t) => (budget[t] === 0 ? NA : -s / budget[t] + 0));
  formulaRow(
    reductionRow,
    'Total reduction % (total savings ÷ budget; a reduction is positive)',
    reduction,
    (t) => `IF(${at(budgetRow, t)}=0,"${NA}",-${at(totalRow, t)}/${at(budgetRow, t)})`,
    PERCENT,
  );
  const base = L.addr(envelopeRow, yc(0), true);
  const cash = envelope.map((e) => (envelope[0] === 0 ? NA : 1 - e / envelope[0]));
  formulaRow(
    cashRow,
    `Cash reduction % against ${years[0]} (a fall in the envelope is positive, a rise negative)`,
    cash,
    (t) => `IF(${base}=0,"${NA}",1-${at(envelopeRow, t)}/${base})`,
    PERCENT,
  );

  return {
    spec: {
      title,
      anchor: { ...anchor },
      cells: L.grid(),
      excelTable: { name: `${prefix}_Table`, top: header, left: 0, bottom: cashRow, right: last },
      names: L.names,
      // The label column wide enough for the longest label, the sign convention included.
      columnWidths: [Math.max(52, ...rows.map((r) => String(r.label).length + 2)), ...years.map(() => 12)],
    },
    columns: years,
    rows,
    summary: {
      lastYear: years[n - 1],
      envelopeLastYear: envelope[n - 1],
      totalSavingsLastYear: total[n - 1],
      reductionLastYear: reduction[n - 1],
      cashReductionLastYear: cash[n - 1],
    },
    units,
  };
}
