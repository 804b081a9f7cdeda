/**
 * What the controller needs from the engine, and no more. The real engine is wired in
 * ./engine.ts (the one place that imports src/engine/risk, benchmark and generate), so the
 * controller can be tested with a fake engine and stays indifferent to fields it never reads.
 */
import type { Finding } from '../engine/findings';
import type { WorkbookSnapshot } from '../engine/grid';
import type { RiskMatrixSetting, Settings } from '../engine/settings';
import type { TableSpec } from '../engine/spec';
import type { ReadResult } from '../engine/tables';

/** Where a generated table goes. */
export interface Anchor {
  sheet: string;
  row: number;
  col: number;
  newSheet?: boolean;
}

export interface RiskLike {
  id: string;
  row?: number;
  likelihood?: number | null;
  impact?: number | null;
  score?: number | null;
  band?: string | null;
  /** Whatever name the engine gives the risk's own text. */
  label?: string;
  title?: string;
  description?: string;
  risk?: string;
  /** Why the risk has no score, when it has none. */
  unscorable?: string;
}

export interface RegisterLike {
  sheet: string;
  range: string;
  matrix?: unknown;
  /** The matrix the register was scored on. */
  scoring?: object;
  risks: RiskLike[];
  /** Absolute 0-based columns; description and id say where a risk's row can be selected. */
  columns?: { score?: unknown; description?: number; id?: number };
  /** The register's table; its left column is the fallback for selecting a risk's row. */
  table?: { left?: number };
}

export interface RiskAnalysisLike {
  registers: RegisterLike[];
  findings: Finding[];
}

export interface IndicatorLike {
  indicator: string;
  polarity?: string | null;
  own?: number | null;
  comparatorAverage?: number | null;
  median?: number | null;
  variancePct?: number | null;
  rank?: number | null;
  of?: number | null;
  quartile?: number | null;
  percentile?: number | null;
  flag?: string | null;
  /** Where the figures came from: the comparator councils by name, with their figures where the table gives them. */
  source?: { comparators?: { name: string; value?: number | null }[]; code?: string };
}

export interface BenchmarkLike {
  indicators: IndicatorLike[];
  findings: Finding[];
}

export interface GeneratedLike {
  spec: TableSpec;
  columns: string[];
  rows: { label: unknown; values: unknown[] }[];
  summary: Record<string, unknown>;
  /** The unit of the table's money ("£000"), for saying its summary in pounds. */
  units?: string;
}

export type GenerateKind = 'budget' | 'costBenefit' | 'savings' | 'demand';

/** Form values, already parsed: numbers, text, or lists of either. */
export type GenerateInput = Record<string, number | string | number[] | string[]>;

export interface Engine {
  readTables(wb: WorkbookSnapshot, settings: Settings): ReadResult;
  validate(wb: WorkbookSnapshot, read: ReadResult, settings: Settings): Finding[];
  /** As validate, with how many figures each rule judged (for the evidence report). */
  validateWithTally?(
    wb: WorkbookSnapshot,
    read: ReadResult,
    settings: Settings,
  ): { findings: Finding[]; judged: Record<string, number> };
  analyseRisks(wb: WorkbookSnapshot, read: ReadResult, settings: Settings): RiskAnalysisLike;
  matrixFromSettings(risk: RiskMatrixSetting | undefined): object;
  buildScoreColumns(register: RegisterLike, matrix?: object): TableSpec;
  buildHeatMap(analysis: RiskAnalysisLike, matrix: object, sheetName: string): TableSpec;
  buildRankedList(analysis: RiskAnalysisLike, sheetName: string): TableSpec;
  benchmark(wb: WorkbookSnapshot, read: ReadResult, settings: Settings): BenchmarkLike;
  buildBenchmarkTable(result: BenchmarkLike, anchor: Anchor): TableSpec;
  generate(kind: GenerateKind, input: GenerateInput, anchor: Anchor): GeneratedLike;
  /** The report sheet for these findings, on a free sheet name with a free table name (engine/report.ts). */
  reportFor(wb: WorkbookSnapshot, findings: Finding[]): TableSpec;
}
