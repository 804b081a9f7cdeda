/** The browser page's Download keeps the workbook's kind: an .xlsm (macros kept) stays an .xlsm. */
import { checkedName, downloadType } from '../../src/browser/download';

test('an .xlsm downloads as an .xlsm, with the macro-enabled type', () => {
  expect(checkedName('Budget book.xlsm')).toBe('Budget book (checked).xlsm');
  expect(checkedName('BUDGET.XLSM')).toBe('BUDGET (checked).xlsm');
  expect(downloadType('Budget book.xlsm')).toBe('application/vnd.ms-excel.sheet.macroEnabled.12');
});

test('an .xlsx downloads as an .xlsx', () => {
  expect(checkedName('plan.xlsx')).toBe('plan (checked).xlsx');
  expect(checkedName('plan')).toBe('plan (checked).xlsx');
  expect(downloadType('plan.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
});
