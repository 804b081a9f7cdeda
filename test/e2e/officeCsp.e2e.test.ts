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
import type * as http from 'http';
import * as path from 'path';
import { chromium, type Browser } from 'playwright-core';
import { cleanUp, close, CHROMIUM, originOf, ROOT, serve, site } from './harness';

const OFFICE_JS_DIST = path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');

let server: http.Server;
let browser: Browser;

beforeAll(async () => {
  // The pages built once for the run (harness.ts): the task pane there is built with OFFICE_JS=local,
  // and office.js is served from the package at /office-js/, as the build would copy it.
  server = await serve(await site(), { '/office-js/': OFFICE_JS_DIST });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await close(server);
  await cleanUp();
});

test('item 10: the pane and office.js (OFFICE_JS=local) load with nothing blocked, no console error and nothing sent elsewhere', async () => {
  const origin = originOf(server);
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
