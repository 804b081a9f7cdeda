/**
 * The life of a real workbook in real Excel (issue 13): sheets renamed or deleted after PlanCheck
 * marked or wrote on them, protected sheets and structure, name clashes, Excel's own undo, very
 * large marks, payload errors and hidden rows, against the in-memory fake Excel (fakeExcel.ts).
 */
import { PortError, SETTINGS_SHEET } from '../../src/engine/port';
import type { Settings } from '../../src/engine/settings';
import { fx, val, type TableSpec } from '../../src/engine/spec';
import { bigPlanRows } from '../../src/samples/bigPlan';
import {
  DOCUMENT_MARKS_KEY,
  DOCUMENT_SETTINGS_KEY,
  OfficePort,
  type DocumentSettingsLike,
} from '../../src/excel/officePort';
import { FakeExcel, MB5, type Fill } from './fakeExcel';

/** Office.context.document.settings, in memory. */
class MemorySettings implements DocumentSettingsLike {
  readonly values = new Map<string, unknown>();
  saves = 0;
  get(name: string): unknown {
    return this.values.has(name) ? this.values.get(name) : null;
  }
  set(name: string, value: unknown): void {
    this.values.set(name, value);
  }
  remove(name: string): void {
    this.values.delete(name);
  }
  saveAsync(): void {
    this.saves++;
  }
}

function twoSheets(): FakeExcel {
  const excel = new FakeExcel();
  excel.addSheet('Financial plan', [
    ['Ref', 'Headline', '2010/11'],
    ['03', 'Services for Older People', 74025],
    [null, 'Total', 74026],
  ]);
  excel.addSheet('Risks', [
    ['Risk', 'Likelihood', 'Impact'],
    ['Provider failure', 4, 5],
  ]);
  return excel;
}

const RED = '#FFC7CE';

function projection(overrides: Partial<TableSpec> = {}): TableSpec {
  return {
    title: 'Budget projection',
    anchor: { sheet: 'Plan', row: 1, col: 1 },
    cells: [
      [val('Year', { bold: true }), val('2024/25', { bold: true }), val('2025/26', { bold: true })],
      [val('Budget'), val(1000, { numberFormat: '#,##0', input: true }), fx('=C3*1.05', 1050)],
    ],
    ...overrides,
  };
}

function planBook(): FakeExcel {
  const excel = new FakeExcel();
  excel.addSheet('Plan');
  excel.setCell('Plan', 'A1', { value: 'Adult Social Care plan', bold: true });
  excel.setCell('Plan', 'C3', { value: 'typed by hand', numberFormat: '0.0', fill: '#FFFF00' });
  return excel;
}

describe('item 1: marked sheets renamed or deleted', () => {
  it('item 1: a marked sheet deleted since is dropped with a note, and the other marks still come off', async () => {
    const excel = twoSheets();
    excel.setCell('Financial plan', 'C3', { fill: '#FFFF00' });
    const own = excel.cell('Financial plan', 'C3').fill;
    await new OfficePort({ run: excel.run }).mark([
      { sheet: 'Financial plan', cell: 'C3', color: RED },
      { sheet: 'Risks', cell: 'A1:C2', color: RED },
    ]);
    excel.deleteSheet('Risks');

    const reopened = new OfficePort({ run: excel.run });
    await reopened.clearMarks();
    expect(excel.cell('Financial plan', 'C3').fill).toEqual(own);
    expect(reopened.takeNotes()).toEqual([
      'Highlights on "Risks" were dropped: the sheet is no longer in the workbook.',
    ]);
    // The record is gone too: the next run of Validate does not trip over it again.
    expect(excel.cell(SETTINGS_SHEET, 'B1').value).toBe('');
    await new OfficePort({ run: excel.run }).clearMarks();
    await reopened.mark([{ sheet: 'Financial plan', cell: 'B3', color: RED }]);
    await reopened.clearMarks();
    expect(reopened.takeNotes()).toEqual([]);
  });

  it('item 1: a marked sheet renamed since is followed by its id and its cells get their own fills back', async () => {
    const excel = twoSheets();
    excel.setCell('Financial plan', 'C3', { fill: { color: '#92D050', pattern: 'LightUp', patternColor: '#7030A0' } });
    const own = excel.cell('Financial plan', 'C3').fill;
    const port = new OfficePort({ run: excel.run });
    await port.mark([{ sheet: 'Financial plan', cell: 'B2:C3', color: RED }]);
    excel.renameSheet('Financial plan', 'Plan 2010-11');

    await new OfficePort({ run: excel.run }).clearMarks(); // a reopened pane, from the stored record
    expect(excel.cell('Plan 2010-11', 'C3').fill).toEqual(own);
    expect(excel.cell('Plan 2010-11', 'B2').fill).toBeNull();
  });

  it('item 1: a cell marked again after its sheet was renamed still gets its own fill back, not the first mark', async () => {
    const excel = twoSheets();
    excel.setCell('Financial plan', 'C3', { fill: '#FFFF00' });
    const port = new OfficePort({ run: excel.run });
    await port.mark([{ sheet: 'Financial plan', cell: 'C3', color: RED }]);
    excel.renameSheet('Financial plan', 'Plan');
    await port.mark([{ sheet: 'Plan', cell: 'C3', color: '#FFC000' }]);
    await port.clearMarks();
    expect(excel.cell('Plan', 'C3').fill?.color).toBe('#FFFF00');
  });

  it('item 1: undo after the user renamed the sheet and deleted the chart, table, name and conditional format', async () => {
    const excel = planBook();
    const port = new OfficePort({ run: excel.run });
    await port.write(
      projection({
        excelTable: { name: 'Projection', top: 0, left: 0, bottom: 1, right: 2 },
        names: [{ name: 'Base_budget', top: 1, left: 1 }],
        conditionalBands: [{ top: 1, left: 1, bottom: 1, right: 2, bands: [{ min: 0, max: 1000, fill: RED }] }],
        charts: [
          { type: 'line', title: 'Budget', data: { top: 0, left: 0, bottom: 1, right: 2 }, at: { row: 5, col: 0 } },
        ],
      }),
      { overwrite: true },
    );
    // The user tidies up by hand: each of these would make getItem fail the whole undo.
    excel.renameSheet('Plan', 'Plan (old)');
    const sheet = excel.sheet('Plan (old)');
    if (!sheet) throw new Error('renamed sheet missing');
    sheet.charts = [];
    sheet.cfs = [];
    excel.tables.delete('Projection');
    excel.names.delete('Base_budget');

    expect(await port.undo()).toBe(true);
    expect(excel.cell('Plan (old)', 'C3')).toMatchObject({ value: 'typed by hand', numberFormat: '0.0' });
    expect(excel.cell('Plan (old)', 'B2').value).toBe('');
    expect(port.canUndo()).toBe(false);
  });

  it('item 1: undo when the sheet written on was deleted says so instead of failing', async () => {
    const excel = planBook();
    excel.addSheet('Other');
    const port = new OfficePort({ run: excel.run });
    await port.write(projection({ names: [{ name: 'Base_budget', top: 1, left: 1 }] }), { overwrite: true });
    excel.deleteSheet('Plan');

    expect(await port.undo()).toBe(true);
    expect(port.takeNotes()).toEqual([
      'The sheet "Plan" is gone, so nothing of Budget projection was left on it to undo.',
    ]);
    expect(excel.names.has('Base_budget')).toBe(false);
  });
});

describe('item 3: protection', () => {
  it('item 3: a protected sheet does not stop the others being marked, and is named in one sentence', async () => {
    const excel = twoSheets();
    const risks = excel.sheet('Risks');
    if (!risks) throw new Error('no Risks sheet');
    risks.protected = true;
    const port = new OfficePort({ run: excel.run });

    await port.mark([
      { sheet: 'Financial plan', cell: 'C3', color: RED },
      { sheet: 'Risks', cell: 'B2', color: RED },
      { sheet: 'Risks', cell: 'C2', color: RED },
    ]);

    expect(excel.cell('Financial plan', 'C3').fill?.color).toBe(RED);
    expect(excel.cell('Risks', 'B2').fill).toBeNull();
    const notes = port.takeNotes();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^PlanCheck could not highlight cells on "Risks": the sheet is protected/);
    await port.clearMarks();
    expect(excel.cell('Financial plan', 'C3').fill).toBeNull();
  });

  it('item 3: with the structure protected, settings go to the document settings and are read from both places', async () => {
    const excel = twoSheets();
    excel.structureProtected = true;
    const documentSettings = new MemorySettings();
    const settings: Settings = { rounding: { perFigure: 0.5, absolute: 0 }, risk: { preset: '4x4' } };

    const port = new OfficePort({ run: excel.run, documentSettings });
    await port.saveSettings(settings);
    expect(excel.sheet(SETTINGS_SHEET)).toBeUndefined();
    expect(JSON.parse(String(documentSettings.get(DOCUMENT_SETTINGS_KEY)))).toEqual(settings);
    expect(documentSettings.saves).toBe(1);
    expect(port.takeNotes()[0]).toMatch(/structure is protected/);
    expect(await new OfficePort({ run: excel.run, documentSettings }).loadSettings()).toEqual(settings);

    // A workbook that also has the settings sheet from before: both are read.
    const both = twoSheets();
    await new OfficePort({ run: both.run }).saveSettings({ uplift: { inflation: 3 } });
    both.structureProtected = true;
    const store = new MemorySettings();
    store.set(DOCUMENT_SETTINGS_KEY, JSON.stringify({ risk: { preset: '3x3' } }));
    expect(await new OfficePort({ run: both.run, documentSettings: store }).loadSettings()).toEqual({
      uplift: { inflation: 3 },
      risk: { preset: '3x3' },
    });
  });

  it('item 3: with the structure protected, marks are recorded in the document settings and still come off', async () => {
    const excel = twoSheets();
    excel.structureProtected = true;
    excel.setCell('Financial plan', 'C3', { fill: '#FFFF00' });
    const documentSettings = new MemorySettings();
    await new OfficePort({ run: excel.run, documentSettings }).mark([
      { sheet: 'Financial plan', cell: 'C3', color: RED },
    ]);
    expect(excel.cell('Financial plan', 'C3').fill?.color).toBe(RED);
    expect(documentSettings.get(DOCUMENT_MARKS_KEY)).toEqual(expect.stringContaining('Financial plan'));

    await new OfficePort({ run: excel.run, documentSettings }).clearMarks();
    expect(excel.cell('Financial plan', 'C3').fill?.color).toBe('#FFFF00');
    expect(documentSettings.values.has(DOCUMENT_MARKS_KEY)).toBe(false);
  });
});

describe('item 3: writing on a protected sheet or structure', () => {
  it('item 3: a write to a protected sheet, or a new sheet in a protected structure, is refused in a sentence before anything is written', async () => {
    const excel = planBook();
    const plan = excel.sheet('Plan');
    if (!plan) throw new Error('no Plan sheet');
    plan.protected = true;
    const before = excel.dump();
    const port = new OfficePort({ run: excel.run });
    await expect(port.write(projection(), { overwrite: true })).rejects.toThrow(
      'The sheet "Plan" is protected, so Budget projection was not written.',
    );
    excel.structureProtected = true;
    await expect(
      port.write(projection({ newSheet: true, anchor: { sheet: 'Projection', row: 0, col: 0 } })),
    ).rejects.toThrow(/structure is protected, so PlanCheck cannot add a sheet/);
    expect(excel.dump()).toEqual(before);
    expect(port.canUndo()).toBe(false);
  });

  it('item 3: undoing a sheet PlanCheck added, once the structure is protected, says why and can be asked again', async () => {
    const excel = planBook();
    const port = new OfficePort({ run: excel.run });
    await port.write(projection({ newSheet: true, anchor: { sheet: 'Projection', row: 0, col: 0 } }));
    excel.structureProtected = true;
    await expect(port.undo()).rejects.toThrow(
      /structure is protected, so PlanCheck could not delete the sheet "Projection" it added/,
    );
    expect(port.canUndo()).toBe(true);
    excel.structureProtected = false;
    expect(await port.undo()).toBe(true);
    expect(excel.sheet('Projection')).toBeUndefined();
  });
});

describe('item 6: one namespace for tables and names', () => {
  it('item 6: a table whose name a defined name already has is refused before anything is written', async () => {
    const excel = planBook();
    excel.names.set('Projection', { sheet: 'Plan', address: 'A1' });
    const before = excel.dump();
    const port = new OfficePort({ run: excel.run });
    const failure = await port
      .write(projection({ excelTable: { name: 'Projection', top: 0, left: 0, bottom: 1, right: 2 } }), {
        overwrite: true,
      })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PortError);
    expect((failure as PortError).code).toBe('ItemAlreadyExists');
    expect((failure as Error).message).toMatch(/share one list of names/);
    expect(excel.dump()).toEqual(before);
    expect(excel.syncs).toBe(1);
    expect(port.canUndo()).toBe(false);
  });

  it('item 6: a defined name that a table already has is refused too, and so is a spec that uses one name twice', async () => {
    const excel = planBook();
    excel.tables.set('Base_budget', { sheet: 'Plan', address: 'H1:I3' });
    const before = excel.dump();
    const port = new OfficePort({ run: excel.run });
    await expect(
      port.write(projection({ names: [{ name: 'Base_budget', top: 1, left: 1 }] }), { overwrite: true }),
    ).rejects.toThrow(/already has a table or a named range/);
    expect(excel.dump()).toEqual(before);

    excel.resetCounters();
    await expect(
      port.write(
        projection({
          excelTable: { name: 'Growth', top: 0, left: 0, bottom: 1, right: 2 },
          names: [{ name: 'GROWTH', top: 1, left: 1 }],
        }),
      ),
    ).rejects.toThrow(/twice/);
    expect(excel.syncs).toBe(0);
  });
});

describe('item 2: Excel’s own undo and the user’s edits', () => {
  it('item 2: cells changed since PlanCheck wrote them are named and left as they are; the rest is undone', async () => {
    const excel = planBook();
    const before = excel.cell('Plan', 'C3');
    const port = new OfficePort({ run: excel.run });
    await port.write(projection(), { overwrite: true });
    // After the write, the user types over one cell (or Ctrl+Z takes part of the write back).
    excel.setCell('Plan', 'D3', { value: 1234 });

    expect(await port.undo()).toBe(true);
    expect(excel.cell('Plan', 'D3')).toMatchObject({ value: 1234, formula: null });
    expect(excel.cell('Plan', 'C3')).toEqual(before);
    expect(excel.cell('Plan', 'B2').value).toBe('');
    const notes = port.takeNotes();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^1 cell of Budget projection changed since PlanCheck wrote it \(D3\)/);
  });

  it('item 2: when the user chooses, nothing is undone and the undo can be asked for again', async () => {
    const excel = planBook();
    const port = new OfficePort({ run: excel.run });
    await port.write(projection(), { overwrite: true });
    excel.setCell('Plan', 'D3', { value: 1234 });
    const written = excel.dump();
    const asked: string[][] = [];

    expect(await port.undo({ confirmPartial: async (cells) => (asked.push(cells), false) })).toBe(false);
    expect(asked).toEqual([['D3']]);
    expect(excel.dump()).toEqual(written);
    expect(port.canUndo()).toBe(true);
    expect(await port.undo({ confirmPartial: async () => true })).toBe(true);
    expect(excel.cell('Plan', 'D3').value).toBe(1234);
    expect(excel.cell('Plan', 'B2').value).toBe('');
  });

  it('item 2: with nothing changed, undo puts everything back and says nothing more', async () => {
    const excel = planBook();
    const before = excel.dump();
    const port = new OfficePort({ run: excel.run });
    await port.write(projection(), { overwrite: true });
    await port.undo();
    expect(excel.dump()).toEqual(before);
    expect(port.takeNotes()).toEqual([]);
  });
});

describe('item 7: very large marks', () => {
  it('item 7: a 100,000-cell mark is read and recorded in requests and responses each under 5 MB, and comes off exactly', async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet('Big table');
    // Banded rows (every other row light blue across the table) and one patterned cell.
    for (let r = 0; r < 10_000; r += 2) {
      for (let c = 0; c < 10; c++) sheet.fills.set(`${r},${c}`, { ...solidFill('#DDEBF7') });
    }
    sheet.fills.set('5,3', { color: '#92D050', pattern: 'LightUp', patternColor: '#7030A0', tintAndShade: 0.4 });
    const own = new Map(sheet.fills);
    const port = new OfficePort({ run: excel.run });

    await port.mark([{ sheet: 'Big table', cell: 'A1:J10000', color: RED }]);
    expect(excel.cell('Big table', 'E5000').fill?.color).toBe(RED);
    expect(excel.maxResponseBytes).toBeLessThan(MB5);
    expect(excel.maxRequestBytes).toBeLessThan(MB5);
    expect(excel.failedSyncs).toEqual([]);
    // Ranges of equal fills, not a record per cell: 5,000 bands and a patterned cell, in well under 1 MB.
    const record = String(excel.cell(SETTINGS_SHEET, 'B1').value) + String(excel.cell(SETTINGS_SHEET, 'B2').value);
    expect(record.length).toBeLessThan(1_000_000);

    excel.resetCounters();
    await new OfficePort({ run: excel.run }).clearMarks();
    expect(excel.maxRequestBytes).toBeLessThan(MB5);
    expect(excel.maxResponseBytes).toBeLessThan(MB5);
    expect(new Map(excel.sheet('Big table')?.fills)).toEqual(own);
  });
});

describe('item 7: very many marks', () => {
  it('item 7: 100,000 marks of one cell each (one per finding) go in requests and responses each under 5 MB', async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet('Findings');
    sheet.fills.set('0,0', solidFill('#FFFF00'));
    const marks = Array.from({ length: 100_000 }, (_, i) => ({
      sheet: 'Findings',
      cell: `${String.fromCharCode(65 + (i % 10))}${Math.floor(i / 10) + 1}`,
      color: RED,
    }));
    const port = new OfficePort({ run: excel.run });
    await port.mark(marks);
    expect(excel.cell('Findings', 'J10000').fill?.color).toBe(RED);
    expect(excel.maxRequestBytes).toBeLessThan(MB5);
    expect(excel.maxResponseBytes).toBeLessThan(MB5);
    expect(excel.failedSyncs).toEqual([]);

    await new OfficePort({ run: excel.run }).clearMarks();
    expect(excel.maxRequestBytes).toBeLessThan(MB5);
    expect([...(excel.sheet('Findings')?.fills.keys() ?? [])]).toEqual(['0,0']);
  }, 30000);
});

function solidFill(color: string): Fill {
  return { color, pattern: 'Solid', patternColor: '#000000', tintAndShade: 0 };
}

describe('item 8: payload errors', () => {
  it('item 8: a GeneralException on a large read is met by halving the block, and every row is read', async () => {
    const rows = bigPlanRows(4_000);
    const excel = new FakeExcel();
    excel.addSheet('Financial plan', rows);
    excel.failNext('GeneralException', 1, 'Fake GeneralException', 1); // the survey goes through, the first batch fails
    const wb = await new OfficePort({ run: excel.run }).read({ sheets: ['Financial plan'] });
    expect(excel.failedSyncs).toEqual([1]);
    expect(wb.sheets[0].values).toHaveLength(rows.length);
    expect(wb.sheets[0].values[3000]).toEqual(rows[3000].map((v) => (v === '' || v === undefined ? null : v)));
  });

  it('item 8: a GeneralException on a small request is not mistaken for size: it is explained', async () => {
    const excel = twoSheets();
    excel.failNext('GeneralException', 1, 'Fake GeneralException', 1);
    await expect(new OfficePort({ run: excel.run }).read({ sheets: ['Risks'] })).rejects.toThrow(
      /^Excel could not finish reading the workbook/,
    );
  });

  it('item 8: RequestPayloadSizeLimitExceeded and ResponsePayloadSizeLimitExceeded while marking halve the request', async () => {
    const excel = twoSheets();
    excel.requestLimit = 20_000;
    excel.responseLimit = 3_000;
    const marks = Array.from({ length: 120 }, (_, i) => ({ sheet: 'Risks', cell: `D${i + 1}`, color: RED }));
    const port = new OfficePort({ run: excel.run });
    await port.mark(marks);
    expect(excel.failedSyncs.length).toBeGreaterThan(0);
    expect(excel.cell('Risks', 'D120').fill?.color).toBe(RED);
    await port.clearMarks();
    expect(excel.cell('Risks', 'D1').fill).toBeNull();
    expect(excel.cell('Risks', 'D120').fill).toBeNull();
  });
});

describe('item 9: hidden rows', () => {
  it('item 9: hidden rows come from getRowProperties in the block read, not one range object per row', async () => {
    const rows = bigPlanRows(3_000);
    const excel = new FakeExcel();
    const sheet = excel.addSheet('Financial plan', rows);
    [10, 11, 12, 2500].forEach((r) => sheet.hiddenRows.add(r));
    const wb = await new OfficePort({ run: excel.run }).read({ sheets: ['Financial plan'] });
    expect(wb.sheets[0].hiddenRows).toEqual([10, 11, 12, 2500]);
    expect(Math.max(...excel.commandsPerSync)).toBeLessThan(10);
  });
});
