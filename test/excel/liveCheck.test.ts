/**
 * Findings that follow the user's typing, in Excel: the controller over the Office.js port and the
 * fake Excel, which reports edits as Excel does. A slip is typed into a plan, then put right; each
 * check after an edit reads only the cell typed, and says what the edit fixed.
 */
import { ENGINE } from '../../src/app/engine';
import { PlanCheckController } from '../../src/app/controller';
import { OfficePort } from '../../src/excel/officePort';
import { bigPlanRows } from '../../src/samples/bigPlan';
import { FakeExcel } from './fakeExcel';

const cellsRead = (excel: FakeExcel): number => excel.cellsPerSync.reduce((n, c) => n + c, 0);

function planWithSlip(): { excel: FakeExcel; app: PlanCheckController; good: number } {
  const rows = bigPlanRows(400);
  // Row 6 (index 5) is the first line's first funding source; column I its 2024/25 figure.
  const good = rows[5][8] as number;
  rows[5][8] = good + 100;
  const excel = new FakeExcel({ name: 'ASC plan.xlsx' });
  excel.addSheet('Financial plan', rows);
  const app = new PlanCheckController(new OfficePort({ run: excel.run, events: true }), ENGINE);
  return { excel, app, good };
}

describe('checking as the user types (Excel)', () => {
  it('the workbook reports edits after the first check, and live checking is on for a plan this size', async () => {
    const { app } = planWithSlip();
    expect(app.followsEdits()).toBe('off'); // nothing read yet
    const r = await app.validate();
    expect(r.ok).toBe(true);
    expect(app.followsEdits()).toBe('on');
  });

  it('putting the slip right clears its finding, reading only the cell typed', async () => {
    const { excel, app, good } = planWithSlip();
    const first = await app.validate();
    if (!first.ok) throw new Error(first.error);
    const slip = first.value.findings.filter((f) => f.severity === 'error');
    expect(slip.length).toBeGreaterThan(0);
    expect(slip.map((f) => `${f.sheet}!${f.cell}`).join(' ')).toMatch(/Financial plan!/);

    let heard = 0;
    app.onEdit(() => heard++);
    await excel.userEdits('Financial plan', 'I6', { value: good });
    expect(heard).toBe(1);
    excel.resetCounters();
    const after = await app.recheck();
    if (!after.ok) throw new Error(after.error);

    expect(cellsRead(excel)).toBe(1);
    expect(after.value.view.counts.error).toBe(0);
    // Fixed: the slip's error, and the column total it put out (a warning), both gone now.
    expect(after.value.fixed.map((f) => f.rule).sort()).toEqual(['funding.sum', 'totals.column']);
    expect(after.value.fixed.length + after.value.view.findings.length).toBe(first.value.findings.length);
    // Checking selected nothing and wrote nothing.
    expect(excel.selected).toBe('A1');
  });

  it('a new slip typed shows up on the next check, with the figures in its message', async () => {
    const { excel, app, good } = planWithSlip();
    await app.validate();
    await excel.userEdits('Financial plan', 'I6', { value: good });
    await app.recheck();
    await excel.userEdits('Financial plan', 'J7', { value: 1 });
    const r = await app.recheck();
    if (!r.ok) throw new Error(r.error);
    expect(r.value.fixed).toEqual([]);
    const errors = r.value.view.findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].message).toMatch(/\d/);
  });
});
