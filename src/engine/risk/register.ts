/**
 * Risk registers: which column holds what, decided from the header text, and the types of a
 * scored register. The reader's column roles are used only where a header says nothing we know.
 */
import type { FoundTable, TableColumn } from '../tables/types';
import type { RiskMatrix } from './matrix';
import type { ScaleFamily } from './levels';

export type RiskSetName = 'inherent' | 'residual' | 'target';

/** Absolute 0-based columns of one set of scores. */
export interface ScoreColumns {
  likelihood?: number;
  impact?: number;
  score?: number;
  rating?: number;
}

/** Absolute 0-based columns of a register. The plain fields are the inherent (or only) set. */
export interface RegisterColumns extends ScoreColumns {
  id?: number;
  description?: number;
  owner?: number;
  controls?: number;
  date?: number;
  residual?: ScoreColumns;
  target?: ScoreColumns;
}

/** One set of scores of a risk. */
export interface RiskScores {
  /** Levels 1..n on the register's matrix; null when blank or off the scale. */
  likelihood: number | null;
  impact: number | null;
  /** likelihood × impact, only when both are known: never guessed. */
  score: number | null;
  /** The band of the score on the matrix. */
  band: string | null;
  /** What the register states: the score as a number, the rating as a band name (or the text when it names none). */
  stated: { score: number | null; band: string | null };
}

export interface Risk extends RiskScores {
  /** The register's ref/id/rank, else the risk's position in the register (1, 2, ...). */
  id: string;
  /** 1-based sheet row. */
  row: number;
  description: string;
  owner: string | null;
  controls: string | null;
  /** Review or target date, when readable. */
  date: Date | null;
  /** Why the risk has no score, when it has none ("no impact is given"). */
  unscorable?: string;
  residual?: RiskScores;
  target?: RiskScores;
}

export interface RiskRegister {
  sheet: string;
  /** A1 range without the sheet. */
  range: string;
  /** Name of the matrix it was scored on ("nhs5x5", "3x3", "custom 4x4"). */
  matrix: string;
  /** The matrix itself. */
  scoring: RiskMatrix;
  /** The scale its likelihood and impact cells use. */
  family: ScaleFamily;
  columns: RegisterColumns;
  risks: Risk[];
  table: FoundTable;
  /** The words and letters its likelihood and impact columns use, each once, with their level (for formulas). */
  levelWords: { likelihood: [string, number][]; impact: [string, number][] };
  /** First column to the right of the register with two empty columns, for score and band columns. */
  freeCol: number;
}

export type RegisterField =
  | 'id'
  | 'description'
  | 'likelihood'
  | 'impact'
  | 'score'
  | 'rating'
  | 'owner'
  | 'controls'
  | 'date'
  /** words that are not the register's own fields (a consequence description, accept/reject) */
  | 'other';

type SetWord = RiskSetName | 'current';

export interface HeaderMeaning {
  field: RegisterField | null;
  set: SetWord | null;
}

function clean(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What a header says: the field, and the set of scores (inherent / current / residual / target)
 * its words name. Two-row headers come joined with " / " ("Residual risk / L"); the last part
 * decides a one-letter code.
 */
export function classifyRiskHeader(header: string): HeaderMeaning {
  const h = clean(header);
  const parts = h.split(' / ').map((p) => p.trim());
  const last = (parts[parts.length - 1] ?? '').replace(/[.:()]/g, '').trim();
  return { field: fieldOf(h, last), set: setOf(h) };
}

function fieldOf(h: string, last: string): RegisterField | null {
  if (h === '') return null;
  if (/^(l|p|lh)$/.test(last)) return 'likelihood';
  if (/^(c|i|s)$/.test(last)) return 'impact';
  if (/^[lpic]\s*[x×*]\s*[lpic]$/.test(last) || /^(score|total)$/.test(last)) return 'score';
  if (/^(rag|r\/a\/g)$/.test(last)) return 'rating';
  if (/\bdate\b|\breview(ed)?\b|\bdeadline\b|\bby when\b|\bdue\b|\btimescale/.test(h)) return 'date';
  if (/^(ref|ref no|reference|id|no|number|rank|#|risk (id|ref|reference|no|number))$/.test(last)) return 'id';
  const isL = /likelihood|probability|\blikely\b/.test(h);
  const isI = /impact|consequence|severity/.test(h);
  if (/score|\b[lp]\s*[x×*]\s*[ic]\b|\b[ic]\s*[x×*]\s*[lp]\b|product/.test(h)) {
    if (isL && !isI) return 'likelihood';
    if (isI && !isL) return 'impact';
    return 'score';
  }
  if (isL) return 'likelihood';
  if (/impact|consequence|severity/.test(h)) return /descri|detail|narrative|effect/.test(h) ? 'other' : 'impact';
  if (/rating|\bband\b|\brag\b|risk level|^level$|grade|priority/.test(h)) return 'rating';
  if (/owner|\blead\b|responsib|accountab|manager|\bwho\b/.test(h)) return 'owner';
  if (/control|mitigat|management|\bactions?\b|treatment|response/.test(h)) return 'controls';
  if (/descri|^risks?$|risk title|risk event|^title$|risk name|^hazard|^issue|^the risk|^risk \/|\/ risk$/.test(h)) {
    return 'description';
  }
  if (/accept|reject|^a\/r$|comment|note/.test(h)) return 'other';
  return null;
}

function setOf(h: string): SetWord | null {
  if (/inherent|gross|initial|original|before control|pre[- ]?mitigat|unmitigated|uncontrolled/.test(h))
    return 'inherent';
  if (/residual|after control|\bnet\b|post[- ]?mitigat|mitigated|controlled/.test(h)) return 'residual';
  if (/\bcurrent\b|\brevised\b|\bnow\b/.test(h)) return 'current';
  if (/\btarget\b|\bdesired\b|\btolerance\b|\bappetite\b/.test(h)) return 'target';
  return null;
}

const ROLE_FALLBACK: Partial<Record<TableColumn['role'], RegisterField>> = {
  likelihood: 'likelihood',
  impact: 'impact',
  score: 'score',
  rating: 'rating',
  owner: 'owner',
  controls: 'controls',
  date: 'date',
  ref: 'id',
  label: 'description',
};

const SCORE_FIELDS = ['likelihood', 'impact', 'score', 'rating'] as const;

/**
 * Decides each column of a register from its header text (see classifyRiskHeader), with the reader's
 * role and risk set only where the header says nothing PlanCheck knows. The first column of each
 * field wins, except that a controls column saying "existing" or "current" beats an earlier one
 * ("Additional controls required"). "Current" scores are the residual set when the register also
 * has inherent ones, and the main set otherwise; a register whose only scores are residual (or
 * target) has them as its main set.
 */
export function mapRegisterColumns(table: FoundTable): RegisterColumns {
  const decided = table.columns.map((c) => {
    const meaning = classifyRiskHeader(c.header ?? '');
    let field = meaning.field;
    if (field === null) field = ROLE_FALLBACK[c.role] ?? null;
    const set: SetWord | null = meaning.set ?? c.riskSet ?? null;
    return { col: c.col, header: c.header ?? '', field, set };
  });
  const hasInherent = decided.some(
    (d) => d.set === 'inherent' && d.field !== null && (SCORE_FIELDS as readonly string[]).includes(d.field),
  );
  const sets: Record<RiskSetName, ScoreColumns> = { inherent: {}, residual: {}, target: {} };
  const out: RegisterColumns = {};
  for (const d of decided) {
    if (d.field === null || d.field === 'other') continue;
    if ((SCORE_FIELDS as readonly string[]).includes(d.field)) {
      const f = d.field as (typeof SCORE_FIELDS)[number];
      const set: RiskSetName =
        d.set === 'current' ? (hasInherent ? 'residual' : 'inherent') : ((d.set as RiskSetName | null) ?? 'inherent');
      if (sets[set][f] === undefined) sets[set][f] = d.col;
      continue;
    }
    const f = d.field as Exclude<RegisterField, 'other' | (typeof SCORE_FIELDS)[number]>;
    if (out[f] === undefined) out[f] = d.col;
    else if (f === 'controls' && /existing|current|in place/i.test(d.header)) {
      const prev = decided.find((x) => x.col === out.controls);
      if (prev && !/existing|current|in place/i.test(prev.header)) out.controls = d.col;
    }
  }
  const empty = (s: ScoreColumns) => SCORE_FIELDS.every((f) => s[f] === undefined);
  if (empty(sets.inherent)) {
    if (!empty(sets.residual)) {
      sets.inherent = sets.residual;
      sets.residual = {};
    } else if (!empty(sets.target)) {
      sets.inherent = sets.target;
      sets.target = {};
    }
  }
  Object.assign(out, sets.inherent);
  if (!empty(sets.residual)) out.residual = sets.residual;
  if (!empty(sets.target)) out.target = sets.target;
  return out;
}
