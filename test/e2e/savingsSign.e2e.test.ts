/**
 * Issue 27, point 10: the savings envelope says its percentages with one sign convention, and says
 * which in its labels. A budget that grows faster than the savings taken off it: 100,000, 104,000
 * and 110,000 (£000) with savings of 0, 1,500 and 2,640. In the last year the savings are 2.4% of
 * the budget, and the envelope (107,360) is 7.4% above the first year's (100,000).
 *
 * With reductions positive: "Total reduction" is 2.4% and "Cash reduction" is -7.4% (the envelope
 * rose), in the preview's table, in its summary and in the table inserted on a new sheet, whose
 * labels state the convention. In Chromium at 350 px and at 1280 px; screenshots kept in
 * test-output/ (savings-sign-*.png). No console error in any test.
 */
import { promises as fs } from 'fs';
import type * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { Locator } from 'playwright-core';
import { cleanUp, close, launch, originOf, OUTPUT, SAMPLE, serve, site } from './harness';

let tmp: string;
let server: http.Server;
let origin: string;
const errors: string[] = [];

const TOTAL = 'Total reduction % (total savings ÷ budget; a reduction is positive)';
const CASH = 'Cash reduction % against 2025/26 (a fall in the envelope is positive, a rise negative)';

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'plancheck-savings-'));
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

/** The texts of the preview table's row with this label, label first. */
async function previewRow(preview: Locator, label: string): Promise<string[]> {
  const rows = await preview
    .getByRole('row')
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td, th')).map((c) => (c as HTMLElement).innerText.trim())),
    );
  const found = rows.filter((r) => r[0] === label);
  expect(found).toHaveLength(1);
  return found[0];
}

describe.each([350, 1280])('the savings envelope at %i px', (width) => {
  it('point 10: reductions positive, growth negative, said in the labels, alike in the preview and the inserted table', async () => {
    const { context, page } = await launch(path.join(tmp, `profile-${width}`), { width, height: 800, locale: 'en-GB' });
    context.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${origin}/browser.html?sample=${SAMPLE}`);
      await page.getByRole('button', { name: 'Validate', exact: true }).waitFor({ timeout: 30_000 });
      await page.getByRole('tab', { name: 'Generate' }).click();
      const panel = page.getByRole('tabpanel', { name: 'Generate' });
      await page.getByRole('combobox', { name: 'Table to generate' }).click();
      await page.getByRole('option', { name: 'Savings envelope' }).click();
      await panel.getByLabel('First year').fill('2025/26');
      await panel.getByLabel('Budget by year (£000)').fill('100,000, 104,000, 110,000');
      await panel.getByLabel('Savings target by year (£000)').fill('0, 1,500, 2,640');

      // The preview's table: the same sign for the same thing, the convention in the label.
      const preview = panel.getByTestId('preview');
      await preview.getByText('107,360').waitFor();
      expect(await previewRow(preview, TOTAL)).toEqual([TOTAL, '0.0%', '1.4%', '2.4%']);
      expect(await previewRow(preview, CASH)).toEqual([CASH, '0.0%', '-2.5%', '-7.4%']);

      // Its summary, in words, with the same signs.
      const summary = await panel.locator('dl').innerText();
      expect(summary).toMatch(/Total reduction in the last year \(a reduction is positive\)\s+2\.4%/);
      expect(summary).toMatch(
        /Cash reduction in the last year against the first \(a fall is positive, a rise negative\)\s+-7\.4%/,
      );
      // Each figure on one line beside its label, however long the label.
      const figures = await panel.locator('dl dd').evaluateAll((dds) =>
        dds.map((dd) => {
          const range = document.createRange();
          range.selectNodeContents(dd);
          const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
          return { text: (dd as HTMLElement).innerText, lines: lines.size, fits: dd.scrollWidth <= dd.clientWidth };
        }),
      );
      expect(figures.length).toBeGreaterThan(3);
      expect(figures.filter((f) => f.lines !== 1 || !f.fits)).toEqual([]);
      await panel.locator('dl').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(OUTPUT, `savings-sign-${width}.png`) });

      // Inserted on a new sheet: the labels and the figures the preview showed.
      await panel.getByRole('radio', { name: 'On a new sheet' }).check();
      await panel.getByRole('button', { name: 'Insert' }).click();
      await page.getByTestId('status').getByText('Inserted the', { exact: false }).waitFor({ timeout: 30_000 });
      await page.getByRole('tablist', { name: 'Sheets' }).getByRole('tab', { name: 'Savings envelope' }).click();
      const grid = page.getByRole('grid', { name: 'Savings envelope, read only' });
      await grid.waitFor();
      // A row's three figures as the sheet shows them, reached as a user would: the label, then → to each.
      const selected = grid.locator('[aria-selected="true"]');
      const rowOf = async (label: string) => {
        await grid.evaluate((el) => el.scrollTo(0, 0));
        await grid.getByRole('gridcell', { name: label, exact: true }).click();
        const figures: string[] = [];
        for (let i = 0; i < 3; i++) {
          await page.keyboard.press('ArrowRight');
          await selected.first().waitFor();
          figures.push(await selected.first().innerText());
        }
        return figures;
      };
      expect(await rowOf(TOTAL)).toEqual(['0.0%', '1.4%', '2.4%']);
      expect(await rowOf(CASH)).toEqual(['0.0%', '-2.5%', '-7.4%']);
      await page.screenshot({ path: path.join(OUTPUT, `savings-sign-sheet-${width}.png`) });
    } finally {
      await context.close();
    }
  });
});
