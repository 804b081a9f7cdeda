import {
  chooseMatrix,
  MATRIX_3X3,
  matrixFromSettings,
  NHS_5X5,
  parseLevel,
  scaleFamily,
} from '../../../src/engine/risk';

describe('levels', () => {
  test('numbers, numeric text and numbered words', () => {
    expect(parseLevel(4, NHS_5X5, 'numbers').level).toBe(4);
    expect(parseLevel('3', NHS_5X5, 'numbers').level).toBe(3);
    expect(parseLevel('4 - Likely', NHS_5X5, 'five').level).toBe(4);
    expect(parseLevel(' 2 (Minor)', NHS_5X5, 'five', 'impact').level).toBe(2);
    expect(parseLevel(4, MATRIX_3X3, 'numbers')).toEqual({ kind: 'off-scale', level: null, text: '4' });
  });

  test('a level off the scale', () => {
    expect(parseLevel(7, NHS_5X5, 'numbers').kind).toBe('off-scale');
    expect(parseLevel('7', NHS_5X5, 'numbers').kind).toBe('off-scale');
    expect(parseLevel(0, NHS_5X5, 'numbers').kind).toBe('off-scale');
    expect(parseLevel(2.5, NHS_5X5, 'numbers').kind).toBe('off-scale');
    expect(parseLevel('Dreadful', NHS_5X5, 'five').kind).toBe('off-scale');
    expect(parseLevel(true, NHS_5X5, 'five').kind).toBe('off-scale');
  });

  test('blank cells are blank, not zero', () => {
    expect(parseLevel(null, NHS_5X5, 'five').kind).toBe('blank');
    expect(parseLevel('   ', NHS_5X5, 'five').kind).toBe('blank');
  });

  test('NHS words on both axes, case and space tolerant', () => {
    const l = (t: string) => parseLevel(t, NHS_5X5, 'five', 'likelihood').level;
    const i = (t: string) => parseLevel(t, NHS_5X5, 'five', 'impact').level;
    expect(['rare', 'Unlikely', ' POSSIBLE ', 'likely', 'Almost   certain'].map(l)).toEqual([1, 2, 3, 4, 5]);
    expect(['Negligible', 'minor', 'Moderate', 'MAJOR', 'catastrophic'].map(i)).toEqual([1, 2, 3, 4, 5]);
    expect(['Very low', 'low', 'Medium', 'High', 'very high'].map(l)).toEqual([1, 2, 3, 4, 5]);
    expect(['VL', 'L', 'M', 'H', 'VH'].map(l)).toEqual([1, 2, 3, 4, 5]);
  });

  test('H/M/L on a three-level scale; Cyrillic М read as M', () => {
    const l = (t: string) => parseLevel(t, MATRIX_3X3, 'three').level;
    expect(['L', 'm', 'H', 'Low', 'Medium', 'high', 'Med', '\u041c'].map(l)).toEqual([1, 2, 3, 1, 2, 3, 2, 2]);
  });

  test('a three-level word does not stretch over a 5x5 matrix on its own', () => {
    expect(parseLevel('H', NHS_5X5, 'three').kind).toBe('off-scale');
  });

  test('the council scale names come first', () => {
    const m = matrixFromSettings({ scale: ['Minimal', 'Some', 'Serious', 'Severe'] });
    expect(parseLevel('serious', m, 'none').level).toBe(3);
  });

  test('scale families', () => {
    expect(scaleFamily(['H', 'M', 'L', null])).toBe('three');
    expect(scaleFamily(['H', 'VH'])).toBe('five');
    expect(scaleFamily(['Likely', 'Major'])).toBe('five');
    expect(scaleFamily([1, '3', 5])).toBe('numbers');
    expect(scaleFamily([null, ''])).toBe('none');
  });
});

describe('choosing the matrix', () => {
  test('no matrix in the settings: H/M/L registers are scored on 3x3, others on 5x5', () => {
    expect(chooseMatrix(NHS_5X5, false, ['H', 'M', 'L']).matrix.name).toBe('3x3');
    expect(chooseMatrix(NHS_5X5, false, [1, 5]).matrix.name).toBe('nhs5x5');
    expect(chooseMatrix(NHS_5X5, false, ['Likely', 'Major']).matrix.name).toBe('nhs5x5');
    expect(chooseMatrix(NHS_5X5, false, [], ['High', 'Medium']).matrix.name).toBe('3x3');
    expect(chooseMatrix(NHS_5X5, false, [], ['High', 'Moderate']).matrix.name).toBe('nhs5x5');
  });

  test('a named matrix that does not fit the register: said, and the register scored on its own scale', () => {
    const choice = chooseMatrix(NHS_5X5, true, ['H', 'M']);
    expect(choice.matrix.name).toBe('3x3');
    expect(choice.mismatch).toMatch(/three-level scale \(H\/M\/L\), which does not fit the NHS 5×5 matrix/);
  });

  test('a named matrix whose own names cover the register is used', () => {
    const m = matrixFromSettings({ preset: '4x4' });
    const choice = chooseMatrix(m, true, ['Low', 'High', 'Very high']);
    expect(choice.matrix.name).toBe('4x4');
    expect(choice.mismatch).toBeUndefined();
  });
});
