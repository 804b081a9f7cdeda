import { quoteSheet } from '../../src/engine/grid';

describe('sheet names in formulas and addresses', () => {
  test('plain names stay plain', () => {
    expect(['Plan', 'Budget_2025', 'MTFP.v2', 'Summary'].map(quoteSheet)).toEqual([
      'Plan',
      'Budget_2025',
      'MTFP.v2',
      'Summary',
    ]);
  });

  test('names Excel would read as a cell or an R1C1 reference are quoted: Q1 to Q4, FY24, AB12, R1C1', () => {
    expect(['Q1', 'Q4', 'FY24', 'AB12', 'R1C1', 'R', 'C', 'R2', 'RC'].map(quoteSheet)).toEqual([
      "'Q1'",
      "'Q4'",
      "'FY24'",
      "'AB12'",
      "'R1C1'",
      "'R'",
      "'C'",
      "'R2'",
      "'RC'",
    ]);
  });

  test('spaces, a leading digit and apostrophes are quoted, apostrophes doubled', () => {
    expect(['Older people', '2025-26', "Director's view"].map(quoteSheet)).toEqual([
      "'Older people'",
      "'2025-26'",
      "'Director''s view'",
    ]);
  });
});
