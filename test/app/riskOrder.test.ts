/**
 * Issue 27, point 5, on the controller with the real engine: a workbook whose first register cannot
 * be scored (likelihoods in words, no impact column) and whose second states R3's score as 16 where
 * 4 × 3 is 12. The pane is handed the scored registers (those with errors first) and, apart, each
 * register that cannot be scored with why; Insert heat map draws no grid for it and says so, and is
 * refused in a sentence when no register has a score.
 */
import { PlanCheckController } from '../../src/app/controller';
import { ENGINE } from '../../src/app/engine';
import type { CellValue } from '../../src/engine/grid';
import { FakePort } from './fakePort';

const OLD: CellValue[][] = [
  ['Ref', 'Risk', 'Likelihood', 'Owner'],
  ...Array.from({ length: 10 }, (_, i) => [
    `A${i + 1}`,
    `Care home closure in district ${i + 1}`,
    ['Low', 'High', 'Medium'][i % 3],
    'Head of Service',
  ]),
];
const CLEAN: CellValue[][] = [
  ['Ref', 'Risk', 'Likelihood', 'Impact', 'Score', 'Owner'],
  ['C1', 'Day centre lease ends', 2, 2, 4, 'Property lead'],
  ['C2', 'Transport contract lapses', 3, 2, 6, 'Commissioning'],
];
const WRONG: CellValue[][] = [
  ['Ref', 'Risk', 'Likelihood', 'Impact', 'Score', 'Owner'],
  ['R1', 'Market failure in home care', 4, 4, 16, 'Head of Commissioning'],
  ['R2', 'Winter pressures exceed plan', 3, 3, 9, 'Director'],
  ['R3', 'Workforce vacancies', 4, 3, 16, 'HR lead'],
];

function app(sheets: Record<string, CellValue[][]>) {
  const port = new FakePort(sheets);
  return { port, app: new PlanCheckController(port, ENGINE) };
}

describe('the Risks tab, what matters first', () => {
  it('hands over the register with an error before the clean one, and the unscorable one apart with why', async () => {
    const { app: c } = app({ 'Old register': OLD, Clean: CLEAN, 'Register 2025': WRONG });
    const view = await c.risks();
    if (!view.ok) throw new Error(view.error);
    expect(view.value.byRegister.map((r) => [`${r.sheet}!${r.range}`, r.errors])).toEqual([
      ['Register 2025!A1:F4', 1],
      ['Clean!A1:F3', 0],
    ]);
    expect(view.value.unscored).toEqual([
      { sheet: 'Old register', range: 'A1:D11', count: 10, reason: 'it gives likelihood but no impact' },
    ]);
    const errors = view.value.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => `${f.sheet}!${f.cell}: ${f.message}`)).toEqual([
      "Register 2025!E4: Risk R3's stated score is 16, but likelihood 4 × impact 3 is 12 (High)",
    ]);
  });

  it('inserts a heat map of the scored registers only, and says which was left out and why', async () => {
    const { port, app: c } = app({ 'Old register': OLD, 'Register 2025': WRONG });
    const result = await c.insertHeatMap();
    expect(result).toMatchObject({
      ok: true,
      note: 'Added "Risk heat map". Old register!A1:D11 has no grid: it cannot be scored (it gives likelihood but no impact).',
    });
    const sheet = port.sheets.find((s) => s.name === 'Risk heat map')!;
    const firsts = sheet.values.map((row) => row[0]);
    expect(firsts.filter((v) => / matrix/.test(String(v)))).toEqual(['NHS 5×5 matrix: Register 2025!A1:F4']);
    expect(firsts).toContain('Old register!A1:D11 (10 risks): it gives likelihood but no impact');
  });

  it('refuses a heat map in a sentence when no register has a score, writing nothing', async () => {
    const { port, app: c } = app({ 'Old register': OLD });
    expect(await c.insertHeatMap()).toEqual({
      ok: false,
      error:
        'No heat map can be drawn: no register has a risk with a score. Old register!A1:D11 has no grid: it cannot be scored (it gives likelihood but no impact).',
    });
    expect(port.count('write')).toBe(0);
  });
});
