/**
 * Filling the council's own budget template in Excel, through the Office.js port on the fake Excel:
 * the user selects a cell of the template's table; the pane's fill writes live formulas into the
 * empty figure cells only, keeps the template's labels, number formats and its own Total formulas,
 * asks "Overwrite?" before covering figures already there, and one Undo puts the sheet back.
 */
import { PlanCheckController } from '../../src/app/controller';
import { ENGINE } from '../../src/app/engine';
import { defaultValues } from '../../src/app/generateForms';
import { LEAVE_EMPTY, type TemplateRequest } from '../../src/app/templateFill';
import { OfficePort } from '../../src/excel/officePort';
import { FakeExcel } from './fakeExcel';

const SHEET = 'Budget projection';
const MONEY = '#,##0;(#,##0)';

/** The directorate's template as Excel holds it: 2024/25 budgets, the next three years blank, a Total row of SUMs. */
function budgetBook(): FakeExcel {
  const excel = new FakeExcel({ name: 'ASC budget book.xlsx' });
  excel.addSheet(SHEET, [
    ['Adult Social Care: budget projection (£000)'],
    [],
    ['Ref', 'Service line', '2024/25', '2025/26', '2026/27', '2027/28'],
    ['01', 'Older people', 52000],
    ['02', 'Learning disability', 38000],
    ['03', 'Mental health', 12500],
    ['04', 'Physical support'],
    [null, 'Total'],
  ]);
  for (const col of ['C', 'D', 'E', 'F']) {
    for (let row = 4; row <= 7; row++) {
      const at = `${col}${row}`;
      const value = excel.cell(SHEET, at).value;
      excel.setCell(SHEET, at, { value: value === '' ? null : value, numberFormat: MONEY });
    }
    excel.setCell(SHEET, `${col}8`, {
      formula: `=SUM(${col}4:${col}7)`,
      value: col === 'C' ? 102500 : 0,
      numberFormat: MONEY,
      bold: true,
    });
  }
  return excel;
}

const values = { ...defaultValues('budget', {}), firstYear: '2025/26', inflation: '3', growth: '2' };
const request: TemplateRequest = { kind: 'budget', values, answers: { 'Physical support': LEAVE_EMPTY } };

async function selectIn(port: OfficePort, cell: string): Promise<void> {
  await port.select(SHEET, cell);
}

describe('filling a budget template in Excel (Office.js port)', () => {
  it('writes the empty figure cells as live formulas, keeps the rest, and one Undo puts it back', async () => {
    const excel = budgetBook();
    const before = excel.dump();
    const port = new OfficePort({ run: excel.run });
    const app = new PlanCheckController(port, ENGINE);
    await selectIn(port, 'C5');

    const planned = await app.planTemplateFill({ kind: 'budget', values });
    if (!planned.ok || !('plan' in planned.value)) throw new Error(JSON.stringify(planned));
    expect(planned.value.plan.table).toEqual({ sheet: SHEET, range: 'A3:F8' });
    expect(planned.value.plan.questions.map((q) => q.line)).toEqual(['Physical support']);

    const filled = await app.fillTemplate(request);
    if (!filled.ok || !('written' in filled.value)) throw new Error(JSON.stringify(filled));
    // Older people in 2025/26: its 2024/25 figure grown by the inflation and growth cells PlanCheck added.
    const d4 = excel.cell(SHEET, 'D4');
    expect(d4.formula).toMatch(/^=C4\*\(1\+\$[A-Z]+\$\d+\)\*\(1\+\$[A-Z]+\$\d+\)$/);
    expect(d4.numberFormat).toBe(MONEY);
    expect(excel.cell(SHEET, 'F6').formula).toMatch(/^=E6\*/);
    // The template's own: labels, the 2024/25 figures, and its Total formulas, as they were.
    expect(excel.cell(SHEET, 'B4').value).toBe('Older people');
    expect(excel.cell(SHEET, 'C4')).toMatchObject({ value: 52000, numberFormat: MONEY });
    for (const col of ['C', 'D', 'E', 'F'])
      expect(excel.cell(SHEET, `${col}8`)).toMatchObject({ formula: `=SUM(${col}4:${col}7)`, bold: true });
    // The line the user chose to leave empty is left empty.
    for (const at of ['D7', 'E7', 'F7']) expect(excel.cell(SHEET, at).formula).toBeFalsy();

    expect(await app.undo()).toMatchObject({ ok: true });
    expect(excel.dump()).toEqual(before);
  });

  it('asks "Overwrite?" before covering figures already typed in the template, and "no" writes nothing', async () => {
    const excel = budgetBook();
    excel.setCell(SHEET, 'D5', { value: 40000, numberFormat: MONEY });
    const before = excel.dump();
    const questions: string[] = [];
    const port = new OfficePort({ run: excel.run });
    const app = new PlanCheckController(port, ENGINE, async (q) => {
      questions.push(q);
      return false;
    });
    await selectIn(port, 'B4');
    const filled = await app.fillTemplate(request);
    expect(filled.ok).toBe(true);
    expect(questions).toHaveLength(1);
    expect(questions[0]).toMatch(/D5/);
    expect(questions[0]).toMatch(/Overwrite\?$/);
    expect(excel.dump()).toEqual(before);
  });
});
