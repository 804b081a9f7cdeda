/**
 * New tables in the house style, in a written copy: a projection inserted on a new sheet of a
 * council's budget book looks like the book's own plan table (navy headings in white bold Arial 10,
 * "#,##0;(#,##0)" figures, thin borders, the plan's column widths), and PlanCheck's plain style
 * stays one option away (--style plain, or "style": "plain" in the config).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';

import { plancheck } from '../cli/helpers';
import { tempDir } from './helpers';

const NAVY = 'FF1F3864';
const WHITE = 'FFFFFFFF';
const PALE = 'FFD9E1F2';
const HOUSE_MONEY = '#,##0;(#,##0)';
const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  bottom: { style: 'thin' },
  left: { style: 'thin' },
  right: { style: 'thin' },
};

/** The directorate's budget book: one plan sheet, styled as the council styles it. */
async function budgetBook(
  file: string,
  olderPeople = 55100,
  /** exceljs's type leaves out a theme colour's tint, which it reads and writes. */
  headerFill: Partial<ExcelJS.Color> & { tint?: number } = { argb: NAVY },
  headerFont: Partial<ExcelJS.Color> = { argb: WHITE },
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan');
  ws.getColumn(1).width = 36;
  for (let c = 2; c <= 5; c++) ws.getColumn(c).width = 13;
  ws.getCell('A1').value = 'Adult Social Care revenue budget (£000)';
  ws.getCell('A1').font = { name: 'Arial', size: 12, bold: true };
  const header = ['Service', '2022/23', '2023/24', '2024/25', '2025/26'];
  const lines: [string, ...number[]][] = [
    ['Older people', 50100, 52000, 53500, olderPeople],
    ['Learning disability', 36900, 38000, 39100, 40300],
    ['Mental health', 9700, 10000, 10300, 10600],
    ['Physical disability', 7800, 8000, 8200, 8400],
  ];
  header.forEach((h, i) => {
    const cell = ws.getCell(3, i + 1);
    cell.value = h;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: headerFill };
    cell.font = { name: 'Arial', size: 10, bold: true, color: headerFont };
    cell.border = thin;
  });
  lines.forEach((line, r) =>
    line.forEach((v, i) => {
      const cell = ws.getCell(4 + r, i + 1);
      cell.value = v;
      cell.font = { name: 'Arial', size: 10 };
      cell.border = thin;
      if (i > 0) cell.numFmt = HOUSE_MONEY;
    }),
  );
  const total = 4 + lines.length;
  header.forEach((_, i) => {
    const cell = ws.getCell(total, i + 1);
    const col = String.fromCharCode(65 + i);
    cell.value =
      i === 0
        ? 'Total'
        : { formula: `SUM(${col}4:${col}${total - 1})`, result: lines.reduce((s, l) => s + (l[i] as number), 0) };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: PALE } };
    cell.font = { name: 'Arial', size: 10, bold: true };
    cell.border = thin;
    if (i > 0) cell.numFmt = HOUSE_MONEY;
  });
  await wb.xlsx.writeFile(file);
}

const projection = {
  projections: {
    budget: {
      title: 'Budget projection',
      firstYear: '2026/27',
      years: 3,
      units: '£000',
      inflation: 3,
      growth: 2,
      lines: [
        { label: 'Older people', base: 55100 },
        { label: 'Learning disability', base: 40300 },
      ],
    },
  },
};

async function project(
  extra: string[] = [],
  config: Record<string, unknown> = projection,
  sheet = 'Budget projection',
  make: (file: string) => Promise<void> = (file) => budgetBook(file),
): Promise<ExcelJS.Worksheet> {
  const dir = await tempDir('plancheck-house-');
  const book = path.join(dir, 'budget-book.xlsx');
  const cfg = path.join(dir, 'config.json');
  const out = path.join(dir, 'out.xlsx');
  await make(book);
  await fs.writeFile(cfg, JSON.stringify(config));
  const run = await plancheck('project', book, '--config', cfg, '--out', out, ...extra);
  expect(run.err).toContain(`Wrote ${out}`);
  expect(run.code).toBe(0);
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.readFile(out);
  const ws = copy.getWorksheet(sheet);
  if (!ws) throw new Error(`no "${sheet}" sheet in the copy; sheets: ${copy.worksheets.map((w) => w.name)}`);
  return ws;
}

/** The row of the projection whose first cell says `label` (1-based). */
function rowOf(ws: ExcelJS.Worksheet, label: string, col = 1): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col).value === label) return ws.getRow(r);
  throw new Error(`no row "${label}" on ${ws.name}`);
}

describe('a projection inserted on a new sheet of a budget book', () => {
  test("takes the book's navy headings, white bold Arial 10, its money format, thin borders and its widths", async () => {
    const ws = await project();
    const heading = rowOf(ws, 'Budget line');
    for (let c = 1; c <= 5; c++) {
      const cell = heading.getCell(c);
      expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: NAVY } });
      expect(cell.font).toMatchObject({ name: 'Arial', size: 10, bold: true, color: { argb: WHITE } });
      expect(cell.border?.top?.style).toBe('thin');
      expect(cell.border?.left?.style).toBe('thin');
    }
    expect(heading.getCell(3).value).toBe('2026/27');

    // A projected figure: a live formula, in the book's format, font and borders.
    const older = rowOf(ws, 'Older people').getCell(3);
    expect(older.formula).toMatch(/^B\d+\*\(1\+/);
    expect(older.numFmt).toBe(HOUSE_MONEY);
    expect(older.font).toMatchObject({ name: 'Arial', size: 10 });
    expect(older.border?.bottom?.style).toBe('thin');

    // The total row: the book's pale blue, bold.
    const total = rowOf(ws, 'Total').getCell(3);
    expect(total.fill).toMatchObject({ fgColor: { argb: PALE } });
    expect(total.font).toMatchObject({ name: 'Arial', bold: true });
    expect(total.numFmt).toBe(HOUSE_MONEY);

    // The base-year budget is still an input, shaded as PlanCheck shades inputs.
    const base = rowOf(ws, 'Older people').getCell(2);
    expect(base.value).toBe(55100);
    expect(base.fill).toMatchObject({ fgColor: { argb: 'FFFFF2CC' } });
    expect(base.font).toMatchObject({ name: 'Arial' });

    // The book's widths: 36 for the labels, 13 for the figures.
    expect(ws.getColumn(1).width).toBe(36);
    expect(ws.getColumn(3).width).toBe(13);
  });

  test('with --style plain, or "style": "plain" in the config, it keeps PlanCheck\'s plain look', async () => {
    for (const ws of [await project(['--style', 'plain']), await project([], { ...projection, style: 'plain' })]) {
      const heading = rowOf(ws, 'Budget line').getCell(3);
      expect(heading.font?.bold).toBe(true);
      expect(heading.font?.name).not.toBe('Arial');
      expect(heading.font?.color?.argb).not.toBe(WHITE);
      expect(heading.fill).toEqual({ type: 'pattern', pattern: 'none' });
      expect(heading.border?.top).toBeUndefined();
      const older = rowOf(ws, 'Older people').getCell(3);
      expect(older.numFmt).toBe('#,##0;(#,##0)');
      expect(older.font?.name).not.toBe('Arial');
      // PlanCheck's own widths: the label column fits the labels, not the book's 36.
      expect(ws.getColumn(1).width).not.toBe(36);
      expect(ws.getColumn(3).width).not.toBe(13);
    }
  });

  test("placed beside the plan on its own sheet, it takes the plan's look and the plan's own cells stay as they were", async () => {
    const beside = { projections: { budget: { ...projection.projections.budget, at: { sheet: 'Plan', cell: 'H3' } } } };
    const ws = await project([], beside, 'Plan');
    const heading = rowOf(ws, 'Budget line', 8);
    expect(heading.getCell(10).value).toBe('2026/27');
    expect(heading.getCell(10).fill).toMatchObject({ fgColor: { argb: NAVY } });
    expect(heading.getCell(10).font).toMatchObject({ name: 'Arial', size: 10, bold: true, color: { argb: WHITE } });
    expect(heading.getCell(10).border?.right?.style).toBe('thin');
    const older = rowOf(ws, 'Older people', 8).getCell(10);
    expect(older.numFmt).toBe(HOUSE_MONEY);
    expect(older.border?.top?.style).toBe('thin');
    // The plan itself: its heading, a figure and its total as the council left them.
    expect(ws.getCell('B3').fill).toMatchObject({ fgColor: { argb: NAVY } });
    expect(ws.getCell('B3').font).toMatchObject({ name: 'Arial', size: 10, bold: true, color: { argb: WHITE } });
    expect(ws.getCell('C5')).toMatchObject({ value: 38000, numFmt: HOUSE_MONEY });
    expect(ws.getCell('E8').formula).toBe('SUM(E4:E7)');
    expect(ws.getColumn(1).width).toBe(36);
  });

  test("the budget bridge written by compare --out takes the newer book's look too", async () => {
    const dir = await tempDir('plancheck-house-');
    const [older, newer, out] = ['budget-v1.xlsx', 'budget-v2.xlsx', 'bridge.xlsx'].map((f) => path.join(dir, f));
    await budgetBook(older);
    await budgetBook(newer, 56900);
    const run = await plancheck('compare', older, newer, '--out', out);
    expect(run.err).toContain(`Wrote ${out}`);
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(out);
    const ws = copy.getWorksheet('Budget bridge')!;
    const heading = rowOf(ws, 'Movement');
    expect(heading.getCell(2).fill).toMatchObject({ fgColor: { argb: NAVY } });
    expect(heading.getCell(2).font).toMatchObject({ name: 'Arial', bold: true, color: { argb: WHITE } });
    // The book's figure width; its label width, widened where the bridge's longer labels need it.
    expect(ws.getColumn(2).width).toBe(13);
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(36);
  });

  test('a heading filled with a theme colour ("Accent 1, Darker 25%", text "Background 1") lends that colour as Excel shows it', async () => {
    const ws = await project([], projection, 'Budget projection', (file) =>
      budgetBook(file, 55100, { theme: 4, tint: -0.249977111117893 }, { theme: 0 }),
    );
    const heading = rowOf(ws, 'Budget line').getCell(3);
    // Office's default theme: Accent 1 is #4F81BD, which Excel shows darker by a quarter as #366092
    // (within a step of 255 on each channel: Excel's own rounding is not published).
    const argb = (heading.fill as ExcelJS.FillPattern).fgColor?.argb ?? '';
    const channels = (hex: string) => [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const shown = channels(argb.slice(2));
    channels('366092').forEach((want, i) => expect(Math.abs(shown[i] - want)).toBeLessThanOrEqual(1));
    expect(heading.font).toMatchObject({ name: 'Arial', bold: true, color: { argb: WHITE } });
  });
});
