/** Random comparator grids never make benchmark() or buildBenchmarkTable() throw. */
import fc from 'fast-check';
import { benchmark, buildBenchmarkTable } from '../../../src/engine/benchmark';
import type { CellValue } from '../../../src/engine/grid';
import { fixture } from './fixtures';

const headerArb = fc.oneof(
  fc.constantFrom(
    'Indicator',
    'Measure',
    'Description',
    'Manchester',
    'WCC',
    'Stockport',
    'Wigan',
    'Comparator average',
    'Comparators',
    'England average',
    'Comparator rank',
    'Comparator CASSRs',
    'Variance',
    'Good is',
    'Council',
    '2A1',
    '',
    'Cost driver',
  ),
  fc.string({ maxLength: 12 }),
);

const cellArb: fc.Arbitrary<CellValue> = fc.oneof(
  fc.double({ noNaN: false, min: -1e6, max: 1e6 }),
  fc.integer({ min: -5, max: 200 }),
  fc.constantFrom(
    '+7.3%',
    '-12%',
    '(28)',
    '-',
    'n/a',
    '#DIV/0!',
    '1,2O4',
    'High',
    'Lower',
    'Manchester',
    'Comparator average',
    '2C1',
    '£1.5m',
    '',
  ),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.constant(null),
);

describe('benchmark on random comparator grids', () => {
  it('never throws, and every result is well formed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((w) =>
          fc.record({
            header: fc.array(headerArb, { minLength: w, maxLength: w }),
            rows: fc.array(fc.array(cellArb, { minLength: w, maxLength: w }), { maxLength: 8 }),
            own: fc.option(fc.constantFrom('Manchester', 'Worcestershire', 'Stockport', ''), { nil: undefined }),
            band: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
          }),
        ),
        ({ header, rows, own, band }) => {
          const f = fixture('Random', { rows: [header, ...rows], headerRow: 0 });
          const r = benchmark(f.wb, f.read, { benchmark: { own, similarBand: band } });
          for (const i of r.indicators) {
            if (i.quartile !== null) expect([1, 2, 3, 4]).toContain(i.quartile);
            if (i.rank !== null && i.rankFrom === 'computed') expect(i.rank).toBeLessThanOrEqual(i.of as number);
            if (i.percentile !== null && i.rankFrom === 'computed') {
              expect(i.percentile).toBeGreaterThanOrEqual(0);
              expect(i.percentile).toBeLessThanOrEqual(100);
            }
          }
          buildBenchmarkTable(r, { sheet: 'Out', row: 0, col: 0 });
        },
      ),
      { numRuns: 300 },
    );
  });
});
