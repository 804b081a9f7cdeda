/**
 * Formula structure in totals, the ground of spreadsheet auditing tools: a total typed as a number
 * among formulas, a SUM that leaves out rows of its block or counts a subtotal twice, a number typed
 * into a formula, a formula unlike the others in its row.
 */
import { a1, columnIndex } from '../grid';
import type { CheckContext } from './context';

export { aggregation, type Aggregation, totalCoverage, type Coverage } from '../formulaText';
import { totalCoverage, type Coverage } from '../formulaText';

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

/** Unit conversions multiplied or divided in formulas: thousands, millions, per cent, weeks, months, days, hours. */
const CONVERSIONS = new Set([7, 12, 24, 52, 100, 365, 366, 1000, 1000000]);

/** Numbers typed into a formula: "=SUM(E5:E9)+250" has 250. Cell references, function names and
 * the function-number arguments of SUBTOTAL and AGGREGATE (and ROUND's digits) are not numbers. */
export function typedNumbers(formula: string): number[] {
  const stripped = formula
    .replace(/"[^"]*"/g, '""')
    .replace(/'[^']*'!/g, '')
    .replace(/\b(SUBTOTAL)\(\s*\d+\s*,/gi, 'F(')
    .replace(/\b(AGGREGATE)\(\s*\d+\s*,\s*\d+\s*,/gi, 'F(')
    .replace(/\[[^\]]*\]/g, '')
    .replace(RANGE, 'R')
    .replace(/(ROUND(?:UP|DOWN)?\([^()]*(?:\([^()]*\)[^()]*)*),\s*-?\d+\s*\)/gi, '$1)')
    .replace(/[A-Za-z_][A-Za-z0-9_.]*\(/g, 'F(');
  const out: number[] = [];
  for (const m of stripped.matchAll(/(?<![A-Za-z0-9_.])(\d+(?:\.\d+)?)(?![A-Za-z0-9_.])/g)) {
    const n = Number(m[1]);
    // 0 and 1 are structure (IF(x,0,...), ROUND(x,0)), not a figure typed in; nor are the
    // constants that multiply or divide one unit into another (£000 into £, a year into weeks).
    if (n <= 1) continue;
    const before = stripped.slice(0, m.index).trimEnd().slice(-1);
    const after = stripped
      .slice((m.index ?? 0) + m[0].length)
      .trimStart()
      .charAt(0);
    if (CONVERSIONS.has(n) && (before === '*' || before === '/' || after === '*' || after === '/')) continue;
    out.push(n);
  }
  return out;
}

/** Rows (or columns) a SUM formula covers along one column (or row). Null when it is not a plain SUM. */
export function sumCoverage(formula: string, along: 'column' | 'row', fixed: number): Set<number> | null {
  if (!/^=\s*SUM\(/i.test(formula.trim())) return null;
  return totalCoverage(formula, along, fixed)?.covered ?? null;
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
  ctx.count('formulas.typed-number');
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
  const coverage = totalCoverage(formula, along, along === 'column' ? col : row);
  if (!coverage) return;
  ctx.count('formulas.sum-leaves-out');
  ctx.count('formulas.double-count');
  const covered = new Set(coverage.covered);
  const partSet = new Set(parts);
  const name = (i: number) => (along === 'column' ? `row ${i + 1}` : `column ${a1(0, i).replace(/\d+$/, '')}`);
  // Subtotal rows the formula takes in: a SUBTOTAL(9) skips those that are SUBTOTALs themselves;
  // any other counts them, and through them the lines they total.
  const counted: { row: number; label: string; lines: number[] }[] = [];
  if (along === 'column') {
    for (const r of ctx.table.rows) {
      if (r.row === row || !covered.has(r.row) || (r.role !== 'subtotal' && r.role !== 'total')) continue;
      const f = ctx.formula(r.row, col);
      if (coverage.skipsNested && f && /^=\s*(SUBTOTAL|AGGREGATE)\(/i.test(f)) continue;
      counted.push({ row: r.row, label: r.label || 'subtotal', lines: linesOfSubtotal(ctx, r.row) });
    }
  }
  // Totals of totals: a cell the formula takes in may be a total by its own formula (a group total
  // above its lines, say), whatever the reader called its row. The rows reached through it are covered.
  if (along === 'column') {
    for (const nested of nestedTotals(ctx, row, col, coverage)) {
      if (!counted.some((c) => c.row === nested.row)) {
        const r = ctx.table.rows.find((x) => x.row === nested.row);
        counted.push({ row: nested.row, label: r?.label || 'total', lines: nested.lines });
      }
    }
  }
  const viaSubtotal = new Set(counted.flatMap((c) => c.lines));
  const missing = parts.filter(
    (p) => !covered.has(p) && !viaSubtotal.has(p) && (along === 'row' || provenLeftOut(ctx, p, col, covered)),
  );
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
  const twice = counted.filter((c) => c.lines.some((l) => covered.has(l) && partSet.has(l)));
  if (twice.length > 0) {
    ctx.add({
      rule: 'formulas.double-count',
      severity: 'error',
      cell,
      message: `${cell} adds up ${formula}, which takes in the ${twice.map((r) => `${r.label} on row ${r.row + 1}`).join(', ')} as well as the lines ${twice.length === 1 ? 'it totals' : 'they total'}: those figures are counted twice`,
      actual: formula,
      related: twice.map((r) => a1(r.row, col)),
    });
  }
}

/**
 * Cells a total's formula takes in that are totals by their own formulas, each with every row it
 * reaches (through further totals too). A SUBTOTAL(9) skips SUBTOTALs in its range, so those are not
 * taken in.
 */
export function nestedTotals(
  ctx: CheckContext,
  row: number,
  col: number,
  coverage: Coverage,
): { row: number; lines: number[] }[] {
  const out: { row: number; lines: number[] }[] = [];
  const reach = (r: number, seen: Set<number>): number[] => {
    const f = ctx.formula(r, col);
    const cov = f ? totalCoverage(f, 'column', col) : null;
    if (!cov) return [];
    const lines: number[] = [];
    for (const x of cov.covered) {
      if (x === r || seen.has(x)) continue;
      seen.add(x);
      lines.push(x, ...reach(x, seen));
    }
    return lines;
  };
  for (const r of coverage.covered) {
    if (r === row) continue;
    const f = ctx.formula(r, col);
    if (f && totalCoverage(f, 'column', col)) {
      if (coverage.skipsNested && /^=\s*(SUBTOTAL|AGGREGATE)\(/i.test(f)) continue;
      out.push({ row: r, lines: reach(r, new Set([row, r])) });
      continue;
    }
    // A typed group total: its figure is the sum of the block right below it (a total above its
    // lines) or right above it, up to the next cell the formula takes in or a blank row.
    const block = typedGroup(ctx, r, col, coverage.covered);
    if (block) out.push({ row: r, lines: block });
  }
  return out;
}

/** The rows a typed figure is the total of, when the block beside it adds up to it exactly. */
function typedGroup(ctx: CheckContext, r: number, col: number, covered: Set<number>): number[] | null {
  const stated = ctx.num(r, col);
  if (stated === null) return null;
  const last = ctx.table.rows.length > 0 ? ctx.table.rows[ctx.table.rows.length - 1].row : r;
  const first = ctx.table.rows.length > 0 ? ctx.table.rows[0].row : r;
  for (const step of [1, -1]) {
    const rows: number[] = [];
    const values: number[] = [];
    for (let x = r + step; x >= first && x <= last && !covered.has(x); x += step) {
      const v = ctx.num(x, col);
      if (v === null) {
        if (rows.length > 0) break; // the block ends at its first blank
        continue;
      }
      rows.push(x);
      values.push(v);
    }
    // A group of one line, or a zero over zeros, proves little, but nothing against it either.
    if (rows.length >= 1 && ctx.judge(stated, values) === null) return rows;
  }
  return null;
}

/**
 * Does a total formula's stored result equal the sum of the cells it names? Then its arithmetic is
 * the author's own statement: what it covers is judged by the formula rules, not by the reader's
 * guess at the lines above it. Null when the formula is not a plain total down the column.
 */
export function formulaAgrees(ctx: CheckContext, row: number, col: number, stated: number): boolean | null {
  const formula = ctx.formula(row, col);
  if (!formula) return null;
  // Down its column (a total of lines), or along its row (a column derived from others: net = gross + income).
  const down = totalCoverage(formula, 'column', col);
  const across = down ? null : totalCoverage(formula, 'row', row);
  const coverage = down ?? across;
  if (!coverage) return null;
  const values: number[] = [];
  for (const i of coverage.covered) {
    const [r, c] = down ? [i, col] : [row, i];
    if (r === row && c === col) continue;
    const f = ctx.formula(r, c);
    if (coverage.skipsNested && f && /^=\s*(SUBTOTAL|AGGREGATE)\(/i.test(f)) continue;
    if (ctx.unreadable(r, c)) return null;
    const v = ctx.num(r, c);
    if (v !== null) values.push(v);
  }
  const verdict = ctx.judge(stated, values);
  return verdict === null || verdict.rounding;
}

/**
 * A row a column's SUM does not take in is proven left out only when it holds a figure (a zero or a
 * blank changes nothing the figures could show) and it belongs to the block the SUM covers: no blank
 * or heading row stands between it and the rows the SUM takes in. Several notes on one sheet, each
 * with its own SUM, are not one table whose SUMs leave each other out.
 */
function provenLeftOut(ctx: CheckContext, row: number, col: number, covered: Set<number>): boolean {
  const v = ctx.num(row, col);
  if (v === null || v === 0) return false;
  const rows = ctx.table.rows;
  const i = rows.findIndex((r) => r.row === row);
  if (i < 0) return false;
  for (const step of [1, -1]) {
    for (let k = i + step; k >= 0 && k < rows.length; k += step) {
      const r = rows[k];
      if (covered.has(r.row)) return true;
      if (r.role === 'blank' || r.role === 'section') break;
    }
  }
  return false;
}

/** The line rows a subtotal (or an earlier total) row covers: the parts since the previous subtotal or total. */
function linesOfSubtotal(ctx: CheckContext, subtotalRow: number): number[] {
  const out: number[] = [];
  const rows = ctx.table.rows;
  const i = rows.findIndex((r) => r.row === subtotalRow);
  const covers = rows[i]?.covers;
  if (covers)
    return rows.filter((r) => covers.includes(r.row) && (r.role === 'line' || r.role === 'source')).map((r) => r.row);
  for (let k = i - 1; k >= 0; k--) {
    const r = rows[k];
    if (r.role === 'subtotal' || r.role === 'total') break;
    if (r.role === 'line' || r.role === 'source') out.push(r.row);
  }
  return out;
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
  if (withFormula.length >= 2) ctx.count('formulas.typed-total', withValues.length);
  if (withFormula.length >= 3) ctx.count('formulas.inconsistent', withFormula.length);
  const beside = along === 'row' ? 'the totals beside it' : 'the totals above and below it';
  // Cells the totals and formula rules have already spoken of (looked up once, not per cell).
  const totalsFound = new Set(ctx.findings.filter((f) => f.rule.startsWith('totals.')).map((f) => f.cell));
  const coverageFound = new Set(
    ctx.findings
      .filter((f) => f.rule === 'formulas.sum-leaves-out' || f.rule === 'formulas.double-count')
      .map((f) => f.cell),
  );
  if (withFormula.length >= 2) {
    for (const c of withValues) {
      if (c.formula || c.value === null) continue;
      const cell = a1(c.row, c.col);
      // A typed figure is a total only where the figures show it: it adds up to its lines, or the
      // totals check found it out (and this is said with that finding).
      if (!ctx.isConfirmed(cell) && !totalsFound.has(cell)) continue;
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
      // A plain total of another shape that equals the cells it names (a group SUM of another
      // length, a total across beside totals down) is right by its own arithmetic.
      if (!coverageFound.has(cell) && c.value !== null && formulaAgrees(ctx, c.row, c.col, c.value)) continue;
      // The formula its column's lines hold, copied down (a unit cost, a net): a derived column.
      if (along === 'row' && copiedFromAbove(ctx, c.row, c.col, shape)) continue;
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

/** Does the nearest formula above the cell, in its column, have the cell's shape? */
function copiedFromAbove(ctx: CheckContext, row: number, col: number, shape: string): boolean {
  for (let r = row - 1; r >= ctx.table.top; r--) {
    const f = ctx.formula(r, col);
    if (f) return relativeShape(f, r, col) === shape;
    if (ctx.num(r, col) !== null) return false;
  }
  return false;
}
