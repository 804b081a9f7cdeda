/** A small stand-in for the engine, so the controller's own behaviour is what the tests see. */
import type { Engine, GeneratedLike, RiskAnalysisLike } from '../../src/app/contract';
import type { Finding } from '../../src/engine/findings';
import type { WorkbookSnapshot } from '../../src/engine/grid';
import { reportFor } from '../../src/engine/report';
import type { TableSpec } from '../../src/engine/spec';
import type { FoundTable, ReadResult } from '../../src/engine/tables';

export function table(sheet: string, range: string, extra: Partial<FoundTable> = {}): FoundTable {
  return {
    id: `${sheet}!${range}`,
    sheet,
    range,
    top: 1,
    left: 1,
    bottom: 9,
    right: 6,
    kind: 'financial-plan',
    headerRows: [1, 2],
    unit: { label: '£000', multiplier: 1000 },
    columns: [
      { col: 1, letter: 'B', header: 'Ref', role: 'ref' },
      { col: 2, letter: 'C', header: 'Budget line', role: 'label' },
    ],
    rows: [],
    ...extra,
  };
}

export const finding = (f: Partial<Finding> & Pick<Finding, 'cell'>): Finding => ({
  rule: 'funding.sum',
  severity: 'error',
  sheet: 'Plan',
  message: `Funding at ${f.cell} is short`,
  ...f,
});

function spec(title: string, sheet: string, newSheet: boolean, rows = 2, cols = 2, row = 0, col = 0): TableSpec {
  return {
    title,
    anchor: { sheet, row, col },
    newSheet,
    cells: Array.from({ length: rows }, (_, r) =>
      Array.from({ length: cols }, (_, c) => ({ value: `${title} ${r},${c}` })),
    ),
  };
}

export interface FakeEngineState {
  tables: FoundTable[];
  readerFindings: Finding[];
  findings: Finding[];
  risks: RiskAnalysisLike;
  /** Snapshots the engine was handed, to prove one snapshot serves one action. */
  seen: WorkbookSnapshot[];
  validateCalls: number;
  /** When set, readTables throws it. */
  fail: Error | null;
}

export function fakeEngine(state: Partial<FakeEngineState> = {}): { engine: Engine; state: FakeEngineState } {
  const s: FakeEngineState = {
    tables: [table('Plan', 'B2:G10')],
    readerFindings: [],
    findings: [],
    risks: { registers: [], findings: [] },
    seen: [],
    validateCalls: 0,
    fail: null,
    ...state,
  };
  const engine: Engine = {
    readTables(wb): ReadResult {
      s.seen.push(wb);
      if (s.fail) throw s.fail;
      return {
        tables: s.tables,
        findings: s.readerFindings,
        views: {},
        figure: () => {
          throw new Error('not used');
        },
      };
    },
    validate(wb) {
      s.validateCalls++;
      if (!s.seen.includes(wb)) throw new Error('validate was handed a different snapshot');
      return s.findings;
    },
    analyseRisks: () => s.risks,
    matrixFromSettings: () => ({
      name: 'nhs5x5',
      size: 5,
      likelihood: ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'],
      impact: ['Negligible', 'Minor', 'Moderate', 'Major', 'Catastrophic'],
      bands: [
        { name: 'Low', min: 1, max: 3, color: '#92D050' },
        { name: 'Moderate', min: 4, max: 6, color: '#FFFF00' },
        { name: 'High', min: 8, max: 12, color: '#FFC000' },
        { name: 'Extreme', min: 15, max: 25, color: '#FF0000' },
      ],
    }),
    buildScoreColumns: (reg) => spec('Risk scores', reg.sheet, false, 3, 1, 0, 8),
    buildHeatMap: (_a, _m, sheet) => spec('Risk heat map', sheet, true),
    buildRankedList: (_a, sheet) => spec('Ranked risks', sheet, true),
    benchmark: () => ({
      indicators: [{ indicator: 'Cost per head', own: 120, comparatorAverage: 100, variancePct: 0.2, rank: 9, of: 15 }],
      findings: [],
    }),
    buildBenchmarkTable: (_r, anchor) => spec('Benchmarks', anchor.sheet, true),
    generate: (kind, input, anchor): GeneratedLike => ({
      spec: spec(`Generated ${kind}`, anchor.sheet, false, 3, 3, anchor.row, anchor.col),
      columns: ['2025/26', '2026/27'],
      rows: [{ label: 'Net budget', values: [Number((input.lineBases as number[] | undefined)?.[0] ?? 1), 1234.5] }],
      summary: { paybackYear: '2027/28' },
    }),
    reportFor,
  };
  return { engine, state: s };
}
