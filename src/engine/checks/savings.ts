/**
 * Savings envelopes (Essex 2017): financial envelope = budget + savings (savings negative), and
 * the reduction percentages against the budget and against the base year. A percentage row is read
 * as a change (a fall negative, as Essex prints it) unless its label says reductions are positive
 * (as PlanCheck's own savings envelope does): then a fall is positive.
 */
import { reductionsPositive } from '../reductions';
import type { TableColumn, TableRow } from '../tables/types';
import type { CheckContext } from './context';

export function checkSavingsEnvelope(ctx: CheckContext): void {
  const t = ctx.table;
  const find = (re: RegExp, not?: RegExp) => t.rows.find((r) => re.test(r.label) && !(not && not.test(r.label)));
  const budget = find(/\b(mtrs|mtfs|budget)\b/i, /\b(saving|envelope|reduction|%)/i);
  const savings = find(/\bsavings?\s+target\b|\bsavings?\b/i, /\b(total|reduction|%)/i);
  const envelope = find(/\benvelope\b/i);
  const totalSavings = find(/\btotal savings?\b/i);
  const reduction = find(/\breduction\b.*%|%.*\breduction\b/i, /\bcash\b/i);
  const cashReduction = find(/\bcash reduction\b/i);
  const years = t.columns.filter((c) => c.role === 'year').sort((a, b) => (a.year?.start ?? 0) - (b.year?.start ?? 0));
  if (!budget || !envelope || years.length === 0) return;
  for (const col of years) {
    const b = ctx.num(budget.row, col.col);
    const s = savings ? ctx.num(savings.row, col.col) : null;
    const e = ctx.num(envelope.row, col.col);
    if (b !== null && e !== null && s !== null) {
      ctx.count('savings.envelope');
      const verdict = ctx.judge(e, [b, s]);
      if (verdict) {
        const say = ctx.say();
        ctx.add({
          rule: 'savings.envelope',
          severity: verdict.severity,
          cell: ctx.cell(envelope.row, col.col),
          message:
            `The ${envelope.label} for ${ctx.year(col.year)} is ${say.fig(e)}, but the budget of ${say.fig(b)} with savings of ${say.fig(s)} ` +
            `comes to ${say.fig(b + s)}` +
            (verdict.rounding ? ': a rounding difference' : ''),
          expected: b + s,
          actual: e,
          difference: verdict.difference,
          related: [ctx.cell(budget.row, col.col), ctx.cell(savings!.row, col.col)],
        });
      }
    }
    if (reduction && totalSavings && b) {
      const total = ctx.num(totalSavings.row, col.col);
      const say = ctx.say();
      checkPercent(
        ctx,
        reduction,
        col,
        total === null ? null : total / b,
        `total savings of ${total === null ? '' : say.fig(total)} against the budget of ${say.fig(b)}`,
      );
    }
    const base = years[0];
    const e0 = ctx.num(envelope.row, base.col);
    if (cashReduction && col !== base && e !== null && e0) {
      const say = ctx.say();
      checkPercent(
        ctx,
        cashReduction,
        col,
        (e - e0) / e0,
        `the envelope of ${say.fig(e)} against ${say.fig(e0)} in ${ctx.year(base.year)}`,
      );
    }
  }
}

/** A printed percentage against the one its figures give, within half its last printed digit. */
function checkPercent(ctx: CheckContext, row: TableRow, col: TableColumn, change: number | null, basis: string): void {
  if (change === null) return;
  // The label's own convention: a reduction positive flips the change's sign (and 0 stays 0).
  const computed = reductionsPositive(row.label) ? -change + 0 : change;
  const f = ctx.read.figure(ctx.sheet, row.row, col.col);
  if (f.kind !== 'number' || f.value === null) return;
  ctx.count('savings.percent');
  const printed = f.value;
  const raw = String(ctx.read.views[ctx.sheet]?.value(row.row, col.col) ?? '');
  const decimals = /\.(\d+)\s*%/.exec(raw)?.[1].length ?? 0;
  const tol = 0.5 * 10 ** -(decimals + 2) + 1e-9;
  // Whole-percent rounding can land either way on a half: allow one more half unit.
  if (Math.abs(printed - computed) <= tol * 2) return;
  const pct = (x: number) => `${(x * 100).toFixed(decimals + 1)}%`;
  ctx.add({
    rule: 'savings.percent',
    severity: 'error',
    cell: ctx.cell(row.row, col.col),
    message: `${row.label} for ${ctx.year(col.year)} is printed as ${raw || pct(printed)}, but ${basis} gives ${pct(computed)}`,
    expected: computed,
    actual: printed,
    difference: printed - computed,
  });
}
