/**
 * What the end-to-end tests share: the pages built once per run, a static server on 127.0.0.1, and
 * Debian's Chromium.
 *
 * The build: one webpack compile in development mode of the browser page (browser.html) and of the
 * Excel task pane with office.js from the package (taskpane.html, OFFICE_JS=local), made the first
 * time a test asks for it. The e2e project's global setup (globalSetup.ts) gives each run a folder,
 * PLANCHECK_E2E_DIR, that every test file of the run builds into or waits for, so the pages are built
 * once whichever files run and in how many workers; a test file run on its own, without that
 * folder, makes its own. Should webpack fail, a production build already in dist/ is used instead.
 */
import { promises as fs } from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const SAMPLE = 'plancheck-sample.xlsx';
/** Where the tests keep their screenshots (docs/ holds the README's). */
export const OUTPUT = path.join(ROOT, 'test-output');
/** The environment variable naming the run's build folder (set by globalSetup.ts). */
export const E2E_DIR = 'PLANCHECK_E2E_DIR';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.xlsx': XLSX_TYPE,
};

type Plugin = {
  constructor: { name: string };
  userOptions?: { filename?: string };
  options?: { filename?: string };
  patterns?: { to?: string }[];
};

/** Builds the browser page and the task pane (office.js local) in development mode into `outDir`. */
export async function buildPages(outDir: string): Promise<void> {
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
  const entry = config.entry as Record<string, string>;
  config.entry = { browser: entry.browser, taskpane: entry.taskpane };
  config.output = { ...config.output, path: outDir, clean: true };
  config.devServer = undefined;
  config.plugins = (config.plugins as Plugin[]).filter((p) => {
    if (p.constructor.name === 'CopyPlugin' && p.patterns) {
      // office.js is served from the package by the test that loads it (officeCsp.e2e.test.ts), not copied.
      p.patterns = p.patterns.filter((c) => c.to !== 'office-js');
      return true;
    }
    if (p.constructor.name !== 'HtmlWebpackPlugin') return true;
    const filename = p.userOptions?.filename ?? p.options?.filename;
    return filename === 'browser.html' || filename === 'taskpane.html';
  });
  await new Promise<void>((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
}

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let ownDir: Promise<string> | null = null;

/**
 * The folder the built pages are served from, built the first time any test of the run asks: the
 * first to take the lock builds, the others wait for its word (the site's path, or why it failed).
 */
export async function site(): Promise<string> {
  const given = process.env[E2E_DIR];
  const dir = given ?? (await (ownDir ??= fs.mkdtemp(path.join(os.tmpdir(), 'plancheck-e2e-'))));
  const done = path.join(dir, 'built');
  const failed = path.join(dir, 'failed');
  try {
    await fs.mkdir(path.join(dir, 'lock'));
  } catch {
    for (let waited = 0; waited < 600_000; waited += 250) {
      if (await exists(done)) return fs.readFile(done, 'utf8');
      if (await exists(failed)) throw new Error(await fs.readFile(failed, 'utf8'));
      await sleep(250);
    }
    throw new Error(`the pages were not built in ${dir} within 10 minutes`);
  }
  let out = path.join(dir, 'site');
  try {
    await buildPages(out);
  } catch (e) {
    const dist = path.join(ROOT, 'dist');
    if (!(await exists(path.join(dist, 'browser.html')))) {
      await fs.writeFile(failed, String((e as Error).stack ?? e));
      throw e;
    }
    out = dist;
  }
  const samples = path.join(out, 'samples');
  await fs.mkdir(samples, { recursive: true });
  await fs.copyFile(path.join(ROOT, 'samples', SAMPLE), path.join(samples, SAMPLE)).catch(() => undefined);
  await fs.writeFile(done, out);
  return out;
}

/** Removes the folder a test file made for itself when it ran without the global setup's. */
export async function cleanUp(): Promise<void> {
  if (ownDir) await fs.rm(await ownDir, { recursive: true, force: true });
  ownDir = null;
}

/** A static file server on 127.0.0.1, on a free port; `mounts` serve other folders under a prefix ("/office-js/"). */
export function serve(dir: string, mounts: Record<string, string> = {}): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const name = decodeURIComponent(url.pathname);
    const prefix = Object.keys(mounts).find((p) => name.startsWith(p));
    const [base, rel] = prefix ? [mounts[prefix], name.slice(prefix.length)] : [dir, name];
    const file = path.normalize(path.join(base, rel));
    if (!file.startsWith(base)) return void res.writeHead(403).end();
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export function originOf(server: http.Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export function close(server: http.Server | undefined): Promise<unknown> {
  return new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
}

/** Chromium's switches here: no sandbox (root), and none of its own connections to the outside. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Chromium with a fresh profile in `profile`: the context and its first page. */
export async function launch(
  profile: string,
  options: { width?: number; height?: number; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: options.width ?? 420, height: options.height ?? 900 },
    locale: options.locale,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}
