'use strict';
// Loaded with --require into each process the CLI bench measures: on exit, writes the process's
// peak resident set size (KB, worker threads included) to the file PLANCHECK_PEAK_RSS_FILE names.
const fs = require('fs');
process.on('exit', () => {
  if (process.env.PLANCHECK_PEAK_RSS_FILE) {
    fs.writeFileSync(process.env.PLANCHECK_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS));
  }
});
