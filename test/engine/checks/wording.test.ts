/**
 * What a finance officer reads in a finding: money in the table's units, said once; negatives as
 * the workbook shows them; years spelt as the workbook spells them.
 */
import { validate } from '../../../src/engine/checks';
import type { Finding } from '../../../src/engine/findings';
import type { CellValue, SheetSnapshot } from '../../../src/engine/grid';
import { snapshotFromRows } from '../../../src/engine/grid';
import type { Settings } from '../../../src/engine/settings';
import { readTables } from '../../../src/engine/tables';
import { FigureWords, poundsShort, spellYear, yearSpellingOf } from '../../../src/engine/say';
import { workbook } from '../helpers';

function check(sheet: SheetSnapshot, settings: Settings = {}): Finding[] {
  const wb = workbook(sheet);
  return validate(wb, readTables(wb, settings), settings);
}

/** A sheet whose figure cells (from row 3, column B) carry one number format. */
function formatted(rows: CellValue[][], code: string): SheetSnapshot {
  const s = snapshotFromRows('Plan', rows);
  s.numberFormats = s.values.map((r, i) => r.map((v, j) => (i >= 2 && j >= 1 && typeof v === 'number' ? code : null)));
  return s;
}

describe('a savings plan in £000 with negatives in brackets and years as 2024-25', () => {
  const rows: CellValue[][] = [
    ['Adult Social Care savings (£000)'],
    ['Service', '2024-25', '2025-26'],
    ['Home care', -1234, -1400],
    ['Day care', -800, -900],
    ['Total', -2046, -2300],
  ];
  const findings = check(formatted(rows, '#,##0;(#,##0)'));

  test('the total a figure out says its figures in brackets, the unit once and the year as the sheet has it', () => {
    const f = findings.find((x) => x.cell === 'B5');
    expect(f?.message).toBe(
      'Total for 2024-25 is (2,046) (£000), but the 2 figures it totals add up to (2,034), 12 more',
    );
    expect(f?.message.match(/£000/g)).toHaveLength(1);
    expect(f?.message).not.toContain('2024/25');
  });

  test('the same sheet without a bracket format says -2,046', () => {
    const plain = check(formatted(rows, '#,##0')).find((x) => x.cell === 'B5');
    expect(plain?.message).toBe(
      'Total for 2024-25 is -2,046 (£000), but the 2 figures it totals add up to -2,034, 12 more',
    );
  });
});

describe('a financial plan with 2024-25 headers against cash limits set as 2024/25', () => {
  test('the cash limit is matched by its start year and said in the workbook spelling', () => {
    const sheet = snapshotFromRows('Plan', [
      ['Service (£000)', '2024-25', '2025-26'],
      ['Home care', 60000, 61000],
      ['Residential care', 74025, 76000],
      ['Total net requirement', 134025, 137000],
    ]);
    const settings: Settings = { cashLimits: { '2024/25': 133000 } };
    const f = check(sheet, settings).find((x) => x.rule === 'cashlimit.over');
    expect(f?.message).toBe(
      'The net requirement for 2024-25 is 134,025 (£000), 1,025 over the cash limit of 133,000 (set in Settings › Cash limits)',
    );
  });
});

describe('other units', () => {
  test('a table of percentages says % with every figure; one in days says the unit once and "days" with an amount', () => {
    const pct = new FigureWords({ unit: { label: '%', multiplier: 1 }, brackets: false });
    expect([pct.fig(100), pct.fig(99.9), pct.amount(-0.1)]).toEqual(['100%', '99.9%', '0.1%']);
    const days = new FigureWords({ unit: { label: 'days', multiplier: 1 }, brackets: false });
    expect([days.fig(12526), days.fig(12527), days.amount(-1)]).toEqual(['12,526 days', '12,527', '1 day']);
    const pounds = new FigureWords({ unit: { label: '£', multiplier: 1 }, brackets: true });
    expect([pounds.fig(-350), pounds.amount(-350)]).toEqual(['(£350)', '£350']);
  });
});

describe('pounds said short', () => {
  test('£1.9m, £250k, £350, never £1,000k', () => {
    expect(poundsShort(1_900_000)).toBe('£1.9m');
    expect(poundsShort(250_000)).toBe('£250k');
    expect(poundsShort(350)).toBe('£350');
    expect(poundsShort(999_800)).toBe('£1.0m');
    expect(poundsShort(-1_234_000, true)).toBe('(£1.2m)');
    expect(poundsShort(-1_234_000)).toBe('-£1.2m');
  });

  test('a year spelt as a header spells it', () => {
    const spelling = yearSpellingOf('Budget 2024-25')!;
    expect(spellYear(2026, spelling)).toBe('2026-27');
    expect(spellYear(2009, yearSpellingOf('2008/9')!)).toBe('2009/10');
    expect(spellYear(2024, yearSpellingOf('FY24/25')!)).toBe('24/25');
  });
});
