/**
 * The pane's Benchmarks feature: the council's indicators against its comparators (rank, average,
 * quartile, better or worse), the councils the tables name, the council they are read for, and the
 * comparison inserted on a sheet of its own in the workbook's house style.
 */
import { sortFindings, type Finding } from '../engine/findings';
import type { WorkbookSnapshot } from '../engine/grid';
import type { WorkbookPort, WriteResult } from '../engine/port';
import type { Settings } from '../engine/settings';
import type { TableSpec } from '../engine/spec';
import type { FoundTable } from '../engine/tables';
import type { Engine, IndicatorLike } from './contract';
import type { Result } from './result';
import { NOTHING_WRITTEN } from './messages';
import { benchmarkTable } from './pipeline';
import type { BenchmarksFound } from './runner';

export interface BenchmarkView {
  indicators: IndicatorLike[];
  findings: Finding[];
  councils: string[];
  own: string | null;
}

/** What the feature needs of the controller: the engine, the port, the settings in force, a write that asks, and the house style. */
export interface BenchmarkContext {
  engine: Engine;
  port: WorkbookPort;
  settings(): Promise<Settings>;
  write(spec: TableSpec): Promise<WriteResult | null>;
  /** A new table in the workbook's house style (or PlanCheck's plain one, as the settings say). */
  styled(spec: TableSpec, wb: WorkbookSnapshot, tables: FoundTable[]): Promise<TableSpec>;
  /** The indicators and the tables read, off the page's thread where the engine has a worker (src/app/runner). */
  benchmarks(wb: WorkbookSnapshot, settings: Settings): Promise<BenchmarksFound>;
}

export async function benchmarkView(ctx: BenchmarkContext): Promise<Result<BenchmarkView>> {
  const settings = await ctx.settings();
  const wb = await ctx.port.read();
  const { tables, result } = await ctx.benchmarks(wb, settings);
  const own = settings.benchmark?.own ?? ownInTables(tables);
  const view: BenchmarkView = {
    indicators: result.indicators,
    findings: sortFindings(result.findings),
    councils: councilsIn(tables, result.indicators, own ?? undefined),
    // The council the tables are read for: the one set, else the table's own column ("WCC").
    own,
  };
  const note = result.indicators.length === 0 ? 'PlanCheck found no comparator table in this workbook.' : undefined;
  return { ok: true, value: view, note };
}

export async function insertBenchmarks(ctx: BenchmarkContext): Promise<Result<WriteResult | null>> {
  const settings = await ctx.settings();
  const wb = await ctx.port.read();
  const { tables, result } = await ctx.benchmarks(wb, settings);
  if (result.indicators.length === 0) return { ok: false, error: 'There is no comparator table to compare.' };
  const spec = benchmarkTable(ctx.engine, wb, result);
  // The house style from the tables already read: the workbook is read once for the whole insert.
  const written = await ctx.write(await ctx.styled(spec, wb, tables));
  if (!written) return { ok: true, value: null, note: NOTHING_WRITTEN };
  return { ok: true, value: written, note: `Added the comparison on "${written.sheet}".` };
}

/** The council a comparator table's own column names (its header's last part), when there is one. */
function ownInTables(tables: FoundTable[]): string | null {
  for (const t of tables) {
    if (t.kind !== 'comparator') continue;
    const own = t.columns.find((c) => c.role === 'own');
    const name = own?.header.split(' / ').pop()?.trim();
    if (name) return name;
  }
  return null;
}

/** Council names: the comparators the engine found, the headers of comparator tables, and the own council. */
function councilsIn(tables: FoundTable[], indicators: IndicatorLike[], own?: string): string[] {
  const names = new Set<string>();
  if (own) names.add(own);
  for (const i of indicators) for (const c of i.source?.comparators ?? []) if (c.name.trim()) names.add(c.name.trim());
  for (const t of tables) {
    if (t.kind !== 'comparator') continue;
    for (const c of t.columns) {
      if (c.role !== 'own' && c.role !== 'comparator') continue;
      const name = c.header.split(' / ').pop()?.trim();
      if (name) names.add(name);
    }
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}
