/** Command-line arguments: a command, a file and a few flags. */

export interface CliArgs {
  command: string;
  file: string | null;
  json: boolean;
  config: string | null;
  out: string | null;
  help: boolean;
  /** For `risks`: write score columns and the heat map into --out. For `check`: mark cells. */
  sheet: string | null;
  /** For `check`: write the evidence report here (.html, or .json). */
  report: string | null;
  /** For `compare OLD NEW`: the newer workbook. */
  second: string | null;
  /** Style of new tables (--style): the workbook's own ("house") or PlanCheck's plain; null: the settings'. */
  style: 'house' | 'plain' | null;
  /** For `check`: every workbook or folder named (check takes several; `file` is the first). */
  files: string[];
  /** For checking several workbooks: how many at once (--jobs); null: one per core. */
  jobs: number | null;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const VALUE_FLAGS = new Set(['--config', '--out', '--sheet', '--report', '--style', '--jobs']);

export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = {
    command: '',
    file: null,
    json: false,
    config: null,
    out: null,
    help: false,
    sheet: null,
    report: null,
    second: null,
    style: null,
    files: [],
    jobs: null,
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--json') args.json = true;
    else if (VALUE_FLAGS.has(flag)) {
      const value = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value.`);
      if (flag === '--config') args.config = value;
      else if (flag === '--out') args.out = value;
      else if (flag === '--report') {
        if (!/\.(html?|json)$/i.test(value)) throw new UsageError('--report needs a file ending .html or .json.');
        args.report = value;
      } else if (flag === '--style') {
        if (value !== 'house' && value !== 'plain') throw new UsageError('--style needs house or plain.');
        args.style = value;
      } else if (flag === '--jobs') {
        if (!/^[1-9]\d{0,2}$/.test(value))
          throw new UsageError('--jobs needs a whole number of workbooks to check at once, 1 or more.');
        args.jobs = Number(value);
      } else args.sheet = value;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`Unknown option ${a}.`);
    else positional.push(a);
  }
  args.command = positional[0] ?? '';
  args.file = positional[1] ?? null;
  args.files = positional.slice(1);
  const files = args.command === 'compare' ? 3 : 2;
  if (args.command === 'compare') args.second = positional[2] ?? null;
  if (positional.length > files && args.command !== 'check') {
    throw new UsageError(`Unexpected argument ${positional[files]}.`);
  }
  return args;
}

export const HELP = `plancheck: check councils' Adult Social Care plan workbooks (.xlsx).

Usage:
  plancheck tables    FILE [--json] [--config CFG]
  plancheck check     FILE [--json] [--config CFG] [--out ANNOTATED.xlsx] [--report REPORT.html|.json]
  plancheck check     FOLDER|FILE... [--json] [--config CFG] [--report REPORT.html] [--jobs N]
  plancheck risks     FILE [--json] [--config CFG] [--out OUT.xlsx]
  plancheck project   FILE  --config CFG [--json] [--out OUT.xlsx] [--style house|plain]
  plancheck benchmark FILE [--json] [--config CFG] [--out OUT.xlsx]
  plancheck compare   OLD.xlsx NEW.xlsx [--json] [--config CFG] [--out OUT.xlsx] [--style house|plain]

Commands:
  tables     list every table found: sheet, range, kind, column roles, years, units
  check      validate cash limits, funding and totals; --out writes a copy with the cells
             marked and a "Validation report" sheet. Given a folder (every .xlsx and .xlsm in
             it and its subfolders) or several files, checks them all at once, one line per
             workbook and a summary; --json prints one JSON record per line per workbook,
             --report one HTML page for them all
  risks      score risk registers and check what they state; --out adds score columns,
             a heat map and a ranked list
  project    build projection tables (budget, cost/benefit, savings envelope, demand)
             from the config's assumptions; --out inserts them as live formulas
  benchmark  compare the council with its comparators; --out inserts the table
  compare    what changed between two versions of a plan (figures, lines, years, formulas,
             totals typed over), matched by meaning not position; --out writes a copy of
             NEW with the budget bridge on a new sheet

Options:
  --json        print the result as JSON on stdout
  --config CFG  settings as JSON (see the README): rounding, uplift, cashLimits, risk,
                benchmark, tables (your corrections to what was found), projections
  --out FILE    write a changed copy of the workbook (the input is never changed)
  --style S     for project, benchmark and compare: new tables take the look of the workbook's
                main plan table (house, the default) or PlanCheck's plain style
                (plain); the config's "style" says the same
  --report FILE for check: the evidence of the check (file, SHA-256, settings, tables,
                rules run, findings, accepted findings) as one HTML page, or as JSON
                when FILE ends .json
  --jobs N      for several workbooks: how many to check at once (default: one per core)
  --help        this text

Accepted findings (settings "accepted", kept in the workbook or given in --config) are listed
apart and do not count for the exit status.

Exit status: 0 no error-level finding, 1 at least one error-level finding,
             2 the input could not be used (missing, not an .xlsx, corrupt, password-protected);
             for several workbooks, the worst of theirs (a damaged one is said and the rest
             still checked).
`;
