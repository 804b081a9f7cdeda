/**
 * Writing next to and over formulas that spill (dynamic arrays such as =SEQUENCE or =FILTER) and
 * array formulas entered with Ctrl+Shift+Enter, then undoing, through the Office.js port against
 * the fake Excel: the cells a formula spills into are never written back as plain figures, and an
 * array formula is never broken.
 */
import { OverwriteRefusedError, PortError } from '../../src/engine/port';
import { fx, val, type TableSpec } from '../../src/engine/spec';
import { OfficePort } from '../../src/excel/officePort';
import { FakeExcel } from './fakeExcel';

/**
 * A plan sheet as a finance officer keeps it: years 1 to 3 from =SEQUENCE(3) spilling down A1:A3,
 * budgets in B1:B3, and {=A1:A3*B1:B3} entered over C1:C3 with Ctrl+Shift+Enter.
 */
function planWithArrays(apiVersion = 1.12): FakeExcel {
  const excel = new FakeExcel();
  excel.apiVersion = apiVersion;
  excel.addSheet('Plan');
  excel.setSpill('Plan', 'A1', '=SEQUENCE(3)', [[1], [2], [3]]);
  excel.setCell('Plan', 'B1', { value: 10 });
  excel.setCell('Plan', 'B2', { value: 20 });
  excel.setCell('Plan', 'B3', { value: 30 });
  excel.setArrayFormula('Plan', 'C1:C3', '=A1:A3*B1:B3', [[10], [40], [90]]);
  return excel;
}

/** The port as createOfficePort makes it in an Excel that has ExcelApi 1.12 (spills can be asked about). */
function portFor(excel: FakeExcel): OfficePort {
  return new OfficePort({ run: excel.run, spills: true });
}

function projection(row: number, col: number, cells: TableSpec['cells']): TableSpec {
  return { title: 'Budget projection', anchor: { sheet: 'Plan', row, col }, cells };
}

/** The spill and the array formula, as the officer sees them. */
function expectArraysIntact(excel: FakeExcel): void {
  expect(excel.cell('Plan', 'A1')).toMatchObject({ formula: '=SEQUENCE(3)', value: 1 });
  expect(excel.cell('Plan', 'A2')).toMatchObject({ formula: null, value: 2 });
  expect(excel.cell('Plan', 'A3')).toMatchObject({ formula: null, value: 3 });
  for (const [cell, value] of [
    ['C1', 10],
    ['C2', 40],
    ['C3', 90],
  ] as const)
    expect(excel.cell('Plan', cell)).toMatchObject({ formula: '=A1:A3*B1:B3', value });
  expect(excel.mustSheet('Plan').arrays).toHaveLength(1);
}

describe('Office.js: writes and Undo keep formulas that spill and array formulas', () => {
  it('a projection laid around a spilled formula and an array formula leaves both working, and Undo leaves the sheet as it was', async () => {
    // An Excel without ExcelApi 1.12 too: the cells the projection leaves empty are not touched.
    for (const apiVersion of [1.9, 1.12]) {
      const excel = planWithArrays(apiVersion);
      const before = excel.dump();
      const port = apiVersion >= 1.12 ? portFor(excel) : new OfficePort({ run: excel.run });
      // Budgets over B1:B3 and a total in D, with gaps where the years and the array formula are.
      const cells = [0, 1, 2].map((r) => [null, val(100 * (r + 1)), null, fx(`=B${r + 1}*2`, 200 * (r + 1))]);
      await port.write(projection(0, 0, cells), { overwrite: true });

      expectArraysIntact(excel);
      expect(excel.cell('Plan', 'B2').value).toBe(200);

      expect(await port.undo()).toBe(true);
      expect(excel.dump()).toEqual(before);
      expect(port.takeNotes()).toEqual([]);
    }
  });

  it('Undo after writing over the cells a formula spills into brings the spill back, not plain figures', async () => {
    const excel = planWithArrays();
    const before = excel.dump();
    const port = portFor(excel);

    await port.write(projection(1, 0, [[val(2025)], [val(2026)]]), { overwrite: true });
    expect(excel.cell('Plan', 'A2').value).toBe(2025);
    expect(excel.cell('Plan', 'A1')).toMatchObject({ formula: '=SEQUENCE(3)', value: '#SPILL!' });
    expect(port.takeNotes().join(' ')).toMatch(/formula in A1 .*#SPILL!.*Undo/);

    expect(await port.undo()).toBe(true);
    expect(excel.dump()).toEqual(before);
    expectArraysIntact(excel);
  });

  it('Undo after writing over a spilled formula and all it spilled into puts the formula back to spill again', async () => {
    const excel = planWithArrays();
    const before = excel.dump();
    const port = portFor(excel);

    await port.write(projection(0, 0, [[val('Year 1')], [val('Year 2')], [val('Year 3')]]), { overwrite: true });
    expect(excel.cell('Plan', 'A1')).toMatchObject({ formula: null, value: 'Year 1' });
    expect(port.takeNotes()).toEqual([]);

    expect(await port.undo()).toBe(true);
    expect(excel.dump()).toEqual(before);
    expect(excel.mustSheet('Plan').spilled.size).toBe(2);
  });

  it('a cell a formula spills into counts as taken, even where the formula left it blank', async () => {
    const excel = planWithArrays();
    // =FILTER(...) lists the services over budget, with a blank line between them.
    excel.setSpill('Plan', 'F1', '=FILTER(E1:E9,E1:E9<>"")', [['Care homes'], [''], ['Home care']]);
    const before = excel.dump();

    const failure = await portFor(excel)
      .write(projection(1, 5, [[val('Day care')]]))
      .catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(OverwriteRefusedError);
    expect((failure as OverwriteRefusedError).occupied).toEqual(['F2']);
    expect(excel.dump()).toEqual(before);
  });

  it('a projection over part of an array formula is refused before anything is written, even with overwriting allowed', async () => {
    const excel = planWithArrays();
    const before = excel.dump();
    const port = portFor(excel);

    const failure = await port
      .write(projection(1, 1, [[val(25), val(50)]]), { overwrite: true })
      .catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(PortError);
    expect((failure as Error).message).toMatch(/C2 .*array formula/);
    expect((failure as Error).message).toMatch(/nothing was written/i);
    expect(excel.dump()).toEqual(before);
    expect(port.canUndo()).toBe(false);
  });

  it('asks about spills only when the place holds some, so an ordinary write stays at two syncs', async () => {
    const excel = planWithArrays();
    await portFor(excel).write(projection(5, 0, [[val('Budget'), val(1000)]]));
    expect(excel.syncs).toBe(2);
  });
});
