/**
 * Polarity: which way is good for an indicator. Read from a polarity column or row where the
 * table prints one, else from the ASCOF code list, else from the user's settings; for anything
 * else (cost per head, unit costs) PlanCheck makes no assumption and asks.
 */
import type { Settings } from '../settings';

export type Polarity = 'higher' | 'lower';

/**
 * The ASCOF measures (2014/15 to 2022/23 framework). For admissions to residential and nursing
 * care per 100,000 (2A1, 2A2) and delayed transfers of care (2C1, 2C2, 2C3) lower is better;
 * for every other measure higher is better.
 */
export const ASCOF_CODES: readonly string[] = [
  '1A',
  '1B',
  '1C1A',
  '1C1B',
  '1C2A',
  '1C2B',
  '1D',
  '1E',
  '1F',
  '1G',
  '1H',
  '1I1',
  '1I2',
  '1J',
  '2A1',
  '2A2',
  '2B1',
  '2B2',
  '2C1',
  '2C2',
  '2C3',
  '2D',
  '3A',
  '3B',
  '3C',
  '3D1',
  '3D2',
  '4A',
  '4B',
];

export const ASCOF_LOWER_IS_BETTER: readonly string[] = ['2A1', '2A2', '2C1', '2C2', '2C3'];

const CODE_PATTERN = /(?:^|[\s(:])(?:ascof\s*)?([1-4][A-J](?:[12][AB]?)?)(?=$|[\s):.,–-])/i;

/**
 * The ASCOF code in a cell or a label: "2A1", "ASCOF 2A1", "2A1 Long-term support needs ...",
 * "(1C2B)". Null when there is none, or the code is not one of ASCOF's.
 */
export function ascofCode(text: string | null | undefined): string | null {
  if (!text) return null;
  const t = text.trim();
  const m = CODE_PATTERN.exec(t);
  if (!m) return null;
  const code = m[1].toUpperCase();
  return ASCOF_CODES.includes(code) ? code : null;
}

/** The ASCOF polarity of a code, or null when the code is not ASCOF's. */
export function ascofPolarity(code: string | null | undefined): Polarity | null {
  if (!code) return null;
  const c = code.toUpperCase();
  if (!ASCOF_CODES.includes(c)) return null;
  return ASCOF_LOWER_IS_BETTER.includes(c) ? 'lower' : 'higher';
}

/**
 * Reads a printed polarity: "High", "Higher", "Higher is better", "High is good", "▲", "Up",
 * "Low", "Lower", "Lower is better", "▼", "Down". Null for anything else (blank, "n/a").
 */
export function parsePolarity(text: unknown): Polarity | null {
  if (typeof text !== 'string') return null;
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (/^(high|higher|bigger|larger|more|up|increase|increasing|max|maximise|maximize)\b/.test(t)) return 'higher';
  if (/^(low|lower|smaller|less|fewer|down|decrease|decreasing|reduce|min|minimise|minimize)\b/.test(t)) return 'lower';
  if (/^[▲↑+]/.test(t)) return 'higher';
  if (/^[▼↓]/.test(t)) return 'lower';
  return null;
}

function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

/**
 * The user's word for an indicator from settings.benchmark.polarities: keyed by the label
 * (case and punctuation ignored), by the code, or by words the label or the table's title
 * contains ("Cost per head" covers every row of "Cost per head of population ...").
 */
export function settingsPolarity(
  settings: Settings,
  indicator: { label: string; code?: string | null; title?: string | null },
): Polarity | null {
  const map = settings.benchmark?.polarities;
  if (!map) return null;
  const entries = Object.entries(map).filter(([, p]) => p === 'higher' || p === 'lower');
  const label = norm(indicator.label);
  const code = indicator.code ? norm(indicator.code) : null;
  for (const [key, p] of entries) if (norm(key) === label || (code !== null && norm(key) === code)) return p;
  for (const [key, p] of entries) {
    const k = norm(key);
    if (k.length >= 3 && ` ${label} `.includes(` ${k} `)) return p;
  }
  const title = indicator.title ? norm(indicator.title) : '';
  for (const [key, p] of entries) {
    const k = norm(key);
    if (k.length >= 3 && title !== '' && ` ${title} `.includes(` ${k} `)) return p;
  }
  return null;
}

export type PolaritySource = 'column' | 'ascof' | 'settings' | null;

/** Decides an indicator's polarity: printed column, then ASCOF code list, then settings. */
export function resolvePolarity(
  settings: Settings,
  indicator: { label: string; code?: string | null; title?: string | null; printed?: unknown },
): { polarity: Polarity | null; from: PolaritySource } {
  const printed = parsePolarity(indicator.printed);
  if (printed) return { polarity: printed, from: 'column' };
  const code = indicator.code ?? ascofCode(indicator.label);
  const ascof = ascofPolarity(code);
  if (ascof) return { polarity: ascof, from: 'ascof' };
  const user = settingsPolarity(settings, { ...indicator, code });
  if (user) return { polarity: user, from: 'settings' };
  return { polarity: null, from: null };
}
