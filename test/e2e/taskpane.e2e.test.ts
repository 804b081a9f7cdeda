/**
 * The pane driven in Chromium, on the browser page (the same <App> as in Excel, over the exceljs
 * port): open the sample plan, validate (with progress), go to a finding by keyboard, filter by
 * severity, validate the selected table only, show a table on the sheet, clear the highlights and
 * check in the downloaded workbook that the sheets are as they were, reach every tab at 320 px,
 * follow a dark system theme, score risks, preview a projection, open a corrupt file, and check that
 * no request leaves 127.0.0.1; the sheet view beside the pane (formats, frozen rows, going to cells,
 * the selection shared with the pane, 100,000 rows); no console error in any test. Keeps screenshots
 * in test-output/ and refreshes those in docs/ (each tab, and the page at 1280 px).
 */
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import type * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { SHOW_TABLE_COLOR } from '../../src/app/controller';
import { SETTINGS_SHEET } from '../../src/engine/port';
import { budgetTemplateBytes, SHEET as TEMPLATE_SHEET } from '../app/budgetTemplate';
import { revisedSample } from '../app/revisedSample';
import { cleanUp, close, launch, originOf, OUTPUT, ROOT, SAMPLE, serve, site as builtSite, XLSX_TYPE } from './harness';
import { neighboursWorkbook } from './neighboursFixture';

let tmp: string;
let site: string;
let server: http.Server;
let origin: string;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const pageErrors: string[] = [];
/** Every console error of every page; each test fails on any (React warnings and Griffel's included). */
const consoleErrors: string[] = [];
/** The downloaded evidence report, opened from its file (set by the test that exports it). */
let evidencePage = '';

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'plancheck-e2e-'));
  site = await builtSite();
  server = await serve(site);
  origin = originOf(server);
  ({ context, page } = await launch(path.join(tmp, 'profile')));
  context.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
  context.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
}, 600_000);

afterEach(() => {
  const seen = consoleErrors.splice(0);
  expect(seen).toEqual([]);
});

afterAll(async () => {
  await context?.close();
  await close(server);
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  await cleanUp();
});

/** Clicks Download and returns the workbook's bytes. */
async function download(): Promise<Buffer> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  const at = await file.path();
  return fs.readFile(at);
}

/** Every cell's value and fill, by "Sheet!A1", on every sheet but PlanCheck's own settings sheet. */
async function fillsOf(bytes: Buffer): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const cells = new Map<string, string>();
  for (const ws of wb.worksheets) {
    if (ws.name === SETTINGS_SHEET) continue;
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        // A pattern fill of "none" is how a cell with no fill is written (Excel's own "No Fill").
        const f = cell.style?.fill;
        const fill = !f || (f.type === 'pattern' && f.pattern === 'none') ? '' : JSON.stringify(f);
        const value = cell.value === null || cell.value === undefined ? '' : JSON.stringify(cell.value);
        if (fill || value) cells.set(`${ws.name}!${cell.address}`, `${value} | ${fill}`);
      }),
    );
  }
  return cells;
}

describe('the pane on the browser page', () => {
  it('opens the sample named in ?sample= and reports its first render time', async () => {
    await page.goto(`${origin}/browser.html?sample=${SAMPLE}`);
    await page.getByRole('button', { name: 'Validate', exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.getByText('Your file never leaves this computer', { exact: false }).isVisible()).toBe(true);
    await page.waitForFunction(() => window.__plancheckFirstRender !== undefined);
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
      return {
        firstRender: window.__plancheckFirstRender ?? NaN,
        scripts: nav?.domContentLoadedEventEnd ?? NaN,
        bytes: mark('plancheck:bytes'),
        opened: mark('plancheck:opened'),
      };
    });
    const ms = (n: number) => `${n.toFixed(0)} ms`;
    console.log(
      `PlanCheck pane first render: ${ms(t.firstRender)} after navigation, with ${SAMPLE} open ` +
        `(development build; scripts loaded ${ms(t.scripts)}, sample fetched ${ms(t.bytes)}, workbook parsed ${ms(t.opened)})`,
    );
  });

  it('validates: findings appear with their figures, and clicking one goes to its cell', async () => {
    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    const findings = page.getByTestId('finding');
    await findings.first().waitFor({ timeout: 30_000 });
    const texts = await findings.allInnerTexts();
    expect(texts.some((t) => /\d{1,3}(,\d{3})+|\d{2,}/.test(t))).toBe(true);
    await expect(
      page
        .getByText(/\d+ errors?/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);

    const first = findings.first();
    const where = (await first.innerText()).split('\n').pop()?.trim() ?? '';
    await first.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('status').innerText()).resolves.toBe(`Selected ${where}.`);

    // Space works as well as Enter.
    const second = findings.nth(1);
    const where2 = (await second.innerText()).split('\n').pop()?.trim() ?? '';
    await second.focus();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('status').innerText()).resolves.toBe(`Selected ${where2}.`);

    await fs.mkdir(path.join(ROOT, 'docs'), { recursive: true });
    await fs.mkdir(OUTPUT, { recursive: true });
    await page.getByRole('tablist', { name: 'PlanCheck' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUTPUT, 'taskpane-validate.png') });
  });

  it('shows a sentence with a spinner while the workbook is checked', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { __progressSeen: string[] };
      w.__progressSeen = [];
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of r.addedNodes) {
            if (!(n instanceof HTMLElement)) continue;
            const el = n.matches('[data-testid="progress"]') ? n : n.querySelector('[data-testid="progress"]');
            if (el) w.__progressSeen.push(el.textContent ?? '');
          }
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    await page.getByTestId('finding').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('progress').waitFor({ state: 'detached' });
    const seen = await page.evaluate(() => (window as unknown as { __progressSeen: string[] }).__progressSeen);
    expect(seen.some((t) => t.startsWith('Checking the workbook'))).toBe(true);
  });

  it('filters the findings by severity with toggle buttons, and shows them again', async () => {
    const findings = page.getByTestId('finding');
    const all = await findings.count();
    const of = (sev: string) => page.locator(`[data-testid="finding"][data-severity="${sev}"]`).count();
    const counts: Record<string, number> = {
      error: await of('error'),
      warning: await of('warning'),
      info: await of('info'),
    };
    expect(counts.error + counts.warning + counts.info).toBe(all);
    // The toggles say how many there are of each.
    for (const sev of ['error', 'warning', 'info'])
      expect(await page.getByTestId(`filter-${sev}`).innerText()).toMatch(new RegExp(`\\(${counts[sev]}\\)$`));
    const sev = (['error', 'warning', 'info'] as const).find((s) => counts[s] > 0) ?? 'error';
    const others = (['error', 'warning', 'info'] as const).filter((s) => s !== sev);
    expect(counts[sev]).toBeGreaterThan(0);

    const toggle = page.getByTestId(`filter-${sev}`);
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await expect(findings.count()).resolves.toBe(all - counts[sev]);
    await expect(of(sev)).resolves.toBe(0);

    // Only that severity: the others off, it on.
    for (const o of others) await page.getByTestId(`filter-${o}`).click();
    await expect(findings.count()).resolves.toBe(0);
    await toggle.click();
    await expect(findings.count()).resolves.toBe(counts[sev]);
    await expect(of(sev)).resolves.toBe(counts[sev]);
    for (const o of others) await page.getByTestId(`filter-${o}`).click();
    await expect(findings.count()).resolves.toBe(all);
  });

  it('validates the selected table only: the one holding the cell last gone to', async () => {
    const inTable = page.getByTestId('finding-group').filter({ has: page.locator('h3', { hasText: 'table' }) });
    const first = inTable.first().getByTestId('finding').first();
    const where = (await first.innerText()).split('\n').pop()?.trim() ?? '';
    const sheet = where.slice(0, where.lastIndexOf('!'));
    await first.click();
    await page.getByRole('button', { name: 'Validate selected table' }).click();
    const scope = page.getByText(/ checked$/).first();
    await expect(scope.innerText()).resolves.toMatch(
      new RegExp(`^${sheet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}![A-Z]+\\d+:[A-Z]+\\d+ checked$`),
    );
    const cells = (await page.getByTestId('finding').allInnerTexts()).map((t) => t.split('\n').pop()?.trim());
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => c?.startsWith(`${sheet}!`))).toBe(true);
  });

  it('checking colours nothing; Show in the workbook does, and off again the downloaded workbook is as it was', async () => {
    // Validate only lists the findings; the switch colours their cells, and takes the colours off.
    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    await page.getByTestId('finding').first().waitFor({ timeout: 30_000 });
    const untouched = await fillsOf(await download());
    const opened = await fillsOf(await fs.readFile(path.join(site, 'samples', SAMPLE)));
    expect([...untouched.entries()].filter(([k, v]) => opened.get(k) !== v)).toEqual([]);
    const show = page.getByRole('switch', { name: 'Show in the workbook' });
    await show.check();
    await page.getByTestId('status').getByText('Highlighted', { exact: false }).waitFor();
    const coloured = await fillsOf(await download());
    expect([...coloured.entries()].filter(([k, v]) => opened.get(k) !== v).length).toBeGreaterThan(0);
    await show.uncheck();
    await page.getByTestId('status').getByText('Findings are shown in the pane only', { exact: false }).waitFor();

    // Tables: show the first table on the sheet (highlighted and selected).
    await page.getByRole('tab', { name: 'Tables' }).click();
    await page.getByRole('button', { name: 'Find tables' }).click();
    const card = page.getByTestId('table-card').first();
    await card.waitFor({ timeout: 30_000 });
    const where = (await card.getAttribute('aria-label'))?.replace(/^Table /, '') ?? '';
    const [sheet, range] = [where.slice(0, where.lastIndexOf('!')), where.slice(where.lastIndexOf('!') + 1)];
    await card.getByRole('button', { name: 'Show on sheet' }).click();
    await page.getByTestId('status').getByText(`${where} is highlighted`, { exact: false }).waitFor();
    const shown = await fillsOf(await download());
    const topLeft = range.split(':')[0];
    expect(shown.get(`${sheet}!${topLeft}`)).toContain(SHOW_TABLE_COLOR.slice(1));

    await card.getByRole('button', { name: 'Clear highlight' }).click();
    await page.getByTestId('status').getByText('Highlights removed', { exact: false }).waitFor();
    const after = await fillsOf(await download());
    // The very bytes the page opened: its copy patches the original package, so nothing else may differ.
    const before = await fillsOf(await fs.readFile(path.join(site, 'samples', SAMPLE)));
    expect(after.size).toBeGreaterThan(100);
    const differ = [...new Set([...before.keys(), ...after.keys()])]
      .filter((k) => before.get(k) !== after.get(k))
      .map((k) => `${k}: ${before.get(k)} -> ${after.get(k)}`);
    expect(differ.slice(0, 5)).toEqual([]);
  });

  it('follows a dark system theme on the browser page', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('[data-theme="dark"]').first().waitFor();
    await page.getByRole('tab', { name: 'Validate' }).click();
    // No white frame: the page's own background reaches the window's edges.
    const edge = await page.evaluate(() => {
      const at = document.elementFromPoint(1, 1);
      return {
        margin: getComputedStyle(document.body).margin,
        tag: at?.tagName,
        bg: at && getComputedStyle(at).backgroundColor,
      };
    });
    expect(edge.margin).toBe('0px');
    expect(edge.tag).not.toBe('BODY');
    expect(edge.tag).not.toBe('HTML');
    await page.screenshot({ path: path.join(OUTPUT, 'taskpane-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('[data-theme="light"]').first().waitFor();
  });

  it('works 320 px wide: every tab is reachable and nothing runs off the side', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    try {
      const names = ['Validate', 'Tables', 'Risks', 'Generate', 'Benchmarks', 'Compare', 'Settings', 'Help'];
      for (const name of names) {
        const tab = page.getByRole('tab', { name });
        const box = await tab.boundingBox();
        expect(box).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(320);
        await tab.click();
        expect(await tab.getAttribute('aria-selected')).toBe('true');
        const panel = page.getByRole('tabpanel', { name });
        await panel.waitFor();
        expect(await panel.isVisible()).toBe(true);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect({ tab: name, width }).toEqual({ tab: name, width: 320 });
      }
      expect(await page.getByTestId('help').innerText()).toMatch(/Nothing leaves your machine/);
      await page.screenshot({ path: path.join(OUTPUT, 'taskpane-320-help.png'), fullPage: true });

      // By keyboard: from the selected tab, the arrow keys and Enter reach the others.
      await page.getByRole('tab', { name: 'Validate' }).focus();
      await page.keyboard.press('Enter');
      expect(await page.getByRole('tab', { name: 'Validate' }).getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      expect(await page.getByRole('tab', { name: 'Tables' }).getAttribute('aria-selected')).toBe('true');
      await page.getByRole('tab', { name: 'Validate' }).click();
      await page.screenshot({ path: path.join(OUTPUT, 'taskpane-320-validate.png') });
    } finally {
      await page.setViewportSize({ width: 420, height: 900 });
    }
  });

  it('at 350 px every column header on Tables reads whole, and the matrix choice fits with its bands said beside it', async () => {
    await page.goto(`${origin}/browser.html?sample=${SAMPLE}`);
    await page.setViewportSize({ width: 350, height: 800 });
    try {
      await page.getByRole('tab', { name: 'Tables' }).click();
      await page.getByRole('button', { name: 'Find tables' }).click();
      await page.getByTestId('table-card').first().waitFor({ timeout: 30_000 });
      const headers = page.locator('[role="group"][aria-label^="Column roles"] [title]');
      const count = await headers.count();
      expect(count).toBeGreaterThan(10);
      const cut = await headers.evaluateAll((els) =>
        els
          .filter((el) => {
            const box = el.getBoundingClientRect();
            return el.scrollWidth > el.clientWidth + 1 || box.right > 350 || box.width < 8;
          })
          .map((el) => el.getAttribute('title')),
      );
      expect(cut).toEqual([]);
      // Each role still sits with its column and inside the pane.
      const role = page.getByRole('combobox', { name: 'Role of column B' }).first();
      const box = (await role.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(350);

      await page.getByRole('tab', { name: 'Settings' }).click();
      const matrix = page.getByRole('combobox', { name: 'Matrix' });
      await matrix.waitFor();
      const m = (await matrix.boundingBox())!;
      expect(m.x + m.width).toBeLessThanOrEqual(350);
      expect(await matrix.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      await matrix.selectOption('3x3');
      await page.getByText('Likelihood × impact, each 1–3. Scores 1–2 Low, 3–4 Medium, 6–9 High.').waitFor();
      await matrix.selectOption('nhs5x5');
      await page.getByText(/Scores 1–3 Low, 4–6 Moderate, 8–12 High, 15–25 Extreme\./).waitFor();
    } finally {
      await page.setViewportSize({ width: 420, height: 900 });
    }
  });

  it('scores the risk registers and draws the heat map', async () => {
    await page.getByRole('tab', { name: 'Risks' }).click();
    await page.getByRole('button', { name: 'Score risks' }).click();
    const map = page.getByTestId('heat-map').first();
    await map.waitFor({ timeout: 30_000 });
    // A grid of the register's own matrix (3x3 at least), coloured by band.
    expect(await map.locator('td[aria-label*="Likelihood"]').count()).toBeGreaterThanOrEqual(9);
    expect(
      await page
        .getByText(/\d+ risks on the .+ matrix/)
        .first()
        .isVisible(),
    ).toBe(true);
  });

  it('draws one heat map and one ranked list per scored register, on its own matrix, the unscorable one in a line; at 350 px labels break between words', async () => {
    await page.getByRole('tab', { name: 'Risks' }).click();
    await page.getByRole('button', { name: 'Score risks' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Risks' });
    const registers = panel.getByTestId('risk-register');
    await registers.first().waitFor({ timeout: 30_000 });
    // Birmingham's register gives probability only: one line, no heat map of zeros.
    expect(await registers.count()).toBe(1);
    expect(await panel.getByTestId('risk-unscored').innerText()).toBe(
      'Risk register!A1:C13 (12 risks) cannot be scored: it gives probability but no impact.',
    );
    const cellsOf = (matrix: string) =>
      registers
        .filter({ hasText: `on the ${matrix} matrix` })
        .locator('td[aria-label^="Likelihood"]')
        .count();
    expect(await cellsOf('NHS 5×5')).toBe(25);
    for (let i = 0; i < 1; i++) {
      const reg = registers.nth(i);
      expect(await reg.getByTestId('heat-map').count()).toBe(1);
      const labels = await reg
        .getByTestId('ranked-risk')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      const ids = labels.map((l) => /^Risk ([^,:]+)/.exec(l ?? '')?.[1]);
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(await panel.innerText()).not.toMatch(/nhs5x5/i);

    await page.setViewportSize({ width: 350, height: 800 });
    try {
      const broken = await panel.locator('[data-testid="heat-map"] th').evaluateAll((ths) =>
        ths.flatMap((th) => {
          const node = th.firstChild;
          if (!node || node.nodeType !== Node.TEXT_NODE) return [];
          const text = node.textContent ?? '';
          const range = document.createRange();
          let top: number | null = null;
          for (let i = 0; i < text.length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            // The last box: a character after a soft hyphen also reports the hyphen drawn before the break.
            const rects = range.getClientRects();
            const r = rects[rects.length - 1];
            if (!r || r.width === 0) continue;
            if (top !== null && r.top > top + 2 && /\w/.test(text[i]) && /\w/.test(text[i - 1] ?? '')) return [text];
            top = r.top;
          }
          return [];
        }),
      );
      expect(broken).toEqual([]);
      await page.screenshot({ path: path.join(OUTPUT, 'risks-350.png'), fullPage: true });
    } finally {
      await page.setViewportSize({ width: 420, height: 900 });
    }
  });

  it('writes no empty score columns beside a register that cannot be scored, and says why', async () => {
    await page
      .getByRole('tablist', { name: 'Sheets' })
      .getByRole('tab', { name: 'Risk register', exact: true })
      .click();
    const grid = page.getByRole('grid', { name: 'Risk register, read only' });
    await grid.waitFor();
    const before = await grid.getAttribute('aria-colcount');
    await page.getByRole('tab', { name: 'Risks' }).click();
    await page.getByRole('button', { name: 'Score risks' }).click();
    await page.getByTestId('risk-register').first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Write score columns' }).click();
    const status = page.getByTestId('status');
    await status
      .getByText('Risk register!A1:C13 has no score columns added: it cannot be scored (', { exact: false })
      .waitFor();
    await page
      .getByRole('tablist', { name: 'Sheets' })
      .getByRole('tab', { name: 'Risk register', exact: true })
      .click();
    await grid.waitFor();
    expect(await grid.getAttribute('aria-colcount')).toBe(before);
    // Whatever was added beside the other register comes off again.
    if (/Added score columns/.test(await status.innerText())) {
      await page
        .getByRole('tabpanel', { name: 'Risks' })
        .getByRole('button', { name: /^Undo: inserted Risk scores at / })
        .click();
      await status.getByText(/^Undone: inserted Risk scores at /).waitFor();
    }
  });

  it('previews a budget projection before inserting it', async () => {
    await page.getByRole('tab', { name: 'Generate' }).click();
    const preview = page.getByTestId('preview');
    await preview.waitFor();
    const text = await preview.innerText();
    expect(text).toMatch(/\d{4}\/\d{2}/);
    expect(text).toMatch(/\d{1,3}(,\d{3})+/);

    // Cost/benefit: its summary in written words, rates as percentages (the figures typed: none are made up).
    await page.getByRole('combobox', { name: 'Table to generate' }).click();
    await page.getByRole('option', { name: 'Cost/benefit and payback' }).click();
    const generate = page.getByRole('tabpanel', { name: 'Generate' });
    await generate.getByLabel('Costs by year (£000)').fill('500, 1200, 800, 300, 300');
    await generate.getByLabel('Benefits by year (£000)').fill('0, 400, 1100, 1600, 1800');
    await page.getByText('Discount rate').last().waitFor();
    const summary = await page.getByRole('tabpanel', { name: 'Generate' }).innerText();
    expect(summary).toMatch(/Discount rate\s+3\.5%/);
    expect(summary).toMatch(/Return on investment\s+-?[\d.,]+%/);
    expect(summary).not.toMatch(/Npv|Payback year number|0\.035/);
    // Figures that do not fit together, while typing: what to correct, not "could not finish".
    const benefits = page.getByRole('tabpanel', { name: 'Generate' }).getByLabel('Benefits by year (£000)');
    const typed = await benefits.inputValue();
    await benefits.fill('0, 400');
    const said = page.getByRole('tabpanel', { name: 'Generate' }).getByText('Correct the figures to see the preview.', {
      exact: false,
    });
    await said.waitFor();
    expect(await said.innerText()).toMatch(/has 2 years of figures where the first cost row has 5/);
    expect(await page.getByRole('tabpanel', { name: 'Generate' }).innerText()).not.toMatch(/could not finish/);
    await benefits.fill(typed);
    await page.getByRole('combobox', { name: 'Table to generate' }).click();
    await page.getByRole('option', { name: 'Budget projection' }).click();
  });

  it('Generate: a budget projection of several lines with pressures by year; at 1280 px the boxes of a row of fields line up', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    try {
      const panel = page.getByRole('tabpanel', { name: 'Generate' });
      await page.getByRole('tab', { name: 'Generate' }).click();
      await panel
        .getByLabel('Budget lines, with their base-year budget (£000)')
        .fill('Residential care, 40,000\nHome care, 12,500\nDay services, 3,000');
      await panel.getByLabel('Number of years').fill('3');
      await panel.getByLabel('Pressures by year (£000)').fill('500, 600, 700');
      await panel.getByLabel('Cash limit by year (£000)').fill('');
      const preview = page.getByTestId('preview');
      await preview.getByText('Day services').waitFor();
      const text = await preview.innerText();
      for (const line of ['Residential care', 'Home care', 'Day services']) expect(text).toContain(line);
      expect(text).toMatch(/pressures[^\n]*\s500\s+600\s+700/i);

      // Boxes that share a row of the form sit at one height, whatever their labels and hints.
      const boxes = await panel.locator('input[type="text"], input:not([type])').evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left) };
        }),
      );
      const misaligned = boxes.filter((a) =>
        boxes.some((b) => b !== a && b.left !== a.left && b.top < a.bottom && a.top < b.bottom && b.top !== a.top),
      );
      expect(boxes.length).toBeGreaterThan(4);
      expect(misaligned).toEqual([]);
    } finally {
      await page.getByRole('combobox', { name: 'Table to generate' }).click();
      await page.getByRole('option', { name: 'Cost/benefit and payback' }).click();
      await page.getByRole('combobox', { name: 'Table to generate' }).click();
      await page.getByRole('option', { name: 'Budget projection' }).click();
      await page.setViewportSize({ width: 420, height: 900 });
    }
  });

  it('says plainly that a corrupt file cannot be opened, and the page keeps working', async () => {
    await page.getByTestId('file-input').setInputFiles({
      name: 'broken.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.concat([
        Buffer.from([0x50, 0x4b, 0x03, 0x04]),
        Buffer.from('this is not really a workbook at all'),
      ]),
    });
    const error = page.getByTestId('page-error');
    await error.waitFor({ timeout: 30_000 });
    const sentence = await error.innerText();
    expect(sentence).toMatch(/^broken\.xlsx .*\.$/);
    // The workbook still in use is named.
    expect(sentence).toMatch(/ plancheck-sample\.xlsx is still the workbook open\.$/);
    expect(sentence).not.toMatch(/\n\s*at |Error:/);

    await page.getByRole('tab', { name: 'Validate' }).click();
    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    await page.getByTestId('finding').first().waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
  });

  it('accepts a finding with a reason, shows it apart, reopens it; Export report gives a page with every finding and the hash', async () => {
    await page.getByRole('tab', { name: 'Validate' }).click();
    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    const findings = page.getByRole('tabpanel', { name: 'Validate' }).getByTestId('finding');
    await findings.first().waitFor({ timeout: 30_000 });
    const before = await findings.count();
    const first = (await findings.first().innerText()).split('\n').pop()!.trim();

    await page.getByRole('button', { name: `Accept the finding at ${first}` }).click();
    const form = page.getByRole('form', { name: `Accept the finding at ${first}` });
    await form.getByLabel('Why it is accepted').fill('rounding as published');
    await form.getByLabel('Your initials').fill('JS');
    await form.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.getByText('Accepted (1)').waitFor({ timeout: 30_000 });
    expect(await findings.count()).toBe(before - 1);
    await page.getByTestId('show-accepted').click();
    const said = page.getByText('Accepted by JS', { exact: false });
    await said.waitFor();
    expect(await said.innerText()).toMatch(/^Accepted by JS on \d{4}-\d{2}-\d{2}: “rounding as published”$/);
    await page.screenshot({ path: path.join(OUTPUT, 'taskpane-accepted.png') });

    // The evidence report: downloaded, opened on its own, making no request at all.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export report' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('plancheck-sample - PlanCheck evidence.html');
    const html = await fs.readFile(await file.path(), 'utf8');
    const sha = createHash('sha256')
      .update(await fs.readFile(path.join(ROOT, 'samples', SAMPLE)))
      .digest('hex');
    expect(html).toContain(sha);
    const report = await context.newPage();
    const seen: string[] = [];
    report.on('request', (r) => seen.push(r.url()));
    const at = path.join(tmp, 'evidence.html');
    evidencePage = `file://${at}`;
    await fs.writeFile(at, html);
    await report.goto(`file://${at}`);
    const text = await report.locator('body').innerText();
    await report.screenshot({ path: path.join(OUTPUT, 'evidence-report.png'), fullPage: true });
    await report.close();
    expect(seen).toEqual([`file://${at}`]);
    expect(text).toContain('rounding as published');
    const cells = await findings.allInnerTexts();
    for (const c of cells) expect(text).toContain(c.split('\n').pop()!.trim());
    expect(text).toContain(first);

    // Reopened: back among the open findings.
    await page.getByRole('button', { name: `Reopen the finding at ${first}` }).click();
    await page.getByText('Accepted (1)').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await findings.count()).toBe(before);
  });

  it('compares with an earlier file: the changes a click from their cells, the bridge previewed and inserted', async () => {
    // The earlier version: the sample with one figure lower, made here with exceljs.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fs.readFile(path.join(ROOT, 'samples', SAMPLE))) as unknown as ExcelJS.Buffer);
    const plan = wb.getWorksheet('Financial plan')!;
    const cell = plan.getCell('G9');
    const was = cell.value as number;
    cell.value = was - 100;
    const earlier = Buffer.from(await wb.xlsx.writeBuffer());

    await page.getByRole('tab', { name: 'Compare' }).click();
    await page.getByTestId('compare-file').setInputFiles({
      name: 'plan-last-year.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: earlier,
    });
    await page.getByRole('button', { name: 'Earlier file: plan-last-year.xlsx' }).waitFor();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const changes = page.getByTestId('change');
    await changes.first().waitFor({ timeout: 30_000 });
    const texts = await changes.allInnerTexts();
    expect(texts.some((t) => t.includes('Financial plan!G9') && t.includes('difference 100'))).toBe(true);
    await changes.filter({ hasText: 'Financial plan!G9' }).first().click();
    await expect(page.getByTestId('status').innerText()).resolves.toBe('Selected Financial plan!G9.');
    await page.getByTestId('bridge').first().waitFor();
    await page.screenshot({ path: path.join(OUTPUT, 'taskpane-compare.png'), fullPage: true });
    await page.getByRole('button', { name: 'Insert the bridge' }).click();
    await page.getByText('Added the budget bridge on a new sheet', { exact: false }).waitFor({ timeout: 30_000 });
  });

  it('Benchmarks name the council the table is read for, keep ASCOF codes in the labels, and print percentiles alike', async () => {
    await page.getByRole('tab', { name: 'Benchmarks' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Benchmarks' });
    await panel.getByRole('button', { name: 'Compare' }).click();
    const own = panel.getByRole('combobox', { name: 'Your council' });
    await own.waitFor({ timeout: 30_000 });
    expect(await own.innerText()).toBe('WCC');
    await panel.getByText('PlanCheck compares WCC with the other councils in the tables.').waitFor();
    const table = panel.getByRole('table', { name: 'Comparison with comparator councils' });
    const labels = await table.locator('tbody tr td:first-child').allInnerTexts();
    expect(labels).toContain('1C1B The proportion of carers who receive self-directed support');
    const headers = await table.locator('thead th').allInnerTexts();
    const at = headers.findIndex((h) => /percentile/i.test(h));
    expect(at).toBeGreaterThan(0);
    const column = await table.locator(`tbody tr td:nth-child(${at + 1})`).allInnerTexts();
    expect(column.filter((p) => p.trim() !== '').length).toBeGreaterThan(0);
    for (const p of column) expect(p.trim()).toMatch(/^(\d{1,3})?$/);
  });

  it('at 350 px a table wider than the pane says there are more columns, and scrolls to them', async () => {
    await page.setViewportSize({ width: 350, height: 800 });
    try {
      const panel = page.getByRole('tabpanel', { name: 'Benchmarks' });
      const frame = panel.getByRole('region', { name: /^The comparison table/ });
      await frame.waitFor();
      const cue = panel.getByTestId('scroll-cue');
      await expect(cue.innerText()).resolves.toBe('More columns to the right: scroll sideways.');
      await frame.focus();
      await frame.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
      await panel.getByText('More columns to the left: scroll back.').waitFor();
      await frame.evaluate((el) => el.scrollTo({ left: 0 }));
    } finally {
      await page.setViewportSize({ width: 420, height: 900 });
    }
  });

  it('keeps a message on the tab that said it', async () => {
    await page.getByRole('tab', { name: 'Validate' }).click();
    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    const finding = page.getByTestId('finding').first();
    await finding.waitFor({ timeout: 30_000 });
    await finding.click();
    await page.getByTestId('status').getByText('Selected', { exact: false }).waitFor();
    await page.getByRole('tab', { name: 'Generate' }).click();
    await page.getByTestId('preview').waitFor();
    expect(await page.getByTestId('status').count()).toBe(0);
    await page.getByRole('tab', { name: 'Validate' }).click();
  });

  it('shows the workbook beside the pane at 1280 px: sheet tabs, letters and numbers, number formats, bold, merges, frozen rows', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    try {
      await page.getByRole('tablist', { name: 'Sheets' }).getByRole('tab', { name: 'Financial plan' }).click();
      const grid = page.getByRole('grid', { name: 'Financial plan, read only' });
      await grid.waitFor();
      const pane = (await page.getByRole('tablist', { name: 'PlanCheck' }).boundingBox())!;
      const box = (await grid.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(pane.x + pane.width);
      expect(box.x + box.width).toBeLessThanOrEqual(1280);
      expect(box.height).toBeGreaterThan(500);
      expect(await grid.getByRole('columnheader', { name: 'D', exact: true }).isVisible()).toBe(true);
      expect(await grid.getByRole('rowheader', { name: '9', exact: true }).isVisible()).toBe(true);
      // Figures as the workbook formats them; the title bold; merged header cells drawn once.
      expect(await grid.locator('[data-address="D9"]').innerText()).toBe('75,350');
      const title = grid.locator('[data-address="B2"]');
      expect(await title.innerText()).toBe('3.1 Financial Plan');
      expect(Number(await title.evaluate((el) => getComputedStyle(el).fontWeight))).toBeGreaterThanOrEqual(600);
      expect(await grid.locator('[role="gridcell"][aria-colspan]').count()).toBeGreaterThan(0);
      // Only the cells in sight are in the page.
      expect(await grid.getByRole('gridcell').count()).toBeLessThan(1500);
      // The frozen header rows (1 to 6) stay at the top as the sheet scrolls.
      const header = grid.locator('[data-address="B5"]');
      const y0 = (await header.boundingBox())!.y;
      await grid.evaluate((el) => (el.scrollTop = 400));
      await grid.getByRole('rowheader', { name: '40', exact: true }).waitFor();
      expect((await header.boundingBox())!.y).toBe(y0);
      expect(await grid.getByRole('rowheader', { name: '9', exact: true }).count()).toBe(0);
      await grid.evaluate((el) => (el.scrollTop = 0));
      // Another sheet from its tab.
      await page.getByRole('tablist', { name: 'Sheets' }).getByRole('tab', { name: 'Risk register 5x5' }).click();
      await page.getByRole('grid', { name: 'Risk register 5x5, read only' }).waitFor();
      await page.getByRole('tablist', { name: 'Sheets' }).getByRole('tab', { name: 'Financial plan' }).click();
      await grid.waitFor();
      await grid.locator('[data-address="G9"]').click();
      await page.screenshot({ path: path.join(OUTPUT, 'browser-page-1280.png') });
    } finally {
      await page.setViewportSize({ width: 420, height: 900 });
    }
  });

  it('going to a finding, a risk or a table selects it in the sheet view and scrolls to it; marks show', async () => {
    const grid = page.getByTestId('sheet-grid');
    /** Waits until the cell is drawn inside the grid's visible box (the view scrolls a frame after selecting). */
    const inSight = (address: string) =>
      page
        .waitForFunction(
          (at) => {
            const g = document.querySelector('[data-testid="sheet-grid"]');
            const c = g?.querySelector(`[data-address="${at}"]`);
            if (!g || !c) return false;
            const b = c.getBoundingClientRect();
            const r = g.getBoundingClientRect();
            return b.top >= r.top - 1 && b.bottom <= r.bottom + 1 && b.left >= r.left - 1 && b.left < r.right;
          },
          address,
          { timeout: 5000 },
        )
        .then(() => true);
    await page.getByRole('tab', { name: 'Validate' }).click();
    await page.getByRole('switch', { name: 'Show in the workbook' }).check();
    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    const findings = page.getByRole('tabpanel', { name: 'Validate' }).getByTestId('finding');
    await findings.first().waitFor({ timeout: 30_000 });
    const last = findings.last();
    const where = (await last.innerText()).split('\n').pop()!.trim();
    const [sheet, address] = [where.slice(0, where.lastIndexOf('!')), where.slice(where.lastIndexOf('!') + 1)];
    await last.click();
    await page.getByRole('grid', { name: `${sheet}, read only` }).waitFor();
    const cell = grid.locator(`[data-address="${address.split(':')[0]}"]`);
    await expect(cell.getAttribute('aria-selected')).resolves.toBe('true');
    expect(await inSight(address.split(':')[0])).toBe(true);
    expect(await grid.getAttribute('aria-activedescendant')).toBe(await cell.getAttribute('id'));
    // With Show in the workbook on, Validate marked the cell: its fill shows in the view.
    const fill = await cell.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(fill).not.toBe('rgba(0, 0, 0, 0)');

    // A risk: its row.
    await page.getByRole('tab', { name: 'Risks' }).click();
    await page.getByRole('button', { name: 'Score risks' }).click();
    const risk = page.getByTestId('ranked-risk').last();
    await risk.waitFor({ timeout: 30_000 });
    await risk.click();
    const said = await page.getByTestId('status').getByText('Selected risk', { exact: false }).innerText();
    const at = /at (.+)!([A-Z]+\d+)\.$/.exec(said)!;
    await page.getByRole('grid', { name: `${at[1]}, read only` }).waitFor();
    await expect(grid.locator(`[data-address="${at[2]}"]`).getAttribute('aria-selected')).resolves.toBe('true');
    expect(await inSight(at[2])).toBe(true);

    // A table: its whole range, highlighted.
    await page.getByRole('tab', { name: 'Tables' }).click();
    await page.getByRole('button', { name: 'Find tables' }).click();
    const card = page.getByTestId('table-card').nth(1);
    await card.waitFor({ timeout: 30_000 });
    const table = (await card.getAttribute('aria-label'))!.replace(/^Table /, '');
    const [tSheet, range] = [table.slice(0, table.lastIndexOf('!')), table.slice(table.lastIndexOf('!') + 1)];
    await card.getByRole('button', { name: 'Show on sheet' }).click();
    await page.getByRole('grid', { name: `${tSheet}, read only` }).waitFor();
    const [from, to] = range.split(':');
    for (const a of [from, to]) {
      await grid.locator(`[data-address="${a}"]`).scrollIntoViewIfNeeded();
      await expect(grid.locator(`[data-address="${a}"]`).getAttribute('aria-selected')).resolves.toBe('true');
    }
    const shown = await grid.locator(`[data-address="${from}"]`).evaluate((el) => getComputedStyle(el).backgroundColor);
    const hex = SHOW_TABLE_COLOR.slice(1);
    const rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ');
    expect(shown).toBe(`rgb(${rgb})`);
    await card.getByRole('button', { name: 'Clear highlight' }).click();
    await page.getByTestId('status').getByText('Highlights removed', { exact: false }).waitFor();
    await expect(
      grid.locator(`[data-address="${from}"]`).evaluate((el) => getComputedStyle(el).backgroundColor),
    ).resolves.not.toBe(`rgb(${rgb})`);
  });

  it('a cell selected in the sheet view, by mouse or arrow keys, is the selected cell the pane uses', async () => {
    await page.getByRole('tablist', { name: 'Sheets' }).getByRole('tab', { name: 'Financial plan' }).click();
    const grid = page.getByRole('grid', { name: 'Financial plan, read only' });
    await grid.waitFor();
    // Back to the top left (the columns A to C are frozen and would cover D scrolled under them).
    await grid.evaluate((el) => el.scrollTo(0, 0));
    await grid.locator('[data-address="D9"]').click();
    await expect(grid.locator('[data-address="D9"]').getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const e10 = grid.locator('[data-address="E10"]');
    await expect(e10.getAttribute('aria-selected')).resolves.toBe('true');
    expect(await grid.locator('[data-address="D9"]').getAttribute('aria-selected')).toBe('false');
    expect(await grid.getAttribute('aria-activedescendant')).toBe(await e10.getAttribute('id'));
    expect(await grid.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByRole('tab', { name: 'Validate' }).click();
    await page.getByRole('button', { name: 'Validate selected table' }).click();
    await expect(
      page
        .getByText(/ checked$/)
        .first()
        .innerText(),
    ).resolves.toMatch(/^Financial plan!B5:M\d+ checked$/);
    const cells = (await page.getByRole('tabpanel', { name: 'Validate' }).getByTestId('finding').allInnerTexts()).map(
      (t) => t.split('\n').pop()?.trim(),
    );
    expect(cells.every((c) => c?.startsWith('Financial plan!'))).toBe(true);
  });

  it('Settings refuse a negative allowance and an empty cash-limit row at the field, with the reason beside it', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Settings' });
    const extra = panel.getByLabel('Extra allowance');
    await extra.waitFor({ timeout: 30_000 });
    await extra.fill('-1');
    const negative = panel.getByText('An allowance cannot be below zero.');
    await negative.waitFor();
    // Beside its field: just under the input.
    const [fieldBox, sayBox] = [(await extra.boundingBox())!, (await negative.boundingBox())!];
    expect(sayBox.y).toBeGreaterThan(fieldBox.y);
    expect(sayBox.y - (fieldBox.y + fieldBox.height)).toBeLessThan(40);
    await panel.getByRole('button', { name: 'Add a year' }).click();
    await panel.getByRole('button', { name: 'Save settings' }).click();
    await page.getByTestId('status').getByText('Settings not saved', { exact: false }).waitFor();
    await panel.getByText('Give a year and its cash limit, or remove the row.').waitFor();
    expect(await panel.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    // Nothing was kept: the settings read back have no cash-limit row and no negative allowance.
    await extra.fill('0');
    await panel.getByRole('button', { name: 'Remove the cash limit for this year' }).click();
    await panel.getByRole('button', { name: 'Save settings' }).click();
    await page.getByTestId('status').getByText('Settings saved with the workbook.').waitFor();
    expect(await panel.getByText('An allowance cannot be below zero.').count()).toBe(0);
  });

  it("Settings offer the style of new tables: the workbook's own by default, PlanCheck's plain saved when chosen", async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Settings' });
    const style = panel.getByRole('combobox', { name: 'Style of new tables' });
    await style.waitFor({ timeout: 30_000 });
    expect(await style.inputValue()).toBe('house');
    await style.selectOption('plain');
    await panel.getByRole('button', { name: 'Save settings' }).click();
    await page.getByTestId('status').getByText('Settings saved with the workbook.').waitFor();
    expect(await style.inputValue()).toBe('plain');
    // Back to the workbook's own for the tests after this one.
    await style.selectOption('house');
    await panel.getByRole('button', { name: 'Save settings' }).click();
    await page.getByTestId('status').getByText('Settings saved with the workbook.').waitFor();
  });

  it('at 350 px the secondary Validate actions are grouped small, and the first finding is in sight without scrolling', async () => {
    await page.setViewportSize({ width: 350, height: 700 });
    try {
      await page.getByRole('tab', { name: 'Validate' }).click();
      await page.getByRole('button', { name: 'Validate', exact: true }).click();
      const first = page.getByRole('tabpanel', { name: 'Validate' }).getByTestId('finding').first();
      await first.waitFor({ timeout: 30_000 });
      await page.evaluate(() => window.scrollTo(0, 0));
      const more = page.getByRole('group', { name: 'More actions' });
      for (const name of ['Add report sheet', 'Export report'])
        expect(await more.getByRole('button', { name }).count()).toBe(1);
      // Undo, where there is something to undo, is among them.
      const undo = { name: /^Undo/ };
      expect(await more.getByRole('button', undo).count()).toBe(
        await page.getByRole('tabpanel', { name: 'Validate' }).getByRole('button', undo).count(),
      );
      expect(await more.getByRole('switch', { name: 'Show in the workbook' }).count()).toBe(1);
      const box = (await first.boundingBox())!;
      expect(box.y + 20).toBeLessThan(700);
      await page.screenshot({ path: path.join(OUTPUT, 'validate-350.png') });
    } finally {
      await page.setViewportSize({ width: 420, height: 900 });
    }
  });

  it('plain /browser.html opens empty and offers the sample plan', async () => {
    await page.goto(`${origin}/browser.html`);
    await page.getByText('Open an .xlsx plan workbook, or drop it here', { exact: false }).waitFor();
    expect(await page.getByTestId('sheet-grid').count()).toBe(0);
    await page.getByRole('button', { name: 'Try the sample plan' }).click();
    await page.getByRole('grid', { name: 'Financial plan, read only' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Validate', exact: true }).waitFor();
  });

  it('Generate "At the selected cell": with nothing selected it says so; with a cell selected in the sheet view it inserts there', async () => {
    // Just opened (the test before): nothing is selected yet.
    await page.getByRole('tab', { name: 'Generate' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Generate' });
    await panel.getByTestId('preview').waitFor();
    await panel.getByRole('radio', { name: 'At the selected cell' }).check();
    await panel.getByRole('button', { name: 'Insert', exact: true }).click();
    const status = page.getByTestId('status');
    await status.getByText('No cell is selected: select the cell where the', { exact: false }).waitFor();
    expect(await page.getByRole('tablist', { name: 'Sheets' }).getByRole('tab').count()).toBe(5);

    // A cell picked in the sheet view, beside the data.
    await page.getByRole('tablist', { name: 'Sheets' }).getByRole('tab', { name: 'Spend and funding' }).click();
    const grid = page.getByRole('grid', { name: 'Spend and funding, read only' });
    await grid.waitFor();
    // Right of the data, out of sight in a narrow window: there by the arrow keys.
    await grid.locator('[data-address="C3"]').click();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await expect(grid.locator('[data-address="I3"]').getAttribute('aria-selected')).resolves.toBe('true');
    await panel.getByRole('button', { name: 'Insert', exact: true }).click();
    await status
      .getByText(/^Inserted the .+ at Spend and funding!I3:[A-Z]+\d+\. .*It takes the look of the table at .+!.+\./)
      .waitFor({ timeout: 30_000 });
    await expect(grid.locator('[data-address="I3"]').innerText()).resolves.not.toBe('');
    // The message sits above the fields, never over them.
    const said = (await status.boundingBox())!;
    for (const box of await panel
      .locator('input')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom }))))
      expect(box.top >= said.y + said.height || box.bottom <= said.y).toBe(true);
    // Again at the same cell: the Overwrite? question, with no "Inserting…" line left behind it.
    await panel.getByRole('button', { name: 'Insert', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Overwrite?' });
    await dialog.waitFor();
    expect(await page.getByTestId('progress').count()).toBe(0);
    await dialog.getByRole('button', { name: 'No, leave the cells' }).click();
    await status.getByText('Nothing was written', { exact: false }).waitFor();
    await panel.getByRole('button', { name: /^Undo: inserted Budget projection at Spend and funding!I3:/ }).click();
    await status.getByText(/^Undone: inserted Budget projection at Spend and funding!I3:/).waitFor();
    await expect(grid.locator('[data-address="I3"]').innerText()).resolves.toBe('');
  });

  it("draws a council's own colours (theme fills, rating bands by conditional format), and a tall merged cell stays drawn while scrolled through", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Services');
    ws.addRow(['Client group', 'Service', 'Budget', 'RAG']);
    for (const c of ['A1', 'B1', 'C1', 'D1'])
      ws.getCell(c).fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { theme: 4, tint: 0.5999938962981048 } as Partial<ExcelJS.Color>,
      };
    for (let i = 0; i < 120; i++)
      ws.addRow([i === 0 ? 'Older people' : null, `Service ${i + 1}`, 1000 + i, i % 3 === 0 ? 'Red' : 'Green']);
    ws.mergeCells('A2:A121');
    ws.addConditionalFormatting({
      ref: 'D2:D121',
      rules: [
        {
          type: 'containsText',
          operator: 'containsText',
          text: 'Red',
          priority: 1,
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } },
        },
      ],
    });
    await page.setViewportSize({ width: 1280, height: 800 });
    try {
      await page.goto(`${origin}/browser.html`);
      await page.getByTestId('file-input').setInputFiles({
        name: 'services.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await wb.xlsx.writeBuffer()),
      });
      const grid = page.getByRole('grid', { name: 'Services, read only' });
      await grid.waitFor({ timeout: 30_000 });
      const fill = (address: string) =>
        grid.locator(`[data-address="${address}"]`).evaluate((el) => getComputedStyle(el).backgroundColor);
      // "Blue, Accent 1, Lighter 60%" of the file's theme (#B8CCE4, within a step), and the band on "Red" only.
      const [r, g, b] = ((await fill('A1')).match(/\d+/g) ?? []).map(Number);
      expect(Math.max(Math.abs(r - 0xb8), Math.abs(g - 0xcc), Math.abs(b - 0xe4))).toBeLessThanOrEqual(1);
      expect(await fill('D2')).toBe('rgb(255, 199, 206)');
      expect(await fill('D3')).not.toBe('rgb(255, 199, 206)');
      // Scrolled well past the merge's first row, its label is still drawn across the rows in sight.
      await grid.evaluate((el) => (el.scrollTop = 60 * 20));
      await grid.getByRole('rowheader', { name: '80', exact: true }).waitFor();
      const label = grid.getByRole('gridcell', { name: 'Older people' });
      expect(await label.count()).toBe(1);
      const box = (await label.boundingBox())!;
      const view = (await grid.boundingBox())!;
      expect(box.y).toBeLessThan(view.y + view.height);
      expect(box.y + box.height).toBeGreaterThan(view.y + view.height / 2);
      expect(await label.getAttribute('aria-rowspan')).toBe('120');
    } finally {
      await page.setViewportSize({ width: 420, height: 900 });
    }
  });

  // At 1280 px the sheet view shows the whole template beside the pane; at 350 px (Excel's pane) it is below it.
  it.each([350, 1280])(
    'Generate "Into a table of the workbook" at %i px: selects the template in the sheet view, fills it, says where, shows the figures, undoes',
    async (width) => {
      await page.setViewportSize({ width, height: 800 });
      try {
        await page.goto(`${origin}/browser.html`);
        await page.getByTestId('file-input').setInputFiles({
          name: 'ASC budget book.xlsx',
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          buffer: Buffer.from(await budgetTemplateBytes()),
        });
        const grid = page.getByRole('grid', { name: `${TEMPLATE_SHEET}, read only` });
        await grid.waitFor({ timeout: 30_000 });
        await page.getByRole('tab', { name: 'Generate' }).click();
        const panel = page.getByRole('tabpanel', { name: 'Generate' });
        await panel.getByTestId('preview').waitFor();
        await panel.getByLabel('First year').fill('2025/26');
        await panel.getByRole('radio', { name: 'Into a table of the workbook' }).check();

        // A cell outside the template: said at the field, in a sentence.
        await grid.locator('[data-address="A10"]').click();
        await panel.getByRole('button', { name: 'Use the selected table' }).click();
        const target = panel.getByTestId('template-target');
        await target.getByText(`${TEMPLATE_SHEET}!A10 is not in a table PlanCheck reads`, { exact: false }).waitFor();
        expect(await panel.innerText()).not.toMatch(/could not finish/);

        // A cell inside it: the lines and years it matched, and a question about the line it cannot start.
        await grid.locator('[data-address="C5"]').click();
        await panel.getByRole('button', { name: 'Use the selected table' }).click();
        await target.getByText(`${TEMPLATE_SHEET}!A3:F8`).waitFor();
        expect(await target.innerText()).toMatch(/Years: 2025\/26, 2026\/27, 2027\/28\./);
        const matched = target.getByRole('list', { name: 'Lines matched' });
        expect(await matched.getByRole('listitem').allInnerTexts()).toEqual([
          'Older people: from its 2024/25 figure in C4',
          'Learning disability: from its 2024/25 figure in C5',
          'Mental health: from its 2024/25 figure in C6',
        ]);
        await target.getByRole('combobox', { name: 'Fill “Physical support” from' }).click();
        await page.getByRole('option', { name: 'Leave empty' }).click();

        // What a cell shows. At 350 px the sheet view is narrower than the template: it is scrolled
        // sideways until the cell is drawn, as the user would scroll it.
        const shown = async (address: string) => {
          const cell = grid.locator(`[data-address="${address}"]`);
          for (let step = 0; step < 20 && (await cell.count()) === 0; step++) {
            await grid.evaluate((el, n) => (el.scrollLeft = (n * el.clientWidth) / 2), step);
            await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          }
          return cell.innerText();
        };
        const cells = ['C4', 'D4', 'F6', 'D7', 'D8', 'B8'];
        const texts = async () => {
          const out: string[] = [];
          for (const c of cells) out.push(await shown(c));
          return out;
        };
        const before = await texts();
        expect(before.slice(1, 4)).toEqual(['', '', '']);
        await target.getByRole('button', { name: 'Fill', exact: true }).click();
        const status = page.getByTestId('status');
        await status.getByText(`Filled the budget projection into ${TEMPLATE_SHEET}!A3:F8`, { exact: false }).waitFor({
          timeout: 30_000,
        });
        // The figures in the template's own format: 52,000 × 1.03 × 1.02 in 2025/26; the total's own SUM up to date.
        await expect(shown('D4')).resolves.toBe('54,631');
        await expect(shown('F6')).resolves.toBe('14,495');
        expect(await shown('D8')).toMatch(/^107,68[67]$/);
        await expect(shown('D7')).resolves.toBe('');
        await page.screenshot({ path: path.join(OUTPUT, `generate-into-template-${width}.png`) });

        await page
          .getByRole('tabpanel', { name: 'Generate' })
          .getByRole('button', { name: `Undo: filled Budget projection into ${TEMPLATE_SHEET}!A3:F8` })
          .click();
        await status.getByText(`Undone: filled Budget projection into ${TEMPLATE_SHEET}!A3:F8.`).waitFor();
        await expect(shown('D4')).resolves.toBe('');
        // Every cell as before, but the total D8: undo puts its SUM back without the 0 the file had
        // stored for it, so the sheet view shows it empty until Excel recalculates (left as is).
        const after = await texts();
        expect([...after.slice(0, 4), after[5]]).toEqual([...before.slice(0, 4), before[5]]);
        expect(['', '0']).toContain(after[4]);
      } finally {
        await page.setViewportSize({ width: 420, height: 900 });
      }
    },
  );

  it('opens a 100,000-row sheet, keeps only the rows in sight while scrolling, and reaches the last row by keyboard (times printed, measured in npm run bench)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Big', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(['Ref', 'Service', '2024/25', '2025/26', '2026/27', 'Change']).font = { bold: true };
    for (let i = 1; i <= 100_000; i++) ws.addRow([i, `Line ${i}`, i * 3, i * 3.1, i * 3.2, 0.033]);
    for (const c of [3, 4, 5]) ws.getColumn(c).numFmt = '#,##0';
    ws.getColumn(6).numFmt = '0.0%';
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await page.evaluate(() => performance.clearMarks());
    await page.getByTestId('file-input').setInputFiles({
      name: 'big.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    const grid = page.getByRole('grid', { name: 'Big, read only' });
    await grid.waitFor({ timeout: 120_000 });
    await grid.locator('[data-address="C3"]').waitFor();
    const t = await page.evaluate(() => ({
      opened: performance.getEntriesByName('plancheck:opened')[0]?.startTime ?? NaN,
      bytes: performance.getEntriesByName('plancheck:bytes')[0]?.startTime ?? NaN,
      now: performance.now(),
    }));
    const added = t.now - t.opened;
    console.log(
      `100,000 rows: parsed in ${(t.opened - t.bytes).toFixed(0)} ms; the sheet view drawn ${added.toFixed(0)} ms after`,
    );
    expect(await grid.locator('[data-address="C3"]').innerText()).toBe('6');
    expect(await grid.locator('[data-address="F3"]').innerText()).toBe('3.3%');
    expect(await grid.getByRole('row').count()).toBeLessThan(100);

    // Scrolling: the rows in the page stay few (the time a step takes is printed, not asserted).
    const frames = await grid.evaluate(async (el) => {
      const times: number[] = [];
      for (let i = 0; i < 40; i++) {
        const t0 = performance.now();
        el.scrollTop += 40_000;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        times.push(performance.now() - t0);
      }
      return times.sort((a, b) => a - b);
    });
    const median = frames[Math.floor(frames.length / 2)];
    console.log(
      `100,000 rows: a scroll step draws in ${median.toFixed(0)} ms (median), ${frames[frames.length - 1].toFixed(0)} ms at most`,
    );
    expect(await grid.getByRole('row').count()).toBeLessThan(100);

    // The last row by keyboard.
    await grid.focus();
    await page.keyboard.press('Control+End');
    const lastCell = grid.locator('[data-address="F100001"]');
    await lastCell.waitFor();
    expect(await lastCell.getAttribute('aria-selected')).toBe('true');
    expect(await grid.getByRole('rowheader', { name: '100001', exact: true }).isVisible()).toBe(true);
  }, 180_000);

  it('refreshes the screenshots in docs/: each tab at pane width, and the page with the sheet view at 1280 px', async () => {
    await page.goto(`${origin}/browser.html?sample=${SAMPLE}`);
    await page.getByRole('grid', { name: 'Financial plan, read only' }).waitFor({ timeout: 30_000 });
    // From the top of the page: going to a finding brings the sheet below the pane into the window.
    const shoot = async (name: string) => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(ROOT, 'docs', `${name}.png`) });
    };
    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    const finding = page.getByTestId('finding').first();
    await finding.waitFor({ timeout: 30_000 });
    await finding.click();
    await shoot('tab-validate');
    await page.getByRole('tab', { name: 'Tables' }).click();
    await page.getByRole('button', { name: 'Find tables' }).click();
    await page.getByTestId('table-card').first().waitFor({ timeout: 30_000 });
    await shoot('tab-tables');
    await page.getByRole('tab', { name: 'Risks' }).click();
    await page.getByRole('button', { name: 'Score risks' }).click();
    await page.getByTestId('heat-map').first().waitFor({ timeout: 30_000 });
    await shoot('tab-risks');
    await page.getByRole('tab', { name: 'Generate' }).click();
    await page.getByTestId('preview').waitFor();
    await shoot('tab-generate');
    // The tab scrolled just far enough that what its button drew ends at the bottom of the window.
    const shootDownTo = async (name: string, drawn: Locator) => {
      await page.evaluate(() => window.scrollTo(0, 0));
      const bottom = await drawn.evaluate((el) => el.getBoundingClientRect().bottom);
      await page.evaluate((by) => window.scrollTo(0, Math.max(0, by)), Math.ceil(bottom + 12 - 900));
      await page.screenshot({ path: path.join(ROOT, 'docs', `${name}.png`) });
    };
    // Compare: the sample against an earlier version of it, the bridge drawn as a waterfall.
    await page.getByRole('tab', { name: 'Compare' }).click();
    const compare = page.getByRole('tabpanel', { name: 'Compare' });
    await compare
      .getByTestId('compare-file')
      .setInputFiles({ name: 'plan-earlier.xlsx', mimeType: XLSX_TYPE, buffer: await revisedSample() });
    await compare.getByRole('button', { name: 'Earlier file: plan-earlier.xlsx' }).waitFor();
    await compare.getByRole('button', { name: 'Compare', exact: true }).click();
    const waterfall = compare.getByTestId('bridge').first().getByTestId('waterfall');
    await waterfall.locator('svg[role="img"]').waitFor({ timeout: 30_000 });
    await shootDownTo('tab-compare', waterfall);
    for (const name of ['Settings', 'Help']) {
      await page.getByRole('tab', { name }).click();
      await page.getByRole('tabpanel', { name }).waitFor();
      await shoot(`tab-${name.toLowerCase()}`);
    }
    await page.getByRole('tab', { name: 'Validate' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });
    try {
      await page.getByTestId('finding').first().click();
      await page.locator('[data-testid="sheet-grid"] [aria-selected="true"]').first().waitFor();
      await shoot('browser-page');
    } finally {
      await page.setViewportSize({ width: 420, height: 900 });
    }
    // Benchmarks: the sample's comparator table gives only the group's average, so the shot is of a
    // nearest-neighbours table with each council's figure: the councils ranked, the quartiles drawn.
    await page.getByTestId('file-input').setInputFiles({
      name: 'nearest neighbours.xlsx',
      mimeType: XLSX_TYPE,
      buffer: await neighboursWorkbook(),
    });
    await page.getByRole('grid', { name: 'Neighbours, read only' }).waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Benchmarks' }).click();
    const benchmarks = page.getByRole('tabpanel', { name: 'Benchmarks' });
    await benchmarks.getByRole('button', { name: 'Compare', exact: true }).click();
    await benchmarks.getByRole('combobox', { name: 'Your council' }).click();
    await page.getByRole('option', { name: 'Manchester' }).click();
    const ranking = benchmarks.getByTestId('ranking');
    await ranking.locator('svg[role="img"]').waitFor({ timeout: 30_000 });
    await shootDownTo('tab-benchmarks', ranking);
    // The sample again, for the tests after this one.
    await page.goto(`${origin}/browser.html?sample=${SAMPLE}`);
    await page.getByRole('grid', { name: 'Financial plan, read only' }).waitFor({ timeout: 30_000 });
  });

  it('folds several risks without an owner into one line that opens to each, a click from its cell', async () => {
    if (!page.url().includes('/browser.html')) await page.goto(`${origin}/browser.html?sample=${SAMPLE}`);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Owners');
    ws.addRow(['Ref', 'Risk', 'Likelihood', 'Impact', 'Score', 'Owner', 'Controls']);
    ws.addRow(['R1', 'Market failure in home care', 4, 4, 16, 'Head of Commissioning', 'Provider forum']);
    ws.addRow(['R2', 'Winter pressures exceed plan', 4, 3, 12, null, 'Surge plan']);
    ws.addRow(['R3', 'Workforce vacancies', 3, 4, 12, null, 'Recruitment drive']);
    ws.addRow(['R4', 'Deprivation of Liberty backlog', 3, 3, 9, null, 'Extra assessors']);
    ws.addRow(['R5', 'Grant funding ends', 2, 5, 10, null, 'Exit plan']);
    await page.getByTestId('file-input').setInputFiles({
      name: 'owners.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    await page.getByRole('grid', { name: 'Owners, read only' }).waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Risks' }).click();
    await page.getByRole('button', { name: 'Score risks' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Risks' });
    const fold = panel.getByTestId('finding-fold');
    await fold.waitFor({ timeout: 30_000 });
    // One line says how many; none of the four is listed on its own until it is opened.
    expect(await fold.count()).toBe(1);
    expect(await fold.innerText()).toContain('4 risks have no owner');
    await expect(fold.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(await panel.getByTestId('finding').filter({ hasText: 'has no owner' }).count()).toBe(0);

    await fold.click();
    await expect(fold.getAttribute('aria-expanded')).resolves.toBe('true');
    const opened = panel.getByRole('list', { name: /4 risks have no owner/ }).getByTestId('finding');
    expect(await opened.count()).toBe(4);
    const cells = (await opened.allInnerTexts()).map((t) => t.split('\n').pop()?.trim());
    expect(cells).toEqual(['Owners!F3', 'Owners!F4', 'Owners!F5', 'Owners!F6']);
    // Each line still goes to its cell.
    await opened.nth(2).click();
    const cell = page.getByTestId('sheet-grid').locator('[data-address="F5"]');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="sheet-grid"] [data-address="F5"]')?.getAttribute('aria-selected') ===
        'true',
      undefined,
      { timeout: 10_000 },
    );
    await expect(cell.getAttribute('aria-selected')).resolves.toBe('true');
  });

  it('makes no request beyond 127.0.0.1', () => {
    // The evidence report opened from its file above is the only other page; it made no request of its own.
    const outside = requests.filter(
      (u) => !u.startsWith(`${origin}/`) && !/^(data|blob):/.test(u) && u !== evidencePage,
    );
    expect(requests.length).toBeGreaterThan(0);
    expect(outside).toEqual([]);
  });
});
