/**
 * Office.js errors turned into sentences a person understands.
 *
 * Excel rejects a batch with an `OfficeExtension.Error` whose `code` is one of
 * `Excel.ErrorCodes` or `OfficeExtension.ErrorCodes`. The codes are stable (not localised);
 * the messages are not meant for end users, so every code we expect gets its own sentence here,
 * and anything else falls back to a general one that still names what PlanCheck was doing.
 *
 * Nothing here calls Office.js; it only reads error objects, so it is tested without a mock.
 */
import { PortError } from '../engine/port';

/** The shape of an OfficeExtension.Error that this module relies on. */
export interface OfficeErrorLike {
  name?: string;
  code: string;
  message?: string;
  debugInfo?: { code?: string; message?: string; errorLocation?: string };
}

/** Codes for a request or response over Excel on the web's payload limit (5 MB). */
const PAYLOAD_CODES = new Set([
  'PayloadTooLarge',
  'RequestPayloadSizeLimitExceeded',
  'ResponsePayloadSizeLimitExceeded',
]);

/** True for an OfficeExtension.Error (or anything carrying an Office error code). */
export function isOfficeError(error: unknown): error is OfficeErrorLike {
  if (typeof OfficeExtension !== 'undefined' && typeof OfficeExtension.Error === 'function') {
    if (error instanceof OfficeExtension.Error) return true;
  }
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; name?: unknown };
  return typeof e.code === 'string' && (e.name === 'RichApi.Error' || e.name === 'OfficeExtension.Error');
}

/** Codes more specific than the ones Excel puts in `code` for the same failure. */
const SPECIFIC_CODES = new Set([
  'InvalidOperationInCellEditMode',
  'MergedRangeConflict',
  'PivotTableRangeConflict',
  'FilteredRangeConflict',
  'InsertDeleteConflict',
  'UnsupportedFillType',
  'FormulaLengthExceedsLimit',
  'InvalidSelection',
  'InactiveWorkbook',
  'AccessDenied',
  'ItemAlreadyExists',
  'ItemNotFound',
  ...PAYLOAD_CODES,
]);

/**
 * The most specific code an error carries ("" when it is not an Office error): `code`, unless it
 * is a general one (GeneralException, InvalidOperation) and `debugInfo.code` names the failure.
 * Codes are the same in every language of Excel; messages are not, so nothing here reads them.
 */
export function officeCode(error: unknown): string {
  if (!isOfficeError(error)) return '';
  const inner = error.debugInfo?.code ?? '';
  if (inner && inner !== error.code && SPECIFIC_CODES.has(inner) && !SPECIFIC_CODES.has(error.code)) return inner;
  return error.code || inner || '';
}

/** Excel refuses API calls while the user is typing in a cell. Worth waiting out. */
export function isCellEditMode(error: unknown): boolean {
  return officeCode(error) === 'InvalidOperationInCellEditMode';
}

/** The request or the response was over the payload limit: retry with a smaller block. */
export function isPayloadTooLarge(error: unknown): boolean {
  return PAYLOAD_CODES.has(officeCode(error));
}

/**
 * A request of at least this many estimated bytes that fails with GeneralException is treated as
 * too large: Excel (on the web especially) reports some oversized requests that way.
 */
export const LARGE_REQUEST_BYTES = 1_000_000;

/**
 * Worth halving the block and trying again: a payload limit, or a GeneralException on a request
 * estimated at `estimatedBytes` when that is large.
 */
export function isTooLargeFor(error: unknown, estimatedBytes: number): boolean {
  if (isPayloadTooLarge(error)) return true;
  return officeCode(error) === 'GeneralException' && estimatedBytes >= LARGE_REQUEST_BYTES;
}

/** True when Excel has not the API asked for (an older requirement set than the call needs). */
export function isApiNotFound(error: unknown): boolean {
  return officeCode(error) === 'ApiNotFound';
}

/** True when a sheet, table or name was not found (a stale reference, not the user's fault). */
export function isItemNotFound(error: unknown): boolean {
  return officeCode(error) === 'ItemNotFound';
}

export const CELL_EDIT_SENTENCE = 'Excel is busy editing a cell: press Enter or Esc in the sheet, then try again.';

/**
 * One sentence for each code Excel or Office.js can return for the calls PlanCheck makes
 * (Excel.ErrorCodes and OfficeExtension.ErrorCodes): what happened and what to do. `doing` says
 * what PlanCheck was doing, in words that follow "while" ("writing the budget projection").
 */
const SENTENCES: Record<string, (doing: string) => string> = {
  InvalidOperationInCellEditMode: () => CELL_EDIT_SENTENCE,
  RequestPayloadSizeLimitExceeded: (doing) => tooMuch(doing),
  ResponsePayloadSizeLimitExceeded: (doing) => tooMuch(doing),
  PayloadTooLarge: (doing) => tooMuch(doing),
  MergedRangeConflict: (doing) =>
    `Excel could not finish ${doing} because the cells include merged cells. ` +
    'Unmerge them (Home > Merge & Center) or choose another place, then try again.',
  PivotTableRangeConflict: (doing) =>
    `Excel could not finish ${doing} because a pivot table is in the way. Choose a place clear of pivot tables, then try again.`,
  FilteredRangeConflict: (doing) =>
    `Excel could not finish ${doing} because a filter is on in those cells. Clear the filter (Data > Clear), then try again.`,
  InsertDeleteConflict: (doing) =>
    `Excel could not finish ${doing} because rows or columns would have to move through a table, a merged area or a pivot table. ` +
    'Choose another place, then try again.',
  NonBlankCellOffSheet: (doing) =>
    `Excel could not finish ${doing} because cells would be pushed off the edge of the sheet. Choose another place, then try again.`,
  ItemAlreadyExists: (doing) =>
    `Excel could not finish ${doing} because something of the same name already exists in the workbook ` +
    '(a sheet, a table or a named range). Rename or remove it, then try again.',
  AccessDenied: (doing) =>
    `The sheet is protected, or the file is read-only, so Excel did not allow ${doing}. ` +
    'Unprotect the sheet (Review > Unprotect Sheet) or save a copy you can edit, then try again.',
  Unauthenticated: (doing) =>
    `Excel did not allow ${doing} because your sign-in has expired. Sign in to Office again, then try again.`,
  InvalidOperation: (doing) =>
    // Merged cells and protection come with their own codes (above); the message, which is in
    // the user's language, is never read.
    `Excel did not allow ${doing} at this moment. Check that the cells are not merged or protected, then try again.`,
  ItemNotFound: (doing) =>
    `Excel could not find a sheet, table or name PlanCheck needed while ${doing}; it may have been renamed or deleted. ` +
    'Check the workbook, then try again.',
  InvalidArgument: (doing) => badAddress(doing),
  InvalidReference: (doing) => badAddress(doing),
  InvalidSelection: (doing) =>
    `Excel could not select the cell while ${doing}: its sheet, row or column is hidden. ` +
    'Unhide it (right-click the sheet tab or the row or column heading > Unhide), then try again.',
  InvalidBinding: (doing) =>
    `Excel lost track of a range PlanCheck was using while ${doing}; the sheet may have changed underneath it. Try again.`,
  InactiveWorkbook: (doing) =>
    `Excel could not finish ${doing} because this workbook is not the active one. Click into the workbook, then try again.`,
  FormulaLengthExceedsLimit: (doing) =>
    `Excel refused a formula while ${doing}: it would be longer than Excel's limit of 8,192 characters. ` +
    'Insert the table with fewer lines or years, then try again.',
  OperationCellsExceedLimit: (doing) =>
    `Excel could not finish ${doing} because it touches more cells than Excel allows in one step. ` +
    'Try a smaller table or fewer sheets.',
  RangeExceedsLimit: (doing) =>
    `Excel could not finish ${doing} because the range is larger than Excel allows in one step. Try a smaller table or fewer sheets.`,
  EmptyChartSeries: (doing) =>
    `Excel could not draw the chart while ${doing} because its figures are empty. The table was kept; add figures to it, then try again.`,
  UnsupportedFillType: (doing) =>
    `Excel could not put a cell's own fill back while ${doing} (a gradient or theme fill it cannot set). ` +
    'The highlight was left on that cell; clear it with Home > Fill Color if you wish.',
  UnsupportedFeature: (doing) => missingFeature(doing),
  UnsupportedOperation: (doing) => missingFeature(doing),
  UnsupportedSheet: (doing) =>
    `Excel could not finish ${doing} on that sheet because it is a chart sheet or a macro sheet. Choose a worksheet, then try again.`,
  NotImplemented: (doing) => missingFeature(doing),
  ApiNotFound: (doing) =>
    `This version of Excel lacks a feature PlanCheck needs for ${doing}. Update Excel (it needs ExcelApi 1.9 or later).`,
  ApiNotAvailable: (doing) =>
    `This version of Excel lacks a feature PlanCheck needs for ${doing}. Update Excel (it needs ExcelApi 1.9 or later).`,
  ActivityLimitReached: (doing) =>
    `Excel asked PlanCheck to slow down while ${doing} (too many requests at once). Wait a few seconds, then try again.`,
  RequestAborted: (doing) =>
    `Excel stopped ${doing} before it finished (the workbook was closed, or Excel was busy). Try again.`,
  ServiceNotAvailable: (doing) => busy(doing),
  Conflict: (doing) =>
    `Someone else changed the workbook while ${doing}. Wait until their changes arrive, then try again.`,
  ConnectionFailure: (doing) => busy(doing),
  MemoryLimitReached: (doing) =>
    `Excel ran short of memory while ${doing}. Close other workbooks, then try again on fewer sheets.`,
  InvalidObjectPath: (doing) => reopen(doing),
  InvalidRequestContext: (doing) => reopen(doing),
  InvalidOrTimedOutSession: (doing) => reopen(doing),
  PropertyNotLoaded: (doing) => reopen(doing),
  ValueNotLoaded: (doing) => reopen(doing),
  RunMustReturnPromise: (doing) => reopen(doing),
  CannotRegisterEvent: (doing) =>
    `Excel would not tell PlanCheck about changes while ${doing}. Use Check again after editing.`,
  GeneralException: (doing) => general(doing),
};

function tooMuch(doing: string): string {
  return (
    `Excel could not pass that much data at once while ${doing}, even in small blocks. ` +
    'Try again on a smaller selection of sheets, or in Excel on the desktop.'
  );
}
function badAddress(doing: string): string {
  return `Excel did not accept the address or data PlanCheck gave it while ${doing}. Check the sheet names and cells, then try again.`;
}
function missingFeature(doing: string): string {
  return `This Excel cannot do part of ${doing} (it is not supported here). Try Excel on the desktop, or update Excel.`;
}
function busy(doing: string): string {
  return `Excel could not be reached while ${doing} (the connection dropped or the service is busy). Check the connection, then try again.`;
}
function reopen(doing: string): string {
  return `PlanCheck lost its place in the workbook while ${doing}. Close and reopen the PlanCheck pane, then try again.`;
}
function general(doing: string): string {
  return `Excel could not finish ${doing}. Save your work, then try again; if it keeps happening, close and reopen the workbook.`;
}

/** The codes that have their own sentence (the rest get the general one). */
export const EXPLAINED_CODES: readonly string[] = Object.keys(SENTENCES);

/**
 * Turns any error into a PortError with one plain sentence. `doing` says what PlanCheck was
 * doing, in words that follow "while" ("writing the budget projection", "reading the workbook").
 */
export function toPortError(error: unknown, doing: string): PortError {
  if (error instanceof PortError) return error;
  if (!isOfficeError(error)) {
    const text = error instanceof Error ? error.message : String(error);
    return new PortError(`Something went wrong while ${doing}: ${text}`, 'Unexpected');
  }
  const code = officeCode(error);
  const sentence = Object.prototype.hasOwnProperty.call(SENTENCES, code) ? SENTENCES[code] : general;
  return new PortError(sentence(doing), code || 'GeneralException');
}

export interface RetryOptions {
  /** How many times to try again after the first attempt (default 3). */
  retries?: number;
  /** Wait between attempts, in ms (default 1000). */
  delayMs?: number;
  /** Injectable wait, for tests. */
  sleep?: (ms: number) => Promise<void>;
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt`, waiting out cell-edit mode (retries, with a pause between), and turns an
 * Office.js failure into a PortError that says what went wrong in a sentence. Other errors
 * (the port's own PortError and OverwriteRefusedError, or a bug) pass through unchanged.
 */
export async function withOfficeErrors<T>(
  doing: string,
  attempt: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const retries = options.retries ?? 3;
  const delayMs = options.delayMs ?? 1000;
  const sleep = options.sleep ?? defaultSleep;
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isOfficeError(error)) throw error; // our own errors (PortError, OverwriteRefusedError) as they are
      if (isCellEditMode(error) && tries < retries) {
        await sleep(delayMs);
        continue;
      }
      throw toPortError(error, doing);
    }
  }
}
