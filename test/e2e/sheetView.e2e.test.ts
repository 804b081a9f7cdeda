/**
 * Issue 27, points 2 to 4: the browser page's sheet view drawn as Excel draws a plan, in Chromium at
 * 350 px (Excel's task pane width; the sheet below the pane) and at 1280 px (the sheet beside it),
 * on a plan laid out as councils lay theirs (planFixture.ts).
 *
 * 2. Frozen rows are opaque: no figure of the rows scrolled under them shows through (read from the
 *    pixels of a screenshot).
 * 3. Text runs on into empty cells and stops at the first that holds anything (right-aligned text to
 *    the left, centred both ways); a number too wide for its column shows "###"; Excel's built-in
 *    short date shows as the browser's locale writes dates (10/02/2025 in en-GB, 2/10/2025 in en-US).
 * 4. Going to a finding on another sheet keeps the line names beside the cell in view, and brings the
 *    cell and its "Selected" line into the window.
 *
 * Screenshots are kept in test-output/ (sheet-*.png). No console error in any test.
 */
import { promises as fs } from 'fs';
import type * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { cleanUp, close, launch, originOf, OUTPUT, serve, site, XLSX_TYPE } from './harness';
import { figure, planWorkbook, STARTS, TOTAL_ROW } from './planFixture';
import { darkPixels, decodePng } from './png';

let tmp: string;
let server: http.Server;
let origin: string;
let plan: Buffer;
/** Every console error and uncaught error of every page; each test fails on any. */
const errors: string[] = [];

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'plancheck-sheet-'));
  server = await serve(await site());
  origin = originOf(server);
  plan = await planWorkbook();
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

/** A page of its own at `width` in `locale`, with plan.xlsx open on its first sheet. */
async function openPlan(width: number, locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await launch(path.join(tmp, `profile-${width}-${locale}`), { width, height: 800, locale });
  opened.context.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  opened.page.on('pageerror', (e) => errors.push(e.message));
  await opened.page.goto(`${origin}/browser.html`);
  await opened.page.getByTestId('file-input').setInputFiles({ name: 'plan.xlsx', mimeType: XLSX_TYPE, buffer: plan });
  await opened.page.getByRole('grid', { name: 'Summary, read only' }).waitFor({ timeout: 30_000 });
  return opened;
}

/** Shows the Plan sheet scrolled to `left` and `top` (pixels), and waits for the cell `address` to be drawn. */
async function showPlan(page: Page, left: number, top: number, address: string): Promise<Locator> {
  await page.getByRole('tablist', { name: 'Sheets' }).getByRole('tab', { name: 'Plan' }).click();
  const grid = page.getByRole('grid', { name: 'Plan, read only' });
  await grid.waitFor();
  await grid.evaluate((el, [x, y]) => el.scrollTo(x, y), [left, top]);
  await grid.locator(`[data-address="${address}"]`).waitFor();
  // A frame for the rows and columns scrolled to to settle.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return grid;
}

/** The horizontal extent of what shows of a cell's text: its text's box, cut by every box that clips it. */
function drawnText(grid: Locator, address: string): Promise<{ left: number; right: number }> {
  return grid.evaluate((g, at) => {
    const cell = g.querySelector(`[data-address="${at}"]`)!;
    const range = document.createRange();
    range.selectNodeContents(cell);
    let { left, right } = range.getBoundingClientRect();
    const text = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT).nextNode()!;
    for (let el = text.parentElement; el && el !== g.parentElement; el = el.parentElement) {
      if (getComputedStyle(el).overflowX === 'visible') continue;
      const box = el.getBoundingClientRect();
      [left, right] = [Math.max(left, box.left), Math.min(right, box.right)];
    }
    return { left, right };
  }, address);
}

const box = async (grid: Locator, address: string) =>
  (await grid.locator(`[data-address="${address}"]`).boundingBox())!;

describe.each([350, 1280])('the sheet view at %i px', (width) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await openPlan(width, 'en-GB'));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  it('point 2: frozen rows are opaque; the figures scrolled under them do not show through', async () => {
    const grid = await showPlan(page, 0, 40 * 20, 'B50');
    const g = (await grid.boundingBox())!;
    const inner = await grid.evaluate((el) => ({ width: el.clientWidth }));
    // Row 2 is frozen and empty; row 1 is empty from C to E, after its title. Under both, now,
    // are rows of figures: the test is only worth something if they are there.
    const row2 = await box(grid, 'A2');
    const under = await page.evaluate(
      ([x, y]) => document.elementsFromPoint(x, y).filter((e) => /\d,\d{3}/.test(e.textContent ?? '')).length,
      [g.x + 52 + STARTS[2] + 40, row2.y + 10],
    );
    expect(under).toBeGreaterThan(0);
    const right = g.x + inner.width - 2;
    const [c, f] = [g.x + 52 + STARTS[2] + 2, Math.min(right, g.x + 52 + STARTS[5] - 2)];
    const clips = [
      { x: g.x + 54, y: row2.y + 2, width: right - (g.x + 54), height: 15 },
      { x: c, y: row2.y - 18, width: f - c, height: 15 },
    ];
    for (const clip of clips) {
      const shot = decodePng(await page.screenshot({ clip }));
      expect(darkPixels(shot)).toBe(0);
    }
    await page.screenshot({ path: path.join(OUTPUT, `sheet-frozen-${width}.png`) });
  });

  it('point 3: text runs on into empty cells and stops at the next that holds anything; ### for a number too wide; dd/mm/yyyy', async () => {
    // C4 runs on over the empty D4 and stops at E4, which holds text.
    let grid = await showPlan(page, STARTS[2], 0, 'E4');
    const c4 = await drawnText(grid, 'C4');
    expect(c4.right).toBeGreaterThan((await box(grid, 'D4')).x + 20);
    expect(c4.right).toBeLessThanOrEqual((await box(grid, 'E4')).x + 1);
    await page.screenshot({ path: path.join(OUTPUT, `sheet-overflow-${width}.png`) });

    // H1, right-aligned, runs on to the left over the empty G1 and stops at F1 ("Draft").
    grid = await showPlan(page, STARTS[6], 0, 'H1');
    const h1 = await drawnText(grid, 'H1');
    const g1 = await box(grid, 'G1');
    expect(h1.left).toBeLessThan(g1.x + g1.width - 20);
    expect(h1.left).toBeGreaterThanOrEqual(g1.x - 1);

    // J4, centred, runs on both ways.
    grid = await showPlan(page, STARTS[8], 0, 'J4');
    const j4 = await drawnText(grid, 'J4');
    const j4Box = await box(grid, 'J4');
    expect(j4.left).toBeLessThan(j4Box.x - 5);
    expect(j4.right).toBeGreaterThan(j4Box.x + j4Box.width + 5);

    // A number too wide for its column shows ###, and says its figure to a screen reader; the review
    // date, in Excel's built-in short date, reads as en-GB writes it.
    grid = await showPlan(page, STARTS[11], 0, 'N6');
    const n6 = grid.locator('[data-address="N6"]');
    expect(await n6.innerText()).toMatch(/^#+$/);
    expect(await n6.getAttribute('aria-label')).toBe('12,345,678');
    expect(await grid.locator('[data-address="M6"]').innerText()).toBe('10/02/2025');
    // A figure that fits shows whole.
    expect(await grid.locator('[data-address="L6"]').innerText()).toBe(figure(0, 9).toLocaleString('en-GB'));
    await page.screenshot({ path: path.join(OUTPUT, `sheet-numbers-${width}.png`) });
  });

  it('point 3: under en-US the short date reads 2/10/2025', async () => {
    const us = await openPlan(width, 'en-US');
    try {
      const grid = await showPlan(us.page, STARTS[11], 0, 'M6');
      expect(await grid.locator('[data-address="M6"]').innerText()).toBe('2/10/2025');
    } finally {
      await us.context.close();
    }
  });

  it('point 4: going to a finding on another sheet keeps the line names in view and brings the cell and its "Selected" line into the window', async () => {
    await page.goto(`${origin}/browser.html`);
    await page.getByTestId('file-input').setInputFiles({ name: 'plan.xlsx', mimeType: XLSX_TYPE, buffer: plan });
    await page.getByRole('grid', { name: 'Summary, read only' }).waitFor({ timeout: 30_000 });
    // Opening the workbook does not move the page.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    const finding = page.getByTestId('finding').first();
    await finding.waitFor({ timeout: 30_000 });
    expect((await finding.innerText()).split('\n').pop()?.trim()).toBe(`Plan!C${TOTAL_ROW}`);
    await finding.click();
    const grid = page.getByRole('grid', { name: 'Plan, read only' });
    const cell = grid.locator(`[data-address="C${TOTAL_ROW}"]`);
    await expect(cell.getAttribute('aria-selected')).resolves.toBe('true');
    // The view scrolls a frame or two after selecting.
    await page.waitForTimeout(300);
    const screen = { height: 800, width };
    const inWindow = (b: { x: number; y: number; width: number; height: number }) =>
      b.y >= 0 && b.y + b.height <= screen.height && b.x >= 0 && b.x + b.width <= screen.width + 1;
    const g = (await grid.boundingBox())!;
    const at = (await cell.boundingBox())!;
    const name = (await grid.locator(`[data-address="B${TOTAL_ROW}"]`).boundingBox())!;
    const said = page.getByTestId('sheet-selection');
    await page.screenshot({ path: path.join(OUTPUT, `sheet-goto-${width}.png`) });
    // The cell, in the grid and in the window; its line's name ("Total net budget") beside it.
    expect(inWindow(at)).toBe(true);
    expect(at.y).toBeGreaterThanOrEqual(g.y);
    expect(at.y + at.height).toBeLessThanOrEqual(g.y + g.height);
    expect(name.x).toBeGreaterThanOrEqual(g.x + 52 - 1);
    expect(await grid.locator(`[data-address="B${TOTAL_ROW}"]`).innerText()).toBe('Total net budget');
    // The "Selected" line, in the window with it.
    expect(await said.innerText()).toBe(`Selected Plan!C${TOTAL_ROW}`);
    expect(inWindow((await said.boundingBox())!)).toBe(true);
  });
});
