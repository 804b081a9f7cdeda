import { buildProjections } from '../../../src/engine/generate/fromConfig';
import type { Figure } from '../../../src/engine/numbers';
import type { FoundTable, ReadResult } from '../../../src/engine/tables';
import { evaluate } from './evaluate';

const newSheet = (base: string) => base;

const config = {
  budget: {
    firstYear: '2025/26',
    years: 3,
    lines: [
      { label: 'Older people', base: 52000, growth: 3.5 },
      { label: 'Learning disability', base: 38000, inflation: [4, 3.5, 3] },
    ],
    inflation: 3,
    growth: [2, 2, 1.5],
    pressures: [500, 750, 1000],
    savings: [-1200, -1500, -1500],
    cashLimit: [93000, 95500, 98000],
  },
  costBenefit: {
    firstYear: '2007/08',
    costs: [{ label: '3 year programme plan', values: [4436, 10215, 12236, 6812] }],
    benefits: [{ label: 'Gross cashable benefits', values: [0, 450, 737, 2050] }],
  },
  savings: {
    firstYear: '2017/18',
    units: '£m',
    heading: 'Adult Social Care',
    budget: [421, 419, 433, 471],
    savings: [0, -28, -61, -91],
    alreadyPlanned: [0, -12.1, -15.4, -15.4],
  },
  demand: {
    years: ['2007', '2008', '2010'],
    measure: 'People with dementia',
    bands: [{ label: 'Women 85+', population: [4900, 5000, 5100], rate: 25.2 }],
    unitCost: 25000,
  },
};

/** A reader's result holding one financial plan: two lines with a source row under each, years 2024/25 and 2025/26. */
function fakeRead(): ReadResult {
  const cells: Record<string, number> = { '5,3': 52000, '6,3': 52000, '7,3': 38000, '8,3': 38000, '9,3': 90000 };
  const table: FoundTable = {
    id: 'Plan!B4:E10',
    sheet: 'Plan',
    range: 'B4:E10',
    top: 3,
    bottom: 9,
    left: 1,
    right: 4,
    kind: 'financial-plan',
    headerRows: [3, 4],
    unit: { label: '£000', multiplier: 1000 },
    columns: [
      { col: 1, letter: 'B', header: 'Line', role: 'label' },
      { col: 2, letter: 'C', header: 'Source', role: 'source' },
      { col: 3, letter: 'D', header: '2024/25', role: 'year', year: { label: '2024/25', start: 2024 } },
      { col: 4, letter: 'E', header: '2025/26', role: 'year', year: { label: '2025/26', start: 2025 } },
    ],
    rows: [
      { row: 5, role: 'line', label: 'Older people' },
      { row: 6, role: 'source', label: 'Mainstream', lineRow: 5 },
      { row: 7, role: 'line', label: '=Learning disability' },
      { row: 8, role: 'source', label: 'Mainstream', lineRow: 7 },
      { row: 9, role: 'total', label: 'Totals' },
    ],
  };
  return {
    tables: [table],
    findings: [],
    views: {},
    figure: (_sheet: string, row: number, col: number): Figure => {
      const v = cells[`${row},${col}`];
      return v === undefined ? { kind: 'blank', value: null } : { kind: 'number', value: v };
    },
  };
}

describe('projections from the config', () => {
  test('each table named in the config goes on a new sheet of its own, ready to write', () => {
    const built = buildProjections(config, null, (base) => `${base} (2)`);
    expect(built.map((b) => b.name)).toEqual([
      'Budget projection',
      'Cost/benefit and payback',
      'Savings envelope',
      'Demand',
    ]);
    expect(built.map((b) => b.table.spec.anchor)).toEqual([
      { sheet: 'Budget projection (2)', row: 0, col: 0 },
      { sheet: 'Cost and benefit (2)', row: 0, col: 0 },
      { sheet: 'Savings envelope (2)', row: 0, col: 0 },
      { sheet: 'Demand (2)', row: 0, col: 0 },
    ]);
    expect(built.every((b) => b.table.spec.newSheet === true)).toBe(true);
    // names carry the sheet's number so that they do not clash with the first projection's
    expect(built[0].table.spec.names?.[0].name).toBe('Budget_2_Inflation');
    expect(built[1].table.summary.paybackYear).toBe('not within the period');
    expect(built[2].table.rows.find((r) => r.label === 'Financial envelope')?.values).toEqual([421, 391, 372, 380]);
  });

  test('all four tables evaluate together in one workbook, with no name used twice', () => {
    const built = buildProjections(config, null, newSheet);
    const specs = built.map((b) => b.table.spec);
    const names = specs.flatMap((s) => [...(s.names ?? []).map((n) => n.name), s.excelTable!.name]);
    expect(new Set(names).size).toBe(names.length);
    expect(evaluate(specs).mismatches()).toEqual([]);
  });

  test('"at" puts a table on an existing sheet at the cell given', () => {
    const built = buildProjections(
      { savings: { ...config.savings, at: { sheet: 'Plan', cell: 'N4' } } },
      null,
      newSheet,
    );
    const spec = built[0].table.spec;
    expect(spec.anchor).toEqual({ sheet: 'Plan', row: 3, col: 13 });
    expect(spec.newSheet).toBeFalsy();
    expect(spec.excelTable?.name).toBe('Savings_Plan_N4_Table');
    const hf = evaluate(spec);
    expect(hf.mismatches()).toEqual([]);
  });

  test('budget lines come from the financial plan the reader found: its lines and its first year column', () => {
    const { budget } = config;
    const built = buildProjections({ budget: { years: 2, inflation: budget.inflation } }, fakeRead(), newSheet);
    const t = built[0].table;
    expect(t.columns).toEqual(['2024/25 (base)', '2025/26', '2026/27']);
    expect(t.rows.slice(0, 2).map((r) => [r.label, r.values[0]])).toEqual([
      ['Older people', 52000],
      ['=Learning disability', 38000],
    ]);
    // a label read from the workbook is written as text
    const hf = evaluate(t.spec);
    expect(hf.mismatches()).toEqual([]);
    const labelRow = t.spec.cells.findIndex((c) => c[0]?.value === '=Learning disability');
    expect(t.spec.cells[labelRow][0]?.formula).toBeUndefined();
  });

  test('"baseFrom" picks the table at a range, and says so when there is none', () => {
    const read = fakeRead();
    const at = { years: 1, firstYear: '2025/26', baseFrom: { sheet: 'plan', range: 'B6:E6' } };
    const built = buildProjections({ budget: at }, read, newSheet);
    expect(built[0].table.rows.map((r) => r.label)).toEqual([
      'Older people',
      'Total',
      'Add: pressures',
      'Less: savings',
      'Net requirement',
    ]);
    expect(() =>
      buildProjections({ budget: { ...at, baseFrom: { sheet: 'Plan', range: 'Z90:Z99' } } }, read, newSheet),
    ).toThrow('projections.budget.baseFrom: PlanCheck found no table at Plan!Z90:Z99.');
    expect(() => buildProjections({ budget: { years: 2 } }, null, newSheet)).toThrow(
      'projections.budget has no "lines", and there is no workbook to take them from.',
    );
  });

  test.each([
    [
      { budget: { ...config.budget, years: 'five' } },
      'projections.budget.years must be a whole number of years from 1 to 30; it is "five".',
    ],
    [
      { budget: { ...config.budget, growth: [2, 2] } },
      'projections.budget.growth has 2 figures but the projection has 3 years.',
    ],
    [
      { budget: { ...config.budget, lines: [{ label: 'Older people', base: '52,000' }] } },
      'projections.budget.lines[0].base must be a number',
    ],
    [
      { budget: { ...config.budget, firstYear: '2025/27' } },
      'projections.budget.firstYear must be a financial year such as "2025/26"',
    ],
    [{ costBenefit: { ...config.costBenefit, costs: 4436 } }, 'projections.costBenefit.costs must be a list'],
    [
      { costBenefit: { ...config.costBenefit, discountRate: '3.5%' } },
      'projections.costBenefit.discountRate must be a number',
    ],
    [{ savings: { ...config.savings, budget: [421, 'x'] } }, 'projections.savings.budget[1] must be a number'],
    [
      { demand: { ...config.demand, bands: [{ label: '85+', population: [1, 2, 3] }] } },
      'projections.demand.bands[0].rate must be a number; it is missing.',
    ],
    [
      { demand: { ...config.demand, at: { sheet: 'Plan', cell: 'here' } } },
      'projections.demand.at.cell must be a cell address such as "N4"',
    ],
    [{ savings: [1, 2] }, 'projections.savings must be an object'],
    [{ budgett: {} }, '"projections" has none of budget, costBenefit, savings or demand (it has budgett).'],
  ])('a malformed section is refused with a sentence naming the key (%#)', (projections, message) => {
    expect(() => buildProjections(projections as Record<string, unknown>, null, newSheet)).toThrow(message);
  });
});
