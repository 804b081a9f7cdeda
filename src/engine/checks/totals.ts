/**
 * Every stated total equals what it totals: column totals (with subtotals and totals of totals),
 * row totals where a TOTAL column exists, each block of a spend/funding summary, and the two
 * blocks' totals against each other.
 */
import type { Finding } from '../findings';
import { parseA1 } from '../grid';
import { FIGURE_ROLES, isRatioLabel, parseFinancialYear, shortHeader } from '../tables';
import type { TableBlock, TableColumn, TableRow } from '../tables/types';
import type { CheckContext } from './context';
import { aggregation, references } from '../formulaText';
import { checkTotalFormula, formulaAgrees } from './formulas';

/** The rows a stated total covers, and where each of them sits. */
export interface TotalParts {
  totalRow: TableRow;
  col: TableColumn;
  rows: TableRow[];
  values: number[];
}

const SOURCE_NAMES = /\b(mainstream|grants?|contributions?|user income|income)\b/i;

export function checkTotals(ctx: CheckContext): void {
  const t = ctx.table;
  const figureCols = t.columns.filter((c) => FIGURE_ROLES.has(c.role) && c.role !== 'total');
  const sideBySide = t.blocks && t.blocks.length === 2 && t.blocks[0].labelCol !== t.blocks[1].labelCol;
  if (sideBySide && t.blocks) {
    for (const block of t.blocks) checkBlockTotals(ctx, block);
  } else {
    checkColumnTotals(ctx, figureCols);
  }
  checkRowTotals(ctx);
  if (t.blocks && t.blocks.length === 2) checkBlocksAgree(ctx, t.blocks);
}

function isPart(r: TableRow): boolean {
  return r.role === 'line' || r.role === 'source';
}

/** Column totals down the table: subtotals cover the lines since the last subtotal, totals the lines since the last total. */
function checkColumnTotals(ctx: CheckContext, cols: TableColumn[]): void {
  const t = ctx.table;
  const sourceCol = t.columns.find((c) => c.role === 'source');
  let segment: TableRow[] = [];
  // The lines since the last subtotal (or total) are the segment's from this index on.
  let sinceSub = 0;
  let lastSegment: TableRow[] = [];
  for (let ri = 0; ri < t.rows.length; ri++) {
    const r = t.rows[ri];
    if (isPart(r)) {
      segment.push(r);
      continue;
    }
    if (r.role === 'subtotal') {
      // A group total above its lines covers its block; one below them, the lines since the last.
      const covers = r.covers;
      const parts = covers ? coveredParts(t.rows, covers) : segment.slice(sinceSub);
      judgeTotalRow(ctx, r, parts, (sink) => {
        for (const col of cols) compareColumn(ctx, r, col, parts, 'subtotal', sink);
      });
      if (!covers) sinceSub = segment.length;
      continue;
    }
    if (r.role !== 'total') continue;
    const sourceName = sourceCol && SOURCE_NAMES.exec(r.label)?.[1];
    if (sourceName && sourceCol) {
      // "Total Mainstream Funding Required": the rows of that source, all through the table.
      const named = t.rows.filter(
        (x) => isPart(x) && x.row < r.row && sourceLabel(ctx, x, sourceCol).toLowerCase() === sourceName.toLowerCase(),
      );
      for (const col of cols.filter((c) => c.role === 'funding')) compareColumn(ctx, r, col, named, 'total');
      continue;
    }
    const covered = segment.length > 0 ? segment : lastSegment;
    judgeTotalRow(ctx, r, covered, (sink) => {
      let lines: TableRow[] | null = null;
      for (const col of cols) {
        // In a financial plan the gross columns total the lines; the funding columns total lines and sources.
        const rows = col.role === 'funding' ? covered : (lines ??= covered.filter((x) => x.role === 'line'));
        compareColumn(ctx, r, col, rows, 'total', sink);
      }
    });
    lastSegment = covered;
    segment = [];
    sinceSub = 0;
  }
}

/** The lines and sources among the rows a group total covers (a set, not a search of the list per row). */
function coveredParts(rows: TableRow[], covers: number[]): TableRow[] {
  const covered = new Set(covers);
  return rows.filter((x) => isPart(x) && covered.has(x.row));
}

function sourceLabel(ctx: CheckContext, r: TableRow, sourceCol: TableColumn): string {
  if (r.role === 'source') return r.label;
  const v = ctx.read.views[ctx.sheet]?.value(r.row, sourceCol.col);
  return typeof v === 'string' ? v.trim() : '';
}

/** What one total row gives, column by column, before it is reported. */
interface RowVerdicts {
  judged: number;
  findings: Finding[];
}

/**
 * Judges one total row across its columns. When most of its columns disagree with the lines above
 * by amounts that no single line explains (a line left out or counted twice would be the same line
 * in every column), the reader has most likely mistaken what the row totals: that is said once, at
 * the row, with how to fix the mapping, rather than as an error in every column.
 */
function judgeTotalRow(ctx: CheckContext, total: TableRow, parts: TableRow[], run: (sink: RowVerdicts) => void): void {
  const sink: RowVerdicts = { judged: 0, findings: [] };
  const before = ctx.findings.length;
  run(sink);
  const errors = sink.findings.filter((f) => f.severity === 'error');
  const formulaFaults = ctx.findings
    .slice(before)
    .some((f) => f.rule === 'formulas.sum-leaves-out' || f.rule === 'formulas.double-count');
  // One line whose figures are every column's difference is the same structure in every column:
  // the reading is confirmed, and the total is out by that line.
  const explained = errors.length >= 2 && oneLineExplains(ctx, errors, parts);
  if (explained) for (const f of errors) ctx.confirm(f.cell);
  const doubt = errors.length >= 2 && errors.length * 2 > sink.judged && !formulaFaults && !explained;
  for (const f of sink.findings) ctx.findings.push(f);
  if (!doubt) return;
  const say = ctx.say();
  const diffs = errors.map((f) => say.amount(f.difference ?? 0)).join(', ');
  ctx.rowDoubts.push({
    row: total.row,
    label: total.label || 'a total',
    errors,
    judged: sink.judged,
    doubt: {
      sheet: ctx.sheet,
      table: ctx.table.id,
      rule: 'structure.doubt',
      severity: 'info',
      cell: errors[0].cell,
      message:
        `PlanCheck could not tell what row ${total.row + 1} (${total.label || 'a total'}) totals: in ${errors.length} of its ` +
        `${sink.judged} columns it differs from the lines above by amounts no single line explains (${diffs}), so its ` +
        `figures were not judged. If the table was read wrongly, set its header rows and kind in Tables (or mark it ` +
        `"Not a table"); if the row is not a total, give it a label that does not say "total".`,
      related: errors.map((f) => f.cell),
    },
  });
}

/** Is there one line whose figures are each column's difference (left out, or counted twice)? */
function oneLineExplains(ctx: CheckContext, errors: Finding[], parts: TableRow[]): boolean {
  const cols = errors.map((f) => ({ col: parseA1(f.cell)?.col ?? -1, diff: Math.abs(f.difference ?? 0) }));
  return parts.some((p) =>
    cols.every(({ col, diff }) => {
      const v = ctx.num(p.row, col);
      return v !== null && Math.abs(Math.abs(v) - diff) <= ctx.tolerance(1, [v]);
    }),
  );
}

function compareColumn(
  ctx: CheckContext,
  total: TableRow,
  col: TableColumn,
  rows: TableRow[],
  what: 'total' | 'subtotal',
  sink?: RowVerdicts,
): void {
  const stated = ctx.num(total.row, col.col);
  if (stated === null) return;
  // A count or an average in a totals row (SUBTOTAL(103, ...), AVERAGE) is not a sum to judge.
  const f = ctx.formula(total.row, col.col);
  if (f && aggregation(f) === 'other') return;
  // Worked out from the other figures of its own row (a unit cost =ROUND(C9*1000/52/B9,0), a net
  // =C9-D9): derived from the totals beside it, not a sum of the column.
  if (f && derivedAlongRow(f, total.row, col.col)) return;
  // Added up as the cells are read; the figures and their rows are listed only where a formula or
  // a finding needs them (a total of 100,000 lines that adds up needs neither).
  let count = 0;
  let sum = 0;
  let nonZero = 0;
  for (let ri = 0; ri < rows.length; ri++) {
    const r = rows[ri];
    const v = ctx.readable(r.row, col.col);
    if (v === undefined) return;
    if (v !== null) {
      count++;
      sum += v;
      if (v !== 0) nonZero++;
    }
  }
  if (count === 0) return;
  let listed: TableRow[] | null = null;
  const partRowsOf = (): TableRow[] => (listed ??= rows.filter((r) => ctx.num(r.row, col.col) !== null));
  // A zero over zeros agrees with any reading of the table: it is judged, but proves nothing.
  const trivial = stated === 0 && nonZero === 0;
  if (sink && !trivial) sink.judged++;
  ctx.count(what === 'subtotal' ? 'totals.subtotal' : 'totals.column');
  const before = ctx.findings.length;
  if (f) {
    checkTotalFormula(
      ctx,
      total.row,
      col.col,
      partRowsOf().map((r) => r.row),
      'column',
    );
  }
  // A formula total that equals the cells it names is right by its own statement; whether it names
  // the right cells was judged just above, by the formula rules. Where they found it leaves a line
  // out or counts one twice, the difference is said with that finding.
  let formulaFault = false;
  if (ctx.findings.length > before) {
    const cell = ctx.cell(total.row, col.col);
    formulaFault = ctx.findings
      .slice(before)
      .some((f) => f.cell === cell && (f.rule === 'formulas.sum-leaves-out' || f.rule === 'formulas.double-count'));
  }
  const verdict = ctx.judgeSum(stated, sum, nonZero, () => [
    stated,
    ...partRowsOf().map((r) => ctx.num(r.row, col.col) as number),
  ]);
  if ((!verdict || verdict.rounding) && !trivial) ctx.confirm(total.row, col.col);
  if (!formulaFault && formulaAgrees(ctx, total.row, col.col, stated)) return;
  if (!verdict) return;
  const partRows = partRowsOf();
  if (f) storedAsText(ctx, total, col, partRows, -verdict.difference);
  const added = stated - verdict.difference;
  const short = shortHeader(col.header) || col.letter;
  const colName = col.year && !parseFinancialYear(short) ? `${short} ${ctx.year(col.year)}` : short;
  const say = ctx.say();
  const finding: Finding = {
    sheet: ctx.sheet,
    table: ctx.table.id,
    rule: what === 'subtotal' ? 'totals.subtotal' : 'totals.column',
    severity: verdict.severity,
    cell: ctx.cell(total.row, col.col),
    message:
      `${total.label || 'The total'} for ${colName} is ${say.fig(stated)}, but the ${count} ${count === 1 ? 'figure' : 'figures'} ` +
      `it totals add up to ${say.fig(added)}, ${say.amount(verdict.difference)} ${verdict.difference > 0 ? 'less' : 'more'}` +
      (verdict.rounding ? ': a rounding difference' : ''),
    expected: added,
    actual: stated,
    difference: verdict.difference,
    related: rangeOf(ctx, partRows, col.col),
  };
  if (sink) sink.findings.push(finding);
  else ctx.findings.push(finding);
}

/** Cells as a compact list: a run of rows in one column becomes one range. */
function rangeOf(ctx: CheckContext, rows: TableRow[], col: number): string[] {
  if (rows.length === 0) return [];
  const contiguous = rows.every((r, i) => i === 0 || r.row === rows[i - 1].row + 1);
  if (contiguous && rows.length > 1)
    return [`${ctx.cell(rows[0].row, col)}:${ctx.cell(rows[rows.length - 1].row, col)}`];
  return rows.map((r) => ctx.cell(r.row, col));
}

/** Side-by-side blocks: each block's figures total to its own total row. */
function checkBlockTotals(ctx: CheckContext, block: TableBlock): void {
  if (block.totalRow === undefined) return;
  const view = ctx.read.views[ctx.sheet];
  const total = ctx.table.rows.find((r) => r.row === block.totalRow);
  if (!total || !view) return;
  const rows = ctx.table.rows.filter((r) => r.row < block.totalRow! && r.role !== 'blank' && r.role !== 'section');
  const label = String(view.value(total.row, block.labelCol) ?? 'Total');
  for (const colIndex of block.figureCols) {
    const col = ctx.table.columns.find((c) => c.col === colIndex);
    if (!col) continue;
    const named: TableRow = { ...total, label: `${label} of ${block.label}` };
    compareColumn(ctx, named, { ...col, header: block.label }, rows, 'total');
  }
}

/** Row totals: a TOTAL column equals the year or category figures of its row. */
function checkRowTotals(ctx: CheckContext): void {
  const t = ctx.table;
  const totalCol = t.columns.find((c) => c.role === 'total');
  if (!totalCol) return;
  const parts = t.columns.filter((c) => (c.role === 'year' || c.role === 'figure') && c.col < totalCol.col);
  if (parts.length < 2) return;
  for (let ri = 0; ri < t.rows.length; ri++) {
    const r = t.rows[ri];
    if (r.role === 'blank' || r.role === 'section') continue;
    // A row of ratios: its "total" is the ratio over the whole period, not a sum of the years.
    if (r.role === 'memo' && isRatioLabel(r.label)) continue;
    const stated = ctx.num(r.row, totalCol.col);
    if (stated === null) continue;
    const values: number[] = [];
    const cols: number[] = [];
    if (parts.some((c) => ctx.unreadable(r.row, c.col))) continue;
    for (const c of parts) {
      const v = ctx.num(r.row, c.col);
      if (v !== null) {
        values.push(v);
        cols.push(c.col);
      }
    }
    if (values.length === 0) continue;
    ctx.count('totals.row');
    checkTotalFormula(ctx, r.row, totalCol.col, cols, 'row');
    const verdict = ctx.judge(stated, values);
    if (!verdict || verdict.rounding) ctx.confirm(r.row, totalCol.col);
    if (!verdict) continue;
    const sum = stated - verdict.difference;
    const say = ctx.say();
    ctx.add({
      rule: 'totals.row',
      severity: verdict.severity,
      cell: ctx.cell(r.row, totalCol.col),
      message:
        `The ${shortHeader(totalCol.header) || 'total'} of ${r.role === 'total' ? `the ${r.label} row` : ctx.lineName(r)} is ${say.fig(stated)}, ` +
        `but its ${values.length} figures add up to ${say.fig(sum)}, ${say.amount(verdict.difference)} ${verdict.difference > 0 ? 'less' : 'more'}` +
        (verdict.rounding ? ': a rounding difference' : ''),
      expected: sum,
      actual: stated,
      difference: verdict.difference,
      related: [`${ctx.cell(r.row, cols[0])}:${ctx.cell(r.row, cols[cols.length - 1])}`],
    });
  }
}

/** Spend and funding (or costs and funded by): the two totals agree. */
function checkBlocksAgree(ctx: CheckContext, blocks: TableBlock[]): void {
  const [a, b] = blocks;
  if (a.totalRow === undefined || b.totalRow === undefined) return;
  const n = Math.min(a.figureCols.length, b.figureCols.length);
  for (let i = 0; i < n; i++) {
    const ca = a.figureCols[i];
    const cb = b.figureCols[i];
    const va = ctx.num(a.totalRow, ca);
    const vb = ctx.num(b.totalRow, cb);
    if (va === null || vb === null) continue;
    ctx.count('totals.spend-funding');
    const verdict = ctx.judge(vb, [va]);
    if (!verdict || verdict.rounding) ctx.confirm(b.totalRow, cb);
    if (!verdict) continue;
    const col = ctx.table.columns.find((c) => c.col === cb);
    const year = col?.year ? ` in ${ctx.year(col.year)}` : '';
    const gap = vb - va;
    const say = ctx.say();
    ctx.add({
      rule: 'totals.spend-funding',
      severity: verdict.severity,
      cell: ctx.cell(b.totalRow, cb),
      message:
        `${b.label} totals ${say.fig(vb)}${year} but ${a.label} totals ${say.fig(va)}: ` +
        (gap < 0 ? `${say.amount(gap)} of spend is not funded` : `${say.amount(gap)} more funding than spend`) +
        (verdict.rounding ? ' (a rounding difference)' : ''),
      expected: va,
      actual: vb,
      difference: gap,
      related: [ctx.cell(a.totalRow, ca)],
    });
  }
}

/** A formula that refers only to other cells of its own row. */
function derivedAlongRow(formula: string, row: number, col: number): boolean {
  const refs = references(formula);
  return refs.length > 0 && refs.every((r) => r.top === row && r.bottom === row && (r.left > col || r.right < col));
}

/**
 * Figures typed as text ("1200" with an apostrophe, or pasted from another system) that a formula
 * total leaves out, as Excel's SUM does: where they are the whole of the total's shortfall, each is
 * said at itself, with the total it misses related (and the total's own finding folded into it).
 */
function storedAsText(ctx: CheckContext, total: TableRow, col: TableColumn, rows: TableRow[], shortfall: number): void {
  const view = ctx.read.views[ctx.sheet];
  if (!view) return;
  // Figures only: "..", "-" and "n/a" are text too, but stand for no figure.
  const asText = rows.filter((r) => {
    if (typeof view.value(r.row, col.col) !== 'string') return false;
    const f = ctx.read.figure(ctx.sheet, r.row, col.col);
    return f.kind === 'number' && f.value !== 0;
  });
  const values = asText.map((r) => ctx.num(r.row, col.col) ?? 0);
  const sum = values.reduce((a, b) => a + b, 0);
  if (asText.length === 0 || Math.abs(sum - shortfall) > ctx.tolerance(1, values)) return;
  const totalCell = ctx.cell(total.row, col.col);
  const say = ctx.say();
  asText.forEach((r, i) => {
    const cell = ctx.cell(r.row, col.col);
    ctx.add({
      rule: 'figures.as-text',
      severity: 'error',
      cell,
      message:
        `${cell} (${ctx.lineName(r)}) holds ${say.fig(values[i])} stored as text, so the total at ${totalCell} ` +
        `leaves it out and shows ${say.fig(ctx.num(total.row, col.col) ?? 0)}; enter it as a number`,
      expected: values[i],
      actual: String(view.value(r.row, col.col)),
      difference: asText.length === 1 ? -shortfall : undefined,
      related: [totalCell],
    });
  });
}
