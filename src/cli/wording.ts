/**
 * The engine names the pane's screen and field where a setting lives ("Settings › Cash limits",
 * "Benchmarks tab › Your council"). On the command line the same setting is a key of the config, so
 * its findings say that key too, and a value the config set is said to come from the config.
 */
import type { Finding } from '../engine/findings';
import type { Settings } from '../engine/settings';

/** Each place in the pane, with the config key that sets the same thing. */
const PLACES: { pane: string; key: string; top: string }[] = [
  { pane: 'Settings › Cash limits', key: '"cashLimits"', top: 'cashLimits' },
  { pane: 'Settings › Uplift', key: '"uplift"', top: 'uplift' },
  { pane: 'Settings › Risk matrix', key: '"risk"', top: 'risk' },
  { pane: 'Benchmarks tab › Your council', key: '"benchmark": {"own": ...}', top: 'benchmark' },
  { pane: 'Benchmarks tab › Better when', key: '"benchmark": {"polarities": ...}', top: 'benchmark' },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A sentence of the engine's in the command line's words, for a run with this config. */
export function commandLineWords(message: string, config: Settings): string {
  const given = config as Record<string, unknown>;
  let out = message;
  for (const p of PLACES) {
    if (!out.includes(p.pane)) continue;
    // A value the config set is the config's; one set in the pane (kept with the workbook) stays so.
    if (given[p.top] !== undefined) out = out.split(`set in ${p.pane}`).join(`set as ${p.key} in the config`);
    // Where to set it: the config's key, and the pane's place for whoever also uses the pane.
    out = out.replace(
      new RegExp(`(?<!set in )${escape(p.pane)}`, 'g'),
      `${p.key} in the config, or ${p.pane} in the pane`,
    );
  }
  return out;
}

/** Findings with their messages in the command line's words. */
export function inCommandLineWords<F extends Finding>(findings: F[], config: Settings): F[] {
  return findings.map((f) => {
    const message = commandLineWords(f.message, config);
    return message === f.message ? f : { ...f, message };
  });
}
