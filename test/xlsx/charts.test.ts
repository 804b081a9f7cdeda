/**
 * Charts in a copy written by the exceljs port (the browser page's Download, the CLI's --out): a
 * table inserted with charts (the benchmarking comparison, the budget bridge's waterfall) comes out
 * with each chart drawn, as Excel draws it when PlanCheck inserts it there: a chart part whose
 * series refer to the cells just written and carry their figures, anchored where the table puts it.
 * The user's own pictures and charts stay as they were; undo takes the chart away with the table.
 */
import { execFileSync } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';

import { PlanCheckApp } from '../../src/app';
import type { TableSpec } from '../../src/engine/spec';
import { XlsxPort } from '../../src/xlsx/xlsxPort';
import { revisedSample, SAMPLE_FILE } from '../app/revisedSample';
import { notWellFormed, outOfOrder, sheetCharts, type CopyChart } from './chartParts';

const FIXTURES = path.resolve(__dirname, '../fixtures/keeps');

function valueOf<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** The copy read back by exceljs, as the user's Excel would open it: every cell a series names, as a figure or text. */
async function reopened(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

/** What the cells of a formula ('Sheet'!$B$3:$B$7, one column) hold in the copy. */
function cellsAt(wb: ExcelJS.Workbook, ref: string): unknown[] {
  const m = /^'?(.+?)'?!\$([A-Z]+)\$(\d+)(?::\$[A-Z]+\$(\d+))?$/.exec(ref);
  if (!m) throw new Error(`not a column reference: ${ref}`);
  const ws = wb.getWorksheet(m[1].replace(/''/g, "'"))!;
  const out: unknown[] = [];
  for (let r = Number(m[3]); r <= Number(m[4] ?? m[3]); r++) {
    // A formula's stored result from the cell's model: exceljs's value getter drops a result of 0.
    const cell = ws.getCell(`${m[2]}${r}`);
    const model = cell.model as { formula?: string; result?: unknown; value?: unknown };
    out.push(model.formula ? (model.result ?? null) : (cell.value ?? null));
  }
  return out;
}

/** Each series' cached figures are what its cells hold in the copy, its categories and name too. */
function expectCachesMatchCells(wb: ExcelJS.Workbook, chart: CopyChart): void {
  for (const s of chart.series) {
    expect(s.values).toEqual(cellsAt(wb, s.ref).map((v) => (typeof v === 'number' ? v : null)));
    expect(s.categories).toEqual(cellsAt(wb, s.catRef).map((v) => String(v ?? '')));
    expect([s.name]).toEqual(cellsAt(wb, s.nameRef));
  }
}

/**
 * How big a chart shows on its sheet, in pixels at 100% zoom, [width, height]: the columns and rows
 * its anchor spans, as Excel sizes them (a column of w characters is 7w + 5 pixels, a row of h
 * points 4h/3 pixels), less and plus the anchor's offsets into its corner cells.
 */
function sizeOnScreen(wb: ExcelJS.Workbook, sheet: string, chart: CopyChart): [number, number] {
  const ws = wb.getWorksheet(sheet)!;
  const { from, to } = chart.corners;
  let width = (to.colOff - from.colOff) / 9525;
  for (let c = from.col; c < to.col; c++) {
    const col = ws.getColumn(c + 1);
    if (!col.hidden) width += Math.round((col.width ?? ws.properties.defaultColWidth ?? 8.43) * 7 + 5);
  }
  let height = (to.rowOff - from.rowOff) / 9525;
  for (let r = from.row; r < to.row; r++) {
    const row = ws.getRow(r + 1);
    if (!row.hidden) height += Math.round(((row.height ?? ws.properties.defaultRowHeight ?? 15) * 4) / 3);
  }
  return [Math.round(width), Math.round(height)];
}

/** The copy's chart and drawing parts well formed and in the schema's order. */
async function expectSound(charts: CopyChart[], drawingXml: string | null): Promise<void> {
  const parts = charts.map((c) => ({ name: c.path, xml: c.xml }));
  if (drawingXml) parts.push({ name: 'drawing.xml', xml: drawingXml });
  expect(await notWellFormed(parts)).toEqual([]);
  for (const p of parts) expect({ part: p.name, problems: outOfOrder(p.xml) }).toEqual({ part: p.name, problems: [] });
}

describe('the benchmarking comparison inserted into the sample plan', () => {
  let port: XlsxPort;
  let view: Awaited<ReturnType<PlanCheckApp['benchmarks']>>;
  let copy: Uint8Array;

  beforeAll(async () => {
    port = await XlsxPort.fromBuffer(new Uint8Array(await fs.readFile(SAMPLE_FILE)), 'plancheck-sample.xlsx');
    const app = new PlanCheckApp(port);
    view = await app.benchmarks();
    expect(valueOf(await app.insertBenchmarks())?.sheet).toBe('Benchmarks');
    copy = await port.toBuffer();
  });

  test('its copy draws both charts: a bar chart of own value against the average, and a radar of percentiles', async () => {
    const { charts, drawingElements, drawingXml } = await sheetCharts(copy, 'Benchmarks');
    expect(drawingElements).toBe(1);
    expect(charts.map((c) => [c.title, c.plot, c.barDir ?? null, c.legend])).toEqual([
      ['Own value against comparator average', 'barChart', 'bar', true],
      ['Percentile in comparator group', 'radarChart', null, true],
    ]);
    expect(charts[0].grouping).toBe('clustered');
    expect(charts[0].series.map((s) => s.name)).toEqual(['Own council', 'Comparator average']);
    expect(charts[1].series.map((s) => s.name)).toEqual(['Percentile']);
    await expectSound(charts, drawingXml);
  });

  test("the series refer to the comparison's own cells, and hold the figures the Benchmarks tab shows", async () => {
    const indicators = valueOf(view).indicators;
    const [bar, radar] = (await sheetCharts(copy, 'Benchmarks')).charts;
    for (const s of [...bar.series, ...radar.series]) expect(s.ref).toMatch(/^Benchmarks!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+$/);
    expect(bar.series[0].categories).toEqual(indicators.map((i) => i.indicator));
    expect(bar.series[0].values).toEqual(indicators.map((i) => i.own ?? null));
    expect(bar.series[1].values).toEqual(indicators.map((i) => i.comparatorAverage ?? null));
    expect(radar.series[0].values).toEqual(
      indicators.map((i) => (typeof i.percentile === 'number' ? i.percentile : null)),
    );
    expectCachesMatchCells(await reopened(copy), bar);
    expectCachesMatchCells(await reopened(copy), radar);
  });

  test('the charts sit beside the chart data, 600 by 300 pixels each, the radar under the bar chart', async () => {
    const [bar, radar] = (await sheetCharts(copy, 'Benchmarks')).charts;
    // The chart data's first column (its indicators) is 7 columns left of the charts.
    const dataCol = /\$([A-Z]+)\$/.exec(bar.series[0].catRef)![1];
    const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    expect(col(bar.from.replace(/\d+/, ''))).toBe(col(dataCol) + 7);
    const row = (cell: string) => Number(/\d+/.exec(cell)![0]);
    expect(row(bar.from)).toBe(Number(/\$(\d+):/.exec(bar.series[0].catRef)![1]) - 1);
    const wb = await reopened(copy);
    expect(sizeOnScreen(wb, 'Benchmarks', bar)).toEqual([600, 300]);
    expect(sizeOnScreen(wb, 'Benchmarks', radar)).toEqual([600, 300]);
    expect(radar.from.replace(/\d+/, '')).toBe(bar.from.replace(/\d+/, ''));
    expect(row(radar.from)).toBe(row(bar.from) + 20);
  });

  test('no note stands where a chart goes: the chart is there', async () => {
    const ws = (await reopened(copy)).getWorksheet('Benchmarks')!;
    const texts: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => void (typeof c.value === 'string' && texts.push(c.value))));
    expect(texts.filter((t) => /chart/i.test(t) && /Excel/.test(t))).toEqual([]);
  });

  test('undo takes the charts away with the table: the copy is the sample again, with no chart part', async () => {
    expect(await port.undo()).toBe(true);
    const after = await port.toBuffer();
    const wb = await reopened(after);
    expect(wb.getWorksheet('Benchmarks')).toBeUndefined();
    const { zip } = await sheetCharts(after, 'Financial plan');
    expect(Object.keys(zip.files).filter((f) => /^xl\/(charts|drawings)\//.test(f))).toEqual([]);
  });
});

describe('the budget bridge inserted after Compare', () => {
  let copy: Uint8Array;
  let bridge: { title: string; years: string[]; rows: { label: string; kind: string; values: number[] }[] };

  beforeAll(async () => {
    const port = await XlsxPort.fromBuffer(new Uint8Array(await revisedSample()), 'plan-revised.xlsx');
    const app = new PlanCheckApp(port);
    const earlier = new Uint8Array(await fs.readFile(SAMPLE_FILE));
    const view = valueOf(await app.compare({ file: { bytes: earlier, name: 'plancheck-sample.xlsx' } }));
    bridge = view.bridges[0];
    valueOf(await app.insertBridge());
    copy = await port.toBuffer();
  });

  test('its copy draws the waterfall: stacked columns, the base series unfilled, no legend', async () => {
    const { charts, drawingXml } = await sheetCharts(copy, 'Budget bridge');
    expect(charts.length).toBeGreaterThan(0);
    const [waterfall] = charts;
    // The first year's bridge, as in Excel.
    expect(waterfall.title).toBe(`${bridge.title}, ${bridge.years[0]}`);
    expect([waterfall.plot, waterfall.barDir, waterfall.grouping, waterfall.overlap]).toEqual([
      'barChart',
      'col',
      'stacked',
      '100',
    ]);
    expect(waterfall.series.map((s) => [s.name, s.hidden])).toEqual([
      ['Base', true],
      ['Rise', false],
      ['Fall', false],
      ['Start or end', false],
    ]);
    expect(waterfall.legend).toBe(false);
    // Under the bridge, as big as any other chart though the bridge's first column is wide.
    expect(waterfall.from).toMatch(/^A\d+$/);
    expect(sizeOnScreen(await reopened(copy), 'Budget bridge', waterfall)).toEqual([600, 300]);
    await expectSound(charts, drawingXml);
  });

  test('each step of the bridge is a column: the rises and falls are the movements Compare found', async () => {
    const [waterfall] = (await sheetCharts(copy, 'Budget bridge')).charts;
    const [, rise, fall, ends] = waterfall.series;
    const steps = bridge.rows.filter((r) => ['start', 'movement', 'other', 'unexplained', 'end'].includes(r.kind));
    expect(rise.categories.slice(1, -1)).toEqual(steps.slice(1, -1).map((r) => r.label));
    steps.forEach((r, i) => {
      const v = r.values[0];
      if (r.kind === 'start' || r.kind === 'end') expect(ends.values[i]).toBe(v);
      else expect([rise.values[i], fall.values[i]]).toEqual([Math.max(v, 0), Math.max(-v, 0)]);
    });
    expectCachesMatchCells(await reopened(copy), waterfall);
  });
});

/** A small table of spend by year with a chart of it, as a generator would hand it to the port. */
function spendTable(sheet: string, row: number, col: number, type: 'column' | 'line'): TableSpec {
  const years = ['2024/25', '2025/26', '2026/27'];
  return {
    title: 'Spend by year',
    anchor: { sheet, row, col },
    cells: [
      [{ value: 'Year' }, { value: 'Older people' }, { value: 'Learning disability' }],
      ...years.map((y, i) => [{ value: y }, { value: 52000 + 900 * i }, { value: 38000 + 650 * i }]),
    ],
    charts: [
      { type, title: 'Spend by year (£000)', data: { top: 0, left: 0, bottom: 3, right: 2 }, at: { row: 0, col: 4 } },
    ],
  };
}

test('a sheet with a chart of its own keeps it and gains the new one in the same drawing, in a new chart part', async () => {
  const original = new Uint8Array(await fs.readFile(path.join(FIXTURES, 'charts.xlsx')));
  const before = await sheetCharts(original, 'Financial plan');
  expect(before.charts.map((c) => c.path)).toEqual(['xl/charts/chart1.xml']);
  const port = await XlsxPort.fromBuffer(original, 'charts.xlsx');
  await port.write(spendTable('Financial plan', 60, 2, 'line'));
  const copy = await port.toBuffer();
  const after = await sheetCharts(copy, 'Financial plan');
  expect(after.drawingElements).toBe(1);
  expect(after.drawingPath).toBe(before.drawingPath);
  expect(after.charts.map((c) => [c.path, c.title, c.plot, c.from])).toEqual([
    ['xl/charts/chart1.xml', '', 'lineChart', before.charts[0].from],
    ['xl/charts/chart4.xml', 'Spend by year (£000)', 'lineChart', 'G61'],
  ]);
  // The user's chart part is as it was, byte for byte; so are the other sheets' charts.
  for (const n of [1, 2, 3]) {
    const name = `xl/charts/chart${n}.xml`;
    expect(await after.zip.file(name)!.async('string')).toBe(await before.zip.file(name)!.async('string'));
  }
  expect(after.charts[1].series.map((s) => [s.name, s.ref, s.values])).toEqual([
    ['Older people', "'Financial plan'!$D$62:$D$64", [52000, 52900, 53800]],
    ['Learning disability', "'Financial plan'!$E$62:$E$64", [38000, 38650, 39300]],
  ]);
  const types = await after.zip.file('[Content_Types].xml')!.async('string');
  expect(types).toContain(
    '<Override PartName="/xl/charts/chart4.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>',
  );
  await expectSound(after.charts, after.drawingXml);
  // The copy opens again, and each new chart's cached figures are what its cells hold there.
  expectCachesMatchCells(await reopened(copy), after.charts[1]);
});

test("a sheet with a picture keeps it and gains the chart in the picture's drawing", async () => {
  const original = new Uint8Array(await fs.readFile(path.join(FIXTURES, 'drawings-images.xlsx')));
  const before = await sheetCharts(original, 'Financial plan');
  expect(before.drawingXml).toContain('<xdr:pic>');
  const port = await XlsxPort.fromBuffer(original, 'drawings-images.xlsx');
  await port.write(spendTable('Financial plan', 60, 2, 'column'));
  const copy = await port.toBuffer();
  const after = await sheetCharts(copy, 'Financial plan');
  expect(after.drawingElements).toBe(1);
  expect(after.drawingPath).toBe(before.drawingPath);
  expect(after.drawingXml!.startsWith(before.drawingXml!.replace(/<\/xdr:wsDr>$/, ''))).toBe(true);
  expect(after.charts.map((c) => [c.path, c.plot, c.barDir, c.grouping, c.from])).toEqual([
    ['xl/charts/chart1.xml', 'barChart', 'col', 'clustered', 'G61'],
  ]);
  expect(sizeOnScreen(await reopened(copy), 'Financial plan', after.charts[0])).toEqual([600, 300]);
  expect(await after.zip.file('xl/media/image1.png')!.async('base64')).toBe(
    await before.zip.file('xl/media/image1.png')!.async('base64'),
  );
  await expectSound(after.charts, after.drawingXml);
  // The copy opens again, and the chart's cached figures are what its cells hold there.
  expectCachesMatchCells(await reopened(copy), after.charts[0]);
});

test('undo of the second of two inserts takes its chart only; the first stays', async () => {
  const port = await XlsxPort.fromBuffer(new Uint8Array(await fs.readFile(SAMPLE_FILE)), 'plancheck-sample.xlsx');
  await port.write(spendTable('Financial plan', 60, 2, 'column'));
  await port.write(spendTable('Financial plan', 80, 2, 'line'));
  expect((await sheetCharts(await port.toBuffer(), 'Financial plan')).charts.map((c) => [c.plot, c.from])).toEqual([
    ['barChart', 'G61'],
    ['lineChart', 'G81'],
  ]);
  await port.undo();
  expect((await sheetCharts(await port.toBuffer(), 'Financial plan')).charts.map((c) => [c.plot, c.from])).toEqual([
    ['barChart', 'G61'],
  ]);
  await port.undo();
  const bare = await sheetCharts(await port.toBuffer(), 'Financial plan');
  expect([bare.drawingElements, bare.charts]).toEqual([0, []]);
});

test('a workbook made in memory (no file behind it) is written with its chart too', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Plan');
  const port = new XlsxPort(wb, 'new.xlsx');
  await port.write(spendTable('Plan', 0, 0, 'column'));
  const copy = await port.toBuffer();
  const { charts, drawingXml } = await sheetCharts(copy, 'Plan');
  expect(charts.map((c) => [c.title, c.from, c.series[0].ref, c.series[0].values])).toEqual([
    ['Spend by year (£000)', 'E1', 'Plan!$B$2:$B$4', [52000, 52900, 53800]],
  ]);
  await expectSound(charts, drawingXml);
  // The copy opens again, and the chart's cached figures are what its cells hold there.
  expectCachesMatchCells(await reopened(copy), charts[0]);
});

/** LibreOffice, where it is installed (CI does not need it): it reads the charts too. */
const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));

(soffice ? test : test.skip)(
  'LibreOffice reads the charts of a copy and writes them back over the same cells',
  async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'plancheck-lo-charts-'));
    try {
      const port = await XlsxPort.fromBuffer(new Uint8Array(await fs.readFile(SAMPLE_FILE)), 'plancheck-sample.xlsx');
      valueOf(await new PlanCheckApp(port).insertBenchmarks());
      const file = path.join(dir, 'benchmarked.xlsx');
      await fs.writeFile(file, await port.toBuffer());
      const ours = (await sheetCharts(new Uint8Array(await fs.readFile(file)), 'Benchmarks')).charts;
      const outDir = path.join(dir, 'lo');
      execFileSync(soffice!, ['--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', outDir, file], {
        stdio: 'pipe',
        timeout: 120000,
        env: { ...process.env, HOME: dir },
      });
      const theirs = (
        await sheetCharts(new Uint8Array(await fs.readFile(path.join(outDir, 'benchmarked.xlsx'))), 'Benchmarks')
      ).charts;
      expect(theirs.map((c) => [c.plot, c.series.map((s) => s.ref.replace(/'/g, ''))])).toEqual(
        ours.map((c) => [c.plot, c.series.map((s) => s.ref)]),
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  },
  180_000,
);
