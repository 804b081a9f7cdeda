import {
  bandOf,
  bandProblems,
  colourFamily,
  MATRIX_3X3,
  MATRIX_4X4,
  matrixFromSettings,
  NHS_5X5,
  ratingBand,
  RiskMatrixError,
} from '../../../src/engine/risk';

describe('presets', () => {
  test.each([NHS_5X5, MATRIX_4X4, MATRIX_3X3])('$name bands cover every score once', (m) => {
    expect(bandProblems(m.bands, m.size)).toEqual([]);
    expect(m.likelihood).toHaveLength(m.size);
    expect(m.impact).toHaveLength(m.size);
  });

  test('NHS 5x5 is the default, with the NPSA bands', () => {
    const m = matrixFromSettings();
    expect(m.name).toBe('nhs5x5');
    expect(m.impact).toEqual(['Negligible', 'Minor', 'Moderate', 'Major', 'Catastrophic']);
    expect(m.likelihood).toEqual(['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain']);
    const band = (s: number) => bandOf(m, s)?.name;
    expect([1, 2, 3].map(band)).toEqual(['Low', 'Low', 'Low']);
    expect([4, 5, 6].map(band)).toEqual(['Moderate', 'Moderate', 'Moderate']);
    expect([8, 9, 10, 12].map(band)).toEqual(['High', 'High', 'High', 'High']);
    expect([15, 16, 20, 25].map(band)).toEqual(['Extreme', 'Extreme', 'Extreme', 'Extreme']);
    expect(colourFamily(bandOf(m, 2)!.color)).toBe('green');
    expect(colourFamily(bandOf(m, 5)!.color)).toBe('yellow');
    expect(colourFamily(bandOf(m, 10)!.color)).toBe('amber');
    expect(colourFamily(bandOf(m, 20)!.color)).toBe('red');
  });

  test('3x3: 1-2 Low, 3-4 Medium, 6-9 High', () => {
    const m = matrixFromSettings({ preset: '3x3' });
    expect([1, 2, 3, 4, 6, 9].map((s) => bandOf(m, s)?.name)).toEqual([
      'Low',
      'Low',
      'Medium',
      'Medium',
      'High',
      'High',
    ]);
  });

  test('presets by name, case and alias tolerant', () => {
    expect(matrixFromSettings({ preset: '4x4' }).size).toBe(4);
    expect(matrixFromSettings({ preset: 'NHS 5x5' }).name).toBe('nhs5x5');
    expect(matrixFromSettings({ preset: '5x5' }).name).toBe('nhs5x5');
    expect(matrixFromSettings({}).name).toBe('nhs5x5');
  });
});

describe('custom matrices', () => {
  const bands = [
    { name: 'Low', min: 1, max: 2, color: '#92D050' },
    { name: 'Medium', min: 3, max: 4, color: '#FFC000' },
    { name: 'High', min: 5, max: 9, color: '#FF0000' },
  ];

  test('the council scale, numbered 1..n, with its bands', () => {
    const m = matrixFromSettings({ scale: ['Low', 'Medium', 'High'], bands });
    expect(m.name).toBe('custom 3x3');
    expect(m.size).toBe(3);
    expect(bandOf(m, 6)?.name).toBe('High');
  });

  test('a preset with its own band edges', () => {
    const m = matrixFromSettings({
      preset: 'nhs5x5',
      bands: [
        { name: 'Green', min: 1, max: 4, color: '#00B050' },
        { name: 'Amber', min: 5, max: 12, color: '#FFC000' },
        { name: 'Red', min: 13, max: 25, color: '#FF0000' },
      ],
    });
    expect(m.size).toBe(5);
    expect(bandOf(m, 12)?.name).toBe('Amber');
  });

  test('a gap is reported in a sentence', () => {
    const gap = [bands[0], { ...bands[2], min: 6 }];
    expect(() => matrixFromSettings({ scale: ['Low', 'Medium', 'High'], bands: gap })).toThrow(RiskMatrixError);
    expect(() => matrixFromSettings({ scale: ['Low', 'Medium', 'High'], bands: gap })).toThrow(
      'No band covers the scores 3, 4 of a 3x3 matrix: the bands must cover 1 to 9 without gaps.',
    );
  });

  test('an overlap is reported in a sentence', () => {
    const overlap = [bands[0], { ...bands[1], min: 2 }, bands[2]];
    expect(() => matrixFromSettings({ scale: ['Low', 'Medium', 'High'], bands: overlap })).toThrow(
      'The bands Low (1 to 2) and Medium (2 to 4) overlap: a score can be in only one band.',
    );
  });

  test('bands beyond n², bad colours, unknown presets and bad scales', () => {
    expect(bandProblems([{ name: 'All', min: 1, max: 30, color: '#FF0000' }], 5)[0]).toMatch(
      /goes outside the scores 1 to 25/,
    );
    expect(bandProblems([{ name: 'All', min: 1, max: 25, color: 'red' }], 5)[0]).toMatch(/needs a colour as "#RRGGBB"/);
    expect(() => matrixFromSettings({ preset: '6x6' })).toThrow(/not one PlanCheck knows: choose NHS 5×5, 4×4 or 3×3/);
    expect(() => matrixFromSettings({ scale: ['Low'] })).toThrow(/has 1 level: give between 2 and 10/);
    expect(() => matrixFromSettings({ scale: ['Low', 'low'], bands })).toThrow(/names "low" twice/);
    expect(() => matrixFromSettings({ scale: ['A', 'B', 'C', 'D', 'E', 'F'] })).toThrow(/needs bands/);
    expect(() => matrixFromSettings({ preset: 'custom' })).toThrow(/needs a scale/);
  });

  test('a known-size scale without bands takes the preset bands', () => {
    const m = matrixFromSettings({ scale: ['Very low', 'Low', 'Medium', 'High', 'Very high'] });
    expect(m.bands).toEqual(NHS_5X5.bands);
    expect(m.likelihood[4]).toBe('Very high');
  });
});

describe('stated ratings', () => {
  test('band names, first word, synonyms, initials and RAG', () => {
    expect(ratingBand(NHS_5X5, 'High')?.name).toBe('High');
    expect(ratingBand(NHS_5X5, '  extreme ')?.name).toBe('Extreme');
    expect(ratingBand(NHS_5X5, 'Medium')?.name).toBe('Moderate');
    expect(ratingBand(NHS_5X5, 'E')?.name).toBe('Extreme');
    expect(ratingBand(NHS_5X5, 'Red')?.name).toBe('Extreme');
    expect(ratingBand(NHS_5X5, 'Amber')?.name).toBe('High');
    expect(ratingBand(MATRIX_3X3, 'Low. Partnership Boards monitor service delivery')?.name).toBe('Low');
    expect(ratingBand(MATRIX_3X3, 'M')?.name).toBe('Medium');
    expect(ratingBand(MATRIX_3X3, 'Amber')?.name).toBe('Medium');
    expect(ratingBand(MATRIX_3X3, 'Purple')).toBeNull();
    expect(ratingBand(MATRIX_3X3, '')).toBeNull();
  });
});
