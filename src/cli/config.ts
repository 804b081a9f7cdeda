/**
 * The settings a command runs with: the --config file (its top-level shape checked, each problem a
 * sentence naming the key), and the workbook's own settings with any key of the wrong shape left
 * out. Shared by the single-file commands and the folder check's workers.
 */
import { promises as fs } from 'fs';

import type { Settings } from '../engine/settings';
import { UsageError } from './args';

export async function readConfig(file: string): Promise<Settings> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new UsageError(`The config file ${file} cannot be read.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!isObject(parsed)) {
    throw new UsageError(`The config file ${file} is not a JSON object; see the README for its shape.`);
  }
  const [problem] = shapeProblems(parsed).values();
  if (problem) throw new UsageError(`In the config file ${file}, ${problem}; see the README for its shape.`);
  return parsed as Settings;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const OBJECT_KEYS = ['rounding', 'uplift', 'cashLimits', 'risk', 'benchmark', 'projections'];

/**
 * What is wrong with the settings' top-level shape: key -> a clause naming it. The engine trusts
 * these shapes (a "tables" that is not a list would crash the reader); what is inside them is left
 * to the engine.
 */
function shapeProblems(settings: Record<string, unknown>): Map<string, string> {
  const problems = new Map<string, string>();
  for (const key of OBJECT_KEYS) {
    if (settings[key] !== undefined && !isObject(settings[key])) {
      problems.set(key, `"${key}" must be an object ({ ... })`);
    }
  }
  if (settings.style !== undefined && settings.style !== 'house' && settings.style !== 'plain') {
    problems.set('style', '"style" must be "house" (the workbook\'s own look for new tables) or "plain"');
  }
  const tables = settings.tables;
  const validTables =
    Array.isArray(tables) &&
    tables.every((t) => isObject(t) && typeof t.sheet === 'string' && typeof t.range === 'string');
  if (tables !== undefined && !validTables) {
    problems.set('tables', '"tables" must be a list of {"sheet", "range", ...} entries');
  }
  return problems;
}

/** The workbook's own settings without any key of the wrong shape (edited by hand, say): ignored, not fatal. */
export function wellShaped(settings: Settings): Settings {
  const all = settings as Record<string, unknown>;
  const problems = shapeProblems(all);
  return Object.fromEntries(Object.entries(all).filter(([k]) => !problems.has(k))) as Settings;
}
