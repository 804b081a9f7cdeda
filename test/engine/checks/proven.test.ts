/**
 * Issue 23: judge only what the figures prove. Each workbook here is built in the shape of a real
 * public-sector form that raised false errors (the forms themselves are never copied in): a form's
 * line-number column, group totals above their lines summed by a grand total, an income column,
 * statisticians' marks and codes among figures, a table whose totals were misread. Each is silent or
 * one note where the workbook is right, and still loud where it is wrong.
 */
import type { Finding } from '../../../src/engine/findings';
import type { CellValue, SheetSnapshot } from '../../../src/engine/grid';
import { snapshotFromRows } from '../../../src/engine/grid';
import { readTables } from '../../../src/engine/tables';
import { validateSheets, withFormulas, workbook } from '../helpers';

const check = (sheets: SheetSnapshot[]): Finding[] => validateSheets(...sheets);

const loud = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info').map((f) => [f.severity, f.rule, f.cell]);

describe('a form with line numbers beside its figures (the Revenue Account shape)', () => {
  // Line numbers 110..150 and the total's own number 190; the £000 column adds up.
  const rows: CellValue[][] = [
    ['Service', 'Line', 'Net current expenditure £000'],
    ['Early years', 110, 1200],
    ['Primary schools', 120, 5400],
    ['Secondary schools', 130, 6100],
    ['Special schools', 140, 900],
    ['Other education', 150, 350],
    ['TOTAL EDUCATION SERVICES', 190, 13950],
    ['Libraries', 501, 400],
    ['Museums', 502, 250],
    ['Arts', 503, 120],
    ['TOTAL CULTURAL SERVICES', 509, 770],
  ];

  test('the line numbers are not added up: no error, at most one note', () => {
    const got = check([snapshotFromRows('LA form', rows)]);
    expect(loud(got)).toEqual([]);
    expect(got.filter((f) => f.rule === 'structure.doubt').length).toBeLessThanOrEqual(1);
  });

  test('a £000 total typed 50 short is still an error, at its cell, with its figures', () => {
    const wrong = rows.map((r) => [...r]);
    wrong[6][2] = 13900;
    const got = check([snapshotFromRows('LA form', wrong)]);
    expect(loud(got)).toEqual([['error', 'totals.column', 'C7']]);
    expect(got.find((f) => f.cell === 'C7')?.message).toContain('13,900');
    expect(got.find((f) => f.cell === 'C7')?.message).toContain('13,950');
  });
});

describe('group totals above their lines, and a grand total of the group totals (the Scottish return shape)', () => {
  const sheet = () =>
    withFormulas(
      snapshotFromRows('Council', [
        ['Service', 'Gross expenditure', 'Income', 'Net expenditure'],
        ['Education', 7000, -700, 6300],
        ['Primary', 3000, -300, 2700],
        ['Secondary', 4000, -400, 3600],
        [null, null, null, null],
        ['Culture', 900, -150, 750],
        ['Libraries', 600, -100, 500],
        ['Museums', 300, -50, 250],
        [null, null, null, null],
        ['General Fund Total', 7900, -850, 7050],
      ]),
      {
        D2: '=SUM(B2:C2)',
        D3: '=SUM(B3:C3)',
        D4: '=SUM(B4:C4)',
        D6: '=SUM(B6:C6)',
        D7: '=SUM(B7:C7)',
        D8: '=SUM(B8:C8)',
        B10: '=SUM(B6,B2)',
        C10: '=SUM(C6,C2)',
        D10: '=SUM(B10:C10)',
      },
    );

  test('the grand total leaves nothing out: its group totals cover their lines', () => {
    expect(loud(check([sheet()]))).toEqual([]);
  });

  test('a group total that no longer equals its block is not taken as covering it', () => {
    const s = sheet();
    s.values[1][1] = 6000; // Education's typed group total, 1,000 short of Primary + Secondary
    s.values[9][1] = 6900;
    s.values[9][3] = 6050;
    expect(loud(check([s]))).toEqual([['error', 'formulas.sum-leaves-out', 'B10']]);
  });
});

describe('words in a figure column', () => {
  test('".." (not available), codes and a status row are not missing figures', () => {
    const rows: CellValue[][] = [
      ['Measure', '2021-22', '2022-23', '2023-24'],
      ['Status', 'outturn', 'outturn', 'plans'],
      ['Code', 'A02CY01', 'A02CY02', 'A02CY03'],
      ['Home care', 120, '..', 140],
      ['Day care', 80, 85, 90],
      ['Respite', 30, 32, 35],
    ];
    const got = check([snapshotFromRows('Series', rows)]);
    expect(got.filter((f) => f.rule === 'figures.not-a-figure')).toEqual([]);
  });
});

describe('a table whose totals were all misread', () => {
  test('one note of doubt for the table, no error', () => {
    // Rows labelled "Total" that hold balances, not sums of the lines above.
    const rows: CellValue[][] = [
      ['Cash flow', '2022-23', '2023-24'],
      ['Receipts', 5000, 5200],
      ['Payments', -4800, -5100],
      ['Total Cash (Opening)', 1200, 1400],
      ['Interest', 20, 25],
      ['Grants', 300, 310],
      ['Total Cash (Closing)', 1400, 1500],
    ];
    const got = check([snapshotFromRows('Cash', rows)]);
    expect(loud(got)).toEqual([]);
    expect(got.filter((f) => f.rule === 'structure.doubt').length).toBeLessThanOrEqual(1);
  });
});

describe('volatile formulas among the figures (the PESA table shape)', () => {
  test('rows of RANDBETWEEN are said once, at the first cell, naming each row', () => {
    const sheet = withFormulas(
      snapshotFromRows('4_2', [
        ['£ billion', '2019-20', '2020-21', '2021-22'],
        ['Health', 150.1, 190.4, 200.2],
        ['Education', 76, 58, 91],
        ['Social protection', 280.5, 330.2, 310.9],
        ['Total', 506.6, 578.6, 602.1],
      ]),
      { B3: '=RANDBETWEEN(30,100)', C3: '=RANDBETWEEN(30,100)', D3: '=RANDBETWEEN(30,100)' },
    );
    const got = check([sheet]).filter((f) => f.rule === 'formulas.volatile');
    expect(got.map((f) => [f.severity, f.cell])).toEqual([['warning', 'B3']]);
    expect(got[0].message).toContain('row 3 (Education), 3 cells');
    expect(got[0].message).toContain('a new figure at every recalculation');
    expect(got[0].related).toEqual(['C3', 'D3']);
  });

  test('TODAY in a plan table is said too; SUM is not volatile', () => {
    const sheet = withFormulas(
      snapshotFromRows('Plan', [
        ['Service', '2024/25', '2025/26'],
        ['Home care', 100, 110],
        ['Day care', 50, 55],
        ['Total', 150, 165],
      ]),
      { B2: '=100+0*TODAY()', B4: '=SUM(B2:B3)', C4: '=SUM(C2:C3)' },
    );
    const got = check([sheet]).filter((f) => f.rule === 'formulas.volatile');
    expect(got.map((f) => f.cell)).toEqual(['B2']);
    expect(got[0].message).toContain('change with the date');
  });
});

describe('a unit heading in a figure column', () => {
  test('"£000" over the figures is a heading, not a zero left out of a SUM', () => {
    const sheet = withFormulas(
      snapshotFromRows('Note 6', [
        ['Operating income', '2023/24'],
        ['Income within this note', '£000'],
        ['Patient care', 1200],
        ['Education and training', 300],
        ['Total', 1500],
      ]),
      { B5: '=SUM(B3:B4)' },
    );
    expect(loud(check([sheet]))).toEqual([]);
  });
});

describe('layouts the generator found misread', () => {
  test('a letter O typed for the last zero ("86.O") is a figure that cannot be read, at its cell', () => {
    const got = check([
      snapshotFromRows('Plan', [
        ['Service', '2024/25', '2025/26'],
        ['Home care', 41.5, '86.O'],
        ['Day care', 20.1, 22.4],
        ['Total', 61.6, 108.4],
      ]),
    ]);
    expect(loud(got)).toEqual([['error', 'figures.unreadable', 'C2']]);
  });

  test('so is a single figure with a letter O for its decimal ("5.O" in £m); "5.a" and "Q4" stay words', () => {
    const got = check([
      snapshotFromRows('Plan', [
        ['Service', '2024/25', '2025/26', 'Note'],
        ['Home care', 4.8, '5.O', '5.a'],
        ['Day care', 2.1, 2.2, 'Q4'],
        ['Total', 6.9, 7.2, null],
      ]),
    ]);
    expect(loud(got)).toEqual([['error', 'figures.unreadable', 'C2']]);
    expect(got[0].message).toContain('5.O');
  });

  test('a plan with a savings line and a "Total net budget" is still a plan: its total is judged', () => {
    const rows: CellValue[][] = [
      ['Service', '2024/25', '2025/26'],
      ['Older people', 52000, 53800],
      ['Learning disability', 38000, 39300],
      ['Savings to be delivered', -2000, -2500],
      ['Total net budget', 88000, 90500],
    ];
    const got = check([snapshotFromRows('Plan', rows)]);
    expect(loud(got)).toEqual([['error', 'totals.column', 'C5']]);
    expect(got[0].message).toContain('90,500');
  });
});

describe('groups and a grand total, each total at the cell to fix', () => {
  // Two groups closed by "Total <group>" rows, a grand total of the two, a TOTAL column across.
  const rows = (): CellValue[][] => [
    ['Service', '2025/26', '2026/27', 'Total'],
    ['Home care', 100, 110, 210],
    ['Day care', 50, 55, 105],
    ['Total older people', 150, 165, 315],
    ['Supported living', 200, 210, 410],
    ['Respite', 30, 35, 65],
    ['Total working age adults', 230, 245, 475],
    ['Total', 380, 410, 790],
  ];
  const formulas = {
    B4: '=SUM(B2:B3)',
    C4: '=SUM(C2:C3)',
    D4: '=SUM(B4:C4)',
    B7: '=SUM(B5:B6)',
    C7: '=SUM(C5:C6)',
    D7: '=SUM(B7:C7)',
    B8: '=B4+B7',
    C8: '=C4+C7',
    D8: '=D4+D7',
  };

  test('clean: nothing loud', () => {
    expect(loud(check([withFormulas(snapshotFromRows('Plan', rows()), formulas)]))).toEqual([]);
  });

  test('a group total typed over is a subtotal out, at its cell; the grand total is not blamed', () => {
    const wrong = rows();
    wrong[3][2] = 175; // Total older people 2026/27, typed 10 over
    wrong[7][2] = 420;
    const got = check([withFormulas(snapshotFromRows('Plan', wrong), { ...formulas, C4: '' })]);
    const errors = got.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.rule, f.cell])).toEqual([['totals.subtotal', 'C4']]);
    expect(errors[0].message).toContain('175');
    expect(errors[0].message).toContain('165');
  });

  test('a grand SUM over lines and group totals is a double count at that cell, not at the row total beside it', () => {
    const wrong = rows();
    wrong[7][2] = 820; // =SUM(C2:C7) takes in both group totals as well as their lines
    wrong[7][3] = 1200;
    const got = check([withFormulas(snapshotFromRows('Plan', wrong), { ...formulas, C8: '=SUM(C2:C7)' })]);
    const loudOnes = got.filter((f) => f.severity !== 'info');
    expect(loudOnes.map((f) => [f.rule, f.cell])).toEqual([['formulas.double-count', 'C8']]);
    expect(loudOnes[0].related).toContain('D8');
  });

  test('a group SUM that stops a row early is said once, at itself; the TOTAL column cells it throws out are related', () => {
    // The TOTAL column's group and grand totals add down the TOTAL column, so they stay right
    // while the years' figures beside them do not add up to them.
    const wrong = rows();
    wrong[6][1] = 200; // =SUM(B5:B5) leaves out Respite
    wrong[7][1] = 350;
    const got = check([
      withFormulas(snapshotFromRows('Plan', wrong), {
        ...formulas,
        B7: '=SUM(B5:B5)',
        D4: '=SUM(D2:D3)',
        D7: '=SUM(D5:D6)',
        D8: '=D4+D7',
      }),
    ]);
    const loudOnes = got.filter((f) => f.severity !== 'info');
    expect(loudOnes.map((f) => [f.rule, f.cell])).toEqual([['formulas.sum-leaves-out', 'B7']]);
    expect(loudOnes[0].related).toEqual(expect.arrayContaining(['D7', 'D8']));
  });
});

describe('spend, then funding lines and a funding total equal to it', () => {
  test('the funding total totals the funding lines, not every line above it', () => {
    const got = check([
      snapshotFromRows('Plan', [
        ['Costs and funding', '2025/26', '2026/27'],
        ['Staffing', 400, 420],
        ['Placements', 600, 630],
        ['Total costs', 1000, 1050],
        ['Better Care Fund', 700, 735],
        ['Council', 300, 315],
        ['Total funding', 1000, 1050],
      ]),
    ]);
    expect(loud(got)).toEqual([]);
  });
});

describe('a staffing table beside the plan', () => {
  // The plan's groups are a blank row apart; the staffing table's total sits on that blank row.
  const rows = (): CellValue[][] => [
    ['Budget line (£m)', 'Budget', null, null, null],
    [null, '2024-25', '2025-26', null, 'Staffing', 'FTE'],
    ['Support services', 170.3, 177.8, null, 'Reablement', 7.5],
    ['Day opportunities', 8, 8.5, null, 'Brokerage', 14],
    ['Respite care', 162.3, 169.3, null, 'Total', 21.5],
    [null, null, null, null, null, null],
    ['Working age adults', 40.7, 41.6, null, null, null],
    ['Residential care', 55.7, 56.8, null, null, null],
    ['Savings to be delivered', -15, -15.2, null, null, null],
    ['Total Adult Social Care', 211, 219.4, null, null, null],
  ];
  const formulas = {
    B3: '=SUBTOTAL(9,B4:B5)',
    C3: '=SUBTOTAL(9,C4:C5)',
    F5: '=SUM(F3:F4)',
    B7: '=SUBTOTAL(9,B8:B9)',
    C7: '=SUBTOTAL(9,C8:C9)',
    B10: '=SUM(B3,B7)',
    C10: '=SUM(C3,C7)',
  };

  test('the plan is one table under its two header rows, the staffing table another', () => {
    const sheet = withFormulas(snapshotFromRows('Revenue budget', rows()), formulas);
    const wb = workbook(sheet);
    const tables = readTables(wb).tables.map((t) => `${t.range} ${t.kind}`);
    expect(tables).toContain('A1:C10 totals-grid');
    expect(tables.some((t) => t.startsWith('E2:F5'))).toBe(true);
    expect(loud(check([sheet]))).toEqual([]);
  });

  test('a figure typed with a letter O in the lower group is found at its cell', () => {
    const wrong = rows();
    wrong[7][2] = '5O.8';
    const got = check([withFormulas(snapshotFromRows('Revenue budget', wrong), formulas)]);
    expect(loud(got)).toEqual([['error', 'figures.unreadable', 'C8']]);
  });
});

describe('typed group totals above their lines, a blank row between groups', () => {
  const rows = (): CellValue[][] => [
    ['Client group (£m)', '2019/20', '2020/21'],
    ['Prevention', 12.4, 13.1],
    ['Community equipment', 8.1, 8.6],
    ['Telecare', 4.3, 4.5],
    [null, null, null],
    ['Learning disability', 40.8, 29.7],
    ['Client contributions', 'n/a', -12.7],
    ['Carers support', 40.8, 42.4],
    ['Total Adult Social Care', 53.2, 42.8],
  ];

  test('clean: the group totals are not counted as lines, nothing loud', () => {
    expect(loud(check([snapshotFromRows('Revenue budget', rows())]))).toEqual([]);
  });

  test('a group total typed 2 under is an error at its cell, not at the grand total', () => {
    const wrong = rows();
    wrong[5][2] = 27.7;
    const got = check([snapshotFromRows('Revenue budget', wrong)]);
    expect(loud(got)).toEqual([['error', 'totals.subtotal', 'C6']]);
    expect(got[0].message).toContain('27.7');
    expect(got[0].message).toContain('29.7');
  });

  test('a first line that happens to equal the rest of its block is still a line when the total says so', () => {
    // 10 = 6 + 4 in the first block, but the total counts every row: there are no group totals.
    const got = check([
      snapshotFromRows('Plan', [
        ['Service (£000)', '2025/26', '2026/27'],
        ['Home care', 10, 11],
        ['Day care', 6, 7],
        ['Respite', 4, 4],
        [null, null, null],
        ['Meals', 3, 3],
        ['Transport', 1, 1],
        ['Advocacy', 2, 2],
        ['Total', 26, 28],
      ]),
    ]);
    expect(loud(got)).toEqual([]);
  });
});
