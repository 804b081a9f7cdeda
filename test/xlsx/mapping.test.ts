/**
 * A mapping corrected in the pane survives saving and reopening the workbook: the Tables view's
 * Save goes through the controller to the real exceljs port (settings.tables on the very hidden
 * settings sheet); the bytes are written, opened again as a new file, and the reader follows the
 * user's word on the next run.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { PlanCheckApp, type TablesView } from '../../src/app';
import { SETTINGS_SHEET } from '../../src/engine/port';
import { readTables } from '../../src/engine/tables';
import { XlsxPort } from '../../src/xlsx/xlsxPort';

const SAMPLE = path.resolve(__dirname, '../../samples/plancheck-sample.xlsx');

async function open(bytes: Uint8Array, name = 'plancheck-sample.xlsx'): Promise<XlsxPort> {
  return XlsxPort.fromBuffer(bytes, name);
}

function tablesOf(result: Awaited<ReturnType<PlanCheckApp['tables']>>): TablesView {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('a mapping corrected in the pane', () => {
  let original: Uint8Array;

  beforeAll(async () => {
    original = new Uint8Array(await fs.readFile(SAMPLE));
  });

  it('survives saving and reopening the workbook, and the next run reads the tables that way', async () => {
    // The pane, first time: PlanCheck's own reading.
    const first = new PlanCheckApp(await open(original));
    const before = tablesOf(await first.tables());
    const summary = before.tables.find((t) => t.sheet === 'Spend and funding');
    const register = before.tables.find((t) => t.sheet === 'Risk register');
    expect(summary).toMatchObject({ kind: 'spend-funding', mapped: false });
    expect(register).toMatchObject({ kind: 'risk-register' });
    expect(before.mappings).toEqual([]);
    if (!summary || !register) throw new Error('the sample has changed');
    // A column the user sets aside: the summary's third (a text column between the blocks).
    const aside = summary.columns[2].letter;
    const headerRows = [summary.headerRows[0]];

    // The user says: the summary is a grid of figures with totals, read from its first header row,
    // with one column set aside; and the "risk register" is not a table.
    const saved1 = await first.saveTableMapping({
      sheet: 'Spend and funding',
      range: summary.range,
      kind: 'totals-grid',
      headerRows,
      roles: { [aside]: 'ignore' },
    });
    expect(saved1.ok).toBe(true);
    const saved2 = await first.saveTableMapping({ sheet: 'Risk register', range: register.range, kind: 'not-a-table' });
    expect(saved2.ok).toBe(true);

    // Saved with the workbook: written to bytes (as the Download button or Excel's save does)…
    const bytes = await (first.port as XlsxPort).toBuffer();

    // …and opened again, afresh, as another session would.
    const reopened = await open(bytes, 'plancheck-sample (checked).xlsx');
    const ws = reopened.workbook.getWorksheet(SETTINGS_SHEET);
    expect(ws?.state).toBe('veryHidden');
    const settings = await reopened.loadSettings();
    expect(settings.tables).toEqual([
      {
        sheet: 'Spend and funding',
        range: summary.range,
        kind: 'totals-grid',
        headerRows,
        roles: { [aside]: 'ignore' },
      },
      { sheet: 'Risk register', range: register.range, kind: 'not-a-table' },
    ]);

    // The next run, through the pane's controller on the reopened file, reads them the user's way.
    const second = new PlanCheckApp(reopened);
    const after = tablesOf(await second.tables());
    const corrected = after.tables.find((t) => t.sheet === 'Spend and funding');
    expect(corrected).toMatchObject({ range: summary.range, kind: 'totals-grid', headerRows, mapped: true });
    expect(corrected?.columns.find((c) => c.letter === aside)?.role).toBe('ignore');
    expect(after.tables.some((t) => t.sheet === 'Risk register')).toBe(false);
    // The tables nobody corrected are read as before.
    const untouched = (v: TablesView) =>
      v.tables
        .filter((t) => t.sheet !== 'Spend and funding' && t.sheet !== 'Risk register')
        .map((t) => `${t.sheet}!${t.range} ${t.kind}`);
    expect(untouched(after)).toEqual(untouched(before));

    // And so does the reader itself, the way the CLI calls it on the saved file.
    const read = readTables(await reopened.read(), settings);
    expect(read.tables.find((t) => t.sheet === 'Spend and funding')?.kind).toBe('totals-grid');
    expect(read.tables.find((t) => t.sheet === 'Risk register')).toBeUndefined();
  });

  it('can be taken back: after "Use PlanCheck’s reading" and another save, the guess is back', async () => {
    const app = new PlanCheckApp(await open(original));
    const register = tablesOf(await app.tables()).tables.find((t) => t.sheet === 'Risk register');
    if (!register) throw new Error('the sample has changed');
    const range = register.range;
    await app.saveTableMapping({ sheet: 'Risk register', range, kind: 'not-a-table' });
    const hidden = await open(await (app.port as XlsxPort).toBuffer());
    const again = new PlanCheckApp(hidden);
    expect(tablesOf(await again.tables()).tables.some((t) => t.sheet === 'Risk register')).toBe(false);
    expect((await again.forgetTableMapping({ sheet: 'Risk register', range })).ok).toBe(true);

    const restored = new PlanCheckApp(await open(await hidden.toBuffer()));
    const view = tablesOf(await restored.tables());
    expect(view.mappings).toEqual([]);
    expect(view.tables.find((t) => t.sheet === 'Risk register')).toMatchObject({ range, kind: 'risk-register' });
  });
});
