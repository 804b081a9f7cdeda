/** Risk results shaped for the pane: ranked risks with band colours, and a heat map grid. */
import type { Finding } from '../engine/findings';
import { a1, parseRange } from '../engine/grid';
import { hasScores, whyNotScored } from '../engine/risk/heatmap';
import { matrixTitle, PRESETS } from '../engine/risk/matrix';
import type { RiskBand } from '../engine/settings';
import type { RegisterLike, RiskAnalysisLike, RiskLike } from './contract';

export interface MatrixView {
  name: string;
  /** Likelihood level names, lowest first (level 1 first). */
  likelihood: string[];
  /** Impact (consequence) level names, lowest first. */
  impact: string[];
  bands: RiskBand[];
}

export interface RankedRisk {
  id: string;
  sheet: string;
  row?: number;
  /** The risk's description cell (else its id cell, else the register's first column), A1: where a click goes. */
  cell?: string;
  text: string;
  likelihood: number | null;
  impact: number | null;
  score: number | null;
  band: string | null;
  color: string | null;
  /** Why it has no score, when it has none. */
  note?: string;
}

export interface HeatCell {
  likelihood: number;
  impact: number;
  score: number;
  color: string;
  band: string;
  count: number;
  ids: string[];
}

export interface HeatMapView {
  /** Rows from the highest likelihood down; each row's cells from the lowest impact up. */
  rows: HeatCell[][];
  likelihood: string[];
  impact: string[];
}

/** One register on its own matrix: its heat map and its risks ranked (ids are unique within a register only). */
export interface RegisterView {
  sheet: string;
  range: string;
  /** The matrix as a reader names it: "NHS 5×5", "3×3", "the council’s own". */
  matrixName: string;
  count: number;
  /** How many errors the register's cells hold. */
  errors: number;
  ranked: RankedRisk[];
  heatMap: HeatMapView;
}

/** A register none of whose risks has a score: one line saying why, with no heat map or list. */
export interface UnscoredRegister {
  sheet: string;
  range: string;
  count: number;
  /** Why, as a phrase: "it gives likelihood but no impact". */
  reason: string;
}

/** A matrix's name as users read it, not PlanCheck's key for it ("nhs5x5" is "NHS 5×5"). */
export const matrixName = matrixTitle;

/**
 * Each register on its own matrix (the one it was scored on, else the settings' one): a 3×3
 * register's risks on a 3×3 grid, an NHS 5×5 register's on a 5×5 one, each ranked on its own.
 */
export function buildRegisterViews(analysis: RiskAnalysisLike, fallback: object, preset?: string): RegisterView[] {
  return analysis.registers.map((reg) => {
    const matrix = matrixView(reg.scoring ?? fallback, preset);
    const one = buildRiskView({ registers: [reg], findings: [] }, matrix);
    return {
      sheet: reg.sheet,
      range: reg.range,
      matrixName: matrixName(typeof reg.matrix === 'string' ? reg.matrix : matrix.name),
      count: reg.risks.length,
      errors: analysis.findings.filter((f) => f.severity === 'error' && inRegister(f, reg)).length,
      ranked: one.ranked,
      heatMap: one.heatMap,
    };
  });
}

/** Whether a finding's cell lies in the register's range, on its sheet. */
function inRegister(f: Finding, reg: RegisterLike): boolean {
  const range = parseRange(reg.range);
  const at = parseRange(f.cell);
  if (f.sheet !== reg.sheet || !range || !at) return false;
  return at.top >= range.top && at.top <= range.bottom && at.left >= range.left && at.left <= range.right;
}

/**
 * The registers in the order that matters to the reader: those with errors first, then the other
 * scored ones (each in workbook order), and apart, each register none of whose risks has a score,
 * to be said in one line rather than drawn as an empty heat map.
 */
export function arrangeRegisters(
  analysis: RiskAnalysisLike,
  fallback: object,
  preset?: string,
): { scored: RegisterView[]; unscored: UnscoredRegister[] } {
  const scored = buildRegisterViews(
    { registers: analysis.registers.filter(hasScores), findings: analysis.findings },
    fallback,
    preset,
  );
  return {
    scored: [...scored.filter((r) => r.errors > 0), ...scored.filter((r) => r.errors === 0)],
    unscored: analysis.registers
      .filter((r) => !hasScores(r))
      .map((r) => ({ sheet: r.sheet, range: r.range, count: r.risks.length, reason: whyNotScored(r) })),
  };
}

export interface RiskView {
  registers: { sheet: string; range: string; matrix: string; count: number }[];
  ranked: RankedRisk[];
  heatMap: HeatMapView;
  matrix: MatrixView;
}

function isBand(b: unknown): b is RiskBand {
  if (!b || typeof b !== 'object') return false;
  const r = b as Record<string, unknown>;
  return (
    typeof r.name === 'string' && typeof r.min === 'number' && typeof r.max === 'number' && typeof r.color === 'string'
  );
}

function names(raw: unknown, size: number | null): string[] | null {
  if (Array.isArray(raw) && raw.length > 0) return raw.map((x, i) => (typeof x === 'string' ? x : String(i + 1)));
  return size ? Array.from({ length: size }, (_, i) => String(i + 1)) : null;
}

/** Reads the engine's matrix (name, size, likelihood, impact, bands), falling back to the named preset. */
export function matrixView(matrix: object, preset = 'nhs5x5'): MatrixView {
  const m = matrix as Record<string, unknown>;
  const fallback = PRESETS[preset] ?? PRESETS.nhs5x5;
  const size = typeof m.size === 'number' ? m.size : null;
  const likelihood = names(m.likelihood, size) ?? names(m.scale, size) ?? fallback.likelihood;
  const impact = names(m.impact, size) ?? names(m.scale, size) ?? fallback.impact;
  const bands =
    Array.isArray(m.bands) && m.bands.length > 0 && m.bands.every(isBand) ? (m.bands as RiskBand[]) : fallback.bands;
  const name = typeof m.name === 'string' ? m.name : fallback.name;
  return { name, likelihood, impact, bands };
}

/** The band a score falls in; scores between bands go to the lower band whose max they pass. */
export function bandFor(score: number, bands: RiskBand[]): RiskBand | null {
  const exact = bands.find((b) => score >= b.min && score <= b.max);
  if (exact) return exact;
  const below = bands.filter((b) => b.max < score).sort((a, b) => b.max - a.max);
  return below[0] ?? null;
}

function riskText(r: RiskLike): string {
  return r.label ?? r.title ?? r.description ?? r.risk ?? '';
}

/** The cell a click on a risk selects: its description, else its id, else the register's first column, on its row. */
export function riskCell(reg: RegisterLike, risk: RiskLike): string | undefined {
  if (typeof risk.row !== 'number' || risk.row < 1) return undefined;
  const col = reg.columns?.description ?? reg.columns?.id ?? reg.table?.left ?? 0;
  return a1(risk.row - 1, col);
}

export function buildRiskView(analysis: RiskAnalysisLike, matrix: MatrixView): RiskView {
  const ranked: RankedRisk[] = [];
  for (const reg of analysis.registers) {
    for (const r of reg.risks) {
      const score = typeof r.score === 'number' ? r.score : null;
      const band = r.band ?? (score === null ? null : (bandFor(score, matrix.bands)?.name ?? null));
      const color =
        (band ? matrix.bands.find((b) => b.name.toLowerCase() === band.toLowerCase())?.color : undefined) ??
        (score === null ? null : (bandFor(score, matrix.bands)?.color ?? null));
      ranked.push({
        id: r.id,
        sheet: reg.sheet,
        row: r.row,
        cell: riskCell(reg, r),
        text: riskText(r),
        likelihood: r.likelihood ?? null,
        impact: r.impact ?? null,
        score,
        band,
        color,
        ...(score === null && r.unscorable ? { note: r.unscorable } : {}),
      });
    }
  }
  ranked.sort(
    (a, b) => (b.score ?? -1) - (a.score ?? -1) || a.sheet.localeCompare(b.sheet) || (a.row ?? 0) - (b.row ?? 0),
  );

  const rows: HeatCell[][] = [];
  for (let l = matrix.likelihood.length; l >= 1; l--) {
    const row: HeatCell[] = [];
    for (let i = 1; i <= matrix.impact.length; i++) {
      const score = l * i;
      const band = bandFor(score, matrix.bands);
      const here = ranked.filter((r) => r.likelihood === l && r.impact === i);
      row.push({
        likelihood: l,
        impact: i,
        score,
        color: band?.color ?? '#FFFFFF',
        band: band?.name ?? '',
        count: here.length,
        ids: here.map((r) => r.id),
      });
    }
    rows.push(row);
  }

  return {
    registers: analysis.registers.map((r) => ({
      sheet: r.sheet,
      range: r.range,
      matrix: typeof r.matrix === 'string' ? r.matrix : matrix.name,
      count: r.risks.length,
    })),
    ranked,
    heatMap: { rows, likelihood: matrix.likelihood, impact: matrix.impact },
    matrix,
  };
}

/**
 * A long word with a soft hyphen where it may break (after a vowel and one consonant, before
 * another consonant, nearest its middle: "Catas-trophic"), so a narrow column breaks it as a printer would rather than at any letter.
 */
export function softHyphens(text: string): string {
  return text
    .split(' ')
    .map((word) => {
      if (word.length < 9) return word;
      const vowel = (c: string) => /[aeiouy]/i.test(c);
      let best = -1;
      for (let i = 3; i <= word.length - 3; i++) {
        // After the first consonant that follows a vowel, before another: "Catas-trophic", "Neg-ligible".
        const pair =
          vowel(word[i - 2]) &&
          !vowel(word[i - 1]) &&
          !vowel(word[i]) &&
          /[a-z]/i.test(word[i - 1]) &&
          /[a-z]/i.test(word[i]);
        if (pair && (best < 0 || Math.abs(i - word.length / 2) < Math.abs(best - word.length / 2))) best = i;
      }
      return best < 0 ? word : `${word.slice(0, best)}\u00AD${word.slice(best)}`;
    })
    .join(' ');
}

/** Black or white text, whichever reads better on a fill. */
export function textOn(color: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) return '#000000';
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16));
  return 0.299 * r + 0.587 * g + 0.114 * b > 140 ? '#000000' : '#FFFFFF';
}
