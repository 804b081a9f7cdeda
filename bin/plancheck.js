#!/usr/bin/env node
'use strict';
// The CLI is compiled to lib/ by `npm ci` (the package's prepare script) or `npm run build:cli`.
//
// The exit status is set with process.exitCode, never process.exit(): stdout to a pipe is written
// asynchronously, and exiting at once would cut the output (at 64 KB, say) and leave invalid JSON.
// Node exits by itself, with that status, once everything written has drained.
let main = null;
try {
  main = require('../lib/cli/main.js').main;
} catch (e) {
  if (!e || e.code !== 'MODULE_NOT_FOUND') throw e;
  process.stderr.write('plancheck is not built yet: run `npm run build:cli` (npm ci does it for you).\n');
  process.exitCode = 2;
}
// A reader that stops early (`plancheck ... | head`) closes the pipe: what is left is not written,
// and the command still ends with its own exit status, instead of dying on an unhandled EPIPE.
process.stdout.on('error', (e) => {
  if (!e || e.code !== 'EPIPE') throw e;
});
if (main) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`plancheck: ${e && e.message ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
