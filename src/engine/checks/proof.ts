/**
 * A claim that figures do not add up needs the same structure to add up elsewhere (issue 23).
 *
 * The reader proposes a table's structure from labels and positions; the totals checks then test it.
 * Where the structure is right, most totals add up and the one that does not is a mistake. Where no
 * total of a table adds up, the reading is what failed, not the workbook: that is said once, as a
 * note, and nothing is called an error. Likewise a column in which several totals fail and none adds
 * up, while other columns' totals do, is not a column of figures (a form's line numbers, codes).
 */
import type { Finding } from '../findings';
import { parseA1 } from '../grid';
import type { CheckContext } from './context';

/** Rules that say a total differs from what the reader took it to total. */
const ARITHMETIC = new Set(['totals.column', 'totals.subtotal', 'totals.row', 'totals.spend-funding']);

const loud = (f: Finding) => f.severity === 'error' || f.severity === 'warning';

/** What a table's checks proved: its findings, and the columns shown not to hold figures to add. */
export interface Proven {
  findings: Finding[];
  notFigures: Set<number>;
}

/** The table's findings, with unproven arithmetic claims taken out and one note of doubt at most. */
export function keepWhatIsProven(ctx: CheckContext): Proven {
  const findings = ctx.findings;
  const failed = findings.filter((f) => ARITHMETIC.has(f.rule) && loud(f));
  const doubts = findings.filter((f) => f.rule === 'structure.doubt');
  const notFigures = new Set<number>();
  if (failed.length === 0 && doubts.length <= 1) return { findings, notFigures };
  const colOf = (cell: string) => parseA1(cell)?.col ?? -1;
  const confirmedCols = new Map<number, number>();
  for (const cell of ctx.confirmed) confirmedCols.set(colOf(cell), (confirmedCols.get(colOf(cell)) ?? 0) + 1);
  const failedCols = new Map<number, Finding[]>();
  for (const f of failed) failedCols.set(colOf(f.cell), [...(failedCols.get(colOf(f.cell)) ?? []), f]);

  const unproven = new Set<Finding>();
  if (ctx.confirmed.length === 0) {
    for (const f of failed) unproven.add(f);
  } else {
    for (const [col, fs] of failedCols) {
      const cells = new Set(fs.map((f) => f.cell));
      if (cells.size >= 2 && !confirmedCols.has(col)) {
        for (const f of fs) unproven.add(f);
        notFigures.add(col);
      }
    }
  }
  const kept = findings.filter((f) => !unproven.has(f) && f.rule !== 'structure.doubt');
  const why = [...doubts, ...[...unproven].sort((a, b) => colOf(a.cell) - colOf(b.cell) || 0)];
  if (why.length === 0) return { findings: kept, notFigures };
  const first = why[0];
  const range = ctx.table.range;
  const cells = why.map((f) => f.cell);
  const message =
    unproven.size === 0
      ? first.message
      : ctx.confirmed.length === 0
        ? `PlanCheck could not confirm how ${ctx.sheet}!${range} adds up: none of its ${failed.length} totals ` +
          `matches what it took to be their lines (at ${first.cell}, ${first.expected ?? '?'} against ${first.actual ?? '?'}), ` +
          `so no total in it was judged. If it was read wrongly, set its header rows and kind in Tables.`
        : `PlanCheck did not judge the totals in ${describeCols(ctx, [...unproven])} of ${ctx.sheet}!${range}: ` +
          `none of them adds up while the table's other totals do, so ${[...unproven].length === 1 ? 'it holds' : 'they hold'} ` +
          `something other than figures to add (line numbers or codes, say).`;
  kept.push({
    sheet: ctx.sheet,
    table: ctx.table.id,
    rule: 'structure.doubt',
    severity: 'info',
    cell: first.cell,
    message,
    related: cells.filter((c) => c !== first.cell),
  });
  return { findings: kept, notFigures };
}

function describeCols(ctx: CheckContext, fs: Finding[]): string {
  const letters = [...new Set(fs.map((f) => f.cell.replace(/\d+$/, '')))];
  return `${letters.length === 1 ? 'column' : 'columns'} ${letters.join(', ')}`;
}
