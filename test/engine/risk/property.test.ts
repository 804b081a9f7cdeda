import fc from 'fast-check';
import type { CellValue } from '../../../src/engine/grid';
import { analyseRisks, buildHeatMap, buildRankedList, buildScoreColumns, NHS_5X5 } from '../../../src/engine/risk';
import { registerFromRows } from './fixtures';

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -5, max: 50 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constantFrom(
    'H',
    'M',
    'L',
    'VH',
    'Likely',
    'Major',
    'almost certain',
    '7',
    '3 - Possible',
    'High. text',
    '#REF!',
    '',
    ' ',
  ),
  fc.string(),
);

const HEADERS = [
  'Ref',
  'Risk',
  'Likelihood',
  'Impact',
  'Score',
  'Rating',
  'Owner',
  'Controls',
  'Review date',
  'Residual score',
];

describe('random register cells', () => {
  test('never make analyseRisks or the builders throw', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: HEADERS.length, maxLength: HEADERS.length }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.constantFrom<Record<string, unknown>>({}, { risk: { preset: '3x3' } }, { risk: { preset: 'bogus' } }),
        (rows, settings) => {
          const f = registerFromRows([HEADERS, ...rows]);
          const result = analyseRisks(f.wb, f.read, settings, { today: new Date(2025, 0, 1) });
          for (const reg of result.registers) {
            for (const r of reg.risks) {
              if (r.score !== null) expect(r.score).toBe((r.likelihood as number) * (r.impact as number));
            }
            buildScoreColumns(reg, NHS_5X5);
          }
          buildHeatMap(result, NHS_5X5, 'Heat');
          buildRankedList(result, 'Ranked');
          for (const finding of result.findings) expect(finding.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
