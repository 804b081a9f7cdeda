/**
 * Large financial plans for benchmarks and the bad-input suite: the Manchester 2009 layout
 * (Ref, headline, current gross/net, proposed gross for three years, source, funding for three
 * years, capital flag), one line per four rows (Grants, Contributions, User Income, Mainstream),
 * with a Totals row. Figures are made up but add up, except where `slips` plants mistakes.
 */
import type { CellValue } from '../engine/grid';

export const BIG_PLAN_HEADER: CellValue[][] = [
  [
    'Ref',
    'Objective / Budget Headline',
    'Current Cash Limit Revenue Budget',
    null,
    'Proposed Gross Cash Limit Revenue Budgets',
    null,
    null,
    'Budget Funding',
    'Budget Funding',
    null,
    null,
    'New Capital Investment Required? (Y/N)',
  ],
  [null, null, 'Gross', 'Net', '2024/25', '2025/26', '2026/27', 'Source', '2024/25', '2025/26', '2026/27', null],
];

const SOURCES = ['Grants', 'Contributions', 'User Income', 'Mainstream'];

/** Deterministic pseudo-random integers (no Math.random: the same workbook every run). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** About `rows` table rows (rounded to whole lines of four), under a title, header at row 3. */
export function bigPlanRows(rows: number, seed = 1): CellValue[][] {
  const rnd = lcg(seed);
  const lines = Math.max(1, Math.floor(rows / 4));
  const out: CellValue[][] = [['Adult Social Care financial plan'], ['Figures in £000'], [], ...BIG_PLAN_HEADER];
  const totals = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < lines; i++) {
    const gross = [0, 0, 0];
    const parts: number[][] = SOURCES.map(() => [0, 0, 0]);
    // A base year, then each source rising 1-4% a year: within the default uplift of 5%.
    for (let y = 0; y < 3; y++) {
      for (let s = 0; s < 4; s++) {
        const base = s < 3 ? Math.floor(rnd() * 900) : 1000 + Math.floor(rnd() * 20000);
        parts[s][y] = y === 0 ? base : Math.round(parts[s][y - 1] * (1.01 + rnd() * 0.03));
      }
      gross[y] = parts.reduce((sum, p) => sum + p[y], 0);
    }
    const currentGross = Math.round(gross[0] * 0.98);
    const currentNet = currentGross - parts[0][0] - parts[1][0] - parts[2][0];
    const ref = String(i + 1).padStart(4, '0');
    for (let s = 0; s < 4; s++) {
      const first = s === 0;
      out.push([
        first ? ref : null,
        first ? `Budget line ${ref}` : null,
        first ? currentGross : null,
        first ? currentNet : null,
        first ? gross[0] : null,
        first ? gross[1] : null,
        first ? gross[2] : null,
        SOURCES[s],
        parts[s][0],
        parts[s][1],
        parts[s][2],
        first ? (rnd() < 0.2 ? 'Y' : 'N') : null,
      ]);
    }
    totals[0] += currentGross;
    totals[1] += currentNet;
    for (let y = 0; y < 3; y++) {
      totals[2 + y] += gross[y];
      totals[5 + y] += gross[y];
    }
  }
  out.push([
    null,
    'Totals',
    totals[0],
    totals[1],
    totals[2],
    totals[3],
    totals[4],
    null,
    totals[5],
    totals[6],
    totals[7],
    null,
  ]);
  return out;
}

/** The plan with eight more columns of figures (doubles of columns C to J): 20 columns, for the read benchmarks. */
export function widePlanRows(rows: number, seed = 1): CellValue[][] {
  return bigPlanRows(rows, seed).map((row, i) =>
    i < 5
      ? [...row, ...Array.from({ length: 8 }, (): CellValue => null)]
      : [...row, ...row.slice(2, 10).map((v) => (typeof v === 'number' ? v * 2 : v))],
  );
}
