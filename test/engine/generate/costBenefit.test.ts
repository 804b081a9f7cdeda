import { buildCostBenefit, NOT_WITHIN } from '../../../src/engine/generate/costBenefit';
import { evaluate } from './evaluate';
import { BIRMINGHAM_TABLE_9, printed, seedRow } from './seeds';

const costs = seedRow(BIRMINGHAM_TABLE_9, '3 year programme plan').slice(0, 12) as number[];
const benefits = seedRow(BIRMINGHAM_TABLE_9, 'Gross cashable benefits').slice(0, 12) as number[];
const printedReturn = seedRow(BIRMINGHAM_TABLE_9, 'Return on investment').slice(0, 12) as number[];
const printedRatio = seedRow(BIRMINGHAM_TABLE_9, 'Benefit ratio')
  .slice(0, 12)
  .map((v) => printed(v) as number);

const anchor = { sheet: 'Cost and benefit', row: 0, col: 0 };
const birmingham = () =>
  buildCostBenefit(
    {
      firstYear: '2007/08',
      costs: [{ label: '3 year programme plan', values: costs }],
      benefits: [{ label: 'Gross cashable benefits', values: benefits }],
    },
    anchor,
  );

function row(table: ReturnType<typeof birmingham>, label: string) {
  const r = table.rows.find((x) => x.label.startsWith(label));
  if (!r) throw new Error(`no row ${label}`);
  return r;
}

/** Finds the relative position of the cell showing a summary label (its value is in the next column). */
function summaryCell(table: ReturnType<typeof birmingham>, label: string): { row: number; col: number } {
  const r = table.spec.cells.findIndex((cells) => cells[0]?.value === label);
  if (r < 0) throw new Error(`no summary row ${label}`);
  return { row: r, col: 1 };
}

describe('Birmingham 2008 table 9 as a live cost/benefit table', () => {
  test("Birmingham's programme pays back in 2013/14, year 6", () => {
    const t = birmingham();
    expect(t.summary.paybackYear).toBe('2013/14');
    expect(t.summary.paybackYearNumber).toBe(6);
    expect(t.summary.payback).toBe('2013/14 (year 6)');
    const hf = evaluate(t.spec);
    const at = summaryCell(t, 'Payback year');
    expect(hf.value(at.row, at.col)).toBe('2013/14');
    const n = summaryCell(t, 'Payback: year number (year 0 first)');
    expect(hf.value(n.row, n.col)).toBe(6);
  });

  test('the running return follows the printed return on investment row, within the rounding of the printed lines', () => {
    const running = row(birmingham(), 'Running return').values.slice(0, 12) as number[];
    running.forEach((v, t) => expect(Math.abs(v - printedReturn[t])).toBeLessThanOrEqual(3));
    // year 5 still negative, year 6 positive, as printed
    expect(running[5]).toBe(-16969);
    expect(running[6]).toBe(244);
  });

  test('the benefit ratio is the year’s benefits over its costs, as printed to two places (years 0 to 10)', () => {
    const ratio = row(birmingham(), 'Benefit ratio').values as number[];
    // The document prints the ratio with a % sign and cuts it to two places: 3.16% for 5,932 / 1,875.
    for (let t = 0; t <= 10; t++) expect(Math.abs(ratio[t] - printedRatio[t] * 100)).toBeLessThan(0.01);
  });

  test('NPV at the Green Book 3.5% discounts year t by 1.035^t, with year 0 undiscounted', () => {
    const t = birmingham();
    const expected = costs.reduce((s, c, y) => s + (benefits[y] - c) / 1.035 ** y, 0);
    expect(t.summary.npv).toBeCloseTo(expected, 6);
    expect(Math.round(t.summary.npv as number)).toBe(110007);
    expect(t.summary.discountRate).toBe(0.035);
    // return on investment over the period: (198,280 − 42,466) / 42,466
    expect(t.summary.returnOnInvestment).toBeCloseTo((198280 - 42466) / 42466, 10);
  });

  test('every formula evaluates to the value stored with it', () => {
    const t = birmingham();
    const hf = evaluate(t.spec);
    expect(hf.formulaCount()).toBeGreaterThan(80);
    expect(hf.mismatches()).toEqual([]);
  });

  test('payback and NPV are formulas, and a changed discount rate or cost flows through', () => {
    const t = birmingham();
    const npvAt = summaryCell(t, 'Net present value');
    const paybackAt = summaryCell(t, 'Payback year');
    expect(t.spec.cells[npvAt.row][1]?.formula).toMatch(/^=SUMPRODUCT\(/);
    expect(t.spec.cells[paybackAt.row][1]?.formula).toMatch(/INDEX\(.*MATCH\(/);
    const hf = evaluate(t.spec);
    // The discount rate input, by its name.
    const rateName = t.spec.names?.find((n) => n.name === 'CostBenefit_DiscountRate');
    expect(rateName).toBeDefined();
    hf.set(rateName!.top, rateName!.left, 0);
    expect(hf.value(npvAt.row, 1)).toBeCloseTo(155814, 6);
    // Year 6 costs up by 300 (the net benefit that year is 17,213): payback slips to 2014/15.
    const costRow = t.spec.cells.findIndex((c) => c[0]?.value === '3 year programme plan');
    hf.set(costRow, 1 + 6, 1136 + 300);
    expect(hf.value(paybackAt.row, 1)).toBe('2014/15');
  });

  test('a programme that never pays back says so', () => {
    const t = buildCostBenefit(
      {
        firstYear: '2025/26',
        costs: [{ label: 'Build', values: [100, 100, 100] }],
        benefits: [{ label: 'Savings', values: [0, 50, 60] }],
      },
      anchor,
    );
    expect(t.summary.paybackYear).toBe(NOT_WITHIN);
    const hf = evaluate(t.spec);
    expect(hf.mismatches()).toEqual([]);
    expect(hf.value(summaryCell(t, 'Payback year').row, 1)).toBe(NOT_WITHIN);
  });

  test('a running return of exactly nil counts as paid back: the first year it is not negative', () => {
    const t = buildCostBenefit(
      {
        firstYear: '2025/26',
        costs: [{ label: 'Build', values: [100, 0, 0] }],
        benefits: [{ label: 'Savings', values: [0, 100, 50] }],
      },
      anchor,
    );
    expect(t.summary.payback).toBe('2026/27 (year 1)');
    const hf = evaluate(t.spec);
    expect(hf.mismatches()).toEqual([]);
    expect(hf.value(summaryCell(t, 'Payback year').row, 1)).toBe('2026/27');
  });

  test('several cost rows are totalled before the net benefit, and the table can sit anywhere on a sheet', () => {
    const t = buildCostBenefit(
      {
        firstYear: '2024/25',
        costs: [
          { label: 'Staff', values: [60, 20] },
          { label: 'Systems', values: [40, 10] },
        ],
        benefits: [{ label: 'Cashable', values: [0, 150] }],
        discountRate: 5,
      },
      { sheet: 'Plan 2', row: 9, col: 3 },
    );
    expect(row(t, 'Total costs').values).toEqual([100, 30, 130]);
    expect(row(t, 'Net benefit').values).toEqual([-100, 120, 20]);
    expect(t.summary.npv).toBeCloseTo(-100 + 120 / 1.05, 9);
    expect(t.summary.paybackYear).toBe('2025/26');
    // formulas are addressed to the sheet cells under the anchor (D10 is the anchor)
    const costCell = t.spec.cells.findIndex((c) => c[0]?.value === 'Staff');
    expect(t.spec.cells[costCell + 2][1]?.formula).toBe(`=SUM(E${10 + costCell}:E${11 + costCell})`);
    expect(evaluate(t.spec).mismatches()).toEqual([]);
  });

  test('money is in the council format, the inputs are shaded, and an Excel table covers the body', () => {
    const t = birmingham();
    const costRow = t.spec.cells.findIndex((c) => c[0]?.value === '3 year programme plan');
    expect(t.spec.cells[costRow][1]).toMatchObject({ input: true, numberFormat: '#,##0;(#,##0)' });
    expect(t.spec.excelTable).toMatchObject({ name: 'CostBenefit_Table', left: 0, right: 13 });
    const header = t.spec.cells[t.spec.excelTable!.top].map((c) => c?.value);
    expect(header).toEqual([
      '£000',
      ...BIRMINGHAM_TABLE_9.columns.slice(1, 13).map((c) => c.replace(/^Year \d+ /, '').replace(/\/(\d)$/, '/0$1')),
      'Total',
    ]);
  });
});
