/**
 * PlanCheck's own tables are clean layouts too: a copy written by any --out command (the report
 * sheet, score columns and heat map, projections, the benchmarking table, the budget bridge), checked
 * again, gives no error or warning beyond those of the workbook it came from.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import type { CheckJson } from './helpers';
import { MANCHESTER, PLAN_SAMPLE, plancheck, plancheckJson, sample, ROOT, tempDir } from './helpers';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function loud(file: string): Promise<string[]> {
  const { json } = await plancheckJson<CheckJson>('check', file);
  return json.findings
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.rule} ${f.sheet}!${f.cell}`)
    .sort();
}

const CASES: [string, string[]][] = [
  ['check', ['check', PLAN_SAMPLE]],
  ['risks', ['risks', PLAN_SAMPLE]],
  [
    'project',
    ['project', sample('birmingham-2008.xlsx'), '--config', path.join(ROOT, 'samples/configs/projections.json')],
  ],
  [
    'benchmark',
    [
      'benchmark',
      sample('worcestershire-2018.xlsx'),
      '--config',
      path.join(ROOT, 'samples/configs/worcestershire.json'),
    ],
  ],
  ['compare', ['compare', MANCHESTER, MANCHESTER]],
];

test.each(CASES)('%s --out: the copy checks as clean as its original', async (name, argv) => {
  const out = path.join(dir, `${name}.xlsx`);
  const run = await plancheck(...argv, '--out', out);
  expect(run.err).toContain(`Wrote ${out}`);
  const original = argv[0] === 'compare' ? argv[2] : argv[1];
  expect(await loud(out)).toEqual(await loud(original));
});
