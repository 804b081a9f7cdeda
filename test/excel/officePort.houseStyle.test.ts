/**
 * New tables in the house style through the Office.js port, on the fake Excel: the look of the
 * budget book's plan table is read in one sync, a projection inserted takes it (fills, fonts,
 * borders, number formats, widths), and Undo puts back every cell as it was, fonts and borders too.
 */
import { buildBudgetProjection } from '../../src/engine/generate/projection';
import { applyHouseStyle, readHouseStyle } from '../../src/engine/houseStyle';
import { readTables } from '../../src/engine/tables';
import { charsToPoints, OfficePort } from '../../src/excel/officePort';
import { FakeExcel, type CellBorders } from './fakeExcel';

const NAVY = '#1F3864';
const HOUSE_MONEY = '#,##0;(#,##0)';
const line = { style: 'Continuous', weight: 'Thin', color: '#000000' };
const thin: CellBorders = { top: line, bottom: line, left: line, right: line };

/** A budget book: the plan on one sheet in the council's style, and a "Workings" sheet with room. */
function budgetBook(): FakeExcel {
  const excel = new FakeExcel();
  excel.addSheet('Plan', [
    ['Adult Social Care revenue budget (£000)'],
    [],
    ['Service', '2022/23', '2023/24', '2024/25'],
    ['Older people', 50100, 52000, 53500],
    ['Learning disability', 36900, 38000, 39100],
    ['Mental health', 9700, 10000, 10300],
    ['Total', 96700, 100000, 102900],
  ]);
  for (const col of ['A', 'B', 'C', 'D']) {
    excel.setCell('Plan', `${col}3`, {
      fill: NAVY,
      bold: true,
      fontName: 'Arial',
      fontSize: 10,
      fontColor: '#FFFFFF',
      borders: thin,
    });
    for (let r = 4; r <= 7; r++) {
      excel.setCell('Plan', `${col}${r}`, {
        fontName: 'Arial',
        fontSize: 10,
        borders: thin,
        bold: r === 7,
        ...(col === 'A' ? {} : { numberFormat: HOUSE_MONEY }),
      });
    }
  }
  excel.setCell('Plan', 'D7', { formula: '=SUM(D4:D6)', value: 102900, numberFormat: HOUSE_MONEY });
  const plan = excel.sheets.find((s) => s.name === 'Plan')!;
  // Column widths in points, as Excel keeps them: 36 characters for the labels, 13 for the figures.
  plan.widths.set(0, charsToPoints(36));
  for (const c of [1, 2, 3]) plan.widths.set(c, charsToPoints(13));
  excel.addSheet('Workings', [['Notes on the projection']]);
  // A cell under where the projection goes, formatted by hand but empty: undo must give its look back.
  excel.setCell('Workings', 'C6', { fontName: 'Times New Roman', fontSize: 12, borders: { bottom: line } });
  return excel;
}

const input = {
  firstYear: '2025/26',
  years: 3,
  lines: [
    { label: 'Older people', base: 53500 },
    { label: 'Learning disability', base: 39100 },
  ],
  inflation: 3,
  growth: 2,
};

describe('a projection in the house style, inserted in Excel', () => {
  test("reads the plan's look in one sync, inserts the projection in it, and Undo gives back every cell's look", async () => {
    const excel = budgetBook();
    const port = new OfficePort({ run: excel.run });
    const { tables } = readTables(await port.read());

    excel.resetCounters();
    const house = await readHouseStyle(port, tables, {});
    expect(excel.syncs).toBe(1);
    expect(house).toMatchObject({
      source: 'Plan!A3:D7',
      header: { fill: NAVY, fontName: 'Arial', fontSize: 10, bold: true, fontColor: '#FFFFFF' },
      figure: { numberFormat: HOUSE_MONEY, fontName: 'Arial' },
      labelWidth: 36,
      figureWidth: 13,
    });
    expect(house!.header!.border).toEqual({
      top: { style: 'thin', color: '#000000' },
      bottom: { style: 'thin', color: '#000000' },
      left: { style: 'thin', color: '#000000' },
      right: { style: 'thin', color: '#000000' },
    });

    const before = excel.dump();
    const built = buildBudgetProjection(input, { sheet: 'Workings', row: 2, col: 0 });
    excel.resetCounters();
    await port.write(applyHouseStyle(built.spec, house!));
    expect(excel.syncs).toBe(2);

    // The heading over the lines ("Budget line", the base year and the three years) is the plan's.
    const heading = built.spec.cells.findIndex((r) => r[0]?.value === 'Budget line') + 3;
    for (const col of ['A', 'B', 'C', 'D', 'E']) {
      const cell = excel.cell('Workings', `${col}${heading}`);
      expect(cell.fill?.color).toBe(NAVY);
      expect(cell.bold).toBe(true);
      expect(cell.font).toEqual({ name: 'Arial', size: 10, color: '#FFFFFF' });
      expect(cell.borders.top).toMatchObject({ style: 'Continuous', weight: 'Thin' });
    }
    // The first projected figure of Older people: the plan's money format, Arial 10, thin borders.
    const older = excel.cell('Workings', `C${heading + 1}`);
    expect(older.formula).toMatch(/^=B\d+\*\(1\+/);
    expect(older.numberFormat).toBe(HOUSE_MONEY);
    expect(older.font).toMatchObject({ name: 'Arial', size: 10 });
    expect(older.borders.bottom).toMatchObject({ style: 'Continuous', weight: 'Thin' });
    // The base year is an input: PlanCheck's input shading stays.
    expect(excel.cell('Workings', `B${heading + 1}`).fill?.color).toBe('#FFF2CC');
    // The plan's widths: 36 characters for the labels.
    const workings = excel.sheets.find((s) => s.name === 'Workings')!;
    expect(workings.widths.get(0)).toBe(charsToPoints(36));
    expect(workings.widths.get(2)).toBe(charsToPoints(13));
    // The hand-formatted cell under the table now has the house look.
    expect(excel.cell('Workings', 'C6').font.name).toBe('Arial');

    expect(await port.undo()).toBe(true);
    expect(excel.dump()).toEqual(before);
    expect(excel.cell('Workings', 'C6')).toMatchObject({
      font: { name: 'Times New Roman', size: 12 },
      borders: { bottom: line },
    });
  });

  test("with the plain style set, the plan's look is not read at all", async () => {
    const excel = budgetBook();
    const port = new OfficePort({ run: excel.run });
    const { tables } = readTables(await port.read());
    excel.resetCounters();
    expect(await readHouseStyle(port, tables, { style: 'plain' })).toBeNull();
    expect(excel.syncs).toBe(0);
  });
});
