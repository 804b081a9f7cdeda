/**
 * The Risks view's actions on the controller: marking what is inconsistent in the registers (and
 * clearing it), and selecting a risk's row when the user clicks it. First with the fake engine, so
 * the controller's own behaviour is what is tested; then with the real engine on a planted 5x5
 * register, so the cells marked are the ones the risk checks name.
 */
import { PlanCheckController } from '../../src/app/controller';
import type { RiskAnalysisLike } from '../../src/app/contract';
import { ENGINE } from '../../src/app/engine';
import { SEVERITY_COLORS } from '../../src/engine/report';
import { PLANTED_5X5 } from '../engine/risk/fixtures';
import { fakeEngine, finding } from './fakeEngine';
import { FakePort } from './fakePort';

const REGISTER = [
  ['Risk register'],
  [],
  ['Ref', 'Risk', 'Likelihood', 'Impact', 'Score', 'Rating', 'Owner'],
  ['R1', 'Provider failure', 2, 2, 4, 'Moderate', 'Head of commissioning'],
  ['R2', 'Overspend on placements', 4, 5, 20, 'High', 'Finance lead'],
  ['R3', 'Workforce shortage', null, 3, null, null, null],
];

function analysis(columns: { description?: number; id?: number } = { id: 0, description: 1 }): RiskAnalysisLike {
  return {
    registers: [
      {
        sheet: 'Risks',
        range: 'A3:G6',
        matrix: 'nhs5x5',
        columns,
        table: { left: 0 },
        risks: [
          { id: 'R1', row: 4, likelihood: 2, impact: 2, score: 4, band: 'Moderate', description: 'Provider failure' },
          { id: 'R2', row: 5, likelihood: 4, impact: 5, score: 20, band: 'Extreme', description: 'Overspend' },
          { id: 'R3', row: 6, likelihood: null, impact: 3, score: null, band: null, description: 'Workforce' },
        ],
      },
    ],
    findings: [
      finding({ sheet: 'Risks', cell: 'F5', severity: 'error', rule: 'risk.rating', message: 'R2 is rated High' }),
      finding({ sheet: 'Risks', cell: 'C6', severity: 'warning', rule: 'risk.unscorable', message: 'R3 no L' }),
      finding({ sheet: 'Risks', cell: 'G6', severity: 'warning', rule: 'risk.owner', message: 'R3 has no owner' }),
      finding({ sheet: 'Risks', cell: 'F5', severity: 'warning', rule: 'risk.other', message: 'second at F5' }),
      finding({ sheet: 'Risks', cell: 'A3', severity: 'info', rule: 'risk.controls', message: 'no controls column' }),
    ],
  };
}

function setup(risks: RiskAnalysisLike = analysis()) {
  const port = new FakePort({ Risks: REGISTER });
  const { engine } = fakeEngine({ risks });
  return { port, app: new PlanCheckController(port, engine) };
}

describe('marking what is inconsistent', () => {
  it('clears old highlights, then marks each cell of an error or warning once, in its worst colour', async () => {
    const { port, app } = setup();
    const result = await app.markRiskFindings();
    expect(result).toEqual({
      ok: true,
      value: 3,
      note: 'Marked 3 cells to look at. Clear highlights takes the colours off.',
    });
    expect(port.ops()).toEqual(['loadSettings', 'read', 'clearMarks', 'mark']);
    expect(port.marked).toEqual([
      { sheet: 'Risks', cell: 'F5', color: SEVERITY_COLORS.error },
      { sheet: 'Risks', cell: 'C6', color: SEVERITY_COLORS.warning },
      { sheet: 'Risks', cell: 'G6', color: SEVERITY_COLORS.warning },
    ]);
  });

  it('leaves notes about the register as a whole unmarked, and Clear highlights takes the marks off', async () => {
    const { port, app } = setup();
    await app.markRiskFindings();
    expect(port.marked.map((m) => m.cell)).not.toContain('A3');
    const cleared = await app.clearMarks();
    expect(cleared.ok).toBe(true);
    expect(port.marked).toEqual([]);
  });

  it('marking again replaces the earlier marks rather than adding to them', async () => {
    const { port, app } = setup();
    await app.markRiskFindings();
    await app.markRiskFindings();
    expect(port.ops().filter((op) => op === 'mark' || op === 'clearMarks')).toEqual([
      'clearMarks',
      'mark',
      'clearMarks',
      'mark',
    ]);
    expect(port.marked).toHaveLength(3);
  });

  it('says so when every risk is consistent, marking nothing', async () => {
    const { port, app } = setup({ ...analysis(), findings: [] });
    expect(await app.markRiskFindings()).toEqual({
      ok: true,
      value: 0,
      note: 'Nothing to mark: every risk is consistent.',
    });
    expect(port.count('mark')).toBe(0);
    expect(port.count('clearMarks')).toBe(1);
  });

  it('says so when there is no register, touching nothing', async () => {
    const { port, app } = setup({ registers: [], findings: [] });
    expect(await app.markRiskFindings()).toEqual({ ok: false, error: 'There is no risk register to check.' });
    expect(port.count('clearMarks') + port.count('mark')).toBe(0);
  });
});

describe('selecting a risk', () => {
  it('each ranked risk knows its description cell, and a click selects it', async () => {
    const { port, app } = setup();
    const view = await app.risks();
    if (!view.ok) throw new Error(view.error);
    expect(view.value.ranked.map((r) => [r.id, r.cell])).toEqual([
      ['R2', 'B5'],
      ['R1', 'B4'],
      ['R3', 'B6'],
    ]);
    const selected = await app.selectRisk(view.value.ranked[0]);
    expect(selected).toEqual({ ok: true, value: null, note: 'Selected risk R2 at Risks!B5.' });
    expect(port.selected).toEqual({ sheet: 'Risks', cell: 'B5' });
    expect(port.count('read')).toBe(1);
  });

  it('uses the id column when there is no description column, else the register’s first column', async () => {
    const byId = setup(analysis({ id: 0 }));
    const a = await byId.app.risks();
    expect(a.ok && a.value.ranked.map((r) => r.cell)).toEqual(['A5', 'A4', 'A6']);
    const bare = setup({
      ...analysis({}),
      registers: [{ ...analysis().registers[0], columns: {}, table: { left: 2 } }],
    });
    const b = await bare.app.risks();
    expect(b.ok && b.value.ranked.map((r) => r.cell)).toEqual(['C5', 'C4', 'C6']);
  });

  it('falls back to column A of the risk’s row, and says plainly when it cannot tell the row', async () => {
    const { port, app } = setup();
    expect(await app.selectRisk({ id: 'R9', sheet: 'Risks', row: 9 })).toMatchObject({ ok: true });
    expect(port.selected).toEqual({ sheet: 'Risks', cell: 'A9' });
    expect(await app.selectRisk({ id: 'R10', sheet: 'Risks' })).toEqual({
      ok: false,
      error: 'PlanCheck does not know which row risk R10 is on.',
    });
    expect(port.count('select')).toBe(1);
  });

  it('a sheet that has gone since the risks were scored is a sentence, not a crash', async () => {
    const { app } = setup();
    const result = await app.selectRisk({ id: 'R1', sheet: 'Old risks', row: 4, cell: 'B4' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/Old risks/);
  });
});

describe('with the real engine on a 5x5 register with five planted mistakes', () => {
  function real() {
    const port = new FakePort({ Risks: PLANTED_5X5 as (string | number | null)[][] });
    return { port, app: new PlanCheckController(port, ENGINE) };
  }

  it('marks exactly the five planted cells, and none on the clean risks', async () => {
    const { port, app } = real();
    const result = await app.markRiskFindings();
    expect(result.ok && result.value).toBe(5);
    expect(port.marked.map((m) => [m.cell, m.color])).toEqual([
      ['E5', SEVERITY_COLORS.error],
      ['C8', SEVERITY_COLORS.error],
      ['F7', SEVERITY_COLORS.warning],
      ['D9', SEVERITY_COLORS.warning],
      ['G10', SEVERITY_COLORS.warning],
    ]);
  });

  it('ranks the risks by score and selects a risk’s description cell on its row', async () => {
    const { port, app } = real();
    const view = await app.risks();
    if (!view.ok) throw new Error(view.error);
    expect(view.value.registers).toEqual([{ sheet: 'Risks', range: 'A3:I13', matrix: 'nhs5x5', count: 10 }]);
    expect(view.value.ranked.slice(0, 3).map((r) => [r.id, r.score, r.band])).toEqual([
      ['R1', 16, 'Extreme'],
      ['R9', 15, 'Extreme'],
      ['R2', 12, 'High'],
    ]);
    const r7 = view.value.ranked.find((r) => r.id === 'R7')!;
    await app.selectRisk(r7);
    expect(port.selected).toEqual({ sheet: 'Risks', cell: 'B10' });
  });
});

describe('score columns', () => {
  it('adds none beside a register that cannot be scored, and says why', async () => {
    const cannot: RiskAnalysisLike = {
      registers: [
        {
          sheet: 'Risks',
          range: 'A3:B5',
          matrix: '3x3',
          risks: [
            { id: 'R1', row: 4, score: null, unscorable: 'it gives probability but no impact' },
            { id: 'R2', row: 5, score: null, unscorable: 'it gives probability but no impact' },
          ],
        },
      ],
      findings: [],
    };
    const { port, app } = setup(cannot);
    const result = await app.insertScoreColumns();
    expect(result).toEqual({
      ok: true,
      value: 0,
      note: 'Risks!A3:B5 has no score columns added: it cannot be scored (it gives probability but no impact).',
    });
    expect(port.count('write')).toBe(0);
  });
});
