/**
 * The installed command itself: `node bin/plancheck.js` (what `npx plancheck` runs) over the compiled
 * CLI in lib/. Spawned once per case, so kept to what only a real process can show.
 */
import { execFileSync, spawn, spawnSync } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';

import { bigPlanRows } from '../../src/samples/bigPlan';
import { MANCHESTER, ROOT, newWorkbook, tempDir, type CheckJson } from './helpers';

const BIN = path.join(ROOT, 'bin', 'plancheck.js');

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'lib', 'cli', 'main.js'))) {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.cli.json'], { cwd: ROOT, stdio: 'pipe' });
  }
}, 120000);

/** A plan of 1,000 budget lines; every other line's Mainstream funding is 5,000 over, so each is a finding. */
async function bigPlanWithSlips(): Promise<string> {
  const file = path.join(await tempDir(), 'big-plan.xlsx');
  const rows = bigPlanRows(4_000);
  rows.forEach((r, i) => {
    if (r[7] === 'Mainstream' && i % 2 === 0) r[8] = (r[8] as number) + 5_000;
  });
  return newWorkbook(file, 'Financial plan', (ws) => rows.forEach((r) => ws.addRow(r)));
}

function bin(...argv: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd: ROOT, encoding: 'utf8', timeout: 30000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('a missing file: exit 2 and one sentence on stderr naming it, no stack trace', () => {
  const r = bin('check', 'samples/no-such-plan.xlsx');
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe('plancheck: samples/no-such-plan.xlsx does not exist.\n');
});

test('a real plan: exit 0 and the findings as JSON on stdout', () => {
  const r = bin('check', path.relative(ROOT, MANCHESTER), '--json');
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const json = JSON.parse(r.stdout) as { workbook: string; findings: { cell: string }[] };
  expect(json.workbook).toBe('manchester-2009-plan.xlsx');
  expect(json.findings.map((f) => f.cell)).toContain('G9');
});

test('item 12: JSON well over 64 KB comes whole through a pipe (the CLI lets stdout drain before it exits)', async () => {
  const file = await bigPlanWithSlips();

  const child = spawn(process.execPath, [BIN, 'check', file, '--json'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const text = Buffer.concat(chunks).toString('utf8');

  expect(stderr).toBe('');
  expect(text.length).toBeGreaterThan(4 * 65_536);
  const json = JSON.parse(text) as CheckJson;
  expect(json.findings.length).toBeGreaterThan(400);
  expect(status).toBe(1); // error-level findings: the exit status still says so
}, 20000);

test('item 12: a reader that stops early (| head) ends the CLI quietly, with no stack trace and its own exit status', async () => {
  const file = await bigPlanWithSlips();

  const child = spawn(process.execPath, [BIN, 'check', file, '--json'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.once('data', () => child.stdout.destroy()); // read the first chunk, then hang up
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  expect(stderr).toBe('');
  expect(status).toBe(1); // still the command's own status: error-level findings
}, 20000);
