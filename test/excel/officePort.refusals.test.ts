/**
 * What real Excel refuses, the fake refuses too (fakeExcel.ts); these are what the Office.js port
 * does then: nothing is left half-written, Undo still takes off the right insert, and the sentence
 * says what Excel refused. Also: formulas PlanCheck writes on sheets named Q1, O'Brien's and
 * 2026-27 are taken by Excel and refer to the cells meant (HyperFormula works them out).
 */
import { HyperFormula } from 'hyperformula';
import { PlanCheckController } from '../../src/app/controller';
import { ENGINE } from '../../src/app/engine';
import type { Finding } from '../../src/engine/findings';
import { PortError } from '../../src/engine/port';
import { buildReportSpec } from '../../src/engine/report';
import { fx, val, type TableSpec } from '../../src/engine/spec';
import { OfficePort } from '../../src/excel/officePort';
import { FakeExcel, cellA1, type Scalar } from './fakeExcel';

const noWait = async (): Promise<void> => undefined;

/** A projection with an Excel table, its top-left cell at B(row+1). */
function projection(row: number, tableName = `Projection${row}`): TableSpec {
  const first = `C${row + 2}`;
  return {
    title: 'Budget projection',
    anchor: { sheet: 'Plan', row, col: 1 },
    cells: [
      [val('Line', { bold: true }), val('2025/26', { bold: true }), val('2026/27', { bold: true })],
      [val('Older people'), val(1000, { input: true }), fx(`=${first}*1.05`, 1050)],
    ],
    excelTable: { name: tableName, top: 0, left: 0, bottom: 1, right: 2 },
  };
}

function planBook(): { excel: FakeExcel; port: OfficePort } {
  const excel = new FakeExcel();
  excel.addSheet('Plan');
  excel.setCell('Plan', 'A1', { value: 'Adult Social Care plan', bold: true });
  return { excel, port: new OfficePort({ run: excel.run, sleep: noWait }) };
}

describe('a write Excel refuses part-way is taken back whole', () => {
  it.each([
    ['merged cells', (x: FakeExcel) => x.merge('Plan', 'C11:D11'), /merged cells/],
    [
      'a pivot table',
      (x: FakeExcel) => x.pivots.set('Pivot1', { sheet: 'Plan', address: 'D10:F14' }),
      /pivot table is in the way/,
    ],
    [
      'another table',
      (x: FakeExcel) => x.tables.set('Staffing', { sheet: 'Plan', address: 'A11:B13' }),
      /another table|already/,
    ],
  ])(
    'a projection whose table would lie over %s leaves the sheet as it was, and Undo takes off the insert before it',
    async (_what, obstacle, sentence) => {
      const { excel, port } = planBook();
      await port.write(projection(2));
      obstacle(excel);
      const before = excel.dump();

      const failed = port.write(projection(9));
      await expect(failed).rejects.toBeInstanceOf(PortError);
      await expect(failed).rejects.toThrow(sentence);
      await expect(failed).rejects.toThrow(/Nothing was left: the sheet is as it was\./);
      expect(excel.dump()).toEqual(before);

      // The insert before is still the one Undo takes off.
      expect(port.canUndo()).toBe(true);
      expect(await port.undo()).toBe(true);
      expect(excel.cell('Plan', 'B3').value).toBe('');
      expect(excel.cell('Plan', 'C4').formula).toBeNull();
      expect(excel.cell('Plan', 'A1').value).toBe('Adult Social Care plan');
      expect(excel.tables.has('Projection2')).toBe(false);
    },
  );

  it('a table name Excel will not take (it reads as a cell) is refused before anything is written', async () => {
    const { excel, port } = planBook();
    const before = excel.dump();
    await expect(port.write(projection(9, 'Q1'))).rejects.toThrow(/Q1/);
    expect(excel.dump()).toEqual(before);
    expect(port.canUndo()).toBe(false);
  });

  it('a new sheet whose write fails is removed again', async () => {
    const { excel, port } = planBook();
    const spec: TableSpec = { ...projection(0), anchor: { sheet: 'Projection', row: 0, col: 0 }, newSheet: true };
    spec.cells[1][2] = fx('=B2*1.05', 1050);
    excel.pivots.set('P', { sheet: 'Plan', address: 'A1:A1' }); // nothing in the way: the table fails on its name
    excel.names.set('projection0', { sheet: 'Plan', address: 'A1' });
    const before = excel.dump();
    await expect(port.write({ ...spec, excelTable: { ...spec.excelTable!, name: 'Projection0' } })).rejects.toThrow(
      PortError,
    );
    expect(excel.dump()).toEqual(before);
  });
});

function findings(n: number, sheet = 'Plan'): Finding[] {
  return Array.from({ length: n }, (_, i) => ({
    rule: 'totals.column',
    severity: i % 3 === 0 ? 'error' : 'warning',
    sheet,
    cell: cellA1(5 + (i % 1000), 2 + (i % 7)),
    message: `The total of line ${i + 1} is 1,250 but its lines add up to 1,240: a difference of 10.`,
    expected: 1240,
    actual: 1250,
    difference: 10,
  })) as Finding[];
}

describe('Insert report', () => {
  it('a second report takes a table name of its own rather than failing on PlanCheckFindings', async () => {
    const { excel, port } = planBook();
    const app = new PlanCheckController(port, {
      ...ENGINE,
      validate: () => findings(3),
      validateWithTally: () => ({ findings: findings(3), judged: {} }),
    });
    expect((await app.validate()).ok).toBe(true);
    const first = await app.insertReport();
    const second = await app.insertReport();
    expect(first.ok && second.ok).toBe(true);
    expect([...excel.tables.keys()].sort()).toEqual(['PlanCheckFindings', 'PlanCheckFindings2']);
  });

  it('40,000 findings go to Excel in requests each under the 5 MB limit', async () => {
    const { excel, port } = planBook();
    excel.resetCounters();
    await port.write(buildReportSpec('Plan.xlsx', findings(40000), 'Validation report'));
    expect(excel.failedSyncs).toEqual([]);
    expect(excel.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(excel.cell('Validation report', 'E40004').value).toMatch(/^The total of line/);
    expect(excel.tables.get('PlanCheckFindings')?.address).toBe('A4:H40004');
  });
});

describe('highlights on cells with a gradient fill', () => {
  it('leave the gradient alone, say so, and do not stop the next check from highlighting', async () => {
    const { excel, port } = planBook();
    excel.setCell('Plan', 'C5', { value: 10, fill: { pattern: 'LinearGradient', color: '#4472C4' } });
    excel.setCell('Plan', 'C6', { value: 20 });
    await port.mark([
      { sheet: 'Plan', cell: 'C5', color: '#F8B4B4' },
      { sheet: 'Plan', cell: 'C6', color: '#F8B4B4' },
    ]);
    expect(excel.cell('Plan', 'C6').fill?.color).toBe('#F8B4B4');
    expect(excel.cell('Plan', 'C5').fill?.pattern).toBe('LinearGradient');
    expect(port.takeNotes().join(' ')).toMatch(/C5.*gradient/);

    await port.clearMarks();
    expect(excel.cell('Plan', 'C6').fill).toBeNull();
    expect(excel.cell('Plan', 'C5').fill?.pattern).toBe('LinearGradient');
    await port.mark([{ sheet: 'Plan', cell: 'C6', color: '#FCE3A6' }]);
    expect(excel.cell('Plan', 'C6').fill?.color).toBe('#FCE3A6');
  });
});

describe('going to a finding on a hidden sheet', () => {
  it('says the sheet is hidden and how to show it, rather than a general failure', async () => {
    const { excel, port } = planBook();
    excel.addSheet('Workings').visibility = 'Hidden';
    const going = port.select('Workings', 'B4');
    await expect(going).rejects.toThrow(/"Workings", which is hidden/);
    await expect(going).rejects.toThrow(/Unhide/);
  });
});

/** The fake's cells, formulas as formulas, worked out by HyperFormula as Excel would. */
function calculate(excel: FakeExcel): HyperFormula {
  const sheets: Record<string, (Scalar | null)[][]> = {};
  for (const s of excel.sheets) {
    const grid: (Scalar | null)[][] = [];
    s.values.forEach((row, r) => {
      grid[r] = (row ?? []).map((v) => (typeof v === 'string' ? `'${v}` : (v ?? null)));
    });
    for (const [k, f] of s.formulas) {
      const [r, c] = k.split(',').map(Number);
      (grid[r] ??= [])[c] = f;
    }
    for (let i = 0; i < grid.length; i++) grid[i] ??= [];
    sheets[s.name] = grid;
  }
  return HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3' });
}

describe.each(['Q1', "O'Brien's", '2026-27'])('formulas PlanCheck writes about a sheet named %s', (name) => {
  it('are taken by Excel and refer to the cells meant', async () => {
    const excel = new FakeExcel();
    excel.addSheet(name, [
      ['Indicator', 'Good is', 'Stockport', 'Trafford', 'Bolton', 'Wigan', 'Comparator average'],
      ['Delayed transfers of care per 100,000', 'Low', 10, 12, 8, 14, 11],
      ['Permanent admissions, 65+', 'Lower', 8, 10, 6, 12, 9],
      ['Satisfaction', 'High', 40, 45, 55, 60, 50],
    ]);
    const port = new OfficePort({ run: excel.run, sleep: noWait });
    const app = new PlanCheckController(port, ENGINE);
    const inserted = await app.insertBenchmarks();
    expect(inserted.ok).toBe(true);
    const sheet = excel.sheets.find((s) => s.name === 'Benchmarks')!;
    const hf = calculate(excel);
    const id = hf.getSheetId('Benchmarks')!;
    let across = 0;
    for (const [k, f] of sheet.formulas) {
      const [row, col] = k.split(',').map(Number);
      const got = hf.getCellValue({ sheet: id, row, col });
      expect({ f, error: typeof got === 'object' && got !== null }).toEqual({ f, error: false });
      if (f.includes('!')) across++;
    }
    expect(across).toBeGreaterThan(0);
    // Stockport's delayed transfers, fetched from the source sheet, is 10.
    const values = [...sheet.formulas.keys()].map((k) => {
      const [row, col] = k.split(',').map(Number);
      return hf.getCellValue({ sheet: id, row, col });
    });
    expect(values).toContain(10);
  });
});
