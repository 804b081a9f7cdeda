/**
 * Matching two versions of a plan by what the figures mean: tables by kind, sheet, title and
 * headers; lines by reference, label, or (renamed) label likeness and figures; columns by role,
 * measure and financial year, never by position.
 */
import type { ReadResult } from '../tables';
import { FIGURE_ROLES, shortHeader } from '../tables';
import type { FoundTable, TableColumn, TableRow } from '../tables/types';

/** Words of a label, for comparing: lower case, no punctuation, no leading reference number. */
const WORDS = new Map<string, string[]>();

export function words(label: string): string[] {
  // Labels repeat ("Grants", "Mainstream" under every line): each is split once.
  let w = WORDS.get(label);
  if (w) return w;
  if (WORDS.size > 200_000) WORDS.clear();
  w = splitWords(label);
  WORDS.set(label, w);
  return w;
}

function splitWords(label: string): string[] {
  return label
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '' && w !== 'and' && w !== 'the' && w !== 'of');
}

export function normalLabel(label: string): string {
  return words(label).join(' ');
}

/** Jaccard likeness of two word sets, 0..1. */
export function likeness(a: string[], b: string[]): number {
  const A = new Set(a);
  const B = new Set(b);
  if (A.size === 0 && B.size === 0) return 1;
  let both = 0;
  for (const w of A) if (B.has(w)) both++;
  return both / (A.size + B.size - both);
}

/** A sheet or table name without its years ("Plan 2024-25" and "Plan 2025-26" are the same sheet). */
function withoutYears(name: string): string {
  return normalLabel(name.replace(/\b(19|20)\d{2}\s*[-/]?\s*(\d{2}|\d{4})?\b/g, ' '));
}

/** The key a figure column is matched by: its role, measure and financial year, or its header. */
export function columnKey(c: TableColumn): string | null {
  if (!FIGURE_ROLES.has(c.role)) return null;
  if (c.year) return `${c.role === 'year' ? 'year' : c.role}|${c.measure ?? ''}|${c.year.label}`;
  return `${c.role}|${normalLabel(shortHeader(c.header))}`;
}

/** A row of figures and the name it is matched by. */
export interface KeyedRow {
  row: TableRow;
  /** "ref:03", "label:services for older people", plus "|source:grants" for a funding-source row. */
  key: string;
  /** What a person calls it: "03 Services for Older People", "… / Grants". */
  name: string;
  /** The line's words, for likeness when it was renamed. */
  words: string[];
}

const KEYED = new WeakMap<FoundTable, KeyedRow[]>();

/** The lines (and funding-source rows) of a table, keyed; totals and headings are left out. */
export function keyedLines(t: FoundTable): KeyedRow[] {
  const known = KEYED.get(t);
  if (known) return known;
  const out: KeyedRow[] = [];
  KEYED.set(t, out);
  const byRow = new Map(t.rows.map((r) => [r.row, r]));
  for (const r of t.rows) {
    if (r.role !== 'line' && r.role !== 'source') continue;
    const line = r.role === 'source' && r.lineRow !== undefined ? byRow.get(r.lineRow) : r;
    if (!line) continue;
    const base = line.ref ? `ref:${normalLabel(line.ref)}` : `label:${normalLabel(line.label)}`;
    const lineName = line.ref && line.label && line.ref !== line.label ? `${line.ref} ${line.label}` : line.label;
    if (r.role === 'source') {
      out.push({
        row: r,
        key: `${base}|source:${normalLabel(r.label)}`,
        name: `${lineName} / ${r.label}`,
        words: words(r.label),
      });
    } else out.push({ row: r, key: base, name: lineName, words: words(line.label) });
  }
  return out;
}

/** Total rows keyed by their label (and their order among totals of that label). */
export function keyedTotals(t: FoundTable): KeyedRow[] {
  const seen = new Map<string, number>();
  return t.rows
    .filter((r) => r.role === 'total' || r.role === 'subtotal')
    .map((r) => {
      const label = normalLabel(r.label) || 'total';
      const n = (seen.get(label) ?? 0) + 1;
      seen.set(label, n);
      return { row: r, key: `${label}#${n}`, name: r.label || 'Total', words: words(r.label) };
    });
}

export interface TablePair {
  old: FoundTable;
  new: FoundTable;
  score: number;
}

const COMPARED_KINDS = new Set([
  'financial-plan',
  'spend-funding',
  'totals-grid',
  'savings-envelope',
  'cost-benefit',
  'list',
]);

/** Pairs each table of the new version with the table of the old version it is a version of. */
export function matchTables(oldRead: ReadResult, newRead: ReadResult): TablePair[] {
  const olds = oldRead.tables.filter((t) => COMPARED_KINDS.has(t.kind));
  const news = newRead.tables.filter((t) => COMPARED_KINDS.has(t.kind));
  const candidates: TablePair[] = [];
  for (const n of news) {
    const nLines = keyedLines(n).map((l) => l.key.split('|')[0]);
    const nHeads = n.columns.map((c) => normalLabel(shortHeader(c.header).replace(/\d/g, '')));
    for (const o of olds) {
      let score = 0;
      if (o.kind === n.kind) score += 2;
      if (o.sheet === n.sheet) score += 3;
      else if (withoutYears(o.sheet) === withoutYears(n.sheet)) score += 2;
      if (o.title && n.title && withoutYears(o.title) === withoutYears(n.title)) score += 2;
      const oHeads = o.columns.map((c) => normalLabel(shortHeader(c.header).replace(/\d/g, '')));
      score += 2 * likeness(oHeads, nHeads);
      const oLines = keyedLines(o).map((l) => l.key.split('|')[0]);
      score += 4 * likeness(oLines, nLines);
      if (score >= 4) candidates.push({ old: o, new: n, score });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const usedOld = new Set<FoundTable>();
  const usedNew = new Set<FoundTable>();
  const pairs: TablePair[] = [];
  for (const c of candidates) {
    if (usedOld.has(c.old) || usedNew.has(c.new)) continue;
    usedOld.add(c.old);
    usedNew.add(c.new);
    pairs.push(c);
  }
  return pairs.sort((a, b) => news.indexOf(a.new) - news.indexOf(b.new));
}

export interface LineMatch {
  old?: KeyedRow;
  new?: KeyedRow;
  /** True when matched by likeness of label and figures rather than by reference or label. */
  renamed?: boolean;
}

/**
 * Lines of two versions of a table: by key; then, of those left, a renamed line by its reference
 * (same ref, new label) or by label likeness backed by its figures.
 */
export function matchLines(
  olds: KeyedRow[],
  news: KeyedRow[],
  sameFigures: (o: KeyedRow, n: KeyedRow) => number,
): LineMatch[] {
  const out: LineMatch[] = [];
  const newByKey = new Map<string, KeyedRow>();
  for (const n of news) if (!newByKey.has(n.key)) newByKey.set(n.key, n);
  const leftOld: KeyedRow[] = [];
  const usedNew = new Set<KeyedRow>();
  for (const o of olds) {
    const n = newByKey.get(o.key);
    if (n && !usedNew.has(n)) {
      out.push({ old: o, new: n });
      usedNew.add(n);
    } else leftOld.push(o);
  }
  const leftNew = news.filter((n) => !usedNew.has(n));
  // Renamed: the best remaining pair by likeness of words plus figures in common.
  const scored: { o: KeyedRow; n: KeyedRow; s: number }[] = [];
  for (const o of leftOld) {
    for (const n of leftNew) {
      const sameSource = o.key.includes('|') === n.key.includes('|');
      if (!sameSource) continue;
      const s = likeness(o.words, n.words) + sameFigures(o, n);
      if (s >= 0.6) scored.push({ o, n, s });
    }
  }
  scored.sort((a, b) => b.s - a.s);
  const doneOld = new Set<KeyedRow>();
  const doneNew = new Set<KeyedRow>();
  for (const { o, n } of scored) {
    if (doneOld.has(o) || doneNew.has(n)) continue;
    doneOld.add(o);
    doneNew.add(n);
    out.push({ old: o, new: n, renamed: true });
  }
  for (const o of leftOld) if (!doneOld.has(o)) out.push({ old: o });
  for (const n of leftNew) if (!doneNew.has(n)) out.push({ new: n });
  return out;
}

/** One pair of tables as compared: matched lines and columns, for the bridge. */
export interface ComparedPair {
  pair: TablePair;
  lines: LineMatch[];
  columns: { old?: TableColumn; new?: TableColumn; key: string }[];
  totals: { old: KeyedRow; new: KeyedRow }[];
}
