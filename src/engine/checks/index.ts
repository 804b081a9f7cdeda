import type { WorkbookSnapshot } from '../grid';
import type { Finding } from '../findings';
import type { Settings } from '../settings';
import type { ReadResult } from '../tables';

/** Validates every table the reader found. (Being written: issue 4.) */
export function validate(_wb: WorkbookSnapshot, _read: ReadResult, _settings: Settings = {}): Finding[] {
  throw new Error('validate: not written yet');
}
