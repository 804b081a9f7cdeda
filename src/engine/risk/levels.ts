/**
 * Likelihood and impact levels as registers print them: numbers (1-5, "3", "4 - Likely"),
 * letters (H/M/L, VH/H/M/L/VL), and words (Rare..Almost certain, Negligible..Catastrophic,
 * Very low..Very high, Low/Medium/High), in any case and spacing.
 *
 * Which scale a register uses decides what its letters mean: "H" is 3 of 3 on an H/M/L scale but
 * 4 of 5 on a VH/H/M/L/VL one. `scaleFamily` looks at all of a register's level cells at once:
 * - 'five' when any cell uses a word or letter only the five-level scales have (VH, VL, Very low,
 *   Very high, Rare, Unlikely, Possible, Likely, Almost certain, Negligible, Minor, Moderate,
 *   Major, Catastrophic);
 * - 'three' otherwise, when its words include L/M/H, Low/Med/Medium/High (words it does not know
 *   are left to be reported off the scale, they do not decide the family);
 * - 'numbers' when every cell is a number; 'none' when there are no level cells.
 *
 * The rule for the matrix (see chooseMatrix): when the settings name no matrix, a register on a
 * three-level scale is scored on the 3x3 preset and everything else on NHS 5x5. When the settings
 * name a matrix whose own level names cover the register's words, or whose size fits the register's
 * scale, that matrix is used; otherwise PlanCheck does not stretch one scale over the other (there
 * is no honest way to say which of 5 levels "H" of 3 means): it says the register's scale does not
 * fit and scores the register on the preset of its own size.
 */
import type { CellValue } from '../grid';
import { MATRIX_3X3, matrixTitle, NHS_5X5, type RiskMatrix } from './matrix';

export type ScaleFamily = 'three' | 'five' | 'numbers' | 'none';

export type Axis = 'likelihood' | 'impact';

export interface Level {
  /** 'blank': nothing in the cell; 'ok': a level of the matrix; 'off-scale': something that is not one. */
  kind: 'blank' | 'ok' | 'off-scale';
  /** 1..n for 'ok', else null. */
  level: number | null;
  /** The cell as printed, trimmed. */
  text: string;
}

const CYRILLIC: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
};

/** Lower case, single spaces, no surrounding punctuation; Cyrillic look-alikes (М for M) read as Latin. */
export function normaliseWord(text: string): string {
  return text
    .replace(/[АВЕКМНОРСТХаеорсх]/g, (c) => CYRILLIC[c] ?? c)
    .replace(/\u00a0/g, ' ')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .replace(/^[\s.,;:()[\]-]+|[\s.,;:()[\]-]+$/g, '')
    .replace(/\s*-\s*/g, ' ');
}

const THREE: Record<string, number> = { l: 1, low: 1, m: 2, med: 2, medium: 2, h: 3, high: 3 };

const FIVE_ONLY: Record<string, number> = {
  vl: 1,
  'very low': 1,
  rare: 1,
  'very unlikely': 1,
  negligible: 1,
  insignificant: 1,
  unlikely: 2,
  minor: 2,
  possible: 3,
  moderate: 3,
  likely: 4,
  major: 4,
  vh: 5,
  'very high': 5,
  'almost certain': 5,
  certain: 5,
  catastrophic: 5,
};

const FIVE: Record<string, number> = { ...FIVE_ONLY, l: 2, low: 2, m: 3, med: 3, medium: 3, h: 4, high: 4 };

/** A level cell's text when it is a word (not a number), normalised; null for numbers and blanks. */
function wordOf(raw: CellValue): string | null {
  if (raw === null || typeof raw === 'number' || typeof raw === 'boolean') return null;
  const t = normaliseWord(String(raw));
  if (t === '' || leadingNumber(t) !== null) return null;
  return t;
}

/** "3", "3 - Possible", "4 (likely)" → the number; null when the text does not start with one. */
function leadingNumber(text: string): number | null {
  const m = /^([0-9]+(?:\.[0-9]+)?)(?:$|[\s\-–(:=)]|\b)/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

/** The scale family of a register's level cells (see the module comment). */
export function scaleFamily(cells: CellValue[]): ScaleFamily {
  let three = 0;
  let numbers = 0;
  let five = false;
  for (const c of cells) {
    if (c === null || c === '') continue;
    if (typeof c === 'number') {
      numbers++;
      continue;
    }
    const w = wordOf(c);
    if (w === null) {
      if (normaliseWord(String(c)) !== '') numbers++;
      continue;
    }
    if (w in FIVE_ONLY) five = true;
    else if (w in THREE) three++;
  }
  if (five) return 'five';
  if (three > 0) return 'three';
  return numbers > 0 ? 'numbers' : 'none';
}

function labelIndex(labels: string[], word: string): number | null {
  const i = labels.findIndex((l) => normaliseWord(l) === word);
  return i >= 0 ? i + 1 : null;
}

/** True when every word among the cells is one of the matrix's own level names. */
export function matrixNamesCover(matrix: RiskMatrix, cells: CellValue[]): boolean {
  let any = false;
  for (const c of cells) {
    const w = wordOf(c);
    if (w === null) continue;
    any = true;
    if (labelIndex(matrix.likelihood, w) === null && labelIndex(matrix.impact, w) === null) return false;
  }
  return any;
}

/**
 * Reads one likelihood or impact cell as a level of the matrix, given the register's scale family.
 * Numbers must be whole levels 1..n; words are the matrix's own level names first, then the
 * family's vocabulary when the family has as many levels as the matrix.
 */
export function parseLevel(raw: CellValue, matrix: RiskMatrix, family: ScaleFamily, axis: Axis = 'likelihood'): Level {
  if (raw === null || raw === '') return { kind: 'blank', level: null, text: '' };
  const text = typeof raw === 'string' ? raw.replace(/\u00a0/g, ' ').trim() : String(raw);
  if (text === '') return { kind: 'blank', level: null, text: '' };
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? leadingNumber(normaliseWord(raw)) : null;
  if (n !== null) {
    return Number.isInteger(n) && n >= 1 && n <= matrix.size
      ? { kind: 'ok', level: n, text }
      : { kind: 'off-scale', level: null, text };
  }
  if (typeof raw !== 'string') return { kind: 'off-scale', level: null, text };
  const w = normaliseWord(raw);
  if (w === '') return { kind: 'blank', level: null, text: '' };
  const own =
    labelIndex(axis === 'likelihood' ? matrix.likelihood : matrix.impact, w) ??
    labelIndex(axis === 'likelihood' ? matrix.impact : matrix.likelihood, w);
  if (own !== null) return { kind: 'ok', level: own, text };
  const vocab = family === 'three' ? THREE : family === 'five' ? FIVE : null;
  const size = family === 'three' ? 3 : family === 'five' ? 5 : 0;
  if (vocab && size === matrix.size && w in vocab) return { kind: 'ok', level: vocab[w], text };
  return { kind: 'off-scale', level: null, text };
}

/** How a register's scale was matched to a matrix. */
export interface MatrixChoice {
  matrix: RiskMatrix;
  /** Set when the register's scale does not fit the matrix the settings name: a sentence for a finding. */
  mismatch?: string;
}

function describeFamily(family: ScaleFamily): string {
  return family === 'three' ? 'a three-level scale (H/M/L)' : 'a five-level scale';
}

/**
 * The matrix a register is scored on. `configured` is the matrix from the settings, `named` says
 * whether the settings named it (false: PlanCheck chose nhs5x5 as the default). `levels` are the
 * register's likelihood and impact cells; `ratings` its stated ratings, used when it has no levels.
 */
export function chooseMatrix(
  configured: RiskMatrix,
  named: boolean,
  levels: CellValue[],
  ratings: CellValue[] = [],
): MatrixChoice {
  const family = scaleFamily(levels);
  if (!named) {
    if (family === 'three') return { matrix: MATRIX_3X3 };
    if (family === 'none' && ratingsLookThreeLevel(ratings)) return { matrix: MATRIX_3X3 };
    return { matrix: configured };
  }
  if (family === 'numbers' || family === 'none') return { matrix: configured };
  if (matrixNamesCover(configured, levels)) return { matrix: configured };
  const size = family === 'three' ? 3 : 5;
  if (size === configured.size) return { matrix: configured };
  const own = family === 'three' ? MATRIX_3X3 : NHS_5X5;
  return {
    matrix: own,
    mismatch:
      `The register uses ${describeFamily(family)}, which does not fit the ${matrixTitle(configured.name)} matrix chosen in Settings › Risk matrix ` +
      `(${configured.size} levels), so it is scored on the ${matrixTitle(own.name)} matrix of its own scale.`,
  };
}

/** True when stated ratings use Medium (a 3x3 band name) and none of NHS 5x5's Moderate or Extreme. */
function ratingsLookThreeLevel(ratings: CellValue[]): boolean {
  let medium = false;
  for (const r of ratings) {
    if (typeof r !== 'string') continue;
    const first = normaliseWord(r).split(/[^a-z]+/)[0] ?? '';
    if (first === 'moderate' || first === 'extreme') return false;
    if (first === 'medium' || first === 'med') medium = true;
  }
  return medium;
}
