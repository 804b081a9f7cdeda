/**
 * Issue 13 item 10, issue 24 item 3: the Excel task pane, built with OFFICE_JS=local (office.js served
 * from the @microsoft/office-js package, as a locked-down council would), loaded in Chromium with its
 * own Content-Security-Policy. office.js and the pane must load without a single script, style or
 * connection blocked, and nothing may leave the page's own origin.
 *
 * office.js makes a hidden frame to Microsoft's telemetry service three seconds after it loads.
 * PlanCheck stops it before it is made (office-telemetry-off.js, loaded before office.js), and the
 * policy would block it anyway. The test collects every violation, console message and request over
 * the whole load, past office.js's three seconds, and judges the set: nothing blocked, no console error,
 * no request elsewhere; then a planted script from elsewhere is blocked and reported (the listener hears).
 */
import { promises as fs } from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { chromium, type Browser } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const OFFICE_JS_DIST = path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');

type Plugin = { constructor: { name: string }; userOptions?: { filename?: string }; options?: { filename?: string } };

/** Builds the task pane alone, in development mode, with OFFICE_JS=local, into `outDir`. */
async function buildPane(outDir: string): Promise<void> {
  const webpack = require('webpack') as typeof import('webpack');
  const makeConfig = require(path.join(ROOT, 'webpack.config.js'));
  const saved = process.env.OFFICE_JS;
  process.env.OFFICE_JS = 'local';
  let config;
  try {
    config = await makeConfig({}, { mode: 'development' });
  } finally {
    if (saved === undefined) delete process.env.OFFICE_JS;
    else process.env.OFFICE_JS = saved;
  }
  config.entry = { taskpane: (config.entry as Record<string, string>).taskpane };
  config.output = { ...config.output, path: outDir, clean: true };
  config.devServer = undefined;
  // The page itself, and no copies: office.js is served from the package below, as the build would copy it.
  config.plugins = (config.plugins as Plugin[]).filter((p) => {
    if (p.constructor.name === 'CopyPlugin') return false;
    if (p.constructor.name !== 'HtmlWebpackPlugin') return true;
    return (p.userOptions?.filename ?? p.options?.filename) === 'taskpane.html';
  });
  // The copies the page needs beside it: its icon, and the script that keeps office.js's telemetry frame unmade.
  const CopyPlugin = require('copy-webpack-plugin');
  config.plugins.push(new CopyPlugin({ patterns: [{ from: 'assets', to: 'assets' }, makeConfig.TELEMETRY_OFF] }));
  await new Promise<void>((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
}

/** The built pane at /, and /office-js/ from the package, on 127.0.0.1. */
function serve(site: string): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const name = decodeURIComponent(url.pathname);
    const [base, rel] = name.startsWith('/office-js/') ? [OFFICE_JS_DIST, name.slice(11)] : [site, name];
    const file = path.normalize(path.join(base, rel));
    if (!file.startsWith(base)) return void res.writeHead(403).end();
    try {
      const body = await fs.readFile(file);
      const type = file.endsWith('.html')
        ? 'text/html; charset=utf-8'
        : file.endsWith('.png')
          ? 'image/png'
          : 'text/javascript; charset=utf-8';
      res.writeHead(200, { 'Content-Type': type }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let tmp: string;
let server: http.Server;
let browser: Browser;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'plancheck-csp-'));
  await buildPane(path.join(tmp, 'site'));
  server = await serve(path.join(tmp, 'site'));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

test('item 10: the pane and office.js (OFFICE_JS=local) load with nothing blocked, no console error and nothing sent elsewhere', async () => {
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const page = await browser.newPage();
  const violations: { directive: string; blocked: string }[] = [];
  await page.exposeFunction('reportViolation', (directive: string, blocked: string) =>
    violations.push({ directive, blocked }),
  );
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportViolation: (d: string, b: string) => void }).reportViolation(
        e.effectiveDirective,
        e.blockedURI,
      );
    });
  });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text()))
      consoleErrors.push(`${m.text()} ${m.location().url}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`${r.status()} ${r.url()}`);
  });
  const outside: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(origin)) outside.push(r.url());
  });

  await page.goto(`${origin}/taskpane.html`);
  // Office.onReady has run and the pane has rendered over "Loading PlanCheck…".
  await page.waitForFunction(() => !document.getElementById('root')?.textContent?.startsWith('Loading'), null, {
    timeout: 30_000,
  });
  // office.js set its telemetry timer (3 s) when it loaded, before the pane rendered; a timer set now
  // for longer fires after it, so by then whatever office.js would do has been done.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 3500)));

  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  expect(policy).toMatch(/script-src 'self';/);
  expect(policy).toMatch(/default-src 'self'/);
  expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe('object');
  // office.js's telemetry endpoint exists and has been told to do nothing; no frame of its was made.
  expect(
    await page.evaluate(() => {
      const logger = (window as unknown as { Logger?: { ulsEndpoint?: { proxyFrame: unknown } } }).Logger;
      return logger?.ulsEndpoint ? logger.ulsEndpoint.proxyFrame : 'no endpoint';
    }),
  ).toBeNull();
  expect(await page.evaluate(() => document.querySelectorAll('iframe').length)).toBe(0);
  expect(violations).toEqual([]);
  expect(consoleErrors).toEqual([]);
  expect(outside).toEqual([]);

  // The listener does hear a violation: a script from anywhere else is blocked and reported.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.src = 'https://elsewhere.example/x.js';
    document.head.appendChild(script);
  });
  // Wait for that violation itself (not for the first of any), for up to 5 s.
  const planted = () => violations.some((v) => v.blocked === 'https://elsewhere.example/x.js');
  for (let i = 0; i < 50 && !planted(); i++) await page.waitForTimeout(100);
  expect(violations).toEqual([{ directive: 'script-src-elem', blocked: 'https://elsewhere.example/x.js' }]);
  // Chromium reports the attempt as a request event; the violation above is its blocking.
  expect(outside).toEqual(['https://elsewhere.example/x.js']);
  await page.close();
});
