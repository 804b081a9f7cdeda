import { buildCostBenefit } from '../../src/engine/generate/costBenefit';
import { buildBudgetProjection } from '../../src/engine/generate/projection';
import { FACTOR, MONEY, PERCENT, RATIO } from '../../src/engine/generate/layout';
import { snapshotFromRows } from '../../src/engine/grid';
import {
  applyHouseStyle,
  houseStyleFrom,
  mainPlanTable,
  newTableStyle,
  readHouseStyle,
  styleProbe,
} from '../../src/engine/houseStyle';
import type { StyleAnswer, WorkbookPort } from '../../src/engine/port';
import type { CellLook, CellSpec } from '../../src/engine/spec';
import { readTables } from '../../src/engine/tables';
import { workbook } from './helpers';

/** A directorate's budget book: a small staffing table above the main revenue plan. */
function budgetBook() {
  const staffing = snapshotFromRows('Staffing', [
    ['Staffing (FTE)'],
    ['Team', '2024/25', '2025/26'],
    ['Social workers', 40, 42],
    ['Occupational therapists', 12, 12],
    ['Total', 52, 54],
  ]);
  const plan = snapshotFromRows(
    'Plan',
    [
      ['Adult Social Care revenue budget (£000)'],
      [],
      ['Service', '2023/24', '2024/25', '2025/26', '2026/27'],
      ['Older people', 52000, 53500, 55100, 56700],
      ['Learning disability', 38000, 39100, 40300, 41500],
      ['Mental health', 10000, 10300, 10600, 10900],
      ['Physical disability', 8000, 8200, 8400, 8700],
      ['Total', 108000, 111100, 114400, 117800],
    ],
    { row: 1, col: 1 },
  );
  return workbook(staffing, plan);
}

const navyHeader: CellLook = {
  fill: '#1F3864',
  fontName: 'Arial',
  fontSize: 10,
  bold: true,
  fontColor: '#FFFFFF',
  border: { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } },
};
const thin = { top: { style: 'thin' as const }, bottom: { style: 'thin' as const } };
/** What a port reads from the budget book's plan: header, header label, label, figure, total label, total. */
const probed: StyleAnswer = {
  cells: [
    navyHeader,
    navyHeader,
    { fill: null, fontName: 'Arial', fontSize: 10, bold: false, numberFormat: 'General', border: thin },
    { fill: null, fontName: 'Arial', fontSize: 10, bold: false, numberFormat: '#,##0;(#,##0)', border: thin },
    { fill: '#D9E1F2', fontName: 'Arial', fontSize: 10, bold: true, numberFormat: 'General', border: thin },
    { fill: '#D9E1F2', fontName: 'Arial', fontSize: 10, bold: true, numberFormat: '#,##0;(#,##0)', border: thin },
  ],
  widths: [34, 11],
};

const projectionInput = {
  firstYear: '2025/26',
  years: 3,
  lines: [
    { label: 'Older people', base: 52000 },
    { label: 'Learning disability', base: 38000 },
  ],
  inflation: 3,
  growth: 2,
  pressures: [500, 750, 1000],
  savings: [-1200, -1500, -1500],
};

function rowOf(cells: (CellSpec | null)[][], label: string): (CellSpec | null)[] {
  const row = cells.find((r) => r[0]?.value === label);
  if (!row) throw new Error(`no row "${label}"`);
  return row;
}

describe('new tables in the house style', () => {
  test("the main plan table is the budget book's revenue plan, not the small staffing table", () => {
    const { tables } = readTables(budgetBook());
    expect(tables.length).toBeGreaterThanOrEqual(2);
    const main = mainPlanTable(tables);
    expect(main?.sheet).toBe('Plan');
    // Its look is read from the heading "2023/24" (C4), "Service" (B4), the first line (B5, C5) and the total (B9, C9).
    expect(styleProbe(main!)).toEqual({ sheet: 'Plan', cells: ['C4', 'B4', 'B5', 'C5', 'B9', 'C9'], columns: [1, 2] });
  });

  test("a projection takes the plan's navy headings, its money format, its totals and its widths; inputs stay shaded", () => {
    const { tables } = readTables(budgetBook());
    const main = mainPlanTable(tables)!;
    const house = houseStyleFrom(main, probed);
    const plain = buildBudgetProjection(projectionInput, { sheet: 'Projection', row: 0, col: 0 }).spec;
    const styled = applyHouseStyle(plain, house);

    // The heading row over the lines: navy, white bold Arial 10 with thin borders, as the plan's.
    const heading = rowOf(styled.cells, 'Budget line');
    for (const c of heading.filter((x): x is CellSpec => x !== null)) {
      expect(c).toMatchObject({ fill: '#1F3864', fontName: 'Arial', fontSize: 10, bold: true, fontColor: '#FFFFFF' });
      expect(c.border?.left?.style).toBe('thin');
    }
    expect(heading.map((c) => c?.value)).toEqual(['Budget line', '2024/25 (base)', '2025/26', '2026/27', '2027/28']);

    // A projected line's figures: the plan's "#,##0;(#,##0)", Arial 10, no fill of their own.
    const older = rowOf(styled.cells, 'Older people');
    expect(older[2]).toMatchObject({ numberFormat: '#,##0;(#,##0)', fontName: 'Arial', fontSize: 10 });
    expect(older[2]?.fill).toBeUndefined();
    expect(older[2]?.formula).toBe(rowOf(plain.cells, 'Older people')[2]?.formula);

    // The base-year budget is an input: still shaded as one, in the house font and money format.
    expect(older[1]).toMatchObject({ input: true, fontName: 'Arial', numberFormat: '#,##0;(#,##0)' });
    expect(older[1]?.fill).toBeUndefined();
    // A rate input keeps its percentage.
    const inflation = rowOf(styled.cells, 'Inflation (all lines)');
    expect(inflation[2]).toMatchObject({ input: true, numberFormat: PERCENT, fontName: 'Arial' });

    // The total row: the plan's pale blue, bold, money format.
    const total = rowOf(styled.cells, 'Total');
    expect(total[0]).toMatchObject({ fill: '#D9E1F2', bold: true, fontName: 'Arial' });
    expect(total[3]).toMatchObject({ fill: '#D9E1F2', bold: true, numberFormat: '#,##0;(#,##0)' });

    // The title takes the house's face, keeps its own size and weight.
    expect(styled.cells[0][0]).toMatchObject({ value: 'Budget projection (£000)', fontName: 'Arial', bold: true });
    expect(styled.cells[0][0]?.fontSize).toBeUndefined();

    // Widths: the plan's label column and figure column, the base-year column widened to fit "2024/25 (base)".
    expect(styled.columnWidths).toEqual([34, 15, 11, 11, 11]);
    // PlanCheck's own spec is left as it was.
    expect(rowOf(plain.cells, 'Older people')[2]).toMatchObject({ numberFormat: MONEY });
    expect(rowOf(plain.cells, 'Older people')[2]?.fontName).toBeUndefined();
  });

  test('with the plain style set, or no plan table to copy, nothing is read and the spec stays plain', async () => {
    const asked: string[][] = [];
    const port = {
      styleOf: async (_sheet: string, cells: string[]) => {
        asked.push(cells);
        return probed;
      },
    } as unknown as WorkbookPort;
    const { tables } = readTables(budgetBook());
    expect(newTableStyle({})).toBe('house');
    expect(newTableStyle({ style: 'plain' })).toBe('plain');
    expect(await readHouseStyle(port, tables, { style: 'plain' })).toBeNull();
    expect(await readHouseStyle(port, [], {})).toBeNull();
    expect(asked).toEqual([]);
    const house = await readHouseStyle(port, tables, {});
    expect(asked).toEqual([['C4', 'B4', 'B5', 'C5', 'B9', 'C9']]);
    expect(house).toMatchObject({ source: `Plan!${mainPlanTable(tables)!.range}`, labelWidth: 34, figureWidth: 11 });
  });

  test('a cost/benefit table: money takes the house format, while ratios, discount factors and the rate keep theirs', () => {
    const main = mainPlanTable(readTables(budgetBook()).tables)!;
    const spec = buildCostBenefit(
      {
        firstYear: '2025/26',
        costs: [{ label: 'Programme costs', values: [4000, 2000, 1000] }],
        benefits: [{ label: 'Cashable benefits', values: [0, 3000, 5000] }],
      },
      { sheet: 'Cost and benefit', row: 0, col: 0 },
    ).spec;
    const styled = applyHouseStyle(spec, houseStyleFrom(main, probed));
    // The net benefit is a total row: pale blue, bold, house money.
    const net = rowOf(styled.cells, 'Net benefit (benefits less costs)');
    expect(net[1]).toMatchObject({ fill: '#D9E1F2', bold: true, numberFormat: '#,##0;(#,##0)' });
    expect(rowOf(styled.cells, 'Benefit ratio (benefits ÷ costs)')[2]).toMatchObject({ numberFormat: RATIO });
    expect(rowOf(styled.cells, 'Discount factor')[2]).toMatchObject({ numberFormat: FACTOR, fontName: 'Arial' });
    expect(rowOf(styled.cells, 'Discount rate (HM Treasury Green Book)')[1]).toMatchObject({
      input: true,
      numberFormat: PERCENT,
    });
    // Every value and formula is the table PlanCheck built.
    expect(styled.cells.map((r) => r.map((c) => c && [c.value, c.formula]))).toEqual(
      spec.cells.map((r) => r.map((c) => c && [c.value, c.formula])),
    );
  });

  test('a plan printed in £m to three decimals lends its look but not its decimals: the new figures stay whole', () => {
    const main = mainPlanTable(readTables(budgetBook()).tables)!;
    const threeDecimals = '#,##0.000;(#,##0.000)';
    const inMillions: StyleAnswer = {
      ...probed,
      cells: probed.cells.map((c) => (c?.numberFormat === '#,##0;(#,##0)' ? { ...c, numberFormat: threeDecimals } : c)),
    };
    const plain = buildBudgetProjection(projectionInput, { sheet: 'Projection', row: 0, col: 0 }).spec;
    const styled = applyHouseStyle(plain, houseStyleFrom(main, inMillions));
    const older = rowOf(styled.cells, 'Older people');
    expect(older[2]).toMatchObject({ numberFormat: MONEY, fontName: 'Arial', fontSize: 10 });
    expect(rowOf(styled.cells, 'Total')[2]).toMatchObject({ numberFormat: MONEY, fill: '#D9E1F2' });
  });
});
