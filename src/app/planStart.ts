/**
 * The budget projection starts from the workbook's plan (src/engine/generate/planLines.ts): the
 * form opens with the plan's lines and their figures in its latest year, the year after as the
 * first year; on insert, every typed line that is still the plan's (same name, same figure in the
 * base year) becomes a formula to the plan's cell, so the projection follows the plan. A line typed
 * with another figure is the user's own and is written as typed.
 */
import { financialYearStart } from '../engine/generate/layout';
import {
  cellRef,
  holds,
  planBase,
  planCellFor,
  plansOf,
  type PlanBase,
  type PlanLine,
} from '../engine/generate/planLines';
import { rangeA1 } from '../engine/grid';
import type { ReadResult } from '../engine/tables';
import type { GenerateInput } from './contract';
import { inputLines, inputText, PLAN_KEY } from './generateForms';

/** Where the form's figures came from, for the sentence above the form. */
export interface PlanSource {
  /** The plan's table, "Financial plan!B5:M54". */
  table: string;
  /** The title above it, if any ("3.1 Financial Plan"). */
  title?: string;
  baseYear: string;
  lines: number;
  /** Where the figures are: "Financial plan!H7:H49". */
  cells: string;
}

export interface GenerateStart {
  /** The form values the plan gives (lines, firstYear and the plan's table); none without a plan. */
  values: Record<string, string>;
  plan: PlanSource | null;
}

/** A figure as a finance officer types it, every digit kept ("75,376", "1,234.5"), so it reads back the same. */
export function typedFigure(n: number): string {
  const plain = String(Math.abs(n));
  if (/e/i.test(plain)) return String(n);
  const [whole, part] = plain.split('.');
  return `${n < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${part ? `.${part}` : ''}`;
}

/** "Financial plan!H7:H49" for the cells of some lines (one range a column, joined with "and"). */
export function cellsOf(lines: PlanLine[]): string {
  const byColumn = new Map<string, PlanLine[]>();
  for (const l of lines) {
    const key = `${l.sheet}\u0000${l.col}`;
    byColumn.set(key, [...(byColumn.get(key) ?? []), l]);
  }
  return [...byColumn.values()]
    .map((ls) => {
      const rows = ls.map((l) => l.row);
      return `${ls[0].sheet}!${rangeA1(Math.min(...rows), ls[0].col, Math.max(...rows), ls[0].col)}`;
    })
    .join(' and ');
}

function sourceOf(base: PlanBase): PlanSource {
  const t = base.table;
  return {
    table: `${t.sheet}!${t.range}`,
    ...(t.title ? { title: t.title } : {}),
    baseYear: base.baseYear,
    lines: base.lines.length,
    cells: cellsOf(base.lines),
  };
}

/** The budget form's values from a plan: its lines with their base-year figures, and the first year. */
export function valuesFrom(base: PlanBase): Record<string, string> {
  return {
    lines: base.lines.map((l) => `${l.label}, ${typedFigure(l.base)}`).join('\n'),
    firstYear: base.firstYear,
    [PLAN_KEY]: base.table.id,
  };
}

/**
 * The budget projection's start: the plan holding the selection, else the workbook's first plan
 * (financial plans before other tables of lines by year); empty when there is none. With `only`
 * the selection's table is the one, or there is none.
 */
export function budgetStart(
  read: ReadResult,
  selection: { sheet: string; cell: string } | null,
  only = false,
): GenerateStart {
  const plans = plansOf(read, { selection });
  const chosen = only ? plans.find((p) => !!selection && holds(p.table, selection.sheet, selection.cell)) : plans[0];
  return chosen ? { values: valuesFrom(chosen), plan: sourceOf(chosen) } : { values: {}, plan: null };
}

/** The plan's lines in the base year the form's first year gives (the form's own plan table first). */
export function planChoices(read: ReadResult, input: GenerateInput): PlanLine[] {
  const baseStart = baseStartOf(input);
  const [first] = plansOf(read, { table: inputText(input, PLAN_KEY) });
  if (!first) return [];
  return (baseStart === null ? first : planBase(read, first.table, baseStart))?.lines ?? [];
}

function baseStartOf(input: GenerateInput): number | null {
  const start = financialYearStart(inputText(input, 'firstYear') ?? '');
  return start === null ? null : start - 1;
}

/**
 * The budget lines linked to the plan's cells: each line still the plan's gets `lineSources` (a
 * reference to its cell, from a formula on `fromSheet`); `linked` says which plan lines they are.
 */
export function linkToPlan(
  read: ReadResult,
  input: GenerateInput,
  fromSheet?: string,
): { input: GenerateInput; linked: PlanLine[] } {
  const baseStart = baseStartOf(input);
  if (baseStart === null) return { input, linked: [] };
  const plans = plansOf(read, { table: inputText(input, PLAN_KEY) }).map((p) => p.table);
  const linked: PlanLine[] = [];
  const sources = inputLines(input).map((line) => {
    const cell = planCellFor(read, plans, line, baseStart);
    if (cell) linked.push(cell);
    return cell ? cellRef(cell, fromSheet) : '';
  });
  return linked.length === 0 ? { input, linked } : { input: { ...input, lineSources: sources }, linked };
}

/** What the insert says of the base figures it linked: where they refer to, so the user knows it follows the plan. */
export function linkedNote(linked: PlanLine[], lines: number): string {
  if (linked.length === 0) return '';
  const which = linked.length === lines ? 'Its base figures' : `${linked.length} of its ${lines} base figures`;
  return ` ${which} refer to ${cellsOf(linked)}, so it follows the plan when the plan changes.`;
}
