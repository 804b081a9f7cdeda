/**
 * Issue 27, point 12: the charts of an inserted table are in the workbook the browser page gives
 * back, in Chromium at 350 px and at 1280 px. The sample plan is opened in the page; the
 * benchmarking comparison is inserted from the Benchmarks tab, and the budget bridge from Compare
 * (against the sample, with the revised plan open); Download gives a workbook whose sheets hold
 * the charts as Excel draws them: the bar chart and radar over the comparison's cells, the
 * waterfall over the bridge's, each series with the figures the pane showed.
 *
 * Screenshots are kept in test-output/ (charts-*.png). No console error in any test.
 */
import { promises as fs } from 'fs';
import type * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { revisedSample } from '../app/revisedSample';
import { sheetCharts } from '../xlsx/chartParts';
import { cleanUp, close, launch, originOf, OUTPUT, ROOT, SAMPLE, serve, site, XLSX_TYPE } from './harness';

let tmp: string;
let server: http.Server;
let origin: string;
let sample: Buffer;
const errors: string[] = [];

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'plancheck-charts-'));
  server = await serve(await site());
  origin = originOf(server);
  sample = await fs.readFile(path.join(ROOT, 'samples', SAMPLE));
  await fs.mkdir(OUTPUT, { recursive: true });
}, 600_000);

afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await close(server);
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  await cleanUp();
});

/** Clicks Download and returns the workbook's bytes. */
async function download(page: Page): Promise<Uint8Array> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  return new Uint8Array(await fs.readFile((await file.path())!));
}

describe.each([350, 1280])('Charts in the downloaded workbook at %i px', (width) => {
  let context: BrowserContext;
  let page: Page;

  async function open(name: string, bytes: Buffer): Promise<void> {
    await page.goto(`${origin}/browser.html`);
    await page.getByTestId('file-input').setInputFiles({ name, mimeType: XLSX_TYPE, buffer: bytes });
    await page.getByRole('button', { name: 'Validate', exact: true }).waitFor({ timeout: 30_000 });
  }

  beforeAll(async () => {
    ({ context, page } = await launch(path.join(tmp, `profile-${width}`), { width, height: 900 }));
    context.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  it('the benchmarking comparison comes with its bar chart and radar, over its own cells', async () => {
    await open(SAMPLE, sample);
    await page.getByRole('tab', { name: 'Benchmarks' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Benchmarks' });
    await panel.getByRole('button', { name: 'Compare' }).click();
    const table = panel.getByRole('table', { name: 'Comparison with comparator councils' });
    await table.waitFor({ timeout: 30_000 });
    const shown = await table.locator('tbody tr td:first-child').allInnerTexts();
    await panel.getByRole('button', { name: 'Insert table and chart' }).click();
    await page.getByText('Added the comparison on "Benchmarks"', { exact: false }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(OUTPUT, `charts-benchmarks-${width}.png`) });

    const { charts, drawingElements } = await sheetCharts(await download(page), 'Benchmarks');
    expect(drawingElements).toBe(1);
    expect(charts.map((c) => [c.title, c.plot])).toEqual([
      ['Own value against comparator average', 'barChart'],
      ['Percentile in comparator group', 'radarChart'],
    ]);
    const [bar] = charts;
    expect(bar.series.map((s) => s.name)).toEqual(['Own council', 'Comparator average']);
    // The chart names each indicator as the inserted table does; the pane puts its ASCOF code before it.
    expect(bar.series[0].categories).toHaveLength(shown.length);
    bar.series[0].categories.forEach((name, i) => expect(shown[i].trim().endsWith(name)).toBe(true));
    expect(bar.series[0].ref).toMatch(/^Benchmarks!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+$/);
    expect(bar.series[0].values.some((v) => typeof v === 'number')).toBe(true);
  });

  it('the budget bridge comes with its waterfall, its base unfilled and no legend', async () => {
    await open('plan-revised.xlsx', await revisedSample(sample));
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page
      .getByTestId('compare-file')
      .setInputFiles({ name: 'plancheck-sample.xlsx', mimeType: XLSX_TYPE, buffer: sample });
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByTestId('bridge').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Insert the bridge' }).click();
    await page.getByText('Added the budget bridge on a new sheet', { exact: false }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(OUTPUT, `charts-bridge-${width}.png`) });

    const { charts } = await sheetCharts(await download(page), 'Budget bridge');
    expect(charts.length).toBeGreaterThan(0);
    const [waterfall] = charts;
    expect([waterfall.plot, waterfall.barDir, waterfall.grouping, waterfall.overlap, waterfall.legend]).toEqual([
      'barChart',
      'col',
      'stacked',
      '100',
      false,
    ]);
    expect(waterfall.series.map((s) => [s.name, s.hidden])).toEqual([
      ['Base', true],
      ['Rise', false],
      ['Fall', false],
      ['Start or end', false],
    ]);
    // From the earlier total to the one now, each step a rise or a fall, never both.
    const [, rise, fall] = waterfall.series;
    expect(rise.categories[0]).toBe('Earlier');
    expect(rise.categories.at(-1)).toBe('Now');
    rise.values.forEach((r, i) => expect(Math.min(r ?? 0, fall.values[i] ?? 0)).toBe(0));
  });
});
