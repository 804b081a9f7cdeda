/**
 * The pane's Generate tab inserts a new table in the workbook's own style, or in PlanCheck's plain
 * one when the settings say so: the controller with the real engine over a budget book in the
 * file port.
 */
import ExcelJS from 'exceljs';

import { PlanCheckController } from '../../src/app/controller';
import { ENGINE } from '../../src/app/engine';
import { defaultValues } from '../../src/app/generateForms';
import { XlsxPort } from '../../src/xlsx/xlsxPort';

const NAVY = 'FF1F3864';

/** A budget book whose plan has navy headings in white bold Arial 10 and figures in #,##0;(#,##0). */
function budgetBook(): XlsxPort {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.addRows([
    ['Adult Social Care revenue budget (£000)'],
    [],
    ['Service', '2023/24', '2024/25', '2025/26'],
    ['Older people', 52000, 53500, 55100],
    ['Learning disability', 38000, 39100, 40300],
    ['Mental health', 10000, 10300, 10600],
    ['Total', 100000, 102900, 106000],
  ]);
  ws.getRow(3).eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: NAVY } };
    c.font = { name: 'Arial', size: 10, bold: true, color: { argb: 'FFFFFFFF' } };
  });
  for (let r = 4; r <= 7; r++) for (let c = 2; c <= 4; c++) ws.getCell(r, c).numFmt = '#,##0;(#,##0)';
  ws.getColumn(1).width = 40;
  return new XlsxPort(wb, 'budget-book.xlsx');
}

/** What the pane said after each insert. */
const notes: string[] = [];

async function insertProjection(port: XlsxPort): Promise<ExcelJS.Worksheet> {
  const app = new PlanCheckController(port, ENGINE, async () => false);
  const values = { ...defaultValues('budget', {}, new Date(2025, 5, 1)), lines: 'Net budget, 5,000' };
  const result = await app.generate('budget', values, 'new-sheet');
  if (!result.ok || !result.value) throw new Error(`not inserted: ${JSON.stringify(result)}`);
  notes.push(result.note ?? '');
  return port.workbook.getWorksheet(result.value.sheet)!;
}

function headingCell(ws: ExcelJS.Worksheet): ExcelJS.Cell {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === 'Budget line') return ws.getCell(r, 3);
  throw new Error('no "Budget line" heading');
}

describe('Generate: a new table in the style of the workbook', () => {
  test("by default, the projection's headings are the plan's navy, white bold Arial 10, and its label column as wide", async () => {
    const ws = await insertProjection(budgetBook());
    const heading = headingCell(ws);
    expect(heading.fill).toMatchObject({ fgColor: { argb: NAVY } });
    expect(heading.font).toMatchObject({ name: 'Arial', size: 10, bold: true, color: { argb: 'FFFFFFFF' } });
    expect(ws.getColumn(1).width).toBe(40);
    expect(notes.at(-1)).toMatch(
      /^Inserted the budget projection at Budget projection!A1:G14\. It takes the look of the table at Plan!A3:D7 \(Settings › Style of new tables\)\.$/,
    );
  });

  test('with "PlanCheck\'s plain" chosen in the settings, the headings stay PlanCheck\'s bold on no fill', async () => {
    const port = budgetBook();
    await port.saveSettings({ style: 'plain' });
    const ws = await insertProjection(port);
    const heading = headingCell(ws);
    expect(heading.font?.bold).toBe(true);
    expect(heading.font?.name).toBeUndefined();
    expect(heading.fill).toBeUndefined();
    expect(ws.getColumn(1).width).not.toBe(40);
    expect(notes.at(-1)).toMatch(/^Inserted the budget projection at Budget projection!A1:G14\.$/);
  });

  test("the benchmark table inserted from the Benchmarks tab takes the plan's headings too", async () => {
    const port = budgetBook();
    const neighbours = port.workbook.addWorksheet('Neighbours');
    neighbours.addRows([
      ['Adult social care against CIPFA nearest neighbours, 2016-17'],
      [],
      ['Indicator', 'Good is', 'Stockport', 'Trafford', 'Bolton', 'Manchester', 'Wigan', 'Comparator average'],
      ['Delayed transfers of care per 100,000', 'Low', 10, 12, 8, 6, 14, 11],
      ['Permanent admissions, 65+', 'Lower', 8, 10, 6, 8, 12, 9],
      ['Satisfaction with care and support', 'High', 40, 45, 55, 50, 60, 50],
    ]);
    await port.saveSettings({ benchmark: { own: 'Manchester' } });
    const app = new PlanCheckController(port, ENGINE, async () => false);
    const result = await app.insertBenchmarks();
    if (!result.ok || !result.value) throw new Error(`not inserted: ${JSON.stringify(result)}`);
    const ws = port.workbook.getWorksheet(result.value.sheet)!;
    let heading: ExcelJS.Row | null = null;
    for (let r = 1; r <= ws.rowCount && !heading; r++)
      if (ws.getCell(r, 1).value === 'Indicator') heading = ws.getRow(r);
    expect(heading?.getCell(1).fill).toMatchObject({ fgColor: { argb: NAVY } });
    expect(heading?.getCell(2).font).toMatchObject({
      name: 'Arial',
      size: 10,
      bold: true,
      color: { argb: 'FFFFFFFF' },
    });
  });
});
