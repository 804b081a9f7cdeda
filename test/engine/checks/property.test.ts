/**
 * Bad input never makes the reader or the checks throw: random grids of figures, words, printed
 * figures gone wrong, error values and formulas give findings or nothing.
 */
import fc from 'fast-check';
import { validate } from '../../../src/engine/checks';
import type { CellValue } from '../../../src/engine/grid';
import { snapshotFromRows } from '../../../src/engine/grid';
import { parseFigure } from '../../../src/engine/numbers';
import { readTables } from '../../../src/engine/tables';
import { workbook, withFormulas } from '../helpers';

const printed = fc.oneof(
  fc.constantFrom(
    'Total',
    'Totals',
    'Grants',
    'Mainstream',
    'Funded by :',
    '2024/25',
    '2025-26',
    'Year 1 2008/9',
    '£000',
    '£m',
  ),
  fc.constantFrom(
    '(28)',
    '£4,436',
    '(10%)',
    '£1.5m',
    '4,225k',
    '–',
    'nil',
    '-',
    '1,2O4',
    '12.3.4',
    '#REF!',
    '#DIV/0!',
    '',
  ),
  fc.constantFrom('Risk', 'Likelihood', 'Impact', 'Rating', 'Owner', 'Comparator average', 'Source', 'Gross', 'Net'),
  fc.string({ maxLength: 12 }),
);
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.integer({ min: -100000, max: 100000 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: false }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 3, arbitrary: printed },
);
const grid = fc.array(fc.array(cell, { minLength: 0, maxLength: 9 }), { minLength: 0, maxLength: 14 });

describe('random workbooks', () => {
  test('the reader and every check give findings or nothing, never an exception', () => {
    fc.assert(
      fc.property(grid, fc.nat({ max: 5 }), fc.nat({ max: 5 }), (rows, down, right) => {
        const sheet = snapshotFromRows('Random', rows, { row: down, col: right });
        const wb = workbook(sheet);
        const read = readTables(wb, { cashLimits: { '2024/25': 100 } });
        const findings = validate(wb, read, { cashLimits: { '2024/25': 100 } });
        for (const f of findings) {
          expect(typeof f.message).toBe('string');
          expect(f.cell).toMatch(/^[A-Z]+\d+$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('random SUM formulas in a totals row never throw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.string({ maxLength: 20 }),
        (a, b, junk) => {
          const rows: CellValue[][] = [
            ['Spend', '2024/25', '2025/26'],
            ['A', 1, 2],
            ['B', 3, 4],
            ['Total', 4, 6],
          ];
          const sheet = withFormulas(snapshotFromRows('F', rows), { B4: `=SUM(B${a}:B${b})`, C4: `=${junk}` });
          const wb = workbook(sheet);
          validate(wb, readTables(wb));
        },
      ),
      { numRuns: 200 },
    );
  });

  test('any text is read as a figure, a blank, a nil, an error, words or a bad figure', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(['number', 'blank', 'nil', 'error', 'text', 'bad']).toContain(parseFigure(s).kind);
      }),
    );
  });
});
