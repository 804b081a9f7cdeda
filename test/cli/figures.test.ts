/**
 * The command line prints figures as the workbook gives them: an indicator's own figure and its
 * comparators' average to the decimals its table carries, and JSON without binary noise
 * ("77.975", never "77.97500000000001"), on a comparator table made here with exceljs whose
 * comparators' means are not exact in binary.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { newWorkbook, plancheck, plancheckJson, sample, tempDir } from './helpers';

let dir: string;
let file: string;
let config: string;
beforeAll(async () => {
  dir = await tempDir();
  file = await newWorkbook(path.join(dir, 'neighbours.xlsx'), 'Neighbours', (ws) => {
    ws.addRow(['Adult social care indicators against nearest neighbours, 2016-17']);
    ws.addRow([]);
    ws.addRow(['Indicator', 'Good is', 'Stockport', 'Trafford', 'Bolton', 'Manchester', 'Wigan', 'Comparator average']);
    // Without Manchester: 77.975 in decimal, 77.97500000000001 as a sum of doubles over 4.
    ws.addRow(['Still at home 91 days after reablement', 'Higher', 70.1, 80.2, 75.3, 60.4, 86.3, 78]);
    // Manchester's figure not given: a dash.
    ws.addRow(['Satisfaction of people who use services', 'High', 40.1, 45.2, 55.3, '-', 60.3, 50.2]);
    ws.addRow(['Carer-reported quality of life', 'High', 7.1, 7.3, 8.2, 9, 7.4, 7.5]);
  });
  config = path.join(dir, 'manchester.json');
  await fs.writeFile(config, JSON.stringify({ benchmark: { own: 'Manchester' } }));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('plancheck benchmark: own and average to the figures’ one decimal, a dash where there is no figure', async () => {
  const { out, code } = await plancheck('benchmark', file, '--config', config);
  expect(code).toBe(0);
  expect(out).not.toMatch(/\d\.\d{4,}/);
  expect(out.split('\n').map((l) => l.trimEnd())).toEqual([
    'Still at home 91 days after reablement own 60.4  average 78.0  -22.5%  rank 5 of 5  worse',
    'Satisfaction of people who use services own -  average 50.2',
    'Carer-reported quality of life own 9.0  average 7.5  +20.0%  rank 1 of 5  better',
    '',
  ]);
});

test('plancheck benchmark --json: the same figures unrounded, without binary noise', async () => {
  const { json } = await plancheckJson<{ indicators: { indicator: string; comparatorAverage: number }[] }>(
    'benchmark',
    file,
    '--config',
    config,
  );
  expect(json.indicators.map((i) => i.comparatorAverage)).toEqual([77.975, 50.225, 7.5]);
});

/** Significant digits of a number as JSON writes it: 16 or 17 for the noise of binary sums. */
function digits(n: number): number {
  return String(n)
    .replace(/e.*$/, '')
    .replace(/^-?0\.0*/, '')
    .replace(/[.-]/g, '').length;
}

/** Every number in a parsed JSON value. */
function numbers(v: unknown): number[] {
  if (typeof v === 'number') return [v];
  if (v && typeof v === 'object') return Object.values(v).flatMap(numbers);
  return [];
}

test('every command’s text and JSON on the samples: no figure with binary noise', async () => {
  const runs: string[][] = [
    ['tables', sample('plancheck-sample.xlsx')],
    ['check', sample('plancheck-sample.xlsx')],
    ['risks', sample('plancheck-sample.xlsx')],
    ['benchmark', sample('manchester-2009-plan.xlsx')],
    ['benchmark', sample('worcestershire-2018.xlsx'), '--config', sample('configs/worcestershire.json')],
    ['project', sample('birmingham-2008.xlsx'), '--config', sample('configs/projections.json')],
    ['compare', sample('manchester-2009-plan.xlsx'), sample('manchester-2019.xlsx')],
    ['benchmark', file, '--config', config],
  ];
  for (const argv of runs) {
    const said = argv.join(' ');
    // As text: no figure with more than four decimals (discount factors print four).
    const { out } = await plancheck(...argv);
    expect({ said, long: out.match(/\d\.\d{5,}/g) }).toEqual({ said, long: null });
    // As JSON: every number to at most 12 significant digits.
    const { json } = await plancheckJson(...argv);
    expect({ said, noisy: numbers(json).filter((n) => digits(n) > 12) }).toEqual({ said, noisy: [] });
  }
});
