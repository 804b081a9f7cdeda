/**
 * One set of a risk's scores (inherent, residual or target) read and checked against the matrix:
 * its likelihood and impact on the matrix's scale, their product and band, the stated score and
 * rating (findings risk.level, risk.unscorable, risk.score, risk.rating); why a risk has no score;
 * and how a register's cells are read as words and numbers.
 */
import type { CellValue } from '../grid';
import { a1 } from '../grid';
import type { Finding } from '../findings';
import { parseLevel, type Axis, type ScaleFamily } from './levels';
import { bandOf, matrixTitle, ratingBand, type RiskMatrix } from './matrix';
import type { RiskScores, RiskSetName, ScoreColumns } from './register';

const SET_WORD: Record<RiskSetName, string> = { inherent: '', residual: 'residual ', target: 'target ' };

/** A cell's text, non-breaking spaces made plain and trimmed ("" when empty). */
export function text(v: CellValue): string {
  if (v === null) return '';
  return String(v)
    .replace(/\u00a0/g, ' ')
    .trim();
}

/** A cell's number: a finite number, or text of digits (commas allowed); else null. */
export function numberOf(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const t = v.replace(/,/g, '').trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

/** Why one risk of a register without a likelihood or impact column has no score, with what it does give. */
export function missingColumnReason(
  row: number,
  cols: ScoreColumns,
  get: (row: number, col: number | undefined) => CellValue,
  header: (col: number | undefined) => string,
): string {
  const word = (axis: 'likelihood' | 'impact') => header(cols[axis]).toLowerCase() || axis;
  const given = (axis: 'likelihood' | 'impact', other: 'likelihood' | 'impact') => {
    const raw = text(get(row, cols[axis]));
    return raw !== ''
      ? `the register gives its ${word(axis)} (${raw}) but no ${other}`
      : `the register gives no ${other}, and its ${word(axis)} is blank`;
  };
  if (cols.likelihood !== undefined) return given('likelihood', 'impact');
  if (cols.impact !== undefined) return given('impact', 'likelihood');
  const rating = text(get(row, cols.rating));
  const rated = rating !== '' ? ` (it is rated "${rating.length > 40 ? `${rating.slice(0, 37)}...` : rating}")` : '';
  return `the register gives no likelihood or impact${rated}`;
}

/** Why one risk has no score: a blank or off-scale likelihood or impact. */
export function unscorableReason(
  row: number,
  cols: ScoreColumns,
  get: (row: number, col: number | undefined) => CellValue,
  matrix: RiskMatrix,
  family: ScaleFamily,
): string {
  const parts: string[] = [];
  for (const axis of ['likelihood', 'impact'] as Axis[]) {
    const lv = parseLevel(get(row, cols[axis]), matrix, family, axis);
    if (lv.kind === 'blank') parts.push(`no ${axis} is given`);
    else if (lv.kind === 'off-scale')
      parts.push(`its ${axis} "${lv.text}" is not on the ${matrixTitle(matrix.name)} scale`);
  }
  return parts.join(' and ') || 'it cannot be scored';
}

function levelRange(matrix: RiskMatrix, axis: Axis): string {
  const names = axis === 'likelihood' ? matrix.likelihood : matrix.impact;
  return `1 to ${matrix.size} (${names[0]} to ${names[names.length - 1]})`;
}

/** One set of a risk's scores, with the findings about it added. */
export function scoreSet(
  set: RiskSetName,
  cols: ScoreColumns,
  row: number,
  get: (row: number, col: number | undefined) => CellValue,
  matrix: RiskMatrix,
  family: ScaleFamily,
  name: string,
  strict: boolean,
  add: (f: Omit<Finding, 'sheet' | 'table'>) => void,
  ratingChecks: { checked: number; differ: number },
  main: boolean,
): RiskScores {
  const word = SET_WORD[set];
  const L = parseLevel(get(row, cols.likelihood), matrix, family, 'likelihood');
  const I = parseLevel(get(row, cols.impact), matrix, family, 'impact');
  for (const [axis, lv, col] of [
    ['likelihood', L, cols.likelihood],
    ['impact', I, cols.impact],
  ] as [Axis, typeof L, number | undefined][]) {
    if (col === undefined) continue;
    if (lv.kind === 'off-scale') {
      add({
        rule: 'risk.level',
        severity: 'error',
        cell: a1(row, col),
        message: `${name}'s ${word}${axis} "${lv.text}" is not on the ${matrixTitle(matrix.name)} matrix's scale of ${levelRange(matrix, axis)}, so it cannot be scored`,
        actual: lv.text,
        expected: `a level from ${levelRange(matrix, axis)}`,
      });
    }
  }
  // Blank levels: the main set always says so (where its columns exist); other sets only when half filled.
  const lBlank = cols.likelihood !== undefined && L.kind === 'blank';
  const iBlank = cols.impact !== undefined && I.kind === 'blank';
  const otherFilled = (lBlank && I.kind !== 'blank') || (iBlank && L.kind !== 'blank');
  if (cols.likelihood !== undefined && cols.impact !== undefined && (lBlank || iBlank) && (main || otherFilled)) {
    const missing = lBlank && iBlank ? 'likelihood or impact' : lBlank ? 'likelihood' : 'impact';
    add({
      rule: 'risk.unscorable',
      severity: 'warning',
      cell: a1(row, (lBlank ? cols.likelihood : cols.impact) as number),
      message: `${name} has no ${word}${missing}, so its ${word}score cannot be worked out: PlanCheck does not guess one`,
      related: lBlank && iBlank ? [a1(row, cols.impact as number)] : undefined,
    });
  }

  const score = L.level !== null && I.level !== null ? L.level * I.level : null;
  const shownLevel = (lv: typeof L) =>
    lv.text !== '' && lv.text !== String(lv.level) ? `${lv.text} (${lv.level})` : `${lv.level}`;
  const product = `likelihood ${shownLevel(L)} × impact ${shownLevel(I)} is ${score}`;
  const band = score !== null ? bandOf(matrix, score) : null;

  // Stated score.
  const statedRaw = get(row, cols.score);
  const statedScore = numberOf(statedRaw);
  if (cols.score !== undefined && statedScore === null && text(statedRaw) !== '') {
    add({
      rule: 'risk.score',
      severity: 'warning',
      cell: a1(row, cols.score),
      message: `${name}'s stated ${word}score "${text(statedRaw)}" is not a number`,
      actual: text(statedRaw),
    });
  }
  const levelCells = [cols.likelihood, cols.impact].filter((c): c is number => c !== undefined).map((c) => a1(row, c));
  if (cols.score !== undefined && statedScore !== null && score !== null && statedScore !== score) {
    add({
      rule: 'risk.score',
      severity: 'error',
      cell: a1(row, cols.score),
      message: `${name}'s stated ${word}score is ${statedScore}, but ${product}${band ? ` (${band.name})` : ''}`,
      expected: score,
      actual: statedScore,
      difference: statedScore - score,
      related: levelCells,
    });
  }

  // Stated rating.
  const ratingRaw = text(get(row, cols.rating));
  let statedBand: string | null = null;
  if (cols.rating !== undefined && ratingRaw !== '') {
    const stated = ratingBand(matrix, ratingRaw);
    statedBand = stated ? stated.name : ratingRaw;
    const basisScore = score ?? statedScore;
    const basis = basisScore !== null ? bandOf(matrix, basisScore) : null;
    const shown = ratingRaw.length > 40 ? `${ratingRaw.slice(0, 37)}...` : ratingRaw;
    if (!stated) {
      add({
        rule: 'risk.rating',
        severity: 'warning',
        cell: a1(row, cols.rating),
        message: `${name}'s ${word}rating "${shown}" is not a band of the ${matrixTitle(matrix.name)} matrix (${matrix.bands.map((b) => b.name).join(', ')})`,
        actual: ratingRaw,
      });
    } else if (basis && basisScore !== null) {
      ratingChecks.checked++;
      if (basis.name !== stated.name) {
        ratingChecks.differ++;
        const how = score !== null ? product : `its stated ${word}score is ${basisScore}`;
        add({
          rule: 'risk.rating',
          severity: strict ? 'error' : 'warning',
          cell: a1(row, cols.rating),
          message: `${name} is rated ${shown === stated.name ? stated.name : `"${shown}" (${stated.name})`}, but ${how}, which is ${basis.name} (${basis.min}-${basis.max}) on the ${matrixTitle(matrix.name)} matrix`,
          expected: basis.name,
          actual: stated.name,
          related: score !== null ? levelCells : cols.score !== undefined ? [a1(row, cols.score)] : undefined,
        });
      }
    }
  }
  return {
    likelihood: L.level,
    impact: I.level,
    score,
    band: band ? band.name : null,
    stated: { score: statedScore, band: statedBand },
  };
}
