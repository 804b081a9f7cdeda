/**
 * What the reader finds: typed tables with the address of every figure.
 * This is the contract between the reader (tables/) and everything that uses it
 * (checks/, risk/, generate/, the task pane and the CLI).
 */

export type TableKind =
  /** lines x years x funding sources, a line's sources on the rows under it (Manchester 2009 3.1) */
  | 'financial-plan'
  /** two blocks, spend and funding (or costs and funded by), side by side or one under the other, each with a total */
  | 'spend-funding'
  /** lines by years or categories with a total row and/or a total column */
  | 'totals-grid'
  /** budget, savings target, envelope, reduction % (Essex 2017) */
  | 'savings-envelope'
  /** costs and benefits by year, running return (Birmingham 2008 table 9) */
  | 'cost-benefit'
  /** risk, likelihood, impact, rating, owner ... */
  | 'risk-register'
  /** indicators against comparator councils or a comparator average */
  | 'comparator'
  /** figures by line with no totals to check (population, measures) */
  | 'list'
  /** a pivot table's output: Excel computes it, so it is not checked as a hand-built total */
  | 'pivot';

/** What each kind is called where people read it (the Tables view, the evidence report). */
export const TABLE_KIND_NAMES: Record<TableKind, string> = {
  'financial-plan': 'Financial plan (lines, years, funding sources)',
  'spend-funding': 'Spend and funding',
  'totals-grid': 'Figures with totals',
  'savings-envelope': 'Savings envelope',
  'cost-benefit': 'Costs and benefits',
  'risk-register': 'Risk register',
  comparator: 'Comparison with other councils',
  list: 'List of figures (no totals)',
  pivot: 'Pivot table (not checked)',
};

export const TABLE_KINDS: TableKind[] = [
  'financial-plan',
  'spend-funding',
  'totals-grid',
  'savings-envelope',
  'cost-benefit',
  'risk-register',
  'comparator',
  'list',
  'pivot',
];

export type ColumnRole =
  | 'ref'
  | 'label'
  /** a figure for a year (see TableColumn.year) */
  | 'year'
  /** a figure for a category that is not a year */
  | 'figure'
  /** a row-total column ("TOTAL") */
  | 'total'
  /** current gross / net cash limit (financial plan) */
  | 'gross'
  | 'net'
  /** funding source names (financial plan "Source" column) */
  | 'source'
  /** a funding figure for a year (financial plan "Budget Funding" columns) */
  | 'funding'
  /** a percentage or ratio (variance %, % of budget, unit cost): never summed, never a total */
  | 'ratio'
  /** Y/N flags, codes, free text */
  | 'flag'
  | 'text'
  /** risk register roles */
  | 'likelihood'
  | 'impact'
  | 'score'
  | 'rating'
  | 'owner'
  | 'controls'
  | 'date'
  /** comparator roles */
  | 'own'
  | 'comparator'
  | 'average'
  | 'variance'
  | 'rank'
  | 'count'
  | 'polarity'
  /** nothing to read */
  | 'ignore';

export interface FinancialYear {
  /** Normalised label, "2009/10". */
  label: string;
  /** The calendar year the financial year starts in (2009 for 2009/10). */
  start: number;
  /** "Year 1" style index, where printed. */
  index?: number;
}

export interface Unit {
  /** As normalised: "£", "£000", "£m", "days", "%", "per 100,000", or null when not known. */
  label: string | null;
  /** Pounds per unit for money (1000 for £000, 1e6 for £m); 1 otherwise. */
  multiplier: number;
}

export interface TableColumn {
  /** Absolute 0-based column on the sheet. */
  col: number;
  /** Column letter ("E"). */
  letter: string;
  /** The header text, header rows joined with " / " ("Proposed Gross Cash Limit Revenue Budgets / 2009/10"). */
  header: string;
  role: ColumnRole;
  year?: FinancialYear;
  /**
   * What the figure measures, where the header says ("gross", "net", "budget", "forecast", "actual",
   * "variance", "income"): a line's figures are compared year to year only within one measure.
   */
  measure?: string;
  /** Unit of this column, where it differs from the table's or is only known here. */
  unit?: Unit;
  /** For risk columns: which set they belong to. */
  riskSet?: 'inherent' | 'residual' | 'target';
  /** For side-by-side blocks: 0 for the first block, 1 for the second. */
  block?: number;
}

export type RowRole =
  /** a budget line, cost line, indicator, risk... */
  | 'line'
  /** a funding-source row belonging to the line above (financial plan) */
  | 'source'
  /** a stated total ("Total", "Totals", "TOTAL", or a SUM of the rows above) */
  | 'total'
  /** a subtotal within a block */
  | 'subtotal'
  /** a heading inside the table ("Funded by :", "Older people" over its group) */
  | 'section'
  /**
   * figures that are not added to any total: an "of which" breakdown inside a line, a memo row, an
   * average or count row
   */
  | 'memo'
  /** nothing in it */
  | 'blank';

export interface TableRow {
  /** Absolute 0-based row on the sheet. */
  row: number;
  role: RowRole;
  /** The line's label ("Services for Older People"); for a source row, the source ("Grants"). */
  label: string;
  ref?: string;
  /** For a source row: the absolute row of its line. */
  lineRow?: number;
  /** For side-by-side or stacked blocks: which block. */
  block?: number;
  /**
   * For a subtotal above its lines (a group's total on its heading row): the absolute rows it
   * totals, as its formulas or its figures show. Without it, a subtotal totals the lines above it.
   */
  covers?: number[];
  hidden?: boolean;
}

export interface TableBlock {
  /** "Spend", "Funding", "Costs", "Funded by" */
  label: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** The label column and the figure columns of the block. */
  labelCol: number;
  figureCols: number[];
  /** Absolute row of the block's stated total, if any. */
  totalRow?: number;
}

export interface FoundTable {
  /** "Sheet!B3:L52" */
  id: string;
  sheet: string;
  /** A1 range without the sheet. */
  range: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  kind: TableKind;
  /** Absolute rows of the header (one or two). */
  headerRows: number[];
  /** Text above the table that names it, if any. */
  title?: string;
  unit: Unit;
  columns: TableColumn[];
  /** Every row from the first under the header to the bottom. */
  rows: TableRow[];
  /** For spend-funding tables: the two blocks. */
  blocks?: TableBlock[];
  /** True when the user's mapping, not the guess, decided it. */
  mapped?: boolean;
  /** The Excel table (ListObject) the workbook defines here, when it does. */
  listObject?: string;
}

/** Roles whose cells hold figures to add up or compare. */
export const FIGURE_ROLES: ReadonlySet<ColumnRole> = new Set<ColumnRole>([
  'year',
  'figure',
  'total',
  'gross',
  'net',
  'funding',
  'own',
  'comparator',
  'average',
  'variance',
]);
