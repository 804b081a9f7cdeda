/** What the controller asks of the engine for a check, wherever the engine runs (worker or page thread). */
import type { WorkbookSnapshot } from '../../engine/grid';
import type { Settings } from '../../engine/settings';
import type { Finding } from '../../engine/findings';
import type { FigureStyle } from '../../engine/say';
import type { FoundTable } from '../../engine/tables';
import type { WorkOptions } from './work';

/**
 * What a check found, as plain data that crosses to and from a worker: the tables, every finding
 * (sorted, before acceptances), what each rule judged, and how each table prints its figures.
 */
export interface CheckedWorkbook {
  tables: FoundTable[];
  raw: Finding[];
  judged: Record<string, number>;
  /** By table id: its unit and whether it shows negatives in brackets. */
  styles: Record<string, FigureStyle>;
}

export interface EngineRunner {
  /** 'worker' or 'in-thread', for the tests and the bench to say which ran. */
  readonly where: 'worker' | 'in-thread';
  /** Finds the snapshot's tables and runs every check on them; rejects with CancelledError when stopped. */
  check(wb: WorkbookSnapshot, settings: Settings, options?: WorkOptions): Promise<CheckedWorkbook>;
}
