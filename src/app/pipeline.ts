/**
 * The pipelines the pane and the command line share: each reads the tables of one snapshot and
 * runs one feature of the engine on them, so the pane's Validate, Risks and Benchmarks and
 * `plancheck check`, `risks` and `benchmark` find the same things in the same way. The callers keep
 * their own input and output: the controller its port, its questions and its notes; the CLI its
 * files, its printing and --json. Each takes the engine (src/app/engine.ts's ENGINE, or the
 * controller's tests' fake); with the real one the results keep the engine's own types.
 */
import { sortFindings, type Finding } from '../engine/findings';
import type { WorkbookSnapshot } from '../engine/grid';
import { applyHouseStyle, readHouseStyle } from '../engine/houseStyle';
import type { WorkbookPort } from '../engine/port';
import type { Settings } from '../engine/settings';
import { uniqueSheetName } from '../engine/sheetNames';
import type { TableSpec } from '../engine/spec';
import type { FoundTable, ReadResult } from '../engine/tables';
import type { Engine, RegisterLike } from './contract';

// ---- Check -------------------------------------------------------------------------------

/** What one check of a workbook found. */
export interface CheckRun {
  read: ReadResult;
  /** How many figures each rule judged (empty from an engine that does not count them). */
  judged: Record<string, number>;
  /** Every finding, the reader's and the checks', once each and sorted (errors first), before acceptances. */
  raw: Finding[];
}

/** Reads the workbook's tables and runs every check on them. */
export function checkSnapshot(
  engine: Pick<Engine, 'readTables' | 'validate' | 'validateWithTally'>,
  wb: WorkbookSnapshot,
  settings: Settings,
): CheckRun {
  const read = engine.readTables(wb, settings);
  const checked = engine.validateWithTally
    ? engine.validateWithTally(wb, read, settings)
    : { findings: engine.validate(wb, read, settings), judged: {} };
  return { read, judged: checked.judged, raw: allFindings(read, checked.findings) };
}

/** The reader's findings and the checks', once each, sorted (errors first). */
export function allFindings(read: Pick<ReadResult, 'findings'>, checked: Finding[]): Finding[] {
  return sortFindings(dedupe([...read.findings, ...checked]));
}

/** Findings without repeats: one of each rule, cell and sentence. */
export function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.sheet}|${f.cell}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---- Risks -------------------------------------------------------------------------------

/** The workbook's risk registers, scored on the council's matrix, and what is inconsistent in them. */
export function riskAnalysis<E extends Pick<Engine, 'readTables' | 'analyseRisks'>>(
  engine: E,
  wb: WorkbookSnapshot,
  settings: Settings,
): { read: ReadResult; analysis: ReturnType<E['analyseRisks']> } {
  const read = engine.readTables(wb, settings);
  return { read, analysis: engine.analyseRisks(wb, read, settings) as ReturnType<E['analyseRisks']> };
}

/**
 * The registers with no score column yet: those that get one (some risk has a score) and those
 * that cannot (none of their risks can be scored), each in the registers' order.
 */
export function scoreColumnsToAdd<R extends RegisterLike>(registers: R[]): { add: R[]; cannot: R[] } {
  const todo = registers.filter((r) => r.columns?.score === undefined);
  const scorable = (r: R) => r.risks.some((risk) => typeof risk.score === 'number');
  return { add: todo.filter(scorable), cannot: todo.filter((r) => !scorable(r)) };
}

// ---- Benchmarks --------------------------------------------------------------------------

/** The council's indicators against its comparators, from the workbook's comparator tables. */
export function benchmarkAnalysis<E extends Pick<Engine, 'readTables' | 'benchmark'>>(
  engine: E,
  wb: WorkbookSnapshot,
  settings: Settings,
): { read: ReadResult; result: ReturnType<E['benchmark']> } {
  const read = engine.readTables(wb, settings);
  return { read, result: engine.benchmark(wb, read, settings) as ReturnType<E['benchmark']> };
}

/** The comparison as a table on a new sheet of its own ("Benchmarks", or "Benchmarks (2)" when taken). */
export function benchmarkTable(
  engine: Pick<Engine, 'buildBenchmarkTable'>,
  wb: WorkbookSnapshot,
  result: Parameters<Engine['buildBenchmarkTable']>[0],
): TableSpec {
  const sheet = uniqueSheetName(wb, 'Benchmarks');
  return engine.buildBenchmarkTable(result, { sheet, row: 0, col: 0, newSheet: true });
}

// ---- New tables --------------------------------------------------------------------------

/**
 * What a new table looks like: the workbook's house style (its main plan table's look), or the
 * spec as built where the settings ask for PlanCheck's plain look or the host cannot read looks.
 */
export async function houseStyler(
  port: WorkbookPort,
  tables: FoundTable[],
  settings: Settings,
): Promise<(spec: TableSpec) => TableSpec> {
  const house = await readHouseStyle(port, tables, settings);
  return (spec) => (house ? applyHouseStyle(spec, house) : spec);
}
