/**
 * Planted errors in copies of the seed tables: each is found at its cell, and nothing else is
 * reported beyond what the table as printed already gives.
 */
import { validate } from '../../../src/engine/checks';
import { sortFindings, type Finding } from '../../../src/engine/findings';
import type { CellValue, SheetSnapshot } from '../../../src/engine/grid';
import type { Settings } from '../../../src/engine/settings';
import { readTables } from '../../../src/engine/tables';
import type { SeedName } from '../../../src/samples/seeds';
import { seedSheet, setCells, withFormulas, workbook } from '../helpers';

function findings(sheet: SheetSnapshot, settings: Settings = {}): Finding[] {
  const wb = workbook(sheet);
  return validate(wb, readTables(wb, settings), settings);
}

/** Findings the planted copy gives that the printed table does not. */
function planted(name: SeedName, change: (s: SheetSnapshot) => SheetSnapshot): Finding[] {
  const before = new Set(findings(seedSheet(name)).map((f) => `${f.rule}|${f.cell}|${f.message}`));
  return findings(change(seedSheet(name))).filter((f) => !before.has(`${f.rule}|${f.cell}|${f.message}`));
}

function valueAt(s: SheetSnapshot, address: string): CellValue {
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  return s.values[Number(m[2]) - 1 - s.origin.row][m[1].charCodeAt(0) - 65 - s.origin.col];
}

const brief = (f: Finding) => [f.severity, f.rule, f.cell];

// The Manchester 2009 plan at A1: header rows 4-5; line 05 Equipment and Adaptations on rows 16-19
// (gross by year in E:G, funding by year in I:K); Totals on row 52.
describe('planted in the Manchester 2009 financial plan', () => {
  test('a line short of its cash limit: the cash limit raised (with its total) but not the funding', () => {
    const got = planted('manchester-2009-financial-plan', (s) =>
      setCells(s, { E16: (valueAt(s, 'E16') as number) + 250, E52: (valueAt(s, 'E52') as number) + 250 }),
    );
    expect(got.map(brief)).toEqual([['error', 'funding.sum', 'E16']]);
    expect(got[0].message).toBe(
      'Funding for 05 Equipment and Adaptations in 2009/10 adds up to 6,190 (£000), 250 short of its cash limit of 6,440 (sources: Grants, Contributions, User Income, Mainstream)',
    );
  });

  test('a total typed wrong', () => {
    const got = planted('manchester-2009-financial-plan', (s) => setCells(s, { E52: 188911 }));
    expect(got.map(brief)).toEqual([['error', 'totals.column', 'E52']]);
    expect(got[0]).toMatchObject({ expected: 188811, actual: 188911, difference: 100 });
  });

  test('net above gross (its total moved with it)', () => {
    const got = planted('manchester-2009-financial-plan', (s) =>
      setCells(s, { D16: 6100, D52: (valueAt(s, 'D52') as number) + 6100 - 3908 }),
    );
    expect(got.map(brief)).toEqual([['error', 'funding.net-above-gross', 'D16']]);
  });

  test('a figure with a letter in it is reported once, at its cell, and not as a funding or total error', () => {
    const got = planted('manchester-2009-financial-plan', (s) => setCells(s, { J16: '4,3B9' }));
    expect(got.map(brief)).toEqual([['error', 'figures.unreadable', 'J16']]);
  });
});

// Manchester 2009 "helped to live at home": header row 3, lines 4-7, Total row 8, years in B:E.
describe('planted in a totals grid', () => {
  test('a SUM that stops a row early is found at its cell, and only there', () => {
    const got = planted('manchester-2009-helped-to-live-at-home', (s) => {
      withFormulas(s, { B8: '=SUM(B4:B7)', C8: '=SUM(C4:C6)', D8: '=SUM(D4:D7)', E8: '=SUM(E4:E7)' });
      return setCells(s, { C8: 5704 + 1347 + 1056 });
    });
    // One cause, one finding: the SUM's short range, with the total it gets wrong and the
    // inconsistency with its neighbours folded in.
    expect(got.map(brief)).toEqual([['error', 'formulas.sum-leaves-out', 'C8']]);
    expect(got[0]).toMatchObject({ expected: 8846, actual: 8107, difference: -739 });
    expect(got[0].also?.sort()).toEqual(['formulas.inconsistent', 'totals.column']);
    expect(got[0].message).toBe(
      'C8 totals with =SUM(C4:C6), which leaves out row 7 (People with Mental Health problems); it shows 8,107 where its figures add up to 8,846',
    );
  });

  test('a total typed as a number among formulas', () => {
    const got = planted('manchester-2009-helped-to-live-at-home', (s) =>
      withFormulas(s, { B8: '=SUM(B4:B7)', C8: '=SUM(C4:C7)', E8: '=SUM(E4:E7)' }),
    );
    expect(got.map(brief)).toEqual([['warning', 'formulas.typed-total', 'D8']]);
  });
});

describe('the seed tables as printed', () => {
  test('tables that add up give no error or warning', () => {
    for (const name of [
      'manchester-2009-helped-to-live-at-home',
      'essex-2017-savings-targets',
      'essex-2017-savings-activity',
      'worcestershire-2018-budget',
      'manchester-2019-capacity-plan',
      'birmingham-2008-costs-benefits',
      'birmingham-2008-resource-days',
    ] as SeedName[]) {
      expect([name, findings(seedSheet(name)).filter((f) => f.severity !== 'info')]).toEqual([name, []]);
    }
  });

  test("Birmingham's table 9: the printed running return and benefit ratio are within the rounding of their figures", () => {
    const got = findings(seedSheet('birmingham-2008-costs-benefits'));
    expect(got.every((f) => f.severity === 'info')).toBe(true);
    expect(got.find((f) => f.rule === 'costbenefit.running-return' && f.cell === 'D8')?.message).toBe(
      'Return on investment for 2009/10 is printed as -25,701 (£000), but benefits less costs to date come to -25,700, 1 more: a rounding difference (each of its 6 figures may be out by 0.5)',
    );
    expect(got.find((f) => f.rule === 'costbenefit.ratio' && f.cell === 'M7')?.message).toBe(
      'Benefit ratio for 2018/19 is printed as 456.99%, but benefits of 36,221 (£000) over costs of 79 give 458.49: within what the rounding of those two figures can explain',
    );
  });

  test('a running return typed wrong in table 9 is an error at its cell', () => {
    const got = planted('birmingham-2008-costs-benefits', (s) => setCells(s, { H8: 2440 }));
    expect(got.map(brief)).toEqual([['error', 'costbenefit.running-return', 'H8']]);
  });

  test('the Manchester 2009 plan gives exactly its two rounding differences on line 03 and its one on the Mainstream total', () => {
    expect(findings(seedSheet('manchester-2009-financial-plan')).map(brief)).toEqual([
      ['info', 'funding.sum', 'F8'],
      ['info', 'funding.sum', 'G8'],
      ['info', 'totals.column', 'J53'],
    ]);
  });

  test('with an uplift of inflation 3% plus growth 2% set, the two rises of line 06 above it are warnings too', () => {
    const got = findings(seedSheet('manchester-2009-financial-plan'), { uplift: { inflation: 3, growth: 2 } });
    expect(sortFindings(got).map(brief)).toEqual([
      ['warning', 'funding.uplift', 'G20'],
      ['warning', 'funding.uplift', 'F20'],
      ['info', 'funding.sum', 'F8'],
      ['info', 'funding.sum', 'G8'],
      ['info', 'totals.column', 'J53'],
    ]);
  });
});
