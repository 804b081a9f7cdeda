/**
 * The controller between the task pane and the engine. Each action reads the workbook at
 * most once, runs the engine on that snapshot, writes through the port, and answers with a
 * Result: a value and perhaps a note, or one plain sentence when something went wrong.
 * Actions run one at a time, in the order they were asked for.
 */
import { countBySeverity, type Finding } from '../engine/findings';
import type { WorkbookSnapshot } from '../engine/grid';
import { OverwriteRefusedError, type WorkbookPort, type WriteResult } from '../engine/port';
import type { Settings, TableMapping } from '../engine/settings';
import { fixedSince, LIVE_MAX_CELLS } from './live';
import { NamesTakenError, uniqueSheetName, withFreeNames } from '../engine/sheetNames';
import { applyHouseStyle, newTableStyle, readHouseStyle, type HouseStyle } from '../engine/houseStyle';
import type { TableSpec } from '../engine/spec';
import type { FoundTable } from '../engine/tables';
import type { Engine, GenerateKind } from './contract';
import type { GenerateStart } from './planStart';
import { errorSentence, NOTHING_WRITTEN, plural, renamedNote } from './messages';
import { marksFor } from './marks';
import {
  insertRiskSheet,
  insertScoreColumns,
  markRiskFindings,
  scoreRisks,
  selectRisk,
  type RiskContext,
  type RisksResult,
} from './risks';
import { benchmarkView, insertBenchmarks, type BenchmarkContext, type BenchmarkView } from './benchmarks';
import { insertGenerated, previewTable, startFromPlan, type GenerateContext, type Placement } from './generate';
import {
  EngineWork,
  isCancelled,
  type CheckedWorkbook,
  type EngineRunner,
  type Task,
  type TaskArgs,
  type TaskResults,
} from './runner';
import { InThreadRunner } from './runner/inThread';
import { evidenceOf, splitFindings, type LastCheck } from './evidence';
import { goToInserted, InsertLog, undoneSentence, type Inserted } from './inserts';
import { bridgeSpecs, type CompareView, type EarlierVersion } from './compare';
import {
  fillTemplate,
  planTemplate,
  type TemplateContext,
  type TemplateFilled,
  type TemplateOutcome,
  type TemplateRequest,
} from './templateFill';
import { acceptFinding as acceptInSettings, reopenFinding as reopenInSettings } from '../engine/accepted';

export type { BenchmarkView, RisksResult };
export type { FindingGroup, GeneratedView, TablesView, TableView, ValidationView } from './views';
export { cellText, filterGroups, groupFindings } from './views';
import {
  groupFindings,
  tableAt,
  tableView,
  type GeneratedView,
  type TablesView,
  type TableView,
  type ValidationView,
} from './views';

export type { Result } from './result';
import type { Result } from './result';

/** Asks the user a yes/no question; resolves true for yes. */
export type Ask = (question: string) => Promise<boolean>;

export type { Placement } from './generate';

/**
 * What the user chose for themselves, kept by the pane rather than in the workbook (so choosing
 * writes nothing into the file): the browser's localStorage in the pane, memory elsewhere.
 */
export interface Preferences {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

/** Preferences kept for as long as the controller lives (tests, the CLI). */
export function memoryPreferences(): Preferences {
  const kept = new Map<string, string>();
  return { get: (k) => kept.get(k) ?? null, set: (k, v) => void kept.set(k, v) };
}

/** The preference behind the "Show in the workbook" switch. */
export const SHOW_IN_WORKBOOK = 'plancheck.showInWorkbook';

/** The light blue a table is shown in on the sheet (Show on sheet). */
export const SHOW_TABLE_COLOR = '#DDEBF7';

export class PlanCheckController {
  private settings: Settings | null = null;
  private lastFindings: Finding[] | null = null;
  private lastCheck: LastCheck | null = null;
  private lastCompare: CompareView | null = null;
  /** Cells the last check read: a large workbook starts with live checking paused. */
  private lastCells = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** What PlanCheck inserted, for Undo's words and for going to it after the action (src/app/inserts.ts). */
  readonly inserts = new InsertLog();
  /** Sentences for the current action's answer from the pane's side (names given instead of taken ones). */
  private readonly pendingNotes: string[] = [];
  private ask: Ask;

  private readonly prefs: Preferences;
  /** The engine work under way (a check): its stages for the pane's progress line, and Cancel. */
  readonly work = new EngineWork();
  /** Where checks run: the engine's worker, or this thread (src/app/runner). */
  readonly runner: EngineRunner;

  constructor(
    readonly port: WorkbookPort,
    protected readonly engine: Engine,
    ask?: Ask,
    prefs?: Preferences,
    runner?: EngineRunner,
  ) {
    this.ask = ask ?? (async () => false);
    this.prefs = prefs ?? memoryPreferences();
    this.runner = runner ?? new InThreadRunner(engine);
  }

  /**
   * Whether findings are coloured in the workbook as well as listed in the pane. Off unless the
   * user turns it on: a check only reads, so it works on a view-only file, leaves the undo stack
   * and a shared file alone, and AutoSave has nothing of PlanCheck's to save.
   */
  showsInWorkbook(): boolean {
    return this.prefs.get(SHOW_IN_WORKBOOK) === 'on';
  }

  /** The "Show in the workbook" switch: remembered, and the cells coloured (or given their colours back) now. */
  showInWorkbook(on: boolean): Promise<Result<number>> {
    return this.run(async () => {
      this.prefs.set(SHOW_IN_WORKBOOK, on ? 'on' : 'off');
      if (!on) {
        await this.port.clearMarks();
        return {
          ok: true,
          value: 0,
          note: 'Findings are shown in the pane only; the cells have their own colours back.',
        };
      }
      const findings = this.lastFindings ?? [];
      const marks = marksFor(findings);
      await this.port.clearMarks();
      if (marks.length > 0) await this.port.mark(marks);
      return {
        ok: true,
        value: marks.length,
        note:
          marks.length > 0
            ? `Highlighted ${plural(marks.length, 'cell')}; later checks keep the colours up to date.`
            : 'Findings will be highlighted in the workbook as well as listed here.',
      };
    });
  }

  /** Colours the findings' cells after a check, where the user has asked for that; else writes nothing. */
  private async showFindings(findings: Finding[]): Promise<void> {
    if (!this.showsInWorkbook()) return;
    await this.port.clearMarks();
    if (findings.length > 0) await this.port.mark(marksFor(findings));
  }

  /** The pane hands in its own dialog. */
  setAsk(ask: Ask): void {
    this.ask = ask;
  }

  /** The settings as last loaded or saved (empty before the first action). */
  knownSettings(): Settings {
    return this.settings ?? {};
  }

  canUndo(): boolean {
    try {
      return this.port.canUndo();
    } catch {
      return false;
    }
  }

  /** What Undo would take back now, or null when there is nothing of PlanCheck's to undo. */
  lastInsert(): Inserted | null {
    return this.inserts.latest(this.canUndo());
  }

  /** Runs an action after the ones before it, turning any error into a sentence. */
  private run<T>(action: () => Promise<Result<T>>): Promise<Result<T>> {
    const next = this.queue.then(async (): Promise<Result<T>> => {
      let result: Result<T>;
      try {
        result = await action();
      } catch (e) {
        result = isCancelled(e)
          ? { ok: false, error: (e as Error).message, stopped: true }
          : { ok: false, error: errorSentence(e) };
      }
      // Whatever the action inserted, the workbook goes to (its first table, where it did several).
      const inserted = this.inserts.takeFresh();
      if (inserted && result.ok) {
        const missed = await goToInserted(this.port, inserted);
        if (missed) this.pendingNotes.push(missed);
      }
      // What the port could not do as asked (a protected sheet, a sheet gone) goes with the answer.
      const notes = [...this.pendingNotes.splice(0), ...(this.port.takeNotes?.() ?? [])];
      if (notes.length === 0) return result;
      if (result.ok) return { ...result, note: [result.note, ...notes].filter(Boolean).join(' ') };
      return { ok: false, error: [result.error, ...notes].join(' ') };
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async currentSettings(): Promise<Settings> {
    if (!this.settings) this.settings = (await this.port.loadSettings()) ?? {};
    return this.settings;
  }

  /**
   * Writes, and when the port refuses to cover filled cells, asks before writing over them. A table
   * or range name the workbook has already (an earlier insert of the same kind) is given a free one
   * ("Budget_Lines2"), its formulas following, and the answer says so.
   */
  private async write(spec: TableSpec): Promise<WriteResult | null> {
    const taken: string[] = [];
    let overwrite = false;
    for (;;) {
      const { spec: named, renamed } = withFreeNames(spec, taken);
      try {
        const written = await this.port.write(named, { overwrite });
        this.inserts.record(spec.title, written, named.newSheet === true);
        if (renamed.length > 0) this.pendingNotes.push(renamedNote(spec.title, renamed));
        return written;
      } catch (e) {
        if (e instanceof NamesTakenError && e.names.some((n) => !taken.includes(n)) && taken.length < 50) {
          taken.push(...e.names);
          continue;
        }
        if (!(e instanceof OverwriteRefusedError) || overwrite) throw e;
        if (!(await this.ask(`${e.message} Overwrite?`))) return null;
        overwrite = true;
      }
    }
  }

  /**
   * The look of the workbook's main plan table, for a new table to take (null: PlanCheck's plain
   * look, because the settings ask for it, the port cannot read looks or there is no plan table).
   */
  private async houseStyle(wb: WorkbookSnapshot | null, found?: FoundTable[]): Promise<HouseStyle | null> {
    const settings = await this.currentSettings();
    if (newTableStyle(settings) === 'plain' || !this.port.styleOf) return null;
    const tables = found ?? (await this.engineWork('tables', wb ?? (await this.port.read()), settings)).tables;
    return readHouseStyle(this.port, tables, settings);
  }

  // ---- Validate --------------------------------------------------------------------------

  validate(): Promise<Result<ValidationView>> {
    return this.run(async () => {
      const settings = await this.currentSettings();
      const read = await this.checkWorkbook(settings);
      const { view, problems } = this.validationView(settings);
      await this.showFindings(view.findings);
      const note =
        read.tables.length === 0
          ? 'PlanCheck found no tables to check in this workbook. The Tables tab shows what it looked at.'
          : view.findings.length === 0
            ? `Checked ${plural(read.tables.length, 'table')}: everything adds up` +
              (view.accepted.length > 0 ? ` but for ${plural(view.accepted.length, 'accepted finding')}.` : '.')
            : undefined;
      return { ok: true, value: view, note: [note, ...problems].filter(Boolean).join(' ') || undefined };
    });
  }

  // ---- Live: findings that follow the user's typing (app/live.ts, taskpane/useLiveCheck.ts) ----

  /**
   * Whether the workbook tells PlanCheck of every edit, so findings can follow the user's typing:
   * 'on', 'large' (it could, but the workbook is over LIVE_MAX_CELLS: live checking starts paused)
   * or 'off' (the host reports no changes: Check again instead).
   */
  followsEdits(): 'on' | 'large' | 'off' {
    if (this.port.listens?.() !== true || !this.port.onChange) return 'off';
    return this.lastCells > LIVE_MAX_CELLS ? 'large' : 'on';
  }

  /** Hears of each edit the host reports; returns how to stop. */
  onEdit(listener: () => void): () => void {
    return this.port.onChange ? this.port.onChange(() => listener()) : () => undefined;
  }

  /**
   * Checks again after an edit, reading only what changed, and says which findings the edit fixed.
   * Nothing is selected and nothing written, unless the user has "Show in the workbook" on.
   */
  recheck(): Promise<Result<{ view: ValidationView; fixed: Finding[] }>> {
    return this.run(async () => {
      const before = this.lastFindings ?? [];
      const settings = await this.currentSettings();
      await this.checkWorkbook(settings, 'recheck');
      const { view } = this.validationView(settings);
      await this.showFindings(view.findings);
      return { ok: true, value: { view, fixed: fixedSince(before, view.findings) } };
    });
  }

  /** Engine work on a snapshot, in the engine's worker where there is one, with progress and Cancel. */
  private engineWork<T extends Task>(
    task: T,
    wb: WorkbookSnapshot,
    settings: Settings,
    args?: TaskArgs[T],
  ): Promise<TaskResults[T]> {
    return this.work.run(task, (o) => this.runner.run(task, wb, settings, o, args));
  }

  /** Reads the workbook once and runs every check, keeping what was found (and judged) as the last check. */
  private async checkWorkbook(settings: Settings, kind = 'check'): Promise<CheckedWorkbook> {
    const wb = await this.port.read();
    // In the engine's worker where there is one; stopped (Cancel, a newer edit), the last check stands.
    const checked = await this.work.run(kind, (o) => this.runner.check(wb, settings, o));
    this.lastCells = wb.sheets.reduce((n, s) => n + s.values.length * (s.values[0]?.length ?? 0), 0);
    this.lastCheck = { workbook: wb.name, ...checked };
    return checked;
  }

  /** The last check's findings under the settings' acceptances, open and accepted apart. */
  private validationView(settings: Settings): { view: ValidationView; problems: string[] } {
    const check = this.lastCheck!;
    const split = splitFindings(check.raw, settings, check.tables);
    this.lastFindings = split.open;
    return {
      view: {
        workbook: check.workbook,
        tables: check.tables.length,
        findings: split.open,
        accepted: split.accepted,
        acceptedGroups: groupFindings(split.accepted, check.tables, check.styles),
        counts: countBySeverity(split.open),
        groups: groupFindings(split.open, check.tables, check.styles),
      },
      problems: split.problems,
    };
  }

  /**
   * Accepts a finding with a reason and the initials of whoever accepts it; kept in the workbook's
   * settings, so everyone who opens the workbook sees the same. Its highlight is taken off.
   */
  acceptFinding(finding: Finding, reason: string, by: string, on = new Date()): Promise<Result<ValidationView>> {
    return this.run(async () => {
      if (!this.lastCheck) return { ok: false, error: 'Validate first; then a finding can be accepted.' };
      const settings = await this.currentSettings();
      let next: Settings;
      try {
        next = acceptInSettings(settings, finding, { reason, by, on: on.toISOString().slice(0, 10) });
      } catch (e) {
        return { ok: false, error: (e as Error).message };
      }
      await this.port.saveSettings(next);
      this.settings = next;
      const { view } = this.validationView(next);
      await this.showFindings(view.findings);
      return {
        ok: true,
        value: view,
        note: `Accepted ${finding.sheet}!${finding.cell}: “${reason.trim()}”. It stays accepted while its figures stand.`,
      };
    });
  }

  /** Takes an acceptance back: the finding is open again. */
  reopenFinding(finding: Finding): Promise<Result<ValidationView>> {
    return this.run(async () => {
      if (!this.lastCheck) return { ok: false, error: 'Validate first.' };
      const settings = await this.currentSettings();
      const next = reopenInSettings(settings, finding);
      await this.port.saveSettings(next);
      this.settings = next;
      const { view } = this.validationView(next);
      await this.showFindings(view.findings);
      return { ok: true, value: view, note: `${finding.sheet}!${finding.cell} is open again.` };
    });
  }

  /** The evidence of the last check (validating first if need be), as one self-contained HTML page. */
  evidenceReport(version: string): Promise<Result<{ html: string; fileName: string }>> {
    return this.run(async () => {
      const settings = await this.currentSettings();
      if (!this.lastCheck) await this.checkWorkbook(settings);
      const check = this.lastCheck!;
      const file = this.port.fileBytes ? await this.port.fileBytes() : null;
      const { html, fileName } = await evidenceOf(check, settings, file, version);
      return {
        ok: true,
        value: { html, fileName },
        note: !file
          ? `The evidence report is ready: ${fileName}. This host could not give PlanCheck the file itself, so it has no SHA-256.`
          : file.source === 'excel-document'
            ? `The evidence report is ready: ${fileName}. Its SHA-256 is of the workbook as Excel hands it to add-ins, which can differ from the saved file; the report says so.`
            : `The evidence report is ready: ${fileName}.`,
      };
    });
  }

  clearMarks(): Promise<Result<null>> {
    return this.run(async () => {
      await this.port.clearMarks();
      return { ok: true, value: null, note: 'Highlights removed; the cells have their own colours back.' };
    });
  }

  goTo(finding: Pick<Finding, 'sheet' | 'cell'>): Promise<Result<null>> {
    return this.run(async () => {
      await this.port.select(finding.sheet, finding.cell);
      return { ok: true, value: null };
    });
  }

  insertReport(): Promise<Result<WriteResult | null>> {
    return this.run(async () => {
      const settings = await this.currentSettings();
      const wb = await this.port.read();
      let findings = this.lastFindings;
      if (!findings) {
        findings = (await this.engineWork('check', wb, settings)).raw;
        this.lastFindings = findings;
      }
      const written = await this.write(this.engine.reportFor(wb, findings));
      if (!written) return { ok: true, value: null, note: NOTHING_WRITTEN };
      return { ok: true, value: written, note: `Added the report on a new sheet, "${written.sheet}".` };
    });
  }

  undo(): Promise<Result<boolean>> {
    return this.run(async () => {
      if (!this.port.canUndo()) return { ok: true, value: false, note: 'There is nothing of PlanCheck’s to undo.' };
      const last = this.lastInsert();
      // Cells changed since the insert (typed over, or taken back by Excel's own undo): the user chooses.
      const confirmPartial = (changed: string[]): Promise<boolean> =>
        this.ask(
          `${plural(changed.length, 'cell')} of PlanCheck’s last insert ${changed.length === 1 ? 'has' : 'have'} changed since ` +
            `(${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', …' : ''}). Undo the rest and leave ` +
            `${changed.length === 1 ? 'it as it is' : 'them as they are'}?`,
        );
      const done = await this.port.undo({ confirmPartial });
      if (done) this.inserts.undone();
      if (!done && this.port.canUndo()) {
        return {
          ok: true,
          value: false,
          note: 'Nothing was undone; PlanCheck’s last insert is still there, and Undo can take it back later.',
        };
      }
      return {
        ok: true,
        value: done,
        note: done ? undoneSentence(last) : 'There is nothing of PlanCheck’s to undo.',
      };
    });
  }

  /** Validates only the table holding the selected cell (the selection in Excel, or the last cell gone to). */
  validateSelectedTable(): Promise<Result<ValidationView>> {
    return this.run(async () => {
      const sel = this.port.selection ? await this.port.selection() : null;
      if (!sel) return { ok: false, error: 'Select a cell in a table first, then validate the selected table.' };
      const settings = await this.currentSettings();
      const wb = await this.port.read();
      // The whole workbook is checked (in the engine's worker): a total may fetch another table's.
      const checked = await this.engineWork('check', wb, settings);
      const where = { sheet: sel.sheet, cell: sel.cell.split(':')[0] };
      const range = tableAt(where, checked.tables);
      const found = checked.tables.find((t) => t.sheet === sel.sheet && t.range === range);
      if (!found)
        return {
          ok: false,
          error: `${sel.sheet}!${where.cell} is not in a table PlanCheck found; the Tables tab shows the tables it reads.`,
        };
      const inTable = (f: Finding) => groupFindings([f], checked.tables)[0]?.key === `${found.sheet}|${found.range}`;
      const split = splitFindings(checked.raw.filter(inTable), settings, checked.tables);
      const findings = split.open;
      await this.showFindings(findings);
      this.lastFindings = findings;
      const scope = `${found.sheet}!${found.range}`;
      return {
        ok: true,
        value: {
          workbook: wb.name,
          tables: 1,
          findings,
          accepted: split.accepted,
          acceptedGroups: groupFindings(split.accepted, checked.tables, checked.styles),
          counts: countBySeverity(findings),
          groups: groupFindings(findings, checked.tables, checked.styles),
          scope,
        },
        note: findings.length === 0 ? `Checked ${scope}: everything adds up.` : undefined,
      };
    });
  }

  /** Highlights a table's range in a light colour and selects it; Clear highlights takes the colour off. */
  showTable(table: Pick<TableView, 'sheet' | 'range'>): Promise<Result<null>> {
    return this.run(async () => {
      await this.port.clearMarks();
      await this.port.mark([{ sheet: table.sheet, cell: table.range, color: SHOW_TABLE_COLOR }]);
      await this.port.select(table.sheet, table.range);
      return {
        ok: true,
        value: null,
        note: `${table.sheet}!${table.range} is highlighted and selected. Clear highlights gives the cells their own colours back.`,
      };
    });
  }

  /** Forgets the user's word on one table, so PlanCheck reads it its own way again. */
  forgetTableMapping(table: Pick<TableMapping, 'sheet' | 'range'>): Promise<Result<Settings>> {
    return this.run(async () => {
      const settings = await this.currentSettings();
      const next: Settings = {
        ...settings,
        tables: (settings.tables ?? []).filter((m) => !(m.sheet === table.sheet && m.range === table.range)),
      };
      await this.port.saveSettings(next);
      this.settings = next;
      return { ok: true, value: next, note: `PlanCheck will read ${table.sheet}!${table.range} its own way again.` };
    });
  }

  // ---- Compare (src/app/compare.ts) -------------------------------------------------------

  /** The open workbook's sheet names, for choosing an earlier version among them. */
  sheetNames(): Promise<Result<string[]>> {
    return this.run(async () => {
      const wb = await this.port.read();
      return { ok: true, value: wb.sheets.map((s) => s.name) };
    });
  }

  /** What changed since an earlier version (a file the user picked, or another sheet). */
  compare(earlier: EarlierVersion): Promise<Result<CompareView>> {
    return this.run(async () => {
      const settings = await this.currentSettings();
      const wb = await this.port.read();
      // Both versions read and compared in the engine's worker, an earlier file's bytes with them.
      const { view: v } = await this.engineWork('compare', wb, settings, { earlier });
      this.lastCompare = v;
      const note =
        v.tables.length === 0
          ? `PlanCheck found no table in ${v.old} that matches one in ${v.new}; the Tables tab shows what it reads.`
          : v.changes.length === 0
            ? `Nothing changed in the ${plural(v.tables.length, 'table')} compared.`
            : undefined;
      return { ok: true, value: v, note };
    });
  }

  /** Inserts the last comparison's bridges on a new sheet, as live formulas with their values. */
  insertBridge(): Promise<Result<WriteResult | null>> {
    return this.run(async () => {
      const c = this.lastCompare;
      if (!c) return { ok: false, error: 'Compare first; then the bridge can be inserted.' };
      if (c.bridges.length === 0)
        return { ok: false, error: 'No table has years in both versions, so there is no bridge to insert.' };
      const wb = await this.port.read();
      const sheet = uniqueSheetName(wb, 'Budget bridge');
      const house = await this.houseStyle(wb);
      let first: WriteResult | null = null;
      for (const spec of bridgeSpecs(c.bridges, sheet)) {
        const written = await this.write(house ? applyHouseStyle(spec, house) : spec);
        if (!written) return { ok: true, value: first, note: NOTHING_WRITTEN };
        first ??= written;
      }
      return { ok: true, value: first, note: `Added the budget bridge on a new sheet, "${sheet}".` };
    });
  }

  // ---- Tables ----------------------------------------------------------------------------

  tables(): Promise<Result<TablesView>> {
    return this.run(async () => {
      const settings = await this.currentSettings();
      const { tables } = await this.engineWork('tables', await this.port.read(), settings);
      return { ok: true, value: { tables: tables.map(tableView), mappings: settings.tables ?? [] } };
    });
  }

  /** Keeps the user's word on one table (replacing any earlier word on the same range). */
  saveTableMapping(mapping: TableMapping): Promise<Result<Settings>> {
    return this.run(async () => {
      const settings = await this.currentSettings();
      const others = (settings.tables ?? []).filter((m) => !(m.sheet === mapping.sheet && m.range === mapping.range));
      const next: Settings = { ...settings, tables: [...others, mapping] };
      await this.port.saveSettings(next);
      this.settings = next;
      return {
        ok: true,
        value: next,
        note: `Saved. PlanCheck will read ${mapping.sheet}!${mapping.range} your way from now on.`,
      };
    });
  }

  // ---- Risks (src/app/risks.ts) --------------------------------------------------------

  private riskContext(): RiskContext {
    return {
      engine: this.engine,
      port: this.port,
      settings: () => this.currentSettings(),
      write: (spec) => this.write(spec),
      risks: (wb, settings) => this.engineWork('risks', wb, settings),
    };
  }

  risks(): Promise<Result<RisksResult>> {
    return this.run(() => scoreRisks(this.riskContext()));
  }

  insertScoreColumns(): Promise<Result<number>> {
    return this.run(() => insertScoreColumns(this.riskContext()));
  }

  insertHeatMap(): Promise<Result<WriteResult | null>> {
    return this.run(() => insertRiskSheet(this.riskContext(), 'heatMap'));
  }

  insertRankedList(): Promise<Result<WriteResult | null>> {
    return this.run(() => insertRiskSheet(this.riskContext(), 'rankedList'));
  }

  /**
   * Marks on the sheet the cells of what is inconsistent in the registers (the errors and warnings
   * of the risk checks), clearing earlier highlights first; Clear highlights takes them off.
   */
  markRiskFindings(): Promise<Result<number>> {
    return this.run(() => markRiskFindings(this.riskContext()));
  }

  /** Selects a risk's row on its sheet, at its description cell (RankedRisk.cell), else column A of its row. */
  selectRisk(risk: { id: string; sheet: string; row?: number; cell?: string }): Promise<Result<null>> {
    return this.run(() => selectRisk(this.riskContext(), risk));
  }

  // ---- Benchmarks (src/app/benchmarks.ts) ----------------------------------------------

  private benchmarkContext(): BenchmarkContext {
    return {
      engine: this.engine,
      port: this.port,
      settings: () => this.currentSettings(),
      write: (spec) => this.write(spec),
      styled: async (spec, wb, tables) => {
        const house = await this.houseStyle(wb, tables);
        return house ? applyHouseStyle(spec, house) : spec;
      },
      benchmarks: (wb, settings) => this.engineWork('benchmarks', wb, settings),
    };
  }

  benchmarks(): Promise<Result<BenchmarkView>> {
    return this.run(() => benchmarkView(this.benchmarkContext()));
  }

  insertBenchmarks(): Promise<Result<WriteResult | null>> {
    return this.run(() => insertBenchmarks(this.benchmarkContext()));
  }

  // ---- Generate (src/app/generate.ts) --------------------------------------------------------

  private generateContext(): GenerateContext {
    return {
      engine: this.engine,
      port: this.port,
      settings: () => this.currentSettings(),
      write: (spec) => this.write(spec),
      engineWork: (task, wb, settings, args) => this.engineWork(task, wb, settings, args),
      houseStyle: (wb, tables) => this.houseStyle(wb, tables),
    };
  }

  /** Builds a table for the preview; touches nothing. */
  preview(kind: GenerateKind, values: Record<string, string>): Result<GeneratedView> {
    return previewTable(this.engine, kind, values);
  }

  /** Inserts a generated table at the selected cell, on a new sheet, or at an anchor. */
  generate(
    kind: GenerateKind,
    values: Record<string, string>,
    placement: Placement = 'new-sheet',
  ): Promise<Result<WriteResult | null>> {
    return this.run(() => insertGenerated(this.generateContext(), kind, values, placement));
  }

  /**
   * The budget projection's form from the workbook's plan: the table at the selection first, else the
   * first plan found (src/app/planStart.ts); no values without one. With `only`, the selection's table or none.
   */
  generateStart(only = false): Promise<Result<GenerateStart>> {
    return this.run(() => startFromPlan(this.generateContext(), only));
  }

  // ---- Generate into a template (src/app/templateFill.ts) ---------------------------------

  private templateContext(): TemplateContext {
    return {
      selection: async () => (this.port.selection ? this.port.selection() : null),
      plan: async (request, selection) =>
        this.engineWork('template', await this.port.read(), await this.currentSettings(), { request, selection }),
      write: (spec) => this.write(spec),
    };
  }

  /** Which lines and years of the template at the selection (or the one chosen) the table fills, and what it asks. */
  planTemplateFill(request: TemplateRequest): Promise<Result<TemplateOutcome>> {
    return this.run(async () => ({ ok: true, value: await planTemplate(this.templateContext(), request) }));
  }

  /** Fills the template as one undoable write; a refusal comes back as its sentence, for the field. */
  fillTemplate(request: TemplateRequest): Promise<Result<TemplateFilled>> {
    return this.run(async () => {
      const filled = await fillTemplate(this.templateContext(), request);
      return { ok: true, value: filled, note: 'note' in filled ? filled.note : undefined };
    });
  }

  // ---- Settings --------------------------------------------------------------------------

  loadSettings(): Promise<Result<Settings>> {
    return this.run(async () => {
      this.settings = (await this.port.loadSettings()) ?? {};
      return { ok: true, value: this.settings };
    });
  }

  /** Changes part of the settings (own council, a polarity) and saves them with the workbook. */
  updateSettings(change: (current: Settings) => Settings): Promise<Result<Settings>> {
    return this.run(async () => {
      const next = change(await this.currentSettings());
      await this.port.saveSettings(next);
      this.settings = next;
      return { ok: true, value: next };
    });
  }

  saveSettings(settings: Settings): Promise<Result<Settings>> {
    return this.run(async () => {
      await this.port.saveSettings(settings);
      this.settings = settings;
      return { ok: true, value: settings, note: 'Settings saved with the workbook.' };
    });
  }
}
