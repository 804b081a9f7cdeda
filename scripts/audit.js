#!/usr/bin/env node
'use strict';
/**
 * Dependency audit policy (see README "Security"):
 * - a high or critical advisory in a runtime dependency (what ships in the add-in, the page or the CLI) fails;
 * - advisories in development tools, and moderate or low ones, are printed and do not fail;
 * - when the registry's audit service cannot be reached (as on networks that only mirror packages),
 *   the audit says so loudly and does not fail the build.
 */
const { spawnSync } = require('child_process');

function audit(extra) {
  const run = spawnSync('npm', ['audit', '--json', ...extra], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  try {
    const report = JSON.parse(run.stdout || '{}');
    if (report.vulnerabilities) return { report };
    return { why: report.error ? report.error.summary || report.error.code || 'no answer' : 'no answer' };
  } catch {
    return { why: (run.stderr || 'no answer').trim().split('\n').pop() };
  }
}

const runtime = audit(['--omit=dev']);
if (!runtime.report) {
  console.log(`AUDIT NOT RUN: the registry's audit service did not answer (${runtime.why}). Nothing was checked.`);
  process.exit(0);
}
const all = audit([]);
const failing = [];
for (const [name, v] of Object.entries(runtime.report.vulnerabilities)) {
  console.log(`runtime  ${v.severity.padEnd(8)} ${name}`);
  if (v.severity === 'high' || v.severity === 'critical') failing.push(name);
}
for (const [name, v] of Object.entries((all.report && all.report.vulnerabilities) || {})) {
  if (!(name in runtime.report.vulnerabilities)) console.log(`dev-only ${v.severity.padEnd(8)} ${name}`);
}
if (failing.length > 0) {
  console.error(`Audit failed: high or critical advisories in runtime dependencies: ${failing.join(', ')}`);
  process.exit(1);
}
console.log('Audit passed under the policy.');
