/**
 * One contract, two hosts: the same expectations of WorkbookPort (src/engine/port.ts) run on the
 * exceljs port over a real .xlsx (the CLI and the browser page) and on the Office.js port over the
 * fake Excel (the task pane), each as a table of cases; and a record one host keeps (settings,
 * accepted findings, the marks' own fills) is read by the other after saving and reopening.
 */
import { a1, SheetView } from '../../src/engine/grid';
import { OverwriteRefusedError, SETTINGS_SHEET } from '../../src/engine/port';
import { DAMAGED_SETTINGS_NOTE } from '../../src/engine/records';
import type { Settings } from '../../src/engine/settings';
import { fx, val, type TableSpec } from '../../src/engine/spec';
import { XlsxPort } from '../../src/xlsx/xlsxPort';
import { HOSTS, type Book, type Rows } from './hosts';

const PLAN: Rows = [
  ['Adult Social Care: financial plan (£000)', null, null],
  ['Service', '2025/26', '2026/27'],
  ['Older people', 52000, 53800],
  ['Learning disability', 38000, 39300],
  ['Total', 90000, 93100],
];

const open = (host: (typeof HOSTS)[number]): Promise<Book> => host.open({ Plan: PLAN, Notes: [['Notes']] });

/** A small projection: a header, two lines of figures and a total by formula, at F2 of a sheet. */
function projection(sheet = 'Plan', at = { row: 1, col: 5 }, extra: Partial<TableSpec> = {}): TableSpec {
  return {
    title: 'Budget projection',
    anchor: { sheet, ...at },
    cells: [
      [val('Line'), val('2027/28')],
      [val('Older people'), val(55400, { numberFormat: '#,##0;(#,##0)' })],
      [val('Learning disability'), val(40500, { numberFormat: '#,##0;(#,##0)' })],
      [val('Total'), fx(`=SUM(${a1(at.row + 1, at.col + 1)}:${a1(at.row + 2, at.col + 1)})`, 95900)],
    ],
    ...extra,
  };
}

const SETTINGS: Settings = {
  rounding: { perFigure: 0.5 },
  cashLimits: { '2025/26': 91000 },
  accepted: [
    {
      rule: 'total-mismatch',
      sheet: 'Plan',
      cell: 'C5',
      expected: 93100,
      actual: 93101,
      reason: 'rounding as published',
      by: 'JS',
      on: '2026-12-05',
    },
  ],
};

describe.each(HOSTS)('the port on $name', (host) => {
  describe('read', () => {
    const cases: [string, string, number, number, unknown][] = [
      ['a title above the table', 'Plan', 0, 0, 'Adult Social Care: financial plan (£000)'],
      ['a year heading', 'Plan', 1, 1, '2025/26'],
      ['a figure', 'Plan', 2, 1, 52000],
      ['a total', 'Plan', 4, 2, 93100],
      ['a second sheet', 'Notes', 0, 0, 'Notes'],
    ];
    it.each(cases)('gives %s at its cell', async (_what, sheet, row, col, expected) => {
      const book = await open(host);
      const wb = await book.port.read();
      const s = wb.sheets.find((x) => x.name === sheet)!;
      expect(new SheetView(s).value(row, col)).toEqual(expected);
    });

    it('never shows its own settings sheet as one of the workbook’s', async () => {
      const book = await open(host);
      await book.port.saveSettings(SETTINGS);
      const wb = await book.port.read();
      expect(wb.sheets.map((s) => s.name)).toEqual(['Plan', 'Notes']);
      expect(book.sheets().find((s) => s.name === SETTINGS_SHEET)?.state).toBe('veryHidden');
    });

    it('gives a formula with its stored result', async () => {
      const book = await open(host);
      book.type('Plan', 'B5', '=SUM(B3:B4)');
      const wb = await book.port.read({ sheets: ['Plan'] });
      const s = new SheetView(wb.sheets[0]);
      expect(s.formula(4, 1)).toBe('=SUM(B3:B4)');
    });
  });

  describe('write', () => {
    it('puts values, number formats and formulas at the anchor, and says where', async () => {
      const book = await open(host);
      const result = await book.port.write(projection());
      expect(result).toMatchObject({ sheet: 'Plan', range: 'F2:G5', cells: 8 });
      expect(book.seen('Plan', 'F3').value).toBe('Older people');
      expect(book.seen('Plan', 'G3').value).toBe(55400);
      expect(book.seen('Plan', 'G5')).toMatchObject({ formula: '=SUM(G3:G4)' });
    });

    it('refuses to cover what the user has, naming the cells, and leaves the sheet as it was', async () => {
      const book = await open(host);
      const before = book.picture();
      const err = await book.port.write(projection('Plan', { row: 3, col: 1 })).catch((e) => e);
      expect(err).toBeInstanceOf(OverwriteRefusedError);
      expect((err as OverwriteRefusedError).occupied).toEqual(expect.arrayContaining(['B4', 'C5']));
      expect(book.picture()).toEqual(before);
      expect(book.port.canUndo()).toBe(false);
    });

    it('writes over them when the user allows it', async () => {
      const book = await open(host);
      await book.port.write(projection('Plan', { row: 3, col: 1 }), { overwrite: true });
      expect(book.seen('Plan', 'B4').value).toBe('Line');
    });

    const refused: [string, (b: Book) => Promise<unknown>][] = [
      [
        'a table name Excel cannot take',
        (b) =>
          b.port.write(
            projection(
              'Plan',
              { row: 1, col: 5 },
              { excelTable: { name: 'Q1', top: 0, left: 0, bottom: 3, right: 1 } },
            ),
          ),
      ],
      [
        'a table name already in the workbook',
        async (b) => {
          await b.port.write(
            projection(
              'Notes',
              { row: 2, col: 0 },
              { excelTable: { name: 'Projection', top: 0, left: 0, bottom: 3, right: 1 } },
            ),
          );
          await b.port.write(
            projection(
              'Plan',
              { row: 1, col: 5 },
              { excelTable: { name: 'Projection', top: 0, left: 0, bottom: 3, right: 1 } },
            ),
          );
        },
      ],
    ];
    refused.push(
      [
        'a new sheet whose name is taken',
        (b) => b.port.write(projection('Notes', { row: 0, col: 0 }, { newSheet: true })),
      ],
      ['a sheet that is not there', (b) => b.port.write(projection('Forecast', { row: 0, col: 0 }))],
      [
        'a table over another table, even where the user allows overwriting',
        async (b) => {
          const table = (name: string) => ({ excelTable: { name, top: 0, left: 0, bottom: 3, right: 1 } });
          await b.port.write(projection('Notes', { row: 2, col: 0 }, table('First')));
          await b.port.write(projection('Notes', { row: 3, col: 1 }, table('Second')), { overwrite: true });
        },
      ],
    );
    it.each(refused)('refuses %s in a sentence and leaves the sheet as it was', async (_what, write) => {
      const book = await open(host);
      const before = book.picture().Plan;
      const err = await write(book).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/^[A-Z].*\.$/s);
      expect(book.picture().Plan).toEqual(before);
      if (/table over/.test(_what))
        expect([book.seen('Notes', 'B4').value, book.seen('Notes', 'C5').value]).toEqual([55400, null]);
    });

    it("writes a formula to another sheet's cell (a projection's base to the plan's figure), its value stored", async () => {
      const book = await host.open({ 'Financial plan': PLAN, Notes: [['Notes']] });
      await book.port.write({
        title: 'Budget projection',
        anchor: { sheet: 'Projection', row: 0, col: 0 },
        newSheet: true,
        cells: [
          [val('Budget line'), val('2025/26 (base)')],
          [val('Older people'), fx("='Financial plan'!B3", 52000, { numberFormat: '#,##0;(#,##0)' })],
        ],
      });
      expect(book.seen('Projection', 'B2').formula).toBe("='Financial plan'!B3");
      // exceljs stores the value with the formula; Excel works it out itself.
      if (host.name === 'exceljs') expect(book.seen('Projection', 'B2').value).toBe(52000);
      // Saved, the workbook keeps the formula to the plan's cell.
      const saved = (await book.save()).getWorksheet('Projection')!.getCell('B2').value as { formula: string };
      expect(saved.formula).toBe("'Financial plan'!B3");
    });

    it('adds a sheet when asked for a new one', async () => {
      const book = await open(host);
      await book.port.write(projection('Projection', { row: 0, col: 0 }, { newSheet: true }));
      expect(book.sheets().map((s) => s.name)).toEqual(expect.arrayContaining(['Plan', 'Notes', 'Projection']));
      expect(book.seen('Projection', 'B2').value).toBe(55400);
    });
  });

  describe('undo', () => {
    const cases: [string, (book: Book) => Promise<unknown>][] = [
      ['an insert beside the plan', (b) => b.port.write(projection())],
      [
        'an insert over cells the user allowed',
        (b) => b.port.write(projection('Plan', { row: 3, col: 1 }), { overwrite: true }),
      ],
      [
        'an insert on a new sheet',
        (b) => b.port.write(projection('Projection', { row: 0, col: 0 }, { newSheet: true })),
      ],
      [
        'two inserts, one after the other',
        async (b) => {
          await b.port.write(projection());
          await b.port.write(projection('Notes', { row: 2, col: 0 }));
        },
      ],
    ];
    it.each(cases)('takes off %s and leaves the workbook exactly as it was', async (_what, insert) => {
      const book = await open(host);
      const before = book.picture();
      const sheets = book.sheets().map((s) => s.name);
      await insert(book);
      while (book.port.canUndo()) expect(await book.port.undo()).toBe(true);
      expect(book.picture()).toEqual(before);
      expect(book.sheets().map((s) => s.name)).toEqual(sheets);
      expect(await book.port.undo()).toBe(false);
    });

    it('takes off the last insert first', async () => {
      const book = await open(host);
      await book.port.write(projection());
      await book.port.write(projection('Notes', { row: 2, col: 0 }));
      await book.port.undo();
      expect(book.seen('Notes', 'A3').value).toBeNull();
      expect(book.seen('Plan', 'F2').value).toBe('Line');
    });

    const partial: [string, boolean, unknown][] = [
      ['undoes the rest and keeps what the user typed', true, null],
      ['undoes nothing when the user says no', false, 'Line'],
    ];
    it.each(partial)('asked about a cell the user typed over since, %s', async (_what, answer, f2After) => {
      const book = await open(host);
      await book.port.write(projection());
      book.type('Plan', 'G3', 56000);
      const asked: string[][] = [];
      const done = await book.port.undo({ confirmPartial: async (cells) => (asked.push(cells), answer) });
      expect(asked).toEqual([['G3']]);
      expect(done).toBe(answer);
      expect(book.seen('Plan', 'G3').value).toBe(56000);
      expect(book.seen('Plan', 'F2').value).toBe(f2After);
      expect(book.port.canUndo()).toBe(!answer);
    });
  });

  describe('mark and clearMarks', () => {
    const cases: [string, string | null][] = [
      ['a cell with no fill of its own', null],
      ['a cell the user filled yellow', '#FFFF00'],
    ];
    it.each(cases)('colours %s and gives it back as it was', async (_what, own) => {
      const book = await open(host);
      if (own) book.paint('Plan', 'C5', own);
      await book.port.mark([{ sheet: 'Plan', cell: 'C5', color: '#FFC7CE' }]);
      expect(book.seen('Plan', 'C5').fill).toBe('#FFC7CE');
      await book.port.clearMarks();
      expect(book.seen('Plan', 'C5').fill).toBe(own);
    });

    it('marking a cell twice still gives back its own fill, over a range too', async () => {
      const book = await open(host);
      book.paint('Plan', 'B5', '#92D050');
      await book.port.mark([{ sheet: 'Plan', cell: 'B5:C5', color: '#FF0000' }]);
      await book.port.mark([{ sheet: 'Plan', cell: 'B5', color: '#FFC000' }]);
      await book.port.clearMarks();
      expect([book.seen('Plan', 'B5').fill, book.seen('Plan', 'C5').fill]).toEqual(['#92D050', null]);
    });

    it('clearing with nothing marked changes nothing', async () => {
      const book = await open(host);
      const before = book.picture();
      await book.port.clearMarks();
      expect(book.picture()).toEqual(before);
    });
  });

  describe('settings', () => {
    const cases: [string, Settings][] = [
      ['none yet', {}],
      ['rounding, cash limits and an accepted finding', SETTINGS],
      [
        'a record longer than a cell holds',
        {
          ...SETTINGS,
          tables: [{ sheet: 'Plan', range: 'A2:C5', roles: { A: 'x'.repeat(70_000) } }] as Settings['tables'],
        },
      ],
    ];
    it.each(cases)('keeps %s with the workbook', async (_what, settings) => {
      const book = await open(host);
      if (Object.keys(settings).length > 0) await book.port.saveSettings(settings);
      expect(await book.port.loadSettings()).toEqual(settings);
    });

    it('reads a damaged record as no settings, and says so once', async () => {
      const book = await open(host);
      await book.port.saveSettings(SETTINGS);
      const saved = await book.save();
      saved.getWorksheet(SETTINGS_SHEET)!.getCell('A1').value = '{"rounding": {"perFig';
      const again = await host.reopen(saved);
      expect(await again.port.loadSettings()).toEqual({});
      expect(again.port.takeNotes?.()).toEqual([DAMAGED_SETTINGS_NOTE]);
    });
  });

  it('takes a damaged highlight record as no marks: clearing changes no cell, and says so once', async () => {
    const book = await open(host);
    await book.port.mark([{ sheet: 'Plan', cell: 'C5', color: '#FFC7CE' }]);
    const saved = await book.save();
    saved.getWorksheet(SETTINGS_SHEET)!.getCell('B1').value = '{"version":2,"sheets":[{"na';
    const again = await host.reopen(saved);
    const before = again.picture();
    await again.port.clearMarks();
    expect(again.picture()).toEqual(before);
    expect(again.port.takeNotes?.()).toEqual([expect.stringMatching(/highlight|marks/i)]);
  });

  it('hands over the file: bytes that open as the same workbook', async () => {
    const book = await open(host);
    const bytes = await book.port.fileBytes!();
    expect(bytes).not.toBeNull();
    const reopened = await XlsxPort.fromBuffer(bytes!.bytes, 'Plan.xlsx');
    const a = await reopened.read();
    const b = await book.port.read();
    expect(a.sheets.map((s) => s.values)).toEqual(b.sheets.map((s) => s.values));
  });
});

/** Each host to each (itself too): a workbook saved by one and opened by the other. */
const PAIRS = HOSTS.flatMap((from) => HOSTS.map((to) => ({ from, to, name: `${from.name} to ${to.name}` })));

describe.each(PAIRS)('records carried from $name', ({ from, to }) => {
  it('settings and accepted findings', async () => {
    const book = await open(from);
    await book.port.saveSettings(SETTINGS);
    const other = await to.reopen(await book.save());
    expect(await other.port.loadSettings()).toEqual(SETTINGS);
  });

  it('marks: the other host takes them off and gives each cell its own fill back', async () => {
    const book = await open(from);
    book.paint('Plan', 'B5', '#FFFF00');
    await book.port.mark([
      { sheet: 'Plan', cell: 'B5:C5', color: '#FFC7CE' },
      { sheet: 'Notes', cell: 'A1', color: '#FFEB9C' },
    ]);
    const other = await to.reopen(await book.save());
    expect(other.seen('Plan', 'C5').fill).toBe('#FFC7CE');
    await other.port.clearMarks();
    expect([other.seen('Plan', 'B5').fill, other.seen('Plan', 'C5').fill, other.seen('Notes', 'A1').fill]).toEqual([
      '#FFFF00',
      null,
      null,
    ]);
  });
});
