/**
 * Helpers for the CLI's tests: run `plancheck` in-process (main(argv, io) with collectors), the
 * committed samples, temporary folders, and small workbooks made with exceljs for one test each.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';

import { main } from '../../src/cli/main';

export const ROOT = path.resolve(__dirname, '..', '..');
export const sample = (name: string): string => path.join(ROOT, 'samples', name);
export const MANCHESTER = sample('manchester-2009-plan.xlsx');
export const PLAN_SAMPLE = sample('plancheck-sample.xlsx');

/** One finding as `--json` prints it. */
export interface FindingJson {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  sheet: string;
  cell: string;
  message: string;
  expected?: unknown;
  actual?: unknown;
  difference?: unknown;
  related?: string[];
}

/** What `plancheck check --json` prints. */
export interface CheckJson {
  workbook: string;
  tables: { sheet: string; range: string; kind: string }[];
  findings: FindingJson[];
}

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs `plancheck ...argv` in this process, as a script would, and collects what it prints. */
export async function plancheck(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** `plancheck ... --json`, parsed; fails the test with what was printed when stdout is not JSON. */
export async function plancheckJson<T = Record<string, unknown>>(...argv: string[]): Promise<Run & { json: T }> {
  const run = await plancheck(...argv, '--json');
  try {
    return { ...run, json: JSON.parse(run.out) as T };
  } catch {
    throw new Error(`plancheck ${argv.join(' ')} --json printed no JSON (exit ${run.code}):\n${run.out}\n${run.err}`);
  }
}

export async function tempDir(prefix = 'plancheck-cli-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Loads a workbook, lets `change` edit it, and saves it as `file`. */
export async function editedCopy(
  from: string,
  file: string,
  change: (wb: ExcelJS.Workbook) => void | Promise<void>,
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  await change(wb);
  await wb.xlsx.writeFile(file);
  return file;
}

/** A new workbook with one sheet, filled by `fill`, saved as `file`. */
export async function newWorkbook(
  file: string,
  sheetName: string,
  fill: (ws: ExcelJS.Worksheet) => void,
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet(sheetName));
  await wb.xlsx.writeFile(file);
  return file;
}
