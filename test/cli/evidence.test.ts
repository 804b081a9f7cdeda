/**
 * Accepted findings and the evidence report through the command line: the accepted list honoured
 * from --config or from the workbook itself, set apart in --json and in the summary, not counted
 * for the exit status; `--report` as HTML or JSON with the file's SHA-256.
 */
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';

import { acceptFinding } from '../../src/engine/accepted';
import { XlsxPort } from '../../src/xlsx/xlsxPort';
import type { CheckJson } from './helpers';
import { MANCHESTER, plancheck, plancheckJson, tempDir } from './helpers';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const G9 = {
  rule: 'funding.sum',
  sheet: 'Financial plan',
  cell: 'G9',
  expected: 74026,
  actual: 74025,
  reason: 'rounding as published',
  by: 'JS',
  on: '2026-12-01',
};

type Accepted = CheckJson['findings'][number] & { accepted?: { reason: string; by: string; on: string } };

test('an accepted finding from --config is in --json with its reason, and apart in the summary line', async () => {
  const config = path.join(dir, 'accepted.json');
  await fs.writeFile(config, JSON.stringify({ accepted: [G9] }));
  const { json, code } = await plancheckJson<CheckJson>('check', MANCHESTER, '--config', config);
  expect(code).toBe(0);
  const g9 = (json.findings as Accepted[]).find((f) => f.cell === 'G9');
  expect(g9?.accepted).toEqual({ reason: 'rounding as published', by: 'JS', on: '2026-12-01' });
  const text = await plancheck('check', MANCHESTER, '--config', config);
  expect(text.out.split('\n')[0]).toBe(
    'manchester-2009-plan.xlsx: 6 tables, 0 errors, 0 warnings, 2 notes; 1 accepted',
  );
  expect(text.out).toContain('ACCEPTED Financial plan!G9');
  expect(text.out).toContain('[JS, 2026-12-01: rounding as published]');
});

test('accepted errors do not count for the exit status; kept in the workbook, they survive save and reopen', async () => {
  // A copy of the plan with line 03's 2010/11 cash limit 500 out: an error, exit 1.
  const port = await XlsxPort.fromBuffer(await fs.readFile(MANCHESTER), 'plan.xlsx');
  const file = path.join(dir, 'plan-with-error.xlsx');
  await port.write(
    {
      title: 'slip',
      anchor: { sheet: 'Financial plan', row: 8, col: 6 },
      cells: [[{ value: 74526 }]],
    },
    { overwrite: true },
  );
  await fs.writeFile(file, await port.toBuffer());
  const before = await plancheckJson<CheckJson>('check', file);
  expect(before.code).toBe(1);
  const error = before.json.findings.find((f) => f.cell === 'G9' && f.severity === 'error')!;
  expect(error).toMatchObject({ rule: 'funding.sum', expected: 74526, actual: 74025 });

  // Accepted in the workbook's own settings, saved, reopened by the CLI.
  const reopened = await XlsxPort.fromBuffer(await fs.readFile(file), 'plan.xlsx');
  await reopened.saveSettings(
    acceptFinding(await reopened.loadSettings(), error as never, {
      reason: 'agreed with the service',
      by: 'AB',
      on: '2026-12-02',
    }),
  );
  const accepted = path.join(dir, 'plan-accepted.xlsx');
  await fs.writeFile(accepted, await reopened.toBuffer());
  const after = await plancheckJson<CheckJson>('check', accepted);
  expect(after.code).toBe(0);
  expect((after.json.findings as Accepted[]).find((f) => f.cell === 'G9')?.accepted?.reason).toBe(
    'agreed with the service',
  );
});

test('--report REPORT.html: one self-contained page with the hash of the file, every finding and the acceptance', async () => {
  const config = path.join(dir, 'accepted-for-report.json');
  await fs.writeFile(config, JSON.stringify({ accepted: [G9] }));
  const report = path.join(dir, 'evidence.html');
  const run = await plancheck('check', MANCHESTER, '--config', config, '--report', report);
  expect(run.code).toBe(0);
  expect(run.err).toContain(`Wrote ${report}`);
  const html = await fs.readFile(report, 'utf8');
  const sha = createHash('sha256')
    .update(await fs.readFile(MANCHESTER))
    .digest('hex');
  expect(html).toContain(sha);
  expect(html).toContain('<dt>Size and SHA-256 of</dt><dd class="hash-of">The file as saved:');
  expect(html).toContain('manchester-2009-plan.xlsx');
  for (const cell of ['Financial plan!G9', 'Financial plan!H9', 'Financial plan!K54']) expect(html).toContain(cell);
  expect(html).toContain('rounding as published');
  expect(html).not.toMatch(/<script|src=|<link/i);
  // Rules by their names, not PlanCheck's ids (those stay in the JSON report).
  expect(html).toContain('Funding adds up to the cash limit');
  expect(html).not.toMatch(/funding\.sum|totals\.column/);
});

test('--report REPORT.json: the same content as data', async () => {
  const report = path.join(dir, 'evidence.json');
  const run = await plancheck('check', MANCHESTER, '--report', report);
  expect(run.code).toBe(0);
  const e = JSON.parse(await fs.readFile(report, 'utf8'));
  expect(e.workbook).toMatchObject({
    name: 'manchester-2009-plan.xlsx',
    bytes: (await fs.stat(MANCHESTER)).size,
  });
  expect(e.summary).toEqual({ errors: 0, warnings: 0, notes: 3, accepted: 0 });
  // The hash is of the file as saved on disk, and the report says so.
  const onDisk = await fs.readFile(MANCHESTER);
  expect(e.workbook).toMatchObject({
    sha256: createHash('sha256').update(onDisk).digest('hex'),
    bytes: onDisk.length,
    source: 'saved-file',
  });
  expect(e.workbook.hashOf).toMatch(/^The file as saved: the workbook file exactly as it was opened/);
  expect(e.rules.map((r: { rule: string }) => r.rule)).toEqual(
    expect.arrayContaining(['funding.sum', 'totals.column']),
  );
  expect(e.findings.notes).toHaveLength(3);
});

test('--report with another extension is refused in one sentence', async () => {
  const run = await plancheck('check', MANCHESTER, '--report', path.join(dir, 'evidence.pdf'));
  expect(run.code).toBe(2);
  expect(run.err).toBe('plancheck: --report needs a file ending .html or .json. See plancheck --help.\n');
});

test("--report says the settings in words: the config's changes, the defaults that stood, none as raw JSON", async () => {
  const config = path.join(dir, 'settings.json');
  await fs.writeFile(
    config,
    JSON.stringify({ rounding: { perFigure: 0.5 }, checkHiddenSheets: true, benchmark: { own: 'Manchester' } }),
  );
  const report = path.join(dir, 'settings-report.html');
  await plancheck('check', MANCHESTER, '--config', config, '--report', report);
  const html = await fs.readFile(report, 'utf8');
  const said = html
    .slice(html.indexOf('<h2>Settings used</h2>'))
    .replace(/<[^>]+>/g, '\n')
    .replace(/&#39;/g, "'")
    .split('\n')
    .filter((l) => l.trim() !== '');
  expect(said).toEqual([
    'Settings used',
    'Changed from the defaults:',
    "Rounding: a difference within 0.5, in the table's units, for each figure added up and for the total is a rounding difference (a note), not an error.",
    'Hidden sheets: checked with the others.',
    'Otherwise the defaults:',
    'Uplift: inflation and demographic growth from the cells so labelled in the workbook; where there are none, no rise is judged.',
    'Cash limits: as the plan states them (its cash limit line, or a name such as CashLimit_2025_26).',
    'Tables: as PlanCheck found them, none corrected by hand.',
    'Also kept with the workbook, not used by a check: benchmarking (your council: Manchester).',
  ]);
});
