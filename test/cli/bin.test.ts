/**
 * The installed command itself: `node bin/plancheck.js` (what `npx plancheck` runs) over the compiled
 * CLI in lib/. Spawned once per case, so kept to what only a real process can show.
 */
import { execFileSync, spawnSync } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';

import { MANCHESTER, ROOT } from './helpers';

const BIN = path.join(ROOT, 'bin', 'plancheck.js');

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'lib', 'cli', 'main.js'))) {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.cli.json'], { cwd: ROOT, stdio: 'pipe' });
  }
}, 120000);

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
