import { asSaving, financialYearStart, financialYears, safeName } from '../../../src/engine/generate/layout';

describe('layout helpers', () => {
  test('financial years print as 2025/26 however the first one was typed', () => {
    expect(financialYears('2025/26', 3)).toEqual(['2025/26', '2026/27', '2027/28']);
    expect(financialYears('2008-9', 2)).toEqual(['2008/09', '2009/10']);
    expect(financialYears('2099/2100', 2)).toEqual(['2099/00', '2100/01']);
    expect(financialYearStart('Year 1 2008/9')).toBe(2008);
    expect(financialYearStart('2025/27')).toBeNull();
  });

  test('names for ranges and tables are safe for Excel, even from sheet names with spaces or cell-like text', () => {
    expect(safeName('Budget_Plan 2_N4')).toBe('Budget_Plan_2_N4');
    expect(safeName('AB12')).toBe('AB12_');
    expect(safeName('2025 plan')).toBe('T_2025_plan');
  });

  test('savings are negative whatever sign they come with, and nothing is -0', () => {
    expect([28, -28, 0].map(asSaving)).toEqual([-28, -28, 0]);
    expect(Object.is(asSaving(0), 0)).toBe(true);
  });
});
