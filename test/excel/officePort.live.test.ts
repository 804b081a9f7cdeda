/**
 * Reading only what changed: the Office.js port listens to Excel's change events and keeps its last
 * read, so an action on an unchanged workbook reads no cells, and one after an edit reads only the
 * cells edited. Against the fake Excel, which reports events as Excel does after a user's edit.
 */
import { OfficePort } from '../../src/excel/officePort';
import { bigPlanRows, widePlanRows } from '../../src/samples/bigPlan';
import { val } from '../../src/engine/spec';
import { FakeExcel } from './fakeExcel';

const cellsRead = (excel: FakeExcel): number => excel.cellsPerSync.reduce((n, c) => n + c, 0);

function plan(rows = 1_000): { excel: FakeExcel; port: OfficePort } {
  const excel = new FakeExcel({ name: 'ASC plan.xlsx' });
  excel.addSheet('Financial plan', bigPlanRows(rows));
  excel.addSheet('Risks', [
    ['Risk', 'Likelihood', 'Impact'],
    ['Provider failure', 4, 5],
  ]);
  return { excel, port: new OfficePort({ run: excel.run, events: true }) };
}

describe('OfficePort reads only what changed', () => {
  it('a second action on an unchanged workbook reads no cells: one small survey sync', async () => {
    const { excel, port } = plan();
    const first = await port.read();
    excel.resetCounters();
    const second = await port.read();
    expect(excel.syncs).toBe(1);
    expect(cellsRead(excel)).toBe(0);
    expect(excel.maxResponseBytes).toBeLessThan(2_000);
    expect(second.sheets.map((s) => s.values)).toEqual(first.sheets.map((s) => s.values));
  });

  it('after the user types one figure on a 100,000-row x 20-column plan, reads that cell alone', async () => {
    const excel = new FakeExcel();
    excel.addSheet('Financial plan', widePlanRows(100_000));
    const port = new OfficePort({ run: excel.run, events: true });
    const before = await port.read();
    const old = before.sheets[0].values[60_000][4];

    await excel.userEdits('Financial plan', 'E60001', { value: 99_999 });
    excel.resetCounters();
    const after = await port.read();

    expect(excel.syncs).toBe(2); // the survey, then the edited cell
    expect(cellsRead(excel)).toBe(1);
    expect(after.sheets[0].values[60_000][4]).toBe(99_999);
    // What an earlier read handed out does not change under its holder.
    expect(before.sheets[0].values[60_000][4]).toBe(old);
    expect(after.sheets[0].values[59_999]).toBe(before.sheets[0].values[59_999]);
  });

  it('a pasted block and a changed number format are read again, and nothing else', async () => {
    const { excel, port } = plan();
    await port.read();
    await excel.userEdits('Financial plan', 'E10:F11', [
      [{ value: 1 }, { value: 2 }],
      [{ value: 3 }, { formula: '=E10+E11', value: 4 }],
    ]);
    excel.setCell('Financial plan', 'G20', { numberFormat: '0.0%' });
    await excel.fire('formatChanged', { worksheetId: excel.sheet('Financial plan')?.id, address: 'G20' });
    excel.resetCounters();
    const wb = await port.read();
    expect(cellsRead(excel)).toBe(5);
    const snap = wb.sheets[0];
    expect(snap.values[10].slice(4, 6)).toEqual([3, 4]);
    expect(snap.formulas[10][5]).toBe('=E10+E11');
    expect(snap.numberFormats[19][6]).toBe('0.0%');
  });

  it('rows inserted or a renamed sheet read that sheet again whole', async () => {
    const { excel, port } = plan(400);
    await port.read();
    const risks = excel.sheet('Risks');
    await excel.fire('changed', { worksheetId: risks?.id, address: '3:3', changeType: 'RowInserted' });
    excel.resetCounters();
    await port.read();
    expect(cellsRead(excel)).toBe(2 * 3); // the Risks sheet's used range, whole

    excel.renameSheet('Financial plan', 'Plan 2025'); // Excel 1.9 has no event for a rename
    excel.resetCounters();
    const wb = await port.read();
    expect(wb.sheets.map((s) => s.name)).toEqual(['Plan 2025', 'Risks']);
    expect(cellsRead(excel)).toBe(wb.sheets[0].values.length * 12);
  });

  it('what the port itself writes is read again, events or not', async () => {
    const { excel, port } = plan(40);
    await port.read();
    await port.write({ title: 'A note', anchor: { sheet: 'Risks', row: 5, col: 0 }, cells: [[val('Note'), val(1)]] });
    excel.resetCounters();
    const wb = await port.read();
    const risks = wb.sheets.find((s) => s.name === 'Risks');
    expect(risks?.values[5]?.[0]).toBe('Note');
    expect(cellsRead(excel)).toBeGreaterThan(0);
    expect(cellsRead(excel)).toBeLessThan(40 * 12);
  });

  it('tells its listeners which sheet changed, after marking it to be read again', async () => {
    const { excel, port } = plan(40);
    await port.read();
    const heard: string[][] = [];
    port.onChange((ids) => heard.push(ids));
    await excel.userEdits('Risks', 'C2', { value: 3 });
    expect(heard).toEqual([[excel.sheet('Risks')?.id]]);
    const wb = await port.read();
    expect(wb.sheets[1].values[1][2]).toBe(3);
  });

  it('where Excel has not the events, every read reads every cell (nothing is trusted to a cache)', async () => {
    const { excel } = plan(40);
    excel.apiVersion = 1.8;
    const port = new OfficePort({ run: excel.run, events: true });
    const wb = await port.read();
    expect(port.listens()).toBe(false);
    excel.resetCounters();
    await port.read();
    const every = wb.sheets.reduce((n, s) => n + s.values.length * (s.values[0]?.length ?? 0), 0);
    expect(every).toBeGreaterThan(500);
    expect(cellsRead(excel)).toBe(every);
  });
});
