/**
 * Writing generated tables through the Office.js port, refusing to overwrite, and undoing,
 * against the in-memory fake Excel (fakeExcel.ts).
 */
import { OverwriteRefusedError, PortError } from '../../src/engine/port';
import { fx, val, type TableSpec } from '../../src/engine/spec';
import { OfficePort } from '../../src/excel/officePort';
import { FakeExcel } from './fakeExcel';

function projection(overrides: Partial<TableSpec> = {}): TableSpec {
  return {
    title: 'Budget projection',
    anchor: { sheet: 'Plan', row: 1, col: 1 },
    cells: [
      [val('Year', { bold: true, fill: '#DDEBF7' }), val('2024/25', { bold: true }), val('2025/26', { bold: true })],
      [
        val('Budget'),
        val(1000, { numberFormat: '#,##0', input: true }),
        fx('=C3*1.05', 1050, { numberFormat: '#,##0' }),
      ],
    ],
    ...overrides,
  };
}

/** A sheet with things around (and, in some tests, under) where the projection goes. */
function planBook(): FakeExcel {
  const excel = new FakeExcel();
  excel.addSheet('Plan');
  excel.setCell('Plan', 'A1', { value: 'Adult Social Care plan', bold: true });
  excel.setCell('Plan', 'F9', { formula: '=SUM(F1:F8)', value: 12, numberFormat: '0.0' });
  return excel;
}

const noWait = { sleep: async (): Promise<void> => undefined };

describe('OfficePort.write', () => {
  it('writes values and formulas in one 2D write, then formats, in two syncs', async () => {
    const excel = planBook();
    excel.formulaResults.set('=C3*1.05', 1050);
    const port = new OfficePort({ run: excel.run });
    const result = await port.write(projection());

    expect(result).toEqual({ sheet: 'Plan', range: 'B2:D3', cells: 6 });
    expect(excel.syncs).toBe(2);
    expect(excel.cell('Plan', 'D3')).toMatchObject({ formula: '=C3*1.05', value: 1050, numberFormat: '#,##0' });
    expect(excel.cell('Plan', 'C3')).toMatchObject({ value: 1000, numberFormat: '#,##0' });
    expect(excel.cell('Plan', 'C3').fill?.color).toBe('#FFF2CC'); // an input cell
    expect(excel.cell('Plan', 'B2')).toMatchObject({ value: 'Year', bold: true });
    expect(excel.cell('Plan', 'B2').fill?.color).toBe('#DDEBF7');
    expect(port.canUndo()).toBe(true);
    expect(excel.leftUnsynced).toBe(0);
  });

  it('writes year labels such as 2024/25 as text, not as dates', async () => {
    const excel = planBook();
    await new OfficePort({ run: excel.run }).write(projection());
    expect(excel.cell('Plan', 'C2').value).toBe('2024/25');
    expect(excel.cell('Plan', 'D2').value).toBe('2025/26');
  });

  it("a leading '=' text from a user's cell is written as text", async () => {
    const excel = planBook();
    const spec = projection({ cells: [[val('=HYPERLINK("http://evil","click")'), val('+44 161 234 5000'), val('-')]] });
    await new OfficePort({ run: excel.run }).write(spec);
    expect(excel.cell('Plan', 'B2')).toMatchObject({ value: '=HYPERLINK("http://evil","click")', formula: null });
    expect(excel.cell('Plan', 'C2')).toMatchObject({ value: '+44 161 234 5000', formula: null });
    expect(excel.cell('Plan', 'D2')).toMatchObject({ value: '-', formula: null });
  });

  it('refuses to write over a non-empty cell and names it', async () => {
    const excel = planBook();
    excel.setCell('Plan', 'C3', { value: 'typed by hand' });
    const before = excel.dump();
    const port = new OfficePort({ run: excel.run });

    const failure = await port.write(projection()).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(OverwriteRefusedError);
    expect((failure as OverwriteRefusedError).occupied).toEqual(['C3']);
    expect((failure as Error).message).toContain('C3');
    expect(excel.dump()).toEqual(before);
    expect(excel.syncs).toBe(1);
    expect(port.canUndo()).toBe(false);
  });

  it('writes over it when told to overwrite', async () => {
    const excel = planBook();
    excel.setCell('Plan', 'C3', { value: 'typed by hand' });
    await new OfficePort({ run: excel.run }).write(projection(), { overwrite: true });
    expect(excel.cell('Plan', 'C3').value).toBe(1000);
  });

  it('leaves cells the spec leaves out (null) exactly as they were, formulas included', async () => {
    const excel = planBook();
    excel.setCell('Plan', 'C3', { formula: '=A1&"!"', value: 'kept' });
    excel.setCell('Plan', 'D3', { value: '0001' }); // text that looks like a number
    const spec = projection({
      cells: [
        [val('Year'), val('x'), val('y')],
        [val('Budget'), null, null],
      ],
    });
    await new OfficePort({ run: excel.run }).write(spec);
    expect(excel.cell('Plan', 'C3')).toMatchObject({ formula: '=A1&"!"', value: 'kept' });
    expect(excel.cell('Plan', 'D3')).toMatchObject({ formula: null, value: '0001' });
  });

  it('undo restores values, formulas, formats exactly (whole before/after snapshot compare)', async () => {
    const excel = planBook();
    // Something under part of the target, with a formula, a format, a patterned fill and bold.
    excel.setCell('Plan', 'C3', { formula: '=F9*2', value: 24, numberFormat: '£#,##0', bold: true });
    excel.setCell('Plan', 'D3', {
      value: '=looks like a formula',
      fill: { color: '#FF0000', pattern: 'Gray25', patternColor: '#0000FF', tintAndShade: 0.4 },
    });
    excel.setCell('Plan', 'B3', { value: '2009/10' });
    const before = excel.dump();
    const port = new OfficePort({ run: excel.run });
    const spec = projection({
      cells: [
        [val('Year', { bold: true }), val('2024/25'), val('2025/26')],
        [val('Budget'), val(1000, { fill: '#00FF00' }), fx('=C3*1.05', 1050, { numberFormat: '0%' })],
        [val('Growth'), val(0.05), val(0.05)],
      ],
      excelTable: { name: 'Projection', top: 0, left: 0, bottom: 2, right: 2 },
      names: [{ name: 'Growth_rate', top: 2, left: 1 }],
      conditionalBands: [{ top: 1, left: 1, bottom: 1, right: 2, bands: [{ min: 0, max: 1000, fill: '#FFC7CE' }] }],
      columnWidths: [18, 10],
      charts: [
        { type: 'radar', title: 'Projection', data: { top: 0, left: 0, bottom: 1, right: 2 }, at: { row: 5, col: 0 } },
      ],
    });

    await port.write(spec, { overwrite: true });
    const after = excel.dump();
    expect(after).not.toEqual(before);
    expect(excel.tables.has('Projection')).toBe(true);
    expect(excel.names.get('Growth_rate')).toEqual({ sheet: 'Plan', address: 'C4' });
    expect(excel.sheet('Plan')?.cfs[0]).toMatchObject({
      address: 'C3:D3',
      fill: '#FFC7CE',
      rule: { formula1: '0', formula2: '1000', operator: 'Between' },
    });
    expect(excel.sheet('Plan')?.charts[0]).toMatchObject({
      type: 'Radar',
      source: 'B2:D3',
      title: 'Projection',
      position: 'B7',
    });
    expect(excel.sheet('Plan')?.widths.get(1)).toBeGreaterThan(48);

    excel.resetCounters();
    expect(await port.undo()).toBe(true);
    // Find the sheet (by id), table and names; see what the cells hold now and what is left; put back.
    expect(excel.syncs).toBe(3);
    expect(excel.dump()).toEqual(before);
    expect(port.canUndo()).toBe(false);
    expect(await port.undo()).toBe(false);
  });

  it('adds a new sheet for a table, and undo deletes it', async () => {
    const excel = planBook();
    const before = excel.dump();
    const port = new OfficePort({ run: excel.run });
    await port.write(projection({ newSheet: true, anchor: { sheet: 'Projection 2024', row: 0, col: 0 } }));
    expect(excel.cell('Projection 2024', 'A1').value).toBe('Year');
    await port.undo();
    expect(excel.sheet('Projection 2024')).toBeUndefined();
    expect(excel.dump()).toEqual(before);
  });

  it('will not add a sheet whose name is taken, and says so', async () => {
    const excel = planBook();
    const failure = await new OfficePort({ run: excel.run })
      .write(projection({ newSheet: true }))
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PortError);
    expect((failure as Error).message).toMatch(/A sheet called "Plan" already exists/);
  });

  it('will not write a table whose name is taken', async () => {
    const excel = planBook();
    excel.tables.set('Projection', { sheet: 'Plan', address: 'H1:I3' });
    const spec = projection({ excelTable: { name: 'Projection', top: 0, left: 0, bottom: 1, right: 2 } });
    const failure = await new OfficePort({ run: excel.run }).write(spec).catch((e: unknown) => e);
    expect((failure as PortError).code).toBe('ItemAlreadyExists');
    expect(excel.cell('Plan', 'B2').value).toBe('');
  });

  it('says which sheet is missing', async () => {
    const excel = planBook();
    const spec = projection({ anchor: { sheet: 'Budget 2030', row: 0, col: 0 } });
    await expect(new OfficePort({ run: excel.run }).write(spec)).rejects.toThrow(
      'There is no sheet called "Budget 2030"',
    );
  });

  it('cell-edit mode is retried then explained in a sentence', async () => {
    const excel = planBook();
    excel.failNext('InvalidOperationInCellEditMode', 4);
    const waits: number[] = [];
    const port = new OfficePort({ run: excel.run, sleep: async (ms) => void waits.push(ms) });
    const failure = await port.write(projection()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PortError);
    expect((failure as Error).message).toBe(
      'Excel is busy editing a cell: press Enter or Esc in the sheet, then try again.',
    );
    expect(waits).toEqual([1000, 1000, 1000]);
    expect(excel.cell('Plan', 'B2').value).toBe('');
  });

  it('cell-edit mode that ends while waiting lets the write go through', async () => {
    const excel = planBook();
    excel.failNext('InvalidOperationInCellEditMode', 2);
    await new OfficePort({ run: excel.run, ...noWait }).write(projection());
    expect(excel.cell('Plan', 'B2').value).toBe('Year');
  });

  it('a protected sheet is explained, not thrown raw', async () => {
    const excel = planBook();
    excel.failNext('AccessDenied');
    await expect(new OfficePort({ run: excel.run, ...noWait }).write(projection())).rejects.toThrow(
      /The sheet is protected/,
    );
  });
});
