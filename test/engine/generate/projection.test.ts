import { buildBudgetProjection, type BudgetProjectionInput } from '../../../src/engine/generate/projection';
import { evaluate } from './evaluate';

const anchor = { sheet: 'Budget projection', row: 0, col: 0 };
const plan: BudgetProjectionInput = {
  firstYear: '2025/26',
  years: 3,
  lines: [
    { label: 'Older people', base: 52000 },
    { label: 'Learning disability', base: 38000 },
    { label: 'Mental health', base: 10000 },
  ],
  inflation: 3,
  growth: 2,
  pressures: [500, 750, 1000],
  savings: [-1200, -1500, 1500],
  cashLimit: [102000, 105000, 108000],
};

function row(t: ReturnType<typeof buildBudgetProjection>, label: string) {
  const r = t.rows.find((x) => x.label === label);
  if (!r) throw new Error(`no row ${label}`);
  return r.values as number[];
}
function sheetRow(t: ReturnType<typeof buildBudgetProjection>, label: string): number {
  const r = t.spec.cells.findIndex((c) => c[0]?.value === label);
  if (r < 0) throw new Error(`no sheet row ${label}`);
  return r;
}

describe('budget projection', () => {
  test('each line grows by inflation and demographic growth each year, from the base year before 2025/26', () => {
    const t = buildBudgetProjection(plan, anchor);
    expect(t.columns).toEqual(['2024/25 (base)', '2025/26', '2026/27', '2027/28']);
    const older = row(t, 'Older people');
    expect(older[0]).toBe(52000);
    expect(older[1]).toBeCloseTo(52000 * 1.03 * 1.02, 9);
    expect(older[3]).toBeCloseTo(52000 * (1.03 * 1.02) ** 3, 9);
    expect(row(t, 'Total')[3]).toBeCloseTo(100000 * (1.03 * 1.02) ** 3, 9);
  });

  test('net requirement is the total plus pressures less savings; the gap is set against the cash limit, and cumulated', () => {
    const t = buildBudgetProjection(plan, anchor);
    const total = row(t, 'Total');
    const net = row(t, 'Net requirement');
    expect(row(t, 'Less: savings')).toEqual([null, -1200, -1500, -1500]);
    expect(net[1]).toBeCloseTo(total[1] + 500 - 1200, 9);
    const gap = row(t, 'Gap (requirement less cash limit)');
    expect(gap[1]).toBeCloseTo(net[1] - 102000, 9);
    expect(row(t, 'Cumulative gap')[3]).toBeCloseTo(gap[1] + gap[2] + gap[3], 9);
    expect(t.summary.cumulativeGap).toBeCloseTo(gap[1] + gap[2] + gap[3], 9);
  });

  test('every formula evaluates to the value stored with it', () => {
    const t = buildBudgetProjection(plan, anchor);
    const hf = evaluate(t.spec);
    // 3 lines × 3 years, 4 totals, then pressures, savings, net, cash limit, gap and cumulative gap for 3 years
    expect(hf.formulaCount()).toBe(3 * 3 + 4 + 6 * 3);
    expect(hf.mismatches()).toEqual([]);
  });

  test('inflation typed up from 3% to 5% in the sheet flows through every line, the total and the gap', () => {
    const t = buildBudgetProjection(plan, anchor);
    const hf = evaluate(t.spec);
    const inflation = t.spec.names!.find((n) => n.name === 'Budget_Inflation')!;
    for (let c = inflation.left; c <= inflation.right!; c++) hf.set(inflation.top, c, 0.05);
    const totalRow = sheetRow(t, 'Total');
    expect(hf.value(totalRow, 2)).toBeCloseTo(100000 * 1.05 * 1.02, 6);
    expect(hf.value(totalRow, 4)).toBeCloseTo(100000 * (1.05 * 1.02) ** 3, 6);
    const gapRow = sheetRow(t, 'Gap (requirement less cash limit)');
    expect(hf.value(gapRow, 2)).toBeCloseTo(100000 * 1.05 * 1.02 + 500 - 1200 - 102000, 6);
  });

  test('a line with its own inflation gets its own row of rates, and is not moved by the general rate', () => {
    const t = buildBudgetProjection(
      {
        ...plan,
        lines: [plan.lines[0], { label: 'Learning disability', base: 38000, inflation: [5, 4, 4], growth: 1 }],
        growth: [2, 2, 1.5],
      },
      anchor,
    );
    const ld = row(t, 'Learning disability');
    expect(ld[3]).toBeCloseTo(38000 * 1.05 * 1.04 * 1.04 * 1.01 ** 3, 9);
    expect(row(t, 'Older people')[3]).toBeCloseTo(52000 * 1.03 ** 3 * 1.02 * 1.02 * 1.015, 9);
    const hf = evaluate(t.spec);
    expect(hf.mismatches()).toEqual([]);
    const own = sheetRow(t, 'Inflation: Learning disability');
    expect(t.spec.cells[own][2]).toMatchObject({ value: 0.05, input: true, numberFormat: '0.0%' });
    const general = t.spec.names!.find((n) => n.name === 'Budget_Inflation')!;
    hf.set(general.top, 2, 0.1);
    const ldRow = sheetRow(t, 'Learning disability');
    expect(hf.value(ldRow, 2)).toBeCloseTo(38000 * 1.05 * 1.01, 6);
    expect(hf.value(sheetRow(t, 'Older people'), 2)).toBeCloseTo(52000 * 1.1 * 1.02, 6);
  });

  test("a label beginning with '=' is written as text, never as a formula", () => {
    const t = buildBudgetProjection(
      {
        ...plan,
        lines: [
          { label: '=SUM(A1:A9)', base: 100 },
          { label: '+Carers', base: 50 },
        ],
      },
      anchor,
    );
    const r = sheetRow(t, '=SUM(A1:A9)');
    expect(t.spec.cells[r][0]).toEqual({ value: '=SUM(A1:A9)' });
    expect(t.spec.cells[r + 1][0]?.formula).toBeUndefined();
    const hf = evaluate(t.spec);
    expect(hf.value(r, 0)).toBe('=SUM(A1:A9)');
    expect(hf.mismatches()).toEqual([]);
  });

  test('built at Plan!C5 its formulas refer to the sheet cells under that anchor', () => {
    const t = buildBudgetProjection(plan, { sheet: 'Plan', row: 4, col: 2 });
    const older = sheetRow(t, 'Older people');
    const inflation = sheetRow(t, 'Inflation (all lines)');
    const growth = sheetRow(t, 'Demographic growth (all lines)');
    // the anchor is C5 (row 4, col 2 counted from 0): the base is in column D, the first projected year in E
    expect(t.spec.cells[older][2]?.formula).toBe(`=D${5 + older}*(1+E${5 + inflation})*(1+E${5 + growth})`);
    const hf = evaluate(t.spec, { Other: [['not', 'this']] });
    expect(hf.mismatches()).toEqual([]);
  });

  test('money is in the council format and an Excel table covers the header and the lines', () => {
    const t = buildBudgetProjection(plan, anchor);
    const header = t.spec.excelTable!;
    expect(t.spec.cells[header.top].map((c) => c?.value)).toEqual([
      'Budget line',
      '2024/25 (base)',
      '2025/26',
      '2026/27',
      '2027/28',
    ]);
    expect(header.bottom - header.top).toBe(3);
    const older = sheetRow(t, 'Older people');
    expect(t.spec.cells[older][2]?.numberFormat).toBe('#,##0;(#,##0)');
    expect(t.spec.cells[older][1]).toMatchObject({ input: true });
    expect(t.spec.columnWidths).toHaveLength(5);
  });

  test('without a cash limit there is no gap to show', () => {
    const t = buildBudgetProjection({ ...plan, cashLimit: undefined }, anchor);
    expect(t.rows.map((r) => r.label)).not.toContain('Cumulative gap');
    expect(t.summary.cumulativeGap).toBeUndefined();
    expect(evaluate(t.spec).mismatches()).toEqual([]);
  });

  test('a list of rates the wrong length is refused in a sentence', () => {
    expect(() => buildBudgetProjection({ ...plan, growth: [2, 2] }, anchor)).toThrow(
      'Demographic growth has 2 figures but the projection has 3 years.',
    );
    expect(() => buildBudgetProjection({ ...plan, firstYear: 'next year' }, anchor)).toThrow(/not a financial year/);
  });
});
