/**
 * webpack build for PlanCheck's pages:
 *   taskpane.html  the Excel task pane (React + Fluent UI, office.js from Microsoft's CDN or a local copy)
 *   report-window.html  the window the pane shows the evidence report in, in Excel on a Mac (an Office
 *                  dialog on the pane's own site, src/taskpane/reportWindow.ts); no React
 *   browser.html   the same app without Excel, on an .xlsx opened with the File API (also index.html);
 *                  it never loads office.js and is the only page that bundles exceljs
 *   commands.html  the ribbon's function file (the button only opens the pane)
 *
 * Environment:
 *   PLANCHECK_URL=https://host/path/  production only: dist/manifest.xml points there instead of https://localhost:3000/
 *   OFFICE_JS=local                   serve office.js from node_modules/@microsoft/office-js (dist/office-js/)
 *   PLANCHECK_HTTPS=1                 dev server over HTTPS with the Office dev certificates (Excel needs it);
 *                                     plain HTTP otherwise, for the browser page and the Chromium tests
 */
'use strict';

const webpack = require('webpack');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

// office-addin tooling sends usage data unless told not to; PlanCheck sends nothing anywhere.
process.env.OFFICE_ADDIN_USAGE_DATA_OPT_OUT = 'true';

const DEV_PORT = 3000;
const DEV_URL = `https://localhost:${DEV_PORT}/`;
/** Stops office.js making its telemetry frame; loaded before office.js (src/taskpane/officeTelemetryOff.js). */
const TELEMETRY_OFF = { from: 'src/taskpane/officeTelemetryOff.js', to: 'office-telemetry-off.js' };
const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/**
 * Where office.js loads its parts from, and nothing more: its CDN host today; the host Microsoft
 * has announced it is moving office.js to; and ajax.aspnetcdn.com, from which office.js fetches
 * MicrosoftAjax.js in the hosts that need it.
 */
const OFFICE_JS_HOSTS = [
  'https://appsforoffice.microsoft.com',
  'https://officeapis.public.onecdn.static.microsoft',
  'https://ajax.aspnetcdn.com',
];

/** The deployment URL for the manifest, checked: Office only loads add-ins over HTTPS. */
function deploymentUrl() {
  const raw = process.env.PLANCHECK_URL;
  if (!raw) return undefined;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PLANCHECK_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== 'https:')
    throw new Error(`PLANCHECK_URL must be an https:// address (Office requires it): ${raw}`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/**
 * The Content-Security-Policy of each page: scripts only from the site itself (and, on pages that
 * run in Office, from the hosts office.js loads from, OFFICE_JS_HOSTS), connections only to the
 * site itself. Fluent UI
 * v9 (Griffel) inserts its styles at run time, hence 'unsafe-inline' for styles only. The dev
 * server's live-reload websocket is allowed in development builds and nowhere else.
 */
function contentSecurityPolicy({ officeJsFromCdn, development }) {
  const scripts = ["'self'"];
  if (officeJsFromCdn) scripts.push(...OFFICE_JS_HOSTS);
  const connect = ["'self'"];
  if (development) connect.push(`ws://localhost:${DEV_PORT}`, `wss://localhost:${DEV_PORT}`);
  return [
    "default-src 'self'",
    `script-src ${scripts.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

async function devServerTransport(useHttps) {
  if (!useHttps) return 'http';
  const devCerts = require('office-addin-dev-certs');
  return { type: 'https', options: await devCerts.getHttpsServerOptions() };
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  const development = mode === 'development';
  const officeJsLocal = process.env.OFFICE_JS === 'local';
  const officeJsUrl = officeJsLocal ? 'office-js/office.js' : OFFICE_JS_CDN;
  const manifestUrl = development ? undefined : deploymentUrl();
  const serving = Boolean(env.WEBPACK_SERVE);

  const officePage = { officeJsUrl, csp: contentSecurityPolicy({ officeJsFromCdn: !officeJsLocal, development }) };
  const plainPage = { csp: contentSecurityPolicy({ officeJsFromCdn: false, development }) };
  const page = (template, filename, chunk, parameters) =>
    new HtmlWebpackPlugin({
      template,
      filename,
      chunks: [chunk],
      templateParameters: parameters,
      scriptLoading: 'defer',
      minify: false, // the pages are a few hundred bytes; readable HTML in dist/ is worth more
    });

  const copies = [
    { from: 'assets', to: 'assets' },
    TELEMETRY_OFF,
    {
      from: 'manifest.xml',
      to: 'manifest.xml',
      transform: (content) => (manifestUrl ? content.toString().split(DEV_URL).join(manifestUrl) : content),
    },
    { from: 'samples/*.xlsx', to: 'samples/[name][ext]', noErrorOnMissing: true },
  ];
  if (officeJsLocal) {
    copies.push({
      from: 'node_modules/@microsoft/office-js/dist',
      to: 'office-js',
      globOptions: { ignore: ['**/*.debug.js', '**/*.d.ts', '**/office-vsdoc.js'] },
      info: { minimized: true }, // Microsoft's files as published: no second minification (it takes minutes)
    });
  }

  return {
    mode,
    context: __dirname,
    // ExcelApi 1.9 means Office 2021 or Microsoft 365, whose pane is WebView2 (Chromium) or Safari's WebKit.
    target: ['web', 'es2020'],
    devtool: development ? 'cheap-module-source-map' : 'source-map', // no eval: the CSP forbids it
    entry: {
      taskpane: './src/taskpane/index.tsx',
      browser: './src/browser/index.tsx',
      commands: './src/commands/commands.ts',
      reportWindow: './src/taskpane/reportWindowPage.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: development ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: development ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
    },
    // The pages come from HtmlWebpackPlugin templates; webpack's own HTML handling (and minifier) stays out.
    experiments: { html: false },
    resolve: { extensions: ['.ts', '.tsx', '.mjs', '.js'] },
    module: {
      // exceljs's browser build is one prebuilt UMD file: nothing in it for webpack to resolve.
      noParse: /[\\/]node_modules[\\/]exceljs[\\/]dist[\\/]exceljs(\.min)?\.js$/,
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // Type checking is `npm run typecheck`; ES modules here let webpack drop unused Fluent UI.
            options: { transpileOnly: true, compilerOptions: { module: 'es2020', sourceMap: true } },
          },
        },
      ],
    },
    optimization: {
      splitChunks: {
        chunks: 'all',
        cacheGroups: {
          // React and Fluent UI, shared by the task pane and the browser page and cached between them.
          // Only what the pages need at start: what the tabs opened later use comes with them (lazyTabs.tsx).
          ui: {
            chunks: 'initial',
            test: /[\\/]node_modules[\\/](react|react-dom|scheduler|@fluentui|@griffel|@floating-ui|tabster|keyborg|@swc|use-sync-external-store|@emotion|stylis|rtl-css-js)[\\/]/,
            name: 'ui',
            priority: 20,
            reuseExistingChunk: true,
          },
          // Only the browser page imports exceljs, so only the browser page loads this chunk.
          exceljs: { test: /[\\/]node_modules[\\/]exceljs[\\/]/, name: 'exceljs', priority: 30 },
        },
      },
    },
    performance: development
      ? false
      : {
          hints: 'warning',
          // The ui and exceljs chunks are large by nature and cached; warn only beyond what they should be.
          maxAssetSize: 1_600_000,
          maxEntrypointSize: 2_200_000,
          assetFilter: (file) => file.endsWith('.js'),
        },
    plugins: [
      page('./src/taskpane/taskpane.html', 'taskpane.html', 'taskpane', officePage),
      page('./src/browser/browser.html', 'browser.html', 'browser', plainPage),
      page('./src/browser/browser.html', 'index.html', 'browser', plainPage),
      page('./src/commands/commands.html', 'commands.html', 'commands', officePage),
      page('./src/taskpane/reportWindow.html', 'report-window.html', 'reportWindow', officePage),
      new CopyWebpackPlugin({ patterns: copies }),
      // The version the evidence report names.
      new webpack.DefinePlugin({ __PLANCHECK_VERSION__: JSON.stringify(require('./package.json').version) }),
    ],
    devServer: serving
      ? {
          port: DEV_PORT,
          host: 'localhost',
          server: await devServerTransport(process.env.PLANCHECK_HTTPS === '1'),
          static: false,
          hot: true,
          client: { overlay: { errors: true, warnings: false } },
        }
      : undefined,
  };
};

module.exports.contentSecurityPolicy = contentSecurityPolicy;
module.exports.DEV_URL = DEV_URL;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
module.exports.TELEMETRY_OFF = TELEMETRY_OFF;
module.exports.OFFICE_JS_HOSTS = OFFICE_JS_HOSTS;
