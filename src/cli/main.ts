/**
 * plancheck: the engine for scripts and CI. Reads an .xlsx through the exceljs port, runs one
 * feature, prints text or JSON, and optionally writes a changed copy (--out). Never changes the input.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { countBySeverity, sortFindings, type Finding } from '../engine/findings';
import type { WorkbookSnapshot } from '../engine/grid';
import { OverwriteRefusedError, PortError } from '../engine/port';
import type { Settings } from '../engine/settings';
import { describeTables, tableSummary } from '../engine/tables';
import { evidenceHtml } from '../engine/evidence';
import type { FoundTable, ReadResult } from '../engine/tables';
import { fillBudgetTemplate, TemplateError, type TemplateFill } from '../engine/generate/template';
import { fillSavingsTemplate, type SavingsTemplateInput } from '../engine/generate/templateSavings';
import { fillCostBenefitTemplate, type CostBenefitTemplateInput } from '../engine/generate/templateCostBenefit';
import { fillBenchmarkTemplate, type BenchmarkTemplateInput } from '../engine/generate/templateBenchmark';
import type { TableSpec } from '../engine/spec';
import { parseRange } from '../engine/grid';
import { matrixTitle } from '../engine/risk/matrix';
import {
  benchmarkTemplateInput,
  buildProjections,
  costBenefitTemplateInput,
  savingsTemplateInput,
  type Obj,
} from '../engine/generate/fromConfig';
import { foldFindings } from '../engine/rules';
import { uniqueSheetName } from '../engine/sheetNames';
import { bridgeSpecs, compareSnapshots, readVersion } from '../app/compare';
import { ENGINE } from '../app/engine';
import { benchmarkLine, noFloatNoise } from './figures';
import { marksFor } from '../app/marks';
import { benchmarkAnalysis, benchmarkTable, houseStyler, riskAnalysis, scoreColumnsToAdd } from '../app/pipeline';
import { tablePreview } from '../app/previewText';
import type { XlsxPort } from '../xlsx/xlsxPort';
import { openForReading, type WorkbookReader } from '../xlsx/stream';
import { HELP, parseArgs, UsageError, type CliArgs } from './args';
import { checkWorkbook, evidenceOfCheck, plancheckVersion, settingsOf, type Checked } from './checkOne';
import { readConfig, wellShaped } from './config';
import { isFolderCheck, runFolderCheck } from './folder';
import { inCommandLineWords } from './wording';
import type { Io } from './io';

/** The exceljs port and its files, loaded only by the commands that write a copy (or compare). */
const files = () => import('../xlsx/files');

export type { Io } from './io';

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

const COMMANDS = ['tables', 'check', 'risks', 'project', 'benchmark', 'compare'];

/** Runs one command; resolves to the exit status. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.err(`plancheck: ${(e as Error).message} See plancheck --help.\n`);
    return 2;
  }
  if (args.help || args.command === '' || args.command === 'help') {
    io.out(HELP);
    return args.command === '' && !args.help ? 2 : 0;
  }
  if (!COMMANDS.includes(args.command)) {
    io.err(`plancheck: "${args.command}" is not a command. See plancheck --help.\n`);
    return 2;
  }
  if (!args.file) {
    io.err(`plancheck: ${args.command} needs a workbook: plancheck ${args.command} FILE.xlsx\n`);
    return 2;
  }
  if (args.command === 'compare' && !args.second) {
    io.err('plancheck: compare needs two workbooks, the earlier first: plancheck compare OLD.xlsx NEW.xlsx\n');
    return 2;
  }
  try {
    const config = args.config ? await readConfig(args.config) : {};
    if (args.command === 'compare') return await runCompare(args, io, config);
    if (args.command === 'check' && (await isFolderCheck(args))) return await runFolderCheck(args, io, config);
    // A copy to write needs exceljs's model of the workbook; reading alone is streamed (src/xlsx/stream).
    const port: WorkbookReader = args.out ? await (await files()).openFile(args.file) : await openForReading(args.file);
    const settings: Settings = {
      ...(await settingsOf(port, config)),
      ...(args.style ? { style: args.style } : {}),
    };
    const wb = await port.read();
    wb.name = path.basename(args.file);
    const run = { tables: runTables, check: runCheck, risks: runRisks, project: runProject, benchmark: runBenchmark }[
      args.command as 'tables'
    ];
    return await run({ args, io, port, wb, settings, config });
  } catch (e) {
    if (e instanceof PortError || e instanceof UsageError) {
      io.err(`plancheck: ${e.message}\n`);
      return 2;
    }
    // Anything else is PlanCheck's own failure: still one sentence and exit 2, never a stack trace
    // (PLANCHECK_DEBUG=1 prints it for whoever is fixing it).
    const message = e instanceof Error ? e.message : String(e);
    io.err(`plancheck: ${args.command} could not finish on ${args.file}: ${message.replace(/[.\s]+$/, '')}.\n`);
    if (process.env.PLANCHECK_DEBUG && e instanceof Error && e.stack) io.err(e.stack + '\n');
    return 2;
  }
}

interface RunContext {
  args: CliArgs;
  io: Io;
  /** The exceljs port when the command writes a copy (--out), else a reader (streamed where it can be). */
  port: WorkbookReader;
  wb: WorkbookSnapshot;
  settings: Settings;
  /** The --config file's settings alone ({} without one), to say where a bad setting came from. */
  config: Settings;
}

function json(io: Io, value: unknown): void {
  io.out(JSON.stringify(value, noFloatNoise, 2) + '\n');
}

function exitFor(findings: Finding[]): number {
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/**
 * Findings as lines, errors first; three or more of one kind in one register or table folded under
 * one line with their cells listed ("4 risks have no owner (Risks!A1:G6): F3, F4, F5, F6"), each
 * then indented beneath it with its own sentence.
 */
function findingLines(findings: Finding[]): string {
  return foldFindings(sortFindings(findings))
    .map((line) => {
      if ('finding' in line) {
        const f = line.finding;
        return `${f.severity.toUpperCase().padEnd(7)} ${f.sheet}!${f.cell}  ${f.message}`;
      }
      const first = line.findings[0];
      const cells = line.findings.map((f) => f.cell).join(', ');
      const each = line.findings.map((f) => `${' '.repeat(10)}${f.sheet}!${f.cell}  ${f.message}`);
      return [
        `${first.severity.toUpperCase().padEnd(7)} ${first.sheet}!${first.cell}  ${line.summary}: ${cells}`,
        ...each,
      ].join('\n');
    })
    .join('\n');
}

function countsLine(findings: Finding[]): string {
  const c = countBySeverity(findings);
  return `${c.error} error${c.error === 1 ? '' : 's'}, ${c.warning} warning${c.warning === 1 ? '' : 's'}, ${c.info} note${c.info === 1 ? '' : 's'}`;
}

/** The exceljs port a command with --out writes through (it was opened as one). */
function writable(ctx: RunContext): XlsxPort {
  if (!('write' in ctx.port)) throw new Error('the workbook was opened for reading only');
  return ctx.port as XlsxPort;
}

async function writeOut(ctx: RunContext): Promise<void> {
  if (!ctx.args.out) return;
  await (await files()).saveFile(writable(ctx), ctx.args.out);
  ctx.io.err(`Wrote ${ctx.args.out}\n`);
}

async function runTables(ctx: RunContext): Promise<number> {
  const read = ENGINE.readTables(ctx.wb, ctx.settings);
  if (ctx.args.json) {
    json(ctx.io, {
      workbook: ctx.wb.name,
      tables: read.tables.map(tableSummary),
      hiddenSheets: read.hiddenSheets ?? [],
    });
  } else {
    ctx.io.out(read.tables.length === 0 ? 'No tables found.\n' : describeTables(read) + '\n');
    const hidden = hiddenSheetsLine(read.hiddenSheets);
    if (hidden) ctx.io.out(hidden + '\n');
  }
  return 0;
}

/** The hidden sheets left unread, in one sentence, or null when there are none. */
function hiddenSheetsLine(sheets: string[] | undefined): string | null {
  if (!sheets || sheets.length === 0) return null;
  const list = sheets.map((s) => `"${s}"`).join(', ');
  return (
    `Not checked: ${sheets.length === 1 ? 'the hidden sheet' : `${sheets.length} hidden sheets`} ${list} ` +
    '("checkHiddenSheets": true in the config checks them).'
  );
}

async function runCheck(ctx: RunContext): Promise<number> {
  // The pane's check (src/app/pipeline.ts) and its acceptances, in the command line's words.
  const checked = checkWorkbook(ctx.wb, ctx.settings, ctx.config);
  const { tables, open: findings, accepted } = checked;
  for (const p of checked.problems) ctx.io.err(`plancheck: ${p}\n`);
  if (ctx.args.json) {
    json(ctx.io, {
      workbook: ctx.wb.name,
      tables: tables.map((t) => ({ sheet: t.sheet, range: t.range, kind: t.kind })),
      hiddenSheets: checked.hiddenSheets,
      findings: sortFindings(checked.all),
    });
  } else {
    ctx.io.out(
      `${ctx.wb.name}: ${tables.length} table${tables.length === 1 ? '' : 's'}, ${countsLine(findings)}` +
        `${accepted.length > 0 ? `; ${accepted.length} accepted` : ''}\n`,
    );
    if (findings.length > 0) ctx.io.out(findingLines(findings) + '\n');
    const hidden = hiddenSheetsLine(checked.hiddenSheets);
    if (hidden) ctx.io.out(hidden + '\n');
    if (accepted.length > 0) {
      ctx.io.out(
        `Accepted:\n${sortFindings(accepted)
          .map((f) => {
            const a = (f as (typeof accepted)[number]).accepted;
            return `ACCEPTED ${f.sheet}!${f.cell}  ${f.message} [${a.by}${a.on ? `, ${a.on}` : ''}: ${a.reason}]`;
          })
          .join('\n')}\n`,
      );
    }
  }
  if (ctx.args.report) await writeReport(ctx, checked);
  if (ctx.args.out) {
    const port = writable(ctx);
    await port.mark(marksFor(findings));
    await port.write(ENGINE.reportFor(ctx.wb, findings));
    await writeOut(ctx);
  }
  return exitFor(findings);
}

/**
 * `compare OLD NEW`: what changed, by meaning; the bridge into a copy of NEW with --out. The
 * comparison and the bridge are the pane's (src/app/compare.ts); each file is read with its own
 * settings and the config.
 */
async function runCompare(args: CliArgs, io: Io, config: Settings): Promise<number> {
  const { openFile, saveFile } = await files();
  const oldPort = await openFile(args.file!);
  const newPort = await openFile(args.second!);
  const oldSettings: Settings = { ...wellShaped(await oldPort.loadSettings()), ...config };
  const newSettings: Settings = { ...wellShaped(await newPort.loadSettings()), ...config };
  const oldWb = await readVersion(oldPort, path.basename(args.file!));
  const newWb = await readVersion(newPort, path.basename(args.second!));
  const { view, newRead } = compareSnapshots(
    { wb: oldWb, settings: oldSettings },
    { wb: newWb, settings: newSettings },
  );
  const { errors } = view;
  if (args.json) {
    json(io, {
      old: { workbook: view.old },
      new: { workbook: view.new },
      tables: view.tables,
      changes: view.changes,
      bridges: view.bridges.map((b) => ({
        table: b.table,
        title: b.title,
        years: b.years,
        rows: b.rows.map((r) => ({ label: r.label, kind: r.kind, values: r.values })),
      })),
    });
  } else {
    io.out(
      `${view.old} -> ${view.new}: ${view.tables.length} table${view.tables.length === 1 ? '' : 's'} compared, ` +
        `${view.changes.length} change${view.changes.length === 1 ? '' : 's'}` +
        `${errors > 0 ? `, ${errors} total${errors === 1 ? '' : 's'} typed over` : ''}\n`,
    );
    for (const c of view.changes) {
      const cells = [c.oldCell && `was ${c.oldCell}`, c.newCell && `now ${c.newCell}`].filter(Boolean).join(', ');
      io.out(`${c.severity === 'error' ? 'ERROR' : 'CHANGE'}  ${c.message}${cells ? `  (${cells})` : ''}\n`);
    }
  }
  if (args.out) {
    if (view.bridges.length === 0) {
      io.err('plancheck: no table has years in both versions, so there is no bridge to write; nothing was written.\n');
      return 2;
    }
    const styled = await houseStyler(newPort, newRead.tables, args.style ? { style: args.style } : newSettings);
    for (const spec of bridgeSpecs(view.bridges, uniqueSheetName(newWb, 'Budget bridge'))) {
      await newPort.write(styled(spec));
    }
    await saveFile(newPort, args.out);
    io.err(`Wrote ${args.out}\n`);
  }
  return errors > 0 ? 1 : 0;
}

/** `--report FILE`: the evidence of this check, as HTML or (for .json) as data. */
async function writeReport(ctx: RunContext, checked: Checked): Promise<void> {
  const file = ctx.args.report!;
  // The file as saved: the bytes PlanCheck opened and checked, which the port keeps as they were read.
  const bytes = (await ctx.port.fileBytes?.())?.bytes ?? (await fs.readFile(ctx.args.file!));
  const evidence = evidenceOfCheck(ctx.wb.name, bytes, ctx.settings, checked, await plancheckVersion());
  const text = /\.json$/i.test(file) ? JSON.stringify(evidence, null, 2) + '\n' : evidenceHtml(evidence);
  try {
    await fs.writeFile(file, text, 'utf8');
  } catch {
    throw new UsageError(`The report cannot be written to ${file}: check the folder exists and can be written to.`);
  }
  ctx.io.err(`Wrote ${file}\n`);
}

async function runRisks(ctx: RunContext): Promise<number> {
  const { analysis: analysed } = riskAnalysis(ENGINE, ctx.wb, ctx.settings);
  const result = { ...analysed, findings: inCommandLineWords(analysed.findings, ctx.config) };
  if (ctx.args.json) {
    json(ctx.io, {
      registers: result.registers.map((r) => ({
        sheet: r.sheet,
        range: r.range,
        matrix: r.matrix,
        risks: r.risks.map((k) => ({
          id: k.id,
          row: k.row,
          likelihood: k.likelihood,
          impact: k.impact,
          score: k.score,
          band: k.band,
          stated: k.stated,
        })),
      })),
      findings: sortFindings(result.findings),
    });
  } else {
    for (const r of result.registers) {
      ctx.io.out(`${r.sheet}!${r.range}: ${r.risks.length} risks on the ${matrixTitle(r.matrix)} matrix\n`);
      const ranked = [...r.risks].sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
      for (const k of ranked) {
        const score = k.score === null ? 'cannot be scored' : `${k.score} ${k.band ?? ''}`.trim();
        ctx.io.out(`  ${k.id.padEnd(6)} row ${String(k.row).padEnd(5)} ${score}\n`);
      }
    }
    if (result.registers.length === 0) ctx.io.out('No risk register found.\n');
    ctx.io.out(`${countsLine(result.findings)}\n`);
    if (result.findings.length > 0) ctx.io.out(findingLines(result.findings) + '\n');
  }
  if (ctx.args.out && result.registers.length > 0) {
    // Each register is scored on the matrix analyseRisks chose for it (an invalid matrix in the
    // settings is already a finding, not a crash); the heat map uses the first scorable one's.
    for (const reg of scoreColumnsToAdd(result.registers).add) {
      await writable(ctx).write(ENGINE.buildScoreColumns(reg, reg.scoring));
    }
    const scorable = result.registers.filter((r) => r.risks.some((k) => k.score !== null));
    const matrix = scorable[0]?.scoring ?? ENGINE.matrixFromSettings(undefined);
    await writable(ctx).write(ENGINE.buildHeatMap(result, matrix, uniqueSheetName(ctx.wb, 'Risk heat map')));
    await writable(ctx).write(ENGINE.buildRankedList(result, uniqueSheetName(ctx.wb, 'Ranked risks')));
    await writeOut(ctx);
  }
  return exitFor(result.findings);
}

async function runProject(ctx: RunContext): Promise<number> {
  if (!ctx.settings.projections || Object.keys(ctx.settings.projections).length === 0) {
    throw new UsageError('project needs --config with a "projections" section; see the README for its shape.');
  }
  const read = ENGINE.readTables(ctx.wb, ctx.settings);
  const projections = ctx.settings.projections;
  const intoKeys = INTO_KEYS.filter((k) => {
    const p = projections[k];
    return p !== null && typeof p === 'object' && (p as Record<string, unknown>).into !== undefined;
  });
  const where = ctx.config.projections ? `the config file ${ctx.args.config}` : `the settings kept in ${ctx.wb.name}`;
  // Templates first, worked out before anything is written: a template that cannot take its
  // projection is refused with nothing written.
  const fills = intoKeys.map((k) => fillOne(ctx, read, k, projections[k] as Record<string, unknown>, where));
  const rest = Object.fromEntries(Object.entries(projections).filter(([k]) => !(intoKeys as string[]).includes(k)));
  let built: ReturnType<typeof buildProjections> = [];
  if (fills.length === 0 || Object.keys(rest).length > 0) {
    try {
      built = buildProjections(rest, read, (base) => uniqueSheetName(ctx.wb, base));
    } catch (e) {
      // Its errors are sentences about the assumptions ("projections.budget.years must be ..."): the user's to fix.
      throw new UsageError(`In ${where}, ${(e as Error).message}`);
    }
  }
  const tables = built.map((b) => ({
    table: b.name,
    columns: b.table.columns,
    rows: b.table.rows,
    summary: b.table.summary,
  }));
  const templates = fills.map((f) => ({
    projection: f.key,
    template: f.spec.title.replace(/^.* into /, ''),
    ...f.json,
  }));
  if (ctx.args.json) {
    // New tables alone keep their list; one template alone its object; both together, both lists.
    if (fills.length === 0) json(ctx.io, tables);
    else if (built.length > 0) json(ctx.io, { templates, tables });
    else json(ctx.io, templates.length === 1 ? (({ projection: _p, ...one }) => one)(templates[0]) : templates);
  } else {
    for (const f of fills) ctx.io.out(`${f.line}\n`);
    for (const b of built) {
      // As the pane's preview shows it: each figure as the inserted table does ("(4,000)", "-3.3%").
      const preview = tablePreview(b.table);
      ctx.io.out(`${b.name} (${b.table.spec.anchor.sheet})\n`);
      ctx.io.out(`  ${['', ...preview.columns].join('\t')}\n`);
      for (const r of preview.rows) ctx.io.out(`  ${[r.label, ...r.values].join('\t')}\n`);
      for (const line of preview.summary) ctx.io.out(`  ${line.name}: ${line.value}\n`);
    }
  }
  if (ctx.args.out) {
    for (const f of fills) {
      try {
        await writable(ctx).write(f.spec, { overwrite: f.overwrite });
      } catch (e) {
        if (e instanceof OverwriteRefusedError) {
          throw new UsageError(
            `${e.message.replace('Choose an empty place, or allow overwriting.', '')}Set "overwrite": true in projections.${f.key}.into to fill it again.`,
          );
        }
        throw e;
      }
    }
    const styled = await houseStyler(writable(ctx), read.tables, ctx.settings);
    for (const b of built) await writable(ctx).write(styled(b.table.spec));
    await writeOut(ctx);
  }
  return 0;
}

/** The projections that may fill the council's own template instead of a new table, in order. */
const INTO_KEYS = ['budget', 'costBenefit', 'savings', 'benchmark'] as const;
type IntoKey = (typeof INTO_KEYS)[number];

interface Filled {
  key: IntoKey;
  spec: TableSpec;
  overwrite: boolean;
  line: string;
  json: Record<string, unknown>;
}

/** The template table a projection's `into` points at (a sheet and range, or a defined name). */
function templateTable(
  ctx: RunContext,
  read: ReadResult,
  key: IntoKey,
  into: { sheet?: unknown; range?: unknown; name?: unknown },
  where: string,
): FoundTable {
  let sheet: string | undefined;
  let range: string | undefined;
  if (typeof into.name === 'string') {
    const named = ctx.wb.names.find((n) => n.name.toLowerCase() === (into.name as string).toLowerCase());
    if (!named)
      throw new UsageError(
        `In ${where}, projections.${key}.into names "${into.name}", which is not a defined name in ${ctx.wb.name}.`,
      );
    sheet = named.sheet;
    range = named.address;
  } else if (typeof into.sheet === 'string' && typeof into.range === 'string') {
    sheet = into.sheet;
    range = into.range;
  } else {
    throw new UsageError(`In ${where}, projections.${key}.into must be {"sheet", "range"} or {"name"}.`);
  }
  const box = parseRange(range);
  const table = box
    ? read.tables.find(
        (t) =>
          t.sheet === sheet && t.top <= box.bottom && box.top <= t.bottom && t.left <= box.right && box.left <= t.right,
      )
    : undefined;
  if (!table)
    throw new UsageError(
      `PlanCheck found no table at ${sheet}!${range} in ${ctx.wb.name} to fill; nothing was written.`,
    );
  return table;
}

/** One projection filled into its template: the spec to write and what to say about it. */
function fillOne(ctx: RunContext, read: ReadResult, key: IntoKey, cfg: Record<string, unknown>, where: string): Filled {
  const into = cfg.into as { sheet?: unknown; range?: unknown; name?: unknown; overwrite?: unknown };
  const table = templateTable(ctx, read, key, into, where);
  const at = `${table.sheet}!${table.range}`;
  const path = `projections.${key}`;
  const overwrite = into.overwrite === true;
  const rate = (v: unknown, what: string): number | undefined => {
    if (v === undefined) return undefined;
    if (typeof v === 'number') return v;
    throw new UsageError(`In ${where}, ${path}.${what} must be one rate in per cent to fill a template.`);
  };
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  try {
    if (key === 'budget') {
      const fill: TemplateFill = fillBudgetTemplate(read, table, {
        firstYear: typeof cfg.firstYear === 'string' ? cfg.firstYear : undefined,
        inflation: rate(cfg.inflation, 'inflation'),
        growth: rate(cfg.growth, 'growth'),
        lines: Array.isArray(cfg.lines) ? (cfg.lines as { label: string; base: number }[]) : undefined,
        name: typeof cfg.name === 'string' ? cfg.name : undefined,
      });
      return {
        key,
        spec: fill.spec,
        overwrite,
        line:
          `Budget projection into ${at}: ${plural(fill.lines.length, 'line')}, ` +
          `${fill.years.join(', ')}; ${fill.written.length} cells; rates from ${fill.assumptions.inflation} and ${fill.assumptions.growth}`,
        json: { years: fill.years, lines: fill.lines, written: fill.written, assumptions: fill.assumptions },
      };
    }
    const input = (parse: (c: Obj, p: string) => unknown) => {
      try {
        return parse(cfg, path);
      } catch (e) {
        throw new UsageError(`In ${where}, ${(e as Error).message}`);
      }
    };
    if (key === 'savings') {
      const fill = fillSavingsTemplate(read, table, input(savingsTemplateInput) as SavingsTemplateInput);
      return {
        key,
        spec: fill.spec,
        overwrite,
        line:
          `Savings envelope into ${at}: ${fill.rows.join(', ')}; ${fill.years.join(', ')}; ${fill.written.length} cells` +
          (fill.planned ? `; savings already planned from ${fill.planned.from}` : ''),
        json: { years: fill.years, rows: fill.rows, written: fill.written, planned: fill.planned },
      };
    }
    if (key === 'costBenefit') {
      const fill = fillCostBenefitTemplate(read, table, input(costBenefitTemplateInput) as CostBenefitTemplateInput);
      return {
        key,
        spec: fill.spec,
        overwrite,
        line:
          `Cost/benefit into ${at}: ${plural(fill.costs.length, 'cost line')}, ${plural(fill.benefits.length, 'benefit line')}, ` +
          `${fill.years.length} years; ${fill.written.length} cells; payback ${fill.payback}`,
        json: {
          years: fill.years,
          costs: fill.costs,
          benefits: fill.benefits,
          written: fill.written,
          payback: fill.payback,
        },
      };
    }
    const fill = fillBenchmarkTemplate(read, table, input(benchmarkTemplateInput) as BenchmarkTemplateInput);
    return {
      key,
      spec: fill.spec,
      overwrite,
      line:
        `Benchmarking into ${at}: ${plural(fill.indicators.length, 'indicator')}; ${fill.written.length} cells; ` +
        `comparators' figures ${fill.comparators.added ? 'added at' : 'from'} ${fill.comparators.from}`,
      json: { indicators: fill.indicators, written: fill.written, comparators: fill.comparators },
    };
  } catch (e) {
    if (e instanceof TemplateError) throw new UsageError(`${e.message} Nothing was written.`);
    throw e;
  }
}

async function runBenchmark(ctx: RunContext): Promise<number> {
  const { read, result: compared } = benchmarkAnalysis(ENGINE, ctx.wb, ctx.settings);
  const result = { ...compared, findings: inCommandLineWords(compared.findings, ctx.config) };
  if (ctx.args.json) {
    json(ctx.io, {
      indicators: result.indicators.map((i) => ({
        indicator: i.indicator,
        polarity: i.polarity,
        own: i.own,
        comparatorAverage: i.comparatorAverage,
        median: i.median,
        variance: i.variance,
        variancePct: i.variancePct,
        rank: i.rank,
        of: i.of,
        quartile: i.quartile,
        percentile: i.percentile,
        flag: i.flag,
      })),
      findings: sortFindings(result.findings),
    });
  } else {
    if (result.indicators.length === 0) ctx.io.out('No comparator table found.\n');
    for (const i of result.indicators) ctx.io.out(`${benchmarkLine(i)}\n`);
    if (result.findings.length > 0) ctx.io.out(findingLines(result.findings) + '\n');
  }
  if (ctx.args.out && result.indicators.length > 0) {
    const spec = benchmarkTable(ENGINE, ctx.wb, result);
    const styled = await houseStyler(writable(ctx), read.tables, ctx.settings);
    await writable(ctx).write(styled(spec));
    await writeOut(ctx);
  }
  return exitFor(result.findings);
}
