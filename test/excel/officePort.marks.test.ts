/**
 * Marking cells (and taking the marks off again, restoring each cell's own fill), and settings
 * kept on the very hidden settings sheet, against the in-memory fake Excel (fakeExcel.ts).
 */
import { SETTINGS_SHEET } from '../../src/engine/port';
import type { Settings } from '../../src/engine/settings';
import { CHUNK_CHARS, OfficePort } from '../../src/excel/officePort';
import { FakeExcel, NO_FILL } from './fakeExcel';

function checkedPlan(): FakeExcel {
  const excel = new FakeExcel();
  excel.addSheet('Financial plan', [
    ['Ref', 'Headline', '2010/11'],
    ['03', 'Services for Older People', 74025],
    [null, 'Total', 74026],
  ]);
  return excel;
}

describe('OfficePort.mark and clearMarks', () => {
  it('clearMarks restores a yellow fill it found', async () => {
    const excel = checkedPlan();
    excel.setCell('Financial plan', 'C3', { fill: '#FFFF00' });
    const own = excel.cell('Financial plan', 'C3').fill;
    const port = new OfficePort({ run: excel.run });

    await port.mark([{ sheet: 'Financial plan', cell: 'C3', color: '#FFC7CE' }]);
    expect(excel.cell('Financial plan', 'C3').fill?.color).toBe('#FFC7CE');

    await port.clearMarks();
    expect(excel.cell('Financial plan', 'C3').fill).toEqual(own);
  });

  it('restores a patterned, tinted fill exactly, and clears the fill where there was none', async () => {
    const excel = checkedPlan();
    const patterned = { color: '#92D050', pattern: 'LightUp', patternColor: '#7030A0', tintAndShade: -0.25 };
    excel.setCell('Financial plan', 'B3', { fill: patterned });
    const before = excel.dump();
    const port = new OfficePort({ run: excel.run });
    await port.mark([
      { sheet: 'Financial plan', cell: 'B3:C3', color: '#FF0000' },
      { sheet: 'Financial plan', cell: 'A1', color: '#FF0000' },
    ]);
    await port.clearMarks();
    expect(excel.cell('Financial plan', 'B3').fill).toEqual({ ...NO_FILL, ...patterned });
    expect(excel.cell('Financial plan', 'C3').fill).toBeNull();
    expect(excel.cell('Financial plan', 'A1').fill).toBeNull();
    const { sheets } = excel.dump() as { sheets: { name: string }[] };
    expect(sheets.filter((s) => s.name !== SETTINGS_SHEET)).toEqual((before as { sheets: unknown[] }).sheets);
  });

  it('marking a cell twice still restores its own fill, not the first mark', async () => {
    const excel = checkedPlan();
    excel.setCell('Financial plan', 'C3', { fill: '#FFFF00' });
    const port = new OfficePort({ run: excel.run });
    await port.mark([{ sheet: 'Financial plan', cell: 'C3', color: '#FF0000' }]);
    await port.mark([{ sheet: 'Financial plan', cell: 'C3', color: '#FFC000' }]);
    await port.clearMarks();
    expect(excel.cell('Financial plan', 'C3').fill?.color).toBe('#FFFF00');
  });

  it('marks can be cleared after the pane is reopened (records kept on the very hidden sheet)', async () => {
    const excel = checkedPlan();
    excel.setCell('Financial plan', 'C3', { fill: '#FFFF00' });
    await new OfficePort({ run: excel.run }).mark([{ sheet: 'Financial plan', cell: 'C3', color: '#FF0000' }]);
    expect(excel.sheet(SETTINGS_SHEET)?.visibility).toBe('VeryHidden');

    const reopened = new OfficePort({ run: excel.run });
    await reopened.clearMarks();
    expect(excel.cell('Financial plan', 'C3').fill?.color).toBe('#FFFF00');
    expect(excel.cell(SETTINGS_SHEET, 'B1').value).toBe('');
  });

  it('marks in three syncs once the port knows the records, whatever the number of cells', async () => {
    const excel = checkedPlan();
    const port = new OfficePort({ run: excel.run });
    await port.mark([{ sheet: 'Financial plan', cell: 'A1', color: '#FF0000' }]);
    excel.resetCounters();
    const marks = Array.from({ length: 50 }, (_, i) => ({
      sheet: 'Financial plan',
      cell: `D${i + 1}`,
      color: '#FF0000',
    }));
    await port.mark(marks);
    // The sheets and their protection; the cells' own fills; the record and the colours.
    expect(excel.syncs).toBe(3);
    expect(excel.leftUnsynced).toBe(0);
  });
});

describe('OfficePort settings', () => {
  it('returns {} when the workbook has no settings', async () => {
    const excel = checkedPlan();
    expect(await new OfficePort({ run: excel.run }).loadSettings()).toEqual({});
    expect(excel.sheet(SETTINGS_SHEET)).toBeUndefined();
  });

  it('keeps settings on a very hidden sheet and reads them back in a new pane', async () => {
    const excel = checkedPlan();
    const settings: Settings = {
      rounding: { perFigure: 0.5, absolute: 0 },
      cashLimits: { '2010/11': 138000 },
      risk: { preset: 'nhs5x5' },
    };
    await new OfficePort({ run: excel.run }).saveSettings(settings);
    expect(excel.sheet(SETTINGS_SHEET)?.visibility).toBe('VeryHidden');
    expect(await new OfficePort({ run: excel.run }).loadSettings()).toEqual(settings);
  });

  it('chunks settings longer than a cell can hold, and a shorter save leaves no old chunks behind', async () => {
    const excel = checkedPlan();
    const port = new OfficePort({ run: excel.run });
    const long: Settings = { projections: { notes: '=-'.repeat(CHUNK_CHARS) } };
    await port.saveSettings(long);
    expect(excel.cell(SETTINGS_SHEET, 'A2').value).not.toBe('');
    expect(String(excel.cell(SETTINGS_SHEET, 'A1').value).length).toBeLessThanOrEqual(32_767);
    expect(await port.loadSettings()).toEqual(long);
    await port.saveSettings({ uplift: { inflation: 3 } });
    expect(excel.cell(SETTINGS_SHEET, 'A2').value).toBe('');
    expect(await port.loadSettings()).toEqual({ uplift: { inflation: 3 } });
  });
});
