/**
 * Judging only what is sure: the cases that raised false alarms before, each now silent where the
 * workbook is right, and still loud where it is wrong.
 */
import { validate } from '../../../src/engine/checks';
import type { Finding } from '../../../src/engine/findings';
import { sortFindings } from '../../../src/engine/findings';
import type { CellValue, SheetSnapshot } from '../../../src/engine/grid';
import { snapshotFromRows } from '../../../src/engine/grid';
import { matrixFromSettings } from '../../../src/engine/risk';
import type { Settings } from '../../../src/engine/settings';
import { readTables } from '../../../src/engine/tables';
import { seedSheet, withFormulas, workbook } from '../helpers';

function check(sheets: SheetSnapshot[], settings: Settings = {}): Finding[] {
  const wb = workbook(...sheets);
  return validate(wb, readTables(wb, settings), settings);
}

const brief = (f: Finding) => [f.severity, f.rule, f.cell];

describe('rounding: blank and zero figures are exact', () => {
  test("Birmingham's Develop Services, 2 + 13 printed with a TOTAL of 18, is an error, not a rounding difference", () => {
    const f = check([seedSheet('birmingham-2008-lifecycle-costs')]).find((x) => x.cell === 'N13');
    expect(f).toMatchObject({ rule: 'totals.row', severity: 'error', expected: 15, actual: 18, difference: 3 });
  });

  test('two figures a unit out in £000 are still a rounding difference', () => {
    const rows: CellValue[][] = [
      ['Service', '2024/25', '2025/26'],
      ['Home care', 1200, 1300],
      ['Day care', 800, 0],
      ['Total', 2001, 1300],
    ];
    expect(check([snapshotFromRows('Plan', rows)]).map(brief)).toEqual([['info', 'totals.column', 'B4']]);
  });
});

describe('uplift: only when an assumption is given, and like with like', () => {
  const plan = (): SheetSnapshot =>
    snapshotFromRows('Plan', [
      ['Service', 'Gross budget 2024/25', 'Gross budget 2025/26', 'Net budget 2024/25', 'Net budget 2025/26'],
      ['Older people', 10000, 10380, 6000, 6300],
      ['Learning disability', 8000, 8900, 5000, 5100],
      ['Total', 18000, 19280, 11000, 11400],
    ]);

  test('nobody set one: no warning, however steep the rise', () => {
    expect(check([plan()]).filter((f) => f.rule === 'funding.uplift')).toEqual([]);
  });

  test('cells labelled "Inflation" and "Demographic growth" in the workbook set it, and the warning says where from', () => {
    const assumptions = snapshotFromRows('Assumptions', [
      ['Inflation', 0.035],
      ['Demographic growth', 0.02],
    ]);
    assumptions.numberFormats = [
      ['General', '0.0%'],
      ['General', '0.0%'],
    ];
    const got = check([plan(), assumptions]).filter((f) => f.rule === 'funding.uplift');
    // Learning disability's gross rises 11.3% (over 5.5%); its net rises 2%; older people 3.8% and 5%.
    expect(got.map(brief)).toEqual([['warning', 'funding.uplift', 'C3']]);
    expect(got[0].message).toBe(
      'Learning disability rises 11.3% from 2024/25 to 2025/26 (8,000 to 8,900), more than the allowed uplift of 5.5% (inflation 3.5% plus growth 2%, from Assumptions!B1 and Assumptions!B2)',
    );
  });

  test('gross is compared with gross and net with net, never net with gross', () => {
    const got = check([plan()], { uplift: { inflation: 1, growth: 0 } }).filter((f) => f.rule === 'funding.uplift');
    // Every rise is over 1%: gross C2 and C3, net E2 and E3; nothing compares D (net) with C (gross).
    expect(got.map((f) => f.cell).sort()).toEqual(['C2', 'C3', 'E2', 'E3']);
  });
});

describe('structure doubt: said once, at the row, when PlanCheck cannot tell what a row totals', () => {
  test('a "Total" row that totals something else gives one note with how to fix the mapping, not an error a column', () => {
    const rows: CellValue[][] = [
      ['Service', '2024/25', '2025/26', '2026/27'],
      ['Older people', 52000, 53800, 55700],
      ['Learning disability', 38000, 39300, 40700],
      ['Mental health', 9000, 9300, 9600],
      ['Total', 412, 418, 431],
    ];
    const got = check([snapshotFromRows('Plan', rows)]);
    expect(got.map(brief)).toEqual([['info', 'structure.doubt', 'B5']]);
    expect(got[0].related).toEqual(['B5', 'C5', 'D5']);
    expect(got[0].message).toContain('PlanCheck could not tell what row 5 (Total) totals');
    expect(got[0].message).toContain('set its header rows and kind in Tables');
  });

  test('a line left out of every column is one line, so the total is judged as usual', () => {
    const rows: CellValue[][] = [
      ['Service', '2024/25', '2025/26'],
      ['Older people', 520, 538],
      ['Learning disability', 380, 393],
      ['Mental health', 90, 93],
      ['Total', 900, 931],
    ];
    const got = check([snapshotFromRows('Plan', rows)]);
    expect(got.map(brief)).toEqual([
      ['error', 'totals.column', 'B5'],
      ['error', 'totals.column', 'C5'],
    ]);
  });
});

describe('aggregations judged by what they are', () => {
  test('SUBTOTAL(9, ...) and AGGREGATE(9, 5, ...): the function number is not a typed figure', () => {
    const sheet = withFormulas(
      snapshotFromRows('Plan', [
        ['Service', '2024/25', '2025/26'],
        ['Home care', 100, 110],
        ['Day care', 50, 55],
        ['Total', 150, 165],
      ]),
      { B4: '=SUBTOTAL(9,B2:B3)', C4: '=AGGREGATE(9,5,C2:C3)' },
    );
    expect(check([sheet])).toEqual([]);
  });

  test('an AVERAGE row and a SUBTOTAL(2) count row are not totals', () => {
    const sheet = withFormulas(
      snapshotFromRows('Plan', [
        ['Locality', '2024/25'],
        ['North', 100],
        ['South', 50],
        ['Total', 150],
        ['Mean', 75],
        ['Reporting', 2],
      ]),
      { B4: '=SUM(B2:B3)', B5: '=AVERAGE(B2:B3)', B6: '=SUBTOTAL(2,B2:B3)' },
    );
    expect(check([sheet])).toEqual([]);
  });
});

describe('the findings list: errors first, then by the money at stake', () => {
  test('a £900k error comes before a £3k one, and both before any warning or note', () => {
    const rows: CellValue[][] = [
      ['Service', '2024/25', '2025/26', '2026/27', '2027/28'],
      ['Older people', 520, 538, 1000, 1010],
      ['Learning disability', 380, 393, 1000, 1020],
      ['Total', 903, 1831, 2001, 2030],
    ];
    const got = sortFindings(check([snapshotFromRows('Plan', rows)]));
    expect(got.map(brief)).toEqual([
      ['error', 'totals.column', 'C4'],
      ['error', 'totals.column', 'B4'],
      ['info', 'totals.column', 'D4'],
    ]);
  });
});

describe('risk bands without colours', () => {
  test('get a green-to-red palette by their order instead of refusing the matrix', () => {
    const m = matrixFromSettings({
      preset: '3x3',
      bands: [
        { name: 'H', min: 6, max: 9 },
        { name: 'L', min: 1, max: 2 },
        { name: 'M', min: 3, max: 4 },
      ] as never,
    });
    expect(m.bands.map((b) => [b.name, b.color])).toEqual([
      ['L', '#92D050'],
      ['M', '#FFC000'],
      ['H', '#FF0000'],
    ]);
  });
});

describe('rows read as ratios or memos only when their label says so', () => {
  test('"Number of" lines of a count table and a saving named with its percentage are still added up', () => {
    const rows: CellValue[][] = [
      ['Measure', '2024/25', '2025/26'],
      ['Number of people in residential care', 410, 395],
      ['Number of people supported at home', 1210, 1300],
      ['Total', 1620, 1700],
    ];
    // 2025/26's total is 5 out: found, because the "Number of" lines are lines.
    expect(check([snapshotFromRows('Counts', rows)]).map(brief)).toEqual([['error', 'totals.column', 'C4']]);
    const savings: CellValue[][] = [
      ['Saving', '2025/26'],
      ['Efficiency savings (2%)', 300],
      ['Reablement', 200],
      ['Total', 500],
    ];
    expect(check([snapshotFromRows('Savings', savings)])).toEqual([]);
  });
});
