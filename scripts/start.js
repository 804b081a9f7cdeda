#!/usr/bin/env node
'use strict';
/**
 * `npm start`: with Excel (Windows, macOS, or PLANCHECK_EXCEL=1) sideload the add-in through
 * office-addin-debugging, which trusts the localhost certificate, starts the HTTPS dev server and
 * opens Excel; without Excel, serve the browser page over HTTP with the sample plan open.
 *
 * `npm run start:excel` (node scripts/start.js excel): sideload in Excel, or say in one sentence what
 * is missing. `npm run stop` (node scripts/start.js stop): end the sideloaded session.
 */
const { spawn } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const onWindows = process.platform === 'win32';
const action = process.argv[2] ?? 'auto'; // auto | excel | stop
if (!['auto', 'excel', 'stop'].includes(action)) {
  console.error(`Unknown action "${action}": use start.js, start.js excel or start.js stop.`);
  process.exit(2);
}
const wantsExcel =
  action !== 'auto' || onWindows || process.platform === 'darwin' || process.env.PLANCHECK_EXCEL === '1';
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
if (action !== 'auto' && !canSideload) {
  console.error(
    `npm run ${action === 'stop' ? 'stop' : 'start:excel'} needs office-addin-debugging, an optional dependency that ` +
      'did not install here (it builds keytar, which needs libsecret: apt-get install libsecret-1-dev on Debian), ' +
      'and Excel on Windows or macOS; without Excel, `npm start` serves the browser page.',
  );
  process.exit(1);
}
if (wantsExcel && !canSideload) {
  console.log(
    'Excel sideloading tools are not installed (office-addin-debugging is optional and did not install here, ' +
      'usually because keytar could not be built). Starting the browser page instead; ' +
      'to sideload, run `npm install office-addin-debugging` and then `npm start` again.',
  );
}

if (action === 'stop') {
  run(sideloader, ['stop', 'manifest.xml'], {});
} else if (wantsExcel && canSideload) {
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
