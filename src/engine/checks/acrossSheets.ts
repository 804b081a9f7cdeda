/**
 * Across sheets: a summary fed by detail sheets. Where a summary's figures are formulas that fetch
 * a detail sheet's total (='Older people'!C14), a figure typed among them must equal the cell its
 * neighbours' formulas point to; where a summary line is named like another sheet that holds one
 * table with a total, its figures must equal that total, year by year. A figure is called wrong only
 * where the same link holds elsewhere: the rest of its row, or the other summary lines, agree.
 */
import { columnIndex, quoteSheet } from '../grid';
import type { FoundTable, TableColumn, TableRow } from '../tables/types';
import { FIGURE_ROLES } from '../tables';
import type { CheckContext } from './context';

/** A formula that is one cell of another sheet: ='Older people'!C14, =Detail!$B$9. */
const SHEET_CELL = /^=\s*(?:'((?:[^']|'')+)'|([A-Za-z0-9_.]+))!\$?([A-Z]{1,3})\$?(\d{1,7})\s*$/i;

interface Link {
  sheet: string;
  row: number;
  col: number;
}

/** The other sheet's cell a formula is, or null. */
function linkOf(formula: string | null): Link | null {
  const m = formula ? SHEET_CELL.exec(formula) : null;
  if (!m) return null;
  return { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), row: Number(m[4]) - 1, col: columnIndex(m[3].toUpperCase()) };
}

interface Claim {
  row: TableRow;
  col: TableColumn;
  stated: number;
  /** The detail figure it stands for, where it is. */
  sheet: string;
  at: { row: number; col: number };
  detail: number;
  /** How the link was known: a neighbour's formula, or the line's name. */
  by: string;
}

export function checkAcrossSheets(ctx: CheckContext): void {
  const t = ctx.table;
  const cols = t.columns.filter((c) => FIGURE_ROLES.has(c.role) && c.role !== 'ratio');
  if (cols.length === 0) return;
  const claims: Claim[] = [];
  let agreeing = 0;
  let others: Map<string, string> | undefined;
  for (let ri = 0; ri < t.rows.length; ri++) {
    const row = t.rows[ri];
    if (row.role === 'blank' || row.role === 'section' || row.role === 'memo') continue;
    const fromFormulas = byNeighbours(ctx, row, cols);
    agreeing += fromFormulas.agreeing;
    claims.push(...fromFormulas.claims);
    if (fromFormulas.linked) continue;
    const named = byName(ctx, row, cols, (others ??= otherSheets(ctx)));
    for (const c of named) {
      if (ctx.judge(c.stated, [c.detail])) claims.push(c);
      else agreeing++;
    }
  }
  const wrong = claims.filter((c) => {
    const verdict = ctx.judge(c.stated, [c.detail]);
    return verdict && !verdict.rounding;
  });
  // One out where the link holds elsewhere; nothing said where no link is shown to hold.
  if (wrong.length === 0 || agreeing === 0 || wrong.length > agreeing) return;
  const say = ctx.say();
  for (const c of wrong) {
    ctx.count('totals.across-sheets');
    const verdict = ctx.judge(c.stated, [c.detail])!;
    const detailCell = `${quoteSheet(c.sheet)}!${ctx.cell(c.at.row, c.at.col)}`;
    ctx.add({
      rule: 'totals.across-sheets',
      severity: verdict.severity,
      cell: ctx.cell(c.row.row, c.col.col),
      message:
        `${ctx.lineName(c.row)} for ${ctx.year(c.col.year) || c.col.header} is typed as ${say.fig(c.stated)}, but the ` +
        `figure it stands for on ${c.sheet} (${detailCell}) is ${say.fig(c.detail)}, ${say.amount(verdict.difference)} ` +
        `${verdict.difference > 0 ? 'less' : 'more'}; ${c.by}`,
      expected: c.detail,
      actual: c.stated,
      difference: verdict.difference,
      related: [detailCell],
    });
  }
  for (const c of claims) if (!wrong.includes(c)) ctx.count('totals.across-sheets');
}

/** Nothing found for a row (shared: never added to). */
const NO_CLAIMS: Claim[] = [];
const UNLINKED = { claims: NO_CLAIMS, agreeing: 0, linked: false };

/**
 * Typed figures in a row whose other figures fetch another sheet's cells: each stands for the cell
 * its neighbour's formula points to, moved by as many columns.
 */
function byNeighbours(
  ctx: CheckContext,
  row: TableRow,
  cols: TableColumn[],
): { claims: Claim[]; agreeing: number; linked: boolean } {
  // Most rows hold no formula at all: nothing to build for them.
  let formulas = false;
  for (let ci = 0; ci < cols.length && !formulas; ci++) formulas = ctx.formula(row.row, cols[ci].col) !== null;
  if (!formulas) return UNLINKED;
  const links = cols
    .map((c) => ({ col: c, link: linkOf(ctx.formula(row.row, c.col)) }))
    .filter((x): x is { col: TableColumn; link: Link } => x.link !== null);
  if (links.length === 0) return { claims: [], agreeing: 0, linked: false };
  const claims: Claim[] = [];
  let agreeing = 0;
  const example = links[0];
  for (let ci = 0; ci < cols.length; ci++) {
    const c = cols[ci];
    if (ctx.formula(row.row, c.col)) {
      if (links.some((l) => l.col === c)) agreeing++;
      continue;
    }
    const stated = ctx.num(row.row, c.col);
    if (stated === null) continue;
    const at = { row: example.link.row, col: example.link.col + (c.col - example.col.col) };
    const detail = ctx.numOn(example.link.sheet, at.row, at.col);
    if (detail === null) continue;
    claims.push({
      row,
      col: c,
      stated,
      sheet: example.link.sheet,
      at,
      detail,
      by: `the figures beside it fetch theirs from ${example.link.sheet} (${ctx.cell(row.row, example.col.col)} is ${ctx.formula(row.row, example.col.col)})`,
    });
  }
  return { claims, agreeing, linked: true };
}

/** The workbook's other sheets by name as a line would give it (trimmed, lower case): the first of each name. */
function otherSheets(ctx: CheckContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of Object.keys(ctx.read.views)) {
    if (s === ctx.sheet) continue;
    const key = s.trim().toLowerCase();
    if (!out.has(key)) out.set(key, s);
  }
  return out;
}

/** A summary line named like another sheet that holds one table with a total: that total, by year. */
function byName(ctx: CheckContext, row: TableRow, cols: TableColumn[], others: Map<string, string>): Claim[] {
  if (others.size === 0) return NO_CLAIMS;
  const name = row.label.trim().toLowerCase();
  if (!name) return NO_CLAIMS;
  const sheet = others.get(name);
  if (!sheet) return NO_CLAIMS;
  const tables = ctx.read.tables.filter((x) => x.sheet === sheet && x.rows.some((r) => r.role === 'total'));
  if (tables.length !== 1) return [];
  const detail: FoundTable = tables[0];
  const totals = detail.rows.filter((r) => r.role === 'total');
  const total = totals[totals.length - 1];
  const claims: Claim[] = [];
  for (const c of cols) {
    if (!c.year) continue;
    const match = detail.columns.filter((d) => d.year?.start === c.year?.start && FIGURE_ROLES.has(d.role));
    if (match.length !== 1) continue;
    const stated = ctx.num(row.row, c.col);
    const value = ctx.numOn(sheet, total.row, match[0].col);
    if (stated === null || value === null) continue;
    claims.push({
      row,
      col: c,
      stated,
      sheet,
      at: { row: total.row, col: match[0].col },
      detail: value,
      by: `the line is named like that sheet, whose ${total.label || 'total'} it stands for`,
    });
  }
  return claims;
}
