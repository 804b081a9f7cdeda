/**
 * Issue 23: plan layouts none of the other tests contain, as a new user's workbook would have them:
 * a budget build-up from brought forward to carried forward, a unit cost column beside the money, a
 * summary sheet fed by detail sheets, and a figure stored as text. Each is silent where it is right
 * and says the one thing wrong at the cell to fix, with its figures.
 */
import type { Finding } from '../../../src/engine/findings';
import type { CellValue, SheetSnapshot } from '../../../src/engine/grid';
import { snapshotFromRows } from '../../../src/engine/grid';
import { validateSheets, withFormulas } from '../helpers';

const loud = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info').map((f) => [f.severity, f.rule, f.cell]);

describe('a budget build-up: brought forward, movements, carried forward', () => {
  const rows = (): CellValue[][] => [
    ['Budget build-up (£000)', '2025/26', '2026/27', '2027/28'],
    ['Budget brought forward', 100000, 104700, 109500],
    ['Pay and price inflation', 3000, 3100, 3200],
    ['Demographic pressures', 2500, 2600, 2700],
    ['Growth', 1200, 1100, 1000],
    ['Savings', -2000, -2000, -2100],
    ['Budget carried forward', 104700, 109500, 114300],
  ];
  const formulas = { B7: '=SUM(B2:B6)', C7: '=SUM(C2:C6)', D7: '=SUM(D2:D6)', C2: '=B7', D2: '=C7' };

  test('clean: nothing loud (it is not a savings envelope for having a savings line)', () => {
    expect(loud(validateSheets(withFormulas(snapshotFromRows('Build-up', rows()), formulas)))).toEqual([]);
  });

  test('a carried-forward SUM that leaves out the savings is found at that cell, naming the row', () => {
    const wrong = rows();
    wrong[6][2] = 111500; // =SUM(C2:C5)
    wrong[1][3] = 111500;
    wrong[6][3] = 116300;
    const got = validateSheets(withFormulas(snapshotFromRows('Build-up', wrong), { ...formulas, C7: '=SUM(C2:C5)' }));
    expect(loud(got)).toEqual([['error', 'formulas.sum-leaves-out', 'C7']]);
    expect(got[0].message).toContain('leaves out row 6 (Savings)');
    expect(got[0].message).toContain('111,500');
    expect(got[0].message).toContain('109,500');
  });
});

describe('a unit cost column beside the money', () => {
  const sheet = (header: string, costTotal = 16921): SheetSnapshot => {
    const s = withFormulas(
      snapshotFromRows('Home care', [
        ['Home care', 'Clients', 'Cost £000', header],
        ['North', 420, 6552, 300],
        ['South', 380, 5533, 280],
        ['East', 300, 4836, 310],
        ['Total', 1100, costTotal, 296],
      ]),
      {
        B5: '=SUM(B2:B4)',
        ...(costTotal === 16921 ? { C5: '=SUM(C2:C4)' } : {}),
        D2: '=ROUND(C2*1000/52/B2,0)',
        D3: '=ROUND(C3*1000/52/B3,0)',
        D4: '=ROUND(C4*1000/52/B4,0)',
        D5: '=ROUND(C5*1000/52/B5,0)',
      },
    );
    return s;
  };

  test("the total row's unit cost is a weighted average, not a sum; 1,000 and 52 are units, not hidden figures", () => {
    expect(loud(validateSheets(sheet('Unit cost £/week')))).toEqual([]);
    // Headed without the words, it is known by its formula: the one its lines hold, copied down.
    expect(loud(validateSheets(sheet('£ a client a week')))).toEqual([]);
  });

  test('a cost total typed 79 over is an error in £000, at its cell', () => {
    const got = validateSheets(sheet('Unit cost £/week', 17000));
    expect(loud(got)).toEqual([['error', 'totals.column', 'C5']]);
    expect(got[0].message).toContain('17,000 (£000)');
    expect(got[0].message).toContain('16,921');
  });

  test('a figure added to a total by hand is still a hidden figure, said with the total it throws out', () => {
    const s = withFormulas(sheet('Unit cost £/week', 17021), { C5: '=SUM(C2:C4)+100' });
    const got = validateSheets(s);
    expect(loud(got)).toEqual([['error', 'totals.column', 'C5']]);
    expect(got[0].also).toContain('formulas.typed-number');
    expect(got[0].message).toContain('=SUM(C2:C4)+100 has a figure typed into it');
  });
});

describe('a summary sheet fed by detail sheets', () => {
  const detail = (name: string, lines: [string, number, number][], totalLabel: string) =>
    withFormulas(
      snapshotFromRows(name, [
        [`${name} (£000)`, '2025/26', '2026/27'],
        ...lines,
        [totalLabel, lines.reduce((s, l) => s + l[1], 0), lines.reduce((s, l) => s + l[2], 0)],
      ]),
      {
        [`B${lines.length + 2}`]: `=SUM(B2:B${lines.length + 1})`,
        [`C${lines.length + 2}`]: `=SUM(C2:C${lines.length + 1})`,
      },
    );
  const details = () => [
    detail(
      'Older people',
      [
        ['Residential care', 20000, 21000],
        ['Home care', 15000, 15600],
      ],
      'Total older people',
    ),
    detail(
      'Learning disability',
      [
        ['Supported living', 30000, 31000],
        ['Day services', 8000, 8200],
      ],
      'Total learning disability',
    ),
  ];
  const summary = (olderPeople2026: number, formulas: Record<string, string>) =>
    withFormulas(
      snapshotFromRows('Summary', [
        ['Summary (£000)', '2025/26', '2026/27'],
        ['Older people', 35000, olderPeople2026],
        ['Learning disability', 38000, 39200],
        ['Total', 73000, 38000 + olderPeople2026 + 1200],
      ]),
      formulas,
    );
  const links = {
    B2: "='Older people'!B4",
    B3: "='Learning disability'!B4",
    C3: "='Learning disability'!C4",
    B4: '=SUM(B2:B3)',
    C4: '=SUM(C2:C3)',
  };

  test('clean, by formula or by name: nothing loud', () => {
    expect(loud(validateSheets(summary(36600, { ...links, C2: "='Older people'!C4" }), ...details()))).toEqual([]);
    expect(loud(validateSheets(summary(36600, {}), ...details()))).toEqual([]);
  });

  test('a summary figure typed 300 above the detail total its neighbours fetch: an error at the summary cell', () => {
    const got = validateSheets(summary(36900, links), ...details());
    expect(loud(got)).toEqual([['error', 'totals.across-sheets', 'C2']]);
    expect(got[0].message).toContain('36,900');
    expect(got[0].message).toContain('36,600');
    expect(got[0].related).toEqual(["'Older people'!C4"]);
  });

  test('with no formulas at all, a line named like a detail sheet stands for its total', () => {
    const got = validateSheets(summary(36900, {}), ...details());
    expect(loud(got)).toEqual([['error', 'totals.across-sheets', 'C2']]);
    expect(got[0].message).toContain('Total older people');
  });

  test('where no summary figure equals its detail, nothing is claimed (the link is not shown to hold)', () => {
    const s = snapshotFromRows('Summary', [
      ['Summary (£000)', '2025/26', '2026/27'],
      ['Older people', 1, 2],
      ['Learning disability', 3, 4],
    ]);
    expect(loud(validateSheets(s, ...details()))).toEqual([]);
  });
});

describe('a figure stored as text', () => {
  test('a SUM leaves it out: said at the figure, not at the total', () => {
    const got = validateSheets(
      withFormulas(
        snapshotFromRows('Plan', [
          ['Service (£000)', '2025/26', '2026/27'],
          ['Home care', 1000, '1200'],
          ['Day care', 500, 520],
          ['Total', 1500, 520],
        ]),
        { B4: '=SUM(B2:B3)', C4: '=SUM(C2:C3)' },
      ),
    );
    expect(loud(got)).toEqual([['error', 'figures.as-text', 'C2']]);
    expect(got[0].message).toBe(
      'C2 (Home care) holds 1,200 (£000) stored as text, so the total at C4 leaves it out and shows 520; enter it as a number',
    );
    expect(got[0].related).toContain('C4');
  });
});
