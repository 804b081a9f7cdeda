/**
 * The page's thread while a large plan is opened and checked in the browser page, in real Chromium
 * (Debian's, headless, no sandbox, none of its own connections): the longest task on the page's
 * thread (PerformanceObserver 'longtask'), the largest gap between heartbeats (a timer every 16 ms),
 * and how long a click on another tab takes to be answered (from the pointer going down to the tab
 * being selected), for opening and for checking apart.
 *
 *   npm run bench -- ui       this alone (100,000 rows)
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';

import { bigPlanRows } from '../src/samples/bigPlan';
import { buildPages, close, launch, originOf, serve } from '../test/e2e/harness';

interface Phase {
  longestTask: number;
  longTasks: number;
  largestGap: number;
  /** Pointer down on a tab to the tab selected, for each click made during the phase. */
  clicks: number[];
  total: number;
}

/** Starts watching the page's thread: long tasks, heartbeats, and the tabs' answers to clicks. */
function watch(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const state = { tasks: [] as number[], gap: 0, last: performance.now(), clicks: [] as number[], down: 0, t0: 0 };
    w.__ui = state;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.tasks.push(e.duration);
    }).observe({ type: 'longtask' });
    setInterval(() => {
      const now = performance.now();
      state.gap = Math.max(state.gap, now - state.last);
      state.last = now;
    }, 16);
    document.addEventListener('pointerdown', (e) => (state.down = e.timeStamp), true);
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as HTMLElement;
        if (el.getAttribute('role') === 'tab' && el.getAttribute('aria-selected') === 'true' && state.down > 0) {
          state.clicks.push(performance.now() - state.down);
          state.down = 0;
        }
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-selected'] });
  });
}

function reset(page: Page): Promise<void> {
  return page.evaluate(() => {
    const s = (window as unknown as { __ui: Record<string, unknown> }).__ui;
    Object.assign(s, { tasks: [], gap: 0, last: performance.now(), clicks: [], t0: performance.now() });
  });
}

function take(page: Page): Promise<Phase> {
  return page.evaluate(() => {
    const s = (
      window as unknown as {
        __ui: { tasks: number[]; gap: number; clicks: number[]; t0: number };
      }
    ).__ui;
    return {
      longestTask: Math.max(0, ...s.tasks),
      longTasks: s.tasks.length,
      largestGap: s.gap,
      clicks: s.clicks,
      total: performance.now() - s.t0,
    };
  });
}

/** Clicks between two tabs every `every` ms until `done` resolves. */
async function clickWhile(page: Page, done: Promise<unknown>, every = 700): Promise<void> {
  let over = false;
  void done.finally(() => (over = true));
  const tabs = ['Tables', 'Validate'];
  for (let i = 0; !over; i++) {
    await new Promise((r) => setTimeout(r, every));
    if (over) break;
    await page
      .getByRole('tab', { name: new RegExp(`^${tabs[i % 2]}`) })
      .click({ timeout: 60_000 })
      .catch(() => undefined);
  }
}

export async function measureUiThread(rows: number, outDir: string): Promise<{ open: Phase; check: Phase }> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'plancheck-ui-bench-'));
  const site = path.join(tmp, 'site');
  await buildPages(site);
  await fs.mkdir(path.join(site, 'samples'), { recursive: true });
  await fs.copyFile(
    path.resolve(__dirname, '../samples/plancheck-sample.xlsx'),
    path.join(site, 'samples/plancheck-sample.xlsx'),
  );
  const file = path.join(outDir, `plan-ui-${rows}.xlsx`);
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Financial plan');
  for (const r of bigPlanRows(rows)) ws.addRow(r);
  await book.xlsx.writeFile(file);
  const server = await serve(site);
  const { context, page } = await launch(path.join(tmp, 'profile'), { width: 1280, height: 800 });
  try {
    await page.goto(`${originOf(server)}/browser.html?sample=plancheck-sample.xlsx`);
    await page.getByRole('button', { name: 'Validate', exact: true }).waitFor({ timeout: 60_000 });
    await watch(page);

    await reset(page);
    await page.getByTestId('file-input').setInputFiles(file);
    const opened = page.getByText(path.basename(file), { exact: true }).waitFor({ timeout: 600_000 });
    await clickWhile(page, opened);
    await opened;
    const open = await take(page);

    await page.getByRole('tab', { name: /^Validate/ }).click();
    await reset(page);
    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    const checked = page.getByTestId('progress').waitFor({ state: 'detached', timeout: 600_000 });
    await clickWhile(page, checked);
    await checked;
    const check = await take(page);
    return { open, check };
  } finally {
    await context.close();
    await close(server);
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

export function printUiThread(rows: number, figures: { open: Phase; check: Phase }): void {
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const clicks = (c: number[]) =>
    c.length === 0
      ? 'no click landed'
      : `${c.length} clicks, slowest ${ms(Math.max(...c))}, mean ${ms(c.reduce((a, b) => a + b, 0) / c.length)}`;
  console.log(`\nThe page's thread in Chromium, ${rows.toLocaleString('en-GB')} rows in the browser page (1280 px):`);
  console.log('phase      took       longest task   long tasks   largest heartbeat gap   click to tab selected');
  for (const [name, p] of Object.entries(figures)) {
    console.log(
      `${name.padEnd(10)} ${ms(p.total).padStart(9)}  ${ms(p.longestTask).padStart(12)}  ${String(p.longTasks).padStart(10)}   ${ms(p.largestGap).padStart(20)}   ${clicks(p.clicks)}`,
    );
  }
}

if (require.main === module) {
  const rows = Number(process.argv[2] ?? 100_000);
  const out = path.resolve(__dirname, '..', 'bench-output');
  fs.mkdir(out, { recursive: true })
    .then(() => measureUiThread(rows, out))
    .then((f) => printUiThread(rows, f))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
