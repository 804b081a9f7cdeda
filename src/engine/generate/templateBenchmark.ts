/**
 * Filling the council's own benchmarking table (the shape of Worcestershire 2017's ASCOF table:
 * indicators down the side; columns for the council, its rank among the comparators, how many
 * councils, the comparator average, and a quartile). The comparators' figures go in a named block
 * beside the table, one row per indicator, shaded as inputs (or stay where an earlier fill put
 * them); the council's figure is the template's own or the config's. PlanCheck writes:
 *
 *     rank      = 1 + how many comparators do better     (COUNTIF, higher or lower is better)
 *     councils  = the comparators counted + the council   (only where the template leaves it empty)
 *     average   = AVERAGE of the comparators' figures
 *     quartile  = rank ÷ councils in quarters, 1 the best (ROUNDUP(4 × rank ÷ councils))
 *
 * Whether higher or lower is better comes from the config, else from the ASCOF code. Columns for
 * England (rank, councils, average) are the template's and are left as they are.
 */
import { a1, columnLetter, quoteSheet } from '../grid';
import { normalLabel } from '../compare/match';
import type { ReadResult } from '../tables';
import type { FoundTable } from '../tables/types';
import type { TableSpec } from '../spec';
import { fx, val } from '../spec';
import { ascofCode, ascofPolarity, type Polarity } from '../benchmark/polarity';
import { quartileOf, rankInGroup } from '../benchmark/stats';
import { safeName } from './layout';
import { headerText, labelledRows, labelOutside, numberAt, TemplateCells, TemplateError } from './template';

export interface BenchmarkIndicatorInput {
  /** The indicator's code ("1C1B") or label, as the template shows it. */
  indicator: string;
  /** The council's figure, where the template leaves it empty. */
  own?: number;
  /** The comparators' figures, in the order of comparatorNames. */
  comparators?: number[];
}

export interface BenchmarkTemplateInput {
  indicators?: BenchmarkIndicatorInput[];
  /** The comparators' names, for the block's header ("Comparator 1"... when not given). */
  comparatorNames?: string[];
  /** The header of the council's column ("WCC"), when it is not "Council" or the like. */
  council?: string;
  /** Codes or labels of indicators where lower is better, or higher; the ASCOF list decides the rest. */
  lowerIsBetter?: string[];
  higherIsBetter?: string[];
  /** Prefix of the names PlanCheck adds ("Benchmark"). */
  name?: string;
}

export interface BenchmarkTemplateFill {
  spec: TableSpec;
  /** The indicators filled, by code or label. */
  indicators: string[];
  written: string[];
  /** Where the comparators' figures are: the block PlanCheck added, or the one an earlier fill added. */
  comparators: { from: string; added: boolean };
}

const BLOCK_TITLE = "Comparators' figures";
const NOT_ENGLAND = (h: string) => !/england|national|all councils/i.test(h);

export function fillBenchmarkTemplate(
  read: ReadResult,
  t: FoundTable,
  input: BenchmarkTemplateInput,
): BenchmarkTemplateFill {
  const view = read.views[t.sheet];
  if (!view) throw new TemplateError(`The sheet ${t.sheet} could not be read.`);
  const headers = Array.from({ length: t.right - t.left + 1 }, (_, k) => ({
    col: t.left + k,
    text: headerText(view, t, t.left + k),
  }));
  const column = (test: (h: string) => boolean) => headers.find((h) => test(h.text))?.col;
  const own = input.council
    ? column((h) => normalLabel(h) === normalLabel(input.council!))
    : (t.columns.find((c) => c.role === 'own')?.col ??
      column((h) => /\b(council|this council|our|ours|own)\b/i.test(h) && !/comparator|average|rank/i.test(h)));
  const rank = column((h) => /\brank/i.test(h) && NOT_ENGLAND(h));
  const count = column((h) => /cassrs|councils|\bcount\b|number of|out of|^\s*of\s*$/i.test(h) && NOT_ENGLAND(h));
  const average = column((h) => /average|\bmean\b/i.test(h) && NOT_ENGLAND(h));
  const quartile = column((h) => /quartile/i.test(h) && NOT_ENGLAND(h));
  if (own === undefined) {
    throw new TemplateError(
      `The benchmarking template ${t.sheet}!${t.range} has no column for the council's figure: give its header as "council" in the config.`,
    );
  }
  if (rank === undefined && average === undefined && quartile === undefined) {
    throw new TemplateError(
      `The benchmarking template ${t.sheet}!${t.range} has no comparator rank, comparator average or quartile column to fill.`,
    );
  }

  // The indicators: each labelled row, known by its ASCOF code where it shows one, else its label.
  const given = new Map((input.indicators ?? []).map((i) => [normalLabel(i.indicator), i]));
  const rows = labelledRows(view, t).map((r) => {
    let code: string | null = null;
    for (let c = t.left; c <= t.right && !code; c++) {
      const v = view.value(r.row, c);
      if (typeof v === 'string') code = ascofCode(v);
    }
    const key = code ?? r.label;
    return { row: r.row, key, input: given.get(normalLabel(key)) ?? given.get(normalLabel(r.label)) };
  });
  if (rows.length === 0) throw new TemplateError(`The benchmarking template ${t.sheet}!${t.range} has no indicators.`);

  // The comparators' figures: the block an earlier fill added, or a new one from the config.
  const cells = new TemplateCells(t);
  const names: TableSpec['names'] = [];
  const prefix = safeName(input.name ?? 'Benchmark');
  const existing = labelOutside(
    view,
    t,
    /^comparators' figures/i,
    (row, col) => col > t.right && row >= t.top && row <= t.bottom,
  );
  let first: number;
  let width: number;
  let added = false;
  const figures = new Map<number, number[]>();
  if (existing) {
    first = existing.col + 1;
    width = 0;
    while (!view.isEmpty(existing.row, first + width)) width++;
    for (const r of rows) {
      const list: number[] = [];
      for (let k = 0; k < width; k++) {
        const v = numberAt(read, t.sheet, r.row, first + k);
        if (v !== null) list.push(v);
      }
      figures.set(r.row, list);
    }
  } else {
    const without = rows.filter((r) => !r.input?.comparators?.length).map((r) => r.key);
    if (without.length > 0) {
      throw new TemplateError(
        `PlanCheck has no comparators' figures for ${without.slice(0, 3).join(', ')}${without.length > 3 ? ` and ${without.length - 3} more` : ''}: give them as "comparators" for each indicator in the config.`,
      );
    }
    width = Math.max(...rows.map((r) => r.input!.comparators!.length));
    const labelCol = t.right + 3;
    first = labelCol + 1;
    added = true;
    const headerRow = Math.max(...t.headerRows);
    cells.put(headerRow, labelCol, val(BLOCK_TITLE, { bold: true }), false);
    for (let k = 0; k < width; k++) {
      cells.put(headerRow, first + k, val(input.comparatorNames?.[k] ?? `Comparator ${k + 1}`, { bold: true }), false);
    }
    for (const r of rows) {
      cells.put(r.row, labelCol, val(r.key), false);
      r.input!.comparators!.forEach((v, k) => cells.put(r.row, first + k, val(v, { input: true }), false));
      figures.set(r.row, [...r.input!.comparators!]);
    }
    names.push({
      name: `${prefix}_Comparators`,
      top: rows[0].row - t.top,
      left: first - t.left,
      bottom: rows[rows.length - 1].row - t.top,
      right: first + width - 1 - t.left,
    });
  }
  const range = (row: number) => `${a1(row, first)}:${a1(row, first + width - 1)}`;

  const lower = new Set((input.lowerIsBetter ?? []).map(normalLabel));
  const higher = new Set((input.higherIsBetter ?? []).map(normalLabel));
  const polarityOf = (key: string): Polarity | null =>
    lower.has(normalLabel(key)) ? 'lower' : higher.has(normalLabel(key)) ? 'higher' : ascofPolarity(key);
  const unknown = rows.filter((r) => polarityOf(r.key) === null).map((r) => r.key);
  if (unknown.length > 0 && (rank !== undefined || quartile !== undefined)) {
    throw new TemplateError(
      `PlanCheck does not know whether higher or lower is better for ${unknown.slice(0, 3).join(', ')}${unknown.length > 3 ? ` and ${unknown.length - 3} more` : ''}: list them in "lowerIsBetter" or "higherIsBetter" in the config.`,
    );
  }

  for (const r of rows) {
    const comps = figures.get(r.row) ?? [];
    if (comps.length === 0) throw new TemplateError(`PlanCheck has no comparators' figures for ${r.key}.`);
    let ownValue = numberAt(read, t.sheet, r.row, own);
    if (ownValue === null) {
      if (r.input?.own === undefined) {
        throw new TemplateError(
          `PlanCheck has no figure of the council's for ${r.key}: give it in the template or as "own" in the config.`,
        );
      }
      ownValue = r.input.own;
      cells.put(r.row, own, val(ownValue));
    }
    const ownRef = a1(r.row, own);
    const polarity = polarityOf(r.key) ?? 'higher';
    const placed = rankInGroup(ownValue, comps, polarity);
    // The number of councils: the template's own figure, checked, or worked out.
    let countRef: string;
    if (count !== undefined && numberAt(read, t.sheet, r.row, count) !== null && !view.formula(r.row, count)) {
      const stated = numberAt(read, t.sheet, r.row, count)!;
      if (stated !== placed.of) {
        throw new TemplateError(
          `The template says ${stated} councils for ${r.key}, but there are ${comps.length} comparators' figures and the council's (${placed.of}).`,
        );
      }
      countRef = a1(r.row, count);
    } else if (count !== undefined) {
      cells.put(r.row, count, fx(`=COUNT(${range(r.row)})+1`, placed.of));
      countRef = a1(r.row, count);
    } else countRef = `(COUNT(${range(r.row)})+1)`;
    if (rank !== undefined) {
      cells.put(
        r.row,
        rank,
        fx(`=COUNTIF(${range(r.row)},"${polarity === 'lower' ? '<' : '>'}"&${ownRef})+1`, placed.rank),
      );
    }
    if (average !== undefined) {
      cells.put(r.row, average, fx(`=AVERAGE(${range(r.row)})`, comps.reduce((s, v) => s + v, 0) / comps.length));
    }
    if (quartile !== undefined) {
      const rankRef =
        rank !== undefined
          ? a1(r.row, rank)
          : `(COUNTIF(${range(r.row)},"${polarity === 'lower' ? '<' : '>'}"&${ownRef})+1)`;
      cells.put(
        r.row,
        quartile,
        fx(`=MIN(4,MAX(1,ROUNDUP(4*${rankRef}/${countRef},0)))`, quartileOf(placed.rank, placed.of)),
      );
    }
  }

  const from = `${quoteSheet(t.sheet)}!$${columnLetter(first)}$${rows[0].row + 1}:$${columnLetter(first + width - 1)}$${rows[rows.length - 1].row + 1}`;
  return {
    spec: cells.spec(`Benchmarking into ${t.sheet}!${t.range}`, names),
    indicators: rows.map((r) => r.key),
    written: cells.written,
    comparators: { from, added },
  };
}
