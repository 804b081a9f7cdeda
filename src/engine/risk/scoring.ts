/**
 * Score and band columns beside a register, as live formulas with their values stored.
 *
 * Score: likelihood × impact. Each level cell is read by
 *   IF(ISNUMBER(x), IF(AND(x>=1, x<=n, INT(x)=x), x, NA()), CHOOSE(MATCH(TRIM(x), {"L","M","H"}, 0), 1, 2, 3))
 * where the array holds the words and letters the column actually uses (MATCH is case-insensitive
 * in Excel and HyperFormula), so off-scale or blank levels give "" rather than a guessed score:
 *   =IFERROR(level(L) * level(I), "")
 * Band: =IF(score="", "", CHOOSE(MATCH(score, {band minimums}, 1), "Low", "Moderate", ...)).
 * Only MATCH, CHOOSE, INDEX-free arrays, IF, IFERROR, AND, INT, ISNUMBER and TRIM: all in Excel 2007
 * and in HyperFormula (which has no LOOKUP, and reads a one-row array in INDEX as a row).
 * Band colours come as conditional bands on the score column.
 */
import { a1 } from '../grid';
import { fx, val, type CellSpec, type TableSpec } from '../spec';
import type { RiskMatrix } from './matrix';
import type { RiskRegister } from './register';

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The formula text reading one level cell as a number 1..n, or #N/A. */
export function levelExpression(ref: string, n: number, tokens: [string, number][]): string {
  const num = `IF(AND(${ref}>=1,${ref}<=${n},INT(${ref})=${ref}),${ref},NA())`;
  if (tokens.length === 0) return `IF(ISNUMBER(${ref}),${num},NA())`;
  const list = tokens.map(([t]) => quote(t)).join(',');
  const levels = tokens.map(([, l]) => l).join(',');
  return `IF(ISNUMBER(${ref}),${num},CHOOSE(MATCH(TRIM(${ref}),{${list}},0),${levels}))`;
}

/** The band formula on a score cell. */
export function bandExpression(ref: string, matrix: RiskMatrix): string {
  const mins = matrix.bands.map((b) => b.min).join(',');
  const names = matrix.bands.map((b) => quote(b.name)).join(',');
  return `IF(${ref}="","",CHOOSE(MATCH(${ref},{${mins}},1),${names}))`;
}

/**
 * Score and band columns at the register's first two empty columns to its right (reg.freeCol), on
 * its last header row and its risks' rows. The register is scored on the matrix analyseRisks chose
 * for it (reg.scoring, which already follows the settings, so the formulas agree with the findings);
 * `matrix` is used only for a register that carries none. Only the main (inherent) set is scored.
 */
export function buildScoreColumns(reg: RiskRegister, matrix?: RiskMatrix): TableSpec {
  const m = reg.scoring ?? matrix;
  const lCol = reg.columns.likelihood;
  const iCol = reg.columns.impact;
  const headerRow =
    reg.table.headerRows.length > 0 ? reg.table.headerRows[reg.table.headerRows.length - 1] : reg.table.top;
  const col = reg.freeCol;
  const byRow = new Map(reg.risks.map((r) => [r.row - 1, r]));
  const cells: (CellSpec | null)[][] = [[val('Score (L×I)', { bold: true }), val(`Band (${m.name})`, { bold: true })]];
  for (let row = headerRow + 1; row <= reg.table.bottom; row++) {
    const risk = byRow.get(row);
    if (!risk) {
      cells.push([null, null]);
      continue;
    }
    const scoreRef = a1(row, col);
    let scoreCell: CellSpec;
    if (lCol === undefined || iCol === undefined) {
      scoreCell = val('', { numberFormat: '0' });
    } else {
      const l = levelExpression(a1(row, lCol), m.size, reg.levelWords.likelihood);
      const i = levelExpression(a1(row, iCol), m.size, reg.levelWords.impact);
      scoreCell = fx(`IFERROR(${l}*${i},"")`, risk.score ?? '', { numberFormat: '0' });
    }
    cells.push([scoreCell, fx(bandExpression(scoreRef, m), risk.band ?? '')]);
  }
  return {
    title: 'Risk scores',
    anchor: { sheet: reg.sheet, row: headerRow, col },
    cells,
    conditionalBands: [
      {
        top: 1,
        left: 0,
        bottom: Math.max(1, cells.length - 1),
        right: 0,
        bands: m.bands.map((b) => ({ min: b.min, max: b.max, fill: b.color })),
      },
    ],
    columnWidths: [12, 14],
  };
}
