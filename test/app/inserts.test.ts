/**
 * Issue 27, points 7 and 8, the app's side: after an insert the workbook goes to what was inserted
 * (the port selects it), and Undo names what it will take back, the latest insert first, whichever
 * tab inserted it.
 */
import { PlanCheckController } from '../../src/app/controller';
import { defaultValues } from '../../src/app/generateForms';
import { undoLabel } from '../../src/app/inserts';
import { FakePort } from './fakePort';
import { fakeEngine, finding, table } from './fakeEngine';

const PLAN = [
  ['Financial plan', null, null],
  ['Ref', 'Line', '2025/26'],
  ['03', 'Services for Older People', 74026],
];

/** One register of two risks on the Risks sheet, and a comparator table on Bench. */
const risks = {
  registers: [
    {
      sheet: 'Risks',
      range: 'A1:F3',
      columns: {},
      risks: [
        { id: 'R1', row: 2, likelihood: 2, impact: 2, score: 4, band: 'Moderate', label: 'Provider failure' },
        { id: 'R2', row: 3, likelihood: 4, impact: 5, score: 20, band: 'Extreme', label: 'Overspend on placements' },
      ],
    },
  ],
  findings: [],
};
const comparator = table('Bench', 'A1:D9', {
  kind: 'comparator',
  columns: [
    { col: 0, letter: 'A', header: 'Indicator', role: 'label' },
    { col: 1, letter: 'B', header: 'Council / Worcestershire', role: 'own' },
    { col: 2, letter: 'C', header: 'Shropshire', role: 'comparator' },
  ],
});

function setup() {
  const port = new FakePort({ Plan: PLAN, Risks: [['Risk']], Bench: [['Indicator']] });
  const { engine } = fakeEngine({
    findings: [finding({ cell: 'C3' })],
    risks,
    tables: [table('Plan', 'A1:C3'), comparator],
  });
  const app = new PlanCheckController(port, engine, async () => true);
  const label = () => (app.canUndo() ? undoLabel(app.lastInsert()) : null);
  return { port, app, label };
}

// The form starts empty (no made-up figures): the user's own line and first year.
const budget = () => ({
  ...defaultValues('budget', {}),
  lines: 'Adult Social Care net budget, 100,000',
  firstYear: '2025/26',
});

describe('going to what was inserted', () => {
  it('a generated table on a new sheet: its sheet and range are selected once the insert is done', async () => {
    const { port, app } = setup();
    const result = await app.generate('budget', budget(), 'new-sheet');
    if (!result.ok || !result.value) throw new Error('not inserted');
    expect(port.selected).toEqual({ sheet: 'Budget projection', cell: 'A1:C3' });
    // Selected after the write, once.
    expect(port.ops().slice(-2)).toEqual(['write', 'select']);
  });

  it('the report sheet, the heat map and the benchmarks go to their new sheets too', async () => {
    const { port, app } = setup();
    await app.validate();
    await app.insertReport();
    expect(port.selected?.sheet).toBe('Validation report');
    await app.insertHeatMap();
    expect(port.selected).toEqual({ sheet: 'Risk heat map', cell: 'A1:B2' });
    await app.insertBenchmarks();
    expect(port.selected).toEqual({ sheet: 'Benchmarks', cell: 'A1:B2' });
  });

  it('nothing written (the user said no to Overwrite?): the selection stays where it was', async () => {
    const port = new FakePort({ Plan: PLAN });
    const { engine } = fakeEngine();
    const app = new PlanCheckController(port, engine, async () => false);
    await port.select('Plan', 'A2');
    const result = await app.generate('budget', budget(), 'selection');
    expect(result).toEqual({ ok: true, value: null, note: 'Nothing was written; the cells were left as they were.' });
    expect(port.selected).toEqual({ sheet: 'Plan', cell: 'A2' });
  });

  it('a selection the host refuses leaves the insert standing, and says where it is', async () => {
    const { port, app } = setup();
    port.select = async () => {
      throw new Error('the sheet is hidden');
    };
    const result = await app.generate('budget', budget(), 'new-sheet');
    expect(result.ok).toBe(true);
    expect(result.ok && result.note).toBe(
      'Inserted the budget projection at Budget projection!A1:C3. It is at Budget projection!A1:C3; ' +
        'PlanCheck could not select it there (the sheet is hidden).',
    );
    expect(app.canUndo()).toBe(true);
  });
});

describe('Undo names what it will take back', () => {
  it('nothing inserted: no Undo to offer', async () => {
    const { label } = setup();
    expect(label()).toBeNull();
  });

  it('the latest insert first, then the one before, whichever tab made them', async () => {
    const { app, label, port } = setup();
    await app.generate('budget', budget(), 'new-sheet');
    expect(label()).toBe('Undo: inserted Generated budget on sheet Budget projection');
    await app.insertHeatMap();
    expect(label()).toBe('Undo: inserted Risk heat map on sheet Risk heat map');
    await app.insertScoreColumns();
    expect(label()).toMatch(/^Undo: inserted Risk scores at Risks!I1:I3$/);

    expect(await app.undo()).toEqual({ ok: true, value: true, note: 'Undone: inserted Risk scores at Risks!I1:I3.' });
    expect(label()).toBe('Undo: inserted Risk heat map on sheet Risk heat map');
    expect((await app.undo()).ok && port.sheets.map((s) => s.name)).toEqual([
      'Plan',
      'Risks',
      'Bench',
      'Budget projection',
    ]);
    expect(label()).toBe('Undo: inserted Generated budget on sheet Budget projection');
    await app.undo();
    expect(label()).toBeNull();
  });

  it('an undo the user declines keeps the same insert named', async () => {
    const port = new FakePort({ Plan: PLAN });
    const { engine } = fakeEngine();
    const app = new PlanCheckController(port, engine, async () => false);
    await app.generate('budget', budget(), 'new-sheet');
    port.changedSinceWrite = ['B2'];
    const result = await app.undo();
    expect(result.ok && result.value).toBe(false);
    expect(undoLabel(app.lastInsert())).toBe('Undo: inserted Generated budget on sheet Budget projection');
  });

  it('the pane hears of each insert and undo, to change the button', async () => {
    const { app } = setup();
    let heard = 0;
    const stop = app.inserts.subscribe(() => heard++);
    await app.generate('budget', budget(), 'new-sheet');
    await app.undo();
    stop();
    await app.generate('budget', budget(), 'new-sheet');
    expect(heard).toBe(2);
  });
});
