/**
 * Financial plans: each line's funding sources add up to its proposed gross cash limit each year;
 * net within gross; year-on-year movement within the allowed uplift.
 */
import { decimalPlaces, round } from '../numbers';
import { DEFAULT_SETTINGS } from '../settings';
import type { TableColumn, TableRow } from '../tables/types';
import type { CheckContext } from './context';
import { shortOrOver } from './context';

/** The line rows with the source rows that belong to each. */
export function linesWithSources(rows: TableRow[]): { line: TableRow; sources: TableRow[] }[] {
  const out: { line: TableRow; sources: TableRow[] }[] = [];
  for (const r of rows) {
    if (r.role === 'line') out.push({ line: r, sources: [r] });
    else if (r.role === 'source' && out.length > 0 && out[out.length - 1].line.row === r.lineRow) {
      out[out.length - 1].sources.push(r);
    }
  }
  return out;
}

export function checkFunding(ctx: CheckContext): void {
  const t = ctx.table;
  const grossYears = t.columns.filter((c) => c.role === 'year' && c.year);
  const fundingYears = t.columns.filter((c) => c.role === 'funding' && c.year);
  const source = t.columns.find((c) => c.role === 'source');
  for (const { line, sources } of linesWithSources(t.rows)) {
    for (const fund of fundingYears) {
      const grossCol = grossYears.find((g) => g.year?.label === fund.year?.label);
      if (!grossCol) continue;
      const gross = ctx.num(line.row, grossCol.col);
      const parts: number[] = [];
      const cells: string[] = [];
      for (const s of sources) {
        const v = ctx.num(s.row, fund.col);
        if (v !== null) {
          parts.push(v);
          cells.push(ctx.cell(s.row, fund.col));
        }
      }
      if (gross === null || parts.length === 0) continue;
      if (sources.some((src) => ctx.unreadable(src.row, fund.col))) continue;
      const verdict = ctx.judge(gross, parts);
      if (!verdict) continue;
      const sum = gross - verdict.difference;
      const year = fund.year?.label ?? '';
      ctx.add({
        rule: 'funding.sum',
        severity: verdict.severity,
        cell: ctx.cell(line.row, grossCol.col),
        message:
          `Funding for ${ctx.lineName(line)} in ${year} adds up to ${ctx.fig(sum)}, ${ctx.money(verdict.difference)} ` +
          `${shortOrOver(sum, gross)} its cash limit of ${ctx.fig(gross)}` +
          (verdict.rounding ? ': a rounding difference' : sourceHint(ctx, sources, source)),
        expected: gross,
        actual: sum,
        difference: -verdict.difference,
        related: cells,
      });
    }
  }
  checkNetWithinGross(ctx);
  checkUplift(ctx, grossYears);
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
  const gross = t.columns.find((c) => c.role === 'gross');
  const net = t.columns.find((c) => c.role === 'net');
  if (!gross || !net) return;
  for (const r of t.rows) {
    if (r.role !== 'line' && r.role !== 'total') continue;
    const g = ctx.num(r.row, gross.col);
    const n = ctx.num(r.row, net.col);
    if (g === null || n === null || n <= g) continue;
    ctx.add({
      rule: 'funding.net-above-gross',
      severity: 'error',
      cell: ctx.cell(r.row, net.col),
      message: `The net budget of ${ctx.lineName(r)}, ${ctx.fig(n)}, is ${ctx.money(n - g)} above its gross budget of ${ctx.fig(g)}; net cannot exceed gross`,
      expected: `at most ${g}`,
      actual: n,
      difference: n - g,
      related: [ctx.cell(r.row, gross.col)],
    });
  }
}

/** A line whose year-on-year rise exceeds inflation plus growth is worth a warning. */
function checkUplift(ctx: CheckContext, years: TableColumn[]): void {
  const uplift = { ...DEFAULT_SETTINGS.uplift, ...(ctx.settings.uplift ?? {}) };
  const allowed = (uplift.inflation ?? 0) + (uplift.growth ?? 0);
  const ordered = [...years].sort((a, b) => (a.year?.start ?? 0) - (b.year?.start ?? 0));
  for (const r of ctx.table.rows) {
    if (r.role !== 'line') continue;
    for (let i = 1; i < ordered.length; i++) {
      const prev = ctx.num(r.row, ordered[i - 1].col);
      const cur = ctx.num(r.row, ordered[i].col);
      if (prev === null || cur === null || prev <= 0) continue;
      const rise = ((cur - prev) / prev) * 100;
      if (rise <= allowed + 1e-9) continue;
      // The most the line could be, printed to the line's own precision.
      const ceiling = round(prev * (1 + allowed / 100), decimalPlaces(cur));
      ctx.add({
        rule: 'funding.uplift',
        severity: 'warning',
        cell: ctx.cell(r.row, ordered[i].col),
        message:
          `${ctx.lineName(r)} rises ${rise.toFixed(1)}% from ${ordered[i - 1].year?.label} to ${ordered[i].year?.label} ` +
          `(${ctx.fig(prev)} to ${ctx.fig(cur)}), more than the allowed uplift of ${allowed}% (inflation ${uplift.inflation}% plus growth ${uplift.growth}%)`,
        expected: `at most ${ctx.fig(ceiling)}`,
        actual: cur,
        difference: round(cur - ceiling, decimalPlaces(cur)),
        related: [ctx.cell(r.row, ordered[i - 1].col)],
      });
    }
  }
}
