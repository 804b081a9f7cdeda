#!/usr/bin/env node
'use strict';
/**
 * `npm start`: with Excel (Windows, macOS, or PLANCHECK_EXCEL=1) sideload the add-in through
 * office-addin-debugging, which trusts the localhost certificate, starts the HTTPS dev server and
 * opens Excel; without Excel, serve the browser page over HTTP with the sample plan open.
 */
const { spawn } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const onWindows = process.platform === 'win32';
const wantsExcel = onWindows || process.platform === 'darwin' || process.env.PLANCHECK_EXCEL === '1';
const fs = require('fs');

// No usage data from any office-addin tool.
const env = { ...process.env, OFFICE_ADDIN_USAGE_DATA_OPT_OUT: 'true' };

function bin(name) {
  return path.join(root, 'node_modules', '.bin', onWindows ? `${name}.cmd` : name);
}

function quote(arg) {
  return onWindows && /\s/.test(arg) ? `"${arg}"` : arg;
}

function run(command, args, extraEnv) {
  // shell: true on Windows, where the .bin entries are .cmd files that only a shell can start.
  const child = spawn(quote(command), args.map(quote), {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: 'inherit',
    shell: onWindows,
  });
  child.on('error', (err) => {
    console.error(`Could not start ${path.basename(command)}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => child.kill(sig));
  }
  return child;
}

// office-addin-debugging is an optional dependency: it needs keytar, which builds from source where
// no prebuilt binary can be fetched and then needs libsecret's headers. Where it did not install,
// the browser page still runs.
const sideloader = bin('office-addin-debugging');
const canSideload = fs.existsSync(sideloader);
if (wantsExcel && !canSideload) {
  console.log(
    'Excel sideloading tools are not installed (office-addin-debugging is optional and did not install here, ' +
      'usually because keytar could not be built). Starting the browser page instead; ' +
      'to sideload, run `npm install office-addin-debugging` and then `npm start` again.',
  );
}

if (wantsExcel && canSideload) {
  console.log('Starting PlanCheck in Excel: the dev server runs on https://localhost:3000/ (npm run stop ends it).');
  // office-addin-debugging starts this command through a shell and waits for port 3000 to answer.
  const devServer = 'npx webpack serve --mode development';
  run(
    sideloader,
    ['start', 'manifest.xml', 'desktop', '--app', 'excel', '--dev-server', devServer, '--dev-server-port', '3000'],
    { PLANCHECK_HTTPS: '1' },
  );
} else {
  console.log(
    'PlanCheck is running without Excel: open http://localhost:3000/browser.html?sample=plancheck-sample.xlsx',
  );
  run(bin('webpack'), ['serve', '--mode', 'development'], {});
}
