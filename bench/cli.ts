/**
 * The command line's figures for `npm run bench`, side by side in one run: `plancheck check` on a
 * large plan against exceljs's own load of the same file (time and peak memory, each its own
 * process, as a user runs them), and the folder check's workbooks a second on 1, 2 and all cores.
 * Prints figures; asserts nothing.
 */
import { execFileSync } from 'child_process';
import { promises as fs, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'bin', 'plancheck.js');
/** Loaded first into each measured process: writes its peak resident set (KB) to a file on exit. */
const PEAK = path.join(__dirname, 'peakRss.js');

function mb(kb: number): string {
  return `${(kb / 1024).toFixed(0)} MB`;
}

/** Wall time and peak memory of one process: `node [--require peak] args`. Exit 1 (errors found) is normal. */
function run(args: string[], outDir: string): { ms: number; peakKb: number } {
  const rssFile = path.join(outDir, `rss-${process.pid}.txt`);
  const t0 = performance.now();
  try {
    execFileSync(process.execPath, ['--require', PEAK, ...args], {
      stdio: 'pipe',
      cwd: ROOT,
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, PLANCHECK_PEAK_RSS_FILE: rssFile },
    });
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status !== 1 && status !== 2) throw e;
  }
  const ms = performance.now() - t0;
  return { ms, peakKb: Number(readFileSync(rssFile, 'utf8')) };
}

/** The best of `n` runs (the least disturbed by whatever else the machine is doing). */
function best(n: number, args: string[], outDir: string): { ms: number; peakKb: number } {
  const runs = Array.from({ length: n }, () => run(args, outDir));
  return { ms: Math.min(...runs.map((r) => r.ms)), peakKb: Math.min(...runs.map((r) => r.peakKb)) };
}

/** `plancheck check FILE --json` against `new ExcelJS.Workbook().xlsx.readFile(FILE)`, each a process. */
export function cliAgainstExceljs(file: string, outDir: string, sizeMb: string): void {
  // The CLI as installed: compiled to lib/ first, so the figures are of this source.
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.cli.json'], { cwd: ROOT });
  const load = `require('exceljs');new (require('exceljs').Workbook)().xlsx.readFile(${JSON.stringify(file)})`;
  const exceljs = best(3, ['-e', load], outDir);
  const cli = best(3, [CLI, 'check', file, '--json'], outDir);
  console.log(`\nplancheck check against exceljs's own load of ${path.basename(file)} (${sizeMb}), each a process:`);
  console.log('                          time      peak memory (RSS)');
  console.log(`exceljs load             ${exceljs.ms.toFixed(0).padStart(6)} ms  ${mb(exceljs.peakKb).padStart(8)}`);
  console.log(`plancheck check --json   ${cli.ms.toFixed(0).padStart(6)} ms  ${mb(cli.peakKb).padStart(8)}`);
  console.log(
    `ratio                    ${(cli.ms / exceljs.ms).toFixed(2).padStart(6)}x   ${(cli.peakKb / exceljs.peakKb).toFixed(2).padStart(7)}x` +
      '   (targets: at or below 1.0x for both)',
  );
}

/** A folder of 150 sample-sized plans (the committed samples, over and over), checked on 1, 2 and all cores. */
export async function folderFigures(outDir: string): Promise<void> {
  const dir = path.join(outDir, 'region-150');
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const samples = (await fs.readdir(path.join(ROOT, 'samples'))).filter((f) => f.endsWith('.xlsx')).sort();
  for (let i = 0; i < 150; i++) {
    const from = samples[i % samples.length];
    await fs.copyFile(path.join(ROOT, 'samples', from), path.join(dir, `${String(i + 1).padStart(3, '0')}-${from}`));
  }
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  console.log(
    `\nplancheck check FOLDER: 150 sample-sized plans (${samples.length} samples over and over), each a process:`,
  );
  console.log('workers   time       workbooks a second   peak memory (RSS)');
  const counts = [...new Set([1, 2, cores])];
  for (const jobs of counts) {
    const r = best(2, [CLI, 'check', dir, '--json', '--jobs', String(jobs)], outDir);
    const label = jobs === cores ? `${jobs} (all)` : String(jobs);
    console.log(
      `${label.padEnd(9)} ${(r.ms / 1000).toFixed(1).padStart(5)} s   ${(150 / (r.ms / 1000)).toFixed(1).padStart(10)}           ${mb(r.peakKb).padStart(8)}`,
    );
  }
  if (cores <= 2) console.log(`(this machine has ${cores} cores: "2" and "all" are the same count of workers)`);
}
