/**
 * The plan against the council's cash limit (financial envelope), year by year: from the settings,
 * a row labelled "Cash limit" or "Financial envelope", or a named range such as CashLimit_2010_11.
 */
import type { WorkbookSnapshot } from '../grid';
import { parseRange } from '../grid';
import type { TableColumn, TableRow } from '../tables/types';
import type { CheckContext } from './context';

const MAINSTREAM = /\bmainstream\b|\bnet requirement\b/i;
const NET_REQUIREMENT = /\bnet (budget )?requirement\b/i;
const LIMIT_LABEL = /\b(cash limit|financial envelope|envelope|budget limit|funding available)\b/i;

interface Limit {
  value: number;
  /** Where it came from, for the message. */
  from: string;
  cell?: string;
}

export function checkCashLimit(ctx: CheckContext, wb: WorkbookSnapshot): void {
  const t = ctx.table;
  const requirement = requirementRow(ctx);
  if (!requirement) return;
  const limitRow = t.rows.find((r) => r.role !== 'blank' && LIMIT_LABEL.test(r.label) && r !== requirement.row);
  for (const col of requirement.cols) {
    const year = col.year?.label;
    if (!year) continue;
    const need = ctx.num(requirement.row.row, col.col);
    if (need === null) continue;
    const limit = limitFor(ctx, wb, year, limitRow, col);
    if (!limit) continue;
    ctx.count('cashlimit');
    const gap = need - limit.value;
    const cell = ctx.cell(requirement.row.row, col.col);
    const related = limit.cell ? [limit.cell] : [];
    const said = ctx.year(col.year);
    const say = ctx.say();
    if (gap > 1e-9) {
      ctx.add({
        rule: 'cashlimit.over',
        severity: 'error',
        cell,
        message: `The net requirement for ${said} is ${say.fig(need)}, ${say.amount(gap)} over the cash limit of ${say.fig(limit.value)} (${limit.from})`,
        expected: `at most ${ctx.fig(limit.value)}`,
        actual: need,
        difference: gap,
        related,
      });
    } else {
      ctx.add({
        rule: 'cashlimit.headroom',
        severity: 'info',
        cell,
        message: `The net requirement for ${said} is ${say.fig(need)}, within the cash limit of ${say.fig(limit.value)} (${limit.from}) with ${say.amount(gap)} of headroom`,
        expected: `at most ${ctx.fig(limit.value)}`,
        actual: need,
        difference: gap,
        related,
      });
    }
  }
}

/** The row that states the net requirement, and its year columns. */
function requirementRow(ctx: CheckContext): { row: TableRow; cols: TableColumn[] } | null {
  const t = ctx.table;
  if (t.kind === 'financial-plan') {
    const row = t.rows.find((r) => r.role === 'total' && MAINSTREAM.test(r.label));
    if (row) return { row, cols: t.columns.filter((c) => c.role === 'funding') };
    return null;
  }
  const row =
    t.rows.find((r) => NET_REQUIREMENT.test(r.label)) ?? [...t.rows].reverse().find((r) => r.role === 'total');
  if (!row) return null;
  return { row, cols: t.columns.filter((c) => c.role === 'year') };
}

function limitFor(
  ctx: CheckContext,
  wb: WorkbookSnapshot,
  year: string,
  limitRow: TableRow | undefined,
  col: TableColumn,
): Limit | null {
  const fromSettings = ctx.settings.cashLimits?.[year];
  if (typeof fromSettings === 'number') return { value: fromSettings, from: 'set in Settings › Cash limits' };
  if (limitRow) {
    const v = ctx.num(limitRow.row, col.col);
    if (v !== null)
      return {
        value: v,
        from: `${limitRow.label}, ${ctx.cell(limitRow.row, col.col)}`,
        cell: ctx.cell(limitRow.row, col.col),
      };
  }
  const [a, b] = year.split('/');
  const wanted = [`cashlimit_${a}_${b}`, `cashlimit_${a}`, `financialenvelope_${a}_${b}`];
  const name = wb.names.find((n) => wanted.includes(n.name.toLowerCase().replace(/[\s.]/g, '')));
  if (name) {
    const ref = parseRange(name.address);
    if (ref) {
      const f = ctx.read.figure(name.sheet, ref.top, ref.left);
      if (f.kind === 'number')
        return { value: f.value ?? 0, from: `named range ${name.name}`, cell: `${name.sheet}!${name.address}` };
    }
  }
  return null;
}
