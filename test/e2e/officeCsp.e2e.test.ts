/**
 * Issue 13 item 10: the Excel task pane, built with OFFICE_JS=local (office.js served from the
 * @microsoft/office-js package, as a locked-down council would), loaded in Chromium with its own
 * Content-Security-Policy. office.js and the pane must load without a single script, style or
 * connection blocked by the policy. Outside Office, office.js can also try to frame Microsoft's
 * telemetry service (seen when it is left running a few seconds); the policy blocks that on purpose
 * (nothing leaves the machine), so that one violation is allowed here, by name.
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
/**
 * office.js's telemetry frame, which the policy blocks by design. Chromium reports the blocked
 * address with its path, or (seen in CI) as the bare origin.
 */
const TELEMETRY_FRAME = /^https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com(\/|$)/;

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
      const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8';
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

test('item 10: the pane and office.js (OFFICE_JS=local) load with no script, style or connection blocked by the CSP', async () => {
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
  const cspConsole: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspConsole.push(m.text());
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
  await page.waitForTimeout(1000);

  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  expect(policy).toMatch(/script-src 'self';/);
  expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe('object');
  const unexpected = violations.filter((v) => !(v.directive === 'frame-src' && TELEMETRY_FRAME.test(v.blocked)));
  expect(unexpected).toEqual([]);
  expect(cspConsole.filter((t) => !/telemetryservice\.firstpartyapps\.oaspapps\.com/.test(t))).toEqual([]);
  expect(outside).toEqual([]);

  // The listener does hear a violation: a script from anywhere else is blocked and reported.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.src = 'https://elsewhere.example/x.js';
    document.head.appendChild(script);
  });
  for (let i = 0; i < 50 && violations.length === 0; i++) await page.waitForTimeout(100);
  expect(violations.map((v) => v.blocked)).toContain('https://elsewhere.example/x.js');
  await page.close();
});
