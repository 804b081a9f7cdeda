/**
 * Engine work in its stages, the same in the worker and on the page's own thread: find the tables,
 * then run the checks on them (or judge the risks or the benchmarks, plan Generate's tables from the
 * plan, or compare with an earlier version), saying which stage it is at.
 * Between the stages `pause` lets the page's thread breathe (and stops the work if it has been
 * cancelled); in the worker it does nothing.
 */
import type { WorkbookSnapshot } from '../../engine/grid';
import type { Settings } from '../../engine/settings';
import type { Engine } from '../contract';
import { plural } from '../messages';
import { figureStyle } from '../../engine/checks/context';
import type { FigureStyle } from '../../engine/say';
import { allFindings } from '../pipeline';
import { compareVersions } from '../compare';
import { budgetStart, linkToPlan } from '../planStart';
import { planAt } from '../templateFill';
import type { CheckedWorkbook, Task, TaskArgs, TaskResults } from './runner';
import type { EngineProgress } from './work';

export type CheckEngine = Pick<Engine, 'readTables' | 'validate' | 'validateWithTally'>;

/** What the engine must do for every task: the check, the risks and the benchmarks. */
export type TaskEngine = CheckEngine & Pick<Engine, 'analyseRisks' | 'benchmark'>;

export async function checkInStages(
  engine: CheckEngine,
  wb: WorkbookSnapshot,
  settings: Settings,
  report: (progress: EngineProgress) => void,
  pause: () => Promise<void> = async () => undefined,
): Promise<CheckedWorkbook> {
  const read = await tablesStage(engine, wb, settings, report, pause);
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

/** Any task in its stages. */
export async function taskInStages<T extends Task>(
  engine: TaskEngine,
  task: T,
  wb: WorkbookSnapshot,
  settings: Settings,
  report: (progress: EngineProgress) => void,
  pause: () => Promise<void> = async () => undefined,
  args?: TaskArgs[T],
): Promise<TaskResults[T]> {
  if (task === 'check') return (await checkInStages(engine, wb, settings, report, pause)) as TaskResults[T];
  if (task === 'compare') {
    const { earlier } = args as TaskArgs['compare'];
    report({
      stage: 'tables',
      text:
        'file' in earlier ? `Reading ${earlier.file.name} and comparing` : `Comparing with the sheet ${earlier.sheet}`,
    });
    await pause();
    const compared: TaskResults['compare'] = { view: (await compareVersions(wb, earlier, settings)).view };
    return compared as TaskResults[T];
  }
  const read = await tablesStage(engine, wb, settings, report, pause);
  // Checking `task` narrows the value, not T: each task's arguments and answer are cast once, here.
  if (task === 'tables') return { tables: read.tables } as TaskResults[T];
  if (task === 'planStart') {
    const { selection, only } = args as TaskArgs['planStart'];
    return budgetStart(read, selection, only) as TaskResults[T];
  }
  if (task === 'linkPlan') {
    const { input, fromSheet } = args as TaskArgs['linkPlan'];
    const linked: TaskResults['linkPlan'] = { ...linkToPlan(read, input, fromSheet), tables: read.tables };
    return linked as TaskResults[T];
  }
  if (task === 'template') {
    const { request, selection } = args as TaskArgs['template'];
    return planAt(read, request, selection) as TaskResults[T];
  }
  if (task === 'risks') {
    report({ stage: 'checks', text: 'Scoring the risk registers' });
    await pause();
    const found: TaskResults['risks'] = { tables: read.tables, analysis: engine.analyseRisks(wb, read, settings) };
    return found as TaskResults[T];
  }
  report({ stage: 'checks', text: 'Comparing the indicators with the comparator councils' });
  await pause();
  const found: TaskResults['benchmarks'] = { tables: read.tables, result: engine.benchmark(wb, read, settings) };
  return found as TaskResults[T];
}

async function tablesStage(
  engine: CheckEngine,
  wb: WorkbookSnapshot,
  settings: Settings,
  report: (progress: EngineProgress) => void,
  pause: () => Promise<void>,
) {
  const rows = wb.sheets.reduce((n, s) => n + s.values.length, 0);
  report({
    stage: 'tables',
    text: `Finding the tables in ${plural(wb.sheets.length, 'sheet')} (${rows.toLocaleString('en-GB')} rows)`,
  });
  await pause();
  return engine.readTables(wb, settings);
}
