/**
 * One cause, one finding. Rules look at cells one by one, so one slip can trip several of them: a
 * SUM that leaves out a row is also a total that does not add up and a formula unlike its
 * neighbours; a line typed wrong makes its total wrong too; a fault copied along a row repeats in
 * every column. A finance officer should read each cause once, at the cell to fix, with the cells
 * it affects in `related`.
 */
import type { Finding, Severity } from '../findings';
import { SEVERITY_ORDER } from '../findings';
import { parseA1, parseRange } from '../grid';
import type { Reference } from '../formulaText';
import { references } from '../formulaText';
import { formatFigure } from '../numbers';
import { relativeShape } from './formulas';

/** Which finding speaks for a cell when several rules flag it: the cause before its symptoms. */
const PRIMARY = [
  'figures.unreadable',
  'figures.error-value',
  'formulas.sum-leaves-out',
  'formulas.double-count',
  'funding.net-above-gross',
  'funding.sum',
  'totals.subtotal',
  'totals.column',
  'totals.row',
  'totals.spend-funding',
  'formulas.typed-number',
  'formulas.typed-total',
  'formulas.inconsistent',
];

const TOTAL_RULES = new Set(['totals.column', 'totals.subtotal', 'totals.row', 'formulas.double-count']);

function rank(f: Finding): number {
  const i = PRIMARY.indexOf(f.rule);
  return i < 0 ? PRIMARY.length : i;
}

function loud(f: Finding): boolean {
  return f.severity !== 'info';
}

function worst(a: Severity, b: Severity): Severity {
  return SEVERITY_ORDER[a] <= SEVERITY_ORDER[b] ? a : b;
}

function addRelated(f: Finding, cells: (string | undefined)[]): void {
  const set = new Set(f.related ?? []);
  for (const c of cells) if (c && c !== f.cell) set.add(c);
  f.related = [...set];
}

function absorb(primary: Finding, other: Finding, clause: string): void {
  primary.severity = worst(primary.severity, other.severity);
  primary.also = [...new Set([...(primary.also ?? []), other.rule, ...(other.also ?? [])])];
  if (clause) primary.message += unitOnce(primary.message, clause);
  addRelated(primary, other.related ?? []);
  if (primary.difference === undefined && typeof other.difference === 'number') {
    primary.difference = other.difference;
    if (other.expected !== undefined) primary.expected = other.expected;
    if (typeof other.actual === 'number') primary.actual = other.actual;
  }
}

/** A clause without the unit the message has already said ("(£000)" once a sentence). */
function unitOnce(message: string, clause: string): string {
  const unit = /\s\((£000|£m|£)\)/.exec(clause);
  return unit && message.includes(unit[0]) ? clause.replace(unit[0], '') : clause;
}

/** What an absorbed finding adds to the primary's message, in a few words. */
function sameCellClause(other: Finding): string {
  switch (other.rule) {
    case 'totals.column':
    case 'totals.subtotal':
    case 'totals.row':
      return typeof other.actual === 'number' && typeof other.expected === 'number'
        ? `; it shows ${formatFigure(other.actual)} where its figures add up to ${formatFigure(other.expected)}`
        : '';
    case 'totals.spend-funding':
      return `; so ${other.message.charAt(0).toLowerCase()}${other.message.slice(1)}`;
    case 'formulas.typed-total':
      return '; it is typed as a number where the totals beside it are formulas';
    case 'formulas.typed-number':
      return typeof other.actual === 'string' ? `; its formula ${other.actual} has a figure typed into it` : '';
    default:
      return '';
  }
}

/** Is the cell inside one of the ranges or cells listed? */
function within(cell: string, list: string[] | undefined): boolean {
  const at = parseA1(cell);
  if (!at || !list) return false;
  return list.some((r) => {
    const range = parseRange(r);
    return !!range && at.row >= range.top && at.row <= range.bottom && at.col >= range.left && at.col <= range.right;
  });
}

/** The same amount, give or take the rounding of a plan's printed figures (1%). */
function close(a: number, b: number): boolean {
  const big = Math.max(Math.abs(a), Math.abs(b));
  return Math.abs(Math.abs(a) - Math.abs(b)) <= Math.max(1e-6, 0.01 * big);
}

/** The formula at a cell of a sheet (0-based), for following what a total takes in. */
export type FormulaAt = (sheet: string, row: number, col: number) => string | null;

/** How many cells the search for what a total takes in may visit before it gives up. */
const UPSTREAM_BUDGET = 4000;

/**
 * Does the finding at `from` take in the cell of `to`, directly or through other formulas? Its own
 * formula's references and the cells its rule compared (its own `related`, before other findings
 * joined it) are where it starts; each
 * formula met on the way adds its references.
 */
function takesIn(
  from: Finding,
  to: Finding,
  inputs: Map<Finding, string[]>,
  formulaAt: FormulaAt | undefined,
): boolean {
  const target = parseA1(to.cell);
  const start = parseA1(from.cell);
  if (!target || !start) return false;
  const queue: Reference[] = [];
  const add = (formula: string | null) => {
    if (formula) queue.push(...references(formula));
  };
  if (formulaAt) add(formulaAt(from.sheet, start.row, start.col));
  {
    for (const r of inputs.get(from) ?? []) {
      const range = parseRange(r);
      if (range) queue.push(range);
    }
  }
  const seen = new Set<string>([`${start.row},${start.col}`]);
  let budget = UPSTREAM_BUDGET;
  while (queue.length > 0 && budget > 0) {
    const r = queue.shift()!;
    if (target.row >= r.top && target.row <= r.bottom && target.col >= r.left && target.col <= r.right) return true;
    if (!formulaAt) continue;
    for (let row = r.top; row <= r.bottom && budget > 0; row++) {
      for (let col = r.left; col <= r.right && budget > 0; col++) {
        const key = `${row},${col}`;
        if (seen.has(key)) continue;
        seen.add(key);
        budget--;
        add(formulaAt(from.sheet, row, col));
      }
    }
  }
  return false;
}

/**
 * Folds findings of one cause into one. Notes are left as they are. With the sheets' formulas, a
 * total out because of a cell it takes in through other totals (a grand total's TOTAL column out
 * because one group's SUM leaves out a row) is folded into that cell's finding too.
 */
export function consolidate(findings: Finding[], formulaAt?: FormulaAt): Finding[] {
  const out = findings.map((f) => ({ ...f, related: f.related ? [...f.related] : undefined }));
  // What each total compared, as its rule said: related lists grow as findings are folded together.
  const inputs = new Map<Finding, string[]>();
  for (const f of out) if (TOTAL_RULES.has(f.rule) && f.related) inputs.set(f, [...f.related]);
  const gone = new Set<Finding>();

  // 1. One cell, one finding: the cause speaks, the symptoms join it.
  const byCell = new Map<string, Finding[]>();
  for (const f of out) {
    if (!loud(f)) continue;
    const key = `${f.sheet}!${f.cell}`;
    byCell.set(key, [...(byCell.get(key) ?? []), f]);
  }
  for (const group of byCell.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => rank(a) - rank(b) || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    const [primary, ...rest] = group;
    for (const other of rest) {
      absorb(primary, other, sameCellClause(other));
      gone.add(other);
    }
  }

  // 2. A total wrong because of a figure it takes in: reported at that figure, the total related.
  let changed = true;
  for (let pass = 0; changed && pass < 4; pass++) {
    changed = false;
    for (const t of out) {
      if (gone.has(t) || !loud(t) || !TOTAL_RULES.has(t.rule)) continue;
      const at = parseA1(t.cell);
      if (!at) continue;
      const root = out.find((a) => {
        if (a === t || gone.has(a) || !loud(a) || a.sheet !== t.sheet || a.table !== t.table) return false;
        const pos = parseA1(a.cell);
        if (!pos) return false;
        const sameColumnAbove = pos.col === at.col && pos.row < at.row;
        const sameRowLeft = pos.row === at.row && pos.col < at.col;
        // A double count's related cells are the totals it counts twice (and, once it has absorbed
        // other rules, the cells those named): a fault among what it counts is its cause.
        if (t.rule === 'formulas.double-count') return (sameColumnAbove || sameRowLeft) && within(a.cell, t.related);
        if (typeof a.difference !== 'number' || typeof t.difference !== 'number') return false;
        if (!close(a.difference, t.difference)) return false;
        // Only what a total takes in can be its cause: by its formulas where it has them (a group
        // total above its lines takes in the rows below it), else the cells above it or to its left.
        if (takesIn(a, t, inputs, formulaAt)) return false;
        return takesIn(t, a, inputs, formulaAt) || sameColumnAbove || sameRowLeft;
      });
      if (!root) continue;
      absorb(
        root,
        t,
        root.message.includes(`total at ${t.cell}`) ? '' : `; the total at ${t.cell} is out because of it`,
      );
      addRelated(root, [t.cell]);
      gone.add(t);
      changed = true;
    }
  }

  // 3. The same formula fault copied along a row: one finding, the other cells related.
  const copies = new Map<string, Finding[]>();
  for (const f of out) {
    if (gone.has(f) || !loud(f) || typeof f.actual !== 'string' || !f.actual.startsWith('=')) continue;
    const at = parseA1(f.cell);
    if (!at) continue;
    const key = `${f.rule}|${f.sheet}|${at.row}|${relativeShape(f.actual, at.row, at.col)}`;
    copies.set(key, [...(copies.get(key) ?? []), f]);
  }
  for (const group of copies.values()) {
    if (group.length < 2) continue;
    const [first, ...rest] = group;
    first.message += ` (the same formula is copied to ${rest.map((r) => r.cell).join(', ')})`;
    for (const r of rest) {
      addRelated(first, [r.cell, ...(r.related ?? [])]);
      gone.add(r);
    }
  }

  return out.filter((f) => !gone.has(f));
}
