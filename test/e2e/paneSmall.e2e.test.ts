/**
 * Issue 27, point 11: small things a finance officer meets every day in the pane, in Chromium at
 * 350 px (Excel's task pane width) and at 1280 px (the pane beside the sheet), on the sample plan.
 *
 * a. An accepted finding says its figures as an open one does: the table's unit, its brackets.
 * b. The evidence report exported then says the settings used in sentences, not as raw JSON.
 * c. Escape closes the Accept form and gives focus back to that finding's Accept button; while
 *    Accept cannot be pressed, a line says what it still needs (the initials).
 * d. After "Try the sample plan" the focus is in the pane, on the next thing to do (Validate),
 *    not lost to the page; from there Validate and Tab reach the findings.
 * e. Going to a finding with the mouse moves nothing under the mouse: its "Selected" line has its
 *    place kept.
 * f. Fields side by side line up whatever their labels' length (the Accept form, Settings › Uplift).
 *
 * Screenshots are kept in test-output/ (pane-small-*.png). No console error in any test.
 */
import { promises as fs } from 'fs';
import type * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { cleanUp, close, launch, originOf, OUTPUT, SAMPLE, serve, site } from './harness';

let tmp: string;
let server: http.Server;
let origin: string;
/** Every console error and uncaught error of every page; each test fails on any. */
const errors: string[] = [];

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'plancheck-small-'));
  server = await serve(await site());
  origin = originOf(server);
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

/** What has the focus: its role or tag, and its accessible name as the page gives it. */
function focused(page: Page): Promise<{ tag: string; name: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', name: '' };
    const name = el.getAttribute('aria-label') ?? el.innerText ?? '';
    return { tag: el.getAttribute('role') ?? el.tagName.toLowerCase(), name: name.trim() };
  });
}

/** The cell a finding row names (its last line). */
async function whereOf(finding: Locator): Promise<string> {
  return (await finding.innerText()).split('\n').pop()!.trim();
}

/** The top of each input box in a form or panel, in page order. */
function inputTops(scope: Locator): Promise<number[]> {
  return scope.locator('input').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
}

describe.each([350, 1280])('the pane at %i px', (width) => {
  let context: BrowserContext;
  let page: Page;
  const height = 800;

  beforeAll(async () => {
    ({ context, page } = await launch(path.join(tmp, `profile-${width}`), { width, height }));
    context.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  it('d. after "Try the sample plan" the focus is on Validate in the pane; Tab from there reaches the findings', async () => {
    await page.goto(`${origin}/browser.html`);
    const sample = page.getByRole('button', { name: 'Try the sample plan' });
    await sample.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('grid', { name: 'Financial plan, read only' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Validate', exact: true }).waitFor();
    await expect(focused(page)).resolves.toEqual({ tag: 'button', name: 'Validate' });

    // Enter again: the plan is checked, and the focus stays there, not lost to the page.
    await page.keyboard.press('Enter');
    await page.getByTestId('finding').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('progress').waitFor({ state: 'detached' });
    await expect(focused(page)).resolves.toEqual({ tag: 'button', name: 'Validate' });
    // Tab from there reaches the findings.
    for (let i = 0; i < 12 && !(await focused(page)).name.includes('!'); i++) await page.keyboard.press('Tab');
    expect((await focused(page)).name).toMatch(/!/);
    await page.screenshot({ path: path.join(OUTPUT, `pane-small-focus-${width}.png`) });
  });

  it('e. clicking a finding at the top of the list moves nothing under the mouse', async () => {
    await page.goto(`${origin}/browser.html?sample=${SAMPLE}`);
    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    const findings = page.getByRole('tabpanel', { name: 'Validate' }).getByTestId('finding');
    await findings.first().waitFor({ timeout: 30_000 });
    await page.getByTestId('progress').waitFor({ state: 'detached' });
    for (const n of [0, 1]) {
      const finding = findings.nth(n);
      const where = await whereOf(finding);
      await finding.scrollIntoViewIfNeeded();
      const box = (await finding.boundingBox())!;
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      // Every frame from the click to the "Selected" line: where the finding is in the pane (from
      // the pane's tabs, so that scrolling the page or the pane is not counted: at 350 px the page
      // scrolls on purpose to the cell in the sheet below the pane).
      const inPane = async () =>
        (await finding.boundingBox())!.y - (await page.getByRole('tablist', { name: 'PlanCheck' }).boundingBox())!.y;
      const before = Math.round(await inPane());
      await finding.evaluate((el) => {
        const w = window as unknown as { __tops: number[]; __watch: boolean };
        const tabs = document.querySelector('[role="tablist"][aria-label="PlanCheck"]')!;
        w.__tops = [];
        w.__watch = true;
        const tick = () => {
          w.__tops.push(Math.round(el.getBoundingClientRect().top - tabs.getBoundingClientRect().top));
          if (w.__watch) requestAnimationFrame(tick);
        };
        tick();
      });
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.up();
      await page.getByTestId('status').getByText(`Selected ${where}.`).waitFor();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const tops = await page.evaluate(() => {
        const w = window as unknown as { __tops: number[]; __watch: boolean };
        w.__watch = false;
        return [...new Set(w.__tops)];
      });
      expect(tops).toEqual([before]);
      // At 1280 px nothing scrolls: under the mouse is still the finding just clicked.
      if (width === 1280) {
        const under = await page.evaluate(
          ([px, py]) => document.elementFromPoint(px, py)?.closest('button')?.title,
          [x, y],
        );
        expect(under).toBe(`Go to ${where}`);
      }
      await page.evaluate(() => window.scrollTo(0, 0));
    }
    await page.screenshot({ path: path.join(OUTPUT, `pane-small-selected-${width}.png`) });
  });

  it('a and b. an accepted finding says its difference as the open one did: the unit, brackets for a negative; the evidence report says the settings used in sentences', async () => {
    const panel = page.getByRole('tabpanel', { name: 'Validate' });
    const first = panel.getByTestId('finding').first();
    const where = await whereOf(first);
    const said = (await first.innerText()).split('\n');
    const figures = said.find((l) => l.startsWith('Expected'))!;
    // The sample's plan is in £000 with negatives in brackets: the open finding says both.
    expect(figures).toMatch(/\(£000\)/);
    expect(figures).toMatch(/Difference \(\d+\)$/);

    await panel.getByRole('button', { name: `Accept the finding at ${where}` }).click();
    const form = panel.getByRole('form', { name: `Accept the finding at ${where}` });
    await form.getByLabel('Why it is accepted').fill('rounding as published');
    await form.getByLabel('Your initials').fill('JS');
    await form.getByRole('button', { name: 'Accept', exact: true }).click();
    await panel.getByTestId('show-accepted').click();
    const accepted = panel.getByRole('region', { name: /^Accepted/ }).getByTestId('finding');
    await accepted.first().waitFor();
    expect(await whereOf(accepted.first())).toBe(where);
    expect((await accepted.first().innerText()).split('\n')).toContain(figures);
    await page.screenshot({ path: path.join(OUTPUT, `pane-small-accepted-${width}.png`) });

    // b. The evidence report, exported with the finding accepted: the acceptance in it, and the
    // settings used said in sentences, not as raw JSON.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Export report' }).click(),
    ]);
    const at = path.join(tmp, `evidence-${width}.html`);
    await fs.copyFile((await file.path())!, at);
    const report = await context.newPage();
    try {
      await report.goto(`file://${at}`);
      const text = await report.locator('body').innerText();
      expect(text).toContain('rounding as published');
      const settings = text.slice(text.lastIndexOf('Settings used'));
      expect(settings).toMatch(/^Settings used\s+The defaults:/);
      expect(settings).toContain('Hidden sheets: not checked (only the sheets a user sees are).');
      expect(settings).toContain('Tables: as PlanCheck found them, none corrected by hand.');
      expect(settings).not.toMatch(/[{}[\]"]/);
      await report.locator('h2', { hasText: 'Settings used' }).scrollIntoViewIfNeeded();
      await report.screenshot({ path: path.join(OUTPUT, `pane-small-evidence-settings-${width}.png`) });
    } finally {
      await report.close();
    }

    // Back as it was for the tests after this one.
    await panel.getByRole('button', { name: `Reopen the finding at ${where}` }).click();
    await panel.getByRole('region', { name: /^Accepted/ }).waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('c and f. the Accept form: its boxes line up, a line says initials are needed, Escape closes it to its Accept button', async () => {
    const panel = page.getByRole('tabpanel', { name: 'Validate' });
    const finding = panel.getByTestId('finding').nth(1);
    const where = await whereOf(finding);
    const open = panel.getByRole('button', { name: `Accept the finding at ${where}` });
    await open.click();
    const form = panel.getByRole('form', { name: `Accept the finding at ${where}` });
    await form.waitFor();
    await page.screenshot({ path: path.join(OUTPUT, `pane-small-accept-open-${width}.png`) });

    // f. "Your initials" wraps in its narrow column; the labels still start level, and so do the boxes.
    const labels = await form
      .locator('label')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ top: r.top, height: r.height })));
    expect(labels).toHaveLength(2);
    expect(labels[1].height).toBeGreaterThan(labels[0].height);
    expect(Math.abs(labels[0].top - labels[1].top)).toBeLessThanOrEqual(1);
    const tops = await inputTops(form);
    expect(tops).toHaveLength(2);
    expect(Math.abs(tops[0] - tops[1])).toBeLessThanOrEqual(1);

    // c. A reason alone: Accept is not ready, and a line says why, read with the button.
    const reason = form.getByLabel('Why it is accepted');
    await reason.fill('agreed with the service');
    const accept = form.getByRole('button', { name: 'Accept', exact: true });
    await expect(accept.isEnabled()).resolves.toBe(false);
    const why = form.getByText('Add your initials to accept it.');
    await expect(why.isVisible()).resolves.toBe(true);
    const described = await accept.getAttribute('aria-describedby');
    expect(described && (await why.getAttribute('id'))).toBe(described);
    await form.getByLabel('Your initials').fill('JS');
    await expect(accept.isEnabled()).resolves.toBe(true);
    await expect(why.count()).resolves.toBe(0);
    await form.getByLabel('Your initials').fill('');
    await page.screenshot({ path: path.join(OUTPUT, `pane-small-accept-form-${width}.png`) });

    // Escape, from either box: the form closes and the focus is back on this finding's Accept button.
    await reason.focus();
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    await expect(focused(page)).resolves.toEqual({ tag: 'button', name: `Accept the finding at ${where}` });
  });

  it('f. Settings › Uplift: the inflation and growth boxes line up though one label is longer', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Settings' });
    const inflation = panel.getByLabel('Inflation (% a year)');
    const growth = panel.getByLabel('Demographic growth (% a year)');
    await growth.waitFor({ timeout: 30_000 });
    const [a, b] = [(await inflation.boundingBox())!, (await growth.boundingBox())!];
    // Side by side (not one under the other), with their tops level.
    expect(Math.abs(a.y - b.y)).toBeLessThanOrEqual(1);
    expect(b.x).toBeGreaterThan(a.x + a.width - 1);
    // And with a problem said under one of them, the other still lines up beside it.
    await inflation.fill('abc');
    const [c, d] = [(await inflation.boundingBox())!, (await growth.boundingBox())!];
    expect(Math.abs(c.y - d.y)).toBeLessThanOrEqual(1);
    // Rounding's two boxes too.
    const rounding = [
      (await panel.getByLabel('Allowance per figure').boundingBox())!,
      (await panel.getByLabel('Extra allowance').boundingBox())!,
    ];
    expect(Math.abs(rounding[0].y - rounding[1].y)).toBeLessThanOrEqual(1);
    await growth.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUTPUT, `pane-small-uplift-${width}.png`) });
    await inflation.fill('');
  });
});
