/**
 * parseArgs: what a user types becomes a command, a file and flags, or a UsageError with one
 * sentence; never any other exception, whatever the argv.
 */
import fc from 'fast-check';

import { parseArgs, UsageError } from '../../src/cli/args';

describe('parseArgs', () => {
  test('compare takes two workbooks, the earlier first', () => {
    expect(parseArgs(['compare', 'v1.xlsx', 'v2.xlsx', '--json'])).toMatchObject({
      command: 'compare',
      file: 'v1.xlsx',
      second: 'v2.xlsx',
      json: true,
    });
    expect(() => parseArgs(['compare', 'a.xlsx', 'b.xlsx', 'c.xlsx'])).toThrow('Unexpected argument c.xlsx.');
    expect(() => parseArgs(['tables', 'a.xlsx', 'b.xlsx'])).toThrow('Unexpected argument b.xlsx.');
    // check takes several workbooks (or a folder): the folder check.
    expect(parseArgs(['check', 'a.xlsx', 'b.xlsx', '--jobs', '2'])).toMatchObject({
      file: 'a.xlsx',
      files: ['a.xlsx', 'b.xlsx'],
      jobs: 2,
    });
  });

  test('a command, a file and the flags, in any order, with --flag value or --flag=value', () => {
    expect(parseArgs(['check', 'plan.xlsx', '--json', '--config', 'cfg.json', '--out=checked.xlsx'])).toEqual({
      command: 'check',
      file: 'plan.xlsx',
      json: true,
      config: 'cfg.json',
      out: 'checked.xlsx',
      report: null,
      second: null,
      help: false,
      sheet: null,
      style: null,
      files: ['plan.xlsx'],
      jobs: null,
    });
    expect(parseArgs(['project', 'book.xlsx', '--style', 'plain']).style).toBe('plain');
    expect(parseArgs(['project', 'book.xlsx', '--style=house']).style).toBe('house');
    expect(parseArgs(['--json', 'risks', '--sheet', 'Risk register', 'plan.xlsx'])).toMatchObject({
      command: 'risks',
      file: 'plan.xlsx',
      json: true,
      sheet: 'Risk register',
    });
    expect(parseArgs(['-h']).help).toBe(true);
  });

  test.each([
    [['check', 'plan.xlsx', '--verbose'], /^Unknown option --verbose\.$/],
    [['check', 'plan.xlsx', '--config'], /^--config needs a value\.$/],
    [['check', 'plan.xlsx', '--out='], /^--out needs a value\.$/],
    [['risks', 'a.xlsx', 'b.xlsx'], /^Unexpected argument b\.xlsx\.$/],
    [['check', 'a.xlsx', 'b.xlsx', '--jobs', '0'], /^--jobs needs a whole number/],
    [['project', 'a.xlsx', '--style', 'fancy'], /^--style needs house or plain\.$/],
  ])('%j is a UsageError: %s', (argv, says) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(says);
  });

  test('property: on any argv it returns arguments or throws a UsageError, nothing else', () => {
    const word = fc.oneof(
      fc.constantFrom('check', 'tables', 'risks', 'project', 'benchmark', 'plan.xlsx', '-', '--', '-h', '--help'),
      fc.constantFrom('--json', '--config', '--out', '--sheet', '--config=', '--out=x.xlsx', '--=', '-x', '--jsn'),
      fc.string(),
      fc.string({ unit: 'grapheme' }).map((s) => `--${s}`),
      fc.string().map((s) => `--config=${s}`),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (argv) => {
        try {
          const args = parseArgs(argv);
          expect(typeof args.command).toBe('string');
          expect(typeof args.json).toBe('boolean');
          for (const v of [args.file, args.config, args.out, args.sheet])
            expect(v === null || typeof v === 'string').toBe(true);
        } catch (e) {
          if (!(e instanceof UsageError)) throw e;
          expect(e.message).toMatch(/\.$/);
          expect(e.message).not.toContain('\n');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
