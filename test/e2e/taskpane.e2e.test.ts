/**
 * The pane driven in Chromium, on the browser page (the same <App> as in Excel, over the exceljs
 * port): open the sample plan, validate, go to a finding, score risks, preview a projection, open a
 * corrupt file, and check that no request leaves 127.0.0.1. Writes docs/screenshot.png.
 */
import { promises as fs } from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const SAMPLE = 'plancheck-sample.xlsx';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type Plugin = { constructor: { name: string }; userOptions?: { filename?: string }; options?: { filename?: string } };

/** Builds the browser page in development mode into a temporary folder with webpack's Node API. */
async function build(outDir: string): Promise<void> {
  const webpack = require('webpack') as typeof import('webpack');
  const exported = require(path.join(ROOT, 'webpack.config.js'));
  const argv = { mode: 'development' };
  const config = typeof exported === 'function' ? await exported({}, argv) : exported;
  const entry = config.entry as Record<string, string>;
  config.entry = { browser: entry.browser };
  config.output = { ...config.output, path: outDir, clean: true };
  config.devServer = undefined;
  config.plugins = (config.plugins as Plugin[]).filter((p) => {
    if (p.constructor.name !== 'HtmlWebpackPlugin') return true;
    const filename = p.userOptions?.filename ?? p.options?.filename;
    return filename === 'browser.html';
  });
  await new Promise<void>((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
}

/** A static file server on 127.0.0.1, on a free port. */
function serve(dir: string): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = path.normalize(path.join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let tmp: string;
let server: http.Server;
let origin: string;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'plancheck-e2e-'));
  let site = path.join(tmp, 'site');
  try {
    await build(site);
  } catch (e) {
    const dist = path.join(ROOT, 'dist');
    const built = await fs.stat(path.join(dist, 'browser.html')).then(
      () => true,
      () => false,
    );
    if (!built) throw e;
    site = dist;
  }
  const samples = path.join(site, 'samples');
  await fs.mkdir(samples, { recursive: true });
  await fs.copyFile(path.join(ROOT, 'samples', SAMPLE), path.join(samples, SAMPLE)).catch(() => undefined);
  server = await serve(site);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 420, height: 900 },
  });
  context.on('request', (r) => requests.push(r.url()));
  page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

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

    await fs.mkdir(path.join(ROOT, 'docs'), { recursive: true });
    await page.getByRole('tablist').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ROOT, 'docs', 'screenshot.png') });
  });

  it('scores the risk registers and draws the heat map', async () => {
    await page.getByRole('tab', { name: 'Risks' }).click();
    await page.getByRole('button', { name: 'Score risks' }).click();
    const map = page.getByTestId('heat-map');
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

  it('previews a budget projection before inserting it', async () => {
    await page.getByRole('tab', { name: 'Generate' }).click();
    const preview = page.getByTestId('preview');
    await preview.waitFor();
    const text = await preview.innerText();
    expect(text).toMatch(/\d{4}\/\d{2}/);
    expect(text).toMatch(/\d{1,3}(,\d{3})+/);
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
    expect(sentence).not.toMatch(/\n\s*at |Error:/);

    await page.getByRole('tab', { name: 'Validate' }).click();
    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    await page.getByTestId('finding').first().waitFor({ timeout: 30_000 });
    expect(pageErrors).toEqual([]);
  });

  it('makes no request beyond 127.0.0.1', () => {
    const outside = requests.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob):/.test(u));
    expect(requests.length).toBeGreaterThan(0);
    expect(outside).toEqual([]);
  });
});
