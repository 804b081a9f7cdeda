/** Office.js errors turned into sentences: src/excel/errors.ts, with error objects shaped like OfficeExtension.Error. */
import { OverwriteRefusedError, PortError } from '../../src/engine/port';
import {
  isCellEditMode,
  isOfficeError,
  isPayloadTooLarge,
  toPortError,
  withOfficeErrors,
} from '../../src/excel/errors';
import { FakeOfficeError } from './fakeExcel';

const officeError = (code: string, message = 'raw message'): FakeOfficeError => new FakeOfficeError(code, message);

describe('toPortError', () => {
  it.each([
    [
      'InvalidOperationInCellEditMode',
      /^Excel is busy editing a cell: press Enter or Esc in the sheet, then try again\.$/,
    ],
    ['ResponsePayloadSizeLimitExceeded', /could not pass that much data at once/],
    ['RequestPayloadSizeLimitExceeded', /could not pass that much data at once/],
    ['PayloadTooLarge', /could not pass that much data at once/],
    ['MergedRangeConflict', /merged cells/],
    ['ItemAlreadyExists', /already exists/],
    ['AccessDenied', /^The sheet is protected/],
    ['GeneralException', /^Excel could not finish writing the projection\. Save your work/],
    ['SomethingNew', /^Excel could not finish writing the projection/],
  ])('explains %s in a sentence', (code, sentence) => {
    const error = toPortError(officeError(code), 'writing the projection');
    expect(error).toBeInstanceOf(PortError);
    expect(error.message).toMatch(sentence);
    expect(error.message).not.toContain('raw message');
  });

  it('item 5: a French or German Excel gets the same sentence as an English one: decided by code, never by message words', () => {
    const localised = (code: string, message: string, inner?: string): FakeOfficeError =>
      Object.assign(new FakeOfficeError(code, message), {
        debugInfo: { code: inner ?? code, message },
      });
    const merged = [
      localised('InvalidOperation', 'Cannot change part of a merged cell.', 'MergedRangeConflict'),
      localised(
        'InvalidOperation',
        "Impossible de modifier une partie d'une cellule fusionnée.",
        'MergedRangeConflict',
      ),
      localised(
        'InvalidOperation',
        'Ein Teil einer verbundenen Zelle kann nicht geändert werden.',
        'MergedRangeConflict',
      ),
    ].map((e) => toPortError(e, 'writing'));
    expect(merged.map((e) => e.code)).toEqual(['MergedRangeConflict', 'MergedRangeConflict', 'MergedRangeConflict']);
    expect(new Set(merged.map((e) => e.message)).size).toBe(1);
    expect(merged[0].message).toMatch(/merged cells/);

    const protectedSheet = [
      localised('AccessDenied', 'The sheet is protected.'),
      localised('AccessDenied', 'La feuille est protégée.'),
      localised('GeneralException', 'Das Blatt ist geschützt.', 'AccessDenied'),
    ].map((e) => toPortError(e, 'writing'));
    expect(protectedSheet.every((e) => e.code === 'AccessDenied' && /^The sheet is protected/.test(e.message))).toBe(
      true,
    );

    // With no code to go on, English words do not decide it either: each language gets the same sentence.
    const plain = [
      localised('InvalidOperation', 'The sheet is protected, cannot change part of a merged cell.'),
      localised('InvalidOperation', 'Opération non valide.'),
    ].map((e) => toPortError(e, 'writing'));
    expect(plain[0].message).toBe(plain[1].message);
    expect(plain[0].code).toBe('InvalidOperation');
  });

  // Every code in Excel.ErrorCodes and OfficeExtension.ErrorCodes (Office.js reference) that the
  // calls PlanCheck makes can return, and the two the issue names from debugInfo.
  const EVERY_CODE = [
    'AccessDenied',
    'ApiNotFound',
    'Conflict',
    'EmptyChartSeries',
    'FilteredRangeConflict',
    'FormulaLengthExceedsLimit',
    'GeneralException',
    'InactiveWorkbook',
    'InsertDeleteConflict',
    'InvalidArgument',
    'InvalidBinding',
    'InvalidOperation',
    'InvalidOperationInCellEditMode',
    'InvalidReference',
    'InvalidSelection',
    'ItemAlreadyExists',
    'ItemNotFound',
    'MergedRangeConflict',
    'NonBlankCellOffSheet',
    'NotImplemented',
    'OperationCellsExceedLimit',
    'PivotTableRangeConflict',
    'RangeExceedsLimit',
    'RequestAborted',
    'RequestPayloadSizeLimitExceeded',
    'ResponsePayloadSizeLimitExceeded',
    'UnsupportedFeature',
    'UnsupportedOperation',
    'UnsupportedSheet',
    'UnsupportedFillType',
    'ActivityLimitReached',
    'CannotRegisterEvent',
    'ConnectionFailure',
    'InvalidObjectPath',
    'InvalidRequestContext',
    'PropertyNotLoaded',
    'RunMustReturnPromise',
    'ValueNotLoaded',
    'Unauthenticated',
    'ServiceNotAvailable',
    'MemoryLimitReached',
  ];
  const general = toPortError(officeError('SomethingNew'), 'inserting the report').message;

  it.each(EVERY_CODE)('%s gets a sentence of its own that says what to do', (code) => {
    const error = toPortError(officeError(code), 'inserting the report');
    expect(error.code).toBe(code);
    if (code !== 'GeneralException') expect(error.message).not.toBe(general);
    expect(error.message).not.toContain('raw message');
    expect(error.message).toMatch(/\.$/);
    // Each sentence names what to do next: try, choose, update, unhide, clear, close, use, wait, sign in, insert.
    expect(error.message).toMatch(
      /try again|Try|Choose|Update|Unhide|Clear|Close|Use|Wait|Sign in|Insert|clear it|Click/,
    );
  });

  it('names the hidden sheet as the reason Excel refused to select, and the 8,192-character formula limit', () => {
    expect(toPortError(officeError('InvalidSelection'), 'going to the finding').message).toMatch(/hidden/);
    expect(toPortError(officeError('FormulaLengthExceedsLimit'), 'writing').message).toMatch(/8,192 characters/);
    expect(toPortError(officeError('InactiveWorkbook'), 'writing').message).toMatch(/not the active one/);
  });

  it('keeps the code, so the pane can act on it', () => {
    expect(toPortError(officeError('MergedRangeConflict'), 'writing').code).toBe('MergedRangeConflict');
  });

  it('recognises Office errors and only those', () => {
    expect(isOfficeError(officeError('GeneralException'))).toBe(true);
    expect(isOfficeError(new Error('plain'))).toBe(false);
    expect(isOfficeError({ code: 'X' })).toBe(false);
    expect(isCellEditMode(officeError('InvalidOperationInCellEditMode'))).toBe(true);
    expect(isPayloadTooLarge(officeError('ResponsePayloadSizeLimitExceeded'))).toBe(true);
    expect(isPayloadTooLarge(officeError('GeneralException'))).toBe(false);
  });
});

describe('withOfficeErrors', () => {
  it('waits out cell-edit mode: three retries a second apart, then a sentence', async () => {
    const waits: number[] = [];
    let attempts = 0;
    const failure = await withOfficeErrors(
      'reading',
      async () => {
        attempts++;
        throw officeError('InvalidOperationInCellEditMode');
      },
      { sleep: async (ms) => void waits.push(ms) },
    ).catch((e: unknown) => e);
    expect(attempts).toBe(4);
    expect(waits).toEqual([1000, 1000, 1000]);
    expect((failure as PortError).message).toBe(
      'Excel is busy editing a cell: press Enter or Esc in the sheet, then try again.',
    );
  });

  it('succeeds when the user leaves the cell while it waits', async () => {
    let attempts = 0;
    const result = await withOfficeErrors(
      'reading',
      async () => {
        if (++attempts < 3) throw officeError('InvalidOperationInCellEditMode');
        return 'read';
      },
      { sleep: async () => undefined },
    );
    expect(result).toBe('read');
  });

  it('does not retry other errors, and lets the port own errors through unchanged', async () => {
    let attempts = 0;
    await expect(
      withOfficeErrors('writing', async () => {
        attempts++;
        throw officeError('AccessDenied');
      }),
    ).rejects.toThrow(/protected/);
    expect(attempts).toBe(1);
    const refused = new OverwriteRefusedError('Plan', ['B2']);
    await expect(withOfficeErrors('writing', async () => Promise.reject(refused))).rejects.toBe(refused);
  });
});
