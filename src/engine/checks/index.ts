/**
 * Validation: every rule family over every table the reader found. Findings come at the cell a
 * finance officer would look at, in plain English with the figures.
 */
import type { WorkbookSnapshot } from '../grid';
import { parseA1 } from '../grid';
import type { Finding } from '../findings';
import type { Settings } from '../settings';
import type { FoundTable, ReadResult } from '../tables';
import { FIGURE_ROLES } from '../tables';
import { checkAcrossSheets } from './acrossSheets';
import { checkCashLimit } from './cashLimit';
import { consolidate } from './consolidate';
import { CheckContext } from './context';
import { checkCostBenefit } from './costBenefit';
import { checkTotalsConsistency } from './formulas';
import { checkFunding, checkUplift } from './funding';
import { checkSavingsEnvelope } from './savings';
import { checkTotals } from './totals';
import { keepWhatIsProven } from './proof';
import { checkVolatile } from './volatile';

export { CheckContext } from './context';
export { relativeShape, sumCoverage, typedNumbers } from './formulas';

/** Kinds whose totals add up (registers and comparator tables have their own checks). */
const TOTALLED = new Set(['financial-plan', 'spend-funding', 'totals-grid', 'cost-benefit', 'list']);

/** Validates every table the reader found; the reader's own findings (unreadable figures) come first. */
export function validate(wb: WorkbookSnapshot, read: ReadResult, settings: Settings = {}): Finding[] {
  return validateWithTally(wb, read, settings).findings;
}

/** What a validation found, and how many judgements each rule made (for the evidence report). */
export interface Validation {
  findings: Finding[];
  /** Rule id -> figures or formulas it judged, whatever the outcome. */
  judged: Record<string, number>;
}

export function validateWithTally(wb: WorkbookSnapshot, read: ReadResult, settings: Settings = {}): Validation {
  const findings: Finding[] = [...read.findings];
  const notFiguresOf = new Map<string, Set<number>>();
  const tally = new Map<string, number>(Object.entries(read.judged ?? {}));
  for (const table of read.tables) {
    const ctx = new CheckContext(read, settings, table, tally);
    if (table.kind === 'financial-plan') checkFunding(ctx);
    else if (table.kind === 'totals-grid' && isMoney(table)) {
      // A grid of money by year: its lines' rises against the uplift, where one is given.
      checkUplift(
        ctx,
        table.columns.filter((c) => c.year && (c.role === 'year' || c.role === 'gross' || c.role === 'net')),
      );
    }
    // Volatile figures matter where figures add up to totals (a list of function demonstrations is not a plan).
    if ((TOTALLED.has(table.kind) && table.kind !== 'list') || table.kind === 'savings-envelope') checkVolatile(ctx);
    if (TOTALLED.has(table.kind)) checkTotals(ctx);
    if (TOTALLED.has(table.kind) && table.kind !== 'list') checkAcrossSheets(ctx);
    if (table.kind === 'savings-envelope') checkSavingsEnvelope(ctx);
    if (table.kind === 'cost-benefit') checkCostBenefit(ctx);
    if (table.kind === 'financial-plan' || table.kind === 'totals-grid' || table.kind === 'spend-funding') {
      checkCashLimit(ctx, wb);
    }
    if (TOTALLED.has(table.kind)) {
      const cols = table.columns.filter((c) => FIGURE_ROLES.has(c.role)).map((c) => c.col);
      for (let ri = 0; ri < table.rows.length; ri++) {
        const r = table.rows[ri];
        if (r.role !== 'total' && r.role !== 'subtotal') continue;
        checkTotalsConsistency(
          ctx,
          cols.map((col) => ({ row: r.row, col })),
          'row',
        );
      }
      const totalCol = table.columns.find((c) => c.role === 'total');
      if (totalCol && isTotalByFigures(ctx, totalCol.col)) {
        // Lines only: where a total row meets the TOTAL column, either shape of formula is right.
        const rows = table.rows.filter((r) => r.role === 'line' || r.role === 'source');
        checkTotalsConsistency(
          ctx,
          rows.map((r) => ({ row: r.row, col: totalCol.col })),
          'column',
        );
      }
    }
    const proven = keepWhatIsProven(ctx);
    for (const f of proven.findings) findings.push(f);
    if (proven.notFigures.size > 0) notFiguresOf.set(table.id, proven.notFigures);
  }
  // The reader's words-for-figures findings in a column shown not to hold figures go with it.
  const inFigures = (f: Finding) =>
    !(f.rule.startsWith('figures.') && f.table && notFiguresOf.get(f.table)?.has(parseA1(f.cell)?.col ?? -1));
  const formulaAt = (sheet: string, row: number, col: number) => read.views[sheet]?.formula(row, col) ?? null;
  return {
    findings: consolidate(dedupe(findings.filter(inFigures)), formulaAt),
    judged: Object.fromEntries([...tally].sort()),
  };
}

/**
 * A TOTAL column is judged as one only where its figures show it: on most lines that hold a figure
 * there, it equals the sum of the figures beside it to its left. An income or other column headed
 * like a total is not.
 */
function isTotalByFigures(ctx: CheckContext, col: number): boolean {
  const t = ctx.table;
  const parts = t.columns.filter((c) => FIGURE_ROLES.has(c.role) && c.role !== 'total' && c.col < col);
  if (parts.length === 0) return false;
  let agree = 0;
  let seen = 0;
  for (let ri = 0; ri < t.rows.length; ri++) {
    const r = t.rows[ri];
    if (r.role !== 'line' && r.role !== 'source') continue;
    const stated = ctx.num(r.row, col);
    if (stated === null) continue;
    const values = parts.map((c) => ctx.num(r.row, c.col)).filter((v): v is number => v !== null);
    // Zeros beside zeros agree with any reading: they prove nothing.
    if (values.length === 0 || (stated === 0 && values.every((v) => v === 0))) continue;
    seen++;
    if (!ctx.judge(stated, values) || ctx.judge(stated, values)?.rounding) agree++;
  }
  return seen > 0 && agree * 2 > seen;
}

/** Money, or a unit not stated (most plans in £000 never say so): not days, people or percentages. */
function isMoney(t: FoundTable): boolean {
  return t.unit.label === null || t.unit.label.startsWith('£');
}

/** One finding per rule and cell. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.sheet}|${f.cell}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
