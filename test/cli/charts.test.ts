/**
 * The CLI's copies carry the charts of what they insert, as Excel draws them: `plancheck benchmark
 * --out` the comparison's bar chart and radar, `plancheck compare OLD NEW --out` the bridge's
 * waterfall, each over the cells written into the copy, with their figures cached.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { revisedSample } from '../app/revisedSample';
import { sheetCharts } from '../xlsx/chartParts';
import { PLAN_SAMPLE, plancheck, plancheckJson, tempDir } from './helpers';

let dir: string;

beforeAll(async () => {
  dir = await tempDir();
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('benchmark --out: the copy holds the bar chart and the radar, their figures those the command prints', async () => {
  const out = path.join(dir, 'benchmarked.xlsx');
  const run = await plancheck('benchmark', PLAN_SAMPLE, '--out', out);
  expect(run.err).toContain('Wrote');
  const { charts } = await sheetCharts(await fs.readFile(out), 'Benchmarks');
  expect(charts.map((c) => [c.title, c.plot])).toEqual([
    ['Own value against comparator average', 'barChart'],
    ['Percentile in comparator group', 'radarChart'],
  ]);
  const printed = (
    await plancheckJson<{ indicators: { indicator: string; own: number | null }[] }>('benchmark', PLAN_SAMPLE)
  ).json.indicators;
  expect(charts[0].series[0].categories).toEqual(printed.map((i) => i.indicator));
  expect(charts[0].series[0].values).toEqual(printed.map((i) => i.own));
  expect(charts[0].series[0].ref).toMatch(/^Benchmarks!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+$/);
});

test('compare OLD NEW --out: the copy of NEW holds the budget bridge with its waterfall', async () => {
  const revised = path.join(dir, 'plan-revised.xlsx');
  await fs.writeFile(revised, await revisedSample());
  const out = path.join(dir, 'compared.xlsx');
  const run = await plancheck('compare', PLAN_SAMPLE, revised, '--out', out);
  expect(run.err).toContain('Wrote');
  const { charts } = await sheetCharts(await fs.readFile(out), 'Budget bridge');
  expect(charts.length).toBeGreaterThan(0);
  const [waterfall] = charts;
  expect([waterfall.plot, waterfall.barDir, waterfall.grouping, waterfall.legend]).toEqual([
    'barChart',
    'col',
    'stacked',
    false,
  ]);
  expect(waterfall.series.map((s) => s.name)).toEqual(['Base', 'Rise', 'Fall', 'Start or end']);
  expect(waterfall.series[0].hidden).toBe(true);
  expect(waterfall.series[1].ref).toMatch(/^'Budget bridge'!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+$/);
  // The first and last columns are the totals: earlier and now.
  const ends = waterfall.series[3];
  expect([ends.categories[0], ends.categories.at(-1)]).toEqual(['Earlier', 'Now']);
  expect(ends.values[0]).toBeGreaterThan(0);
});
