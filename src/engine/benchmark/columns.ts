/**
 * Which column (or row) of a comparator table is what, decided from the header text (and,
 * when the reader's snapshot is at hand, from what the cells hold), not from the reader's
 * role guesses.
 *
 * Two layouts:
 * - indicators as rows (CIPFA charts, Manchester's cost per head, Worcestershire's ASCOF table):
 *   a label column, perhaps a code column, the own council's column, comparator councils'
 *   columns and/or a printed comparator average, England average, rank, count, variance and
 *   polarity columns;
 * - councils as rows (the transpose): a council-name column, one column per indicator, the own
 *   council's row, comparator rows, perhaps an average, England and polarity ("Good is") row.
 */
import type { CellValue } from '../grid';
import type { Settings } from '../settings';
import type { ReadResult } from '../tables';
import type { FoundTable } from '../tables/types';
import { ascofCode } from './polarity';

export type HeaderKind =
  | 'label'
  | 'code'
  | 'own'
  | 'average'
  | 'england'
  | 'englandRank'
  | 'englandCount'
  | 'rank'
  | 'count'
  | 'variance'
  | 'polarity'
  | 'text'
  | 'other'
  | 'council';

export interface IndicatorsAsRows {
  layout: 'indicators-as-rows';
  label: number | null;
  code: number | null;
  own: number | null;
  /** How the own column was found. */
  ownBy: 'name' | 'initials' | 'only-council' | 'beside-average' | null;
  comparators: { col: number; name: string }[];
  average: number | null;
  england: number | null;
  rank: number | null;
  count: number | null;
  englandRank: number | null;
  englandCount: number | null;
  variance: number | null;
  /** True when the variance column's header says it is a percentage ("Variance %"). */
  variancePercent: boolean;
  polarity: number | null;
  /** Columns read as text or left alone. */
  other: number[];
}

export interface CouncilsAsRows {
  layout: 'councils-as-rows';
  /** The column holding council names. */
  councilCol: number;
  indicators: { col: number; header: string; code: string | null }[];
  ownRow: number | null;
  ownBy: 'name' | 'initials' | null;
  comparators: { row: number; name: string }[];
  averageRow: number | null;
  englandRow: number | null;
  polarityRow: number | null;
  rankRow: number | null;
  countRow: number | null;
  /** Columns left alone (rank, count, text). */
  other: number[];
}

export type ComparatorMapping = IndicatorsAsRows | CouncilsAsRows;

type CellReader = Pick<ReadResult, 'views' | 'figure'>;

const COUNCIL_SUFFIX =
  /\b(metropolitan borough council|metropolitan district council|royal borough council|county borough council|borough council|district council|county council|city council|city of|council|mbc|cc|bc|dc|mdc|rbc|ua|unitary authority|london borough of|royal borough of|the)\b/g;

/** Lower case, punctuation gone, council words gone, bracketed notes and years gone. */
export function normaliseCouncil(name: string): string {
  return name
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/\b(19|20)\d\d([/-]\d{2,4})?\b/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(COUNCIL_SUFFIX, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const INITIAL_SKIP = new Set(['of', 'and', 'the', 'upon', 'on', 'in']);
const ABBREVIATION_SUFFIXES = ['', 'C', 'CC', 'BC', 'MBC', 'DC', 'MDC', 'RBC', 'UA', 'CO', 'COUNCIL'];

function initials(words: string): string {
  return words
    .split(/\s+/)
    .filter((w) => w !== '' && !INITIAL_SKIP.has(w.toLowerCase()))
    .map((w) => w[0].toUpperCase())
    .join('');
}

/**
 * How a header names the own council: 'name' ("Worcestershire", "Worcestershire County
 * Council", "Manchester (£)"), 'initials' ("WCC" for Worcestershire [County Council], "MCC",
 * "B&H"), or null.
 */
export function matchOwn(header: string, own: string | undefined): 'name' | 'initials' | null {
  if (!own || own.trim() === '') return null;
  const h = normaliseCouncil(header);
  const o = normaliseCouncil(own);
  if (o !== '' && h === o) return 'name';
  const raw = header.trim();
  const abbrev = raw.replace(/[^A-Za-z]/g, '').toUpperCase();
  if (/^[A-Z&.\s]{2,9}$/.test(raw) && abbrev.length >= 2) {
    if (initials(own.replace(/[^A-Za-z\s]/g, ' ')) === abbrev) return 'initials';
    const core = initials(o);
    if (core !== '' && abbrev.startsWith(core) && ABBREVIATION_SUFFIXES.includes(abbrev.slice(core.length)))
      return 'initials';
  }
  return null;
}

const RE = {
  polarity: /good is|polarity|better is|is better|is good|desired direction|direction of travel|^direction$/,
  rank: /\brank|\bposition\b/,
  count:
    /\bcassrs?\b|\bout of\b|number of (councils|authorities|cassrs|comparators|las)|group size|no\.? in group|^of$|^n$|councils in group|authorities in group/,
  englandish: /\bengland\b|\bnational\b|\ball councils\b|\ball cassrs\b|\beng\b/,
  variance:
    /varian|difference|\bdiff\b|\bgap\b|\+\/-|above\s*\/\s*below|compared (to|with)|\bvs\.? (average|comparators?)/,
  percentish: /%|per ?cent|\bpct\b/,
  printedPosition: /percentile|quartile/,
  region:
    /\bregion(al)?\b|\bwest midlands\b|\beast midlands\b|\bnorth west\b|\bnorth east\b|\bsouth west\b|\bsouth east\b|\blondon\b|\byorkshire and\b|\beastern\b/,
  average: /\baverage\b|\bmean\b|\bavg\b|\bav\.?$/,
  groupName:
    /^(comparators?|comparator group|nearest neighbours?|cipfa (nearest |statistical )?neighbours?|statistical neighbours?|similar (councils|authorities)|similarly deprived authorities|peer group|family group|cipfa group|group)$/,
  code: /^(code|ref\.?|reference|ascof( ref| code| measure)?|measure (code|ref|no\.?)|pi( ref| code| no\.?)?|no\.?|id|indicator (code|ref|no\.?)|kpi (code|ref))$/,
  label:
    /indicator|measure|description|service|\bkpi\b|\bpi\b|metric|client group|category|\barea\b|\bitem\b|\bname\b|\btitle\b|\boutcome\b|\bline\b|\bheading\b/,
  text: /driver|\bunit|source|\bnote|comment|\bbasis\b|target|trend|\brag\b|status|\byear\b|period|\bdate\b|denominator|numerator|definition|narrative|\baction|\blead\b|\bowner/,
  ownWord: /^(own|us|our council|this council|own council|own authority|this authority)$/,
  councilHeader: /^(council|authority|cassr|la|local authority|councils|authorities|comparator councils?|name)$/,
  year: /^(fy\s*)?(19|20)\d\d([/-]\d{2,4})?$/,
};

/** Splits a joined header ("Comparators / Stockport") into its parts, lower case. */
function parts(header: string): string[] {
  return header
    .split(' / ')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p !== '');
}

/** Classifies one column header (indicators-as-rows layout). */
export function classifyComparatorHeader(
  header: string,
  own?: string,
): { kind: HeaderKind; ownBy?: 'name' | 'initials' } {
  const ps = parts(header);
  if (ps.length === 0) return { kind: 'other' };
  const last = ps[ps.length - 1];
  const all = ps.join(' ');
  const lastRaw = header.split(' / ').pop()?.trim() ?? header;
  const byName = matchOwn(lastRaw, own) ?? matchOwn(header, own);
  if (byName) return { kind: 'own', ownBy: byName };
  if (RE.polarity.test(all)) return { kind: 'polarity' };
  if (RE.rank.test(all)) return { kind: RE.englandish.test(all) ? 'englandRank' : 'rank' };
  if (RE.count.test(all)) return { kind: RE.englandish.test(all) ? 'englandCount' : 'count' };
  if (RE.variance.test(all)) return { kind: 'variance' };
  if (RE.printedPosition.test(all)) return { kind: 'other' };
  if (RE.englandish.test(all)) return { kind: 'england' };
  if (RE.region.test(all) && (RE.average.test(all) || ps.length === 1)) return { kind: 'other' };
  if (RE.average.test(all) || RE.groupName.test(last)) return { kind: 'average' };
  if (RE.code.test(last)) return { kind: 'code' };
  if (RE.ownWord.test(last)) return { kind: 'own', ownBy: 'name' };
  if (RE.label.test(all)) return { kind: 'label' };
  if (RE.text.test(all) || RE.year.test(last) || RE.councilHeader.test(last)) return { kind: 'text' };
  return { kind: 'council' };
}

/** What the cells of a column hold under the header: mostly codes, words, figures, or nothing. */
function columnContent(
  table: FoundTable,
  col: number,
  read?: CellReader,
): 'codes' | 'words' | 'figures' | 'empty' | null {
  if (!read) return null;
  const view = read.views[table.sheet];
  if (!view) return null;
  let codes = 0;
  let words = 0;
  let figures = 0;
  for (const r of table.rows) {
    if (r.role === 'blank' || r.role === 'section') continue;
    const v = view.value(r.row, col);
    if (v === null) continue;
    const f = read.figure(table.sheet, r.row, col);
    const t = typeof v === 'string' ? v.trim() : '';
    if (ascofCode(t) === t.toUpperCase() || (/[A-Z]/i.test(t) && /^[A-Z]{0,3}\d+(\.\d+)*[A-Z]?\d?$/i.test(t))) codes++;
    if (f.kind === 'number' || f.kind === 'nil') figures++;
    else if (f.kind === 'text') words++;
  }
  const n = codes + words + figures;
  if (n === 0) return 'empty';
  if (codes > 0 && codes >= n / 2 && codes >= figures) return 'codes';
  if (figures >= words) return 'figures';
  return 'words';
}

function rowLabel(table: FoundTable, row: number, col: number | null, read?: CellReader): string {
  if (read && col !== null) {
    const v = read.views[table.sheet]?.value(row, col);
    if (v !== null && v !== undefined) return String(v).trim();
  }
  return table.rows.find((r) => r.row === row)?.label?.trim() ?? '';
}

/**
 * Decides what each column of a comparator table is. `read` (optional) lets it look at the
 * cells to tell a code column from a label column and a text column from a council's.
 */
export function mapComparatorColumns(table: FoundTable, settings: Settings, read?: CellReader): ComparatorMapping {
  const own = settings.benchmark?.own;
  const m: IndicatorsAsRows = {
    layout: 'indicators-as-rows',
    label: null,
    code: null,
    own: null,
    ownBy: null,
    comparators: [],
    average: null,
    england: null,
    rank: null,
    count: null,
    englandRank: null,
    englandCount: null,
    variance: null,
    variancePercent: false,
    polarity: null,
    other: [],
  };
  const labels: number[] = [];
  const councils: { col: number; name: string }[] = [];
  const columns = [...table.columns].sort((a, b) => a.col - b.col);
  for (const c of columns) {
    const header = (c.header ?? '').trim();
    const classified = classifyComparatorHeader(header, own);
    let kind = classified.kind;
    const ownBy = classified.ownBy;
    const content = columnContent(table, c.col, read);
    if (header === '' && c.col === table.left) kind = 'label';
    if (kind === 'council' && (content === 'words' || content === 'codes'))
      kind = content === 'codes' ? 'code' : 'text';
    if (kind === 'label' && content === 'codes') kind = 'code';
    if ((kind === 'code' || kind === 'label') && content === 'figures') kind = 'council';
    const slots = m as unknown as Record<string, number | null>;
    const first = (key: string): boolean => {
      if (slots[key] !== null) return false;
      slots[key] = c.col;
      return true;
    };
    switch (kind) {
      case 'own':
        if (m.own === null) {
          m.own = c.col;
          m.ownBy = ownBy ?? 'name';
        } else councils.push({ col: c.col, name: header });
        break;
      case 'label':
        labels.push(c.col);
        break;
      case 'code':
        if (!first('code')) m.other.push(c.col);
        break;
      case 'average':
      case 'england':
      case 'rank':
      case 'count':
      case 'englandRank':
      case 'englandCount':
      case 'polarity':
        if (!first(kind)) m.other.push(c.col);
        break;
      case 'variance':
        if (first('variance')) m.variancePercent = RE.percentish.test(header.toLowerCase());
        else m.other.push(c.col);
        break;
      case 'council':
        councils.push({ col: c.col, name: header.split(' / ').pop()?.trim() || header });
        break;
      default:
        m.other.push(c.col);
    }
  }
  // Label: the first label-like column. Without the cells to look at, "Measure" (or "Indicator")
  // beside another label column ("Description") is taken as the code column.
  if (labels.length > 0) {
    let pick = labels[0];
    if (labels.length > 1 && m.code === null) {
      const h0 = (columns.find((c) => c.col === labels[0])?.header ?? '').trim().toLowerCase();
      if (/^(measure|indicator|pi|kpi)$/.test(h0)) {
        m.code = labels[0];
        pick = labels[1];
      }
    }
    m.label = pick;
    for (const l of labels) if (l !== m.label && l !== m.code) m.other.push(l);
  }
  if (m.label === null) {
    const textCol = m.other.find((c) => columnContent(table, c, read) === 'words');
    if (textCol !== undefined) {
      m.label = textCol;
      m.other = m.other.filter((c) => c !== textCol);
    } else if (m.code !== null) {
      m.label = m.code;
    }
  }

  // Councils as rows: the own council (or an average row) is among the row labels, not the headers.
  const codeHeaders = columns.filter((c) => ascofCode(c.header) !== null && c.col !== m.code && c.col !== m.label);
  if ((m.own === null && m.average === null) || (m.own === null && codeHeaders.length >= 2)) {
    const transposed = mapTransposed(table, settings, read, codeHeaders.length >= 2);
    if (transposed) return transposed;
  }

  if (m.own === null && councils.length > 0) {
    if (councils.length === 1) {
      m.own = councils[0].col;
      m.ownBy = 'only-council';
      councils.length = 0;
    } else if (m.average !== null) {
      const avg = m.average;
      const left = councils.filter((c) => c.col < avg);
      const right = councils.filter((c) => c.col > avg);
      const pick =
        left.length === 1 && left[0].col === avg - 1
          ? left[0]
          : right.length === 1 && right[0].col === avg + 1
            ? right[0]
            : null;
      if (pick) {
        m.own = pick.col;
        m.ownBy = 'beside-average';
        councils.splice(councils.indexOf(pick), 1);
      }
    }
  }
  m.comparators = councils;
  return m;
}

function isAverageLabel(label: string): boolean {
  const l = label.toLowerCase();
  return !RE.englandish.test(l) && (RE.average.test(l) || RE.groupName.test(l.trim()));
}

function mapTransposed(
  table: FoundTable,
  settings: Settings,
  read: CellReader | undefined,
  force: boolean,
): CouncilsAsRows | null {
  const own = settings.benchmark?.own;
  const columns = [...table.columns].sort((a, b) => a.col - b.col);
  const councilColumn =
    columns.find((c) => RE.councilHeader.test(parts(c.header ?? '').pop() ?? '')) ??
    columns.find((c) => columnContent(table, c.col, read) === 'words') ??
    columns[0];
  if (!councilColumn) return null;
  const councilCol = councilColumn.col;
  const lines = table.rows.filter((r) => r.role !== 'blank' && r.role !== 'section');
  let ownRow: number | null = null;
  let ownBy: 'name' | 'initials' | null = null;
  let averageRow: number | null = null;
  let englandRow: number | null = null;
  let polarityRow: number | null = null;
  let rankRow: number | null = null;
  let countRow: number | null = null;
  const comparators: { row: number; name: string }[] = [];
  for (const r of lines) {
    const label = rowLabel(table, r.row, councilCol, read);
    if (label === '') continue;
    const l = label.toLowerCase();
    const by = matchOwn(label, own);
    if (by && ownRow === null) {
      ownRow = r.row;
      ownBy = by;
    } else if (RE.polarity.test(l)) polarityRow ??= r.row;
    else if (RE.rank.test(l)) rankRow ??= r.row;
    else if (RE.count.test(l)) countRow ??= r.row;
    else if (RE.englandish.test(l)) englandRow ??= r.row;
    else if (isAverageLabel(label)) averageRow ??= r.row;
    else if (RE.region.test(l) || RE.variance.test(l) || RE.printedPosition.test(l)) continue;
    else comparators.push({ row: r.row, name: label });
  }
  if (ownRow === null && averageRow === null && !force) return null;
  const indicators: CouncilsAsRows['indicators'] = [];
  const other: number[] = [];
  for (const c of columns) {
    if (c.col === councilCol) continue;
    const header = (c.header ?? '').trim();
    const kind = classifyComparatorHeader(header).kind;
    const content = columnContent(table, c.col, read);
    const code = ascofCode(header);
    const notIndicator = ['rank', 'count', 'englandRank', 'englandCount', 'polarity', 'code', 'variance'].includes(
      kind,
    );
    if (code || (!notIndicator && content !== 'words' && content !== 'codes' && header !== ''))
      indicators.push({ col: c.col, header, code });
    else other.push(c.col);
  }
  if (indicators.length === 0) return null;
  return {
    layout: 'councils-as-rows',
    councilCol,
    indicators,
    ownRow,
    ownBy,
    comparators,
    averageRow,
    englandRow,
    polarityRow,
    rankRow,
    countRow,
    other,
  };
}

/** A cell value as text, for labels. */
export function cellText(v: CellValue): string {
  return v === null ? '' : String(v).trim();
}
