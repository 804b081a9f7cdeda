/** The Settings form: each bad entry refused at its field with the reason; good ones become settings. */
import { formProblems, fromForm, hasProblems, matrixHint, toForm, type SettingsForm } from '../../src/app/settingsForm';

const good: SettingsForm = {
  perFigure: '',
  absolute: '0',
  inflation: '2.5',
  growth: '',
  limits: [{ year: '2025/26', figure: '1,200' }],
  preset: 'nhs5x5',
  style: 'house',
};

describe('the Settings form', () => {
  it('saves good entries as settings', () => {
    expect(hasProblems(formProblems(good))).toBe(false);
    expect(fromForm(good, {})).toEqual({
      rounding: { absolute: 0 },
      cashLimits: { '2025/26': 1200 },
      risk: { preset: 'nhs5x5', scale: undefined, bands: undefined },
      uplift: { inflation: 2.5 },
    });
    expect(toForm(fromForm(good, {})!)).toMatchObject({ absolute: '0', inflation: '2.5', perFigure: '' });
  });

  it("keeps the choice of PlanCheck's plain style for new tables, and the workbook's own style by default", () => {
    expect(toForm({}).style).toBe('house');
    expect(fromForm({ ...good, style: 'plain' }, {})?.style).toBe('plain');
    expect(toForm(fromForm({ ...good, style: 'plain' }, {})!).style).toBe('plain');
    // Back to the workbook's own: the setting goes, as it was never set.
    expect(fromForm(good, { style: 'plain' })).not.toHaveProperty('style');
  });

  it('refuses a negative rounding allowance, at its field', () => {
    const p = formProblems({ ...good, absolute: '-1', perFigure: '-0.5' });
    expect(p.absolute).toBe('An allowance cannot be below zero.');
    expect(p.perFigure).toBe('An allowance cannot be below zero.');
    expect(fromForm({ ...good, absolute: '-1' }, {})).toBeNull();
  });

  it('refuses an empty cash-limit row, a row without its year or figure, and a year given twice', () => {
    const p = formProblems({
      ...good,
      limits: [
        { year: '', figure: '' },
        { year: '', figure: '5' },
        { year: '2026/27', figure: '' },
        { year: '2025-26', figure: '1' },
        { year: '2025/26', figure: '1' },
        { year: '26/27', figure: 'lots' },
      ],
    });
    expect(p.limits).toEqual([
      { year: 'Give a year and its cash limit, or remove the row.', figure: 'Give the cash limit for this year.' },
      { year: 'Give the year of this cash limit.' },
      { figure: 'Give the cash limit for this year.' },
      {},
      { year: '2025/26 has a cash limit above already.' },
      { year: 'Write the year like 2025/26.', figure: '“lots” is not a number.' },
    ]);
  });

  it('refuses words where figures go, and an empty extra allowance', () => {
    const p = formProblems({ ...good, inflation: 'two', absolute: '' });
    expect(p.inflation).toBe('“two” is not a number.');
    expect(p.absolute).toBe('Give a figure (0 for none).');
  });
});

describe('the matrix choice is said beside it, so the choices stay short', () => {
  it('gives the size and the bands of a preset', () => {
    expect(matrixHint('nhs5x5')).toBe(
      'Likelihood × impact, each 1–5. Scores 1–3 Low, 4–6 Moderate, 8–12 High, 15–25 Extreme.',
    );
    expect(matrixHint('3x3')).toBe('Likelihood × impact, each 1–3. Scores 1–2 Low, 3–4 Medium, 6–9 High.');
  });

  it("gives the council's own bands as the workbook has them", () => {
    const own = [
      { name: 'Green', min: 1, max: 4, color: '#00B050' },
      { name: 'Amber', min: 5, max: 11, color: '#FFC000' },
      { name: 'Red', min: 12, max: 16, color: '#FF0000' },
    ];
    expect(matrixHint('custom', own)).toBe('The bands your workbook gives. Scores 1–4 Green, 5–11 Amber, 12–16 Red.');
    expect(matrixHint('custom')).toBe('');
  });
});
