/**
 * Filling the council's own savings table (the shape of Essex 2017's "savings targets to 2020-21":
 * the budget, the savings target, the financial envelope, total savings, the reduction % and the
 * cash reduction %, years across). The budget and the savings target are the template's own
 * figures where it holds them, or the config's written into its empty cells; savings already
 * planned are the template's row of them, or a named block added beside the table, shaded as
 * inputs. PlanCheck writes the rest as live formulas with their values stored:
 *
 *     financial envelope = budget + savings target          (savings negative, in brackets)
 *     total savings      = savings target + savings already planned
 *     reduction %        = total savings ÷ budget
 *     cash reduction %   = envelope ÷ the first year's envelope − 1
 *
 * (both as changes, a fall negative, as Essex prints them; a row whose label says reductions are
 * positive, as PlanCheck's own savings envelope does, gets the other sign: see reductions.ts)
 *
 * A template that keeps savings as positive figures gets "budget − target" instead. A total column
 * the template has keeps its own formulas; an empty one gets SUMs of the money rows.
 */
import { a1, quoteSheet } from '../grid';
import { reductionsPositive } from '../reductions';
import type { ReadResult } from '../tables';
import type { FoundTable } from '../tables/types';
import { fx, val } from '../spec';
import { asSaving, financialYearStart, MONEY, safeName } from './layout';
import {
  headerText,
  labelledRows,
  labelOutside,
  numberAt,
  TemplateCells,
  TemplateError,
  totalAcross,
  yearColumns,
} from './template';
import type { TableSpec } from '../spec';

export interface SavingsTemplateInput {
  /** The year the config's figures start in ("2017/18"); needed for "Year 1" headers too. */
  firstYear?: string;
  /** Figures per year from firstYear, for the template's empty budget, target and planned cells. */
  budget?: number[];
  savings?: number[];
  alreadyPlanned?: number[];
  /** Prefix of the names PlanCheck adds ("Savings"). */
  name?: string;
  /** Where the figures come from, for what a refusal says: the config (default) or the pane's Generate form. */
  givenIn?: 'config' | 'form';
}

export interface SavingsTemplateFill {
  spec: TableSpec;
  years: string[];
  /** The template's rows PlanCheck wrote figures into, by their labels. */
  rows: string[];
  written: string[];
  /** Where savings already planned came from: the template's row, the block added, or none. */
  planned: { from: string; added: boolean } | null;
}

const NA = 'n/a';
const ROWS = {
  budget: /\b(mtrs|mtfs|budget|base budget|cash limit)\b/i,
  target: /savings?\s+target/i,
  envelope: /envelope/i,
  planned: /already\s+(planned|in\b)/i,
  total: /^\s*total\s+savings/i,
  cash: /cash\s+reduction/i,
  reduction: /reduction/i,
};
type RowKey = keyof typeof ROWS;

export function fillSavingsTemplate(read: ReadResult, t: FoundTable, input: SavingsTemplateInput): SavingsTemplateFill {
  const view = read.views[t.sheet];
  if (!view) throw new TemplateError(`The sheet ${t.sheet} could not be read.`);
  const years = yearColumns(t, input.firstYear);
  if (years.length === 0) {
    throw new TemplateError(
      `The savings template ${t.sheet}!${t.range} has no year columns PlanCheck can read (2025/26, 2025-26, or "Year 1" with a first year given).`,
    );
  }
  // Each row kind at most once, the first label that says it; "Total savings" before "reduction".
  const found: Partial<Record<RowKey, number>> = {};
  const labels: Partial<Record<RowKey, string>> = {};
  for (const r of labelledRows(view, t)) {
    const key = (Object.keys(ROWS) as RowKey[]).find((k) => {
      if (found[k] !== undefined || !ROWS[k].test(r.label)) return false;
      if (k === 'budget') return !/saving|envelope|reduction/i.test(r.label);
      if (k === 'reduction') return !ROWS.cash.test(r.label);
      return true;
    });
    if (key) {
      found[key] = r.row;
      labels[key] = r.label;
    }
  }
  const missing = [
    found.budget === undefined ? 'budget row ("Budget", "Current MTRS")' : null,
    found.target === undefined ? 'savings target row' : null,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) {
    throw new TemplateError(`The savings template ${t.sheet}!${t.range} has no ${missing.join(' and no ')}.`);
  }
  if ([found.envelope, found.total, found.reduction, found.cash].every((r) => r === undefined)) {
    throw new TemplateError(
      `The savings template ${t.sheet}!${t.range} has no row for PlanCheck to work out (financial envelope, total savings, reduction % or cash reduction %).`,
    );
  }

  const first = input.firstYear ? financialYearStart(input.firstYear) : years[0].start;
  const cells = new TemplateCells(t);
  const filled = new Set<number>();
  /** A row's figure for a year: the template's own, else the config's written into its empty cell. */
  const inputRow = (row: number, given: number[] | undefined, what: string, saving: boolean): number[] =>
    years.map((y) => {
      const own = numberAt(read, t.sheet, row, y.col.col);
      if (own !== null) return own;
      const i = first === null ? -1 : y.start - first;
      const v = given?.[i];
      if (v === undefined) {
        throw new TemplateError(
          input.givenIn === 'form'
            ? `PlanCheck has no ${what} for ${y.year}: give it in the template, or in the form's ${what === 'budget' ? 'budget' : 'savings target'} by year, one figure a year from the first year.`
            : `PlanCheck has no ${what} for ${y.year}: give it in the template or as "${what === 'budget' ? 'budget' : 'savings'}" in the config, one figure a year from firstYear.`,
        );
      }
      const figure = saving ? asSaving(v) : v;
      cells.put(row, y.col.col, val(figure));
      filled.add(row);
      return figure;
    });
  const budget = inputRow(found.budget!, input.budget, 'budget', false);
  const target = inputRow(found.target!, input.savings, 'savings target', true);
  // Savings typed as positive figures are taken away; negative (in brackets) are added.
  const positive = target.some((v) => v > 0);
  const sign = positive ? -1 : 1;
  const op = positive ? '-' : '+';

  // Savings already planned: the template's row, the block PlanCheck added before, or a new block.
  const prefix = safeName(input.name ?? 'Savings');
  const names: TableSpec['names'] = [];
  let plannedAt: ((i: number) => string) | null = null;
  let planned = years.map(() => 0);
  let plannedFrom: SavingsTemplateFill['planned'] = null;
  if (found.planned !== undefined) {
    const row = found.planned;
    planned = inputRow(row, input.alreadyPlanned, 'savings already planned', true);
    plannedAt = (i) => a1(row, years[i].col.col);
    plannedFrom = {
      from: `${quoteSheet(t.sheet)}!${a1(row, years[0].col.col)} (the template's own row)`,
      added: false,
    };
  } else {
    // The block an earlier fill added: to the right of the table, level with it.
    const block = labelOutside(
      view,
      t,
      /^savings already planned/i,
      (row, col) => col > t.right && row >= t.top && row <= t.bottom,
    );
    if (block) {
      planned = years.map((_, i) => numberAt(read, t.sheet, block.row, block.col + 1 + i) ?? 0);
      plannedAt = (i) => a1(block.row, block.col + 1 + i, true);
      plannedFrom = { from: `${quoteSheet(t.sheet)}!${a1(block.row, block.col + 1, true)}`, added: false };
    } else if (input.alreadyPlanned) {
      const col = t.right + 3;
      const row = t.top;
      cells.put(row, col, val('Assumptions', { bold: true }), false);
      years.forEach((y, i) => cells.put(row, col + 1 + i, val(y.year, { bold: true }), false));
      cells.put(row + 1, col, val('Savings already planned'), false);
      planned = years.map((y) => {
        const v = first === null ? undefined : input.alreadyPlanned![y.start - first];
        return asSaving(v ?? 0);
      });
      planned.forEach((v, i) => cells.put(row + 1, col + 1 + i, val(v, { input: true, numberFormat: MONEY }), false));
      names.push({
        name: `${prefix}_Planned`,
        top: row + 1 - t.top,
        left: col + 1 - t.left,
        right: col + years.length - t.left,
      });
      plannedAt = (i) => a1(row + 1, col + 1 + i, true);
      plannedFrom = { from: `${quoteSheet(t.sheet)}!${a1(row + 1, col + 1, true)}`, added: true };
    }
  }

  /** Writes a row of formulas into the template's empty (or PlanCheck-filled) cells. */
  const formulaRow = (row: number | undefined, f: (i: number) => string, v: (i: number) => number | string) => {
    if (row === undefined) return;
    years.forEach((y, i) => {
      const value = v(i);
      cells.put(row, y.col.col, fx(f(i), value));
    });
    filled.add(row);
  };
  const at = (row: number, i: number) => a1(row, years[i].col.col);
  const envelope = years.map((_, i) => budget[i] + sign * target[i]);
  const envelopeRef = (i: number) =>
    found.envelope !== undefined ? at(found.envelope, i) : `(${at(found.budget!, i)}${op}${at(found.target!, i)})`;
  formulaRow(
    found.envelope,
    (i) => `=${at(found.budget!, i)}${op}${at(found.target!, i)}`,
    (i) => envelope[i],
  );
  const total = years.map((_, i) => sign * target[i] + planned[i]);
  const totalExpr = (i: number) =>
    `${positive ? '-' : ''}${at(found.target!, i)}${plannedAt ? `+${plannedAt(i)}` : ''}`;
  formulaRow(
    found.total,
    (i) => `=${totalExpr(i)}`,
    (i) => total[i],
  );
  const totalRef = (i: number) => (found.total !== undefined ? at(found.total, i) : `(${totalExpr(i)})`);
  // Each percentage signed as its label says: a change (a fall negative, as Essex prints it) unless
  // the label says reductions are positive.
  const flip = (key: RowKey) => reductionsPositive(labels[key] ?? '');
  formulaRow(
    found.reduction,
    (i) =>
      `=IF(${at(found.budget!, i)}=0,"${NA}",${flip('reduction') ? '-' : ''}${totalRef(i)}/${at(found.budget!, i)})`,
    (i) => (budget[i] === 0 ? NA : ((flip('reduction') ? -1 : 1) * total[i]) / budget[i] + 0),
  );
  const base = found.envelope !== undefined ? a1(found.envelope, years[0].col.col, true) : null;
  const baseExpr =
    base ?? `(${a1(found.budget!, years[0].col.col, true)}${op}${a1(found.target!, years[0].col.col, true)})`;
  formulaRow(
    found.cash,
    (i) =>
      flip('cash')
        ? `=IF(${baseExpr}=0,"${NA}",1-${envelopeRef(i)}/${baseExpr})`
        : `=IF(${baseExpr}=0,"${NA}",${envelopeRef(i)}/${baseExpr}-1)`,
    (i) => (envelope[0] === 0 ? NA : flip('cash') ? 1 - envelope[i] / envelope[0] : envelope[i] / envelope[0] - 1),
  );

  // A total column of the template's: the money rows summed across the years.
  const totalCol = t.columns.find((c) => c.role === 'total' || /^\s*total\b/i.test(headerText(view, t, c.col)));
  if (totalCol) {
    const yearCols = years.map((y) => y.col.col);
    for (const row of [found.budget, found.target, found.envelope, found.planned, found.total]) {
      if (row !== undefined) totalAcross(read, view, cells, row, totalCol.col, yearCols);
    }
  }

  const labelOf = (row: number) => labelledRows(view, t).find((r) => r.row === row)?.label ?? a1(row, t.left);
  return {
    spec: cells.spec(`Savings envelope into ${t.sheet}!${t.range}`, names),
    years: years.map((y) => y.year),
    rows: [...filled].sort((a, b) => a - b).map(labelOf),
    written: cells.written,
    planned: plannedFrom,
  };
}
