/**
 * Risk matrices: the presets (NHS/NPSA 5x5, 4x4, 3x3) and the council's own from settings.
 *
 * A matrix of size n scores a risk as likelihood x impact, each a level 1..n, so a score is
 * one of the products i x j (1..n²). Bands name ranges of scores. A band table is valid when
 * every score the matrix can produce falls in exactly one band: numbers no product can reach
 * (7 on a 5x5) may sit in a gap, which is how the NPSA prints its bands (8-12 High, 15-25 Extreme).
 *
 * Presets:
 * - nhs5x5 (default): NPSA 2008. Consequence 1 Negligible, 2 Minor, 3 Moderate, 4 Major,
 *   5 Catastrophic; likelihood 1 Rare, 2 Unlikely, 3 Possible, 4 Likely, 5 Almost certain.
 *   Bands 1-3 Low (green), 4-6 Moderate (yellow), 8-12 High (amber), 15-25 Extreme (red).
 * - 4x4: levels Low, Medium, High, Very high on both axes. Bands 1-2 Low (green),
 *   3-4 Medium (yellow), 6-9 High (amber), 12-16 Very high (red).
 * - 3x3: levels Low, Medium, High on both axes (H/M/L registers). Bands 1-2 Low (green),
 *   3-4 Medium (amber), 6-9 High (red): High needs one axis High and the other at least Medium.
 */
import type { RiskBand, RiskMatrixSetting } from '../settings';

export interface RiskMatrix {
  /** For output: "nhs5x5", "4x4", "3x3", or "custom 4x4" for the council's own. */
  name: string;
  /** Number of levels on each axis. */
  size: number;
  /** Likelihood level names, lowest first (index 0 = level 1). */
  likelihood: string[];
  /** Impact (consequence) level names, lowest first. */
  impact: string[];
  /** Score bands, lowest first. */
  bands: RiskBand[];
}

export const GREEN = '#92D050';
export const YELLOW = '#FFFF00';
export const AMBER = '#FFC000';
export const RED = '#FF0000';

export const NHS_5X5: RiskMatrix = {
  name: 'nhs5x5',
  size: 5,
  likelihood: ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'],
  impact: ['Negligible', 'Minor', 'Moderate', 'Major', 'Catastrophic'],
  bands: [
    { name: 'Low', min: 1, max: 3, color: GREEN },
    { name: 'Moderate', min: 4, max: 6, color: YELLOW },
    { name: 'High', min: 8, max: 12, color: AMBER },
    { name: 'Extreme', min: 15, max: 25, color: RED },
  ],
};

export const MATRIX_4X4: RiskMatrix = {
  name: '4x4',
  size: 4,
  likelihood: ['Low', 'Medium', 'High', 'Very high'],
  impact: ['Low', 'Medium', 'High', 'Very high'],
  bands: [
    { name: 'Low', min: 1, max: 2, color: GREEN },
    { name: 'Medium', min: 3, max: 4, color: YELLOW },
    { name: 'High', min: 6, max: 9, color: AMBER },
    { name: 'Very high', min: 12, max: 16, color: RED },
  ],
};

export const MATRIX_3X3: RiskMatrix = {
  name: '3x3',
  size: 3,
  likelihood: ['Low', 'Medium', 'High'],
  impact: ['Low', 'Medium', 'High'],
  bands: [
    { name: 'Low', min: 1, max: 2, color: GREEN },
    { name: 'Medium', min: 3, max: 4, color: AMBER },
    { name: 'High', min: 6, max: 9, color: RED },
  ],
};

export const PRESETS: Record<string, RiskMatrix> = {
  nhs5x5: NHS_5X5,
  '4x4': MATRIX_4X4,
  '3x3': MATRIX_3X3,
};

/** Preset of a size, for registers scored on their own scale. */
export function presetOfSize(size: number): RiskMatrix | null {
  return size === 5 ? NHS_5X5 : size === 4 ? MATRIX_4X4 : size === 3 ? MATRIX_3X3 : null;
}

const PRESET_ALIASES: Record<string, string> = {
  nhs5x5: 'nhs5x5',
  nhs: 'nhs5x5',
  npsa: 'nhs5x5',
  '5x5': 'nhs5x5',
  '4x4': '4x4',
  '3x3': '3x3',
};

/** True when the settings name a matrix (a preset, a scale or bands) rather than leave the choice to PlanCheck. */
export function settingNamesMatrix(setting?: RiskMatrixSetting): boolean {
  return !!setting && (!!setting.preset || (setting.scale?.length ?? 0) > 0 || (setting.bands?.length ?? 0) > 0);
}

/** Every score a matrix of this size can produce, ascending. */
export function achievableScores(size: number): number[] {
  const set = new Set<number>();
  for (let i = 1; i <= size; i++) for (let j = 1; j <= size; j++) set.add(i * j);
  return [...set].sort((a, b) => a - b);
}

/** Hex colour between two others, t in 0..1. */
function mix(a: string, b: string, t: number): string {
  const ch = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  const out = [0, 1, 2].map((i) => Math.round(ch(a, i) + (ch(b, i) - ch(a, i)) * t));
  return `#${out
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase()}`;
}

/**
 * Bands given without a colour get one from a green-to-red palette by their order (lowest scores
 * green, highest red); a colour the council gave is kept as it is.
 */
export function withDefaultColours(bands: RiskBand[]): RiskBand[] {
  const stops = [GREEN, YELLOW, AMBER, RED];
  const order = [...bands].sort((a, b) => (Number(a.min) || 0) - (Number(b.min) || 0));
  const n = order.length;
  return bands.map((b) => {
    const given = (b as Partial<RiskBand>).color;
    if (given !== undefined && given !== null && given !== '') return b;
    const i = order.indexOf(b);
    const palette = n === 1 ? [GREEN] : n === 2 ? [GREEN, RED] : n === 3 ? [GREEN, AMBER, RED] : n === 4 ? stops : null;
    if (palette) return { ...b, color: palette[i] };
    const pos = (i / (n - 1)) * (stops.length - 1);
    const k = Math.min(stops.length - 2, Math.floor(pos));
    return { ...b, color: mix(stops[k], stops[k + 1], pos - k) };
  });
}

/**
 * The problems with a band table for a matrix of this size, as sentences; empty when it is valid.
 */
export function bandProblems(bands: RiskBand[], size: number): string[] {
  const problems: string[] = [];
  const top = size * size;
  if (bands.length === 0) return [`The risk matrix has no bands: give bands covering scores 1 to ${top}.`];
  for (const b of bands) {
    const name = typeof b.name === 'string' && b.name.trim() !== '' ? b.name : '(unnamed)';
    if (name === '(unnamed)') problems.push('A risk band has no name.');
    if (!Number.isInteger(b.min) || !Number.isInteger(b.max)) {
      problems.push(`The band ${name} must have whole-number min and max (it has ${b.min} to ${b.max}).`);
      continue;
    }
    if (b.min > b.max) problems.push(`The band ${name} runs from ${b.min} down to ${b.max}: min must not exceed max.`);
    if (b.min < 1 || b.max > top) {
      problems.push(
        `The band ${name} (${b.min} to ${b.max}) goes outside the scores 1 to ${top} of a ${size}x${size} matrix.`,
      );
    }
    if (typeof b.color !== 'string' || !/^#[0-9A-Fa-f]{6}$/.test(b.color)) {
      problems.push(`The band ${name} needs a colour as "#RRGGBB" (it has ${JSON.stringify(b.color ?? null)}).`);
    }
  }
  for (let i = 0; i < bands.length; i++) {
    for (let j = i + 1; j < bands.length; j++) {
      const a = bands[i];
      const b = bands[j];
      if (a.min <= b.max && b.min <= a.max) {
        problems.push(
          `The bands ${a.name} (${a.min} to ${a.max}) and ${b.name} (${b.min} to ${b.max}) overlap: a score can be in only one band.`,
        );
      }
    }
  }
  const missing = achievableScores(size).filter((s) => !bands.some((b) => s >= b.min && s <= b.max));
  if (missing.length > 0) {
    problems.push(
      `No band covers the score${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of a ${size}x${size} matrix: the bands must cover 1 to ${top} without gaps.`,
    );
  }
  return problems;
}

/** Thrown for settings that do not describe a usable matrix; the message is one or more sentences. */
export class RiskMatrixError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RiskMatrixError';
  }
}

/**
 * The matrix the settings describe: a preset by name (default nhs5x5), or the council's own
 * scale (level names lowest first, numbered 1..n, used on both axes) with its bands. A preset
 * with bands keeps the preset's level names and takes the council's band edges.
 * Throws RiskMatrixError with a plain sentence when the settings do not make a valid matrix.
 */
export function matrixFromSettings(setting?: RiskMatrixSetting): RiskMatrix {
  if (!setting) return NHS_5X5;
  const presetName = setting.preset?.trim().toLowerCase().replace(/\s+/g, '').replace(/×/g, 'x');
  const hasScale = Array.isArray(setting.scale) && setting.scale.length > 0;
  const hasBands = Array.isArray(setting.bands) && setting.bands.length > 0;
  let base: RiskMatrix | null = null;
  if (presetName && presetName !== 'custom') {
    const key = PRESET_ALIASES[presetName];
    if (!key) {
      throw new RiskMatrixError(
        `The risk matrix preset "${setting.preset}" is not one PlanCheck knows: choose NHS 5×5, 4×4 or 3×3 in Settings › Risk matrix, or give your own scale and bands.`,
      );
    }
    base = PRESETS[key];
  }
  if (!hasScale) {
    if (presetName === 'custom') {
      throw new RiskMatrixError('The custom risk matrix needs a scale: its level names, lowest first.');
    }
    const m = base ?? NHS_5X5;
    if (!hasBands) return m;
    const bands = withDefaultColours(setting.bands as RiskBand[]);
    const problems = bandProblems(bands, m.size);
    if (problems.length > 0) throw new RiskMatrixError(problems.join(' '));
    return { ...m, name: `${m.name} (own bands)`, bands: [...bands].sort((a, b) => a.min - b.min) };
  }
  const scale = (setting.scale as unknown[]).map((s) => String(s ?? '').trim());
  const n = scale.length;
  if (n < 2 || n > 10) {
    throw new RiskMatrixError(
      `The risk scale has ${n} level${n === 1 ? '' : 's'}: give between 2 and 10, lowest first.`,
    );
  }
  const blank = scale.findIndex((s) => s === '');
  if (blank >= 0) throw new RiskMatrixError(`Level ${blank + 1} of the risk scale has no name.`);
  const seen = new Set<string>();
  for (const s of scale) {
    const k = s.toLowerCase();
    if (seen.has(k)) throw new RiskMatrixError(`The risk scale names "${s}" twice: each level needs its own name.`);
    seen.add(k);
  }
  let bands: RiskBand[];
  if (hasBands) bands = withDefaultColours(setting.bands as RiskBand[]);
  else {
    const preset = presetOfSize(n);
    if (!preset) {
      throw new RiskMatrixError(
        `The ${n}-level risk scale needs bands: give {"name", "min", "max", "color"} covering scores 1 to ${n * n}.`,
      );
    }
    bands = preset.bands;
  }
  const problems = bandProblems(bands, n);
  if (problems.length > 0) throw new RiskMatrixError(problems.join(' '));
  return {
    name: `custom ${n}x${n}`,
    size: n,
    likelihood: scale,
    impact: scale,
    bands: [...bands].sort((a, b) => a.min - b.min),
  };
}

/** The band a score falls in, or null when none does (an off-scale score). */
export function bandOf(matrix: RiskMatrix, score: number): RiskBand | null {
  return matrix.bands.find((b) => score >= b.min && score <= b.max) ?? null;
}

/** Colour family of a "#RRGGBB" fill, for RAG ratings ("Red", "Amber", "Green"). */
export function colourFamily(hex: string): 'red' | 'amber' | 'yellow' | 'green' | 'other' {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return 'other';
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x, 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max - min < 0.15) return 'other';
  let h: number;
  if (max === r) h = (60 * ((g - b) / (max - min)) + 360) % 360;
  else if (max === g) h = 60 * ((b - r) / (max - min)) + 120;
  else h = 60 * ((r - g) / (max - min)) + 240;
  if (h < 20 || h >= 330) return 'red';
  if (h < 52) return 'amber';
  if (h < 70) return 'yellow';
  if (h < 170) return 'green';
  return 'other';
}

const RATING_SYNONYMS: Record<string, string[]> = {
  moderate: ['medium', 'med', 'moderate'],
  medium: ['medium', 'med', 'moderate'],
  extreme: ['extreme', 'very high', 'critical', 'severe'],
  'very high': ['very high', 'extreme', 'critical', 'severe'],
  low: ['low'],
  'very low': ['very low'],
  high: ['high'],
};

/**
 * Reads a stated rating ("High", "high.", "Low. Partnership Boards monitor...", "H", "Amber")
 * as a band of the matrix; null when it names none. Free text after the band is ignored.
 */
export function ratingBand(matrix: RiskMatrix, text: string): RiskBand | null {
  const norm = text
    .replace(/\u00a0/g, ' ')
    .trim()
    .toLowerCase();
  if (norm === '') return null;
  const words = norm.split(/[^a-z]+/).filter((w) => w !== '');
  if (words.length === 0) return null;
  const firstTwo = words.slice(0, 2).join(' ');
  const first = words[0];
  const candidates = [firstTwo, first];
  for (const c of candidates) {
    for (const b of matrix.bands) {
      const name = b.name.trim().toLowerCase();
      if (c === name) return b;
    }
  }
  for (const c of candidates) {
    for (const b of matrix.bands) {
      const syn = RATING_SYNONYMS[b.name.trim().toLowerCase()] ?? [];
      if (syn.includes(c)) return b;
    }
  }
  if (words.length >= 1 && ['red', 'amber', 'yellow', 'green'].includes(first)) {
    const matches = matrix.bands.filter((b) => colourFamily(b.color) === first);
    if (matches.length === 1) return matches[0];
    if (first === 'amber' || first === 'yellow') {
      const alt = matrix.bands.filter((b) => ['amber', 'yellow'].includes(colourFamily(b.color)));
      if (alt.length === 1) return alt[0];
    }
    return null;
  }
  // Initials: "H", "M", "L", "E", "VH"
  if (/^[a-z]{1,2}$/.test(norm)) {
    const byInitials = matrix.bands.filter(
      (b) =>
        b.name
          .trim()
          .toLowerCase()
          .split(/\s+/)
          .map((w) => w[0])
          .join('') === norm,
    );
    if (byInitials.length === 1) return byInitials[0];
    if (norm === 'm') {
      const mid = matrix.bands.filter((b) => ['medium', 'moderate'].includes(b.name.trim().toLowerCase()));
      if (mid.length === 1) return mid[0];
    }
  }
  return null;
}

/** A matrix's name as users read it, not PlanCheck's key for it ("nhs5x5" is "NHS 5×5", "3x3" is "3×3"). */
export function matrixTitle(name: string): string {
  const nhs = /^nhs\s*(\d+)\s*x\s*(\d+)(.*)$/i.exec(name);
  if (nhs) return `NHS ${nhs[1]}×${nhs[2]}${nhs[3]}`;
  const plain = /^(custom\s+)?(\d+)\s*x\s*(\d+)(.*)$/i.exec(name);
  if (plain) return `${plain[1] ? 'the council’s own ' : ''}${plain[2]}×${plain[3]}${plain[4]}`;
  if (/^(custom|own|workbook)$/i.test(name)) return 'the council’s own';
  return name;
}
