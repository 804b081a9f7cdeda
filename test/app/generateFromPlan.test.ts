/**
 * Generate starts from the plan (issue 27, point 1): the controller with the real engine over the
 * file port. A workbook with a plan goes in; the budget form comes out with the plan's lines and
 * their latest figures, and the inserted projection's base cells are formulas to the plan's cells
 * with the plan's figures stored. A figure typed over stays the user's own; the table holding the
 * selection is preferred; a template is offered the plan's lines, and its fill refers to them.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';

import { PlanCheckController } from '../../src/app/controller';
import { ENGINE } from '../../src/app/engine';
import { defaultValues } from '../../src/app/generateForms';
import { typedFigure } from '../../src/app/planStart';
import { XlsxPort } from '../../src/xlsx/xlsxPort';
import { InThreadRunner } from '../../src/app/runner/inThread';
import { WorkerRunner } from '../../src/app/runner/workerRunner';
import { inProcessWorker } from './inProcessWorker';

const JUNE_2025 = new Date(2025, 5, 1);

async function samplePlan(): Promise<XlsxPort> {
  const bytes = await fs.readFile(path.join(__dirname, '../../samples/plancheck-sample.xlsx'));
  return XlsxPort.fromBuffer(new Uint8Array(bytes), 'plancheck-sample.xlsx');
}

/** The cell of a sheet's column `col` on the row whose column A reads `label`. */
function cellBeside(ws: ExcelJS.Worksheet, label: string, col: number): ExcelJS.Cell {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === label) return ws.getCell(r, col);
  throw new Error(`no row "${label}" on ${ws.name}`);
}

/** A book with two plans: the directorate's (Plan) and a second, smaller one on another sheet (Reablement). */
function twoPlans(): XlsxPort {
  const wb = new ExcelJS.Workbook();
  const plan = wb.addWorksheet('Plan');
  plan.addRows([
    ['Adult Social Care revenue budget (£000)'],
    [],
    ['Service', '2023/24', '2024/25', '2025/26'],
    ['Older people', 52000, 53500, 55100],
    ['Learning disability', 38000, 39100, 40300],
    ['Mental health', 10000, 10300, null],
    ['Total', 100000, 102900, 95400],
  ]);
  const other = wb.addWorksheet('Reablement');
  other.addRows([
    ['Reablement service (£000)'],
    [],
    ['Team', '2024/25', '2025/26'],
    ['North', 1200, 1250],
    ['South', 900, 940],
    ['Total', 2100, 2190],
  ]);
  return new XlsxPort(wb, 'two-plans.xlsx');
}

describe('the budget projection starts from the plan', () => {
  it("opens with the plan's lines and their latest figures, and inserts base figures that are formulas to the plan's cells", async () => {
    const port = await samplePlan();
    const app = new PlanCheckController(port, ENGINE, async () => false);
    const start = await app.generateStart();
    if (!start.ok) throw new Error(start.error);
    expect(start.value.plan).toEqual({
      table: 'Financial plan!B5:M54',
      title: '3.1 Financial Plan',
      baseYear: '2011/12',
      lines: 13,
      cells: 'Financial plan!H7:H49',
    });
    const lines = start.value.values.lines.split('\n');
    expect(lines).toHaveLength(13);
    expect(lines.slice(0, 3)).toEqual([
      'Service Strategy and Regulation, 162',
      'Commissioning, Prevention and Social Inclusion, 588',
      'Services for Older People, 75,376',
    ]);
    expect(start.value.values.firstYear).toBe('2012/13');

    const values = { ...defaultValues('budget', {}, JUNE_2025), ...start.value.values };
    const inserted = await app.generate('budget', values, 'new-sheet');
    if (!inserted.ok || !inserted.value) throw new Error(JSON.stringify(inserted));
    expect(inserted.note).toContain(
      'Its base figures refer to Financial plan!H7:H49, so it follows the plan when the plan changes.',
    );
    const ws = port.workbook.getWorksheet(inserted.value.sheet)!;
    expect(cellBeside(ws, 'Services for Older People', 2).value).toEqual({
      formula: "'Financial plan'!H9",
      result: 75376,
    });
    expect(cellBeside(ws, 'Support Services', 2).value).toEqual({ formula: "'Financial plan'!H49", result: 15703 });
    // The first projected year grows from that cell, and the base total is the plan's 2011/12 lines.
    const next = cellBeside(ws, 'Services for Older People', 3).value as ExcelJS.CellFormulaValue;
    expect(next.formula).toMatch(/^B\d+\*\(1\+C\d+\)\*\(1\+C\d+\)$/);
    expect(next.result).toBeCloseTo(75376 * 1.03 * 1.02, 4);
    const total = cellBeside(ws, 'Total', 2).value as ExcelJS.CellFormulaValue;
    expect(total.result).toBe(199389);
  });

  it("a figure typed over is the user's own: written as typed, and the note says how many refer to the plan", async () => {
    const port = await samplePlan();
    const app = new PlanCheckController(port, ENGINE, async () => false);
    const start = await app.generateStart();
    if (!start.ok) throw new Error(start.error);
    const lines = start.value.values.lines.replace(
      'Services for Older People, 75,376',
      'Services for Older People, 80,000',
    );
    const values = { ...defaultValues('budget', {}, JUNE_2025), ...start.value.values, lines };
    const inserted = await app.generate('budget', values, 'new-sheet');
    if (!inserted.ok || !inserted.value) throw new Error(JSON.stringify(inserted));
    expect(inserted.note).toContain('12 of its 13 base figures refer to Financial plan!H7:H49');
    const ws = port.workbook.getWorksheet(inserted.value.sheet)!;
    expect(cellBeside(ws, 'Services for Older People', 2).value).toBe(80000);
    expect(cellBeside(ws, 'Adults – Mental Health', 2).value).toEqual({
      formula: "'Financial plan'!H25",
      result: 16062,
    });
  });

  it('prefers the plan holding the selection, and says when the selected table is not one', async () => {
    const port = twoPlans();
    const app = new PlanCheckController(port, ENGINE, async () => false);
    // Nothing selected: the first plan, its latest year with figures (2025/26: Mental health has none, so is left out).
    const first = await app.generateStart();
    if (!first.ok) throw new Error(first.error);
    expect(first.value.values).toMatchObject({
      lines: 'Older people, 55,100\nLearning disability, 40,300',
      firstYear: '2026/27',
    });
    await port.select('Reablement', 'B5');
    const chosen = await app.generateStart(true);
    if (!chosen.ok) throw new Error(chosen.error);
    expect(chosen.value.plan).toMatchObject({ table: 'Reablement!A3:C6', cells: 'Reablement!C4:C5' });
    expect(chosen.value.values.lines).toBe('North, 1,250\nSouth, 940');
    await port.select('Plan', 'H20');
    expect(await app.generateStart(true)).toEqual({
      ok: false,
      error: "Plan!H20 is not in a table of budget lines by year: select a cell in the plan's table, then try again.",
    });
  });

  it('with no plan in the workbook the form keeps its fields empty, and Insert says what is missing and writes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').getCell('A1').value = 'Budget meeting notes';
    const port = new XlsxPort(wb, 'notes.xlsx');
    const app = new PlanCheckController(port, ENGINE, async () => false);
    expect(await app.generateStart()).toEqual({ ok: true, value: { values: {}, plan: null } });
    const inserted = await app.generate('budget', defaultValues('budget', {}, JUNE_2025), 'new-sheet');
    expect(inserted).toEqual({ ok: false, error: 'Fill in budget lines, with their base-year budget (£000).' });
    expect(port.workbook.worksheets.map((s) => s.name)).toEqual(['Notes']);
  });

  it('types figures so they read back the same: thousands with commas, every decimal kept', () => {
    expect(typedFigure(75376)).toBe('75,376');
    expect(typedFigure(-1234.5678)).toBe('-1,234.5678');
    expect(typedFigure(162)).toBe('162');
  });
});

/** The sample plan with a template on a sheet of its own: the service lines, no base figures, 2012/13 on. */
async function withTemplate(): Promise<XlsxPort> {
  const port = await samplePlan();
  const ws = port.workbook.addWorksheet('Template');
  ws.getRow(2).values = ['Service', '2011/12', '2012/13', '2013/14'];
  ws.getRow(3).values = ['Older people'];
  ws.getRow(4).values = ['Mental health'];
  ws.getRow(5).values = ['Total'];
  return port;
}

describe("a template is filled from the plan's lines", () => {
  it("offers every plan line for each template line, says where the unanswered ones are, and refers to the plan's cell", async () => {
    const port = await withTemplate();
    const app = new PlanCheckController(port, ENGINE, async () => false);
    const start = await app.generateStart();
    if (!start.ok) throw new Error(start.error);
    const values = { ...defaultValues('budget', {}, JUNE_2025), ...start.value.values, inflation: '3', growth: '2' };
    await port.select('Template', 'B3');
    const planned = await app.planTemplateFill({ kind: 'budget', values });
    if (!planned.ok || !('plan' in planned.value)) throw new Error(JSON.stringify(planned));
    const { plan } = planned.value;
    expect(plan.questions.map((q) => [q.line, q.at])).toEqual([
      ['Older people', 'Template!A3'],
      ['Mental health', 'Template!A4'],
    ]);
    for (const q of plan.questions) {
      expect(q.options).toHaveLength(14);
      expect(q.options).toContainEqual({
        value: 'Services for Older People',
        text: 'Services for Older People: 75,376 in Financial plan!H9',
      });
    }
    const unanswered = await app.fillTemplate({ kind: 'budget', values, table: plan.table });
    expect(unanswered.ok && unanswered.value).toMatchObject({
      unanswered:
        'Say what fills Older people (Template!A3) and Mental health (Template!A4): a budget line, or leave empty.',
    });

    const answers = { 'Older people': 'Services for Older People', 'Mental health': 'Adults – Mental Health' };
    const filled = await app.fillTemplate({ kind: 'budget', values, table: plan.table, answers });
    if (!filled.ok || !('written' in filled.value)) throw new Error(JSON.stringify(filled));
    const ws = port.workbook.getWorksheet('Template')!;
    // The template's empty 2011/12 cell refers to the plan's, and the years grow from it.
    expect(ws.getCell('B3').value).toEqual({ formula: "'Financial plan'!H9", result: 75376 });
    expect(ws.getCell('B4').value).toEqual({ formula: "'Financial plan'!H25", result: 16062 });
    const c3 = ws.getCell('C3').value as ExcelJS.CellFormulaValue;
    expect(c3.formula).toMatch(/^B3\*/);
    expect(c3.result).toBeCloseTo(75376 * 1.03 * 1.02, 4);
  });
});

describe('Generate with the engine in its worker (the plan read off the pane’s thread)', () => {
  it('starts from the plan, links the projection to it and plans the template fill as on the page’s thread', async () => {
    const worker = inProcessWorker();
    const [therePort, herePort] = [await withTemplate(), await withTemplate()];
    const there = new PlanCheckController(
      therePort,
      ENGINE,
      async () => false,
      undefined,
      new WorkerRunner(() => worker, new InThreadRunner(ENGINE)),
    );
    const here = new PlanCheckController(herePort, ENGINE, async () => false);
    const start = await there.generateStart();
    expect(start).toEqual(await here.generateStart());
    if (!start.ok) throw new Error(start.error);
    expect(start.value.plan?.cells).toBe('Financial plan!H7:H49');
    const values = { ...defaultValues('budget', {}, JUNE_2025), ...start.value.values, inflation: '3', growth: '2' };

    const inserted = await there.generate('budget', values, 'new-sheet');
    expect(inserted).toEqual(await here.generate('budget', values, 'new-sheet'));
    if (!inserted.ok) throw new Error(inserted.error);
    expect(inserted.note).toContain('Its base figures refer to Financial plan!H7:H49');

    await therePort.select('Template', 'B3');
    await herePort.select('Template', 'B3');
    const planned = await there.planTemplateFill({ kind: 'budget', values });
    expect(planned).toEqual(await here.planTemplateFill({ kind: 'budget', values }));
    if (!planned.ok || !('plan' in planned.value)) throw new Error(JSON.stringify(planned));
    const answers = { 'Older people': 'Services for Older People', 'Mental health': 'Adults – Mental Health' };
    const request = { kind: 'budget' as const, values, table: planned.value.plan.table, answers };
    const filled = await there.fillTemplate(request);
    expect(filled).toEqual(await here.fillTemplate(request));
    expect(therePort.workbook.getWorksheet('Template')!.getCell('B3').value).toEqual({
      formula: "'Financial plan'!H9",
      result: 75376,
    });
    expect(worker.tasks).toEqual(['planStart', 'linkPlan', 'template', 'template']);
  });
});
