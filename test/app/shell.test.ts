/**
 * The task pane shell's own logic, without a browser: the theme it picks, the actions the Validate
 * and Tables views call (selected table only, filter by severity, highlight again, show a table on
 * the sheet, forget a correction), and the progress the port reports.
 */
import {
  filterGroups,
  memoryPreferences,
  PlanCheckController,
  SHOW_IN_WORKBOOK,
  SHOW_TABLE_COLOR,
} from '../../src/app/controller';
import type { Severity } from '../../src/engine/findings';
import type { ReadOptions } from '../../src/engine/port';
import { SEVERITY_COLORS } from '../../src/engine/report';
import { ProgressPort } from '../../src/taskpane/pane';
import { luminance, officeThemeName, themeForBackground, themeForLuminance } from '../../src/taskpane/theme';
import { fakeEngine, finding, table } from './fakeEngine';
import { FakePort } from './fakePort';

const PLAN = [
  ['Financial plan', null, null],
  ['Ref', 'Line', '2010/11'],
  ['03', 'Services for Older People', 74026],
  ['', 'Grants', 1000],
];

function setup(opts: Parameters<typeof fakeEngine>[0] = {}) {
  const port = new FakePort({ Plan: PLAN, Summary: [['Total', 1]] });
  const { engine, state } = fakeEngine(opts);
  return { port, state, app: new PlanCheckController(port, engine) };
}

describe('theme', () => {
  it('measures luminance from 0 (black) to 1 (white), in any spelling of a hex colour', () => {
    expect(luminance('#000000')).toBe(0);
    expect(luminance('#FFFFFF')).toBeCloseTo(1);
    expect(luminance('fff')).toBeCloseTo(1);
    expect(luminance('#262626')).toBeLessThan(0.05);
    expect(luminance('not a colour')).toBeNull();
    expect(luminance(undefined)).toBeNull();
  });

  it('is dark when the luminance is low and light otherwise', () => {
    expect(themeForLuminance(0)).toBe('dark');
    expect(themeForLuminance(0.1)).toBe('dark');
    expect(themeForLuminance(0.8)).toBe('light');
    expect(themeForLuminance(1)).toBe('light');
  });

  it("picks dark for Office's Black and Dark Grey body backgrounds, light for White and Colorful", () => {
    expect(themeForBackground('#262626')).toBe('dark'); // Black
    expect(themeForBackground('#444444')).toBe('dark'); // Dark Grey
    expect(themeForBackground('#FFFFFF')).toBe('light'); // White, Colorful
    expect(themeForBackground('#E6E6E6')).toBe('light');
    expect(themeForBackground('')).toBe('light');
  });

  it('reads Office.context.officeTheme where office.js runs, and gives null where it does not', () => {
    const g = globalThis as { Office?: unknown };
    expect(officeThemeName()).toBeNull();
    try {
      g.Office = { context: { officeTheme: { bodyBackgroundColor: '#1F1F1F' } } };
      expect(officeThemeName()).toBe('dark');
      g.Office = { context: { officeTheme: { bodyBackgroundColor: '#FFFFFF' } } };
      expect(officeThemeName()).toBe('light');
      g.Office = { context: {} };
      expect(officeThemeName()).toBeNull();
    } finally {
      delete g.Office;
    }
  });
});

describe('validate the selected table only', () => {
  const tables = [table('Plan', 'A1:C4'), table('Summary', 'A1:B1')];
  const findings = [
    finding({ sheet: 'Plan', cell: 'C3' }),
    finding({ sheet: 'Plan', cell: 'C4', severity: 'warning' }),
    finding({ sheet: 'Summary', cell: 'B1' }),
  ];

  it('keeps only the findings of the table holding the selection, and marks only their cells', async () => {
    const { port, app } = setup({ tables, findings });
    await app.showInWorkbook(true);
    port.selected = { sheet: 'Plan', cell: 'B2' };
    const result = await app.validateSelectedTable();
    if (!result.ok) throw new Error(result.error);
    expect(result.value.scope).toBe('Plan!A1:C4');
    expect(result.value.findings.map((f) => `${f.sheet}!${f.cell}`)).toEqual(['Plan!C3', 'Plan!C4']);
    expect(result.value.counts).toEqual({ error: 1, warning: 1, info: 0 });
    expect(port.marked.map((m) => `${m.sheet}!${m.cell}`).sort()).toEqual(['Plan!C3', 'Plan!C4']);
    expect(port.count('read')).toBe(1);
  });

  it('says in a sentence what to do when nothing is selected, or the selection is in no table', async () => {
    const { port, app } = setup({ tables, findings });
    const none = await app.validateSelectedTable();
    expect(none).toEqual({ ok: false, error: expect.stringMatching(/^Select a cell in a table first.*\.$/) });
    port.selected = { sheet: 'Plan', cell: 'Z99' };
    const outside = await app.validateSelectedTable();
    expect(outside).toEqual({ ok: false, error: expect.stringMatching(/^Plan!Z99 is not in a table/) });
    expect(port.count('mark')).toBe(0);
  });
});

describe('filter by severity', () => {
  it('keeps only the severities shown and drops the groups left empty', async () => {
    const { app } = setup({
      tables: [table('Plan', 'A1:C4'), table('Summary', 'A1:B1')],
      findings: [
        finding({ sheet: 'Plan', cell: 'C3' }),
        finding({ sheet: 'Plan', cell: 'C4', severity: 'info' }),
        finding({ sheet: 'Summary', cell: 'B1', severity: 'warning' }),
      ],
    });
    const result = await app.validate();
    if (!result.ok) throw new Error(result.error);
    const only = (...s: Severity[]) =>
      filterGroups(result.value.groups, new Set(s)).map((g) => `${g.sheet}:${g.findings.map((f) => f.cell)}`);
    expect(only('error', 'warning', 'info')).toEqual(['Plan:C3,C4', 'Summary:B1']);
    expect(only('error')).toEqual(['Plan:C3']);
    expect(only('warning')).toEqual(['Summary:B1']);
    // The more severe first: the sheet with a warning before the one with only a note left.
    expect(only('info', 'warning')).toEqual(['Summary:B1', 'Plan:C4']);
    expect(only()).toEqual([]);
  });

  it('puts the tables with errors first, whatever their sheet is called', async () => {
    const { app } = setup({
      tables: [table('Assumptions', 'A1:C4'), table('Plan', 'A1:C4'), table('Risks', 'A1:B9')],
      findings: [
        finding({ sheet: 'Assumptions', cell: 'C3', severity: 'info' }),
        finding({ sheet: 'Plan', cell: 'C4', severity: 'warning' }),
        finding({ sheet: 'Risks', cell: 'B2' }),
      ],
    });
    const result = await app.validate();
    if (!result.ok) throw new Error(result.error);
    expect(result.value.groups.map((g) => g.sheet)).toEqual(['Risks', 'Plan', 'Assumptions']);
  });
});

describe('highlights', () => {
  it('Show in the workbook colours the last findings at once, each in its severity colour, and is remembered', async () => {
    const { port, app } = setup({ findings: [finding({ cell: 'C3' }), finding({ cell: 'C4', severity: 'warning' })] });
    await app.validate();
    expect(port.marked).toEqual([]);
    const on = await app.showInWorkbook(true);
    expect(on).toMatchObject({
      ok: true,
      value: 2,
      note: 'Highlighted 2 cells; later checks keep the colours up to date.',
    });
    expect(port.marked).toEqual([
      { sheet: 'Plan', cell: 'C3', color: SEVERITY_COLORS.error },
      { sheet: 'Plan', cell: 'C4', color: SEVERITY_COLORS.warning },
    ]);
    expect(app.showsInWorkbook()).toBe(true);
    const off = await app.showInWorkbook(false);
    expect(off).toMatchObject({ ok: true, value: 0 });
    expect(port.marked).toEqual([]);
    await app.validate();
    expect(port.marked).toEqual([]);
  });

  it('the switch is remembered by the pane, not in the workbook: a new pane over the same preferences starts where it was left', async () => {
    const prefs = memoryPreferences();
    const port = new FakePort({ Plan: [['Budget']] });
    const first = new PlanCheckController(
      port,
      fakeEngine({ findings: [finding({ cell: 'C3' })] }).engine,
      undefined,
      prefs,
    );
    await first.showInWorkbook(true);
    const next = new PlanCheckController(
      port,
      fakeEngine({ findings: [finding({ cell: 'C3' })] }).engine,
      undefined,
      prefs,
    );
    expect(next.showsInWorkbook()).toBe(true);
    expect(prefs.get(SHOW_IN_WORKBOOK)).toBe('on');
    expect(port.count('saveSettings')).toBe(0);
  });

  it('shows a table on the sheet in a light colour and selects it; Clear highlights takes it off', async () => {
    const { port, app } = setup();
    const shown = await app.showTable({ sheet: 'Plan', range: 'A2:C4' });
    expect(shown.ok).toBe(true);
    expect(port.marked).toEqual([{ sheet: 'Plan', cell: 'A2:C4', color: SHOW_TABLE_COLOR }]);
    expect(port.selected).toEqual({ sheet: 'Plan', cell: 'A2:C4' });
    expect(port.ops()).toEqual(['clearMarks', 'mark', 'select']);
    await app.clearMarks();
    expect(port.marked).toEqual([]);
  });
});

describe('the user’s word on a table', () => {
  it('is saved with the workbook, and forgetting it leaves the other corrections alone', async () => {
    const { port, app } = setup();
    await app.saveTableMapping({ sheet: 'Plan', range: 'A1:C4', kind: 'not-a-table' });
    await app.saveTableMapping({ sheet: 'Summary', range: 'A1:B1', kind: 'totals-grid', headerRows: [1] });
    expect(port.settings.tables).toHaveLength(2);
    const forgot = await app.forgetTableMapping({ sheet: 'Plan', range: 'A1:C4' });
    expect(forgot.ok).toBe(true);
    expect(port.settings.tables).toEqual([{ sheet: 'Summary', range: 'A1:B1', kind: 'totals-grid', headerRows: [1] }]);
  });
});

describe('progress', () => {
  it('passes every call through to the port and tells each listener how far a read has got', async () => {
    const inner = new FakePort({ Plan: PLAN });
    inner.read = async (options: ReadOptions = {}) => {
      inner.calls.push({ op: 'read' });
      options.onProgress?.(1, 2);
      options.onProgress?.(2, 2);
      return { name: 'plan.xlsx', sheets: [], names: [] };
    };
    const port = new ProgressPort(inner);
    const heard: string[] = [];
    const own: string[] = [];
    const stop = port.listen((done, total) => heard.push(`${done}/${total}`));
    await port.read({ onProgress: (d, t) => own.push(`${d}/${t}`) });
    stop();
    await port.read();
    expect(heard).toEqual(['1/2', '2/2']);
    expect(own).toEqual(['1/2', '2/2']);

    await port.select('Plan', 'C3');
    await port.mark([{ sheet: 'Plan', cell: 'C3', color: '#FFFFFF' }]);
    await port.clearMarks();
    await port.saveSettings({ uplift: { inflation: 4 } });
    expect(await port.loadSettings()).toEqual({ uplift: { inflation: 4 } });
    expect(await port.selection!()).toEqual({ sheet: 'Plan', cell: 'C3' });
    expect(port.canUndo()).toBe(false);
    expect(inner.ops()).toEqual(['read', 'read', 'select', 'mark', 'clearMarks', 'saveSettings', 'loadSettings']);
  });

  it('items 1 and 3: passes the port’s notes on, so the pane can tell the user', () => {
    const inner = new FakePort({ Plan: PLAN });
    inner.notes = ['Highlights on "Old plan" were dropped: the sheet is no longer in the workbook.'];
    const port = new ProgressPort(inner);
    expect(port.takeNotes?.()).toEqual([
      'Highlights on "Old plan" were dropped: the sheet is no longer in the workbook.',
    ]);
    expect(port.takeNotes?.()).toEqual([]);
  });

  it('passes the file’s bytes on for the evidence report, with where they come from, where the port has them', async () => {
    const inner = new FakePort({ Plan: PLAN });
    expect(new ProgressPort(inner).fileBytes).toBeUndefined();
    const file = { bytes: new Uint8Array([80, 75, 3, 4]), source: 'excel-document' as const };
    const withFile = Object.assign(inner, { fileBytes: async () => file });
    expect(await new ProgressPort(withFile).fileBytes!()).toBe(file);
  });

  it("passes the reading of a table's look on, so new tables in the pane take the workbook's style", async () => {
    const inner = new FakePort({ Plan: PLAN });
    expect(new ProgressPort(inner).styleOf).toBeUndefined();
    const asked: unknown[] = [];
    const look = { cells: [{ fill: '#1F3864', bold: true }], widths: [30] };
    const withLooks = Object.assign(inner, {
      styleOf: async (sheet: string, cells: string[], columns?: number[]) => {
        asked.push([sheet, cells, columns]);
        return look;
      },
    });
    expect(await new ProgressPort(withLooks).styleOf!('Plan', ['C2'], [1])).toBe(look);
    expect(asked).toEqual([['Plan', ['C2'], [1]]]);
  });
});
