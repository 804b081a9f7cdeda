/** Table generators: live formulas with their values stored, ready for a port to write. */
export {
  buildBudgetProjection,
  perYear,
  type BudgetLine,
  type BudgetProjectionInput,
  type PerYear,
} from './projection';
export {
  buildCostBenefit,
  GREEN_BOOK_RATE,
  NOT_WITHIN,
  type CostBenefitInput,
  type CostBenefitRow,
} from './costBenefit';
export { cellRef, planBase, planCellFor, plansOf, type PlanBase, type PlanLine } from './planLines';
export { buildSavingsEnvelope, type SavingsEnvelopeInput } from './savings';
export { buildDemand, type DemandBand, type DemandInput } from './demand';
export {
  buildProjections,
  type AtConfig,
  type BudgetConfig,
  type CostBenefitConfig,
  type DemandConfig,
  type ProjectionsConfig,
  type SavingsConfig,
} from './fromConfig';
export {
  COUNT,
  FACTOR,
  MONEY,
  PERCENT,
  RATIO,
  financialYearLabel,
  financialYearStart,
  financialYears,
  type Anchor,
  type GeneratedTable,
} from './layout';
