/**
 * The check in its stages, the same in the worker and on the page's own thread: find the tables,
 * then run the checks on them, saying which stage it is at. Between the stages `pause` lets the
 * page's thread breathe (and stops the work if it has been cancelled); in the worker it does nothing.
 */
import type { WorkbookSnapshot } from '../../engine/grid';
import type { Settings } from '../../engine/settings';
import type { Engine } from '../contract';
import { plural } from '../messages';
import { figureStyle } from '../../engine/checks/context';
import type { FigureStyle } from '../../engine/say';
import { allFindings } from '../pipeline';
import type { CheckedWorkbook } from './runner';
import type { EngineProgress } from './work';

export type CheckEngine = Pick<Engine, 'readTables' | 'validate' | 'validateWithTally'>;

export async function checkInStages(
  engine: CheckEngine,
  wb: WorkbookSnapshot,
  settings: Settings,
  report: (progress: EngineProgress) => void,
  pause: () => Promise<void> = async () => undefined,
): Promise<CheckedWorkbook> {
  const rows = wb.sheets.reduce((n, s) => n + s.values.length, 0);
  report({
    stage: 'tables',
    text: `Finding the tables in ${plural(wb.sheets.length, 'sheet')} (${rows.toLocaleString('en-GB')} rows)`,
  });
  await pause();
  const read = engine.readTables(wb, settings);
  report({ stage: 'checks', text: `Checking the figures of ${plural(read.tables.length, 'table')}` });
  await pause();
  const checked = engine.validateWithTally
    ? engine.validateWithTally(wb, read, settings)
    : { findings: engine.validate(wb, read, settings), judged: {} };
  const styles: Record<string, FigureStyle> = {};
  for (const t of read.tables) styles[t.id] = figureStyle(read, t);
  // Plain data only (no sheet views, no functions): it crosses back from the worker.
  return { tables: read.tables, judged: checked.judged, raw: allFindings(read, checked.findings), styles };
}
