/**
 * Compare in the pane, through the controller and the real exceljs port: against an earlier file
 * (read in the page), and against another sheet of the same workbook, whose bridge then refers to
 * both sheets' cells, so it stays live on either side.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { PlanCheckApp } from '../../src/app';
import { XlsxPort } from '../../src/xlsx/xlsxPort';
import { PlanCheckController } from '../../src/app/controller';
import { ENGINE } from '../../src/app/engine';
import { InThreadRunner } from '../../src/app/runner/inThread';
import { WorkerRunner } from '../../src/app/runner/workerRunner';
import { inProcessWorker } from '../app/inProcessWorker';

const MANCHESTER = path.resolve(__dirname, '../../samples/manchester-2009-plan.xlsx');

function valueOf<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

test('against an earlier file: the change, a click away, and the bridge inserted on its own sheet', async () => {
  const original = new Uint8Array(await fs.readFile(MANCHESTER));
  const port = await XlsxPort.fromBuffer(original, 'plan-v2.xlsx');
  await port.write(
    { title: 'edit', anchor: { sheet: 'Financial plan', row: 8, col: 6 }, cells: [[{ value: 74526 }]] },
    { overwrite: true },
  );
  const app = new PlanCheckApp(port);
  const view = valueOf(await app.compare({ file: { bytes: original, name: 'plan-v1.xlsx' } }));
  expect(view.old).toBe('plan-v1.xlsx');
  expect(view.changes.map((c) => [c.kind, c.oldCell, c.newCell])).toEqual([
    ['figure', 'Financial plan!G9', 'Financial plan!G9'],
  ]);
  expect(view.bridges[0].rows.map((r) => r.label)).toEqual([
    'As in plan-v1.xlsx',
    '03 Services for Older People',
    'Change in the total not explained by its lines',
    'Total now',
    'Check (must be zero)',
  ]);
  const written = valueOf(await app.insertBridge());
  expect(written?.sheet).toBe('Budget bridge');
  const after = await port.read();
  expect(after.sheets.some((s) => s.name === 'Budget bridge')).toBe(true);
});

test('against another sheet of the same workbook: the bridge refers to both sheets, live', async () => {
  const rows = [
    ['Service', '2024/25', '2025/26'],
    ['Older people', 52000, 53800],
    ['Learning disability', 38000, 39300],
    ['Total', 90000, 93100],
  ];
  const port = await XlsxPort.fromBuffer(new Uint8Array(await fs.readFile(MANCHESTER)), 'mtfp.xlsx');
  const write = (sheet: string, data: (string | number)[][], newSheet: boolean) =>
    port.write({
      title: sheet,
      anchor: { sheet, row: 0, col: 0 },
      newSheet,
      cells: data.map((r) => r.map((value) => ({ value }))),
    });
  await write('MTFP 2024-25', rows, true);
  const next = rows.map((r) => [...r]);
  next[1][2] = 54300; // older people 2025/26 up 500
  next[3][2] = 93600;
  await write('MTFP 2025-26', next, true);
  const app = new PlanCheckApp(port);
  const view = valueOf(await app.compare({ sheet: 'MTFP 2024-25' }));
  const mine = view.changes.filter((c) => c.newCell?.startsWith('MTFP 2025-26'));
  expect(mine.map((c) => [c.kind, c.line, c.before, c.after])).toEqual([['figure', 'Older people', 53800, 54300]]);
  valueOf(await app.insertBridge());
  const bridge = (await port.read()).sheets.find((s) => s.name === 'Budget bridge')!;
  const formulas = bridge.formulas.flat().filter(Boolean) as string[];
  expect(formulas.some((f) => f.includes("'MTFP 2025-26'!") && f.includes("'MTFP 2024-25'!"))).toBe(true);
});

describe('with the engine in its worker (both versions read and compared off the pane’s thread)', () => {
  async function app() {
    const original = new Uint8Array(await fs.readFile(MANCHESTER));
    const port = await XlsxPort.fromBuffer(original, 'plan-v2.xlsx');
    await port.write(
      { title: 'edit', anchor: { sheet: 'Financial plan', row: 8, col: 6 }, cells: [[{ value: 74526 }]] },
      { overwrite: true },
    );
    const worker = inProcessWorker();
    const plancheck = new PlanCheckController(
      port,
      ENGINE,
      async () => false,
      undefined,
      new WorkerRunner(() => worker, new InThreadRunner(ENGINE)),
    );
    return { plancheck, original, worker, port };
  }

  it('an earlier file compared in the worker gives the change and a bridge that inserts', async () => {
    const { plancheck, original, worker, port } = await app();
    const view = valueOf(await plancheck.compare({ file: { bytes: original, name: 'plan-v1.xlsx' } }));
    expect(worker.tasks).toEqual(['compare']);
    expect(view.changes.map((c) => [c.kind, c.oldCell, c.newCell])).toEqual([
      ['figure', 'Financial plan!G9', 'Financial plan!G9'],
    ]);
    expect(valueOf(await plancheck.insertBridge())?.sheet).toBe('Budget bridge');
    expect((await port.read()).sheets.some((s) => s.name === 'Budget bridge')).toBe(true);
  });

  it('a file that is not a workbook is said in the same sentence as on the page’s thread', async () => {
    const { plancheck, port } = await app();
    const junk = { file: { bytes: new TextEncoder().encode('not a workbook'), name: 'notes.xlsx' } };
    const there = await plancheck.compare(junk);
    const here = await new PlanCheckController(port, ENGINE, async () => false).compare(junk);
    expect(there).toEqual(here);
    if (there.ok) throw new Error('a file that is not a workbook was compared');
    expect(there.error).toBe(
      'notes.xlsx is a text or CSV file, not an Excel workbook; open it in Excel and save it as an Excel Workbook (.xlsx).',
    );
  });
});
