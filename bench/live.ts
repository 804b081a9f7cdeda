/**
 * The Office.js port in a pane's life, counted on the fake Excel: syncs and cells read by each pane
 * action on an unchanged workbook after the first check, and the time from a changed cell to an
 * updated findings list on a 100,000-row plan (the read of what changed, then the checks).
 */
import { performance } from 'perf_hooks';
import { ENGINE } from '../src/app/engine';
import { PlanCheckController } from '../src/app/controller';
import { OfficePort } from '../src/excel/officePort';
import { bigPlanRows } from '../src/samples/bigPlan';
import { FakeExcel } from '../test/excel/fakeExcel';

export interface LiveFigures {
  actions: { action: string; syncs: number; cellsRead: number }[];
  changeToFindingsMs: number;
  readMs: number;
  rows: number;
}

const cells = (x: FakeExcel): number => x.cellsPerSync.reduce((n, c) => n + c, 0);

export async function measureLive(rows = 100_000): Promise<LiveFigures> {
  const excel = new FakeExcel({ name: 'ASC plan.xlsx' });
  excel.addSheet('Financial plan', bigPlanRows(rows));
  const port = new OfficePort({ run: excel.run, events: true });
  const app = new PlanCheckController(port, ENGINE);
  await app.validate();
  const actions: LiveFigures['actions'] = [];
  const count = async (action: string, fn: () => Promise<unknown>): Promise<void> => {
    excel.resetCounters();
    await fn();
    actions.push({ action, syncs: excel.syncs, cellsRead: cells(excel) });
  };
  await count('Validate again', () => app.validate());
  await count('Sheet list (Compare)', () => app.sheetNames());
  await count('Tables', () => app.tables());
  await count('Risks', () => app.risks());

  await excel.userEdits('Financial plan', 'I6', { value: 1 });
  excel.resetCounters();
  const t0 = performance.now();
  await port.read();
  const readMs = performance.now() - t0;
  await excel.userEdits('Financial plan', 'I7', { value: 2 });
  const t1 = performance.now();
  await app.recheck();
  const changeToFindingsMs = performance.now() - t1;
  return { actions, changeToFindingsMs, readMs, rows };
}

if (require.main === module) {
  measureLive().then((f) => {
    console.table(f.actions);
    console.log(
      `changed cell to findings on ${f.rows} rows: ${f.changeToFindingsMs.toFixed(0)} ms (read ${f.readMs.toFixed(0)} ms)`,
    );
  });
}
