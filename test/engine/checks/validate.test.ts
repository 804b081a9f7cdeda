import { validate } from '../../../src/engine/checks';
import type { Finding } from '../../../src/engine/findings';
import type { Settings } from '../../../src/engine/settings';
import { readTables } from '../../../src/engine/tables';
import type { SeedName } from '../../../src/samples/seeds';
import { seedSheet, setCells, withFormulas, workbook } from '../helpers';

function check(sheet: ReturnType<typeof seedSheet>, settings: Settings = {}, names = workbook().names): Finding[] {
  const wb = { ...workbook(sheet), names };
  return validate(wb, readTables(wb, settings), settings);
}

const brief = (f: Finding) => [f.severity, f.rule, f.cell];

describe('the Manchester 2009 financial plan, as published', () => {
  // Header rows 4-5 (title, units line, blank above), lines from row 6.
  const findings = check(seedSheet('manchester-2009-financial-plan', 0, 0, 0, 'Plan'));

  test("Older People's 2010/11 funding is £1k short of its cash limit: a rounding difference, not an error", () => {
    const f = findings.find((x) => x.rule === 'funding.sum' && x.cell === 'F8');
    expect(f).toEqual({
      rule: 'funding.sum',
      severity: 'info',
      sheet: 'Plan',
      cell: 'F8',
      message:
        'Funding for 03 Services for Older People in 2010/11 adds up to 74,025 (£000), 1 short of its cash limit of 74,026: a rounding difference',
      expected: 74026,
      actual: 74025,
      difference: -1,
      related: ['J8', 'J9', 'J10', 'J11'],
      table: 'Plan!A4:L53',
    });
  });

  test('holds no error: its slips are all within the rounding of £000 figures', () => {
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('no uplift is judged when nobody set one', () => {
    expect(findings.some((x) => x.rule === 'funding.uplift')).toBe(false);
  });

  test("with inflation 3% and growth 2% set, Learning Disability's rise beyond them is a warning with the percentage", () => {
    const f = check(seedSheet('manchester-2009-financial-plan'), { uplift: { inflation: 3, growth: 2 } }).find(
      (x) => x.rule === 'funding.uplift' && x.cell === 'F20',
    );
    expect(f?.message).toBe(
      '06 Adults – Learning Disability rises 5.5% from 2009/10 to 2010/11 (31,899 (£000) to 33,659), more than the allowed uplift of 5% (inflation 3% plus growth 2%, set in Settings › Uplift)',
    );
    expect(
      check(seedSheet('manchester-2009-financial-plan'), { uplift: { inflation: 4, growth: 2 } }).some(
        (x) => x.rule === 'funding.uplift',
      ),
    ).toBe(false);
  });

  test("a typing slip in a source row is an error at the line's cash limit, with the sources named", () => {
    const sheet = setCells(seedSheet('manchester-2009-financial-plan', 0, 0, 0, 'Plan'), { J10: 14894 });
    const f = check(sheet).find((x) => x.rule === 'funding.sum' && x.cell === 'F8');
    expect(f).toMatchObject({ severity: 'error', expected: 74026, actual: 75025, difference: 999 });
    expect(f?.message).toBe(
      'Funding for 03 Services for Older People in 2010/11 adds up to 75,025 (£000), 999 over its cash limit of 74,026 (sources: Grants, Contributions, User Income, Mainstream)',
    );
  });

  test('net above gross is an error at the net figure', () => {
    const sheet = setCells(seedSheet('manchester-2009-financial-plan', 0, 0, 0, 'Plan'), { D7: 560 });
    const f = check(sheet).find((x) => x.rule === 'funding.net-above-gross');
    expect(f).toMatchObject({ cell: 'D7', severity: 'error', difference: 10 });
    expect(f?.message).toContain(
      'The net budget of 02 Commissioning, Prevention and Social Inclusion, 560 (£000), is 10 above its gross budget of 550',
    );
  });

  test('the total net requirement against the cash limit: headroom is a note, an overspend an error', () => {
    const settings = { cashLimits: { '2010/11': 138000, '2011/12': 145000 } };
    const got = check(seedSheet('manchester-2009-financial-plan', 0, 0, 0, 'Plan'), settings).filter((f) =>
      f.rule.startsWith('cashlimit'),
    );
    expect(got.map(brief)).toEqual([
      ['error', 'cashlimit.over', 'J53'],
      ['info', 'cashlimit.headroom', 'K53'],
    ]);
    expect(got[0].message).toBe(
      'The net requirement for 2010/11 is 138,560 (£000), 560 over the cash limit of 138,000 (set in Settings › Cash limits)',
    );
    expect(got[1].message).toContain('with 1,900 of headroom');
  });

  test('a cash limit can come from a named range', () => {
    const plan = seedSheet('manchester-2009-financial-plan', 0, 0, 0, 'Plan');
    const limits = seedSheet('manchester-2009-population', 0, 0, 0, 'Limits');
    limits.values[0][0] = 139000;
    const got = check(plan, {}, [{ name: 'CashLimit_2010_11', sheet: 'Limits', address: 'A1' }]);
    // the Limits sheet is not in this workbook's sheets list, so add it
    expect(got.some((f) => f.rule.startsWith('cashlimit'))).toBe(false);
    const wb = { ...workbook(plan, limits), names: [{ name: 'CashLimit_2010_11', sheet: 'Limits', address: 'A1' }] };
    const withName = validate(wb, readTables(wb), {}).find((f) => f.rule === 'cashlimit.headroom');
    expect(withName).toMatchObject({ cell: 'J53', related: ['Limits!A1'] });
    expect(withName?.message).toContain('(named range CashLimit_2010_11)');
  });
});

describe('totals', () => {
  test("Birmingham's lifecycle costs: a TOTAL that lost a digit is an error, small differences are rounding", () => {
    const findings = check(seedSheet('birmingham-2008-lifecycle-costs', 0, 0, 0, 'Lifecycle'));
    const prevention = findings.find(
      (f) => f.rule === 'totals.row' && f.severity === 'error' && f.message.includes('Prevention'),
    );
    expect(prevention).toMatchObject({
      cell: 'N16',
      expected: 401,
      actual: 40,
      difference: -361,
      related: ['C16:M16'],
    });
    expect(prevention?.message).toBe(
      'The TOTAL of Prevention is 40 (£000), but its 11 figures add up to 401, 361 more',
    );
    const unreadable = findings.filter((f) => f.rule === 'figures.unreadable').map((f) => f.cell);
    expect(unreadable).toEqual(['N5', 'N8', 'N10', 'N11', 'N12', 'N15', 'N18', 'N19', 'N21', 'N22']);
  });

  test("Birmingham's resource days: a column total a day out is a rounding difference", () => {
    const findings = check(seedSheet('birmingham-2008-resource-days', 0, 0, 0, 'Days'));
    expect(findings.find((f) => f.cell === 'C10' && f.rule === 'totals.column')?.message).toBe(
      'TOTAL for Year 2 2009/10 is 12,526 days, but the 5 figures it totals add up to 12,527, 1 day more: a rounding difference',
    );
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('spend and funding side by side must agree, and each equal its block', () => {
    const sheet = setCells(seedSheet('worcestershire-2018-budget', 0, 0, 0, 'Budget'), { D11: 180.691 });
    const findings = check(sheet);
    // One typed figure, one finding: the block's total is wrong, and so the two totals disagree.
    expect(findings.map(brief)).toEqual([['error', 'totals.column', 'D11']]);
    expect(findings[0].also).toEqual(['totals.spend-funding']);
    expect(findings[0].message).toContain(
      '; so funding totals £180.691m but Spend Relating to totals £187.691m: £7m of spend is not funded',
    );
  });

  test('the capacity plan: costs and funding blocks one under the other', () => {
    const sheet = setCells(seedSheet('manchester-2019-capacity-plan', 0, 0, 0, 'Capacity'), { C15: 4000 });
    const errors = check(sheet).filter((f) => f.severity === 'error');
    expect(errors.map(brief)).toEqual([['error', 'totals.column', 'C15']]);
    expect(errors[0].also).toEqual(['totals.spend-funding']);
  });

  test('a SUM that leaves out a line, a total typed among formulas and a number typed into a formula', () => {
    // helped-to-live-at-home: header row 3, lines 4-7, Total row 8, years in B..E.
    const sheet = withFormulas(seedSheet('manchester-2009-helped-to-live-at-home', 0, 0, 0, 'Helped'), {
      B8: '=SUM(B4:B7)',
      C8: '=SUM(C4:C6)',
      E8: '=SUM(E4:E7)+250',
    });
    setCells(sheet, { C8: 8846 - 1052 + 1052, E8: 9763 });
    const findings = check(sheet);
    const rules = findings.map((f) => [f.rule, f.cell]);
    expect(rules).toEqual(
      expect.arrayContaining([
        ['formulas.sum-leaves-out', 'C8'],
        ['formulas.typed-total', 'D8'],
        ['formulas.typed-number', 'E8'],
      ]),
    );
    expect(findings.find((f) => f.rule === 'formulas.sum-leaves-out')?.message).toBe(
      'C8 totals with =SUM(C4:C6), which leaves out row 7 (People with Mental Health problems)',
    );
    expect(findings.find((f) => f.rule === 'formulas.typed-number')?.message).toContain('has 250 typed into it');
  });

  test('a total formula unlike the others in its row', () => {
    const sheet = withFormulas(seedSheet('manchester-2009-helped-to-live-at-home', 0, 0, 0, 'Helped'), {
      B8: '=SUM(B4:B7)',
      C8: '=SUM(C4:C7)',
      D8: '=B8+C8-B4',
      E8: '=SUM(E4:E7)',
    });
    const f = check(sheet).find((x) => x.rule === 'formulas.inconsistent');
    expect(f).toMatchObject({ cell: 'D8', severity: 'warning', expected: '=SUM(B4:B7)' });
    expect(f?.message).toBe('D8 holds =B8+C8-B4, unlike the other totals in its row (such as B8: =SUM(B4:B7))');
  });

  test('down a TOTAL column: a formula unlike the others, and a total typed among formulas', () => {
    // Birmingham resource days at A1: header row 4, lines 5-9, TOTAL row 10, years in B:L, TOTAL in M.
    const sheet = seedSheet('birmingham-2008-resource-days', 0, 0, 0, 'Days');
    withFormulas(sheet, {
      M5: '=SUM(B5:L5)',
      M6: '=SUM(B6:L6)',
      M7: '=SUM(B7:K7)+L7',
      M9: '=SUM(B9:L9)',
    });
    const got = check(sheet).filter((f) => f.rule.startsWith('formulas.'));
    expect(got.map(brief)).toEqual(
      expect.arrayContaining([
        ['warning', 'formulas.inconsistent', 'M7'],
        ['warning', 'formulas.typed-total', 'M8'],
      ]),
    );
    expect(got.find((f) => f.rule === 'formulas.inconsistent')?.message).toBe(
      'M7 holds =SUM(B7:K7)+L7, unlike the other totals in its column (such as M5: =SUM(B5:L5))',
    );
    expect(got.find((f) => f.rule === 'formulas.typed-total')?.message).toBe(
      'M8 is a total typed as 710 where the totals above and below it are formulas; it will not follow when a line changes',
    );
  });

  test('a SUM that counts a subtotal twice', () => {
    const rows = [
      ['Spend', '2024/25'],
      ['Residential', 100],
      ['Nursing', 50],
      ['Subtotal care homes', 150],
      ['Home care', 70],
      ['Total', 370],
    ];
    const { snapshotFromRows } = jest.requireActual('../../../src/engine/grid');
    const sheet = withFormulas(snapshotFromRows('Spend', rows), { B4: '=SUM(B2:B3)', B6: '=SUM(B2:B5)' });
    const findings = check(sheet);
    expect(findings.map(brief)).toEqual([['error', 'formulas.double-count', 'B6']]);
    expect(findings[0]).toMatchObject({ expected: 220, actual: 370, also: ['totals.column'] });
    expect(findings[0].message).toBe(
      'B6 adds up =SUM(B2:B5), which takes in the Subtotal care homes on row 4 as well as the lines it totals: those figures are counted twice; it shows 370 where its figures add up to 220',
    );
  });
});

describe('savings envelope (Essex 2017)', () => {
  test('as printed: envelope = budget + savings, and the reduction percentages hold to their rounding', () => {
    expect(check(seedSheet('essex-2017-savings-targets'))).toEqual([]);
  });

  test('an envelope that is not budget plus savings is an error', () => {
    const sheet = setCells(seedSheet('essex-2017-savings-targets', 0, 0, 0, 'MTRS'), { C7: 381 });
    const f = check(sheet).find((x) => x.rule === 'savings.envelope');
    expect(f?.message).toBe(
      'The Financial Envelope for 2018/19 is £381m, but the budget of £419m with savings of (£28m) comes to £391m',
    );
  });
});

describe('every seed table validates without throwing', () => {
  const names: SeedName[] = [
    'birmingham-2008-benefits',
    'birmingham-2008-costs-benefits',
    'essex-2017-measures',
    'essex-2017-savings-activity',
    'manchester-2009-population',
    'manchester-2009-business-risk-register',
    'worcestershire-2017-ascof-benchmark',
  ];
  test.each(names)('%s', (name) => {
    const findings = check(seedSheet(name, 2, 2));
    for (const f of findings) {
      expect(f.message.length).toBeGreaterThan(20);
      expect(f.cell).toMatch(/^[A-Z]+\d+$/);
    }
  });
});
