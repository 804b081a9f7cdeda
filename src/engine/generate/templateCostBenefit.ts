/**
 * Filling the council's own cost/benefit table (the shape of Birmingham 2008's table 9: years
 * across, cost and benefit lines, the net benefit, the running return, the benefit ratio, a total
 * column, and a payback cell). The cost and benefit lines are the template's own figures, or the
 * config's written into their empty cells; PlanCheck writes the rest as live formulas, values stored:
 *
 *     net benefit    = benefits − costs                   (each year, and in the total column)
 *     running return = the running return before + this year's net benefit
 *     benefit ratio  = benefits ÷ costs                    ("n/a" in a year with no costs)
 *     payback        = the first year whose running return is not negative
 *
 * A line is a benefit when its label says so ("benefits", "savings", "income") or it sits under a
 * "Benefits" heading; other lines are costs. "Total costs" and "Total benefits" rows and the total
 * column keep the template's own formulas; empty ones get SUMs.
 */
import { a1, type SheetView } from '../grid';
import { normalLabel } from '../compare/match';
import type { ReadResult } from '../tables';
import type { FoundTable } from '../tables/types';
import type { TableSpec } from '../spec';
import { fx, val } from '../spec';
import { financialYearStart } from './layout';
import { NOT_WITHIN } from './costBenefit';
import {
  headerText,
  labelledRows,
  labelOutside,
  numberAt,
  TemplateCells,
  TemplateError,
  totalAcross,
  totalDown,
  yearColumns,
} from './template';

export interface CostBenefitTemplateInput {
  /** Year 0 of the config's figures ("2007/08"); needed for "Year 1" headers with no year too. */
  firstYear?: string;
  /** Figures by line label, one a year from firstYear, for the template's empty cost and benefit cells. */
  costs?: { label: string; values: number[] }[];
  benefits?: { label: string; values: number[] }[];
  /** Where the figures come from, for what a refusal says: the config (default) or the pane's Generate form. */
  givenIn?: 'config' | 'form';
}

export interface CostBenefitTemplateFill {
  spec: TableSpec;
  years: string[];
  costs: string[];
  benefits: string[];
  written: string[];
  /** The payback the fill works out ("Year 6 2013/14"), or NOT_WITHIN. */
  payback: string;
}

const NA = 'n/a';
const COMPUTED = {
  totalCosts: /^\s*total\s+(programme\s+)?costs?\b/i,
  totalBenefits: /^\s*total\s+(gross\s+)?(cashable\s+)?benefits?\b/i,
  running: /cumulative|running|return on investment|\broi\b/i,
  ratio: /\bratio\b/i,
  net: /^\s*net\b|\bnet\s+(benefit|saving|financial|effect)/i,
  payback: /pay\s*-?\s*back/i,
};
type Computed = keyof typeof COMPUTED;
const IGNORED = /discount|present value|\bnpv\b/i;
const BENEFIT = /benefit|saving|income|avoid/i;

export function fillCostBenefitTemplate(
  read: ReadResult,
  t: FoundTable,
  input: CostBenefitTemplateInput,
): CostBenefitTemplateFill {
  const view = read.views[t.sheet];
  if (!view) throw new TemplateError(`The sheet ${t.sheet} could not be read.`);
  const years = yearColumns(t, input.firstYear);
  if (years.length === 0) {
    throw new TemplateError(
      `The cost/benefit template ${t.sheet}!${t.range} has no year columns PlanCheck can read (2025/26, 2025-26, or "Year 1" with a first year given).`,
    );
  }
  const first = input.firstYear ? financialYearStart(input.firstYear) : years[0].start;
  const given = new Map<string, number[]>();
  for (const l of [...(input.costs ?? []), ...(input.benefits ?? [])]) given.set(normalLabel(l.label), l.values);
  const benefitLabels = new Set((input.benefits ?? []).map((l) => normalLabel(l.label)));

  const cells = new TemplateCells(t);
  const found: Partial<Record<Computed, number>> = {};
  const costs: { row: number; label: string; values: number[] }[] = [];
  const benefits: { row: number; label: string; values: number[] }[] = [];
  let underBenefits = false;
  for (const r of labelledRows(view, t)) {
    const key = (Object.keys(COMPUTED) as Computed[]).find((k) => found[k] === undefined && COMPUTED[k].test(r.label));
    if (key) {
      found[key] = r.row;
      continue;
    }
    if (IGNORED.test(r.label)) continue;
    const own = years.map((y) => numberAt(read, t.sheet, r.row, y.col.col));
    const config = given.get(normalLabel(r.label));
    if (own.every((v) => v === null) && !config) {
      // A heading: "Benefits" puts the lines under it among the benefits, "Costs" among the costs.
      underBenefits = BENEFIT.test(r.label) ? true : /cost|spend|investment/i.test(r.label) ? false : underBenefits;
      continue;
    }
    const values = years.map((y, i) => {
      if (own[i] !== null) return own[i]!;
      const v = first === null ? undefined : config?.[y.start - first];
      if (v === undefined) {
        throw new TemplateError(
          input.givenIn === 'form'
            ? `PlanCheck has no figure for "${r.label}" in ${y.year}: type it in the template (the form's costs and benefits fill only lines called "${(input.costs ?? [])[0]?.label ?? 'Programme costs'}" and "${(input.benefits ?? [])[0]?.label ?? 'Gross benefits'}").`
            : `PlanCheck has no figure for "${r.label}" in ${y.year}: give it in the template or in the config's costs or benefits, one figure a year from firstYear.`,
        );
      }
      cells.put(r.row, y.col.col, val(v));
      return v;
    });
    const isBenefit = benefitLabels.has(normalLabel(r.label)) || BENEFIT.test(r.label) || underBenefits;
    (isBenefit ? benefits : costs).push({ row: r.row, label: r.label, values });
  }
  // A payback cell under or beside the table, labelled "Payback".
  const paybackLabel =
    found.payback !== undefined
      ? { row: found.payback, col: labelledCol(view, found.payback, t) }
      : // Under the table (within five rows), in its columns: not a note elsewhere on the sheet.
        labelOutside(
          view,
          t,
          COMPUTED.payback,
          (row, col) => row > t.bottom && row <= t.bottom + 5 && col >= t.left && col < t.right,
        );
  const missing = [costs.length === 0 ? 'cost line' : null, benefits.length === 0 ? 'benefit line' : null].filter(
    (m) => m !== null,
  );
  if (missing.length > 0) {
    throw new TemplateError(
      `The cost/benefit template ${t.sheet}!${t.range} has no ${missing.join(' and no ')} with figures (in the template or the ${input.givenIn === 'form' ? 'form' : 'config'}).`,
    );
  }
  if (
    [found.net, found.running, found.ratio, found.totalCosts, found.totalBenefits, paybackLabel].every(
      (x) => x === undefined || x === null,
    )
  ) {
    throw new TemplateError(
      `The cost/benefit template ${t.sheet}!${t.range} has no row for PlanCheck to work out (net benefit, running return, benefit ratio, totals or payback).`,
    );
  }

  const at = (row: number, i: number) => a1(row, years[i].col.col);
  const sumOf = (list: { values: number[] }[], i: number) => list.reduce((s, l) => s + l.values[i], 0);
  /** The references of a block's lines in one column: a range when they are together. */
  const refs = (list: { row: number }[], col: number) => {
    const rows = list.map((l) => l.row);
    const together = rows.every((r, k) => k === 0 || r === rows[k - 1] + 1);
    if (rows.length === 1) return a1(rows[0], col);
    return together
      ? `SUM(${a1(rows[0], col)}:${a1(rows[rows.length - 1], col)})`
      : `(${rows.map((r) => a1(r, col)).join('+')})`;
  };
  const totalRow = (row: number | undefined, list: { row: number }[]) => {
    if (row === undefined) return;
    for (const y of years)
      totalDown(
        read,
        view,
        cells,
        row,
        y.col.col,
        list.map((l) => l.row),
      );
  };
  totalRow(found.totalCosts, costs);
  totalRow(found.totalBenefits, benefits);
  const costRef = (col: number) => (found.totalCosts !== undefined ? a1(found.totalCosts, col) : refs(costs, col));
  const benefitRef = (col: number) =>
    found.totalBenefits !== undefined ? a1(found.totalBenefits, col) : refs(benefits, col);

  const costBy = years.map((_, i) => sumOf(costs, i));
  const benefitBy = years.map((_, i) => sumOf(benefits, i));
  const net = years.map((_, i) => benefitBy[i] - costBy[i]);
  const netRef = (i: number) =>
    found.net !== undefined ? at(found.net, i) : `(${benefitRef(years[i].col.col)}-${costRef(years[i].col.col)})`;
  if (found.net !== undefined) {
    years.forEach((y, i) =>
      cells.put(found.net!, y.col.col, fx(`=${benefitRef(y.col.col)}-${costRef(y.col.col)}`, net[i])),
    );
  }
  const running: number[] = [];
  net.forEach((v, i) => running.push(i === 0 ? v : running[i - 1] + v));
  if (found.running !== undefined) {
    const row = found.running;
    years.forEach((y, i) =>
      cells.put(row, y.col.col, fx(i === 0 ? `=${netRef(0)}` : `=${at(row, i - 1)}+${netRef(i)}`, running[i])),
    );
  }
  const ratioOf = (b: number, c: number) => (c === 0 ? NA : b / c);
  const ratioFx = (col: number) => `=IF(${costRef(col)}=0,"${NA}",${benefitRef(col)}/${costRef(col)})`;
  if (found.ratio !== undefined) {
    years.forEach((y, i) =>
      cells.put(found.ratio!, y.col.col, fx(ratioFx(y.col.col), ratioOf(benefitBy[i], costBy[i]))),
    );
  }

  // The total column: lines and totals summed across the years; the overall ratio.
  const totalCol = t.columns.find((c) => c.role === 'total' || /^\s*total\b/i.test(headerText(view, t, c.col)))?.col;
  if (totalCol !== undefined) {
    const yearCols = years.map((y) => y.col.col);
    for (const l of [...costs, ...benefits]) totalAcross(read, view, cells, l.row, totalCol, yearCols);
    for (const row of [found.totalCosts, found.totalBenefits, found.net]) {
      if (row !== undefined) totalAcross(read, view, cells, row, totalCol, yearCols);
    }
    // The overall ratio: into an empty cell, or again where an earlier fill put it.
    const ratioCell = found.ratio === undefined ? null : view.formula(found.ratio, totalCol);
    if (found.ratio !== undefined && (view.isEmpty(found.ratio, totalCol) || ratioCell === ratioFx(totalCol))) {
      const b = benefitBy.reduce((s, v) => s + v, 0);
      const c = costBy.reduce((s, v) => s + v, 0);
      cells.put(found.ratio, totalCol, fx(ratioFx(totalCol), ratioOf(b, c)));
    }
  }

  // Payback: the header of the first year whose running return is not negative.
  const found0 = running.findIndex((v) => v >= 0);
  const headerRow = Math.max(...t.headerRows);
  const payback = found0 < 0 ? NOT_WITHIN : headerText(view, t, years[found0].col.col) || years[found0].year;
  if (paybackLabel) {
    const cell = { row: paybackLabel.row, col: paybackLabel.col + 1 };
    const runningAt = (i: number) => (found.running !== undefined ? at(found.running, i) : null);
    if (cells.value(cell.row, cell.col) !== undefined) {
      throw new TemplateError(
        `PlanCheck cannot tell where the payback figure goes beside ${a1(cell.row, cell.col - 1)}.`,
      );
    }
    if (found.running === undefined) {
      throw new TemplateError(
        `The cost/benefit template ${t.sheet}!${t.range} has a payback cell but no running return row ("Cumulative net benefit", "Return on investment") to work it out from.`,
      );
    }
    // One IF a year, first to last: works in every version of Excel, no array formula needed.
    let formula = `"${NOT_WITHIN}"`;
    for (let i = years.length - 1; i >= 0; i--) {
      formula = `IF(${runningAt(i)}>=0,${a1(headerRow, years[i].col.col, true)},${formula})`;
    }
    cells.put(cell.row, cell.col, fx(`=${formula}`, payback));
  }

  return {
    spec: cells.spec(`Cost/benefit into ${t.sheet}!${t.range}`),
    years: years.map((y) => y.year),
    costs: costs.map((c) => c.label),
    benefits: benefits.map((b) => b.label),
    written: cells.written,
    payback,
  };
}

/** The column of a row's label. */
function labelledCol(view: SheetView, row: number, t: FoundTable): number {
  for (let c = t.left; c <= t.right; c++) if (typeof view.value(row, c) === 'string') return c;
  return t.left;
}
