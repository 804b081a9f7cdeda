#!/usr/bin/env node
'use strict';
// The CLI is compiled to lib/ by `npm ci` (the package's prepare script) or `npm run build:cli`.
let main;
try {
  main = require('../lib/cli/main.js').main;
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('plancheck is not built yet: run `npm run build:cli` (npm ci does it for you).\n');
    process.exit(2);
  }
  throw e;
}
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`plancheck: ${e && e.message ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
