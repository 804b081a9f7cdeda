/**
 * The zoo's property-based generator (issue 23, part 4): plan workbooks composed from independent
 * features, each drawn from a seed, with one mistake planted or none (about half each).
 *
 * Features: where the table sits (A1, or moved down and right under a title and a unit line), one or
 * two header rows (a measure over the years), years spelt 2024/25, 2024-25 or 2024-2025, 2-6 years,
 * 3-25 lines, £000 / £m (one decimal) / £, negatives in brackets or with a minus, totals typed or by
 * SUM or SUBTOTAL(9), a total row at the bottom or groups (subtotals below their lines under a grand
 * total of the subtotals or a SUBTOTAL over everything, or group totals above their lines), a TOTAL
 * column, a form's line-number column, a staffing table beside the plan, memo rows and a footnote
 * below it, notes and contacts sheets, "..", "-" or "n/a" for a figure not available, and a summary
 * sheet fetching the groups' totals.
 *
 * Mistakes: a typed total off by an amount, a SUM that stops a row (or column) early, a grand total
 * SUM over lines and subtotals, a total typed among formula totals, a figure typed as "1,2O4", a
 * figure stored as text (left out of the SUMs over it), a summary figure typed over the plan's group
 * total that its neighbours fetch by formula. Each is recorded as the finding a finance officer would
 * expect: its cell, severity and rule.
 *
 * Every workbook is made from (seed, index) alone, so any one of them can be made again on its own.
 */
import type { Planted, ZooSheet, ZooWorkbook } from './build';
import { addr, fx, L, newSheet, num } from './build';
import { parseA1, quoteSheet } from '../../src/engine/grid';
import { contactsSheet, lookupSheet, notesSheet } from './families';

// ---------------------------------------------------------------------------------------------
// A small seeded generator (mulberry32).

export class Rand {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** A whole number from lo to hi, both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/** The seed of the index-th workbook of a run. */
export function workbookSeed(seed: number, index: number): number {
  // The run's seed is mixed on its own before the index joins it: XOR-ing the two first made seeds
  // 1, 2 and 77 draw nearly the same 1,000 workbooks in another order.
  return mix((mix(seed >>> 0) + Math.imul(index + 1, 0x9e3779b9)) >>> 0);
}

/** A 32-bit hash finaliser (murmur3's): every input bit moves every output bit. */
function mix(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Features.

export const MISTAKES = [
  'typed-off',
  'sum-short',
  'double-count',
  'typed-among-formulas',
  'unreadable',
  'as-text',
  'summary-off',
] as const;
export type MistakeKind = (typeof MISTAKES)[number];
/** Where a mistake sits: a grand (or bottom) total, a subtotal below its lines, a group total above
 * its lines, a line's cell in the TOTAL column, a line's figure, or a figure on the summary sheet. */
export type Target = 'grand' | 'subtotal' | 'group-total' | 'total-column' | 'line' | 'summary';

export interface Features {
  placement: 'A1' | 'offset';
  headerRows: 1 | 2;
  yearStyle: '2024/25' | '2024-25' | '2024-2025';
  years: number;
  lines: number;
  unit: '£000' | '£m' | '£';
  negatives: 'none' | 'brackets' | 'minus';
  totals: 'typed' | 'SUM' | 'SUBTOTAL';
  shape: 'single' | 'groups' | 'groups-above';
  /** How a grouped table's grand total is made by formula: SUM(X9,X15), X9+X15, or SUBTOTAL(9) over all. */
  grand: 'sum-list' | 'plus' | 'subtotal-over-all';
  /** Groups below: a heading row over each group. */
  groupHeadings: boolean;
  blankBetweenGroups: boolean;
  /** A TOTAL column across the years; its cells on total rows added across, or down like the years. */
  totalColumn: 'none' | 'across' | 'down';
  lineNumbers: boolean;
  sideTable: boolean;
  memo: boolean;
  footnote: boolean;
  notesSheet: boolean;
  contacts: boolean;
  notAvailable: 'none' | '..' | '-' | 'n/a';
  /** A summary sheet whose lines fetch the groups' totals from the plan by formula. */
  summary: boolean;
  /** Typed totals rounded from unrounded figures: lines need not add exactly to the printed total. */
  rounded: boolean;
  /** Words: the grand total's label, the TOTAL column's header, the subtotals' first word, the label
   * column's header, the measure over the years (two header rows). */
  grandLabel: string;
  totalHeader: string;
  subtotalWord: string;
  labelHeader: string;
  measure: string;
  mistake: 'none' | MistakeKind;
  target: Target | 'none';
}

/** The features that matter for a workbook, as "name=value" tags for breakdowns. */
export function featureTags(f: Features): string[] {
  const t: string[] = [
    `placement=${f.placement}`,
    `headerRows=${f.headerRows}`,
    `yearStyle=${f.yearStyle}`,
    `years=${f.years}`,
    `lines=${f.lines <= 5 ? '3-5' : f.lines <= 12 ? '6-12' : '13-25'}`,
    `unit=${f.unit}`,
    `negatives=${f.negatives}`,
    `totals=${f.totals}`,
    `shape=${f.shape}`,
    `totalColumn=${f.totalColumn}`,
    `lineNumbers=${f.lineNumbers}`,
    `sideTable=${f.sideTable}`,
    `memo=${f.memo}`,
    `footnote=${f.footnote}`,
    `notesSheet=${f.notesSheet}`,
    `contacts=${f.contacts}`,
    `notAvailable=${f.notAvailable}`,
    `summary=${f.summary}`,
  ];
  if (f.shape !== 'single') {
    t.push(`blankBetweenGroups=${f.blankBetweenGroups}`);
    if (f.totals !== 'typed') t.push(`grand=${f.grand}`);
  }
  if (f.shape === 'groups') t.push(`groupHeadings=${f.groupHeadings}`, `subtotalWord=${f.subtotalWord}`);
  t.push(`grandLabel=${f.grandLabel}`, `labelHeader=${f.labelHeader}`);
  if (f.totalColumn !== 'none') t.push(`totalHeader=${f.totalHeader}`);
  if (f.headerRows === 2) t.push(`measure=${f.measure}`);
  if (f.totals === 'typed') t.push(`rounded=${f.rounded}`);
  return t;
}

/** One line of the features, for examples. */
export function describeFeatures(f: Features): string {
  const parts = [
    f.placement === 'A1' ? 'at A1' : 'under a title',
    `${f.headerRows} header row${f.headerRows === 2 ? 's' : ''}`,
    `${f.years} years ${f.yearStyle}`,
    `${f.lines} lines`,
    f.unit,
    f.negatives === 'none' ? 'no negatives' : `negatives ${f.negatives}`,
    `totals ${f.totals}${f.rounded ? ' (rounded)' : ''}`,
    f.shape === 'single'
      ? 'one total row'
      : `${f.shape}${f.totals !== 'typed' ? `, grand ${f.grand}` : ''}${f.shape === 'groups' && f.groupHeadings ? ', headings' : ''}${f.blankBetweenGroups ? ', blank rows' : ''}`,
  ];
  if (f.totalColumn !== 'none') parts.push(`TOTAL column (${f.totalColumn})`);
  if (f.lineNumbers) parts.push('line numbers');
  if (f.sideTable) parts.push('staffing table beside');
  if (f.memo) parts.push('memo rows');
  if (f.footnote) parts.push('footnote');
  if (f.notAvailable !== 'none') parts.push(`"${f.notAvailable}" for n/a`);
  if (f.summary) parts.push('summary sheet');
  parts.push(`grand "${f.grandLabel}"`);
  return parts.join('; ');
}

function drawFeatures(r: Rand, fixed: Partial<Features>): Features {
  const f: Features = {
    placement: r.pick(['A1', 'offset'] as const),
    headerRows: r.pick([1, 2] as const),
    yearStyle: r.pick(['2024/25', '2024-25', '2024-2025'] as const),
    years: r.int(2, 6),
    lines: r.int(3, 25),
    unit: r.pick(['£000', '£m', '£'] as const),
    negatives: r.pick(['none', 'brackets', 'minus'] as const),
    totals: r.pick(['typed', 'SUM', 'SUBTOTAL'] as const),
    shape: r.pick(['single', 'groups', 'groups-above'] as const),
    grand: r.pick(['sum-list', 'plus', 'subtotal-over-all'] as const),
    groupHeadings: r.chance(0.5),
    blankBetweenGroups: r.chance(0.5),
    totalColumn: r.pick(['none', 'none', 'across', 'down'] as const),
    lineNumbers: r.chance(0.3),
    sideTable: r.chance(0.3),
    memo: r.chance(0.25),
    footnote: r.chance(0.25),
    notesSheet: r.chance(0.5),
    contacts: r.chance(0.5),
    notAvailable: r.pick(['none', 'none', '..', '-', 'n/a'] as const),
    rounded: r.chance(0.4),
    grandLabel: r.pick(['Total', 'Total net budget', 'Grand total', 'TOTAL', 'Total Adult Social Care']),
    totalHeader: r.pick(['Total', 'TOTAL', 'Total over the plan']),
    subtotalWord: r.pick(['Subtotal', 'Total']),
    labelHeader: r.pick(['Service', 'Client group', 'Budget line', '(none)']),
    measure: r.pick(['Net budget', 'Gross expenditure', 'Budget', 'Net expenditure']),
    summary: false,
    mistake: 'none',
    target: 'none',
  };
  f.summary = r.chance(0.3);
  if (r.chance(0.5)) f.mistake = r.pick(MISTAKES);
  Object.assign(f, fixed);
  // What a mistake needs of the layout.
  if (
    f.mistake === 'sum-short' ||
    f.mistake === 'double-count' ||
    f.mistake === 'typed-among-formulas' ||
    f.mistake === 'as-text'
  ) {
    if (f.totals === 'typed') f.totals = r.pick(['SUM', 'SUBTOTAL'] as const);
  }
  if ((f.mistake === 'double-count' || f.mistake === 'summary-off') && f.shape === 'single')
    f.shape = r.pick(['groups', 'groups-above'] as const);
  if (f.mistake === 'summary-off') f.summary = true;
  if (f.shape === 'single') f.summary = false; // a summary of groups
  if (f.mistake === 'typed-among-formulas') f.years = Math.max(f.years, 3);
  // What a layout needs of itself.
  if (f.shape !== 'single') f.lines = Math.max(f.lines, 4);
  if (f.totals !== 'SUBTOTAL' && f.grand === 'subtotal-over-all') f.grand = r.pick(['sum-list', 'plus'] as const);
  if (f.shape === 'groups-above') f.blankBetweenGroups = true; // group totals above read by their blank rows
  if (f.totals !== 'typed') f.rounded = false;
  if (f.mistake !== 'none') f.target = r.pick(targetsFor(f.mistake, f));
  return f;
}

function targetsFor(kind: MistakeKind, f: Features): Target[] {
  const group: Target | null = f.shape === 'groups' ? 'subtotal' : f.shape === 'groups-above' ? 'group-total' : null;
  const across: Target | null = f.totalColumn !== 'none' ? 'total-column' : null;
  const out: (Target | null)[] =
    kind === 'typed-off'
      ? ['grand', group, across]
      : kind === 'sum-short'
        ? [f.shape === 'single' ? 'grand' : null, group, across]
        : kind === 'double-count'
          ? ['grand']
          : kind === 'typed-among-formulas'
            ? // A group total typed under a SUBTOTAL over everything would be counted twice by Excel.
              ['grand', f.grand === 'subtotal-over-all' ? null : group, across]
            : kind === 'summary-off'
              ? ['summary']
              : ['line'];
  return out.filter((t): t is Target => t !== null);
}

// ---------------------------------------------------------------------------------------------
// Words.

const SERVICES = [
  'Residential care',
  'Nursing care',
  'Home care',
  'Extra care housing',
  'Supported living',
  'Day opportunities',
  'Direct payments',
  'Shared lives',
  'Reablement',
  'Respite care',
  'Community equipment',
  'Telecare',
  'Carers support',
  'Advocacy',
  'Safeguarding',
  'Assessment and care management',
  'Commissioning',
  'Mental health social work',
  'Learning disability services',
  'Physical support',
  'Sensory support',
  'Memory and cognition support',
  'Hospital discharge',
  'Occupational therapy',
  'Prevention and wellbeing',
  'Housing related support',
  'Transport',
  'Meals at home',
  'Quality assurance',
];
const NEGATIVE_LINES = ['Client contributions', 'Income from health partners', 'Savings to be delivered'];
const GROUPS = [
  'Older people',
  'Working age adults',
  'Learning disability',
  'Mental health',
  'Support services',
  'Prevention',
];
const TEAMS = ['Reablement', 'Hospital discharge', 'Safeguarding', 'Occupational therapy', 'Day services', 'Brokerage'];

function yearLabel(y: number, style: Features['yearStyle']): string {
  const short = String((y + 1) % 100).padStart(2, '0');
  return style === '2024/25' ? `${y}/${short}` : style === '2024-25' ? `${y}-${short}` : `${y}-${y + 1}`;
}

// ---------------------------------------------------------------------------------------------
// The workbook.

export type RowKind = 'heading' | 'line' | 'subtotal' | 'group-total' | 'blank' | 'grand';

interface Row {
  kind: RowKind;
  /** 0-based sheet row. */
  r: number;
  label: string | null;
  lineNo?: number;
  /** Lines: the figure by year in the table's last digit (whole numbers, unless rounded). */
  exact?: number[];
  /** Totals: the sheet rows of the lines they add up. */
  members?: number[];
  /** Subtotals and group totals: the first and last rows of their block of lines. */
  block?: [number, number];
}

export interface GeneratedWorkbook extends ZooWorkbook {
  seed: number;
  index: number;
  features: Features;
  /** What each cell of the plan (the first sheet) is: "line, year", "grand, TOTAL column", "staffing table"... */
  roles: Map<string, string>;
  /** Where the plan's parts are, to set against what the reader made of them. */
  layout: Layout;
}

/** The plan table as laid out (0-based rows and columns on the first sheet). */
export interface Layout {
  sheet: string;
  headerRows: number[];
  rows: { row: number; kind: RowKind }[];
  labelCol: number;
  lineNoCol: number | null;
  yearCols: number[];
  totalCol: number | null;
  /** The staffing table beside the plan. */
  side: { top: number; bottom: number; left: number; right: number } | null;
}

/**
 * The index-th workbook of the run with this seed. Features given in `fixed` are set instead of drawn
 * (a mistake still sets what it needs: formula totals for a short SUM, groups for a double count).
 */
export function generatedWorkbook(seed: number, index: number, fixed: Partial<Features> = {}): GeneratedWorkbook {
  const r = new Rand(workbookSeed(seed, index));
  const f = drawFeatures(r, fixed);
  const { sheets, planted, roles, layout } = layOut(f, r);
  return {
    name: `generated-${seed}-${index}`,
    family: 'generated',
    variant: planted.length > 0 ? 'planted' : 'clean',
    sheets,
    planted,
    seed,
    index,
    features: f,
    roles,
    layout,
  };
}

export function generatedWorkbooks(seed: number, count: number, fixed: Partial<Features> = {}): GeneratedWorkbook[] {
  return Array.from({ length: count }, (_, i) => generatedWorkbook(seed, i, fixed));
}

/** Features from "lineNumbers=false,years=3,shape=groups" (for the bench's --fix). */
export function parseFixed(text: string): Partial<Features> {
  const out: Record<string, unknown> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    out[k] = v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v;
  }
  return out as Partial<Features>;
}

function layOut(
  f: Features,
  r: Rand,
): { sheets: ZooSheet[]; planted: Planted[]; roles: Map<string, string>; layout: Layout } {
  const s = newSheet(r.pick(['Plan', 'MTFP', 'Revenue budget', 'Budget', 'ASC plan']));
  const money = (ticks: number) => (f.unit === '£m' ? Math.round(ticks) / 10 : Math.round(ticks));
  const fmt =
    f.unit === '£m'
      ? f.negatives === 'minus'
        ? '#,##0.0'
        : '#,##0.0;(#,##0.0)'
      : f.unit === '£'
        ? f.negatives === 'minus'
          ? '£#,##0'
          : '£#,##0;(£#,##0)'
        : f.negatives === 'minus'
          ? '#,##0'
          : '#,##0;(#,##0)';
  const FN = (range: string) => (f.totals === 'SUBTOTAL' ? `SUBTOTAL(9,${range})` : `SUM(${range})`);
  const firstYear = r.int(2019, 2026);
  const years = Array.from({ length: f.years }, (_, i) => yearLabel(firstYear + i, f.yearStyle));
  const unitWords =
    f.unit === '£000'
      ? r.pick(['£000', "£'000", 'Figures in £000'])
      : f.unit === '£m'
        ? r.pick(['£m', 'Figures in £m'])
        : r.pick(['£', 'Figures in £']);

  // Where the table sits.
  const top = f.placement === 'A1' ? 0 : r.int(3, 5);
  const left = f.placement === 'A1' ? 0 : r.int(1, 3);
  const labelCol = left;
  const lineNoCol = f.lineNumbers ? left + 1 : -1;
  const yearCol0 = left + (f.lineNumbers ? 2 : 1);
  const yearCol = (y: number) => yearCol0 + y;
  const totalCol = f.totalColumn !== 'none' ? yearCol0 + f.years : -1;
  const rightCol = f.totalColumn !== 'none' ? totalCol : yearCol0 + f.years - 1;
  const X = (c: number) => L(c);
  const at = (row: number, col: number) => addr(row, col);

  if (f.placement === 'offset') {
    s.cells.set(
      at(0, left),
      `Adult Social Care: ${r.pick(['net budget', 'medium-term financial plan', 'revenue budget'])} ${years[0]} to ${years[years.length - 1]}`,
    );
    s.cells.set(at(r.int(1, 2), left), unitWords);
  }

  // Headers.
  const labelHeader = f.labelHeader === '(none)' ? null : f.labelHeader;
  const labelText =
    f.placement === 'A1'
      ? labelHeader
        ? `${labelHeader} (${unitWords.replace('Figures in ', '')})`
        : unitWords
      : labelHeader;
  const lastHeader = top + f.headerRows - 1;
  const totalHeader = f.totalHeader;
  if (f.headerRows === 2) {
    const labelRow = r.chance(0.5) ? top : lastHeader;
    if (labelText) s.cells.set(at(labelRow, labelCol), labelText);
    s.cells.set(at(top, yearCol0), f.measure);
    if (f.years > 1) s.merges.push(`${at(top, yearCol0)}:${at(top, yearCol(f.years - 1))}`);
  } else if (labelText) s.cells.set(at(lastHeader, labelCol), labelText);
  if (f.lineNumbers) s.cells.set(at(lastHeader, lineNoCol), r.pick(['Line', 'Line no']));
  years.forEach((y, i) => s.cells.set(at(lastHeader, yearCol(i)), y));
  if (f.totalColumn !== 'none') s.cells.set(at(lastHeader, totalCol), totalHeader);

  // Rows.
  const lineValue = (negative: boolean): number[] => {
    const base = f.unit === '£m' ? r.int(5, 900) : f.unit === '£000' ? r.int(100, 60000) : r.int(5000, 2000000);
    const size = negative ? Math.max(1, Math.round(base * 0.2)) : base;
    let v = size;
    return Array.from({ length: f.years }, () => {
      const out = f.rounded ? v + r.next() - 0.5 : Math.round(v);
      v = v * (1 + r.int(-2, 6) / 100);
      return negative ? -out : out;
    });
  };
  const labels = r.shuffle(SERVICES);
  const negatives = f.negatives === 'none' ? 0 : r.int(1, 2);
  const negativeAt = new Set(r.shuffle(Array.from({ length: f.lines - 1 }, (_, i) => i + 1)).slice(0, negatives));
  const negLabels = r.shuffle(NEGATIVE_LINES);
  let negUsed = 0;

  const rows: Row[] = [];
  let row = lastHeader + 1;
  let lineNo = 110;
  let lineIndex = 0;
  const addLine = () => {
    const neg = negativeAt.has(lineIndex);
    const label = neg ? negLabels[negUsed++ % negLabels.length] : labels[lineIndex % labels.length];
    rows.push({ kind: 'line', r: row++, label, lineNo, exact: lineValue(neg) });
    lineNo += 10;
    lineIndex++;
  };

  const groupCount = f.shape === 'single' ? 1 : Math.min(r.int(2, 4), Math.floor(f.lines / 2));
  const sizes = Array<number>(groupCount).fill(f.shape === 'single' ? f.lines : 2);
  for (let extra = f.lines - sizes.reduce((a, b) => a + b, 0); extra > 0; extra--) sizes[r.int(0, groupCount - 1)]++;
  const groupNames = r.shuffle(GROUPS);
  const subtotalWord = f.subtotalWord;

  if (f.shape === 'single') {
    for (let i = 0; i < f.lines; i++) addLine();
  } else {
    sizes.forEach((n, g) => {
      const name = groupNames[g];
      if (f.shape === 'groups') {
        if (f.groupHeadings) rows.push({ kind: 'heading', r: row++, label: name });
        const first = row;
        for (let i = 0; i < n; i++) addLine();
        const members = rows.filter((x) => x.kind === 'line' && x.r >= first).map((x) => x.r);
        rows.push({
          kind: 'subtotal',
          r: row++,
          label: `${subtotalWord} ${name.toLowerCase()}`,
          lineNo: lineNo - 5,
          members,
          block: [first, row - 2],
        });
      } else {
        const totalRow: Row = { kind: 'group-total', r: row++, label: name, lineNo: lineNo - 5, members: [] };
        rows.push(totalRow);
        const first = row;
        for (let i = 0; i < n; i++) addLine();
        totalRow.members = rows.filter((x) => x.kind === 'line' && x.r >= first).map((x) => x.r);
        totalRow.block = [first, row - 1];
      }
      if (f.blankBetweenGroups && g < groupCount - 1) rows.push({ kind: 'blank', r: row++, label: null });
    });
  }
  const lineRows = rows.filter((x) => x.kind === 'line');
  const groupRows = rows.filter((x) => x.kind === 'subtotal' || x.kind === 'group-total');
  const body0 = lastHeader + 1;
  const grand: Row = {
    kind: 'grand',
    r: row++,
    label: f.grandLabel,
    lineNo: grandLineNo(lineNo - 10),
    members: lineRows.map((x) => x.r),
  };
  rows.push(grand);
  const byRow = new Map(rows.map((x) => [x.r, x]));

  // Where the mistake goes, chosen before "not available" marks so none lands on a cell it needs.
  const planted: Planted[] = [];
  const plantedCell: { row: number; col: number } | null = (() => {
    const yi = r.int(0, f.years - 1);
    switch (f.target) {
      case 'grand':
        return { row: grand.r, col: yearCol(yi) };
      case 'subtotal':
      case 'group-total':
        return { row: r.pick(groupRows).r, col: yearCol(yi) };
      case 'total-column':
        return { row: r.pick(lineRows).r, col: totalCol };
      case 'line':
        return { row: r.pick(lineRows.filter((x) => x.exact![0] > 0)).r, col: yearCol(yi) };
      case 'summary':
        return null; // on the summary sheet, planted with it
      default:
        return null;
    }
  })();
  /** Line cells the mistake needs to hold a figure: the one a short SUM leaves out, the unreadable one. */
  const protectedCells = new Set<string>();
  if (plantedCell && f.mistake === 'sum-short') {
    if (f.target === 'total-column') protectedCells.add(at(plantedCell.row, yearCol(f.years - 1)));
    else {
      const members = byRow.get(plantedCell.row)!.members!;
      protectedCells.add(at(members[members.length - 1], plantedCell.col));
    }
  }
  if (plantedCell && f.mistake === 'as-text') protectedCells.add(at(plantedCell.row, plantedCell.col));
  if (plantedCell && f.mistake === 'unreadable') {
    protectedCells.add(at(plantedCell.row, plantedCell.col));
    // The figure meant has a nought after its first digit, typed as the letter O: 1204 -> "1,2O4".
    const line = byRow.get(plantedCell.row)!;
    const yi = plantedCell.col - yearCol0;
    const meant = Math.max(10, Math.round(line.exact![yi]));
    const digits = String(meant).split('');
    digits[r.int(1, digits.length - 1)] = '0';
    line.exact![yi] += Number(digits.join('')) - Math.round(line.exact![yi]);
  }

  // Figures not available: counted as nothing by totals, typed or not.
  const marks = new Set<string>();
  if (f.notAvailable !== 'none') {
    const n = r.int(1, 3);
    for (let i = 0; i < n * 4 && marks.size < n; i++) {
      const line = r.pick(lineRows);
      const yi = r.int(0, f.years - 1);
      const a = at(line.r, yearCol(yi));
      if (protectedCells.has(a)) continue;
      marks.add(a);
      line.exact![yi] = 0;
    }
  }

  // What each line shows, and what each total truly is (in the last digit).
  const shown = (line: Row, yi: number) => Math.round(line.exact![yi]);
  const exactSum = (members: number[], ys: number[]) =>
    members.reduce((a, m) => a + ys.reduce((b, y) => b + byRow.get(m)!.exact![y], 0), 0);
  const shownSum = (members: number[], ys: number[]) =>
    members.reduce((a, m) => a + ys.reduce((b, y) => b + shown(byRow.get(m)!, y), 0), 0);
  const allYears = years.map((_, i) => i);
  /** The true figure of a total cell: typed totals are rounded from the unrounded figures. */
  const truth = (t: Row, ys: number[]): number =>
    f.rounded ? Math.round(exactSum(t.members!, ys)) : shownSum(t.members!, ys);
  const lineTruth = (line: Row): number =>
    f.rounded ? Math.round(line.exact!.reduce((a, b) => a + b, 0)) : allYears.reduce((a, y) => a + shown(line, y), 0);

  const typed = f.totals === 'typed';
  const yearFormula = (t: Row, col: number): string => {
    const c = X(col);
    if (t.kind === 'subtotal' || t.kind === 'group-total') return FN(`${c}${t.block![0] + 1}:${c}${t.block![1] + 1}`);
    if (f.shape === 'single') return FN(`${c}${lineRows[0].r + 1}:${c}${lineRows[lineRows.length - 1].r + 1}`);
    if (f.grand === 'subtotal-over-all') return `SUBTOTAL(9,${c}${body0 + 1}:${c}${grand.r})`;
    const cells = groupRows.map((g) => `${c}${g.r + 1}`);
    return f.grand === 'plus' ? cells.join('+') : `SUM(${cells.join(',')})`;
  };
  const acrossFormula = (rr: number, lastYear = f.years - 1) =>
    `SUM(${X(yearCol(0))}${rr + 1}:${X(yearCol(lastYear))}${rr + 1})`;

  for (const x of rows) {
    if (x.label) s.cells.set(at(x.r, labelCol), x.label);
    if (f.lineNumbers && x.lineNo !== undefined && x.kind !== 'heading') s.cells.set(at(x.r, lineNoCol), x.lineNo);
    if (x.kind === 'line') {
      allYears.forEach((y) => {
        const a = at(x.r, yearCol(y));
        s.cells.set(a, marks.has(a) ? f.notAvailable : num(money(shown(x, y)), fmt));
      });
      if (f.totalColumn !== 'none')
        s.cells.set(at(x.r, totalCol), typed ? num(money(lineTruth(x)), fmt) : fx(acrossFormula(x.r), fmt));
    } else if (x.kind === 'subtotal' || x.kind === 'group-total' || x.kind === 'grand') {
      allYears.forEach((y) =>
        s.cells.set(at(x.r, yearCol(y)), typed ? num(money(truth(x, [y])), fmt) : fx(yearFormula(x, yearCol(y)), fmt)),
      );
      if (f.totalColumn !== 'none')
        s.cells.set(
          at(x.r, totalCol),
          typed
            ? num(money(truth(x, allYears)), fmt)
            : fx(f.totalColumn === 'across' ? acrossFormula(x.r) : yearFormula(x, totalCol), fmt),
        );
    }
  }

  // Below the table: memo rows and a footnote.
  let below = grand.r + 2;
  const memoRows = new Set<number>();
  if (f.memo) {
    const memos = r
      .shuffle(['Memo: Better Care Fund contribution', 'Memo: client contributions', 'Memo: agency staff'])
      .slice(0, r.int(1, 2));
    for (const m of memos) {
      s.cells.set(at(below, labelCol), m);
      memoRows.add(below);
      lineValue(false).forEach((v, y) => s.cells.set(at(below, yearCol(y)), num(money(Math.round(v)), fmt)));
      below++;
    }
    below++;
  }
  if (f.footnote) {
    s.cells.set(
      at(below, labelCol),
      r.pick([
        `Note: ${years[0]} is the approved budget; later years are indicative.`,
        'Note: figures exclude capital and the public health grant.',
        'Source: budget book, as agreed at Cabinet.',
      ]),
    );
  }

  // A staffing table beside the plan, a blank column between.
  let side: Layout['side'] = null;
  if (f.sideTable) {
    const c0 = rightCol + 2;
    const cols = r.pick([['FTE'], ['Posts (FTE)', 'Vacancies (FTE)']]);
    s.cells.set(at(lastHeader, c0), r.pick(['Team', 'Staffing']));
    cols.forEach((h, i) => s.cells.set(at(lastHeader, c0 + 1 + i), h));
    const teams = r.shuffle(TEAMS).slice(0, r.int(3, 6));
    const halves = teams.map(() => cols.map(() => r.int(2, 80)));
    teams.forEach((t, i) => {
      s.cells.set(at(lastHeader + 1 + i, c0), t);
      halves[i].forEach((h, j) => s.cells.set(at(lastHeader + 1 + i, c0 + 1 + j), num(h / 2, '0.0')));
    });
    const tr = lastHeader + 1 + teams.length;
    side = { top: lastHeader, bottom: tr, left: c0, right: c0 + cols.length };
    s.cells.set(at(tr, c0), 'Total');
    const typedSide = r.chance(0.5);
    cols.forEach((_, j) => {
      const c = X(c0 + 1 + j);
      const total = halves.reduce((a, h) => a + h[j], 0) / 2;
      s.cells.set(
        at(tr, c0 + 1 + j),
        typedSide ? num(total, '0.0') : fx(`SUM(${c}${lastHeader + 2}:${c}${tr})`, '0.0'),
      );
    });
  }

  // The mistake.
  if (plantedCell) {
    const a = at(plantedCell.row, plantedCell.col);
    const t = byRow.get(plantedCell.row)!;
    const yi = plantedCell.col - yearCol0;
    const isTotalCol = plantedCell.col === totalCol;
    const trueTicks = isTotalCol
      ? t.kind === 'line'
        ? lineTruth(t)
        : truth(t, allYears)
      : t.kind === 'line'
        ? shown(t, yi)
        : truth(t, [yi]);
    const where = `${t.label} ${isTotalCol ? totalHeader : years[yi]}`;
    const plant = (rule: string, severity: Planted['severity'], what: string) =>
      planted.push({ sheet: s.name, cell: a, rule, severity, what: `${what} (${where})` });
    switch (f.mistake) {
      case 'typed-off': {
        const off =
          (r.chance(0.5) ? 1 : -1) *
          (f.unit === '£m' ? r.int(30, 500) : f.unit === '£' ? r.int(500, 50000) : r.int(30, 3000));
        s.cells.set(a, num(money(trueTicks + off), fmt));
        const rule = isTotalCol ? 'totals.row' : t.kind === 'grand' ? 'totals.column' : 'totals.subtotal';
        plant(rule, 'error', `a total typed ${Math.abs(money(off))} ${off > 0 ? 'over' : 'under'}`);
        break;
      }
      case 'sum-short': {
        const formula = isTotalCol
          ? acrossFormula(t.r, f.years - 2)
          : (() => {
              const c = X(plantedCell.col);
              const m = t.members!;
              return FN(`${c}${m[0] + 1}:${c}${m[m.length - 1]}`);
            })();
        s.cells.set(a, fx(formula, fmt));
        plant(
          'formulas.sum-leaves-out',
          'error',
          `a total whose ${formula} stops a ${isTotalCol ? 'column' : 'row'} early`,
        );
        break;
      }
      case 'double-count': {
        const c = X(plantedCell.col);
        s.cells.set(a, fx(`SUM(${c}${body0 + 1}:${c}${grand.r})`, fmt));
        plant('formulas.double-count', 'error', 'a grand total SUM over the lines and the group totals');
        break;
      }
      case 'typed-among-formulas':
        s.cells.set(a, num(money(trueTicks), fmt));
        plant('formulas.typed-total', 'warning', 'a total typed (right) among formula totals');
        break;
      case 'unreadable': {
        const text = unreadable(money(trueTicks), f.unit === '£m');
        s.cells.set(a, text);
        plant('figures.unreadable', 'error', `a figure typed as "${text}"`);
        break;
      }
      case 'as-text': {
        // Pasted from another system: the figure is right, but text, so Excel's SUM leaves it out.
        const text = String(money(trueTicks));
        s.cells.set(a, text);
        plant('figures.as-text', 'error', `a figure stored as text "${text}"`);
        break;
      }
    }
  }

  // Excel's SUBTOTAL leaves out the SUBTOTALs inside its range (HyperFormula counts them): the stored
  // result of a SUBTOTAL over everything is worked out here as Excel would.
  for (const [a, c] of s.cells) {
    if (typeof c !== 'object' || c === null || !('f' in c)) continue;
    const m = /^SUBTOTAL\(9,([A-Z]+)(\d+):\1(\d+)\)$/.exec(c.f);
    if (!m) continue;
    const counted: string[] = [];
    for (let rr = Number(m[2]); rr <= Number(m[3]); rr++) {
      const inner = s.cells.get(`${m[1]}${rr}`);
      if (inner === undefined) continue;
      if (typeof inner === 'object' && inner !== null && 'f' in inner && inner.f.startsWith('SUBTOTAL(')) continue;
      counted.push(`${m[1]}${rr}`);
    }
    s.cells.set(a, fx(c.f, c.fmt, counted.length > 0 ? `SUM(${counted.join(',')})` : '0'));
  }

  // What each cell of the plan sheet is, for breakdowns of findings.
  const roles = new Map<string, string>();
  for (const a of s.cells.keys()) {
    const { row: rr, col } = parseA1(a)!;
    const x = byRow.get(rr);
    const part =
      col === labelCol ? 'label' : col === lineNoCol ? 'line number' : col === totalCol ? 'TOTAL column' : 'year';
    roles.set(
      a,
      col > rightCol
        ? 'staffing table'
        : rr < body0
          ? 'title or header'
          : memoRows.has(rr)
            ? 'memo row'
            : x
              ? `${x.kind}, ${part}`
              : 'below the table',
    );
  }

  const sheets: ZooSheet[] = [s];
  if (f.summary) {
    // A summary by group, each figure fetched from the group's total on the plan, and its total.
    const sm = newSheet('Summary');
    sm.cells.set('A1', `Summary by client group (${unitWords.replace('Figures in ', '')})`);
    sm.cells.set('A3', 'Client group');
    years.forEach((y, i) => sm.cells.set(addr(2, 1 + i), y));
    const ref = (g: Row, y: number) => `${quoteSheet(s.name)}!${X(yearCol(y))}${g.r + 1}`;
    groupRows.forEach((g, i) => {
      sm.cells.set(addr(3 + i, 0), groupNames[i]);
      allYears.forEach((y) => sm.cells.set(addr(3 + i, 1 + y), fx(ref(g, y), fmt)));
    });
    const last = 3 + groupRows.length;
    sm.cells.set(addr(last, 0), 'Total');
    allYears.forEach((y) => sm.cells.set(addr(last, 1 + y), fx(`SUM(${X(1 + y)}4:${X(1 + y)}${last})`, fmt)));
    if (f.mistake === 'summary-off') {
      const gi = r.int(0, groupRows.length - 1);
      const yi = r.int(0, f.years - 1);
      const off =
        (r.chance(0.5) ? 1 : -1) *
        (f.unit === '£m' ? r.int(30, 500) : f.unit === '£' ? r.int(500, 50000) : r.int(30, 3000));
      const cell = addr(3 + gi, 1 + yi);
      sm.cells.set(cell, num(money(truth(groupRows[gi], [yi]) + off), fmt));
      planted.push({
        sheet: sm.name,
        cell,
        rule: 'totals.across-sheets',
        severity: 'error',
        what: `a summary figure typed ${Math.abs(money(off))} ${off > 0 ? 'over' : 'under'} the plan's group total (${groupNames[gi]} ${years[yi]})`,
      });
    }
    sheets.push(sm);
  }
  if (f.notesSheet) sheets.push(notesSheet());
  if (f.contacts) sheets.push(contactsSheet(), lookupSheet());
  const layout: Layout = {
    sheet: s.name,
    headerRows: Array.from({ length: f.headerRows }, (_, i) => top + i),
    rows: rows.map((x) => ({ row: x.r, kind: x.kind })),
    labelCol,
    lineNoCol: f.lineNumbers ? lineNoCol : null,
    yearCols: allYears.map(yearCol),
    totalCol: f.totalColumn !== 'none' ? totalCol : null,
    side,
  };
  return { sheets, planted, roles, layout };
}

/** A figure as printed, with one digit typed as a letter: 1204 -> "1,2O4", 10.4 -> "1O.4". */
function unreadable(v: number, oneDecimal: boolean): string {
  const printed = v.toLocaleString('en-GB', {
    minimumFractionDigits: oneDecimal ? 1 : 0,
    maximumFractionDigits: oneDecimal ? 1 : 0,
  });
  const i = printed.indexOf('0', 1);
  return `${printed.slice(0, i)}O${printed.slice(i + 1)}`;
}

/** A form's number for its total: the next number ending in 90 after the last line's (180 -> 190). */
function grandLineNo(last: number): number {
  const n = Math.floor(last / 100) * 100 + 90;
  return n > last ? n : n + 100;
}
