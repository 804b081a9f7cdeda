/**
 * Issue 27, point 3: Excel's built-in short date (number format 14, "mm-dd-yy" to exceljs) shows as
 * the locale writes dates, as Excel shows it under the computer's regional settings: 10/02/2025 in
 * en-GB (the default, and what a page in a British browser has), 2/10/2025 in en-US. The locale is
 * decided in one place (src/xlsx/viewLocale.ts); every other format shows as written.
 */
import ExcelJS from 'exceljs';
import { formatCellValue } from '../../src/app/numberFormat';
import { DEFAULT_LOCALE, localFormat, pageLocale, shortDateFormat } from '../../src/xlsx/viewLocale';
import { XlsxSheetView } from '../../src/xlsx/view';
import { XlsxPort } from '../../src/xlsx/xlsxPort';

/** 10 February 2025, 13:05, as an Excel serial. */
const FEB_10 = 25569 + Date.UTC(2025, 1, 10, 13, 5) / 86400000;

/** Runs `fn` with navigator.language set to `language` (undefined: no navigator, as in Node 20). */
function withLanguage<T>(language: string | undefined, fn: () => T): T {
  const had = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', {
    value: language === undefined ? undefined : { language },
    configurable: true,
    writable: true,
  });
  try {
    return fn();
  } finally {
    if (had) Object.defineProperty(globalThis, 'navigator', had);
    else delete (globalThis as { navigator?: unknown }).navigator;
  }
}

describe('the short date of a locale', () => {
  it('is dd/mm/yyyy in en-GB and m/d/yyyy in en-US, as Excel shows format 14 there', () => {
    expect(shortDateFormat('en-GB')).toBe('dd/mm/yyyy');
    expect(shortDateFormat('en-US')).toBe('m/d/yyyy');
    expect(formatCellValue(FEB_10, localFormat('mm-dd-yy', 'en-GB'))).toBe('10/02/2025');
    expect(formatCellValue(FEB_10, localFormat('mm-dd-yy', 'en-US'))).toBe('2/10/2025');
  });

  it('follows other locales too, and falls back to en-GB for one it does not know', () => {
    expect(formatCellValue(FEB_10, localFormat('mm-dd-yy', 'de-DE'))).toBe('10.2.2025');
    expect(formatCellValue(FEB_10, localFormat('mm-dd-yy', 'ja-JP'))).toBe('2025/2/10');
    expect(shortDateFormat('not a locale')).toBe('dd/mm/yyyy');
  });

  it('gives the short date and time (format 22) the locale order too', () => {
    expect(formatCellValue(FEB_10, localFormat('m/d/yy "h":mm', 'en-GB'))).toBe('10/02/2025 13:05');
    expect(formatCellValue(FEB_10, localFormat('m/d/yy "h":mm', 'en-US'))).toBe('2/10/2025 13:05');
  });

  it('leaves every other format as written', () => {
    for (const code of ['dd/mm/yyyy', 'mmm-yy', 'd-mmm-yy', '#,##0', null])
      expect(localFormat(code, 'en-US')).toBe(code);
  });
});

describe('the locale of the page', () => {
  it("is the browser's language, en-GB where there is none or it is not a locale", () => {
    expect(DEFAULT_LOCALE).toBe('en-GB');
    expect(withLanguage('en-US', pageLocale)).toBe('en-US');
    expect(withLanguage('en-GB', pageLocale)).toBe('en-GB');
    expect(withLanguage(undefined, pageLocale)).toBe('en-GB');
    expect(withLanguage('', pageLocale)).toBe('en-GB');
  });
});

describe('the sheet view of a workbook saved with a typed date (format 14)', () => {
  async function reopened(): Promise<XlsxPort> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Plan').getCell('A1').value = new Date(Date.UTC(2025, 1, 10));
    const again = new ExcelJS.Workbook();
    await again.xlsx.load((await wb.xlsx.writeBuffer()) as ExcelJS.Buffer);
    expect(again.getWorksheet('Plan')!.getCell('A1').numFmt).toBe('mm-dd-yy');
    return new XlsxPort(again, 'plan.xlsx');
  }

  it('shows it as the locale writes dates: 10/02/2025 in en-GB, 2/10/2025 in en-US', async () => {
    const port = await reopened();
    const cell = (locale?: string) => {
      const [[c]] = new XlsxSheetView(port.state, locale).viewRows('Plan', 0, 0, 1);
      return formatCellValue(c!.value, c!.numFmt);
    };
    expect(cell('en-GB')).toBe('10/02/2025');
    expect(cell('en-US')).toBe('2/10/2025');
    // With no locale given, the page's: en-GB where there is no browser.
    expect(withLanguage(undefined, () => cell())).toBe('10/02/2025');
    expect(withLanguage('en-US', () => cell())).toBe('2/10/2025');
  });
});
