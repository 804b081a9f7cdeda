#!/usr/bin/env node
'use strict';
/**
 * `npm run validate`: Microsoft's manifest validator (office-addin-manifest), which sends manifest.xml
 * to Microsoft's validation service and so needs the internet. Without it, it says so in a sentence
 * and points at `npm run validate:offline`, which checks the manifest against the schemas here.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const tool = path.join(
  root,
  'node_modules',
  '.bin',
  process.platform === 'win32' ? 'office-addin-manifest.cmd' : 'office-addin-manifest',
);
if (!fs.existsSync(tool)) {
  console.error('npm run validate needs office-addin-manifest: run `npm ci` first.');
  process.exit(2);
}
const file = process.argv[2] ?? 'manifest.xml';
const result = spawnSync(tool, ['validate', file], {
  cwd: root,
  encoding: 'utf8',
  shell: process.platform === 'win32',
  // No usage data from the office-addin tools.
  env: { ...process.env, OFFICE_ADDIN_USAGE_DATA_OPT_OUT: 'true' },
});
const said = `${result.stdout ?? ''}${result.stderr ?? ''}`;
if (/Unable to contact the manifest validation service|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(said)) {
  console.error(
    "Microsoft's manifest validation service could not be reached (it needs the internet). " +
      '`npm run validate:offline` checks manifest.xml against the schemas without a network.',
  );
  process.exit(1);
}
process.stdout.write(result.stdout ?? '');
process.stderr.write(result.stderr ?? '');
process.exit(result.status ?? 1);
