/**
 * Issue 27, point 6: the Compare tab, in Chromium at 350 px (the pane above the sheet) and at
 * 1280 px (the pane beside it). The workbook open is a revised plan made from the sample
 * (test/app/revisedSample.ts): line 04 (Adults – Physical Disability, four funding-source rows)
 * taken out, and in 2011/12 line 03 up 350 and line 06 down 420, with their Mainstream funding and
 * the totals following. The earlier file is the sample itself.
 *
 * - The removed line is listed once, its funding sources named in it.
 * - Differences are said as Validate says them: negatives in brackets, "(420)", positives bare, "350".
 * - The bridge shows the year the lines moved in, under its year's header and in sight, and says
 *   which year each figure is for; another year can be picked, and a line that did not move in it
 *   is not shown there as 0.
 *
 * Screenshots are kept in test-output/ (compare-*.png). No console error in any test.
 */
import { promises as fs } from 'fs';
import type * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { revisedSample } from '../app/revisedSample';
import { cleanUp, close, launch, originOf, OUTPUT, ROOT, SAMPLE, serve, site, XLSX_TYPE } from './harness';

let tmp: string;
let server: http.Server;
let origin: string;
let sample: Buffer;
let revised: Buffer;
const errors: string[] = [];

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'plancheck-compare-'));
  server = await serve(await site());
  origin = originOf(server);
  sample = await fs.readFile(path.join(ROOT, 'samples', SAMPLE));
  revised = await revisedSample(sample);
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

/**
 * The bridge's figures the user can read: per row, each figure whose text and its year's header are
 * both wholly in sight (inside their cells, the table's frame and the window), with that year.
 */
function bridgeFigures(bridge: Locator): Promise<{ label: string; figures: { year: string; text: string }[] }[]> {
  return bridge.evaluate((root) => {
    const table = root.querySelector('table')!;
    let frame: HTMLElement = table;
    while (frame.parentElement && frame !== root && getComputedStyle(frame).overflowX === 'visible') {
      frame = frame.parentElement;
    }
    const f = frame.getBoundingClientRect();
    // A cell's text is in sight when the whole of it is inside its cell, the frame and the window.
    const inSight = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const t = range.getBoundingClientRect();
      const c = el.getBoundingClientRect();
      const left = Math.max(c.left, f.left);
      const right = Math.min(c.right, f.right, window.innerWidth);
      return t.width > 0 && t.left >= left - 1 && t.right <= right + 1;
    };
    const heads = [...table.querySelectorAll('thead th')];
    return [...table.querySelectorAll('tbody tr')].map((tr) => {
      const cells = [...tr.querySelectorAll('td')];
      return {
        label: (cells[0] as HTMLElement).innerText.trim(),
        figures: cells
          .slice(1)
          .map((c, i) => ({ cell: c as HTMLElement, head: heads[i + 1] as HTMLElement | undefined }))
          .filter(({ cell, head }) => head && inSight(cell) && inSight(head))
          .map(({ cell, head }) => ({ year: head!.innerText.trim(), text: cell.innerText.trim() })),
      };
    });
  });
}

describe.each([350, 1280])('Compare at %i px', (width) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await launch(path.join(tmp, `profile-${width}`), { width, height: 900 }));
    context.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/browser.html`);
    await page
      .getByTestId('file-input')
      .setInputFiles({ name: 'plan-revised.xlsx', mimeType: XLSX_TYPE, buffer: revised });
    await page.getByRole('button', { name: 'Validate', exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Compare' }).click();
    await page
      .getByTestId('compare-file')
      .setInputFiles({ name: 'plancheck-sample.xlsx', mimeType: XLSX_TYPE, buffer: sample });
    await page.getByRole('button', { name: 'Earlier file: plancheck-sample.xlsx' }).waitFor();
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByTestId('change').first().waitFor({ timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
  });

  it('lists the removed line once, with its funding sources folded into it', async () => {
    const texts = await page.getByTestId('change').allInnerTexts();
    const removed = texts.filter((t) => t.includes('04 Adults – Physical Disability'));
    expect(removed).toHaveLength(1);
    expect(removed[0]).toContain(
      '"04 Adults – Physical Disability" is no longer in the plan, nor are its funding sources: ' +
        'Grants, Contributions, User Income and Mainstream',
    );
    expect(removed[0]).toContain('was Financial plan!B13');
    expect(await page.getByLabel('Comparison summary').innerText()).toBe(
      'plancheck-sample.xlsx → plan-revised.xlsx: 2 tables compared, 5 changes',
    );
    await page.getByTestId('change').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUTPUT, `compare-changes-${width}.png`) });
  });

  it('says differences as Validate does: negatives in brackets, positives bare', async () => {
    const texts = await page.getByTestId('change').allInnerTexts();
    expect(texts.find((t) => t.startsWith('03 Services for Older People, 2011/12'))).toContain(
      '03 Services for Older People, 2011/12: 75,376 (£000) to 75,726, difference 350',
    );
    expect(texts.find((t) => t.startsWith('06 Adults – Learning Disability, 2011/12'))).toContain(
      '06 Adults – Learning Disability, 2011/12: 35,554 (£000) to 35,134, difference (420)',
    );
    for (const t of texts) expect(t).not.toMatch(/\([+-]\d/);
  });

  it('shows the bridge for the year the lines moved in, says which year, and another year can be picked', async () => {
    const bridge = page.getByTestId('bridge').first();
    await bridge.scrollIntoViewIfNeeded();
    const rows = await bridgeFigures(bridge);
    const seen = (label: string) => rows.find((r) => r.label === label)?.figures ?? [];
    // The two changed lines' 2011/12 movements, in sight under their year.
    expect(seen('03 Services for Older People')).toContainEqual({ year: '2011/12', text: '350' });
    expect(seen('06 Adults – Learning Disability')).toContainEqual({ year: '2011/12', text: '(420)' });
    expect(seen('04 Adults – Physical Disability (removed)')).toContainEqual({ year: '2011/12', text: '(21,351)' });
    expect(seen('Check (must be zero)')).toContainEqual({ year: '2011/12', text: '0' });
    await page.screenshot({ path: path.join(OUTPUT, `compare-bridge-${width}.png`) });

    // 2009/10 picked: only the removed line moved then; the two lines that moved in 2011/12 are
    // named as moving in another year, not shown at 0.
    const year = page.getByRole('combobox', { name: 'Year shown' });
    await year.selectOption({ label: '2009/10' });
    const picked = await bridgeFigures(bridge);
    expect(picked.map((r) => [r.label, ...r.figures.map((f) => `${f.year}: ${f.text}`)])).toEqual([
      ['As in plancheck-sample.xlsx', '2009/10: 188,811'],
      ['04 Adults – Physical Disability (removed)', '2009/10: (19,944)'],
      ['Total now', '2009/10: 168,867'],
      ['Check (must be zero)', '2009/10: 0'],
    ]);
    await expect(bridge.getByTestId('bridge-note').innerText()).resolves.toBe(
      'Not moved in 2009/10, so not shown: 06 Adults – Learning Disability and 03 Services for Older People.',
    );
    await page.screenshot({ path: path.join(OUTPUT, `compare-bridge-2009-${width}.png`) });
  });
});
