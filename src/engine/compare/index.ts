/**
 * Compare two versions of a plan by what the figures mean. Tables are paired by kind, sheet, title
 * and headers; lines by reference and label (a renamed line by its reference, or by likeness of
 * label and figures); years by financial year. So inserted rows and columns, moved blocks and
 * reordered lines make no difference; what changed is reported with the cells on both sides:
 * figures, lines added, removed or renamed, years added or removed, a formula turned into a typed
 * number (or back), and (an error) a total that changed although none of its lines did.
 */
import type { Severity } from '../findings';
import { a1 } from '../grid';
import { formatFigure } from '../numbers';
import { spellYear, yearSpellingOf } from '../say';
import { sayFor } from '../checks/context';
import type { ReadResult } from '../tables';
import type { FoundTable, TableColumn } from '../tables/types';
import type { ComparedPair, KeyedRow } from './match';
export type { ComparedPair } from './match';
import { columnKey, keyedLines, keyedTotals, matchLines, matchTables } from './match';

export { buildBridges, buildBridgeSpec, type Bridge, type BridgeRow } from './bridge';
export type { TablePair } from './match';

export type ChangeKind =
  'figure' | 'line-added' | 'line-removed' | 'line-renamed' | 'year-added' | 'year-removed' | 'formula' | 'total-only';

export interface Change {
  kind: ChangeKind;
  severity: Severity;
  /** The new version's table ("Plan!A4:L53"), or the old one's where the table is only there. */
  table: string;
  /** The line as the new version names it (or the old, for a removed line). */
  line?: string;
  /** The old name of a renamed line. */
  oldLine?: string;
  year?: string;
  /** The column's header in the new version. */
  column?: string;
  before?: number | string | null;
  after?: number | string | null;
  difference?: number;
  /** "Sheet!B7" in the old workbook. */
  oldCell?: string;
  /** "Sheet!B7" in the new workbook. */
  newCell?: string;
  /** For a line added or removed: its funding sources, which went or came with it ("Grants", "Mainstream"). */
  sources?: string[];
  message: string;
}

export interface CompareResult {
  tables: { kind: string; old: { sheet: string; range: string }; new: { sheet: string; range: string } }[];
  changes: Change[];
  /** The pairs, with what the bridge needs. */
  pairs: ComparedPair[];
}

interface Side {
  read: ReadResult;
  table: FoundTable;
}

function cellOf(side: Side, row: number, col: number): string {
  return `${side.table.sheet}!${a1(row, col)}`;
}

function numberAt(side: Side, row: number, col: number): number | null {
  const f = side.read.figure(side.table.sheet, row, col);
  return f.kind === 'number' || f.kind === 'nil' ? f.value : null;
}

function formulaAt(side: Side, row: number, col: number): string | null {
  return side.read.views[side.table.sheet]?.formula(row, col) ?? null;
}

function yearOf(c: TableColumn | undefined): string | undefined {
  return c?.year?.label;
}

/** A column's year as its header spells it ("2024-25"); the year's label where the header says none. */
function spelt(c: TableColumn): string {
  if (!c.year) return '';
  const spelling = yearSpellingOf(c.header);
  return spelling ? spellYear(c.year.start, spelling) : c.year.label;
}

function columnName(c: TableColumn): string {
  const parts = c.header.split(' / ');
  return parts[parts.length - 1] || c.letter;
}

/**
 * "Home care, 2024-25: 1,300 (£000) to 1,200, difference (100)": the unit once, and every figure,
 * the difference too, as Validate says it: negatives as the new version shows them (in brackets
 * where its figures are), positives bare.
 */
function changed(side: Side, where: string, before: number | null, after: number | null, difference: number): string {
  const say = sayFor(side.read, side.table);
  const one = (v: number | null) => (v === null ? 'blank' : say.fig(v));
  return `${where}: ${one(before)} to ${one(after)}, difference ${say.fig(difference)}`;
}

function fig(v: number | null | undefined): string {
  return v === null || v === undefined ? 'blank' : formatFigure(v);
}

/** A figure typed where there was a formula, or a formula where a figure was typed: one change, at both cells. */
function formulaChange(
  table: string,
  line: string,
  col: TableColumn,
  cells: { old: string; new: string },
  was: { before: number | null; after: number | null; oldF: string | null; newF: string | null },
): Change {
  const where = `${line}, ${columnName(col)}`;
  return {
    kind: 'formula',
    severity: 'info',
    table,
    line,
    year: yearOf(col),
    column: columnName(col),
    before: was.oldF ?? was.before,
    after: was.newF ?? was.after,
    oldCell: cells.old,
    newCell: cells.new,
    message: was.newF
      ? `${where} was typed as ${fig(was.before)} and is now a formula, ${was.newF}`
      : `${where} was the formula ${was.oldF} and is now typed as ${fig(was.after)}`,
  };
}

/** "Grants", "Grants and Mainstream", "Grants, Contributions and Mainstream". */
function and(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Of the rows only one version has, the funding-source rows whose line is only there too: folded
 * into their line (`within`, not listed on their own), and each such line's sources named, the one
 * on the line's own row first where the table has a source column.
 */
function folded(side: Side, only: KeyedRow[]): { sources: Map<KeyedRow, string[]>; within: Set<KeyedRow> } {
  const sources = new Map<KeyedRow, string[]>();
  const within = new Set<KeyedRow>();
  const lineAt = new Map(only.filter((k) => k.row.role === 'line').map((k) => [k.row.row, k]));
  const sourceCol = side.table.columns.find((c) => c.role === 'source');
  for (const k of only) {
    const line = k.row.role === 'source' && k.row.lineRow !== undefined ? lineAt.get(k.row.lineRow) : undefined;
    if (!line) continue;
    within.add(k);
    let list = sources.get(line);
    if (!list) {
      const own = sourceCol ? side.read.views[side.table.sheet]?.value(line.row.row, sourceCol.col) : null;
      list = typeof own === 'string' && own.trim() !== '' ? [own.trim()] : [];
      sources.set(line, list);
    }
    list.push(k.row.label);
  }
  return { sources, within };
}

/** Figure columns of both versions matched by role, measure and year (or header). */
function matchColumns(o: FoundTable, n: FoundTable): ComparedPair['columns'] {
  const out: ComparedPair['columns'] = [];
  const oldBy = new Map<string, TableColumn>();
  for (const c of o.columns) {
    const k = columnKey(c);
    if (k && !oldBy.has(k)) oldBy.set(k, c);
  }
  const seen = new Set<string>();
  for (const c of n.columns) {
    const k = columnKey(c);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push({ key: k, new: c, old: oldBy.get(k) });
  }
  for (const [k, c] of oldBy) if (!seen.has(k)) out.push({ key: k, old: c });
  return out;
}

export function compareWorkbooks(oldRead: ReadResult, newRead: ReadResult): CompareResult {
  const pairs = matchTables(oldRead, newRead);
  const changes: Change[] = [];
  const compared: ComparedPair[] = [];
  for (const pair of pairs) {
    const o: Side = { read: oldRead, table: pair.old };
    const n: Side = { read: newRead, table: pair.new };
    const table = pair.new.id;
    const columns = matchColumns(pair.old, pair.new);
    const both = columns.filter((c) => c.old && c.new) as { old: TableColumn; new: TableColumn; key: string }[];

    // Years added or removed: once per table and year.
    const oldYears = new Set(
      columns
        .filter((c) => c.old && !c.new)
        .map((c) => yearOf(c.old))
        .filter(Boolean),
    );
    const newYears = new Set(
      columns
        .filter((c) => c.new && !c.old)
        .map((c) => yearOf(c.new))
        .filter(Boolean),
    );
    const yearsBoth = new Set(both.map((c) => yearOf(c.new)).filter(Boolean));
    for (const y of newYears) {
      if (yearsBoth.has(y)) continue;
      const c = columns.find((x) => x.new && !x.old && yearOf(x.new) === y)!.new!;
      changes.push({
        kind: 'year-added',
        severity: 'info',
        table,
        year: y,
        newCell: cellOf(n, pair.new.top, c.col),
        message: `${spelt(c)} was added to ${pair.new.sheet}!${pair.new.range}`,
      });
    }
    for (const y of oldYears) {
      if (yearsBoth.has(y)) continue;
      const c = columns.find((x) => x.old && !x.new && yearOf(x.old) === y)!.old!;
      changes.push({
        kind: 'year-removed',
        severity: 'info',
        table,
        year: y,
        oldCell: cellOf(o, pair.old.top, c.col),
        message: `${spelt(c)} is no longer in ${pair.new.sheet}!${pair.new.range} (it was in ${pair.old.sheet}!${pair.old.range})`,
      });
    }

    const oldLines = keyedLines(pair.old);
    const newLines = keyedLines(pair.new);
    const sameFigures = (a: KeyedRow, b: KeyedRow): number => {
      let same = 0;
      let total = 0;
      for (const c of both) {
        const x = numberAt(o, a.row.row, c.old.col);
        const y = numberAt(n, b.row.row, c.new.col);
        if (x === null && y === null) continue;
        total++;
        if (x !== null && y !== null && Math.abs(x - y) < 1e-9) same++;
      }
      return total === 0 ? 0 : same / total;
    };
    const lines = matchLines(oldLines, newLines, sameFigures);
    // A line added or removed is one change: its funding-source rows, which came or went with it, are named in it.
    const removed = folded(
      o,
      lines.filter((m) => !m.new).map((m) => m.old!),
    );
    const added = folded(
      n,
      lines.filter((m) => !m.old).map((m) => m.new!),
    );
    const changedLineCells = new Set<string>();
    for (const m of lines) {
      if (m.old && m.new) {
        const renamed = m.renamed || m.old.name !== m.new.name;
        if (renamed && m.old.name.toLowerCase() !== m.new.name.toLowerCase()) {
          changes.push({
            kind: 'line-renamed',
            severity: 'info',
            table,
            line: m.new.name,
            oldLine: m.old.name,
            oldCell: cellOf(o, m.old.row.row, pair.old.left),
            newCell: cellOf(n, m.new.row.row, pair.new.left),
            message: `"${m.old.name}" is now called "${m.new.name}"`,
          });
        }
        for (const c of both) {
          const before = numberAt(o, m.old.row.row, c.old.col);
          const after = numberAt(n, m.new.row.row, c.new.col);
          const oldF = formulaAt(o, m.old.row.row, c.old.col);
          const newF = formulaAt(n, m.new.row.row, c.new.col);
          const year = yearOf(c.new);
          const where = `${m.new.name}, ${columnName(c.new)}`;
          if (
            (before ?? 0) !== (after ?? 0) &&
            !(before !== null && after !== null && Math.abs(before - after) < 1e-9)
          ) {
            changedLineCells.add(`${c.key}|${m.new.row.row}`);
            const difference = Math.round(((after ?? 0) - (before ?? 0)) * 1e6) / 1e6;
            changes.push({
              kind: 'figure',
              severity: 'info',
              table,
              line: m.new.name,
              year,
              column: columnName(c.new),
              before,
              after,
              difference,
              oldCell: cellOf(o, m.old.row.row, c.old.col),
              newCell: cellOf(n, m.new.row.row, c.new.col),
              message: changed(n, where, before, after, difference),
            });
          }
          if (!!oldF !== !!newF && (before !== null || after !== null)) {
            const cells = { old: cellOf(o, m.old.row.row, c.old.col), new: cellOf(n, m.new.row.row, c.new.col) };
            changes.push(formulaChange(table, m.new.name, c.new, cells, { before, after, oldF, newF }));
          }
        }
      } else if (m.new && !added.within.has(m.new)) {
        const sources = added.sources.get(m.new) ?? [];
        changes.push({
          kind: 'line-added',
          severity: 'info',
          table,
          line: m.new.name,
          newCell: cellOf(n, m.new.row.row, pair.new.left),
          ...(sources.length > 0 ? { sources } : {}),
          message:
            `"${m.new.name}" is a new line` +
            (sources.length > 0
              ? `, with its funding ${sources.length === 1 ? 'source' : 'sources'}: ${and(sources)}`
              : ''),
        });
      } else if (m.old && !removed.within.has(m.old)) {
        const sources = removed.sources.get(m.old) ?? [];
        changes.push({
          kind: 'line-removed',
          severity: 'info',
          table,
          line: m.old.name,
          oldCell: cellOf(o, m.old.row.row, pair.old.left),
          ...(sources.length > 0 ? { sources } : {}),
          message:
            `"${m.old.name}" is no longer in the plan` +
            (sources.length > 0
              ? `, nor ${sources.length === 1 ? 'is its funding source' : 'are its funding sources'}: ${and(sources)}`
              : ''),
        });
      }
    }

    // Totals: one that changed although none of its lines did (someone typed over it).
    const linesMoved = lines.some((m) => !m.old || !m.new);
    const oldTotals = keyedTotals(pair.old);
    const newTotals = new Map(keyedTotals(pair.new).map((t) => [t.key, t]));
    const totals: ComparedPair['totals'] = [];
    for (const ot of oldTotals) {
      const nt = newTotals.get(ot.key);
      if (!nt) continue;
      totals.push({ old: ot, new: nt });
      for (const c of both) {
        const before = numberAt(o, ot.row.row, c.old.col);
        const after = numberAt(n, nt.row.row, c.new.col);
        const oldF = formulaAt(o, ot.row.row, c.old.col);
        const newF = formulaAt(n, nt.row.row, c.new.col);
        const formulaGone = !!oldF !== !!newF && (before !== null || after !== null);
        const moved = before !== null && after !== null && Math.abs(before - after) >= 1e-9;
        const anyLine = [...changedLineCells].some((k) => k.startsWith(`${c.key}|`));
        const totalOnly = moved && !anyLine && !linesMoved;
        if (formulaGone && !totalOnly) {
          const cells = { old: cellOf(o, ot.row.row, c.old.col), new: cellOf(n, nt.row.row, c.new.col) };
          changes.push(formulaChange(table, nt.name, c.new, cells, { before, after, oldF, newF }));
        }
        if (!totalOnly || before === null || after === null) continue;
        const difference = Math.round((after - before) * 1e6) / 1e6;
        changes.push({
          kind: 'total-only',
          severity: 'error',
          table,
          line: nt.name,
          year: yearOf(c.new),
          column: columnName(c.new),
          before,
          after,
          difference,
          oldCell: cellOf(o, ot.row.row, c.old.col),
          newCell: cellOf(n, nt.row.row, c.new.col),
          message:
            `${nt.name}, ${columnName(c.new)}: ${fig(before)} to ${fig(after)}, although none of its lines changed: ` +
            `the total looks typed over` +
            (oldF && !newF ? ` (it was the formula ${oldF})` : ''),
        });
      }
    }
    compared.push({ pair, lines, columns, totals });
  }
  return {
    tables: pairs.map((p) => ({
      kind: p.new.kind,
      old: { sheet: p.old.sheet, range: p.old.range },
      new: { sheet: p.new.sheet, range: p.new.range },
    })),
    changes,
    pairs: compared,
  };
}
