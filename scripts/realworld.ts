/**
 * npm run realworld: `plancheck check` over real workbooks nobody on the team wrote, with errors and
 * warnings counted per file, so that what PlanCheck says on unseen layouts is measured and read.
 *
 * The files are third-party data and are never copied into the project: they are read where they
 * lie, in ../shared/real-workbooks beside the repository or the folder PLANCHECK_REAL_WORKBOOKS names.
 * Where neither exists, the script says so and exits 0 (a user's clone has no such folder).
 *
 *   npm run realworld                 counts per file, and every error and warning
 *   npm run realworld -- --counts     counts only
 *   npm run realworld -- --notes      notes too
 *   npm run realworld -- public-sector   only the files whose path contains this
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';

import { main } from '../src/cli/main';

interface JsonFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  sheet: string;
  cell: string;
  message: string;
}

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_DIR = path.resolve(ROOT, '..', 'shared', 'real-workbooks');

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (/\.xls[xm]$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

async function checkOne(file: string): Promise<{ code: number; findings: JsonFinding[]; err: string; ms: number }> {
  let out = '';
  let err = '';
  const t0 = performance.now();
  const code = await main(['check', file, '--json'], { out: (t) => (out += t), err: (t) => (err += t) });
  const ms = performance.now() - t0;
  if (code === 2) return { code, findings: [], err: err.trim(), ms };
  return { code, findings: (JSON.parse(out) as { findings: JsonFinding[] }).findings, err: err.trim(), ms };
}

async function run(): Promise<number> {
  const args = process.argv.slice(2);
  const countsOnly = args.includes('--counts');
  const withNotes = args.includes('--notes');
  const filter = args.find((a) => !a.startsWith('--'));
  const dir = process.env.PLANCHECK_REAL_WORKBOOKS ?? DEFAULT_DIR;
  try {
    await fs.access(dir);
  } catch {
    console.log(
      `No real workbooks at ${dir} (set PLANCHECK_REAL_WORKBOOKS to a folder of .xlsx files); nothing to do.`,
    );
    return 0;
  }
  const files = (await filesUnder(dir)).filter((f) => !filter || f.includes(filter));
  const total = { error: 0, warning: 0, info: 0, unusable: 0 };
  for (const file of files) {
    const name = path.relative(dir, file);
    const { code, findings, err, ms } = await checkOne(file);
    if (code === 2) {
      total.unusable++;
      console.log(`${name}: not used (${err})`);
      continue;
    }
    const count = (s: JsonFinding['severity']) => findings.filter((f) => f.severity === s).length;
    const line = { error: count('error'), warning: count('warning'), info: count('info') };
    total.error += line.error;
    total.warning += line.warning;
    total.info += line.info;
    const loud = line.error + line.warning > 0;
    if (loud || !countsOnly) {
      console.log(`${name}: ${line.error} errors, ${line.warning} warnings, ${line.info} notes (${Math.round(ms)} ms)`);
    }
    if (countsOnly) continue;
    for (const f of findings) {
      if (f.severity === 'info' && !withNotes) continue;
      console.log(`  ${f.severity.toUpperCase()} ${f.sheet}!${f.cell} [${f.rule}] ${f.message}`);
    }
  }
  console.log(
    `\n${files.length} files: ${total.error} errors, ${total.warning} warnings, ${total.info} notes` +
      `${total.unusable ? `; ${total.unusable} could not be used` : ''}`,
  );
  return 0;
}

run().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
