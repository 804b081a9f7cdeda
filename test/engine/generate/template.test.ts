/**
 * A budget projection filled into the council's own template: only the figure cells the template
 * leaves for figures, as live formulas that recalculate (HyperFormula) to their stored values; the
 * template's own rate cells used where it has them, else an assumptions block added and named; an
 * empty total cell given a SUM of its lines; a template that cannot take it refused in one sentence.
 */
import { HyperFormula } from 'hyperformula';

import type { CellValue, SheetSnapshot } from '../../../src/engine/grid';
import { snapshotFromRows } from '../../../src/engine/grid';
import { fillBudgetTemplate, TemplateError } from '../../../src/engine/generate/template';
import { readTables } from '../../../src/engine/tables';
import { seedGrid } from '../../../src/samples/seeds';
import { workbook } from '../helpers';

/** Lays the fill over the sheet and evaluates every cell with HyperFormula. */
function evaluate(sheet: SheetSnapshot, fill: ReturnType<typeof fillBudgetTemplate>) {
  const grid: (CellValue | string)[][] = sheet.values.map((r, i) => r.map((v, j) => sheet.formulas[i][j] ?? v));
  fill.spec.cells.forEach((row, i) =>
    row.forEach((c, j) => {
      if (!c) return;
      const r = fill.spec.anchor.row + i;
      const col = fill.spec.anchor.col + j;
      while (grid.length <= r) grid.push([]);
      grid[r][col] = c.formula ?? c.value;
    }),
  );
  const hf = HyperFormula.buildFromSheets(
    { [sheet.name]: grid.map((r) => r.map((v) => (typeof v === 'boolean' ? null : v))) },
    { licenseKey: 'gpl-v3' },
  );
  return hf;
}

describe('the Manchester 2009 financial plan as a template, its proposed years left empty', () => {
  const rows = seedGrid('manchester-2009-financial-plan').rows.map((r) => [...r]);
  // Proposed gross cash limits (E:G) emptied on every line and on the Totals row.
  const header = rows.findIndex((r) => r.includes('Gross'));
  for (let i = header + 1; i < rows.length; i++) {
    if (rows[i][1] || rows[i][1] === 'Totals' || rows[i][0] === null)
      for (const c of [4, 5, 6]) if (rows[i][7] !== 'Total Mainstream Funding Required') rows[i][c] = null;
  }
  const sheet = snapshotFromRows('Plan', rows);
  const read = readTables(workbook(sheet));
  const table = read.tables[0];

  test('every line grows from its current gross cash limit; the empty Totals get SUMs; all recalculate', () => {
    const fill = fillBudgetTemplate(read, table, { firstYear: '2009/10', inflation: 3, growth: 2 });
    expect(fill.years).toEqual(['2009/10', '2010/11', '2011/12']);
    expect(fill.lines).toHaveLength(13);
    expect(fill.assumptions.added).toBe(true);
    // Line 03 (row 8): 75,350 × 1.03 × 1.02 in 2009/10, each year from the year before.
    const row8 = fill.spec.cells[8 - 1 - fill.spec.anchor.row];
    expect(row8[4]).toMatchObject({ formula: '=C8*(1+$P$5)*(1+$P$6)' });
    expect(row8[4]?.value).toBeCloseTo(75350 * 1.03 * 1.02, 6);
    expect(row8[5]).toMatchObject({ formula: '=E8*(1+$P$5)*(1+$P$6)' });
    const hf = evaluate(sheet, fill);
    let formulas = 0;
    fill.spec.cells.forEach((row, i) =>
      row.forEach((c, j) => {
        if (!c?.formula) return;
        formulas++;
        const got = hf.getCellValue({
          sheet: 0,
          row: fill.spec.anchor.row + i,
          col: fill.spec.anchor.col + j,
        }) as number;
        expect(got).toBeCloseTo(c.value as number, 4);
      }),
    );
    expect(formulas).toBe(13 * 3 + 3);
    // The Totals row got SUMs; the Mainstream total row, a total of one source, was left alone.
    const totals = table.rows.find((r) => r.label === 'Totals')!;
    expect(fill.written).toEqual(
      expect.arrayContaining(['E52', 'F52', 'G52'].map((c) => c.replace('52', String(totals.row + 1)))),
    );
    const mainstream = table.rows.find((r) => /Mainstream/.test(r.label))!;
    expect(fill.written.some((c) => c.endsWith(String(mainstream.row + 1)))).toBe(false);
    // Changing the inflation cell flows through.
    hf.setCellContents({ sheet: 0, row: 4, col: 15 }, [[0.05]]);
    const e8 = hf.getCellValue({ sheet: 0, row: 7, col: 4 }) as number;
    expect(e8).toBeCloseTo(75350 * 1.05 * 1.02, 4);
    hf.destroy();
  });

  test('a template with rate cells of its own: they are used, and nothing is added', () => {
    const withRates = rows.map((r) => [...r]);
    const pad = (r: CellValue[]) => [...r, ...Array<CellValue>(Math.max(0, 14 - r.length)).fill(null)].slice(0, 14);
    withRates[0] = [...pad(withRates[0]), 'Inflation', 0.035];
    withRates[1] = [...pad(withRates[1] ?? []), 'Growth', 0.02];
    const s = snapshotFromRows('Plan', withRates);
    s.numberFormats[0][15] = '0.0%';
    const r = readTables(workbook(s));
    const t = r.tables.find((x) => x.kind === 'financial-plan')!;
    const fill = fillBudgetTemplate(r, t, { firstYear: '2009/10' });
    expect(fill.assumptions).toMatchObject({ added: false });
    expect(fill.spec.names).toBeUndefined();
    const row8 = fill.spec.cells[8 - 1 - fill.spec.anchor.row];
    expect(row8[4]?.formula).toBe('=C8*(1+$P$1)*(1+$P$2)');
    expect(row8[4]?.value).toBeCloseTo(75350 * 1.035 * 1.02, 6);
  });
});

test('a template with no year columns is refused in one sentence, naming it', () => {
  const s = snapshotFromRows('Template', [
    ['Service', 'Budget', 'Notes'],
    ['Home care', 100, 'x'],
    ['Total', 100, null],
  ]);
  const r = readTables(workbook(s));
  expect(() => fillBudgetTemplate(r, r.tables[0], { firstYear: '2025/26' })).toThrow(TemplateError);
  expect(() => fillBudgetTemplate(r, r.tables[0], { firstYear: '2025/26' })).toThrow(
    'The template Template!A1:C3 has no year columns PlanCheck can read (2025/26, 2025-26, or "Year 1" with a first year given).',
  );
});

test('"Year 1, Year 2" with the first year given; lines with no starting figure are named', () => {
  const s = snapshotFromRows('Projection', [
    ['Service line', 'Base 2024/25', 'Year 1', 'Year 2'],
    ['Older people', 52000, null, null],
    ['Learning disability', null, null, null],
    ['Total', null, null, null],
  ]);
  const r = readTables(workbook(s));
  const t = r.tables[0];
  expect(() => fillBudgetTemplate(r, t, { firstYear: '2025/26', inflation: 3 })).toThrow(
    'PlanCheck has no starting figure for Learning disability',
  );
  const fill = fillBudgetTemplate(r, t, {
    firstYear: '2025/26',
    inflation: 3,
    lines: [{ label: 'Learning disability', base: 38000 }],
  });
  expect(fill.years).toEqual(['2025/26', '2026/27']);
  // Learning disability's starting figure goes into the template's empty base-year cell (B3).
  expect(fill.written).toEqual(['C2', 'D2', 'B3', 'C3', 'D3', 'C4', 'D4']);
  expect(fill.spec.cells[2][1]).toEqual({ value: 38000 });
  expect(fill.spec.cells[2][2]?.formula).toBe('=B3*(1+$H$2)*(1+$H$3)');
  // The refusal names the lines for the pane to ask about; a line left empty is neither filled nor asked,
  // and an empty total's SUM still covers it.
  try {
    fillBudgetTemplate(r, t, { firstYear: '2025/26' });
    throw new Error('not refused');
  } catch (e) {
    expect((e as TemplateError).missing).toEqual(['Learning disability']);
  }
  const without = fillBudgetTemplate(r, t, { firstYear: '2025/26', inflation: 3, leaveEmpty: ['Learning disability'] });
  expect(without.lines).toEqual(['Older people']);
  expect(without.written).toEqual(['C2', 'D2', 'C4', 'D4']);
  expect(without.spec.cells[3][2]?.formula).toBe('=SUM(C2:C3)');
});
