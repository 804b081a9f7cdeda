/**
 * The engine off the pane's thread (src/app/runner): a large plan checked in the worker finds what
 * a check on the page's thread finds, says its stages in plain words as it goes, stops when the
 * user cancels (leaving the last check's findings as they were), and runs on the page's thread
 * where there is no worker or it cannot start.
 */
import ExcelJS from 'exceljs';

import { PlanCheckController } from '../../src/app/controller';
import { ENGINE } from '../../src/app/engine';
import { checkSnapshot } from '../../src/app/pipeline';
import { runnerFor, type EngineProgress } from '../../src/app/runner';
import { InThreadRunner } from '../../src/app/runner/inThread';
import { WorkerRunner } from '../../src/app/runner/workerRunner';
import { workerSide } from '../../src/app/runner/workerSide';
import { snapshotMessages, type FromWorker } from '../../src/app/runner/protocol';
import { snapshotFromRows, type WorkbookSnapshot } from '../../src/engine/grid';
import { bigPlanRows } from '../../src/samples/bigPlan';
import { XlsxPort } from '../../src/xlsx/xlsxPort';
import { OfficePort } from '../../src/excel/officePort';
import { FakeExcel } from '../excel/fakeExcel';
import { seedGrid } from '../../src/samples/seeds';
import { inProcessWorker, workerThatCannotStart } from './inProcessWorker';

/** A 10,000-row plan whose funding for line 3 in 2024/25 is 500 more than its gross budget. */
function planRows() {
  const rows = bigPlanRows(10_000);
  rows[15][8] = (rows[15][8] as number) + 500;
  return rows;
}

function plan(): WorkbookSnapshot {
  return { name: 'plan.xlsx', sheets: [snapshotFromRows('Financial plan', planRows())], names: [] };
}

function xlsxPlan(): XlsxPort {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Financial plan');
  for (const r of planRows()) ws.addRow(r);
  return new XlsxPort(book, 'plan.xlsx');
}

const loud = (f: { severity: string }) => f.severity !== 'info';

describe('checking in the worker', () => {
  it('finds what a check on the page’s thread finds, and says each stage as it goes', async () => {
    const wb = plan();
    const heard: EngineProgress[] = [];
    const worker = inProcessWorker();
    const runner = new WorkerRunner(() => worker, new InThreadRunner(ENGINE));
    const run = await runner.check(wb, {}, { onProgress: (p) => heard.push(p) });
    const here = checkSnapshot(ENGINE, wb, {});
    expect(run.raw).toEqual(here.raw);
    expect(run.tables).toEqual(here.read.tables);
    expect(run.raw.filter(loud).length).toBeGreaterThan(0);
    // The workbook went over in pieces, then the worker said what it was doing.
    expect(worker.sent.filter((t) => t === 'rows').length).toBeGreaterThan(1);
    const sentences = [...new Set(heard.map((p) => p.text))];
    expect(sentences).toContain('Reading the workbook: Financial plan, 4,000 of 10,006 rows');
    expect(sentences).toContain('Reading the workbook: Financial plan, 10,006 of 10,006 rows');
    expect(sentences).toContain('Finding the tables in 1 sheet (10,006 rows)');
    expect(sentences).toContain('Checking the figures of 1 table');
    expect(heard.map((p) => p.stage).filter((s, i, all) => s !== all[i - 1])).toEqual(['sending', 'tables', 'checks']);
  });

  it('Cancel stops the check and ends the worker; the next check starts a fresh one and finishes', async () => {
    const workers = [inProcessWorker(), inProcessWorker()];
    let started = 0;
    const runner = new WorkerRunner(() => workers[started++], new InThreadRunner(ENGINE));
    const stop = new AbortController();
    const first = runner.check(
      plan(),
      {},
      {
        signal: stop.signal,
        onProgress: (p) => {
          if (p.stage === 'sending' && p.done! >= 4000) stop.abort();
        },
      },
    );
    await expect(first).rejects.toThrow('Stopped. What was shown before is still shown.');
    expect(workers[0].closed).toBe(true);
    const second = await runner.check(plan(), {});
    expect(started).toBe(2);
    expect(second.raw.filter(loud).length).toBeGreaterThan(0);
  });

  it('where the worker cannot start, the page’s own thread does the check, and every check after', async () => {
    let tries = 0;
    const runner = new WorkerRunner(() => {
      tries++;
      return workerThatCannotStart();
    }, new InThreadRunner(ENGINE));
    const run = await runner.check(plan(), {});
    expect(run.raw).toEqual(checkSnapshot(ENGINE, plan(), {}).raw);
    await runner.check(plan(), {});
    expect(tries).toBe(1);
  });

  it('without a Worker (here, in Node) the real engine runs on the page’s thread behind the same interface', async () => {
    const runner = runnerFor(ENGINE, true);
    expect(runner.where).toBe('in-thread');
    const heard: string[] = [];
    const run = await runner.check(plan(), {}, { onProgress: (p) => heard.push(p.text) });
    expect(run.raw.filter(loud).length).toBeGreaterThan(0);
    expect(heard).toEqual(['Finding the tables in 1 sheet (10,006 rows)', 'Checking the figures of 1 table']);
  });
});

describe('the pane’s Validate with the engine in its worker', () => {
  function app() {
    return new PlanCheckController(
      xlsxPlan(),
      ENGINE,
      undefined,
      undefined,
      new WorkerRunner(inProcessWorker, new InThreadRunner(ENGINE)),
    );
  }

  it('Validate lists the funding that is £500k over its cash limit, found in the worker', async () => {
    const result = await app().validate();
    if (!result.ok) throw new Error(result.error);
    const said = result.value.findings.filter(loud).map((f) => `${f.sheet}!${f.cell}: ${f.message}`);
    expect(said).toEqual([
      'Financial plan!E14: Funding for 0003 Budget line 0003 in 2024/25 adds up to 5,861 (£000), 500 over its cash limit of 5,361 (sources: Grants, Contributions, User Income, Mainstream)',
    ]);
  });

  it('Cancel stops a check: the answer says so, and the last check’s findings stand', async () => {
    const plancheck = app();
    const first = await plancheck.validate();
    if (!first.ok) throw new Error(first.error);
    const stages: string[] = [];
    const stopWhenChecking = plancheck.work.listen((p) => {
      if (p) stages.push(p.stage);
      if (p?.stage === 'tables') plancheck.work.cancel();
    });
    const second = await plancheck.validate();
    stopWhenChecking();
    expect(second).toEqual({ ok: false, stopped: true, error: 'Stopped. What was shown before is still shown.' });
    // Nothing had changed since the first check, so no row went to the worker again.
    expect(stages).toEqual(['tables']);
    expect(plancheck.work.running).toBe(false);
    // What the pane shows from the last check is as it was: accepting a finding still works on it.
    const accepted = await plancheck.acceptFinding(first.value.findings.find(loud)!, 'Known timing difference', 'AB');
    if (!accepted.ok) throw new Error(accepted.error);
    expect(accepted.value.findings.length).toBe(first.value.findings.length - 1);
  });

  it('a newer edit supersedes a live check: only a check of that kind is stopped', async () => {
    const plancheck = app();
    await plancheck.validate();
    let cancelledValidate = true;
    const off = plancheck.work.listen((p) => {
      if (p?.stage === 'tables') cancelledValidate = plancheck.work.cancel('recheck');
    });
    const validated = await plancheck.validate();
    off();
    expect(cancelledValidate).toBe(false);
    expect(validated.ok).toBe(true);
    const stopEdit = plancheck.work.listen((p) => {
      if (p?.stage === 'tables') plancheck.work.cancel('recheck');
    });
    const rechecked = await plancheck.recheck();
    stopEdit();
    expect(rechecked).toMatchObject({ ok: false, stopped: true });
  });
});

describe('after the first check, only what changed goes to the worker', () => {
  it('an edit in Excel hands the worker one row, and the findings follow the edit', async () => {
    const excel = new FakeExcel({ name: 'plan.xlsx' });
    excel.addSheet('Financial plan', planRows());
    const worker = inProcessWorker();
    const plancheck = new PlanCheckController(
      new OfficePort({ run: excel.run, events: true }),
      ENGINE,
      undefined,
      undefined,
      new WorkerRunner(() => worker, new InThreadRunner(ENGINE)),
    );
    const first = await plancheck.validate();
    if (!first.ok) throw new Error(first.error);
    expect(worker.rowsSent).toBe(10_006);
    expect(first.value.findings.filter(loud).map((f) => `${f.sheet}!${f.cell}`)).toEqual(['Financial plan!E14']);

    const heard: string[] = [];
    const off = plancheck.work.listen((p) => void (p && heard.push(p.text)));
    // The finance officer corrects the funding figure in I16 to what the plan had.
    await excel.userEdits('Financial plan', 'I16', { value: bigPlanRows(10_000)[15][8] });
    const again = await plancheck.recheck();
    off();
    if (!again.ok) throw new Error(again.error);
    expect(worker.rowsSent).toBe(10_007);
    expect(heard).toContain('Reading what changed: Financial plan, 1 row');
    expect(again.value.view.findings.filter(loud)).toEqual([]);
    expect(again.value.fixed.map((f) => `${f.sheet}!${f.cell}`)).toContain('Financial plan!E14');
  });

  it('the worker checks what the page holds: a shorter sheet and a changed row give a full check’s findings', async () => {
    const worker = inProcessWorker();
    const runner = new WorkerRunner(() => worker, new InThreadRunner(ENGINE));
    const wb = plan();
    await runner.check(wb, {});
    expect(worker.rowsSent).toBe(10_006);
    // The same workbook again: nothing to hand over.
    const same = await runner.check(wb, {});
    expect(worker.rowsSent).toBe(10_006);
    expect(same.raw).toEqual(checkSnapshot(ENGINE, wb, {}).raw);
    // The last 100 rows gone and the funding of line 3 put right (a new row, as a read makes it).
    const sheet = wb.sheets[0];
    const fixedRow = sheet.values[15].slice();
    fixedRow[8] = bigPlanRows(10_000)[15][8];
    const values = sheet.values.slice(0, -100);
    values[15] = fixedRow;
    const edited: WorkbookSnapshot = {
      ...wb,
      sheets: [
        {
          ...sheet,
          values,
          formulas: sheet.formulas.slice(0, -100),
          numberFormats: sheet.numberFormats.slice(0, -100),
        },
      ],
    };
    const run = await runner.check(edited, {});
    expect(worker.rowsSent).toBe(10_007);
    expect(run.raw).toEqual(checkSnapshot(ENGINE, edited, {}).raw);
    // Line 3's funding adds up now; the cut through the last line is found, as a full check finds it.
    expect(run.raw.filter(loud).map((f) => f.cell)).toEqual(['G9906', 'F9906', 'E9906']);
  });

  it('a worker started afresh after Cancel is given the whole workbook', async () => {
    const workers = [inProcessWorker(), inProcessWorker()];
    let started = 0;
    const runner = new WorkerRunner(() => workers[started++], new InThreadRunner(ENGINE));
    const wb = plan();
    await runner.check(wb, {});
    const stop = new AbortController();
    const cancelled = runner.check(
      wb,
      {},
      { signal: stop.signal, onProgress: (p) => p.stage === 'tables' && stop.abort() },
    );
    await expect(cancelled).rejects.toThrow('Stopped.');
    const run = await runner.check(wb, {});
    expect(workers.map((w) => w.rowsSent)).toEqual([10_006, 10_006]);
    expect(run.raw).toEqual(checkSnapshot(ENGINE, wb, {}).raw);
  });
});

describe('the Risks, Benchmarks and Tables tabs and Validate selected table, with the engine in its worker', () => {
  function port(): XlsxPort {
    const book = new ExcelJS.Workbook();
    const sheets: [string, ReturnType<typeof planRows>][] = [
      ['Financial plan', planRows()],
      ['Risk register', seedGrid('manchester-2009-business-risk-register').rows],
      ['ASCOF', seedGrid('worcestershire-2017-ascof-benchmark').rows],
    ];
    for (const [name, rows] of sheets) {
      const ws = book.addWorksheet(name);
      for (const r of rows) ws.addRow(r);
    }
    return new XlsxPort(book, 'plan.xlsx');
  }

  it('each finds in the worker what it finds on the page’s thread, and the worker is asked for each', async () => {
    const worker = inProcessWorker();
    const there = new PlanCheckController(
      port(),
      ENGINE,
      undefined,
      undefined,
      new WorkerRunner(() => worker, new InThreadRunner(ENGINE)),
    );
    const here = new PlanCheckController(port(), ENGINE);
    const risks = await there.risks();
    if (!risks.ok) throw new Error(risks.error);
    expect(risks).toEqual(await here.risks());
    expect(risks.value.byRegister.map((r) => r.sheet)).toEqual(['Risk register']);
    const benchmarks = await there.benchmarks();
    if (!benchmarks.ok) throw new Error(benchmarks.error);
    expect(benchmarks).toEqual(await here.benchmarks());
    expect(benchmarks.value.indicators.length).toBeGreaterThan(0);
    const tables = await there.tables();
    expect(tables).toEqual(await here.tables());
    await there.goTo({ sheet: 'Financial plan', cell: 'E14' });
    await here.goTo({ sheet: 'Financial plan', cell: 'E14' });
    const selected = await there.validateSelectedTable();
    if (!selected.ok) throw new Error(selected.error);
    expect(selected).toEqual(await here.validateSelectedTable());
    expect(selected.value.findings.filter(loud).map((f) => `${f.sheet}!${f.cell}`)).toEqual(['Financial plan!E14']);
    expect(worker.tasks).toEqual(['risks', 'benchmarks', 'tables', 'check']);
    // The workbook went over once; each later piece of work was handed no rows.
    // The workbook went over once: the later reads hold the same cells, so no row went again.
    expect(worker.rowsSent).toBe(10_043);
  });
});

describe('the worker’s side of the hand-over', () => {
  it('refuses changes to a sheet it does not hold, and checks the whole snapshot sent after', async () => {
    const heard: FromWorker[] = [];
    const handle = workerSide((m) => void heard.push(m));
    const wb = plan();
    const sheet = wb.sheets[0];
    const { values, formulas: _formulas, numberFormats: _formats, ...head } = sheet;
    // Changes to a sheet "kept" from a check this worker never saw.
    await handle({ type: 'check', id: 1, name: wb.name, names: [], settings: {} });
    await handle({ type: 'sheet', id: 1, head, rows: values.length, keep: true });
    await handle({ type: 'run', id: 1, task: 'check' });
    expect(heard.filter((m) => m.type === 'failed').map((m) => m.type === 'failed' && m.message)).toEqual([
      'The checker no longer holds the sheet Financial plan.',
      'The checker was given no workbook.',
    ]);
    // The page sends the next one whole, and it is checked as a full check checks it.
    for (const { message } of snapshotMessages(2, wb, {})) await handle(message);
    await handle({ type: 'run', id: 2, task: 'check' });
    const answer = heard.find((m) => m.type === 'answer');
    expect(answer?.type === 'answer' && answer.answer.raw).toEqual(checkSnapshot(ENGINE, wb, {}).raw);
  });
});
