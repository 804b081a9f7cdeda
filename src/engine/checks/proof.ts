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

/** Rules whose claim rests on the cell being a total of what the reader took it to total. */
const READING = new Set(['formulas.typed-total', 'formulas.inconsistent']);

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
  const notFigures = new Set<number>();
  if (failed.length === 0 && ctx.rowDoubts.length === 0 && findings.filter(isDoubt).length <= 1) {
    return { findings, notFigures };
  }
  const colOf = (cell: string) => parseA1(cell)?.col ?? -1;
  const confirmedCols = new Set(ctx.confirmed.map(colOf));
  const failedCols = new Map<number, Finding[]>();
  for (const f of failed) failedCols.set(colOf(f.cell), [...(failedCols.get(colOf(f.cell)) ?? []), f]);

  // Unproven: every failed total where none adds up; else the columns where several fail and none adds up.
  const unproven = new Set<Finding>();
  if (ctx.confirmed.length === 0) {
    for (const f of failed) unproven.add(f);
  } else {
    // ... and where, on most of the rows it fails, the other columns add up: the row is read right,
    // the column is not figures. (Where the other columns fail on those rows too, the row is misread.)
    const rowOf = (cell: string) => parseA1(cell)?.row ?? -1;
    const confirmedRows = new Map<number, number>();
    for (const c of ctx.confirmed) confirmedRows.set(rowOf(c), (confirmedRows.get(rowOf(c)) ?? 0) + 1);
    const failedRows = new Map<number, number>();
    for (const f of new Set(failed.map((x) => x.cell))) failedRows.set(rowOf(f), (failedRows.get(rowOf(f)) ?? 0) + 1);
    const rowReadRight = (row: number) => (confirmedRows.get(row) ?? 0) >= (failedRows.get(row) ?? 0) - 1;
    for (const [col, fs] of failedCols) {
      const cells = new Set(fs.map((f) => f.cell));
      const rows = [...new Set([...cells].map(rowOf))];
      const readRight = rows.filter(rowReadRight).length;
      if (cells.size >= 2 && !confirmedCols.has(col) && readRight * 2 >= rows.length) {
        for (const f of fs) unproven.add(f);
        notFigures.add(col);
      }
    }
  }
  // A total row that disagrees in most of its columns, those set aside, is a row misread: one note.
  const held = new Set<Finding>();
  const doubts = findings.filter(isDoubt);
  const doubtedRows = new Map<number, string>();
  for (const { errors, judged, doubt, row, label } of ctx.rowDoubts) {
    const still = errors.filter((f) => !unproven.has(f));
    const setAside = errors.length - still.length;
    if (still.length >= 2 && still.length * 2 > judged - setAside) {
      for (const f of still) held.add(f);
      doubts.push({ ...doubt, related: still.map((f) => f.cell) });
      doubtedRows.set(row, label);
    }
  }
  // Several rows misread in one table: one sentence naming them all, not a note for each.
  if (doubtedRows.size > 1) {
    const rowDoubts = doubts.filter((d) => ctx.rowDoubts.some((r) => r.doubt.cell === d.cell));
    const named = [...doubtedRows].map(([row, label]) => `${row + 1} (${label})`);
    const list = `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
    const merged: Finding = {
      ...rowDoubts[0],
      message:
        `PlanCheck could not tell what rows ${list} of ${ctx.sheet}!${ctx.table.range} total: in most of their ` +
        `columns they differ from the lines above by amounts no single line explains, so their figures were not ` +
        `judged. If the table was read wrongly, set its header rows and kind in Tables (or mark it "Not a ` +
        `table"); if a row is not a total, give it a label that does not say "total".`,
      related: [...new Set(rowDoubts.flatMap((d) => d.related ?? []))],
    };
    doubts.splice(0, doubts.length, ...doubts.filter((d) => !rowDoubts.includes(d)), merged);
  }
  // On a row misread, the columns that came near by chance are no "rounding differences" either.
  for (const f of findings) {
    if (f.severity === 'info' && ARITHMETIC.has(f.rule) && doubtedRows.has(parseA1(f.cell)?.row ?? -2)) held.add(f);
  }
  // What was said of those cells on the strength of that reading goes with it ("a total typed among formulas").
  const setAsideCells = new Set([...unproven, ...held].map((f) => f.cell));
  const onReading = (f: Finding) => READING.has(f.rule) && setAsideCells.has(f.cell);
  const kept = findings.filter((f) => !unproven.has(f) && !held.has(f) && !isDoubt(f) && !onReading(f));
  const why = [...doubts, ...[...unproven].sort((a, b) => colOf(a.cell) - colOf(b.cell))];
  if (why.length === 0) return { findings: kept, notFigures };
  const first = why[0];
  const range = ctx.table.range;
  const cells = [...new Set(why.flatMap((f) => (isDoubt(f) ? [f.cell, ...(f.related ?? [])] : [f.cell])))];
  // Every failure on one total row that disagrees throughout: that row's own note says it best.
  const oneRow = ctx.rowDoubts.find((d) => failed.every((f) => d.errors.includes(f)));
  const message =
    unproven.size === 0
      ? first.message
      : oneRow && ctx.confirmed.length === 0
        ? oneRow.doubt.message
        : ctx.confirmed.length === 0
          ? `PlanCheck could not confirm how ${ctx.sheet}!${range} adds up: none of its ${failed.length} totals ` +
            `matches what it took to be their lines (at ${first.cell}, ${first.expected ?? '?'} against ${first.actual ?? '?'}), ` +
            `so no total in it was judged. If it was read wrongly, set its header rows and kind in Tables.`
          : `PlanCheck did not judge the totals in ${describeCols([...unproven])} of ${ctx.sheet}!${range}: ` +
            `none of them adds up while the table's other totals do, so ${unproven.size === 1 ? 'it holds' : 'they hold'} ` +
            `something other than figures to add (line numbers or codes, say).`;
  kept.push({
    sheet: ctx.sheet,
    table: ctx.table.id,
    rule: 'structure.doubt',
    severity: 'info',
    cell: unproven.size === 0 ? first.cell : [...unproven][0].cell,
    message,
    related: cells,
  });
  return { findings: kept, notFigures };
}

const isDoubt = (f: Finding) => f.rule === 'structure.doubt';

function describeCols(fs: Finding[]): string {
  const letters = [...new Set(fs.map((f) => f.cell.replace(/\d+$/, '')))];
  return `${letters.length === 1 ? 'column' : 'columns'} ${letters.join(', ')}`;
}
