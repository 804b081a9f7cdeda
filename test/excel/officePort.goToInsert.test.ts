/**
 * Issue 27, point 7, in Excel: after an insert the Office.js port is asked to select what was
 * inserted, so Excel activates its sheet and selects its range, and Undo names it. The real engine
 * and controller over the port on the fake Excel (writes need more than office-addin-mock can
 * express; officePort.mock.test.ts shows select itself activating and selecting under the mock).
 */
import { PlanCheckController } from '../../src/app/controller';
import { ENGINE } from '../../src/app/engine';
import { defaultValues } from '../../src/app/generateForms';
import { undoLabel } from '../../src/app/inserts';
import { OfficePort } from '../../src/excel/officePort';
import { FakeExcel } from './fakeExcel';

function planBook(): FakeExcel {
  const excel = new FakeExcel({ name: 'ASC plan 2025-26.xlsx' });
  excel.addSheet('Financial plan', [
    ['Adult Social Care: financial plan (£000)'],
    ['Ref', 'Service line', '2024/25', '2025/26'],
    ['01', 'Older people', 52000, 53560],
    ['02', 'Learning disability', 38000, 39140],
    [null, 'Total', 90000, 92700],
  ]);
  return excel;
}

describe('going to what was inserted, in Excel', () => {
  it('a budget projection on a new sheet: its sheet is activated and its whole range selected', async () => {
    const excel = planBook();
    const port = new OfficePort({ run: excel.run });
    const select = jest.spyOn(port, 'select');
    const app = new PlanCheckController(port, ENGINE);
    expect(excel.activeSheet).toBe('Financial plan');

    const result = await app.generate(
      'budget',
      { ...defaultValues('budget', {}), lines: 'Adult Social Care net budget, 100,000', firstYear: '2025/26' },
      'new-sheet',
    );
    if (!result.ok || !result.value) throw new Error(result.ok ? 'nothing written' : result.error);
    const { sheet, range } = result.value;
    expect(sheet).toBe('Budget projection');
    expect(select).toHaveBeenCalledTimes(1);
    expect(select).toHaveBeenCalledWith('Budget projection', range);
    expect(excel.activeSheet).toBe('Budget projection');
    expect(excel.selected).toBe(range);
    expect(undoLabel(app.lastInsert())).toBe('Undo: inserted Budget projection on sheet Budget projection');
  });

  it('at the selected cell: the inserted range is selected from that cell, on the same sheet', async () => {
    const excel = planBook();
    const port = new OfficePort({ run: excel.run });
    const app = new PlanCheckController(port, ENGINE);
    await port.select('Financial plan', 'G2');

    const result = await app.generate(
      'savings',
      {
        ...defaultValues('savings', {}),
        firstYear: '2025/26',
        budget: '120,000, 123,600, 127,300',
        savings: '4,000, 3,500, 3,000',
      },
      'selection',
    );
    if (!result.ok || !result.value) throw new Error(result.ok ? 'nothing written' : result.error);
    expect(result.value.range).toMatch(/^G2:[H-Z]\d+$/);
    expect(excel.activeSheet).toBe('Financial plan');
    expect(excel.selected).toBe(result.value.range);
    expect(undoLabel(app.lastInsert())).toBe(`Undo: inserted Savings envelope at Financial plan!${result.value.range}`);

    // Undone: the cells are empty again and Undo has nothing left to name.
    const undone = await app.undo();
    expect(undone).toEqual({
      ok: true,
      value: true,
      note: `Undone: inserted Savings envelope at Financial plan!${result.value.range}.`,
    });
    expect(excel.cell('Financial plan', 'G2').value).toBe('');
    expect(app.lastInsert()).toBeNull();
  });

  it('the validation report: Excel goes to its new sheet', async () => {
    const excel = planBook();
    const port = new OfficePort({ run: excel.run });
    const app = new PlanCheckController(port, ENGINE);
    await app.validate();
    const result = await app.insertReport();
    if (!result.ok || !result.value) throw new Error(result.ok ? 'nothing written' : result.error);
    expect(excel.activeSheet).toBe(result.value.sheet);
    expect(excel.selected).toBe(result.value.range);
  });
});
