/**
 * The budget bridge (movement table) every medium-term financial strategy prints: for each year both
 * versions hold, last version's total, plus each line's movement (the largest first, the rest as
 * "Other lines", or by category where the settings map lines to categories), equals this version's
 * total; a check row that must be zero; and, where both versions state a cash limit, the movement of
 * the gap to it.
 *
 * Written into the new workbook as live formulas: each movement is the new cell less the old figure
 * (the old version is another file, so its figures are values with their source named); the end is
 * the new total's own cell; the check adds it all up.
 */
import { a1, quoteSheet } from '../grid';
import type { ReadResult } from '../tables';
import type { TableColumn } from '../tables/types';
import type { CellSpec, TableSpec } from '../spec';
import { fx, val } from '../spec';
import type { ComparedPair } from './match';

export interface BridgeRow {
  label: string;
  kind: 'start' | 'movement' | 'other' | 'unexplained' | 'end' | 'check' | 'gap-before' | 'gap-after' | 'gap-movement';
  /** One figure per year of the bridge. */
  values: number[];
  /**
   * Per year: the new workbook's cells the row's formula refers to, and the old figures it takes off
   * (as cells too, where the earlier version is a sheet of the same workbook).
   */
  refs?: { newCells: string[]; oldValue: number; oldCells?: string[] }[];
  /** Where the old figures came from ("plan-v1.xlsx Plan!G9"), per year. */
  source?: string[];
  /** For the gap now, where the cash limits come from the settings: the limit per year. */
  limits?: number[];
}

export interface Bridge {
  /** The new version's table. */
  table: string;
  title: string;
  years: string[];
  rows: BridgeRow[];
}

const LIMIT = /\b(cash limit|financial envelope|funding available|available funding|resources available)\b/i;

function num(read: ReadResult, sheet: string, row: number, col: number): number | null {
  const f = read.figure(sheet, row, col);
  return f.kind === 'number' || f.kind === 'nil' ? f.value : null;
}

function ref(sheet: string, row: number, col: number): string {
  return `${quoteSheet(sheet)}!${a1(row, col, true)}`;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export interface BridgeOptions {
  /** How many lines to show before the rest are summed as "Other lines" (default 8). */
  lines?: number;
  /** Line label -> category ("inflation", "demography and pressures", "savings", ...). */
  categories?: Record<string, string>;
  /** The old workbook's file name, to name where its figures came from. */
  oldName?: string;
  /** The earlier version is a sheet of the same workbook: its figures are referred to, not copied. */
  sameWorkbook?: boolean;
  /** The council's cash limit per year (settings), for the gap where the tables state none. */
  cashLimits?: Record<string, number>;
}

/** The bridges of a comparison: one per compared table that has years in both versions. */
export function buildBridges(
  oldRead: ReadResult,
  newRead: ReadResult,
  pairs: ComparedPair[],
  options: BridgeOptions = {},
): Bridge[] {
  const out: Bridge[] = [];
  for (const p of pairs) {
    const { pair } = p;
    const yearCols = p.columns.filter(
      (c): c is { old: TableColumn; new: TableColumn; key: string } =>
        !!c.old && !!c.new && !!c.new.year && c.new.role === 'year',
    );
    if (yearCols.length === 0) continue;
    const years = yearCols.map((c) => c.new.year!.label);
    const oldSheet = pair.old.sheet;
    const newSheet = pair.new.sheet;
    const lines = p.lines.filter((m) => (m.new ?? m.old)!.row.role === 'line');
    // The table's grand total: of its total rows, the one stating the most of these years' figures.
    const filled = (t: (typeof p.totals)[number]) =>
      yearCols.filter((c) => num(newRead, newSheet, t.new.row.row, c.new.col) !== null).length;
    const total = p.totals
      .filter((t) => t.new.row.role === 'total' && filled(t) > 0)
      .reduce<(typeof p.totals)[number] | undefined>(
        (best, t) => (!best || filled(t) > filled(best) ? t : best),
        undefined,
      );
    const startOf = (c: { old: TableColumn }) =>
      total
        ? (num(oldRead, oldSheet, total.old.row.row, c.old.col) ?? 0)
        : lines.reduce((s, m) => s + (m.old ? (num(oldRead, oldSheet, m.old.row.row, c.old.col) ?? 0) : 0), 0);
    const endOf = (c: { new: TableColumn }) =>
      total
        ? (num(newRead, newSheet, total.new.row.row, c.new.col) ?? 0)
        : lines.reduce((s, m) => s + (m.new ? (num(newRead, newSheet, m.new.row.row, c.new.col) ?? 0) : 0), 0);

    // Each line's movement per year, with the cells a formula refers to.
    const movements = lines.map((m) => {
      const name = (m.new ?? m.old)!.name;
      const label = m.new && m.old ? name : m.new ? `${name} (new line)` : `${name} (removed)`;
      const refs = yearCols.map((c) => ({
        newCells: m.new ? [ref(newSheet, m.new.row.row, c.new.col)] : [],
        oldValue: m.old ? (num(oldRead, oldSheet, m.old.row.row, c.old.col) ?? 0) : 0,
        ...(options.sameWorkbook && m.old ? { oldCells: [ref(oldSheet, m.old.row.row, c.old.col)] } : {}),
      }));
      const values = yearCols.map((c, i) =>
        round((m.new ? (num(newRead, newSheet, m.new.row.row, c.new.col) ?? 0) : 0) - refs[i].oldValue),
      );
      const source = yearCols.map((c) =>
        m.old ? `${options.oldName ?? 'the earlier version'} ${oldSheet}!${a1(m.old.row.row, c.old.col)}` : '',
      );
      return { label: name, shown: label, values, refs, source, category: options.categories?.[name] };
    });
    const moved = movements.filter((m) => m.values.some((v) => v !== 0));
    let rows: BridgeRow[];
    if (options.categories && Object.keys(options.categories).length > 0) {
      const groups = new Map<string, typeof moved>();
      for (const m of moved) {
        const k = m.category ?? 'Other';
        groups.set(k, [...(groups.get(k) ?? []), m]);
      }
      rows = [...groups.entries()].map(([k, ms]) => ({
        label: k.charAt(0).toUpperCase() + k.slice(1),
        kind: 'movement',
        values: years.map((_y, i) => round(ms.reduce((s, m) => s + m.values[i], 0))),
        refs: years.map((_y, i) => ({
          newCells: ms.flatMap((m) => m.refs[i].newCells),
          oldValue: round(ms.reduce((s, m) => s + m.refs[i].oldValue, 0)),
          ...(options.sameWorkbook ? { oldCells: ms.flatMap((m) => m.refs[i].oldCells ?? []) } : {}),
        })),
      }));
    } else {
      const size = (m: (typeof moved)[number]) => Math.max(...m.values.map(Math.abs));
      moved.sort((a, b) => size(b) - size(a));
      const shown = moved.slice(0, options.lines ?? 8);
      const rest = moved.slice(options.lines ?? 8);
      rows = shown.map((m) => ({ label: m.shown, kind: 'movement', values: m.values, refs: m.refs, source: m.source }));
      if (rest.length > 0) {
        rows.push({
          label: `Other lines (${rest.length})`,
          kind: 'other',
          values: years.map((_y, i) => round(rest.reduce((s, m) => s + m.values[i], 0))),
          refs:
            rest.length <= 40
              ? years.map((_y, i) => ({
                  newCells: rest.flatMap((m) => m.refs[i].newCells),
                  oldValue: round(rest.reduce((s, m) => s + m.refs[i].oldValue, 0)),
                  ...(options.sameWorkbook ? { oldCells: rest.flatMap((m) => m.refs[i].oldCells ?? []) } : {}),
                }))
              : undefined,
        });
      }
    }
    const start: BridgeRow = {
      // Worded as a line, not a total: the end row then totals the start and the movements, which is
      // what a reader (PlanCheck's own, on a later check) should find it does.
      label: `As in ${options.oldName ?? 'the earlier version'}`,
      kind: 'start',
      values: yearCols.map(startOf),
      refs:
        options.sameWorkbook && total
          ? yearCols.map((c) => ({
              newCells: [],
              oldValue: 0,
              oldCells: [ref(oldSheet, total.old.row.row, c.old.col)],
            }))
          : undefined,
      source: total
        ? yearCols.map(
            (c) => `${options.oldName ?? 'the earlier version'} ${oldSheet}!${a1(total.old.row.row, c.old.col)}`,
          )
        : undefined,
    };
    const end: BridgeRow = {
      label: 'Total now',
      kind: 'end',
      values: yearCols.map(endOf),
      refs: total
        ? yearCols.map((c) => ({ newCells: [ref(newSheet, total.new.row.row, c.new.col)], oldValue: 0 }))
        : undefined,
    };
    const explained = years.map((_y, i) => rows.reduce((s, r) => s + r.values[i], 0));
    const residual = years.map((_y, i) => round(end.values[i] - start.values[i] - explained[i]));
    const body: BridgeRow[] = [start, ...rows];
    if (residual.some((r) => r !== 0)) {
      body.push({ label: 'Change in the total not explained by its lines', kind: 'unexplained', values: residual });
    }
    body.push(end);
    body.push({ label: 'Check (must be zero)', kind: 'check', values: years.map(() => 0) });
    // The gap to the cash limit, where both versions state one.
    const oldLimit = pair.old.rows.find((r) => LIMIT.test(r.label));
    const newLimit = pair.new.rows.find((r) => LIMIT.test(r.label));
    if (oldLimit && newLimit) {
      const before = yearCols.map((c, i) =>
        round(start.values[i] - (num(oldRead, oldSheet, oldLimit.row, c.old.col) ?? 0)),
      );
      const after = yearCols.map((c, i) =>
        round(end.values[i] - (num(newRead, newSheet, newLimit.row, c.new.col) ?? 0)),
      );
      body.push(
        { label: 'Gap to the cash limit before', kind: 'gap-before', values: before },
        {
          label: 'Gap to the cash limit now',
          kind: 'gap-after',
          values: after,
          refs: yearCols.map((c) => ({ newCells: [ref(newSheet, newLimit.row, c.new.col)], oldValue: 0 })),
        },
        {
          label: 'Movement in the gap',
          kind: 'gap-movement',
          values: years.map((_y, i) => round(after[i] - before[i])),
        },
      );
    } else if (options.cashLimits && years.every((y) => typeof options.cashLimits![y] === 'number')) {
      // The cash limits the settings give (the same for both versions): the gap before and now.
      const limit = years.map((y) => options.cashLimits![y]);
      const before = years.map((_y, i) => round(start.values[i] - limit[i]));
      const after = years.map((_y, i) => round(end.values[i] - limit[i]));
      body.push(
        { label: 'Gap to the cash limit before', kind: 'gap-before', values: before },
        { label: 'Gap to the cash limit now', kind: 'gap-after', values: after, limits: limit },
        {
          label: 'Movement in the gap',
          kind: 'gap-movement',
          values: years.map((_y, i) => round(after[i] - before[i])),
        },
      );
    }
    out.push({
      table: pair.new.id,
      title: `Budget bridge: ${pair.new.title ?? `${newSheet}!${pair.new.range}`}`,
      years,
      rows: body,
    });
  }
  return out;
}

/** "plan-v1.xlsx Plan!F9, G9, H9": where a row's earlier figures came from. */
function sourceText(sources: string[] | undefined): string {
  const list = (sources ?? []).filter(Boolean);
  if (list.length === 0) return '';
  const m = /^(.*!)([A-Z]+\d+)$/.exec(list[0]);
  if (!m) return list[0];
  const cells = list.map((x) => /!([A-Z]+\d+)$/.exec(x)?.[1]).filter(Boolean);
  return `${m[1]}${cells.join(', ')}`;
}

/**
 * The bridge as cells for a port to write at `anchor`: a title, a header of years, one row per
 * movement, live formulas (values stored) referring to the new version's cells, a check row, and
 * a last column naming where the earlier version's figures came from.
 */
export function buildBridgeSpec(
  bridge: Bridge,
  anchor: { sheet: string; row: number; col: number },
  newSheet = false,
): TableSpec {
  const n = bridge.years.length;
  const bold = { bold: true };
  const cells: (CellSpec | null)[][] = [
    [val(bridge.title, bold)],
    [val('Movement', bold), ...bridge.years.map((y) => val(y, bold)), val('Earlier figures from', bold)],
  ];
  const top = anchor.row + 2;
  const at = (r: number, i: number) => a1(top + r, anchor.col + 1 + i);
  const startIdx = 0;
  const endIdx = bridge.rows.findIndex((r) => r.kind === 'end');
  bridge.rows.forEach((r, ri) => {
    const line: CellSpec[] = [val(r.label, r.kind === 'start' || r.kind === 'end' || r.kind === 'check' ? bold : {})];
    for (let i = 0; i < n; i++) {
      const v = r.values[i];
      const refs = r.refs?.[i];
      const fmt = '#,##0;(#,##0)';
      if (r.kind === 'check') {
        const moves = endIdx - 1 >= startIdx + 1 ? `+SUM(${at(startIdx + 1, i)}:${at(endIdx - 1, i)})` : '';
        line.push(fx(`=${at(startIdx, i)}${moves}-${at(endIdx, i)}`, 0, { numberFormat: fmt, bold: true }));
      } else if (r.kind === 'gap-movement') {
        line.push(fx(`=${at(ri - 1, i)}-${at(ri - 2, i)}`, v, { numberFormat: fmt }));
      } else if (r.kind === 'gap-after' && refs) {
        line.push(fx(`=${at(endIdx, i)}-${refs.newCells[0]}`, v, { numberFormat: fmt }));
      } else if (r.kind === 'gap-after' && r.limits) {
        line.push(fx(`=${at(endIdx, i)}-${r.limits[i]}`, v, { numberFormat: fmt }));
      } else if (r.kind === 'unexplained') {
        const moves = ri - 1 >= startIdx + 1 ? `-SUM(${at(startIdx + 1, i)}:${at(ri - 1, i)})` : '';
        line.push(fx(`=${at(endIdx, i)}-${at(startIdx, i)}${moves}`, v, { numberFormat: fmt }));
      } else if (refs && (refs.newCells.length > 0 || (refs.oldCells?.length ?? 0) > 0)) {
        const plus = (cells: string[]) => (cells.length === 1 ? cells[0] : `(${cells.join('+')})`);
        // The new cells less the earlier figures (their cells, where they are in this workbook).
        const now = refs.newCells.length > 0 ? plus(refs.newCells) : '';
        const was = refs.oldCells?.length
          ? plus(refs.oldCells)
          : refs.oldValue !== 0
            ? refs.oldValue < 0
              ? `(${refs.oldValue})`
              : String(refs.oldValue)
            : '';
        const formula = r.kind === 'start' ? was : now && was ? `${now}-${was}` : now || `-${was}`;
        line.push(fx(`=${formula}`, v, { numberFormat: fmt }));
      } else line.push(val(v, { numberFormat: fmt }));
    }
    line.push(val(sourceText(r.source)));
    cells.push(line);
  });
  // The chart's data beside the bridge, for its first year: each step's invisible base, rise, fall
  // and the totals, as formulas over the bridge's own cells; a waterfall drawn from it where the
  // host can draw charts (Excel).
  // Two empty columns away, so the reader keeps the chart data a table of its own (a list: nothing
  // in it is a total).
  const chartCol = n + 4;
  const steps = bridge.rows.filter(
    (r) =>
      r.kind === 'start' || r.kind === 'movement' || r.kind === 'other' || r.kind === 'unexplained' || r.kind === 'end',
  );
  const block: (CellSpec | null)[][] = [
    [val('Chart data', bold), val(`${bridge.years[0] ?? ''}`, bold)],
    [val('Step', bold), val('Base', bold), val('Rise', bold), val('Fall', bold), val('Start or end', bold)],
  ];
  let cum = 0;
  let firstMove = -1;
  bridge.rows.forEach((r, ri) => {
    if (!steps.includes(r)) return;
    const v = r.values[0] ?? 0;
    const b = at(ri, 0);
    const fmt = { numberFormat: '#,##0;(#,##0)' };
    if (r.kind === 'start' || r.kind === 'end') {
      block.push([
        val(r.kind === 'start' ? 'Earlier' : 'Now'),
        val(0, fmt),
        val(0, fmt),
        val(0, fmt),
        fx(`=${b}`, v, fmt),
      ]);
      if (r.kind === 'start') cum = v;
      return;
    }
    if (firstMove < 0) firstMove = ri;
    const before = ri > firstMove ? `${at(startIdx, 0)}+SUM(${at(firstMove, 0)}:${at(ri - 1, 0)})` : at(startIdx, 0);
    block.push([
      val(r.label),
      fx(`=IF(${b}>=0,${before},${before}+${b})`, v >= 0 ? cum : cum + v, fmt),
      fx(`=MAX(${b},0)`, Math.max(v, 0), fmt),
      fx(`=MAX(-${b},0)`, Math.max(-v, 0), fmt),
      val(0, fmt),
    ]);
    cum += v;
  });
  block.forEach((line, i) => {
    const row = (cells[i] ??= []);
    while (row.length < chartCol) row.push(null);
    row.push(...line);
  });
  return {
    title: bridge.title,
    anchor,
    newSheet,
    cells,
    columnWidths: [46, ...bridge.years.map(() => 12), 40, 4, 4, 34, 12, 12, 12, 12],
    charts:
      bridge.years.length > 0
        ? [
            {
              type: 'waterfall',
              title: `${bridge.title}, ${bridge.years[0]}`,
              data: { top: 1, left: chartCol, bottom: block.length - 1, right: chartCol + 4 },
              at: { row: Math.max(cells.length, block.length) + 1, col: 0 },
            },
          ]
        : undefined,
  };
}
