/**
 * The production build, made once with webpack's Node API into a temporary folder, and what it
 * promises: the Excel pane never ships exceljs, the browser page never loads office.js or Excel-only
 * code, every page carries a strict Content-Security-Policy, and everything the manifest points at
 * is in dist/. Sizes are printed; the task pane's JavaScript at start is held under 300 KB gzipped.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import zlib from 'zlib';
import webpack from 'webpack';

type ConfigFactory = ((env: Record<string, unknown>, argv: { mode?: string }) => Promise<webpack.Configuration>) & {
  contentSecurityPolicy: (o: { officeJsFromCdn: boolean; development: boolean }) => string;
};

const ROOT = path.resolve(__dirname, '../..');
const makeConfig = require(path.join(ROOT, 'webpack.config.js')) as ConfigFactory;
const CDN_OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const DEV_URL = 'https://localhost:3000/';
/** What office.js loads from: its CDN, the host Microsoft announced it is moving to, and MicrosoftAjax's host. */
const OFFICE_JS_HOSTS = [
  'https://appsforoffice.microsoft.com',
  'https://officeapis.public.onecdn.static.microsoft',
  'https://ajax.aspnetcdn.com',
];
/** Strings that only exceljs's browser build carries (part names of the .xlsx package it writes). */
const EXCELJS_MARKERS = ['xl/workbook.xml', 'xl/sharedStrings.xml'];
/** Calls only Office-hosted code makes; globals keep their names through minification. */
const OFFICE_ONLY_MARKERS = ['Excel.run(', 'Office.onReady(', 'Office.context.'];

const BUILD_ENV = ['PLANCHECK_URL', 'OFFICE_JS', 'PLANCHECK_HTTPS'] as const;

/** Runs the config factory with the given environment, restoring the real one afterwards. */
async function configWith(env: Partial<Record<(typeof BUILD_ENV)[number], string>>, mode: string) {
  const saved = BUILD_ENV.map((k) => [k, process.env[k]] as const);
  for (const k of BUILD_ENV) delete process.env[k];
  Object.assign(process.env, env);
  try {
    return await makeConfig({}, { mode });
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

function compile(config: webpack.Configuration): Promise<webpack.Stats> {
  return new Promise((resolve, reject) => {
    const compiler = webpack(config);
    compiler.run((err, stats) => {
      compiler.close(() => {
        if (err || !stats) reject(err ?? new Error('webpack gave no stats'));
        else resolve(stats);
      });
    });
  });
}

interface HtmlOptions {
  filename?: string;
  templateParameters?: { csp?: string; officeJsUrl?: string };
}
function htmlOptions(config: webpack.Configuration, filename: string): HtmlOptions {
  const plugin = (config.plugins ?? []).find(
    (p) => (p as { userOptions?: HtmlOptions })?.userOptions?.filename === filename,
  ) as { userOptions: HtmlOptions } | undefined;
  if (!plugin) throw new Error(`no HtmlWebpackPlugin writes ${filename}`);
  return plugin.userOptions;
}

interface CopyPattern {
  from: string;
  to?: string;
  transform?: (content: Buffer, absoluteFrom: string) => Buffer | string;
}
function copyPatterns(config: webpack.Configuration): CopyPattern[] {
  const plugin = (config.plugins ?? []).find((p) => Array.isArray((p as { patterns?: unknown })?.patterns)) as
    { patterns: CopyPattern[] } | undefined;
  if (!plugin) throw new Error('no CopyWebpackPlugin');
  return plugin.patterns;
}

/** The Content-Security-Policy meta tag of a page, as directive -> sources. */
function csp(html: string): Map<string, string[]> {
  const meta = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i);
  if (!meta) throw new Error('no Content-Security-Policy meta tag');
  return parsePolicy(meta[1]);
}
function parsePolicy(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/gi)].map((m) => m[1]);
}

describe('production build', () => {
  let dist = '';
  let stats: webpack.Stats;
  const read = (file: string) => fs.readFileSync(path.join(dist, file), 'utf8');

  /** Every JS file an entry loads, at start or later (lazy chunks), with the modules in it. */
  function entryOutput(name: string, lazy = true): { files: string[]; modules: string[] } {
    const { compilation } = stats;
    const entry = compilation.entrypoints.get(name);
    if (!entry) throw new Error(`no entry ${name}`);
    const chunks = new Set(entry.chunks);
    if (lazy) for (const chunk of entry.chunks) for (const a of chunk.getAllAsyncChunks()) chunks.add(a);
    const files = new Set<string>();
    const modules = new Set<string>();
    for (const chunk of chunks) {
      for (const f of chunk.files) if (f.endsWith('.js')) files.add(f);
      for (const m of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
        const id = m.nameForCondition();
        if (id) modules.add(id);
      }
    }
    return { files: [...files], modules: [...modules] };
  }

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'plancheck-build-'));
    const config = await configWith({}, 'production');
    config.output = { ...config.output, path: dist };
    config.devtool = false; // not needed to check the output, and the build is quicker without
    stats = await compile(config);
    const errors = stats.toJson({ all: false, errors: true }).errors ?? [];
    if (errors.length) throw new Error(`the build failed:\n${errors.map((e) => e.message).join('\n')}`);
  }, 900_000);

  afterAll(() => {
    if (dist) fs.rmSync(dist, { recursive: true, force: true });
  });

  it('prints the gzipped size of each page’s JavaScript', () => {
    for (const entry of ['taskpane', 'browser', 'commands']) {
      const { files } = entryOutput(entry);
      const sizes = files.map((f) => {
        const bytes = fs.readFileSync(path.join(dist, f));
        return { f, raw: bytes.length, gz: zlib.gzipSync(bytes, { level: 9 }).length };
      });
      const total = sizes.reduce((s, x) => s + x.gz, 0);
      console.log(
        `${entry}: ${(total / 1024).toFixed(1)} KiB gzipped in ${files.length} file(s)\n` +
          sizes
            .map((x) => `  ${x.f}  ${(x.raw / 1024).toFixed(1)} KiB, ${(x.gz / 1024).toFixed(1)} KiB gzipped`)
            .join('\n'),
      );
      expect(files.length).toBeGreaterThan(0);
    }
  });

  it('keeps the JavaScript the task pane loads at start under 300 KB gzipped; the other tabs come when opened', () => {
    const gz = (f: string) => zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length;
    // The scripts taskpane.html itself names, less office.js and its telemetry switch (not ours to shrink).
    const atStart = scriptSources(read('taskpane.html')).filter((s) => !/^[a-z]+:|^\/\/|office-telemetry-off/i.test(s));
    expect(atStart.sort()).toEqual(entryOutput('taskpane', false).files.sort());
    const total = atStart.reduce((sum, f) => sum + gz(f), 0);
    console.log(`taskpane at start: ${(total / 1000).toFixed(1)} KB gzipped (limit 300 KB)`);
    expect(total).toBeLessThan(300_000);
    // Every tab but Validate is its own chunk, none of them loaded at start.
    const later = entryOutput('taskpane').files.filter((f) => !atStart.includes(f));
    for (const name of ['tables', 'risks', 'generate', 'benchmarks', 'compare', 'settings', 'help', 'charts'])
      expect({ name, lazy: later.some((f) => f.startsWith(`${name === 'charts' ? '' : 'tab-'}${name}.`)) }).toEqual({
        name,
        lazy: true,
      });
    // The charts' d3 modules come with the charts, not at start.
    const { modules } = entryOutput('taskpane', false);
    expect(modules.filter((m) => /[\\/]node_modules[\\/]d3-/.test(m))).toEqual([]);
  });

  it('writes the four pages, the icons, the samples and the manifest', () => {
    for (const page of ['taskpane.html', 'browser.html', 'index.html', 'commands.html', 'manifest.xml']) {
      expect(fs.existsSync(path.join(dist, page))).toBe(true);
    }
    for (const size of [16, 32, 64, 80, 128])
      expect(fs.existsSync(path.join(dist, `assets/icon-${size}.png`))).toBe(true);
    const samples = fs.readdirSync(path.join(ROOT, 'samples')).filter((f) => f.endsWith('.xlsx'));
    for (const sample of samples) expect(fs.existsSync(path.join(dist, 'samples', sample))).toBe(true);
    expect(read('index.html')).toBe(read('browser.html'));
  });

  it('has a file in dist/ for every address in the manifest, and leaves the manifest as is without PLANCHECK_URL', () => {
    const manifest = read('manifest.xml');
    expect(manifest).toBe(fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'));
    const addresses = [...manifest.matchAll(/"https:\/\/localhost:3000\/([^"]*)"/g)].map((m) => m[1]);
    expect(addresses).toEqual(expect.arrayContaining(['taskpane.html', 'commands.html', 'assets/icon-80.png']));
    expect(addresses.filter((a) => !fs.existsSync(path.join(dist, a)))).toEqual([]);
  });

  it('keeps exceljs out of what the Excel task pane loads; only Compare, when used, loads the file reader', () => {
    const exceljsBuild = fs.readFileSync(path.join(ROOT, 'node_modules/exceljs/dist/exceljs.min.js'), 'utf8');
    for (const marker of EXCELJS_MARKERS) expect(exceljsBuild).toContain(marker); // the markers are real

    // What the pane loads when it opens: no exceljs.
    const { files, modules } = entryOutput('taskpane', false);
    expect(modules.filter((m) => /[\\/]node_modules[\\/]exceljs[\\/]/.test(m))).toEqual([]);
    expect(fs.readdirSync(dist).filter((f) => /^taskpane.*\.js$/.test(f)).length).toBeGreaterThan(0);
    for (const file of files) {
      const js = read(file);
      for (const marker of EXCELJS_MARKERS)
        expect({ file, found: js.includes(marker) }).toEqual({ file, found: false });
    }
    // Loaded later, on Compare with an earlier file only: every chunk holding exceljs belongs to the
    // compare reader's chunk group (its import's webpackChunkName), never to the pane's own entry (the
    // browser page, which reads files anyway, may share the chunk).
    const entry = stats.compilation.entrypoints.get('taskpane')!;
    const groups: string[] = [];
    for (const chunk of entry.chunks)
      for (const a of chunk.getAllAsyncChunks()) {
        const mods = [...stats.compilation.chunkGraph.getChunkModulesIterable(a)].map(
          (m) => m.nameForCondition() ?? '',
        );
        if (!mods.some((m) => /[\\/]node_modules[\\/]exceljs[\\/]/.test(m))) continue;
        for (const g of a.groupsIterable) groups.push(String(g.name));
      }
    expect(groups.length).toBeGreaterThan(0);
    expect(groups).toContain('compare-reader');
    expect(groups).not.toContain('taskpane');
    // The engine's worker, which the pane starts, loads exceljs only when the browser page opens a file.
    expect(groups.filter((g) => !['compare-reader', 'browser', 'worker-reader'].includes(g))).toEqual([]);
  });

  it('loads office.js on the task pane from Microsoft’s CDN, before the app’s scripts, with its telemetry stopped first', () => {
    const scripts = scriptSources(read('taskpane.html'));
    // office-telemetry-off.js must run before office.js, which makes its telemetry frame as it loads.
    expect(scripts.slice(0, 2)).toEqual(['office-telemetry-off.js', CDN_OFFICE_JS]);
    expect(scripts.slice(2).every((s) => !/^[a-z]+:|^\/\//i.test(s))).toBe(true); // the rest are our own files
    expect(scriptSources(read('commands.html')).slice(0, 2)).toEqual(['office-telemetry-off.js', CDN_OFFICE_JS]);
    // The report window the pane opens in Excel on a Mac (an Office dialog) loads office.js the same way.
    expect(scriptSources(read('report-window.html')).slice(0, 2)).toEqual(['office-telemetry-off.js', CDN_OFFICE_JS]);
    expect(read('office-telemetry-off.js')).toContain('loadProxyFrame');
  });

  it('never loads office.js or Excel-only code on the browser page', () => {
    for (const page of ['browser.html', 'index.html']) {
      const html = read(page);
      expect(html).not.toMatch(/office(\.debug)?\.js|appsforoffice/i);
      expect(scriptSources(html).every((s) => !/^[a-z]+:|^\/\//i.test(s))).toBe(true);
    }
    const { files, modules } = entryOutput('browser');
    // The page shares the pane's React views (src/taskpane/App.tsx) but never the Office.js port.
    expect(modules.filter((m) => /[\\/]src[\\/](excel|commands)[\\/]/.test(m))).toEqual([]);
    expect(modules.filter((m) => /[\\/]node_modules[\\/]@microsoft[\\/]office-js/.test(m))).toEqual([]);
    for (const file of files) {
      const js = read(file);
      for (const marker of OFFICE_ONLY_MARKERS)
        expect({ file, marker, found: js.includes(marker) }).toEqual({ file, marker, found: false });
    }
  });

  it('gives every page a Content-Security-Policy before any script: scripts from itself (and office.js’s hosts in Office), connections to itself', () => {
    const pages: [string, string[]][] = [
      ['taskpane.html', ["'self'", ...OFFICE_JS_HOSTS]],
      ['commands.html', ["'self'", ...OFFICE_JS_HOSTS]],
      ['report-window.html', ["'self'", ...OFFICE_JS_HOSTS]],
      ['browser.html', ["'self'"]],
      ['index.html', ["'self'"]],
    ];
    for (const [page, scripts] of pages) {
      const html = read(page);
      const policy = csp(html);
      expect({ page, scripts: policy.get('script-src') }).toEqual({ page, scripts });
      expect({ page, connect: policy.get('connect-src') }).toEqual({ page, connect: ["'self'"] });
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(html).not.toMatch(/unsafe-eval/);
      expect(html.search(/http-equiv="Content-Security-Policy"/i)).toBeLessThan(html.search(/<script\b/i) >>> 0);
    }
  });

  it('allows the dev server’s websocket in development builds only', async () => {
    const dev = await configWith({}, 'development');
    for (const page of ['taskpane.html', 'browser.html']) {
      const policy = parsePolicy(htmlOptions(dev, page).templateParameters?.csp ?? '');
      expect(policy.get('connect-src')).toEqual(["'self'", 'ws://localhost:3000', 'wss://localhost:3000']);
      expect(policy.get('script-src')).not.toContain("'unsafe-eval'");
    }
    expect(dev.devtool).not.toMatch(/eval/); // eval source maps would need 'unsafe-eval'
    const prod = await configWith({}, 'production');
    expect(parsePolicy(htmlOptions(prod, 'taskpane.html').templateParameters?.csp ?? '').get('connect-src')).toEqual([
      "'self'",
    ]);
  });

  it('switches every manifest address to PLANCHECK_URL in production', async () => {
    const config = await configWith({ PLANCHECK_URL: 'https://plancheck.example.gov.uk/asc' }, 'production');
    const pattern = copyPatterns(config).find((p) => p.from === 'manifest.xml');
    const source = fs.readFileSync(path.join(ROOT, 'manifest.xml'));
    const switched = String(pattern?.transform?.(source, path.join(ROOT, 'manifest.xml')));
    expect(switched).not.toContain('localhost');
    const count = (s: string, sub: string) => s.split(sub).length - 1;
    expect(count(switched, 'https://plancheck.example.gov.uk/asc/')).toBe(count(source.toString(), DEV_URL));
    await expect(configWith({ PLANCHECK_URL: 'http://plancheck.example.gov.uk/' }, 'production')).rejects.toThrow(
      /https/,
    );
  });

  it('serves office.js from the package with OFFICE_JS=local, and then allows scripts from itself only', async () => {
    const config = await configWith({ OFFICE_JS: 'local' }, 'production');
    const pane = htmlOptions(config, 'taskpane.html').templateParameters;
    expect(pane?.officeJsUrl).toBe('office-js/office.js');
    expect(parsePolicy(pane?.csp ?? '').get('script-src')).toEqual(["'self'"]);
    const pattern = copyPatterns(config).find((p) => p.to === 'office-js');
    expect(pattern).toBeDefined();
    expect(fs.existsSync(path.join(ROOT, String(pattern?.from), 'office.js'))).toBe(true);
  });
});

describe('item 10: what office.js needs to load, and nothing else', () => {
  it('item 10: the Office pages allow scripts from office.js’s hosts (today’s, the announced one, MicrosoftAjax’s) and no other', async () => {
    const config = await configWith({}, 'production');
    for (const page of ['taskpane.html', 'commands.html']) {
      const policy = parsePolicy(htmlOptions(config, page).templateParameters?.csp ?? '');
      expect({ page, scripts: policy.get('script-src') }).toEqual({ page, scripts: ["'self'", ...OFFICE_JS_HOSTS] });
      expect({ page, connect: policy.get('connect-src') }).toEqual({ page, connect: ["'self'"] });
      expect(policy.get('default-src')).toEqual(["'self'"]);
    }
    const browser = parsePolicy(htmlOptions(config, 'browser.html').templateParameters?.csp ?? '');
    expect(browser.get('script-src')).toEqual(["'self'"]);
    const local = await configWith({ OFFICE_JS: 'local' }, 'production');
    expect(parsePolicy(htmlOptions(local, 'taskpane.html').templateParameters?.csp ?? '').get('script-src')).toEqual([
      "'self'",
    ]);
  });
});
