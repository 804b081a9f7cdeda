/** What the controller asks of the engine, wherever the engine runs (worker or page thread). */
import type { WorkbookSnapshot } from '../../engine/grid';
import type { Settings } from '../../engine/settings';
import type { Finding } from '../../engine/findings';
import type { FigureStyle } from '../../engine/say';
import type { FoundTable } from '../../engine/tables';
import type { BenchmarkLike, GenerateInput, RiskAnalysisLike } from '../contract';
import type { PlanLine } from '../../engine/generate/planLines';
import type { GenerateStart } from '../planStart';
import type { PlannedFill, TemplateRequest } from '../templateFill';
import type { CompareView, EarlierVersion } from '../compare';
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

/** The risk registers found and judged (Risks tab), with the tables they were found among. */
export interface RisksFound {
  tables: FoundTable[];
  analysis: RiskAnalysisLike;
}

/** The council's indicators against its comparators (Benchmarks tab), with the tables read. */
export interface BenchmarksFound {
  tables: FoundTable[];
  result: BenchmarkLike;
}

/** What each piece of engine work gives back. */
export interface TaskResults {
  /** The tables alone (the Tables tab, the look of the plan for a new table). */
  tables: { tables: FoundTable[] };
  check: CheckedWorkbook;
  risks: RisksFound;
  benchmarks: BenchmarksFound;
  /** Generate's budget projection started from the plan (the table at the selection, else the first plan). */
  planStart: GenerateStart;
  /** The projection's lines that are still the plan's, as references to its cells; with the tables read. */
  linkPlan: { input: GenerateInput; linked: PlanLine[]; tables: FoundTable[] };
  /** A fill into a template table of the workbook, planned. */
  template: PlannedFill;
  /** What changed since an earlier version (a file's bytes, read where the work runs, or another sheet). */
  compare: { view: CompareView };
}

export type Task = keyof TaskResults;

type Selection = { sheet: string; cell: string } | null;

/** What each piece of work needs besides the workbook and the settings. */
export interface TaskArgs {
  tables: undefined;
  check: undefined;
  risks: undefined;
  benchmarks: undefined;
  planStart: { selection: Selection; only: boolean };
  linkPlan: { input: GenerateInput; fromSheet: string };
  template: { request: TemplateRequest; selection: Selection };
  compare: { earlier: EarlierVersion };
}

export interface EngineRunner {
  /** 'worker' or 'in-thread', for the tests and the bench to say which ran. */
  readonly where: 'worker' | 'in-thread';
  /**
   * Does one piece of engine work on the snapshot: find its tables, check it (the tables, then every
   * check), or judge its risks or its benchmarks. Rejects with CancelledError when stopped.
   */
  run<T extends Task>(
    task: T,
    wb: WorkbookSnapshot,
    settings: Settings,
    options?: WorkOptions,
    args?: TaskArgs[T],
  ): Promise<TaskResults[T]>;
  /** The check: run('check', ...). */
  check(wb: WorkbookSnapshot, settings: Settings, options?: WorkOptions): Promise<CheckedWorkbook>;
}
