/**
 * `plancheck check FOLDER` (or several files): every workbook checked in parallel worker threads
 * (node:worker_threads, one per core unless --jobs says otherwise), one line per workbook in the
 * order named, then a summary; --json one JSON record per line per workbook; --report one HTML page
 * for the set. The exit status is the worst of the workbooks'. A workbook that cannot be read is
 * said in its line and the rest are still checked; a worker that dies is replaced.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';

import type { Settings } from '../engine/settings';
import type { CliArgs } from './args';
import { UsageError } from './args';
import { plancheckVersion, type CheckRecord } from './checkOne';
import type { Io } from './io';
import { setReportHtml } from './setReport';
import { noFloatNoise } from './figures';

/** Several files, or a folder: the folder check rather than the single-file one. */
export async function isFolderCheck(args: CliArgs): Promise<boolean> {
  if (args.files.length > 1) return true;
  try {
    return (await fs.stat(args.files[0])).isDirectory();
  } catch {
    return false;
  }
}

/** Every .xlsx and .xlsm in a folder and its subfolders (Excel's lock files "~$..." left out), sorted. */
async function workbooksIn(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await workbooksIn(full)));
    else if (/\.xls[xm]$/i.test(entry.name) && !entry.name.startsWith('~$')) out.push(full);
  }
  return out.sort();
}

/** The workbooks named: folders opened up, files kept as named (a missing one is said in its line). */
async function workbooksNamed(names: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const name of names) {
    let dir = false;
    try {
      dir = (await fs.stat(name)).isDirectory();
    } catch {
      dir = false;
    }
    if (dir) out.push(...(await workbooksIn(name)));
    else out.push(name);
  }
  return out;
}

interface Job {
  settings: Settings;
  evidence: boolean;
  version: string;
}

/** The worker's script: the compiled one beside this file, or this source through ts-node (tests, benches). */
function workerFor(job: Job): Worker {
  const compiled = path.join(__dirname, 'folderWorker.js');
  if (__filename.endsWith('.js')) return new Worker(compiled, { workerData: job });
  const source = path.join(__dirname, 'folderWorker.ts');
  const boot = `require('ts-node').register({ transpileOnly: true }); require(${JSON.stringify(source)});`;
  return new Worker(boot, { eval: true, workerData: job });
}

/** Checks the files on `jobs` workers; `done` hears each record as it comes (any order). */
export async function checkInWorkers(
  files: string[],
  jobs: number,
  job: Job,
  done: (index: number, record: CheckRecord) => void,
): Promise<void> {
  let next = 0;
  const start = (): Promise<void> =>
    new Promise((resolve) => {
      const worker = workerFor(job);
      let current = -1;
      let ready = false;
      const failed = (index: number, why: string) => {
        const file = files[index];
        done(index, {
          file,
          workbook: path.basename(file),
          exit: 2,
          error: `check could not finish on ${file}: ${why.replace(/[.\s]+$/, '')}.`,
          ms: 0,
        });
      };
      const give = () => {
        if (next >= files.length) {
          current = -1;
          void worker.terminate();
          resolve();
          return;
        }
        current = next++;
        worker.postMessage({ index: current, file: files[current] });
      };
      worker.on('message', (m: { index: number; record: CheckRecord } | 'ready') => {
        if (m === 'ready') ready = true;
        else done(m.index, m.record);
        give();
      });
      worker.on('error', (e) => {
        if (!ready) {
          // No worker can start: every workbook not yet given is said, none is left waiting.
          while (next < files.length) failed(next++, e.message);
          resolve();
          return;
        }
        // The worker failed on a workbook (out of memory, say): that one is said, a new worker goes on.
        if (current >= 0) failed(current, e.message);
        current = -1;
        void start().then(resolve);
      });
    });
  await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, start));
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** One workbook's line: as the single-file check's first line, or why it was not checked. */
export function recordLine(r: CheckRecord): string {
  if (r.exit === 2 || !r.counts) return `${r.file}: not checked: ${r.error}`;
  const c = r.counts;
  return (
    `${r.file}: ${plural(r.tables?.length ?? 0, 'table')}, ${plural(c.errors, 'error')}, ` +
    `${plural(c.warnings, 'warning')}, ${plural(c.notes, 'note')}${c.accepted > 0 ? `; ${c.accepted} accepted` : ''}`
  );
}

export function summaryLine(records: CheckRecord[], seconds: number): string {
  const unusable = records.filter((r) => r.exit === 2).length;
  const withErrors = records.filter((r) => r.exit === 1).length;
  const clean = records.length - unusable - withErrors;
  const rate = seconds > 0 ? ` in ${seconds.toFixed(1)} s (${(records.length / seconds).toFixed(1)} a second)` : '';
  return (
    `Checked ${plural(records.length, 'workbook')}${rate}: ${withErrors} with errors, ${clean} without` +
    `${unusable > 0 ? `; ${unusable} could not be checked` : ''}.`
  );
}

/** `plancheck check FOLDER|FILE...`: resolves to the worst exit status. */
export async function runFolderCheck(args: CliArgs, io: Io, config: Settings): Promise<number> {
  if (args.out) throw new UsageError('--out writes one copy of one workbook: check several workbooks without it.');
  if (args.report && !/\.html?$/i.test(args.report)) {
    throw new UsageError('--report for several workbooks is one HTML page: give a file ending .html.');
  }
  const files = await workbooksNamed(args.files);
  if (files.length === 0) {
    const named = args.files.length === 1 ? `${args.files[0]} is a folder` : `${args.files.join(', ')} are folders`;
    throw new UsageError(`${named} with no .xlsx or .xlsm workbook in ${args.files.length === 1 ? 'it' : 'them'}.`);
  }
  const jobs = args.jobs ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const version = await plancheckVersion();
  const job: Job = { settings: config, evidence: Boolean(args.report), version };
  const t0 = Date.now();
  const records: (CheckRecord | undefined)[] = new Array(files.length);
  let printed = 0;
  // Lines in the order the workbooks were named, each as soon as those before it are done.
  await checkInWorkers(files, jobs, job, (index, record) => {
    records[index] = record;
    while (printed < files.length && records[printed]) {
      const r = records[printed++]!;
      if (args.json) {
        const { evidence: _evidence, ms: _ms, ...rest } = r;
        io.out(JSON.stringify(rest, noFloatNoise) + '\n');
      } else io.out(recordLine(r) + '\n');
    }
  });
  const all = records as CheckRecord[];
  if (!args.json) io.out(summaryLine(all, (Date.now() - t0) / 1000) + '\n');
  if (args.report) {
    try {
      await fs.writeFile(args.report, setReportHtml(all, new Date().toISOString(), version), 'utf8');
    } catch {
      throw new UsageError(
        `The report cannot be written to ${args.report}: check the folder exists and can be written to.`,
      );
    }
    io.err(`Wrote ${args.report}\n`);
  }
  return Math.max(...all.map((r) => r.exit));
}
