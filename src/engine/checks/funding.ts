/**
 * Financial plans: each line's funding sources add up to its proposed gross cash limit each year;
 * net within gross; year-on-year movement within the allowed uplift.
 */
import { a1 } from '../grid';
import { labelledRate } from '../assumptions';
import { decimalPlaces, round } from '../numbers';
import type { TableColumn, TableRow } from '../tables/types';
import type { CheckContext } from './context';
import { shortOrOver } from './context';

export function checkFunding(ctx: CheckContext): void {
  const t = ctx.table;
  const grossYears = t.columns.filter((c) => c.role === 'year' && c.year);
  const fundingYears = t.columns.filter((c) => c.role === 'funding' && c.year);
  const source = t.columns.find((c) => c.role === 'source');
  // Each funding column with the gross column of its year (looked up once, not per line).
  const pairs: { fund: TableColumn; grossCol: TableColumn }[] = [];
  for (const fund of fundingYears) {
    const grossCol = grossYears.find((g) => g.year?.label === fund.year?.label);
    if (grossCol) pairs.push({ fund, grossCol });
  }
  const rows = t.rows;
  // A line and the source rows under it that belong to it, in one list used for each line in turn.
  const sources: TableRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const line = rows[i];
    if (line.role !== 'line') continue;
    sources.length = 0;
    sources.push(line);
    for (let k = i + 1; k < rows.length && rows[k].role !== 'line'; k++) {
      if (rows[k].role === 'source' && rows[k].lineRow === line.row) sources.push(rows[k]);
    }
    for (let pi = 0; pi < pairs.length; pi++) {
      const { fund, grossCol } = pairs[pi];
      const gross = ctx.num(line.row, grossCol.col);
      if (gross === null) continue;
      // Added up as read; the figures and their cells are listed only for a finding.
      let count = 0;
      let sum = 0;
      let nonZero = 0;
      let unreadable = false;
      for (let si = 0; si < sources.length; si++) {
        const v = ctx.readable(sources[si].row, fund.col);
        if (v === undefined) unreadable = true;
        else if (v !== null) {
          count++;
          sum += v;
          if (v !== 0) nonZero++;
        }
      }
      if (count === 0 || unreadable) continue;
      ctx.count('funding.sum');
      if (ctx.agrees(gross, sum)) continue;
      const added = sources.filter((s) => ctx.num(s.row, fund.col) !== null);
      const verdict = ctx.judgeSum(gross, sum, nonZero, () => [
        gross,
        ...added.map((s) => ctx.num(s.row, fund.col) as number),
      ]);
      if (!verdict) continue;
      const cells = added.map((s) => ctx.cell(s.row, fund.col));
      const funded = gross - verdict.difference;
      const year = ctx.year(fund.year);
      const say = ctx.say();
      ctx.add({
        rule: 'funding.sum',
        severity: verdict.severity,
        cell: ctx.cell(line.row, grossCol.col),
        message:
          `Funding for ${ctx.lineName(line)} in ${year} adds up to ${say.fig(funded)}, ${say.amount(verdict.difference)} ` +
          `${shortOrOver(funded, gross)} its cash limit of ${say.fig(gross)}` +
          (verdict.rounding ? ': a rounding difference' : sourceHint(ctx, sources, source)),
        expected: gross,
        actual: funded,
        difference: -verdict.difference,
        related: cells,
      });
    }
  }
  checkNetWithinGross(ctx);
  checkUplift(
    ctx,
    t.columns.filter((c) => c.year && (c.role === 'year' || c.role === 'gross' || c.role === 'net')),
  );
}

function sourceHint(ctx: CheckContext, sources: TableRow[], source: TableColumn | undefined): string {
  if (!source) return '';
  const names = sources.map((s) =>
    s.role === 'source' ? s.label : ctx.read.views[ctx.sheet]?.value(s.row, source.col),
  );
  return names.length > 0 ? ` (sources: ${names.filter(Boolean).join(', ')})` : '';
}

/** Net never above gross, in the current cash limit columns and wherever gross and net pair up. */
function checkNetWithinGross(ctx: CheckContext): void {
  const t = ctx.table;
  // Each net column against the gross column of the same year (or the yearless pair).
  for (const net of t.columns.filter((c) => c.role === 'net')) {
    const gross = t.columns.find((c) => c.role === 'gross' && c.year?.label === net.year?.label);
    if (!gross) continue;
    for (let ri = 0; ri < t.rows.length; ri++) {
      const r = t.rows[ri];
      if (r.role !== 'line' && r.role !== 'total') continue;
      const g = ctx.num(r.row, gross.col);
      const n = ctx.num(r.row, net.col);
      if (g === null || n === null) continue;
      ctx.count('funding.net-above-gross');
      if (n <= g) continue;
      const say = ctx.say();
      ctx.add({
        rule: 'funding.net-above-gross',
        severity: 'error',
        cell: ctx.cell(r.row, net.col),
        message: `The net budget of ${ctx.lineName(r)}${net.year ? ` in ${ctx.year(net.year)}` : ''}, ${say.fig(n)}, is ${say.amount(n - g)} above its gross budget of ${say.fig(g)}; net cannot exceed gross`,
        expected: `at most ${ctx.fig(g)}`,
        actual: n,
        difference: n - g,
        related: [ctx.cell(r.row, gross.col)],
      });
    }
  }
}

/**
 * A line whose year-on-year rise exceeds inflation plus growth is worth a warning, but only when an
 * assumption is given (the settings, or cells labelled "Inflation" and "Growth" in the workbook),
 * and only like with like: gross with gross, net with net, one measure from year to year.
 */
export function checkUplift(ctx: CheckContext, years: TableColumn[]): void {
  const uplift = upliftAssumption(ctx);
  if (!uplift) return;
  const allowed = uplift.inflation + uplift.growth;
  const groups = new Map<string, TableColumn[]>();
  for (const c of years) {
    if (!c.year) continue;
    const key = `${c.measure ?? (c.role === 'year' ? 'gross' : c.role)}|${c.block ?? 0}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const cols of groups.values()) {
    const ordered = [...cols].sort((a, b) => (a.year?.start ?? 0) - (b.year?.start ?? 0));
    for (let ri = 0; ri < ctx.table.rows.length; ri++) {
      const r = ctx.table.rows[ri];
      if (r.role !== 'line') continue;
      for (let i = 1; i < ordered.length; i++) {
        // Only consecutive financial years: a gap of two years is not one year's uplift.
        if ((ordered[i].year?.start ?? 0) - (ordered[i - 1].year?.start ?? 0) !== 1) continue;
        const prev = ctx.num(r.row, ordered[i - 1].col);
        const cur = ctx.num(r.row, ordered[i].col);
        if (prev === null || cur === null || prev <= 0) continue;
        ctx.count('funding.uplift');
        const rise = ((cur - prev) / prev) * 100;
        if (rise <= allowed + 1e-9) continue;
        // The most the line could be, printed to the line's own precision.
        const ceiling = round(prev * (1 + allowed / 100), decimalPlaces(cur));
        const say = ctx.say();
        ctx.add({
          rule: 'funding.uplift',
          severity: 'warning',
          cell: ctx.cell(r.row, ordered[i].col),
          message:
            `${ctx.lineName(r)} rises ${rise.toFixed(1)}% from ${ctx.year(ordered[i - 1].year)} to ${ctx.year(ordered[i].year)} ` +
            `(${say.fig(prev)} to ${say.fig(cur)}), more than the allowed uplift of ${fmtRate(allowed)}% ` +
            `(inflation ${fmtRate(uplift.inflation)}% plus growth ${fmtRate(uplift.growth)}%, ${uplift.from})`,
          expected: `at most ${ctx.fig(ceiling)}`,
          actual: cur,
          difference: round(cur - ceiling, decimalPlaces(cur)),
          related: [ctx.cell(r.row, ordered[i - 1].col)],
        });
      }
    }
  }
}

function fmtRate(n: number): string {
  return String(round(n, 2));
}

const INFLATION_LABEL =
  /^\s*(pay and price |price |pay |cpi |general )?inflation( rate| uplift| assumption)?\s*(\(%\)|%)?\s*:?\s*$/i;
const GROWTH_LABEL =
  /^\s*(demographic |demography |demand )?growth( rate| assumption)?\s*(\(%\)|%)?\s*:?\s*$|^\s*demograph(y|ic)( pressure| growth)?\s*(\(%\)|%)?\s*:?\s*$/i;

/** Inflation and growth as set in the settings, or found in labelled cells of the workbook; null when neither. */
export function upliftAssumption(ctx: CheckContext): { inflation: number; growth: number; from: string } | null {
  const set = ctx.settings.uplift;
  if (set && (typeof set.inflation === 'number' || typeof set.growth === 'number')) {
    return { inflation: set.inflation ?? 0, growth: set.growth ?? 0, from: 'set in Settings › Uplift' };
  }
  let found = FOUND.get(ctx.read);
  if (!found) {
    found = { inflation: assumptionCell(ctx, INFLATION_LABEL), growth: assumptionCell(ctx, GROWTH_LABEL) };
    FOUND.set(ctx.read, found);
  }
  const { inflation, growth } = found;
  if (!inflation && !growth) return null;
  const cells = [inflation?.cell, growth?.cell].filter(Boolean).join(' and ');
  return { inflation: inflation?.rate ?? 0, growth: growth?.rate ?? 0, from: `from ${cells}` };
}

type Assumption = { rate: number; cell: string } | null;
/** Assumption cells found in a workbook, looked for once per read. */
const FOUND = new WeakMap<object, { inflation: Assumption; growth: Assumption }>();

/** The first cell of the workbook labelled for this rate, in per cent, and where it is. */
function assumptionCell(ctx: CheckContext, label: RegExp): Assumption {
  for (const view of Object.values(ctx.read.views)) {
    const found = labelledRate(view, ctx.read.figure, label);
    if (found) return { rate: found.percent, cell: `${view.name}!${a1(found.row, found.col)}` };
  }
  return null;
}
