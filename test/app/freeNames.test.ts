/**
 * An insert whose table and range names the workbook has already (the same projection inserted
 * twice) takes free names, its formulas following, on both hosts; the answer says which.
 */
import { PlanCheckApp } from '../../src/app';
import { defaultValues } from '../../src/app/generateForms';
import { withFreeNames } from '../../src/engine/sheetNames';
import { fx, type TableSpec } from '../../src/engine/spec';
import { HOSTS } from '../ports/hosts';

const values = () => ({ ...defaultValues('budget', {}, new Date(2025, 5, 1)), lines: 'Net budget, 5,000' });

describe.each(HOSTS)('on $name', (host) => {
  it('a second budget projection takes free names and says so; the first keeps its own', async () => {
    const book = await host.open({ Plan: [['Financial plan']] });
    const app = new PlanCheckApp(book.port);
    const first = await app.generate('budget', values(), 'new-sheet');
    expect(first.ok && first.note).not.toMatch(/was taken/);
    const second = await app.generate('budget', values(), 'new-sheet');
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.value?.sheet).toBe('Budget projection (2)');
    expect(second.note).toContain(
      'The workbook already had Budget_Lines and 5 other names, so the budget projection uses Budget_Lines2, Budget_Inflation2, Budget_Growth2, … instead.',
    );
    const wb = await book.port.read();
    expect(wb.names).toContainEqual(
      expect.objectContaining({ name: 'Budget_Inflation2', sheet: 'Budget projection (2)' }),
    );
    expect(wb.names).toContainEqual(expect.objectContaining({ name: 'Budget_Inflation', sheet: 'Budget projection' }));
  });
});

describe('withFreeNames', () => {
  const spec: TableSpec = {
    title: 'Savings envelope',
    anchor: { sheet: 'Plan', row: 0, col: 0 },
    cells: [
      [
        fx('=Savings_Rate*Savings_Table[Total]+Savings_Rates', 0),
        fx('="Savings_Rate"&Savings_Rate', 0),
        fx("='Savings_Rate'!A1+Savings_Rate.x", 0),
      ],
    ],
    excelTable: { name: 'Savings_Table', top: 0, left: 0, bottom: 0, right: 2 },
    names: [{ name: 'Savings_Rate', top: 0, left: 0 }],
  };

  it('renames only the taken names, in whole words, outside quotes and sheet names', () => {
    const { spec: out, renamed } = withFreeNames(spec, ['savings_rate', 'Savings_Table', 'Savings_Rate2']);
    expect(renamed).toEqual([
      ['Savings_Table', 'Savings_Table2'],
      ['Savings_Rate', 'Savings_Rate3'],
    ]);
    expect(out.cells[0].map((c) => c?.formula)).toEqual([
      '=Savings_Rate3*Savings_Table2[Total]+Savings_Rates',
      '="Savings_Rate"&Savings_Rate3',
      "='Savings_Rate'!A1+Savings_Rate.x",
    ]);
    expect(out.excelTable?.name).toBe('Savings_Table2');
    expect(out.names?.[0].name).toBe('Savings_Rate3');
  });

  it('leaves a spec whose names are free as it is', () => {
    expect(withFreeNames(spec, ['Other']).spec).toBe(spec);
  });
});
