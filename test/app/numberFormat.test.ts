/** Cell text under Excel number formats, as the browser page's sheet view shows it. */
import { formatCellValue, formatGeneral } from '../../src/app/numberFormat';

describe('formatCellValue', () => {
  it.each([
    [1234567.891, '#,##0', '1,234,568'],
    [-1234.5, '#,##0;(#,##0)', '(1,235)'],
    [-1234.5, '#,##0', '-1,235'],
    [-5, '#,##0_);[Red](#,##0)', '(5)'],
    [5, '#,##0_);[Red](#,##0)', '5 '],
    [0, '#,##0;(#,##0);"-"', '-'],
    [0.035, '0.0%', '3.5%'],
    [0.58, '0%', '58%'],
    [1500, '£#,##0', '£1,500'],
    [1500, '"£"#,##0.00', '£1,500.00'],
    [1234.5, '[$£-809]#,##0.00', '£1,234.50'],
    [2500000, '#,##0,', '2,500'],
    [2500000, '£#,##0.0,,"m"', '£2.5m'],
    [1234, '_-£* #,##0_-;-£* #,##0_-;_-£* "-"_-;_-@_-', ' £1,234 '],
    [0, '_-£* #,##0_-;-£* #,##0_-;_-£* "-"_-;_-@_-', ' £- '],
    [0.1234, '0.00E+00', '1.23E-01'],
    [3, '0.0', '3.0'],
    [2024, '0', '2024'],
    [45000, 'dd/mm/yyyy', '15/03/2023'],
    [45000, 'mmm-yy', 'Mar-23'],
    [45000, 'd mmmm yyyy', '15 March 2023'],
    [45000.75, 'dd/mm/yyyy h:mm', '15/03/2023 18:00'],
    [0.5, 'h:mm AM/PM', '12:00 PM'],
  ])('%p under %p is %p', (value, code, text) => {
    expect(formatCellValue(value, code)).toBe(text);
  });

  it('shows text as it is, or through a text section', () => {
    expect(formatCellValue('Older people', null)).toBe('Older people');
    expect(formatCellValue('abc', '@')).toBe('abc');
    expect(formatCellValue('abc', '0;-0;0;"Note: "@')).toBe('Note: abc');
  });

  it('shows booleans and empty cells as Excel does', () => {
    expect(formatCellValue(true, null)).toBe('TRUE');
    expect(formatCellValue(false, 'General')).toBe('FALSE');
    expect(formatCellValue(null, '#,##0')).toBe('');
  });

  it('General: whole numbers whole, others to ten significant figures, huge ones in E notation', () => {
    expect(formatGeneral(12.5)).toBe('12.5');
    expect(formatGeneral(1 / 3)).toBe('0.3333333333');
    expect(formatGeneral(-42)).toBe('-42');
    expect(formatGeneral(123456789012)).toBe('1.23457E+11');
  });
});
