/**
 * Issue 27, point 1: Generate starts from the plan, not from made-up figures. In Chromium at 350 px
 * (Excel's task pane width) and at 1280 px, on the browser page:
 *
 * - with the sample plan open, the budget projection opens with the plan's own lines and their
 *   latest figures (2011/12, column H of "Financial plan"), the year after as the first year, and
 *   Insert makes a projection whose base figures are formulas to the plan's cells, values stored
 *   (read back from the downloaded workbook);
 * - with a workbook that has no plan table, the fields are empty with examples as placeholders, and
 *   Insert says what is missing and writes nothing.
 *
 * Screenshots are kept in test-output/ (generate-plan-*.png). No console error in any test.
 */
import { promises as fs } from 'fs';
import type * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { cleanUp, close, launch, originOf, OUTPUT, SAMPLE, serve, site, XLSX_TYPE } from './harness';

let tmp: string;
let server: http.Server;
let origin: string;
/** Every console error and uncaught error of every page; each test fails on any. */
const errors: string[] = [];

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'plancheck-generate-'));
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

async function pageAt(width: number, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await launch(path.join(tmp, `profile-${name}-${width}`), { width, height: 900 });
  opened.context.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  opened.page.on('pageerror', (e) => errors.push(e.message));
  return opened;
}

/** The workbook the page gives back on Download. */
async function downloaded(page: Page): Promise<ExcelJS.Workbook> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await fs.readFile(await file.path())) as unknown as ExcelJS.Buffer);
  return wb;
}

/** A workbook with notes and a risk register, and no table of budget lines by year. */
async function noPlanWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('Notes');
  notes.getCell('A1').value = 'Adult Social Care: notes for the budget meeting';
  notes.getCell('A3').value = 'The plan is not in this file yet.';
  const risks = wb.addWorksheet('Risks');
  risks.addRow(['Risk', 'Likelihood', 'Impact', 'Owner']);
  risks.addRow(['Care market fails', 3, 4, 'Director']);
  risks.addRow(['Workforce shortage', 4, 3, 'Head of service']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each([350, 1280])('Generate at %i px', (width) => {
  it("starts the budget projection from the plan's lines and latest year; the projection's base cells refer to the plan", async () => {
    const { context, page } = await pageAt(width, 'plan');
    try {
      await page.goto(`${origin}/browser.html?sample=${SAMPLE}`);
      await page.getByRole('grid', { name: 'Financial plan, read only' }).waitFor({ timeout: 30_000 });
      await page.getByRole('tab', { name: 'Generate' }).click();
      const panel = page.getByRole('tabpanel', { name: 'Generate' });
      const lines = panel.getByLabel('Budget lines, with their base-year budget (£000)');
      // The plan's 13 lines with their 2011/12 figures (column H), in the plan's order.
      await panel.getByText('Financial plan!B5:M54', { exact: false }).waitFor({ timeout: 30_000 });
      const typed = (await lines.inputValue()).split('\n');
      expect(typed).toHaveLength(13);
      expect(typed[0]).toBe('Service Strategy and Regulation, 162');
      expect(typed).toContain('Services for Older People, 75,376');
      expect(typed[12]).toBe('Support Services, 15,703');
      expect(await panel.getByLabel('First year').inputValue()).toBe('2012/13');
      expect(await panel.getByTestId('plan-source').innerText()).toMatch(
        /^13 lines of the plan at Financial plan!B5:M54 \(3\.1 Financial Plan\), with their 2011\/12 figures \(Financial plan!H7:H49\)\. Inserted, the base figures are formulas to those cells/,
      );
      const preview = panel.getByTestId('preview');
      expect(await preview.innerText()).toMatch(/2011\/12 \(base\)/);
      expect(await preview.innerText()).toContain('Adults – Learning Disability');
      expect(await panel.innerText()).not.toContain('100,000');
      await page.screenshot({ path: path.join(OUTPUT, `generate-plan-${width}.png`), fullPage: true });

      await panel.getByRole('button', { name: 'Insert' }).click();
      const status = page.getByTestId('status');
      await status.getByText('Inserted the budget projection at Budget projection!', { exact: false }).waitFor({
        timeout: 30_000,
      });
      expect(await status.innerText()).toMatch(/base figures refer to Financial plan!H7:H49/);
      const wb = await downloaded(page);
      const ws = wb.getWorksheet('Budget projection')!;
      expect(ws).toBeDefined();
      let found = 0;
      ws.eachRow((row) => {
        const label = row.getCell(1).value;
        if (label === 'Services for Older People') {
          expect(row.getCell(2).value).toEqual({ formula: "'Financial plan'!H9", result: 75376 });
          found++;
        }
        if (label === 'Support Services') {
          expect(row.getCell(2).value).toEqual({ formula: "'Financial plan'!H49", result: 15703 });
          found++;
        }
      });
      expect(found).toBe(2);
    } finally {
      await context.close();
    }
  });

  it('with no plan in the workbook, the fields show examples as placeholders and Insert says what is missing', async () => {
    const { context, page } = await pageAt(width, 'none');
    try {
      await page.goto(`${origin}/browser.html`);
      await page.getByTestId('file-input').setInputFiles({
        name: 'notes.xlsx',
        mimeType: XLSX_TYPE,
        buffer: await noPlanWorkbook(),
      });
      await page.getByRole('grid', { name: 'Notes, read only' }).waitFor({ timeout: 30_000 });
      await page.getByRole('tab', { name: 'Generate' }).click();
      const panel = page.getByRole('tabpanel', { name: 'Generate' });
      await panel.getByTestId('plan-source').getByText('No plan', { exact: false }).waitFor({ timeout: 30_000 });
      const lines = panel.getByLabel('Budget lines, with their base-year budget (£000)');
      expect(await lines.inputValue()).toBe('');
      expect(await lines.getAttribute('placeholder')).toMatch(/Residential care, 42,000/);
      // A placeholder is greyed: not the colour typed text takes.
      const [shown, typedColour] = await lines.evaluate((el) => [
        getComputedStyle(el, '::placeholder').color,
        getComputedStyle(el).color,
      ]);
      expect(shown).not.toBe(typedColour);

      await panel.getByRole('button', { name: 'Insert' }).click();
      const status = page.getByTestId('status');
      await status.getByText('Fill in budget lines', { exact: false }).waitFor({ timeout: 30_000 });
      expect(await page.getByRole('tablist', { name: 'Sheets' }).getByRole('tab').count()).toBe(2);
      await page.screenshot({ path: path.join(OUTPUT, `generate-no-plan-${width}.png`), fullPage: true });

      // The cost/benefit form too: no made-up figures, only examples.
      await panel.getByRole('combobox', { name: 'Table to generate' }).click();
      await page.getByRole('option', { name: 'Cost/benefit and payback' }).click();
      const costs = panel.getByLabel('Costs by year (£000)');
      expect(await costs.inputValue()).toBe('');
      expect(await costs.getAttribute('placeholder')).toMatch(/\d/);
    } finally {
      await context.close();
    }
  });
});
