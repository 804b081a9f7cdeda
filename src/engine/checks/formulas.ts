/**
 * Formula structure in totals, the ground of spreadsheet auditing tools: a total typed as a number
 * among formulas, a SUM that leaves out rows of its block or counts a subtotal twice, a number typed
 * into a formula, a formula unlike the others in its row.
 */
import { a1, columnIndex } from '../grid';
import type { CheckContext } from './context';

const REF = /(?<![A-Za-z_$.!])(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?![\d(A-Za-z_])/g;
const RANGE = /(?<![A-Za-z_.!])\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?(?![\d(A-Za-z_])/g;

/** A formula in relative form (R[-3]C[0]) so that formulas copied along a row compare equal. */
export function relativeShape(formula: string, row: number, col: number): string {
  return formula.replace(REF, (_m, cAbs: string, letters: string, rAbs: string, digits: string) => {
    const r = Number(digits) - 1;
    const c = columnIndex(letters);
    const rp = rAbs ? `R${r + 1}` : `R[${r - row}]`;
    const cp = cAbs ? `C${c + 1}` : `C[${c - col}]`;
    return rp + cp;
  });
}

/** Numbers typed into a formula: "=SUM(E5:E9)+250" has 250. Cell references and function names are not numbers. */
export function typedNumbers(formula: string): number[] {
  const stripped = formula
    .replace(/"[^"]*"/g, '""')
    .replace(/'[^']*'!/g, '')
    .replace(RANGE, 'R')
    .replace(/[A-Za-z_][A-Za-z0-9_.]*\(/g, 'F(');
  const out: number[] = [];
  for (const m of stripped.matchAll(/(?<![A-Za-z0-9_.])(\d+(?:\.\d+)?)(?![A-Za-z0-9_.])/g)) {
    const n = Number(m[1]);
    // 0 and 1 are structure (IF(x,0,...), ROUND(x,0)), not a figure typed in.
    if (n > 1) out.push(n);
  }
  return out;
}

/** Rows (or columns) a SUM formula covers along one column (or row). Null when it is not a plain SUM. */
export function sumCoverage(formula: string, along: 'column' | 'row', fixed: number): Set<number> | null {
  const m = /^=\s*SUM\((.*)\)\s*$/i.exec(formula.trim());
  if (!m) return null;
  const covered = new Set<number>();
  for (const part of m[1].split(',')) {
    const r = /^\s*\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?\s*$/i.exec(part);
    if (!r) return null;
    const c1 = columnIndex(r[1]);
    const r1 = Number(r[2]) - 1;
    const c2 = r[3] ? columnIndex(r[3]) : c1;
    const r2 = r[4] ? Number(r[4]) - 1 : r1;
    if (along === 'column') {
      if (c1 !== fixed || c2 !== fixed) return null;
      for (let i = Math.min(r1, r2); i <= Math.max(r1, r2); i++) covered.add(i);
    } else {
      if (r1 !== fixed || r2 !== fixed) return null;
      for (let i = Math.min(c1, c2); i <= Math.max(c1, c2); i++) covered.add(i);
    }
  }
  return covered;
}

/**
 * Checks one stated total's formula against the figures it should total (absolute rows of a
 * column total, or absolute columns of a row total).
 */
export function checkTotalFormula(
  ctx: CheckContext,
  row: number,
  col: number,
  parts: number[],
  along: 'column' | 'row',
): void {
  const formula = ctx.formula(row, col);
  const cell = a1(row, col);
  if (!formula) return;
  const typed = typedNumbers(formula);
  if (typed.length > 0) {
    ctx.add({
      rule: 'formulas.typed-number',
      severity: 'warning',
      cell,
      message: `The formula in ${cell} (${formula}) has ${typed.map((n) => ctx.fig(n)).join(' and ')} typed into it; a figure hidden in a formula is easy to miss when the plan changes`,
      actual: formula,
    });
  }
  const covered = sumCoverage(formula, along, along === 'column' ? col : row);
  if (!covered) return;
  const missing = parts.filter((p) => !covered.has(p));
  const partSet = new Set(parts);
  const extraTotals = ctx.table.rows.filter(
    (r) => along === 'column' && covered.has(r.row) && (r.role === 'subtotal' || r.role === 'total') && r.row !== row,
  );
  const name = (i: number) => (along === 'column' ? `row ${i + 1}` : `column ${a1(0, i).replace(/\d+$/, '')}`);
  if (missing.length > 0) {
    const labels = missing.map((m) => {
      const r = ctx.table.rows.find((x) => x.row === m);
      return r && along === 'column' ? `${name(m)} (${ctx.lineName(r)})` : name(m);
    });
    ctx.add({
      rule: 'formulas.sum-leaves-out',
      severity: 'error',
      cell,
      message: `${cell} totals with ${formula}, which leaves out ${labels.join(', ')}`,
      actual: formula,
      related: missing.map((m) => (along === 'column' ? a1(m, col) : a1(row, m))),
    });
  }
  if (extraTotals.length > 0 && [...covered].some((c) => partSet.has(c))) {
    ctx.add({
      rule: 'formulas.double-count',
      severity: 'error',
      cell,
      message: `${cell} adds up ${formula}, which takes in the ${extraTotals.map((r) => `${r.label || 'subtotal'} on row ${r.row + 1}`).join(', ')} as well as the lines ${extraTotals.length === 1 ? 'it totals' : 'they total'}: those figures are counted twice`,
      actual: formula,
      related: extraTotals.map((r) => a1(r.row, col)),
    });
  }
}

/**
 * Along a total row, or down a TOTAL column: a total typed as a number among formulas, and a
 * formula unlike the others (compared in relative form, so formulas copied along compare equal).
 */
export function checkTotalsConsistency(
  ctx: CheckContext,
  cells: { row: number; col: number }[],
  along: 'row' | 'column',
): void {
  const withValues = cells.map((c) => ({ ...c, formula: ctx.formula(c.row, c.col), value: ctx.num(c.row, c.col) }));
  const withFormula = withValues.filter((c) => c.formula);
  const beside = along === 'row' ? 'the totals beside it' : 'the totals above and below it';
  if (withFormula.length >= 2) {
    for (const c of withValues) {
      if (c.formula || c.value === null) continue;
      const cell = a1(c.row, c.col);
      ctx.add({
        rule: 'formulas.typed-total',
        severity: 'warning',
        cell,
        message: `${cell} is a total typed as ${ctx.fig(c.value)} where ${beside} are formulas; it will not follow when a line changes`,
        actual: c.value,
      });
    }
  }
  if (withFormula.length < 3) return;
  const shapes = new Map<string, typeof withFormula>();
  for (const c of withFormula) {
    const shape = relativeShape(c.formula!, c.row, c.col);
    shapes.set(shape, [...(shapes.get(shape) ?? []), c]);
  }
  const [common] = [...shapes.entries()].sort((a, b) => b[1].length - a[1].length);
  if (!common || common[1].length < 2) return;
  const example = common[1][0];
  for (const [shape, odd] of shapes) {
    if (shape === common[0] || odd.length * 2 >= withFormula.length) continue;
    for (const c of odd) {
      const cell = a1(c.row, c.col);
      ctx.add({
        rule: 'formulas.inconsistent',
        severity: 'warning',
        cell,
        message: `${cell} holds ${c.formula}, unlike the other totals in its ${along} (such as ${a1(example.row, example.col)}: ${example.formula})`,
        actual: c.formula!,
        expected: example.formula!,
        related: common[1].map((x) => a1(x.row, x.col)),
      });
    }
  }
}
