/**
 * The real engine, wired to the controller's contract. This is the one file in src/app that
 * imports the engine's feature modules; the form values of the Generate tab become each
 * generator's input here.
 */
import { benchmark, buildBenchmarkTable } from '../engine/benchmark';
import { validate, validateWithTally } from '../engine/checks';
import { buildCostBenefit } from '../engine/generate/costBenefit';
import { buildDemand } from '../engine/generate/demand';
import type { GeneratedTable } from '../engine/generate/layout';
import { financialYears } from '../engine/generate/layout';
import { buildBudgetProjection } from '../engine/generate/projection';
import { buildSavingsEnvelope } from '../engine/generate/savings';
import { reportFor } from '../engine/report';
import { analyseRisks, buildHeatMap, buildRankedList, buildScoreColumns, matrixFromSettings } from '../engine/risk';
import { readTables } from '../engine/tables';
import type { Anchor, Engine, GenerateInput, GenerateKind } from './contract';
import { BENEFIT_LINE, COST_LINE, inputFigures, inputLines, inputNumber, inputText } from './generateForms';

const num = (input: GenerateInput, key: string, fallback = 0): number => inputNumber(input, key) ?? fallback;
const str = (input: GenerateInput, key: string, fallback = ''): string => inputText(input, key) ?? fallback;
const list = inputFigures;

/** The Generate tab's parsed form values as each generator's own input. */
export function generateTable(kind: GenerateKind, input: GenerateInput, anchor: Anchor): GeneratedTable {
  const at = { sheet: anchor.sheet, row: anchor.row, col: anchor.col };
  switch (kind) {
    case 'budget':
      return buildBudgetProjection(
        {
          lines: inputLines(input),
          firstYear: str(input, 'firstYear'),
          years: num(input, 'years', 5),
          inflation: num(input, 'inflation'),
          growth: num(input, 'growth'),
          pressures: list(input, 'pressures'),
          savings: list(input, 'savings'),
          cashLimit: list(input, 'cashLimit'),
        },
        at,
      );
    case 'costBenefit':
      return buildCostBenefit(
        {
          firstYear: str(input, 'firstYear'),
          costs: [{ label: COST_LINE, values: list(input, 'costs') ?? [] }],
          benefits: [{ label: BENEFIT_LINE, values: list(input, 'benefits') ?? [] }],
          discountRate: num(input, 'discountRate', 3.5),
        },
        at,
      );
    case 'savings':
      return buildSavingsEnvelope(
        {
          firstYear: str(input, 'firstYear'),
          budget: list(input, 'budget') ?? [],
          savings: list(input, 'savings') ?? [],
        },
        at,
      );
    case 'demand': {
      const years = financialYears(str(input, 'firstYear'), num(input, 'years', 5));
      const growth = num(input, 'growth') / 100;
      const first = num(input, 'population');
      return buildDemand(
        {
          years,
          bands: [
            {
              label: str(input, 'label', 'Population'),
              population: years.map((_, i) => Math.round(first * (1 + growth) ** i)),
              rate: num(input, 'rate'),
            },
          ],
          unitCost: num(input, 'unitCost'),
        },
        at,
      );
    }
  }
}

/** The real engine: the controller's contract, with each feature's own types for the CLI (src/cli/main.ts). */
export const ENGINE = {
  readTables,
  validate,
  validateWithTally,
  analyseRisks,
  matrixFromSettings,
  buildScoreColumns,
  buildHeatMap,
  buildRankedList,
  benchmark,
  buildBenchmarkTable,
  generate: generateTable,
  reportFor,
} satisfies Engine;
