import type { WorkbookSnapshot } from '../grid';
import { SheetView } from '../grid';
import type { Finding } from '../findings';
import type { Figure } from '../numbers';
import type { Settings } from '../settings';
import type { FoundTable } from './types';

export * from './types';

export interface ReadResult {
  tables: FoundTable[];
  /** Findings of the reader itself (a figure that is not one, an error value in a table). */
  findings: Finding[];
  views: Record<string, SheetView>;
  /** The parsed figure at an absolute cell (memoised: rules never re-parse). */
  figure(sheet: string, row: number, col: number): Figure;
}

/** Finds and types every table in a workbook. (Being written: issue 3.) */
export function readTables(_wb: WorkbookSnapshot, _settings: Settings = {}): ReadResult {
  throw new Error('readTables: not written yet');
}
