/**
 * npm run bench: speed and memory of the reader and the checks on large financial plans, the CLI
 * against exceljs's own load time, and the cost of the Office.js port counted with a fake Excel.
 * Prints figures; asserts nothing (targets are compared in the closing notes, not in tests).
 *
 *   npm run bench            all sizes (1,000 / 10,000 / 100,000 rows, 100 sheets)
 *   npm run bench -- quick   1,000 and 10,000 rows only
 *   npm run bench -- cli     the command line alone: check against exceljs's load, the folder check
 *   npm run bench -- ui      the page's thread in Chromium while 100,000 rows are opened and checked (bench/uiThread.ts)
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import ExcelJS from 'exceljs';

import { a1, snapshotFromRows, type WorkbookSnapshot } from '../src/engine/grid';
import { readTables } from '../src/engine/tables';
import { validate, validateWithTally } from '../src/engine/checks';
import { compareWorkbooks } from '../src/engine/compare';
import { bigPlanRows } from '../src/samples/bigPlan';
import { buildReportSpec, REPORT_SHEET, SEVERITY_COLORS } from '../src/engine/report';
import { openFile } from '../src/xlsx/files';
import { XlsxSheetView } from '../src/xlsx/view';
import { XlsxPort } from '../src/xlsx/xlsxPort';
import { BLOCK, SheetViewModel } from '../src/app/sheetView';
import { measureLive } from './live';
import { cliAgainstExceljs, folderFigures } from './cli';
import { measureOfficeSyncs } from './officeSyncs';
import { measureUiThread, printUiThread } from './uiThread';
import { toSnapshot } from '../test/zoo/build';
import { zoo } from '../test/zoo/families';
import { score } from '../test/zoo/score';

const quick = process.argv.includes('quick');
/** `npm run bench -- cli`: the command line's figures alone (CLI against exceljs, folder check). */
const cliOnly = process.argv.includes('cli');
/** `npm run bench -- ui`: the page's thread in Chromium alone. */
const uiOnly = process.argv.includes('ui');
const outDir = path.resolve(__dirname, '..', 'bench-output');

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Time and memory of a synchronous run. A timer cannot sample the heap while synchronous code runs,
 * so memory is the process's peak resident set (maxRSS) after the run: it only grows, which is
 * what "peak" means here, and the growth from one size to the next is the figure to read.
 */
function measure<T>(fn: () => T): { result: T; ms: number; peakHeap: number } {
  global.gc?.();
  const t0 = performance.now();
  const result = fn();
  const ms = performance.now() - t0;
  return { result, ms, peakHeap: process.resourceUsage().maxRSS * 1024 };
}

function engineRun(wb: WorkbookSnapshot): string {
  const read = readTables(wb);
  const findings = validate(wb, read);
  const loud = findings.filter((f) => f.severity !== 'info').length;
  return `${read.tables.length} tables, ${findings.length} findings (${loud} errors or warnings)`;
}

/**
 * The reader and the checks timed apart on the largest plan (what a changed cell costs once the
 * workbook is read): the best of five runs after a warm-up, since the machine may be shared.
 */
function readThenValidate(rows: number): void {
  const wb: WorkbookSnapshot = {
    name: `plan-${rows}`,
    sheets: [snapshotFromRows('Financial plan', bigPlanRows(rows))],
    names: [],
  };
  let read = Infinity;
  let checks = Infinity;
  for (let i = 0; i < 6; i++) {
    global.gc?.();
    const t0 = performance.now();
    const result = readTables(wb);
    const t1 = performance.now();
    validateWithTally(wb, result);
    const t2 = performance.now();
    if (i === 0) continue;
    read = Math.min(read, t1 - t0);
    checks = Math.min(checks, t2 - t1);
  }
  console.log(
    `${rows.toLocaleString('en-GB')} rows, best of 5: readTables ${read.toFixed(0)} ms, validate ${checks.toFixed(0)} ms, ` +
      `together ${(read + checks).toFixed(0)} ms`,
  );
}

/**
 * Comparing two versions of a large plan: the second with 1% of its figures changed and 100 rows
 * inserted (blank spacer rows between lines); the comparison's time against reading both.
 */
function compareFigures(rows: number): void {
  const before = bigPlanRows(rows);
  const after = before.map((r) => [...r]);
  let changed = 0;
  for (let i = 6; i < after.length; i += 100) {
    const r = after[i];
    for (const c of [8, 9, 10]) {
      if (typeof r[c] === 'number') {
        r[c] = (r[c] as number) + 7;
        changed++;
      }
    }
  }
  // 100 blank rows inserted through the table: nothing about them is a change.
  for (let k = 0; k < 100; k++) after.splice(6 + Math.floor(((after.length - 8) * k) / 100) * 1, 0, []);
  const oldWb: WorkbookSnapshot = { name: 'v1', sheets: [snapshotFromRows('Financial plan', before)], names: [] };
  const newWb: WorkbookSnapshot = { name: 'v2', sheets: [snapshotFromRows('Financial plan', after)], names: [] };
  const read = measure(() => [readTables(oldWb), readTables(newWb)] as const);
  const cmp = measure(() => compareWorkbooks(read.result[0], read.result[1]));
  const kinds = new Map<string, number>();
  for (const c of cmp.result.changes) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
  console.log(
    `\nCompare two ${rows.toLocaleString('en-GB')}-row plans (${changed} figures changed, 100 rows inserted):`,
  );
  console.log(`reading both        ${read.ms.toFixed(0)} ms`);
  console.log(
    `comparing           ${cmp.ms.toFixed(0)} ms (${(cmp.ms / read.ms).toFixed(2)}x reading both), peak RSS ${mb(cmp.peakHeap)}`,
  );
  console.log(`changes found       ${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}`);
}

/** Precision and recall of the checks over the layout zoo (test/zoo): clean and planted workbooks. */
function zooFigures(): void {
  let found = 0;
  let missed = 0;
  let falseAlarms = 0;
  let cleanLoud = 0;
  const lines: string[] = [];
  for (const z of zoo()) {
    const wb = toSnapshot(z);
    const s = score(z, validate(wb, readTables(wb)));
    found += s.found.length;
    missed += s.missed.length;
    falseAlarms += s.false.length;
    if (z.variant === 'clean') cleanLoud += s.false.length;
    lines.push(
      `  ${z.name.padEnd(36)} planted ${z.planted.length}, found ${s.found.length}, false alarms ${s.false.length}`,
    );
  }
  const precision = found + falseAlarms === 0 ? 1 : found / (found + falseAlarms);
  const recall = found + missed === 0 ? 1 : found / (found + missed);
  console.log('\nLayout zoo (test/zoo): errors and warnings against the planted mistakes');
  for (const l of lines) console.log(l);
  console.log(
    `  precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}% ` +
      `(${found} found, ${missed} missed, ${falseAlarms} false alarms, ${cleanLoud} of them on clean workbooks)`,
  );
}

function cellsOf(wb: WorkbookSnapshot): number {
  return wb.sheets.reduce((n, s) => n + s.values.length * (s.values[0]?.length ?? 0), 0);
}

async function writeXlsx(rows: ReturnType<typeof bigPlanRows>, file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Financial plan');
  for (const r of rows) sheet.addRow(r);
  await book.xlsx.writeFile(file);
}

/**
 * The browser page's sheet view on a large sheet: the layout of the sheets, the first screen of
 * cells, and a scroll to the far end (each read a block of rows from the workbook in memory). The
 * drawing itself is timed by the end-to-end test, which prints its figures.
 */
async function sheetViewFigures(rows: number): Promise<void> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Big', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(['Ref', 'Service', '2024/25', '2025/26', '2026/27', 'Change']);
  for (let i = 1; i <= rows; i++) ws.addRow([i, `Line ${i}`, i * 3, i * 3.1, i * 3.2, 0.033]);
  for (const c of [3, 4, 5]) ws.getColumn(c).numFmt = '#,##0';
  ws.getColumn(6).numFmt = '0.0%';
  ws.addConditionalFormatting({
    ref: `F2:F${rows + 1}`,
    rules: [
      {
        type: 'cellIs',
        operator: 'greaterThan',
        formulae: ['0.03'],
        priority: 1,
        style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } },
      },
    ],
  });
  const port = new XlsxPort(book, 'big.xlsx');
  const screen = (model: SheetViewModel, top: number): void => {
    for (let r = top; r < top + 40; r++) for (let c = 0; c < 26; c++) model.cell('Big', r, c);
  };
  const t0 = performance.now();
  const model = new SheetViewModel(new XlsxSheetView(port.state));
  const layout = performance.now() - t0;
  const t1 = performance.now();
  screen(model, 0);
  const first = performance.now() - t1;
  const t2 = performance.now();
  for (let top = 0; top < rows; top += Math.floor(rows / 40)) screen(model, top);
  const steps = (performance.now() - t2) / 40;
  const t3 = performance.now();
  screen(model, rows - 40);
  const last = performance.now() - t3;
  console.log(`\nSheet view over ${rows.toLocaleString('en-GB')} rows (browser page, workbook in memory):`);
  console.log(`sheets and layout      ${layout.toFixed(1).padStart(7)} ms`);
  console.log(`first screen of cells  ${first.toFixed(1).padStart(7)} ms`);
  console.log(
    `a scroll step (mean)   ${steps.toFixed(1).padStart(7)} ms  (a new block of ${BLOCK} rows read each step)`,
  );
  console.log(`the last screen        ${last.toFixed(1).padStart(7)} ms`);
  model.dispose();
}

async function main(): Promise<void> {
  await fs.mkdir(outDir, { recursive: true });
  if (cliOnly) {
    const file = path.join(outDir, 'plan-100000.xlsx');
    await writeXlsx(bigPlanRows(100000), file);
    cliAgainstExceljs(file, outDir, mb((await fs.stat(file)).size));
    await folderFigures(outDir);
    return;
  }
  if (uiOnly) {
    printUiThread(100_000, await measureUiThread(100_000, outDir));
    return;
  }
  console.log(`PlanCheck benchmarks on ${os.cpus().length} cores, Node ${process.version}\n`);
  console.log('Reader and every check, in memory (snapshot already read):');
  console.log(
    'rows       cells       time       cells/s      peak RSS    what it found (a clean plan: the goal is 0 findings)',
  );
  const sizes = quick ? [1000, 10000] : [1000, 10000, 100000];
  for (const n of sizes) {
    const wb: WorkbookSnapshot = {
      name: `plan-${n}`,
      sheets: [snapshotFromRows('Financial plan', bigPlanRows(n))],
      names: [],
    };
    engineRun(wb); // warm-up
    const m = measure(() => engineRun(wb));
    const cells = cellsOf(wb);
    console.log(
      `${String(n).padEnd(10)} ${String(cells).padEnd(11)} ${m.ms.toFixed(0).padStart(6)} ms  ${Math.round(
        (cells / m.ms) * 1000,
      )
        .toLocaleString('en-GB')
        .padStart(12)}  ${mb(m.peakHeap).padStart(10)}   ${m.result}`,
    );
  }
  readThenValidate(sizes[sizes.length - 1]);
  {
    const sheets = Array.from({ length: 100 }, (_, i) => snapshotFromRows(`Plan ${i + 1}`, bigPlanRows(100, i + 1)));
    const wb: WorkbookSnapshot = { name: 'plan-100-sheets', sheets, names: [] };
    engineRun(wb);
    const m = measure(() => engineRun(wb));
    const cells = cellsOf(wb);
    console.log(
      `100 sheets ${String(cells).padEnd(11)} ${m.ms.toFixed(0).padStart(6)} ms  ${Math.round((cells / m.ms) * 1000)
        .toLocaleString('en-GB')
        .padStart(12)}  ${mb(m.peakHeap).padStart(10)}   ${m.result}`,
    );
  }

  zooFigures();
  compareFigures(sizes[sizes.length - 1]);
  await sheetViewFigures(sizes[sizes.length - 1]);

  const largest = sizes[sizes.length - 1];
  const file = path.join(outDir, `plan-${largest}.xlsx`);
  await writeXlsx(bigPlanRows(largest), file);
  cliAgainstExceljs(file, outDir, mb((await fs.stat(file)).size));
  await folderFigures(outDir);

  await copyWrite(file);

  console.log('\nOffice.js port, counted on the fake Excel (second read of a pane; the first adds one sync):');
  console.log('case                              syncs   largest response');
  for (const m of await measureOfficeSyncs()) {
    console.log(`${m.case.padEnd(33)} ${String(m.syncs).padStart(5)}   ${mb(m.maxResponseBytes).padStart(10)}`);
  }

  const live = await measureLive(quick ? 10_000 : 100_000);
  console.log("\nA pane's actions on an unchanged workbook after the first check (Office.js port, fake Excel):");
  console.log('action                    syncs   cells read');
  for (const a of live.actions)
    console.log(`${a.action.padEnd(25)} ${String(a.syncs).padStart(5)}   ${String(a.cellsRead).padStart(10)}`);
  console.log(
    `Changed cell to updated findings on ${live.rows.toLocaleString('en-GB')} rows: ${live.changeToFindingsMs.toFixed(0)} ms ` +
      `(reading what changed ${live.readMs.toFixed(0)} ms; the rest is the checks of the whole workbook)`,
  );
  console.log(
    `The same through the engine worker's protocol (page and worker on one thread here): ${live.viaWorkerMs.toFixed(0)} ms, ` +
      `handing over ${live.rowsHandedOver.edit.toLocaleString('en-GB')} changed row ` +
      `(the first check handed over ${live.rowsHandedOver.first.toLocaleString('en-GB')})`,
  );

  const uiRows = quick ? 10_000 : 100_000;
  printUiThread(uiRows, await measureUiThread(uiRows, outDir));

  const dist = path.resolve(__dirname, '..', 'dist');
  try {
    const { gzipSync } = await import('zlib');
    const files = (await fs.readdir(dist)).filter((f) => f.endsWith('.js'));
    const html = await fs.readFile(path.join(dist, 'taskpane.html'), 'utf8');
    const paneScripts = files.filter((f) => html.includes(f));
    let gz = 0;
    for (const f of paneScripts) gz += gzipSync(await fs.readFile(path.join(dist, f))).length;
    console.log(
      `\nExcel task pane JavaScript (dist/, gzipped): ${(gz / 1024).toFixed(0)} KB in ${paneScripts.length} files (target under 300 KB)`,
    );
  } catch {
    console.log('\nNo production build in dist/: run `npm run build` first to measure the task pane bundle.');
  }
}

/**
 * Writing a copy (`check --out`, the browser page's Download) of the largest plan after one
 * validation: its findings marked and the report sheet added. The copy is written by patching the
 * original package; exceljs writing the whole workbook (how copies were written before) is timed
 * beside it on the same changed workbook.
 */
async function copyWrite(file: string): Promise<void> {
  const port = await openFile(file);
  const wb = await port.read();
  const read = readTables(wb);
  const findings = validate(wb, read);
  const marks = findings.map((f) => ({ sheet: f.sheet, cell: f.cell, color: SEVERITY_COLORS[f.severity] }));
  // The generated plan is clean, so a cell in every 100th row is marked too: the plan sheet's part is
  // then patched at 1,000 places spread through it, the slow case for a patcher.
  const plan = wb.sheets[0];
  for (let r = 0; r < plan.values.length; r += 100) {
    marks.push({
      sheet: plan.name,
      cell: a1(plan.origin.row + r, plan.origin.col + 1),
      color: SEVERITY_COLORS.warning,
    });
  }
  await port.mark(marks);
  await port.write(buildReportSpec(wb.name, findings, REPORT_SHEET));
  const time = async (fn: () => Promise<unknown>): Promise<{ ms: number; bytes: number }> => {
    global.gc?.();
    const t0 = performance.now();
    const out = (await fn()) as { byteLength: number };
    return { ms: performance.now() - t0, bytes: out.byteLength };
  };
  const patched = await time(() => port.toBuffer());
  const whole = await time(() => port.workbook.xlsx.writeBuffer());
  console.log(
    `\nWriting a copy of ${path.basename(file)} after a check (${marks.length.toLocaleString('en-GB')} cells marked, report added):`,
  );
  console.log(
    `patching the original package  ${patched.ms.toFixed(0).padStart(6)} ms  ${mb(patched.bytes).padStart(9)}`,
  );
  console.log(`exceljs writing it all (before) ${whole.ms.toFixed(0).padStart(5)} ms  ${mb(whole.bytes).padStart(9)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
