/**
 * Issue 27, points 7 and 8, on the browser page in Chromium at 350 px (the sheet below the pane)
 * and at 1280 px (the sheet beside it), with the sample plan open.
 *
 * 7. An insert made from a pane scrolled down (Generate, Risks, Benchmarks, Compare) answers beside
 *    the button pressed, in sight, and the sheet view goes to what was inserted: its sheet shown, its
 *    range selected and in view.
 * 8. Undo is on every tab that inserts (Generate, Risks, Benchmarks, Compare) and names what it
 *    will take back; undone, the sheet goes. Help speaks of Compare, accepting a finding, the
 *    evidence report and Download.
 *
 * Screenshots are kept in test-output/ (insert-*.png). No console error in any test.
 */
import { promises as fs } from 'fs';
import type * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { revisedSample } from '../app/revisedSample';
import { cleanUp, close, launch, originOf, OUTPUT, ROOT, SAMPLE, serve, site, XLSX_TYPE } from './harness';

const HEIGHT = 700;
/** What Undo on the Benchmarks tab says after the comparison is inserted. */
const UNDO_BENCHMARKS = 'Undo: inserted Benchmarking against comparators on sheet Benchmarks';
let tmp: string;
let sample: Buffer;
let server: http.Server;
let origin: string;
const errors: string[] = [];

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'plancheck-inserts-'));
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

/** Two frames, for the sheet view to go to a selection and the window to settle. */
const settle = (page: Page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 150)))));

/** How far the element's pane is scrolled: the window and every box around it. */
const scrolledBy = (el: Locator) =>
  el.evaluate((e) => {
    let by = window.scrollY;
    for (let p = e.parentElement; p; p = p.parentElement) by += p.scrollTop;
    return by;
  });

/** Whether the whole of an element is inside the window. */
async function inView(page: Page, el: Locator): Promise<boolean> {
  const box = await el.boundingBox();
  const view = page.viewportSize()!;
  return !!box && box.y >= 0 && box.y + box.height <= view.height && box.x >= 0 && box.x + box.width <= view.width;
}

describe.each([350, 1280])('inserting at %i px', (width) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await launch(path.join(tmp, `profile-${width}`), { width, height: HEIGHT, locale: 'en-GB' }));
    context.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/browser.html?sample=${SAMPLE}`);
    await page.getByRole('grid', { name: 'Financial plan, read only' }).waitFor({ timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  it('point 7: Insert from a scrolled-down Generate tab answers beside the button, and the sheet view shows what was inserted', async () => {
    await page.getByRole('tab', { name: 'Generate' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Generate' });
    await panel.getByTestId('preview').waitFor();
    const insert = panel.getByRole('button', { name: 'Insert', exact: true });
    await insert.scrollIntoViewIfNeeded();
    // The pane is scrolled down to the button: the top of the pane is out of sight.
    expect(await scrolledBy(insert)).toBeGreaterThan(200);
    await insert.click();

    const said = panel.getByTestId('status');
    await said
      .getByText(/^Inserted the budget projection at Budget projection!A1:[A-Z]+\d+\./)
      .waitFor({ timeout: 30_000 });
    const grid = page.getByRole('grid', { name: 'Budget projection, read only' });
    await grid.waitFor();
    await settle(page);
    expect(await inView(page, said)).toBe(true);
    // Nothing said above the tabs, out of sight.
    expect(await page.getByTestId('status').count()).toBe(1);

    // The sheet view shows the new sheet, with what was inserted selected and its first cell drawn in view.
    const range = (await said.innerText()).match(/Budget projection!(A1:[A-Z]+\d+)/)![1];
    const tabs = page.getByRole('tablist', { name: 'Sheets' });
    await expect(tabs.getByRole('tab', { name: 'Budget projection' }).getAttribute('aria-selected')).resolves.toBe(
      'true',
    );
    await expect(page.getByTestId('sheet-selection').innerText()).resolves.toBe(`Selected Budget projection!${range}`);
    const a1 = grid.locator('[data-address="A1"]');
    await expect(a1.getAttribute('aria-selected')).resolves.toBe('true');
    await expect(a1.innerText()).resolves.not.toBe('');
    // At 1280 px the sheet view is beside the pane: the inserted cell is in sight. At 350 px it is below
    // the pane, and the page scrolls toward it only as far as keeps the answer (now two sentences, with
    // where the base figures point) in sight: selected and drawn, not necessarily on screen.
    if (width >= 1280) expect(await inView(page, a1)).toBe(true);
    await page.screenshot({ path: path.join(OUTPUT, `insert-generate-${width}.png`) });
  });

  it('point 8: Undo on the Generate tab names the insert, and takes the sheet away', async () => {
    const panel = page.getByRole('tabpanel', { name: 'Generate' });
    const undo = panel.getByRole('button', { name: 'Undo: inserted Budget projection on sheet Budget projection' });
    await undo.click();
    const said = panel.getByTestId('status');
    await said.getByText('Undone: inserted Budget projection on sheet Budget projection.').waitFor();
    await settle(page);
    expect(await inView(page, said)).toBe(true);
    const tabs = page.getByRole('tablist', { name: 'Sheets' });
    await expect(tabs.getByRole('tab', { name: 'Budget projection' }).count()).resolves.toBe(0);
    // Nothing left to undo: no Undo on the tab.
    expect(await panel.getByRole('button', { name: /^Undo/ }).count()).toBe(0);
  });

  it('point 7 on the Risks tab: the heat map answers beside its button and the sheet view goes to it; Undo there names it', async () => {
    await page.getByRole('tab', { name: 'Risks' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Risks' });
    await panel.getByRole('button', { name: 'Score risks' }).click();
    await panel.getByTestId('risk-register').first().waitFor({ timeout: 30_000 });
    const insert = panel.getByRole('button', { name: 'Insert heat map' });
    await insert.scrollIntoViewIfNeeded();
    await insert.click();
    const said = panel.getByTestId('status');
    await said.getByText(/^Added "Risk heat map/).waitFor({ timeout: 30_000 });
    const sheet = (await said.innerText()).match(/^Added "([^"]+)"/)![1];
    await page.getByRole('grid', { name: `${sheet}, read only` }).waitFor();
    await settle(page);
    expect(await inView(page, said)).toBe(true);
    await expect(page.getByTestId('sheet-selection').innerText()).resolves.toMatch(
      new RegExp(`^Selected ${sheet}!A1:[A-Z]+\\d+$`),
    );
    await page.screenshot({ path: path.join(OUTPUT, `insert-heatmap-${width}.png`) });

    // The same Undo, named, on the Generate tab and on Validate, for the insert made here.
    for (const tab of ['Generate', 'Validate']) {
      await page.getByRole('tab', { name: tab }).click();
      await page
        .getByRole('tabpanel', { name: tab })
        .getByRole('button', { name: `Undo: inserted Risk heat map on sheet ${sheet}` })
        .waitFor();
    }
    await page.getByRole('tab', { name: 'Risks' }).click();
    await panel.getByRole('button', { name: `Undo: inserted Risk heat map on sheet ${sheet}` }).click();
    await said.getByText(`Undone: inserted Risk heat map on sheet ${sheet}.`).waitFor();
  });

  it('points 7 and 8 on Benchmarks: the comparison answers beside its button, the sheet view goes to it, and Undo there takes it back', async () => {
    await page.getByRole('tab', { name: 'Benchmarks' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Benchmarks' });
    await panel.getByRole('button', { name: 'Compare', exact: true }).click();
    await panel.getByRole('table', { name: 'Comparison with comparator councils' }).waitFor({ timeout: 30_000 });
    const insert = panel.getByRole('button', { name: 'Insert table and chart' });
    await insert.scrollIntoViewIfNeeded();
    await insert.click();
    const said = panel.getByTestId('status');
    await said.getByText('Added the comparison on "Benchmarks".').waitFor({ timeout: 30_000 });
    await page.getByRole('grid', { name: 'Benchmarks, read only' }).waitFor();
    await settle(page);
    expect(await inView(page, said)).toBe(true);
    await expect(page.getByTestId('sheet-selection').innerText()).resolves.toMatch(
      /^Selected Benchmarks!A1:[A-Z]+\d+$/,
    );
    await page.screenshot({ path: path.join(OUTPUT, `insert-benchmarks-${width}.png`) });

    await panel.getByRole('button', { name: UNDO_BENCHMARKS }).click();
    await said.getByText(`Undone: ${UNDO_BENCHMARKS.slice('Undo: '.length)}.`).waitFor();
    const tabs = page.getByRole('tablist', { name: 'Sheets' });
    await expect(tabs.getByRole('tab', { name: 'Benchmarks' }).count()).resolves.toBe(0);
    expect(await panel.getByRole('button', { name: /^Undo/ }).count()).toBe(0);
  });

  it('points 7 and 8 on Compare: against an earlier file, the bridge answers beside its button, the sheet view goes to it, and Undo there takes it back', async () => {
    await page.getByRole('tab', { name: 'Compare' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Compare' });
    await panel
      .getByTestId('compare-file')
      .setInputFiles({ name: 'plan-revised.xlsx', mimeType: XLSX_TYPE, buffer: await revisedSample(sample) });
    await panel.getByRole('button', { name: 'Earlier file: plan-revised.xlsx' }).waitFor();
    await panel.getByRole('button', { name: 'Compare', exact: true }).click();
    await panel.getByTestId('bridge').first().waitFor({ timeout: 30_000 });
    const insert = panel.getByRole('button', { name: 'Insert the bridge' });
    await insert.scrollIntoViewIfNeeded();
    await insert.click();
    const said = panel.getByTestId('status');
    await said.getByText(/^Added the budget bridge on a new sheet, "[^"]+"\./).waitFor({ timeout: 30_000 });
    const sheet = (await said.innerText()).match(/on a new sheet, "([^"]+)"/)![1];
    expect(sheet).toMatch(/^Budget bridge/);
    await page.getByRole('grid', { name: `${sheet}, read only` }).waitFor();
    await settle(page);
    expect(await inView(page, said)).toBe(true);
    await expect(page.getByTestId('sheet-selection').innerText()).resolves.toMatch(
      new RegExp(`^Selected ${sheet}!A1:[A-Z]+\\d+$`),
    );
    await page.screenshot({ path: path.join(OUTPUT, `insert-bridge-${width}.png`) });

    // The bridge is named by the table it bridges, the sample's "3.1 Financial Plan".
    const what = `inserted Budget bridge: 3.1 Financial Plan on sheet ${sheet}`;
    await panel.getByRole('button', { name: `Undo: ${what}` }).click();
    await said.getByText(`Undone: ${what}.`).waitFor();
    const tabs = page.getByRole('tablist', { name: 'Sheets' });
    await expect(tabs.getByRole('tab', { name: sheet }).count()).resolves.toBe(0);
    expect(await panel.getByRole('button', { name: /^Undo/ }).count()).toBe(0);
  });

  it('point 8: Help speaks of Compare, accepting a finding, the evidence report and Download', async () => {
    await page.getByRole('tab', { name: 'Help' }).click();
    const help = page.getByTestId('help');
    await help.waitFor();
    const text = await help.innerText();
    expect(text).toMatch(/Compare: Compares this workbook with an earlier version/);
    expect(text).toMatch(/Insert the bridge/);
    expect(await help.getByRole('heading', { name: 'Accepting a finding' }).count()).toBe(1);
    expect(text).toMatch(/Press Accept… under the finding, say why and give your initials/);
    expect(await help.getByRole('heading', { name: 'The evidence report' }).count()).toBe(1);
    expect(text).toMatch(/Export report on the Validate tab saves a web page/);
    expect(await help.getByRole('heading', { name: 'Download (the browser page)' }).count()).toBe(1);
    expect(text).toMatch(/plan\.xlsx becomes plan \(checked\)\.xlsx/);
    await page.screenshot({ path: path.join(OUTPUT, `help-${width}.png`), fullPage: true });
  });
});
