/**
 * Issue 27, point 5: the Risks tab shows what matters first. A workbook built here has a register
 * that cannot be scored (likelihoods in words, no impact column) on its first sheet and, after it,
 * a register whose R3 states a score of 16 where likelihood 4 × impact 3 is 12.
 *
 * In Chromium at 350 px (Excel's task pane) and at 1280 px: after Score risks the error is in the
 * first screen, above the scored register's heat map; the register that cannot be scored is one
 * line saying why, after the scored one, with no heat map and no "No score" rows of its own. Insert
 * heat map draws no grid for it and says it was left out; on a workbook whose only register cannot
 * be scored, Insert heat map is not offered and a sentence says why.
 *
 * Screenshots are kept in test-output/ (risks-order-*.png). No console error in any test.
 */
import { promises as fs } from 'fs';
import type * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { cleanUp, close, launch, originOf, OUTPUT, serve, site, XLSX_TYPE } from './harness';

const HEIGHT = 800;
let tmp: string;
let server: http.Server;
let origin: string;
const errors: string[] = [];

/** The old register (words, no impact) first, then this year's with R3's score stated wrongly; `scored: false` leaves out the second. */
async function registers(scored = true): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const old = wb.addWorksheet('Old register');
  old.addRow(['Ref', 'Risk', 'Likelihood', 'Owner']);
  const words = ['Medium', 'Low', 'High'];
  for (let i = 1; i <= 10; i++)
    old.addRow([`A${i}`, `Care home closure in district ${i}`, words[i % 3], 'Head of Service']);
  if (scored) {
    const ws = wb.addWorksheet('Register 2025');
    ws.addRow(['Ref', 'Risk', 'Likelihood', 'Impact', 'Score', 'Owner']);
    ws.addRow(['R1', 'Market failure in home care', 4, 4, 16, 'Head of Commissioning']);
    ws.addRow(['R2', 'Winter pressures exceed plan', 3, 3, 9, 'Director of Adult Services']);
    ws.addRow(['R3', 'Workforce vacancies', 4, 3, 16, 'HR lead']);
    ws.addRow(['R4', 'Grant funding ends', 2, 5, 10, 'Finance lead']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'plancheck-risks-'));
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

/** A page of its own at `width`, with the workbook open and the risks scored. */
async function scored(width: number, bytes: Buffer, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await launch(path.join(tmp, `profile-${width}-${name}`), { width, height: HEIGHT, locale: 'en-GB' });
  opened.context.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  opened.page.on('pageerror', (e) => errors.push(e.message));
  const { page } = opened;
  await page.goto(`${origin}/browser.html`);
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: XLSX_TYPE, buffer: bytes });
  await page.getByRole('grid', { name: 'Old register, read only' }).waitFor({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'Risks' }).click();
  await page.getByRole('button', { name: 'Score risks' }).click();
  await page.getByRole('tabpanel', { name: 'Risks' }).getByTestId('finding').first().waitFor({ timeout: 30_000 });
  // The first screen: the page and the pane's own column scrolled to their tops.
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    for (const el of document.querySelectorAll('*')) if (el.scrollTop > 0) el.scrollTop = 0;
  });
  return opened;
}

const top = async (l: Locator) => (await l.boundingBox())!.y;

describe.each([350, 1280])('the Risks tab at %i px', (width) => {
  it('point 5: the error first, in the first screen; then the scored register; then the one that cannot be scored, in one line', async () => {
    const { context, page } = await scored(width, await registers(), 'registers.xlsx');
    try {
      const panel = page.getByRole('tabpanel', { name: 'Risks' });
      const error = panel.getByTestId('finding').filter({ hasText: "Risk R3's stated score is 16" });
      expect(await error.count()).toBe(1);
      expect(await error.getAttribute('data-severity')).toBe('error');
      const box = (await error.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(HEIGHT);
      await page.screenshot({ path: path.join(OUTPUT, `risks-order-${width}.png`) });

      // One register drawn: this year's, under the error, with its heat map and its four risks.
      const drawn = panel.getByTestId('risk-register');
      expect(await drawn.count()).toBe(1);
      expect(await drawn.getAttribute('aria-label')).toBe('Register 2025!A1:F5');
      expect(await panel.getByTestId('heat-map').count()).toBe(1);
      expect(await drawn.getByTestId('ranked-risk').count()).toBe(4);
      expect(await top(error)).toBeLessThan(await top(drawn));

      // The old register: one line, after it, saying why; no heat map, no "No score" rows.
      const unscored = panel.getByTestId('risk-unscored');
      expect(await unscored.count()).toBe(1);
      expect(await unscored.innerText()).toBe(
        'Old register!A1:D11 (10 risks) cannot be scored: it gives likelihood but no impact.',
      );
      expect(await top(drawn)).toBeLessThan(await top(unscored));
      expect(await panel.getByText('No score', { exact: true }).count()).toBe(0);
      expect(await panel.getByTestId('ranked-risk').filter({ hasText: /^A\d+/ }).count()).toBe(0);
      await page.screenshot({ path: path.join(OUTPUT, `risks-order-${width}-full.png`), fullPage: true });

      // The heat map inserted: a grid for this year's register only, the old one named as left out.
      await panel.getByRole('button', { name: 'Insert heat map' }).click();
      const status = page.getByTestId('status');
      await status.getByText('Added "Risk heat map".', { exact: false }).waitFor({ timeout: 30_000 });
      expect(await status.innerText()).toContain(
        'Old register!A1:D11 has no grid: it cannot be scored (it gives likelihood but no impact).',
      );
      await page.getByRole('tablist', { name: 'Sheets' }).getByRole('tab', { name: 'Risk heat map' }).click();
      const sheet = page.getByRole('grid', { name: 'Risk heat map, read only' });
      await sheet.waitFor();
      const cells = await sheet
        .locator('[data-address]')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()).filter((t) => t !== ''));
      expect(cells.filter((t) => / matrix/.test(t))).toEqual(['NHS 5×5 matrix: Register 2025!A1:F5']);
      expect(cells).toContain('Registers not scored');
      expect(cells).toContain('Old register!A1:D11 (10 risks): it gives likelihood but no impact');
    } finally {
      await context.close();
    }
  });

  it('point 5: with only a register that cannot be scored, Insert heat map is not offered and a sentence says why', async () => {
    const { context, page } = await scored(width, await registers(false), 'old only.xlsx');
    try {
      const panel = page.getByRole('tabpanel', { name: 'Risks' });
      expect(await panel.getByTestId('risk-register').count()).toBe(0);
      expect(await panel.getByTestId('heat-map').count()).toBe(0);
      expect(await panel.getByTestId('risk-unscored').count()).toBe(1);
      expect(await panel.getByRole('button', { name: 'Insert heat map' }).count()).toBe(0);
      const said = panel.getByText('No heat map can be drawn: no register has a risk with a score.');
      await said.waitFor();
      const box = (await said.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(HEIGHT);
      await page.screenshot({ path: path.join(OUTPUT, `risks-unscored-only-${width}.png`) });
    } finally {
      await context.close();
    }
  });
});
