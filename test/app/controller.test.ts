import { PlanCheckController } from '../../src/app/controller';
import { defaultValues } from '../../src/app/generateForms';
import { OverwriteRefusedError, PortError } from '../../src/engine/port';
import { SEVERITY_COLORS } from '../../src/engine/report';
import { FakePort } from './fakePort';
import { fakeEngine, finding, table } from './fakeEngine';

const PLAN = [
  ['Financial plan', null, null],
  ['Ref', 'Line', '2010/11'],
  ['03', 'Services for Older People', 74026],
  ['', 'Grants', 1000],
];

function setup(
  opts: Parameters<typeof fakeEngine>[0] = {},
  sheets: Record<string, (string | number | null)[][]> = { Plan: PLAN },
) {
  const port = new FakePort(sheets);
  const { engine, state } = fakeEngine(opts);
  const questions: string[] = [];
  let answer = false;
  const app = new PlanCheckController(port, engine, async (q) => {
    questions.push(q);
    return answer;
  });
  return { port, state, app, questions, answerWith: (a: boolean) => (answer = a) };
}

describe('validate', () => {
  it('reads the workbook once and hands that one snapshot to the reader and the checks', async () => {
    const { port, state, app } = setup({ findings: [finding({ cell: 'E12' })] });
    const result = await app.validate();
    expect(result.ok).toBe(true);
    expect(port.count('read')).toBe(1);
    expect(state.seen).toHaveLength(1);
    expect(state.validateCalls).toBe(1);
  });

  it('puts errors first, then warnings, then notes, and includes what the reader itself found', async () => {
    const { app } = setup({
      readerFindings: [
        finding({ cell: 'C9', severity: 'warning', rule: 'figures.unreadable', message: '"n/a" is not a figure' }),
      ],
      findings: [finding({ cell: 'E20', severity: 'info' }), finding({ cell: 'E12' }), finding({ cell: 'E3' })],
    });
    const result = await app.validate();
    if (!result.ok) throw new Error(result.error);
    expect(result.value.findings.map((f) => `${f.severity} ${f.cell}`)).toEqual([
      'error E3',
      'error E12',
      'warning C9',
      'info E20',
    ]);
    expect(result.value.counts).toEqual({ error: 2, warning: 1, info: 1 });
  });

  it('checking writes nothing to the workbook: no highlights, no settings, until the user asks for them', async () => {
    const { port, app } = setup({ findings: [finding({ cell: 'E12' })] });
    const result = await app.validate();
    expect(result.ok && result.value.findings).toHaveLength(1);
    port.selected = { sheet: 'Plan', cell: 'E12' };
    await app.validateSelectedTable();
    expect(port.ops().filter((op) => op !== 'loadSettings' && op !== 'read')).toEqual([]);
    expect(app.showsInWorkbook()).toBe(false);
  });

  it('with Show in the workbook on, clears the old highlights before marking, every time, in the colour of the worst finding per cell', async () => {
    const { port, app, state } = setup({
      findings: [finding({ cell: 'E12', severity: 'warning' }), finding({ cell: 'E12', severity: 'error', rule: 'x' })],
    });
    await app.showInWorkbook(true);
    port.calls.length = 0;
    await app.validate();
    state.findings = [finding({ cell: 'F7', severity: 'info' })];
    await app.validate();
    const marking = port.ops().filter((op) => op === 'mark' || op === 'clearMarks');
    expect(marking).toEqual(['clearMarks', 'mark', 'clearMarks', 'mark']);
    const marks = port.calls.filter((c) => c.op === 'mark').map((c) => (c.op === 'mark' ? c.marks : []));
    expect(marks[0]).toEqual([{ sheet: 'Plan', cell: 'E12', color: SEVERITY_COLORS.error }]);
    expect(marks[1]).toEqual([{ sheet: 'Plan', cell: 'F7', color: SEVERITY_COLORS.info }]);
    expect(port.marked).toEqual(marks[1]);
  });

  it('says everything adds up when nothing is found, and marks nothing', async () => {
    const { port, app } = setup();
    await app.showInWorkbook(true);
    port.calls.length = 0;
    const result = await app.validate();
    expect(result.ok && result.note).toBe('Checked 1 table: everything adds up.');
    expect(port.count('mark')).toBe(0);
    expect(port.count('clearMarks')).toBe(1);
  });

  it('groups findings by sheet and by the table they sit in', async () => {
    const { app } = setup({
      tables: [table('Plan', 'B2:G10'), table('Plan', 'B14:G20')],
      findings: [
        finding({ cell: 'C4' }),
        finding({ cell: 'C15' }),
        finding({ cell: 'D5', sheet: 'Risks' }),
        finding({ cell: 'Z99' }),
      ],
    });
    const result = await app.validate();
    if (!result.ok) throw new Error(result.error);
    expect(result.value.groups.map((g) => [g.sheet, g.table ?? '-', g.findings.map((f) => f.cell).join(',')])).toEqual([
      ['Plan', '-', 'Z99'],
      ['Plan', 'B14:G20', 'C15'],
      ['Plan', 'B2:G10', 'C4'],
      ['Risks', '-', 'D5'],
    ]);
  });

  it('loads the workbook settings once and keeps them for the next actions', async () => {
    const { port, app } = setup();
    await app.validate();
    await app.tables();
    await app.risks();
    expect(port.count('loadSettings')).toBe(1);
  });
});

describe('going to a finding and clearing highlights', () => {
  it('selects the cell of the finding', async () => {
    const { port, app } = setup();
    const result = await app.goTo(finding({ cell: 'E12' }));
    expect(result).toEqual({ ok: true, value: null });
    expect(port.selected).toEqual({ sheet: 'Plan', cell: 'E12' });
  });

  it('passes on the port’s own sentence when the cell cannot be reached', async () => {
    const { app } = setup();
    const result = await app.goTo(finding({ cell: 'A1', sheet: 'Gone' }));
    expect(result).toEqual({ ok: false, error: 'There is no sheet called Gone.' });
  });

  it('items 1 and 3: what the port could not do (a sheet gone, a protected sheet) is told with the answer, once', async () => {
    const { port, app } = setup({ findings: [finding({ cell: 'E12' })] });
    port.notes = ['Highlights on "Old plan" were dropped: the sheet is no longer in the workbook.'];
    const cleared = await app.clearMarks();
    expect(cleared).toEqual({
      ok: true,
      value: null,
      note: 'Highlights removed; the cells have their own colours back. Highlights on "Old plan" were dropped: the sheet is no longer in the workbook.',
    });
    await app.showInWorkbook(true);
    port.notes = ['PlanCheck could not highlight cells on "Risks": the sheet is protected (Review > Unprotect Sheet).'];
    const checked = await app.validate();
    expect(checked.ok && checked.note).toBe(
      'PlanCheck could not highlight cells on "Risks": the sheet is protected (Review > Unprotect Sheet).',
    );
    expect(await app.goTo(finding({ cell: 'E12' }))).toEqual({ ok: true, value: null });
  });

  it('clears highlights through the port', async () => {
    const { port, app } = setup({ findings: [finding({ cell: 'E12' })] });
    await app.validate();
    const result = await app.clearMarks();
    expect(result.ok).toBe(true);
    expect(port.marked).toEqual([]);
  });
});

describe('errors become one plain sentence', () => {
  it('an unexpected error: a short reason, no stack, and a promise that nothing changed', async () => {
    const { port, app } = setup();
    const boom = new TypeError("Cannot read properties of undefined (reading 'row')");
    boom.stack = 'TypeError: ...\n    at readTables (src/engine/tables/index.ts:12:3)';
    port.failRead = boom;
    const result = await app.validate();
    expect(result).toEqual({
      ok: false,
      error:
        "PlanCheck could not finish: Cannot read properties of undefined (reading 'row'). Nothing in the workbook was changed.",
    });
  });

  it('a multi-line message keeps only its first line', async () => {
    const { app } = setup({ fail: new Error('readTables: not written yet\n    at Object.<anonymous> (x.js:1:1)') });
    const result = await app.tables();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBe(
        'PlanCheck could not finish: readTables: not written yet. Nothing in the workbook was changed.',
      );
      expect(result.error).not.toMatch(/\bat\b.*\.js/);
    }
  });

  it('a port error is already a sentence and is shown as it is', async () => {
    const { port, app } = setup();
    port.failRead = new PortError('This workbook is protected with a password; PlanCheck cannot open it.');
    const result = await app.risks();
    expect(result).toEqual({
      ok: false,
      error: 'This workbook is protected with a password; PlanCheck cannot open it.',
    });
  });

  it('something thrown that is not an Error still gives a sentence', async () => {
    const { port, app } = setup();
    port.failRead = 'weird' as unknown as Error;
    const result = await app.validate();
    expect(result).toEqual({
      ok: false,
      error: 'PlanCheck could not finish: weird. Nothing in the workbook was changed.',
    });
  });

  it('after an error the next action works', async () => {
    const { port, app } = setup();
    port.failRead = new Error('busy');
    expect((await app.validate()).ok).toBe(false);
    port.failRead = null;
    expect((await app.validate()).ok).toBe(true);
  });
});

describe('inserting: never over anything without asking', () => {
  const values = () => ({ ...defaultValues('budget', {}, new Date(2025, 5, 1)), lines: 'Net budget, 5,000' });

  it('asks "Overwrite?" when the selected cells hold something, and writes nothing on no', async () => {
    const { port, app, questions } = setup();
    await app.goTo({ sheet: 'Plan', cell: 'A1' });
    const result = await app.generate('budget', values(), 'selection');
    expect(questions).toHaveLength(1);
    expect(questions[0]).toMatch(/already hold something .*Overwrite\?$/);
    expect(result).toEqual({ ok: true, value: null, note: 'Nothing was written; the cells were left as they were.' });
    expect(port.calls.filter((c) => c.op === 'write')).toEqual([
      { op: 'write', title: 'Generated budget', overwrite: false },
    ]);
    expect(port.sheets[0].values[0][0]).toBe('Financial plan');
  });

  it('writes over them only after a yes', async () => {
    const { port, app, answerWith } = setup();
    answerWith(true);
    await app.goTo({ sheet: 'Plan', cell: 'A1' });
    const result = await app.generate('budget', values(), 'selection');
    expect(result.ok && result.value?.range).toBe('A1:C3');
    expect(port.calls.filter((c) => c.op === 'write').map((c) => c.op === 'write' && c.overwrite)).toEqual([
      false,
      true,
    ]);
  });

  it('does not ask when the place is empty', async () => {
    const { app, questions } = setup();
    await app.goTo({ sheet: 'Plan', cell: 'K20' });
    const result = await app.generate('budget', values(), 'selection');
    expect(result.ok && result.value?.range).toBe('K20:M22');
    expect(questions).toEqual([]);
  });

  it('puts a table on a new sheet with a name not yet taken, reading the workbook once', async () => {
    const { port, app } = setup({}, { Plan: PLAN, 'Budget projection': [['x']] });
    const result = await app.generate('budget', values(), 'new-sheet');
    expect(result.ok && result.value?.sheet).toBe('Budget projection (2)');
    expect(port.count('read')).toBe(1);
  });

  it('with no cell selected, "At the selected cell" says so and writes nothing (no silent new sheet)', async () => {
    const { port, app } = setup();
    const result = await app.generate('budget', values(), 'selection');
    expect(result).toEqual({
      ok: false,
      error: 'No cell is selected: select the cell where the budget projection should start, or choose On a new sheet.',
    });
    expect(port.count('write')).toBe(0);
  });

  it('a form that does not parse is a sentence, and nothing is read or written', async () => {
    const { port, app } = setup();
    const result = await app.generate('budget', { ...values(), inflation: 'lots' }, 'new-sheet');
    expect(result).toEqual({ ok: false, error: 'Inflation (% a year) should be a number; "lots" is not one.' });
    expect(port.calls).toEqual([]);
  });

  it('the preview builds the table without touching the workbook', () => {
    const { port, app } = setup();
    const result = app.preview('budget', values());
    expect(result).toEqual({
      ok: true,
      value: {
        title: 'Budget projection',
        columns: ['2025/26', '2026/27'],
        rows: [{ label: 'Net budget', values: ['5,000', '1,235'] }],
        summary: [{ name: 'Payback year', value: '2027/28' }],
      },
    });
    expect(port.calls).toEqual([]);
  });

  it('the report goes on a new sheet, from the last validation, reading once and not validating again', async () => {
    const { port, app, state } = setup(
      { findings: [finding({ cell: 'E12' })] },
      { Plan: PLAN, 'Validation report': [['old']] },
    );
    await app.validate();
    const reads = port.count('read');
    const result = await app.insertReport();
    expect(result.ok && result.note).toBe('Added the report on a new sheet, "Validation report (2)".');
    expect(port.count('read') - reads).toBe(1);
    expect(state.validateCalls).toBe(1);
    const report = port.sheets.find((s) => s.name === 'Validation report (2)');
    expect(report?.values.flat()).toContain('Funding at E12 is short');
  });

  it('undo takes back the last insert, and says so when there is nothing to undo', async () => {
    const { port, app } = setup();
    expect(await app.undo()).toEqual({ ok: true, value: false, note: 'There is nothing of PlanCheck’s to undo.' });
    await app.generate('budget', values(), 'new-sheet');
    expect(app.canUndo()).toBe(true);
    expect(await app.undo()).toEqual({
      ok: true,
      value: true,
      note: 'Undone: inserted Generated budget on sheet Budget projection.',
    });
    expect(port.sheets.map((s) => s.name)).toEqual(['Plan']);
  });

  it('item 2: undo asks when cells changed since the insert, and leaves everything when the user says no', async () => {
    const { port, app, questions, answerWith } = setup();
    await app.generate('budget', values(), 'new-sheet');
    port.changedSinceWrite = ['C5', 'D5'];
    answerWith(false);
    expect(await app.undo()).toEqual({
      ok: true,
      value: false,
      note: 'Nothing was undone; PlanCheck’s last insert is still there, and Undo can take it back later.',
    });
    expect(questions).toEqual([
      '2 cells of PlanCheck’s last insert have changed since (C5, D5). Undo the rest and leave them as they are?',
    ]);
    expect(app.canUndo()).toBe(true);
    answerWith(true);
    expect(await app.undo()).toMatchObject({ ok: true, value: true });
    expect(port.sheets.map((s) => s.name)).toEqual(['Plan']);
  });

  it('an OverwriteRefusedError the user cannot answer (no dialog) writes nothing', async () => {
    const port = new FakePort({ Plan: PLAN });
    const { engine } = fakeEngine();
    const app = new PlanCheckController(port, engine);
    await app.goTo({ sheet: 'Plan', cell: 'A1' });
    const result = await app.generate('budget', values(), 'selection');
    expect(result.ok && result.value).toBeNull();
    expect(new OverwriteRefusedError('Plan', ['A1']).message).toMatch(/^PlanCheck did not write/);
  });
});

describe('tables and their mapping', () => {
  it('lists what was found with 1-based header rows', async () => {
    const { port, app } = setup();
    const result = await app.tables();
    if (!result.ok) throw new Error(result.error);
    expect(result.value.tables[0]).toMatchObject({
      sheet: 'Plan',
      range: 'B2:G10',
      kind: 'financial-plan',
      headerRows: [2, 3],
    });
    expect(port.count('read')).toBe(1);
  });

  it('saves the user’s word with the workbook, replacing an earlier word on the same table', async () => {
    const { port, app } = setup();
    await app.saveTableMapping({ sheet: 'Plan', range: 'B2:G10', kind: 'totals-grid' });
    await app.saveTableMapping({ sheet: 'Other', range: 'A1:C3', kind: 'not-a-table' });
    const result = await app.saveTableMapping({
      sheet: 'Plan',
      range: 'B2:G10',
      kind: 'financial-plan',
      headerRows: [2],
      roles: { E: 'source' },
    });
    expect(result.ok).toBe(true);
    expect(port.settings.tables).toEqual([
      { sheet: 'Other', range: 'A1:C3', kind: 'not-a-table' },
      { sheet: 'Plan', range: 'B2:G10', kind: 'financial-plan', headerRows: [2], roles: { E: 'source' } },
    ]);
    const listed = await app.tables();
    expect(listed.ok && listed.value.mappings).toHaveLength(2);
  });
});

describe('risks', () => {
  const risks = {
    registers: [
      {
        sheet: 'Risks',
        range: 'A3:H9',
        matrix: 'nhs5x5',
        columns: {},
        risks: [
          { id: 'R1', row: 4, likelihood: 2, impact: 2, score: 4, band: 'Moderate', label: 'Provider failure' },
          { id: 'R2', row: 5, likelihood: 4, impact: 5, score: 20, band: 'Extreme', label: 'Overspend on placements' },
          { id: 'R3', row: 6, likelihood: null, impact: 3, score: null, band: null },
        ],
      },
    ],
    findings: [
      finding({ sheet: 'Risks', cell: 'G6', severity: 'warning', rule: 'risk.owner', message: 'R3 has no owner' }),
    ],
  };

  it('ranks the risks by score with their band colours, and draws the heat map', async () => {
    const { port, app } = setup({ risks }, { Plan: PLAN, Risks: [['Risk']] });
    const result = await app.risks();
    if (!result.ok) throw new Error(result.error);
    expect(port.count('read')).toBe(1);
    expect(result.value.ranked.map((r) => [r.id, r.score, r.band, r.color])).toEqual([
      ['R2', 20, 'Extreme', '#FF0000'],
      ['R1', 4, 'Moderate', '#FFFF00'],
      ['R3', null, null, null],
    ]);
    const grid = result.value.heatMap.rows;
    expect(grid).toHaveLength(5);
    expect(grid[0][0]).toMatchObject({ likelihood: 5, impact: 1, score: 5, band: 'Moderate' });
    const cell = grid[5 - 4][5 - 1];
    expect(cell).toMatchObject({ likelihood: 4, impact: 5, score: 20, count: 1, ids: ['R2'], color: '#FF0000' });
    expect(result.value.findings.map((f) => f.message)).toEqual(['R3 has no owner']);
  });

  it('adds the heat map and the ranked list on sheets of their own, and score columns where there are none', async () => {
    const { port, app } = setup({ risks }, { Plan: PLAN, Risks: [['Risk']], 'Risk heat map': [['old']] });
    const heat = await app.insertHeatMap();
    expect(heat.ok && heat.value?.sheet).toBe('Risk heat map (2)');
    const ranked = await app.insertRankedList();
    expect(ranked.ok && ranked.value?.sheet).toBe('Ranked risks');
    const scores = await app.insertScoreColumns();
    expect(scores).toEqual({ ok: true, value: 1, note: 'Added score columns beside 1 register.' });
    expect(port.count('read')).toBe(3);
  });

  it('says so when there is no register', async () => {
    const { app } = setup();
    expect(await app.insertHeatMap()).toEqual({ ok: false, error: 'There is no risk register to draw from.' });
    const result = await app.risks();
    expect(result.ok && result.note).toBe('PlanCheck found no risk register in this workbook.');
  });
});

describe('benchmarks and settings', () => {
  it('offers the councils named in comparator tables and inserts the comparison on its own sheet', async () => {
    const comparator = table('Bench', 'A1:D9', {
      kind: 'comparator',
      columns: [
        { col: 0, letter: 'A', header: 'Indicator', role: 'label' },
        { col: 1, letter: 'B', header: 'Council / Worcestershire', role: 'own' },
        { col: 2, letter: 'C', header: 'Shropshire', role: 'comparator' },
        { col: 3, letter: 'D', header: 'Average', role: 'average' },
      ],
    });
    const { app, port } = setup({ tables: [comparator] }, { Bench: [['Indicator']] });
    await app.saveSettings({ benchmark: { own: 'Worcestershire' } });
    const result = await app.benchmarks();
    if (!result.ok) throw new Error(result.error);
    expect(result.value.councils).toEqual(['Shropshire', 'Worcestershire']);
    expect(result.value.own).toBe('Worcestershire');
    const inserted = await app.insertBenchmarks();
    expect(inserted.ok && inserted.value?.sheet).toBe('Benchmarks');
    expect(port.count('read')).toBe(2);
  });

  it('saves settings with the workbook and uses them from then on', async () => {
    const { port, app } = setup();
    const saved = await app.saveSettings({
      rounding: { perFigure: 0.5, absolute: 1 },
      uplift: { inflation: 4, growth: 1 },
    });
    expect(saved.ok && saved.note).toBe('Settings saved with the workbook.');
    expect(port.settings.uplift).toEqual({ inflation: 4, growth: 1 });
    const loaded = await app.loadSettings();
    expect(loaded.ok && loaded.value.rounding).toEqual({ perFigure: 0.5, absolute: 1 });
  });
});

describe('one action at a time', () => {
  it('runs actions in the order they were asked for, never interleaved', async () => {
    const { port, app } = setup({ findings: [finding({ cell: 'E12' })] });
    await Promise.all([app.validate(), app.clearMarks(), app.goTo(finding({ cell: 'B2' }))]);
    expect(port.ops()).toEqual(['loadSettings', 'read', 'clearMarks', 'select']);
  });
});
