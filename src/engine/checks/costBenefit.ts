/**
 * Programme cost/benefit tables (Birmingham 2008, table 9): the printed running return
 * (cumulative benefits less costs) and benefit ratio against what the printed costs and benefits
 * give. Both are compared within what the rounding of the printed figures can explain.
 */
import type { TableColumn, TableRow } from '../tables/types';
import type { CheckContext } from './context';

const COSTS = /\b(costs?|programme|plan|investment|spend)\b/i;
const BENEFITS = /\bbenefits?\b/i;
const RATIO = /\bratio\b/i;
const RUNNING = /\b(return on investment|running (return|total)|cumulative|net position|running)\b/i;

export function checkCostBenefit(ctx: CheckContext): void {
  const t = ctx.table;
  // Ratios are memo rows (never summed), but still what this check reads.
  const lines = t.rows.filter((r) => r.role === 'line' || r.role === 'memo');
  const ratio = lines.find((r) => RATIO.test(r.label));
  const running = lines.find((r) => RUNNING.test(r.label) && r !== ratio);
  const benefits = lines.find((r) => BENEFITS.test(r.label) && r !== ratio && r !== running);
  const costs = lines.find((r) => COSTS.test(r.label) && !BENEFITS.test(r.label) && r !== ratio && r !== running);
  const years = t.columns.filter((c) => c.role === 'year').sort((a, b) => (a.year?.start ?? 0) - (b.year?.start ?? 0));
  if (!costs || !benefits || years.length === 0) return;
  const half = ctx.tolerance(0, []);
  let cumulative = 0;
  let counted = 0;
  for (const col of years) {
    const c = ctx.num(costs.row, col.col) ?? 0;
    const b = ctx.num(benefits.row, col.col) ?? 0;
    cumulative += b - c;
    counted += 2;
    if (running) checkRunning(ctx, running, col, cumulative, counted, half);
    if (ratio) checkRatio(ctx, ratio, col, b, c, half);
  }
}

function checkRunning(
  ctx: CheckContext,
  row: TableRow,
  col: TableColumn,
  computed: number,
  figures: number,
  half: number,
): void {
  const printed = ctx.num(row.row, col.col);
  if (printed === null) return;
  ctx.count('costbenefit.running-return');
  const verdict = ctx.judgeSum(printed, computed, figures, () => [printed]);
  if (!verdict) return;
  const say = ctx.say();
  ctx.add({
    rule: 'costbenefit.running-return',
    severity: verdict.severity,
    cell: ctx.cell(row.row, col.col),
    message:
      `${row.label} for ${ctx.year(col.year)} is printed as ${say.fig(printed)}, but benefits less costs to date come to ` +
      `${say.fig(computed)}, ${say.amount(verdict.difference)} ${verdict.difference > 0 ? 'less' : 'more'}` +
      (verdict.rounding
        ? `: a rounding difference (each of its ${figures} figures may be out by ${ctx.fig(half)})`
        : ''),
    expected: computed,
    actual: printed,
    difference: verdict.difference,
  });
}

/**
 * The benefit ratio is benefits over costs for the year. Some plans print it with a % sign while
 * meaning the plain ratio (Birmingham's 3.16% is 5,932 / 1,875 = 3.16); the reading closer to the
 * figures is taken. It is within rounding when some costs and benefits within half a unit of the
 * printed ones give the printed ratio to its printed decimals.
 */
function checkRatio(ctx: CheckContext, row: TableRow, col: TableColumn, b: number, c: number, half: number): void {
  const f = ctx.read.figure(ctx.sheet, row.row, col.col);
  if (f.kind !== 'number' || f.value === null || c <= 0) return;
  ctx.count('costbenefit.ratio');
  const computed = b / c;
  const readings = f.percent ? [f.value, f.value * 100] : [f.value];
  const printed = readings.reduce((best, r) => (Math.abs(r - computed) < Math.abs(best - computed) ? r : best));
  const raw = String(ctx.read.views[ctx.sheet]?.value(row.row, col.col) ?? printed);
  const decimals = /\.(\d+)/.exec(raw)?.[1].length ?? 0;
  const printTol = 0.5 * 10 ** -decimals + 1e-9;
  if (Math.abs(printed - computed) <= printTol) return;
  const low = Math.max(0, b - half) / (c + half);
  const high = (b + half) / Math.max(c - half, 1e-9);
  const rounding = printed >= low - printTol && printed <= high + printTol;
  const say = ctx.say();
  ctx.add({
    rule: 'costbenefit.ratio',
    severity: rounding ? 'info' : 'error',
    cell: ctx.cell(row.row, col.col),
    message:
      `${row.label} for ${ctx.year(col.year)} is printed as ${raw}, but benefits of ${say.fig(b)} over costs of ${say.fig(c)} give ` +
      `${computed.toFixed(Math.max(decimals, 2))}` +
      (rounding ? ': within what the rounding of those two figures can explain' : ''),
    expected: computed,
    actual: printed,
    difference: printed - computed,
  });
}
