/**
 * The pane's Risks feature: the registers scored on the council's matrix (one heat map and one
 * ranked list per register, each on its own matrix), score columns written beside the registers
 * that can be scored, the heat map and the ranked list inserted on sheets of their own, the
 * inconsistent cells marked, and a risk's row selected. The controller runs these one at a time
 * and turns any error into a sentence.
 */
import { sortFindings, type Finding } from '../engine/findings';
import type { WorkbookSnapshot } from '../engine/grid';
import type { WorkbookPort, WriteResult } from '../engine/port';
import type { Settings } from '../engine/settings';
import { uniqueSheetName } from '../engine/sheetNames';
import type { TableSpec } from '../engine/spec';
import type { Engine, RiskAnalysisLike } from './contract';
import type { Result } from './result';
import { marksFor } from './marks';
import { scoreColumnsToAdd } from './pipeline';
import type { RisksFound } from './runner';
import { NOTHING_WRITTEN, plural } from './messages';
import { hasScores, whyNotScored } from '../engine/risk/heatmap';
import {
  arrangeRegisters,
  buildRiskView,
  matrixView,
  type RegisterView,
  type RiskView,
  type UnscoredRegister,
} from './riskView';

export interface RisksResult extends RiskView {
  /**
   * Each register with a score, with its own heat map and ranked list on its own matrix (what the
   * pane shows): those with errors first.
   */
  byRegister: RegisterView[];
  /** Each register none of whose risks has a score, with why: one line each, last. */
  unscored: UnscoredRegister[];
  findings: Finding[];
}

/** What the feature needs of the controller: the engine, the port, the settings in force, a write that asks before covering cells. */
export interface RiskContext {
  engine: Engine;
  port: WorkbookPort;
  settings(): Promise<Settings>;
  write(spec: TableSpec): Promise<WriteResult | null>;
  /** The registers found and judged, off the page's thread where the engine has a worker (src/app/runner). */
  risks(wb: WorkbookSnapshot, settings: Settings): Promise<RisksFound>;
}

async function analyse(
  ctx: RiskContext,
): Promise<{ wb: WorkbookSnapshot; settings: Settings; analysis: RiskAnalysisLike; matrix: object }> {
  const settings = await ctx.settings();
  const wb = await ctx.port.read();
  const { analysis } = await ctx.risks(wb, settings);
  return { wb, settings, analysis, matrix: ctx.engine.matrixFromSettings(settings.risk) };
}

/** Why Insert heat map is not offered, or refused, when no register has a score. */
export const NO_HEAT_MAP = 'No heat map can be drawn: no register has a risk with a score';

export async function scoreRisks(ctx: RiskContext): Promise<Result<RisksResult>> {
  const { settings, analysis, matrix } = await analyse(ctx);
  // Draw on the registers' own matrix when they agree on one (a 3x3 H/M/L register on a 3x3 grid).
  const own = analysis.registers.map((r) => r.scoring).filter((m): m is object => m !== undefined);
  const names = new Set(analysis.registers.map((r) => String(r.matrix ?? '')));
  const drawOn = own.length > 0 && own.length === analysis.registers.length && names.size === 1 ? own[0] : matrix;
  const view = buildRiskView(analysis, matrixView(drawOn, settings.risk?.preset));
  const { scored: byRegister, unscored } = arrangeRegisters(analysis, matrix, settings.risk?.preset);
  const note = analysis.registers.length === 0 ? 'PlanCheck found no risk register in this workbook.' : undefined;
  return { ok: true, value: { ...view, byRegister, unscored, findings: sortFindings(analysis.findings) }, note };
}

export async function insertScoreColumns(ctx: RiskContext): Promise<Result<number>> {
  const { analysis, matrix } = await analyse(ctx);
  const { add: scorable, cannot } = scoreColumnsToAdd(analysis.registers);
  if (analysis.registers.length === 0) return { ok: false, error: 'There is no risk register to add scores to.' };
  if (scorable.length + cannot.length === 0)
    return { ok: true, value: 0, note: 'Every register already has a score column.' };
  // A register none of whose risks can be scored would get empty columns: say why instead.
  const why = cannot
    .map((r) => {
      const reason = r.risks.find((risk) => risk.unscorable)?.unscorable ?? 'none of its risks has a score';
      return `${r.sheet}!${r.range} has no score columns added: it cannot be scored (${reason}).`;
    })
    .join(' ');
  let written = 0;
  for (const reg of scorable) {
    if (await ctx.write(ctx.engine.buildScoreColumns(reg, matrix))) written++;
  }
  const said = (text: string) => (why ? `${text} ${why}` : text);
  if (scorable.length === 0) return { ok: true, value: 0, note: why };
  if (written === 0) return { ok: true, value: 0, note: said(NOTHING_WRITTEN) };
  return { ok: true, value: written, note: said(`Added score columns beside ${plural(written, 'register')}.`) };
}

/** The heat map or the ranked list of every register, on a new sheet. */
export async function insertRiskSheet(
  ctx: RiskContext,
  which: 'heatMap' | 'rankedList',
): Promise<Result<WriteResult | null>> {
  const { wb, analysis, matrix } = await analyse(ctx);
  if (analysis.registers.length === 0) return { ok: false, error: 'There is no risk register to draw from.' };
  // A register with no score has no place on a grid: the heat map names it, and so does the note.
  const left = which === 'heatMap' ? analysis.registers.filter((r) => !hasScores(r)) : [];
  const why = left.map((r) => `${r.sheet}!${r.range} has no grid: it cannot be scored (${whyNotScored(r)}).`);
  if (left.length === analysis.registers.length) {
    return { ok: false, error: [`${NO_HEAT_MAP}.`, ...why].join(' ') };
  }
  const spec =
    which === 'heatMap'
      ? ctx.engine.buildHeatMap(analysis, matrix, uniqueSheetName(wb, 'Risk heat map'))
      : ctx.engine.buildRankedList(analysis, uniqueSheetName(wb, 'Ranked risks'));
  const written = await ctx.write(spec);
  if (!written) return { ok: true, value: null, note: NOTHING_WRITTEN };
  return { ok: true, value: written, note: [`Added "${written.sheet}".`, ...why].join(' ') };
}

export async function markRiskFindings(ctx: RiskContext): Promise<Result<number>> {
  const { analysis } = await analyse(ctx);
  if (analysis.registers.length === 0) return { ok: false, error: 'There is no risk register to check.' };
  const marks = marksFor(analysis.findings.filter((f) => f.severity !== 'info'));
  await ctx.port.clearMarks();
  if (marks.length === 0) return { ok: true, value: 0, note: 'Nothing to mark: every risk is consistent.' };
  await ctx.port.mark(marks);
  return {
    ok: true,
    value: marks.length,
    note: `Marked ${plural(marks.length, 'cell')} to look at. Clear highlights takes the colours off.`,
  };
}

export async function selectRisk(
  ctx: RiskContext,
  risk: { id: string; sheet: string; row?: number; cell?: string },
): Promise<Result<null>> {
  const cell = risk.cell ?? (risk.row !== undefined ? `A${risk.row}` : undefined);
  if (!cell) return { ok: false, error: `PlanCheck does not know which row risk ${risk.id} is on.` };
  await ctx.port.select(risk.sheet, cell);
  return { ok: true, value: null, note: `Selected risk ${risk.id} at ${risk.sheet}!${cell}.` };
}
