/**
 * Generate into the council's own template, as the pane does it, through the real file port: a
 * styled budget template with its proposed years blank is selected, the plan says which lines and
 * years it matched and asks about the line it cannot match, the fill writes live formulas with
 * their values into the figure cells only (every other cell as it was, in value and style), and
 * Undo puts the template back. A template without year columns is refused in one sentence.
 */
import ExcelJS from 'exceljs';

import { PlanCheckController } from '../../src/app/controller';
import { ENGINE } from '../../src/app/engine';
import { defaultValues } from '../../src/app/generateForms';
import { budgetStart } from '../../src/app/planStart';
import {
  fillTemplate,
  LEAVE_EMPTY,
  planAt,
  planTemplate,
  type TemplateContext,
  type TemplateRequest,
} from '../../src/app/templateFill';
import { readTables } from '../../src/engine/tables';
import { XlsxPort } from '../../src/xlsx/xlsxPort';
import { budgetTemplateBytes, SHEET } from './budgetTemplate';

async function templatePort(): Promise<XlsxPort> {
  return XlsxPort.fromBuffer(await budgetTemplateBytes(), 'ASC budget book.xlsx');
}

/** Every cell of the sheet: its value (formula and result) and its style, by address. */
function cellsOf(port: XlsxPort, sheet = SHEET): Map<string, string> {
  const out = new Map<string, string>();
  port.workbook.getWorksheet(sheet)!.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      out.set(cell.address, JSON.stringify({ value: cell.value ?? null, style: cell.style ?? {} }));
    }),
  );
  return out;
}

function context(port: XlsxPort): TemplateContext {
  return {
    selection: () => port.selection(),
    plan: async (request, selection) => planAt(readTables(await port.read(), {}), request, selection),
    write: (spec) => port.write(spec),
  };
}

/** The pane's budget form, starting in 2025/26 with 3% inflation and 2% growth. */
const values = { ...defaultValues('budget', {}), firstYear: '2025/26', inflation: '3', growth: '2' };

describe('filling a budget template from the Generate tab', () => {
  it('matches the lines and years, asks about the line it cannot start, fills the figure cells only, and undoes', async () => {
    const port = await templatePort();
    const ctx = context(port);
    // The user clicks a cell inside the template's table; the form starts from it, the workbook's only plan.
    await port.select(SHEET, 'C5');
    const start = budgetStart(readTables(await port.read(), {}), await port.selection());
    expect(start.values.lines).toBe('Older people, 52,000\nLearning disability, 38,000\nMental health, 12,500');
    expect(start.values.firstYear).toBe('2025/26');
    const request: TemplateRequest = { kind: 'budget', values: { ...values, ...start.values } };
    const outcome = await planTemplate(ctx, request);
    if (!('plan' in outcome)) throw new Error(outcome.refused);
    const { plan } = outcome;
    expect(plan.table).toEqual({ sheet: SHEET, range: 'A3:F8' });
    expect(plan.years).toEqual(['2025/26', '2026/27', '2027/28']);
    expect(plan.lines).toEqual([
      { line: 'Older people', from: 'its 2024/25 figure in C4' },
      { line: 'Learning disability', from: 'its 2024/25 figure in C5' },
      { line: 'Mental health', from: 'its 2024/25 figure in C6' },
    ]);
    // Physical support has no 2024/25 figure: asked about, one of the plan's lines (where its figure is) or leave empty.
    expect(plan.questions).toEqual([
      {
        line: 'Physical support',
        at: `${SHEET}!B7`,
        options: [
          { value: 'Older people', text: `Older people: 52,000 in ${SHEET}!C4` },
          { value: 'Learning disability', text: `Learning disability: 38,000 in ${SHEET}!C5` },
          { value: 'Mental health', text: `Mental health: 12,500 in ${SHEET}!C6` },
          { value: LEAVE_EMPTY, text: 'Leave empty' },
        ],
      },
    ]);
    expect(plan.ready).toBe(false);

    // Filling before answering writes nothing and says what is still to answer, and where it is.
    const early = await fillTemplate(ctx, { ...request, table: plan.table });
    expect(early).toMatchObject({
      unanswered: `Say what fills Physical support (${SHEET}!B7): a budget line, or leave empty.`,
    });
    expect(port.canUndo()).toBe(false);

    // Left empty: the fill writes the three lines' years, as formulas with their values.
    const before = cellsOf(port);
    const answers = { 'Physical support': LEAVE_EMPTY };
    const filled = await fillTemplate(ctx, { ...request, table: plan.table, answers });
    if (!('written' in filled)) throw new Error(JSON.stringify(filled));
    expect(filled.written).not.toBeNull();
    expect(filled.note).toBe(
      `Filled the budget projection into ${SHEET}!A3:F8: 3 lines, 2025/26, 2026/27, 2027/28. The Undo button takes it back.`,
    );
    expect(filled.plan.leftEmpty).toEqual(['Physical support']);
    const ws = port.workbook.getWorksheet(SHEET)!;
    // The assumptions block two columns from the table (I3:J5), as the template has no rate cells of its own.
    expect(ws.getCell('I4').value).toBe('Inflation (a year)');
    expect(ws.getCell('J4').value).toBe(0.03);
    const d4 = ws.getCell('D4').value as ExcelJS.CellFormulaValue;
    expect(d4.formula).toBe('C4*(1+$J$4)*(1+$J$5)');
    expect(d4.result).toBeCloseTo(52000 * 1.03 * 1.02, 4);
    const f6 = ws.getCell('F6').value as ExcelJS.CellFormulaValue;
    expect(f6.formula).toBe('E6*(1+$J$4)*(1+$J$5)');
    expect(f6.result).toBeCloseTo(12500 * (1.03 * 1.02) ** 3, 4);
    // The template's own totals stand, their stored values brought up to date.
    const e8 = ws.getCell('E8').value as ExcelJS.CellFormulaValue;
    expect(e8.formula).toBe('SUM(E4:E7)');
    expect(e8.result).toBeCloseTo(102500 * (1.03 * 1.02) ** 2, 3);

    // Every template cell but the figure cells is as it was, in value and style; the figure cells keep their style.
    const after = cellsOf(port);
    const figures = new Set(['D', 'E', 'F'].flatMap((c) => [4, 5, 6].map((r) => `${c}${r}`)));
    const totals = new Set(['D8', 'E8', 'F8']);
    for (const [address, was] of before) {
      const now = after.get(address);
      if (figures.has(address) || totals.has(address)) {
        expect(JSON.parse(now!).style).toEqual(JSON.parse(was).style);
        expect(JSON.parse(now!).value).not.toEqual(JSON.parse(was).value);
      } else {
        expect([address, now]).toEqual([address, was]);
      }
    }
    // The line left empty is still empty.
    for (const a of ['D7', 'E7', 'F7']) expect(ws.getCell(a).value).toBeNull();

    // Undo: back as it was, the assumptions block gone.
    expect(await port.undo()).toBe(true);
    const undone = cellsOf(port);
    for (const [address, was] of before) expect([address, undone.get(address)]).toEqual([address, was]);
    expect(ws.getCell('J4').value).toBeNull();
  });

  it("fills the asked line from the form's budget line chosen as the answer", async () => {
    const port = await templatePort();
    const filled = await fillTemplate(context(port), {
      kind: 'budget',
      values: { ...values, lines: 'Adult Social Care net budget, 100,000\nPhysical and sensory support, 9,000' },
      table: { sheet: SHEET, range: 'A3:F8' },
      answers: { 'Physical support': 'Physical and sensory support' },
    });
    if (!('written' in filled)) throw new Error(JSON.stringify(filled));
    expect(filled.plan.lines.at(-1)).toEqual({
      line: 'Physical support',
      from: 'Physical and sensory support, as you chose',
    });
    // The form's other line has no line in the template: said, not dropped unseen.
    expect(filled.plan.unplaced).toEqual(['Adult Social Care net budget']);
    const ws = port.workbook.getWorksheet(SHEET)!;
    // Its starting figure goes in the template's empty 2024/25 cell, and the years grow from it.
    expect(ws.getCell('C7').value).toBe(9000);
    const d7 = ws.getCell('D7').value as ExcelJS.CellFormulaValue;
    expect(d7.formula).toBe('C7*(1+$J$4)*(1+$J$5)');
    expect(d7.result).toBeCloseTo(9000 * 1.03 * 1.02, 4);
  });

  it('asks "Overwrite?" before filling over figures already there, through the pane\'s controller', async () => {
    const port = await templatePort();
    const questions: string[] = [];
    const app = new PlanCheckController(port, ENGINE, async (q) => {
      questions.push(q);
      return false;
    });
    await port.select(SHEET, 'B4:F8');
    const request: TemplateRequest = { kind: 'budget', values, answers: { 'Physical support': LEAVE_EMPTY } };
    const first = await app.fillTemplate(request);
    expect(first).toMatchObject({ ok: true, note: expect.stringMatching(/^Filled the budget projection/) });
    expect(questions).toEqual([]);
    // The same fill again: the figure cells now hold formulas, so the user is asked, and "no" keeps them.
    const D4 = (port.workbook.getWorksheet(SHEET)!.getCell('D4').value as ExcelJS.CellFormulaValue).result;
    const second = await app.fillTemplate(request);
    expect(questions).toHaveLength(1);
    expect(questions[0]).toMatch(
      /^PlanCheck did not write: \d+ cells on Budget projection already hold something \(D4, E4, F4, D5, E5, …\)\..* Overwrite\?$/,
    );
    expect(second).toMatchObject({ ok: true, note: 'Nothing was written; the cells were left as they were.' });
    expect((port.workbook.getWorksheet(SHEET)!.getCell('D4').value as ExcelJS.CellFormulaValue).result).toBe(D4);
  });

  it('refuses a template without year columns in one sentence, writing nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Template');
    ws.addRow(['Service', 'Budget', 'Notes']);
    ws.addRow(['Home care', 100, 'x']);
    ws.addRow(['Total', 100, null]);
    const port = await XlsxPort.fromBuffer(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), 'plain.xlsx');
    await port.select('Template', 'B2');
    const app = new PlanCheckController(port, ENGINE);
    const planned = await app.planTemplateFill({ kind: 'budget', values });
    expect(planned).toEqual({
      ok: true,
      value: {
        refused:
          'The template Template!A1:C3 has no year columns PlanCheck can read (2025/26, 2025-26, or "Year 1" with a first year given).',
      },
    });
    const filled = await app.fillTemplate({ kind: 'budget', values });
    expect(filled.ok && 'refused' in filled.value).toBe(true);
    expect(port.canUndo()).toBe(false);
    // A cell outside any table is said so, also at the field.
    await port.select('Template', 'H20');
    expect(await planTemplate(context(port), { kind: 'budget', values })).toEqual({
      refused:
        "Template!H20 is not in a table PlanCheck reads: select a cell inside the template's table (the Tables tab shows the tables it reads).",
    });
  });
});

describe('filling the savings envelope and the cost/benefit table into templates from the Generate tab', () => {
  const MONEY = '#,##0;(#,##0)';

  /** A directorate's savings sheet: the budget typed in, the savings target and the worked-out rows left empty. */
  async function savingsPort(): Promise<XlsxPort> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Savings');
    ws.getCell('A1').value = 'Savings plan (£000)';
    ws.getCell('A1').font = { bold: true, name: 'Arial', size: 12 };
    ws.getRow(3).values = ['', '2025/26', '2026/27', '2027/28'];
    ws.getRow(4).values = ['Net budget', 120000, 123600, 127300];
    ws.getCell('A5').value = 'Savings target';
    ws.getCell('A6').value = 'Financial envelope';
    ws.getCell('A7').value = 'Reduction %';
    for (let r = 4; r <= 7; r++) for (let c = 2; c <= 4; c++) ws.getCell(r, c).numFmt = r === 7 ? '0.0%' : MONEY;
    return XlsxPort.fromBuffer(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), 'savings.xlsx');
  }

  it('takes the savings target from the form where the template leaves it empty, works out the envelope and the reduction, and undoes', async () => {
    const port = await savingsPort();
    const before = cellsOf(port, 'Savings');
    await port.select('Savings', 'B4');
    const app = new PlanCheckController(port, ENGINE);
    const savings = { firstYear: '2025/26', budget: '120,000, 123,600, 127,300', savings: '4,000, 3,500, 3,000' };
    const planned = await app.planTemplateFill({ kind: 'savings', values: savings });
    if (!planned.ok || !('plan' in planned.value)) throw new Error(JSON.stringify(planned));
    expect(planned.value.plan).toMatchObject({
      title: 'Savings envelope',
      table: { sheet: 'Savings', range: 'A3:D7' },
      years: ['2025/26', '2026/27', '2027/28'],
      questions: [],
      ready: true,
    });
    expect(planned.value.plan.lines).toEqual(
      expect.arrayContaining([
        { line: 'Savings target', from: "the form's figures by year" },
        { line: 'Financial envelope', from: 'the lines above, as live formulas' },
      ]),
    );
    const filled = await app.fillTemplate({ kind: 'savings', values: savings, table: planned.value.plan.table });
    expect(filled).toMatchObject({
      ok: true,
      note: expect.stringMatching(/^Filled the savings envelope into Savings!A3:D7/),
    });
    const ws = port.workbook.getWorksheet('Savings')!;
    // A saving goes in as a reduction (shown in brackets by the template's format), and the envelope adds it.
    expect(ws.getCell('B5').value).toBe(-4000);
    const envelope = ws.getCell('B6').value as ExcelJS.CellFormulaValue;
    expect(envelope.formula).toBe('B4+B5');
    expect(envelope.result).toBe(116000);
    const reduction = ws.getCell('D7').value as ExcelJS.CellFormulaValue;
    // The reduction carries the saving's sign, as the council's savings tables print it: (2.4%).
    expect(reduction.result as number).toBeCloseTo(-3000 / 127300, 6);
    expect(ws.getCell('B6').numFmt).toBe(MONEY);
    expect(ws.getCell('B4').value).toBe(120000);

    expect(await port.undo()).toBe(true);
    expect(cellsOf(port, 'Savings')).toEqual(before);
  });

  it("a savings template with neither a target in the sheet nor in the form is refused, naming the year, in the form's words", async () => {
    const port = await savingsPort();
    await port.select('Savings', 'B4');
    const app = new PlanCheckController(port, ENGINE);
    const planned = await app.planTemplateFill({
      kind: 'savings',
      values: { firstYear: '2026/27', budget: '1, 2, 3', savings: '3500, 3000, 2000' },
    });
    expect(planned).toEqual({
      ok: true,
      value: {
        refused:
          "PlanCheck has no savings target for 2025/26: give it in the template, or in the form's savings target by year, one figure a year from the first year.",
      },
    });
  });

  it("works out a business case's net benefit, running return and payback from the template's own cost and benefit lines", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Business case');
    ws.getRow(2).values = ['', '2025/26', '2026/27', '2027/28', '2028/29'];
    ws.getRow(3).values = ['Implementation costs', 500, 1200, 300, 300];
    ws.getRow(4).values = ['Cashable benefits', 0, 900, 1400, 1600];
    ws.getCell('A5').value = 'Net benefit';
    ws.getCell('A6').value = 'Cumulative net benefit';
    const port = await XlsxPort.fromBuffer(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), 'case.xlsx');
    await port.select('Business case', 'C3');
    const app = new PlanCheckController(port, ENGINE);
    const values = { ...defaultValues('costBenefit', {}), firstYear: '2025/26' };
    const filled = await app.fillTemplate({ kind: 'costBenefit', values });
    if (!filled.ok || !('written' in filled.value)) throw new Error(JSON.stringify(filled));
    expect(filled.value.plan.assumptions).toMatch(/^Payback: /);
    const sheet = port.workbook.getWorksheet('Business case')!;
    const net = (a: string) => (sheet.getCell(a).value as ExcelJS.CellFormulaValue).result;
    expect([net('B5'), net('C5'), net('D5'), net('E5')]).toEqual([-500, -300, 1100, 1300]);
    expect([net('B6'), net('C6'), net('D6'), net('E6')]).toEqual([-500, -800, 300, 1600]);
    // The template's own figures are its own: nothing from the form's example costs went in.
    expect(sheet.getCell('C3').value).toBe(1200);
  });
});
