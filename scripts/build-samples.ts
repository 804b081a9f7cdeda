/**
 * npm run samples: builds the sample workbooks in samples/ from the seed tables (figures verbatim
 * from five published ASC business plans, their own slips included) and writes the sample configs.
 *
 * The tables sit the way people keep them: some at A1, some under a title moved down and right,
 * header rows bold and shaded, figures in "#,##0;(#,##0)" (£000) or with the decimals the document
 * printed (£m). Where a table has a total row, the workbook holds it as a SUM formula whose cached
 * result is the figure the document printed, even where the printed figure does not add up, so
 * the document's slips stay in the file for PlanCheck to find. Text the document printed as text
 * ("(28)", "£4,90", "8%") stays text.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';

import type { CellValue } from '../src/engine/grid';
import { a1, columnLetter } from '../src/engine/grid';
import { offsetGrid, seedGrid, SEEDS, type SeedName } from '../src/samples/seeds';

export const GBP000 = '#,##0;(#,##0)';
const HEADER_FILL = 'FFD9E1F2';

export interface PlaceOptions {
  /** Rows down and columns right of A1 where the grid (title included) starts. */
  down?: number;
  right?: number;
  /** Print the seed's title and units line above the table (default true). */
  title?: boolean;
  part?: number;
  /** Number format for numeric cells (by 0-based table column; a string applies to all). */
  numFmt?: string | ((col: number) => string | undefined);
  /** Total rows become SUM formulas over the block above, caching the printed figure. */
  totals?: boolean;
  /** Width of the first column and of the others, in characters. */
  widths?: [number, number];
}

export interface Placed {
  /** 0-based sheet row of the first header row. */
  headerRow: number;
  /** 0-based sheet row of the first data row and the last row. */
  firstRow: number;
  lastRow: number;
  /** 0-based sheet column of the table's first column. */
  left: number;
}

const isTotal = (v: CellValue): boolean => typeof v === 'string' && /^\s*totals?\b/i.test(v);

/** Lays one seed table on a worksheet; returns where it went. */
export function placeSeed(ws: ExcelJS.Worksheet, name: SeedName, options: PlaceOptions = {}): Placed {
  const down = options.down ?? 0;
  const right = options.right ?? 0;
  const { rows, headerRow } = seedGrid(name, { title: options.title, part: options.part });
  const seed = SEEDS[name];
  const headerCount = seed.tables ? 1 : (seed.header_rows?.length ?? 1);
  const grid = offsetGrid(rows, down, right);
  const firstData = down + headerRow + headerCount;
  let blockStart = firstData;
  grid.forEach((row, r) => {
    const inData = r >= firstData;
    const totalRow = inData && row.some(isTotal);
    const numeric = row.filter((v, c) => c >= right && typeof v === 'number').length;
    row.forEach((v, c) => {
      if (v === null || v === undefined) return;
      const cell = ws.getCell(r + 1, c + 1);
      const tableCol = c - right;
      if (options.totals && totalRow && typeof v === 'number' && r > blockStart) {
        const col = columnLetter(c);
        cell.value = { formula: `SUM(${col}${blockStart + 1}:${col}${r})`, result: v, date1904: false };
      } else {
        cell.value = v;
      }
      const fmt = typeof options.numFmt === 'function' ? options.numFmt(tableCol) : options.numFmt;
      if (typeof v === 'number' && fmt) cell.numFmt = fmt;
      if (r < down + headerRow && r === down) cell.font = { bold: true, size: 13 };
      if (r >= down + headerRow && r < firstData) {
        cell.font = { bold: true };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
        cell.alignment = { wrapText: true, vertical: 'top' };
      }
      if (totalRow) cell.font = { bold: true };
    });
    // A row of words without figures ("Funded by :") starts a new block, as a total ends one.
    if (inData && (totalRow || (numeric === 0 && row.some((v) => typeof v === 'string')))) blockStart = r + 1;
  });
  const [first, other] = options.widths ?? [34, 12];
  const width = Math.max(...grid.map((r) => r.length));
  for (let c = right; c < width; c++) ws.getColumn(c + 1).width = c === right ? first : other;
  return { headerRow: down + headerRow, firstRow: firstData, lastRow: grid.length - 1, left: right };
}

/**
 * The Manchester 2009 financial plan (section 3.1) under its title, two header rows with the
 * group headings merged across their columns, a Totals row of SUM formulas and the "Total
 * Mainstream Funding Required" row as SUMIF over the Source column, each caching the printed figure.
 */
export function placeManchesterPlan(ws: ExcelJS.Worksheet, down = 1, right = 1): Placed {
  const placed = placeSeed(ws, 'manchester-2009-financial-plan', { down, right, numFmt: GBP000, widths: [40, 11] });
  const col = (k: number): number => right + k;
  const h = placed.headerRow;
  // Group headings over their columns: C:D current, E:G proposed, I:K funding by year.
  for (const [from, to] of [
    [2, 3],
    [4, 6],
    [8, 10],
  ]) {
    ws.mergeCells(h + 1, col(from) + 1, h + 1, col(to) + 1);
  }
  const rows = SEEDS['manchester-2009-financial-plan'].rows ?? [];
  const totalsAt = rows.findIndex((r) => r[1] === 'Totals');
  const linesEnd = placed.firstRow + totalsAt - 1;
  const totalRow = placed.firstRow + totalsAt;
  for (let k = 2; k <= 10; k++) {
    if (k === 7) continue;
    const printed = rows[totalsAt][k];
    const letter = columnLetter(col(k));
    ws.getCell(totalRow + 1, col(k) + 1).value = {
      formula: `SUM(${letter}${placed.firstRow + 1}:${letter}${linesEnd + 1})`,
      result: printed as number,
      date1904: false,
    };
  }
  const mainstreamRow = totalRow + 1;
  const source = columnLetter(col(7));
  for (let k = 8; k <= 10; k++) {
    const letter = columnLetter(col(k));
    ws.getCell(mainstreamRow + 1, col(k) + 1).value = {
      formula: `SUMIF($${source}$${placed.firstRow + 1}:$${source}$${linesEnd + 1},"Mainstream",${letter}${placed.firstRow + 1}:${letter}${linesEnd + 1})`,
      result: rows[totalsAt + 1][k] as number,
      date1904: false,
    };
    ws.getCell(mainstreamRow + 1, col(k) + 1).font = { bold: true };
  }
  ws.views = [{ state: 'frozen', xSplit: col(2), ySplit: placed.firstRow, topLeftCell: a1(placed.firstRow, col(2)) }];
  return placed;
}

function sheet(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  return book.addWorksheet(name);
}

function newBook(title: string): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = 'PlanCheck sample builder';
  book.title = title;
  // Fixed dates: the same bytes of content every run.
  book.created = new Date(Date.UTC(2024, 0, 1));
  book.modified = new Date(Date.UTC(2024, 0, 1));
  return book;
}

const decimals = (n: number): string => `#,##0.${'0'.repeat(n)};(#,##0.${'0'.repeat(n)})`;

export function buildManchester2009(): ExcelJS.Workbook {
  const book = newBook('Manchester Adult Social Care business plan 2009/10');
  placeManchesterPlan(sheet(book, 'Financial plan'));
  placeSeed(sheet(book, 'Business risk register'), 'manchester-2009-business-risk-register', {
    title: false,
    widths: [6, 30],
  });
  placeSeed(sheet(book, 'Strategic risks'), 'manchester-2009-strategic-risks', { down: 2, widths: [8, 60] });
  placeSeed(sheet(book, 'Population'), 'manchester-2009-population', { numFmt: '#,##0' });
  const cph = sheet(book, 'Cost per head');
  const first = placeSeed(cph, 'manchester-2009-cost-per-head', { right: 1, numFmt: '0.00', widths: [24, 13] });
  placeSeed(cph, 'manchester-2009-cost-per-head', { part: 1, down: first.lastRow + 3, right: 1, numFmt: '#,##0' });
  return book;
}

export function buildBirmingham2008(): ExcelJS.Workbook {
  const book = newBook('Birmingham Adults and Communities transformation programme 2008');
  placeSeed(sheet(book, 'Costs and benefits'), 'birmingham-2008-costs-benefits', {
    down: 1,
    right: 1,
    numFmt: GBP000,
    widths: [26, 11],
  });
  placeSeed(sheet(book, 'Lifecycle costs'), 'birmingham-2008-lifecycle-costs', { numFmt: GBP000, widths: [26, 11] });
  placeSeed(sheet(book, 'Resource days'), 'birmingham-2008-resource-days', {
    down: 3,
    right: 2,
    numFmt: '#,##0',
    totals: true,
    widths: [20, 11],
  });
  placeSeed(sheet(book, 'Benefits'), 'birmingham-2008-benefits', { title: false, numFmt: GBP000, widths: [50, 20] });
  placeSeed(sheet(book, 'Programme risks'), 'birmingham-2008-programme-risks', { down: 1, widths: [60, 12] });
  return book;
}

export function buildEssex2017(): ExcelJS.Workbook {
  const book = newBook('Essex Adult Social Care business plan 2017');
  placeSeed(sheet(book, 'Savings targets'), 'essex-2017-savings-targets', { numFmt: GBP000, widths: [44, 11] });
  placeSeed(sheet(book, 'Savings activity'), 'essex-2017-savings-activity', {
    down: 1,
    right: 1,
    numFmt: decimals(1),
    totals: true,
  });
  placeSeed(sheet(book, 'Measures'), 'essex-2017-measures', { title: false, widths: [8, 60] });
  return book;
}

export function buildWorcestershire2018(): ExcelJS.Workbook {
  const book = newBook('Worcestershire Adult Social Care business plan 2018');
  placeSeed(sheet(book, 'Budget 2018-19'), 'worcestershire-2018-budget', {
    down: 1,
    right: 1,
    numFmt: decimals(3),
    totals: true,
    widths: [34, 12],
  });
  placeSeed(sheet(book, 'ASCOF benchmark'), 'worcestershire-2017-ascof-benchmark', { widths: [9, 50] });
  return book;
}

export function buildManchester2019(): ExcelJS.Workbook {
  const book = newBook('Manchester Adult Social Care capacity plan 2019');
  placeSeed(sheet(book, 'Capacity plan'), 'manchester-2019-capacity-plan', {
    down: 2,
    right: 1,
    numFmt: GBP000,
    totals: true,
    widths: [40, 11],
  });
  return book;
}

/**
 * An NHS 5x5 Adult Social Care risk register (consequence × likelihood, as words or numbers 1-5),
 * with a stated score and rating, owner, controls and review date. Four slips are planted, so the
 * pane and the CLI have something real to find and a heat map to draw:
 * R3 (row 7) a stated score of 16 where Moderate (3) × Likely (4) is 12;
 * R4 (row 8) rated High where Moderate (3) × Almost certain (5) is 15, Extreme;
 * R5 (row 9) no owner; R6 (row 10) a review date, 31/03/2026, that has passed.
 */
export const RISK_REGISTER_5X5: CellValue[][] = [
  ['Ref', 'Risk', 'Consequence', 'Likelihood', 'Score', 'Rating', 'Risk owner', 'Controls in place', 'Review date'],
  [
    'R1',
    'Provider failure in the home care market',
    'Major',
    'Possible',
    12,
    'High',
    'Head of Commissioning',
    'Provider risk monitoring; contingency plan',
    '2027-03-31',
  ],
  [
    'R2',
    'Shortage of social workers and care staff',
    'Major',
    'Likely',
    16,
    'Extreme',
    'Director of Adult Social Care',
    'Recruitment and retention plan',
    '2027-03-31',
  ],
  [
    'R3',
    'Overspend on residential and nursing placements',
    'Moderate',
    'Likely',
    16,
    'High',
    'Head of Finance (ASC)',
    'Monthly budget monitoring; placement panel',
    '2027-06-30',
  ],
  [
    'R4',
    'Delays in hospital discharge',
    'Moderate',
    'Almost certain',
    15,
    'High',
    'Head of Integrated Care',
    'Discharge to assess; daily huddles',
    '2027-01-31',
  ],
  [
    'R5',
    'Safeguarding enquiry not completed in time',
    'Catastrophic',
    'Unlikely',
    10,
    'High',
    null,
    'Safeguarding Adults Board audit',
    '2027-03-31',
  ],
  [
    'R6',
    'Backlog of Deprivation of Liberty assessments',
    'Moderate',
    'Likely',
    12,
    'High',
    'DoLS Manager',
    'Triage by priority; agency assessors',
    '2026-03-31',
  ],
  [
    'R7',
    'Breach of client personal data',
    'Major',
    'Rare',
    4,
    'Moderate',
    'Information Governance Lead',
    'Mandatory training; secure email',
    '2027-09-30',
  ],
  [
    'R8',
    'Savings programme not delivered in full',
    4,
    3,
    12,
    'High',
    'Assistant Director, Transformation',
    'Savings tracker reviewed by the board',
    '2027-03-31',
  ],
  [
    'R9',
    'Changes to charging rules reduce income',
    'Minor',
    'Possible',
    6,
    'Moderate',
    'Head of Finance (ASC)',
    'Income forecasts updated quarterly',
    '2027-06-30',
  ],
  [
    'R10',
    'Winter pressures on community services',
    3,
    4,
    12,
    'High',
    'Head of Operations',
    'Winter plan; surge capacity',
    '2027-01-31',
  ],
];

/** Lays RISK_REGISTER_5X5 under a title at A1 (header on row 4), review dates as real dates. */
export function placeRiskRegister5x5(ws: ExcelJS.Worksheet): Placed {
  ws.getCell('A1').value = 'Adult Social Care risk register 2026/27';
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getCell('A2').value = 'Scored as consequence × likelihood on the NHS 5x5 matrix';
  const headerRow = 3;
  RISK_REGISTER_5X5.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v === null) return;
      const cell = ws.getCell(headerRow + r + 1, c + 1);
      if (r > 0 && c === 8 && typeof v === 'string') {
        const [y, m, d] = v.split('-').map(Number);
        cell.value = new Date(Date.UTC(y, m - 1, d));
        cell.numFmt = 'dd/mm/yyyy';
      } else {
        cell.value = v;
      }
      if (r === 0) {
        cell.font = { bold: true };
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
        cell.alignment = { wrapText: true, vertical: 'top' };
      }
    });
  });
  [6, 46, 13, 14, 7, 10, 30, 40, 12].forEach((w, c) => (ws.getColumn(c + 1).width = w));
  const lastRow = headerRow + RISK_REGISTER_5X5.length - 1;
  return { headerRow, firstRow: headerRow + 1, lastRow, left: 0 };
}

/** One workbook with a financial plan, a spend/funding summary, risk registers and a comparator table. */
export function buildPlanCheckSample(): ExcelJS.Workbook {
  const book = newBook('PlanCheck sample plan');
  placeManchesterPlan(sheet(book, 'Financial plan'));
  placeSeed(sheet(book, 'Spend and funding'), 'worcestershire-2018-budget', {
    down: 3,
    right: 2,
    numFmt: decimals(3),
    totals: true,
    widths: [34, 12],
  });
  placeSeed(sheet(book, 'Risk register'), 'birmingham-2008-programme-risks', { title: false, widths: [60, 12] });
  placeRiskRegister5x5(sheet(book, 'Risk register 5x5'));
  placeSeed(sheet(book, 'Comparators'), 'worcestershire-2017-ascof-benchmark', { down: 1, right: 1, widths: [9, 50] });
  return book;
}

export const SAMPLE_WORKBOOKS: Record<string, () => ExcelJS.Workbook> = {
  'manchester-2009-plan.xlsx': buildManchester2009,
  'birmingham-2008.xlsx': buildBirmingham2008,
  'essex-2017.xlsx': buildEssex2017,
  'worcestershire-2018.xlsx': buildWorcestershire2018,
  'manchester-2019.xlsx': buildManchester2019,
  'plancheck-sample.xlsx': buildPlanCheckSample,
};

/**
 * Assumptions for `plancheck project` (the "projections" section of the settings, in the shape
 * src/engine/generate/fromConfig.ts documents): a budget projection carrying the Manchester 2009
 * plan's 2011/12 gross budgets three years on; the Birmingham 2008 programme's costs and cashable
 * benefits (table 9) with the Green Book discount rate; the Essex 2017 savings envelope; and
 * dementia demand from the Manchester 2009 population figures and prevalence rates.
 */
export const PROJECTIONS_CONFIG = {
  projections: {
    budget: {
      title: 'Budget projection (Manchester 2009 lines)',
      firstYear: '2012/13',
      years: 3,
      units: '£000',
      inflation: 2.5,
      growth: 1,
      lines: [
        { label: 'Services for Older People', base: 75376, growth: 1.8 },
        { label: 'Adults – Physical Disability', base: 21351 },
        { label: 'Equipment and Adaptations', base: 6775 },
        { label: 'Adults – Learning Disability', base: 35554, growth: 4 },
        { label: 'Adults – Mental Health', base: 16062 },
      ],
    },
    costBenefit: {
      title: 'Programme cost and benefit (Birmingham 2008)',
      firstYear: '2007/08',
      units: '£000',
      costs: [
        {
          label: '3 year programme plan',
          values: [4436, 10215, 12236, 6812, 1875, 1136, 1136, 1136, 1136, 1133, 1136, 79],
        },
      ],
      benefits: [
        {
          label: 'Gross cashable benefits',
          values: [0, 450, 737, 2050, 5932, 10572, 18349, 23298, 30272, 34388, 36011, 36221],
        },
      ],
      discountRate: 3.5,
    },
    savings: {
      title: 'Savings envelope (Essex 2017)',
      firstYear: '2017/18',
      units: '£m',
      heading: 'Adult Social Care',
      budget: [421, 419, 433, 471],
      savings: [0, -28, -61, -91],
      alreadyPlanned: [0, -12.1, -15.4, -15.4],
    },
    demand: {
      title: 'Dementia demand (Manchester 2009)',
      years: ['Mid 2007', '2008', '2010'],
      measure: 'People with dementia',
      bands: [
        { label: 'People 65-74', population: [26000, 25900, 25600], rate: 1.25 },
        { label: 'People 85+', population: [7200, 7400, 7600], rate: 22.5 },
      ],
      unitCost: 25000,
      units: '£',
    },
  },
};

export const WORCESTERSHIRE_CONFIG = { benchmark: { own: 'Worcestershire' } };

/** JSON as prettier prints it (short arrays of figures on one line), so `npm run lint` passes on the output. */
function formatJson(value: unknown, indent = '', lead = 0): string {
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    const flat = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (value.every((v) => typeof v !== 'object' || v === null) && lead + flat.length + 1 <= 120) return flat;
    return `[\n${value.map((v) => inner + formatJson(v, inner, inner.length)).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => {
      const key = `${inner}${JSON.stringify(k)}: `;
      return key + formatJson(v, inner, key.length);
    });
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** Writes every sample workbook and config into outDir (configs into outDir/configs); returns the files written. */
export async function buildSampleWorkbooks(outDir: string): Promise<string[]> {
  await fs.mkdir(path.join(outDir, 'configs'), { recursive: true });
  const written: string[] = [];
  for (const [file, build] of Object.entries(SAMPLE_WORKBOOKS)) {
    const target = path.join(outDir, file);
    await build().xlsx.writeFile(target);
    written.push(target);
  }
  const configs: Record<string, unknown> = {
    'projections.json': PROJECTIONS_CONFIG,
    'worcestershire.json': WORCESTERSHIRE_CONFIG,
  };
  for (const [file, config] of Object.entries(configs)) {
    const target = path.join(outDir, 'configs', file);
    await fs.writeFile(target, formatJson(config) + '\n');
    written.push(target);
  }
  return written;
}

if (require.main === module) {
  const outDir = path.resolve(__dirname, '..', 'samples');
  buildSampleWorkbooks(outDir).then(
    (files) => {
      for (const f of files) console.log(`Wrote ${path.relative(process.cwd(), f)}`);
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
