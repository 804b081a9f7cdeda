/**
 * `plancheck check FOLDER` and `plancheck check FILE FILE...`: every workbook checked in worker
 * threads, one line each in the order named, a summary, the worst exit status; a damaged workbook
 * is said in its line and the others are still checked; --json one record per workbook; --report
 * one HTML page for the set.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { PLAN_SAMPLE, plancheck, sample, tempDir, type FindingJson } from './helpers';

/** A folder of three good plans (one with errors) and one damaged file (a plan cut short). */
async function region(): Promise<string> {
  const dir = await tempDir('plancheck-region-');
  await fs.copyFile(sample('manchester-2009-plan.xlsx'), path.join(dir, 'a-manchester.xlsx'));
  await fs.copyFile(sample('birmingham-2008.xlsx'), path.join(dir, 'b-birmingham.xlsx'));
  await fs.mkdir(path.join(dir, 'older'));
  await fs.copyFile(sample('essex-2017.xlsx'), path.join(dir, 'older', 'c-essex.xlsx'));
  const whole = await fs.readFile(PLAN_SAMPLE);
  await fs.writeFile(path.join(dir, 'd-damaged.xlsx'), whole.subarray(0, Math.floor(whole.length / 2)));
  await fs.writeFile(path.join(dir, 'notes.txt'), 'not a workbook, and not named like one');
  return dir;
}

interface Record {
  file: string;
  workbook: string;
  exit: number;
  error?: string;
  counts?: { errors: number; warnings: number; notes: number; accepted: number };
  tables?: unknown[];
  findings?: FindingJson[];
}

describe('checking a folder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await region();
  });

  test('one line per workbook in order, the damaged one said, a summary, and the worst exit status', async () => {
    const run = await plancheck('check', dir, '--jobs', '2');
    const lines = run.out.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/a-manchester\.xlsx: 6 tables, 0 errors, 0 warnings, 3 notes$/);
    expect(lines[1]).toMatch(/b-birmingham\.xlsx: 5 tables, 13 errors, 0 warnings, 17 notes$/);
    expect(lines[2]).toMatch(
      /d-damaged\.xlsx: not checked: .*d-damaged\.xlsx is damaged and cannot be opened as a workbook\.$/,
    );
    expect(lines[3]).toMatch(/older[\\/]c-essex\.xlsx: 3 tables, 0 errors, 0 warnings, 0 notes$/);
    expect(lines[4]).toMatch(
      /^Checked 4 workbooks in [\d.]+ s \([\d.]+ a second\): 1 with errors, 2 without; 1 could not be checked\.$/,
    );
    expect(run.code).toBe(2);
    expect(run.err).toBe('');
    expect(run.err + run.out).not.toMatch(/^\s*at /m);
  }, 120000);

  test('--json: one record per line per workbook, the findings as the single-file check gives them', async () => {
    const run = await plancheck('check', dir, '--json', '--jobs', '1');
    const records = run.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record);
    expect(records.map((r) => [r.workbook, r.exit])).toEqual([
      ['a-manchester.xlsx', 0],
      ['b-birmingham.xlsx', 1],
      ['d-damaged.xlsx', 2],
      ['c-essex.xlsx', 0],
    ]);
    expect(records[2].error).toMatch(/is damaged and cannot be opened as a workbook\.$/);
    expect(records[2].findings).toBeUndefined();
    const single = await plancheck('check', path.join(dir, 'b-birmingham.xlsx'), '--json');
    expect(records[1].findings).toEqual((JSON.parse(single.out) as { findings: FindingJson[] }).findings);
    expect(records[1].counts).toEqual({ errors: 13, warnings: 0, notes: 17, accepted: 0 });
    expect(run.code).toBe(2);
  }, 120000);

  test('several files named: only those, and the worst of them is the exit status', async () => {
    const run = await plancheck(
      'check',
      path.join(dir, 'a-manchester.xlsx'),
      path.join(dir, 'older', 'c-essex.xlsx'),
      path.join(dir, 'b-birmingham.xlsx'),
    );
    const lines = run.out.trimEnd().split('\n');
    expect(
      lines
        .map((l) => l.replace(/:.*/, ''))
        .slice(0, 3)
        .map((f) => path.basename(f)),
    ).toEqual(['a-manchester.xlsx', 'c-essex.xlsx', 'b-birmingham.xlsx']);
    expect(lines[3]).toMatch(/^Checked 3 workbooks .*: 1 with errors, 2 without\.$/);
    expect(run.code).toBe(1);
  }, 120000);

  test('--report: one HTML page for the set, each workbook with its SHA-256 and its own evidence', async () => {
    const report = path.join(await tempDir(), 'region.html');
    const run = await plancheck('check', dir, '--report', report);
    expect(run.err).toBe(`Wrote ${report}\n`);
    const html = await fs.readFile(report, 'utf8');
    expect(html).toContain('PlanCheck evidence for 4 workbooks');
    expect(html.match(/<section id="wb\d+" class="workbook">/g)).toHaveLength(3);
    expect(html).toMatch(/d-damaged\.xlsx<\/td><td colspan="4">Not checked: .*is damaged/);
    expect(html).toMatch(/<td class="sha">[0-9a-f]{64}<\/td>/);
    expect(html).not.toMatch(/<script/i);
  }, 120000);

  test('--out is refused for several workbooks, in one sentence', async () => {
    const run = await plancheck('check', dir, '--out', path.join(dir, 'copy.xlsx'));
    expect(run.code).toBe(2);
    expect(run.err).toBe('plancheck: --out writes one copy of one workbook: check several workbooks without it.\n');
  });
});
