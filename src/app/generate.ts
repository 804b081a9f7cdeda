/**
 * The pane's Generate feature: the preview of a table while the form is typed, the insert (at the
 * selected cell, on a new sheet or at an anchor; a budget projection's lines still the plan's become
 * formulas to its cells, so the projection follows the plan), and the form started from the plan.
 * The plan is read in the engine's worker where there is one (src/app/runner).
 */
import { parseA1, type WorkbookSnapshot } from '../engine/grid';
import { applyHouseStyle, type HouseStyle } from '../engine/houseStyle';
import type { WorkbookPort, WriteResult } from '../engine/port';
import type { Settings } from '../engine/settings';
import { uniqueSheetName } from '../engine/sheetNames';
import type { TableSpec } from '../engine/spec';
import type { FoundTable } from '../engine/tables';
import type { Anchor, Engine, GenerateKind } from './contract';
import { formFor, inputLines, parseForm } from './generateForms';
import { errorSentence, NOTHING_WRITTEN } from './messages';
import { linkedNote, type GenerateStart } from './planStart';
import { tablePreview } from './previewText';
import type { Result } from './result';
import type { Task, TaskArgs, TaskResults } from './runner';
import type { GeneratedView } from './views';

/** Where a generated table goes: at the selected cell, on a new sheet, or at a given anchor. */
export type Placement = 'selection' | 'new-sheet' | Anchor;

/** What the feature needs of the controller. */
export interface GenerateContext {
  engine: Engine;
  port: WorkbookPort;
  settings(): Promise<Settings>;
  /** A write that asks before covering cells, kept for Undo. */
  write(spec: TableSpec): Promise<WriteResult | null>;
  /** Engine work on a snapshot, in the engine's worker where there is one, with progress and Cancel. */
  engineWork<T extends Task>(
    task: T,
    wb: WorkbookSnapshot,
    settings: Settings,
    args?: TaskArgs[T],
  ): Promise<TaskResults[T]>;
  /** The look of the workbook's plan for a new table (null: PlanCheck's plain look). */
  houseStyle(wb: WorkbookSnapshot | null, tables?: FoundTable[]): Promise<HouseStyle | null>;
}

/** Builds a table for the preview; touches nothing. */
export function previewTable(
  engine: Pick<Engine, 'generate'>,
  kind: GenerateKind,
  values: Record<string, string>,
): Result<GeneratedView> {
  try {
    const parsed = parseForm(kind, values);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const built = engine.generate(kind, parsed.input, { sheet: 'Preview', row: 0, col: 0, newSheet: true });
    return { ok: true, value: { title: formFor(kind).title, ...tablePreview(built) } };
  } catch (e) {
    // The builders refuse figures that do not fit together ("has 3 years of figures where the first
    // cost row has 5") in a sentence about the form: that is what the preview says while typing.
    if (e instanceof Error && e.constructor === Error)
      return { ok: false, error: `${e.message} Correct the figures to see the preview.` };
    return { ok: false, error: errorSentence(e) };
  }
}

/** Inserts a generated table at the selected cell, on a new sheet, or at an anchor. */
export async function insertGenerated(
  ctx: GenerateContext,
  kind: GenerateKind,
  values: Record<string, string>,
  placement: Placement,
): Promise<Result<WriteResult | null>> {
  const parsed = parseForm(kind, values);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const title = formFor(kind).title;
  let anchor: Anchor | null = typeof placement === 'object' ? placement : null;
  if (placement === 'selection') {
    const sel = ctx.port.selection ? await ctx.port.selection() : null;
    const cell = sel ? parseA1(sel.cell.split(':')[0]) : null;
    if (sel && cell) anchor = { sheet: sel.sheet, row: cell.row, col: cell.col };
    else
      return {
        ok: false,
        error: `No cell is selected: select the cell where the ${title.toLowerCase()} should start, or choose On a new sheet.`,
      };
  }
  let wb: WorkbookSnapshot | null = null;
  if (!anchor || kind === 'budget') wb = await ctx.port.read();
  if (!anchor) anchor = { sheet: uniqueSheetName(wb!, title), row: 0, col: 0, newSheet: true };
  // The budget lines still the plan's are formulas to its cells, so the projection follows the plan.
  const linked =
    kind === 'budget'
      ? await ctx.engineWork('linkPlan', wb!, await ctx.settings(), { input: parsed.input, fromSheet: anchor.sheet })
      : null;
  const input = linked?.input ?? parsed.input;
  const built = ctx.engine.generate(kind, input, anchor);
  const plain: TableSpec = anchor.newSheet ? { ...built.spec, newSheet: true } : built.spec;
  const house = await ctx.houseStyle(wb, linked?.tables);
  const written = await ctx.write(house ? applyHouseStyle(plain, house) : plain);
  if (!written) return { ok: true, value: null, note: NOTHING_WRITTEN };
  return {
    ok: true,
    value: written,
    note:
      `Inserted the ${title.toLowerCase()} at ${written.sheet}!${written.range}.` +
      linkedNote(linked?.linked ?? [], inputLines(input).length) +
      (house ? ` It takes the look of the table at ${house.source} (Settings › Style of new tables).` : ''),
  };
}

/**
 * The budget projection's form from the workbook's plan: the table at the selection first, else the
 * first plan found (src/app/planStart.ts); no values without one. With `only`, the selection's table or none.
 */
export async function startFromPlan(ctx: GenerateContext, only: boolean): Promise<Result<GenerateStart>> {
  const wb = await ctx.port.read();
  const sel = ctx.port.selection ? await ctx.port.selection() : null;
  const start = await ctx.engineWork('planStart', wb, await ctx.settings(), { selection: sel, only });
  if (!only || start.plan) return { ok: true, value: start };
  return {
    ok: false,
    error: sel
      ? `${sel.sheet}!${sel.cell} is not in a table of budget lines by year: select a cell in the plan's table, then try again.`
      : "No cell is selected: select a cell in the plan's table, then try again.",
  };
}
