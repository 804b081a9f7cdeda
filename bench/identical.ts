/**
 * The engine's results, dumped line by line, for showing that a change to the engine (a faster
 * reader, say) leaves every result as it was: the tables read (sheet, range, kind, column roles,
 * row roles) and the findings (rule, sheet, cell, severity, message, figures) of
 *
 *   - the sample workbooks (samples/*.xlsx, with the settings they keep),
 *   - the layout zoo (test/zoo's families, and 300 workbooks of its generator, seed 1),
 *   - every seed table, at A1 and moved down and right,
 *   - the real workbooks (../shared/real-workbooks, where they are),
 *   - large plans (bigPlanRows, widePlanRows), clean and with slips planted, with several settings.
 *
 *   npx ts-node --transpile-only bench/identical.ts bench-output/before.jsonl
 *   npx ts-node --transpile-only bench/identical.ts bench-output/after.jsonl
 *   cmp bench-output/before.jsonl bench-output/after.jsonl
 *
 * The dumps are written to bench-output/ (not committed): the real workbooks are third-party data.
 */
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';

import { ENGINE } from '../src/app/engine';
import { wellShaped } from '../src/cli/config';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../src/engine/grid';
import { snapshotFromRows } from '../src/engine/grid';
import type { Settings } from '../src/engine/settings';
import type { ReadResult } from '../src/engine/tables';
import { bigPlanRows, widePlanRows } from '../src/samples/bigPlan';
import { offsetGrid, SEEDS, seedGrid, type SeedName } from '../src/samples/seeds';
import { openFile } from '../src/xlsx/files';
import { toSnapshot } from '../test/zoo/build';
import { zoo } from '../test/zoo/families';
import { generatedWorkbooks } from '../test/zoo/generator';

const ROOT = path.resolve(__dirname, '..');
const REAL = process.env.PLANCHECK_REAL_WORKBOOKS ?? path.resolve(ROOT, '..', 'shared', 'real-workbooks');

const lines: string[] = [];

function dump(name: string, wb: WorkbookSnapshot, settings: Settings = {}): void {
  const read: ReadResult = ENGINE.readTables(wb, settings);
  const { findings, judged } = ENGINE.validateWithTally(wb, read, settings);
  lines.push(`# ${name}: ${read.tables.length} tables, ${findings.length} findings`);
  for (const t of read.tables) {
    const cols = t.columns
      .map((c) => `${c.letter}:${c.role}${c.year ? `@${c.year.label}` : ''}${c.measure ? `~${c.measure}` : ''}`)
      .join(',');
    // Row roles run-length coded: 100,000 lines of one role are one entry.
    const runs: string[] = [];
    let prev = '';
    let n = 0;
    for (const r of t.rows) {
      const key = `${r.role}${r.lineRow !== undefined ? `<${r.row - r.lineRow}` : ''}${r.hidden ? 'h' : ''}${r.covers ? `[${r.covers.join(' ')}]` : ''}`;
      if (key === prev) n++;
      else {
        if (n > 0) runs.push(`${prev}x${n}`);
        prev = key;
        n = 1;
      }
    }
    if (n > 0) runs.push(`${prev}x${n}`);
    const labels = createHash('sha1')
      .update(t.rows.map((r) => `${r.label}|${r.ref ?? ''}`).join('\n'))
      .digest('hex');
    lines.push(
      `T ${t.id} ${t.kind} unit=${t.unit.label} title=${t.title ?? ''} headers=${t.headerRows.join(',')} ` +
        `blocks=${JSON.stringify(t.blocks ?? null)} cols=${cols} rows=${runs.join(' ')} labels=${labels}`,
    );
  }
  for (const f of findings) lines.push(`F ${JSON.stringify(f)}`);
  lines.push(`J ${JSON.stringify(judged)}`);
}

/** A large plan with mistakes planted: a total out, a line's funding short, unreadable and missing figures. */
function bigPlanWithSlips(rows: number): SheetSnapshot {
  const grid = bigPlanRows(rows).map((r) => [...r]);
  const last = grid.length - 1;
  const set = (r: number, c: number, v: CellValue) => (grid[r][c] = v);
  set(last, 4, (grid[last][4] as number) + 10); // a total out by 10
  set(last, 9, (grid[last][9] as number) - 1); // a funding total out by a rounding
  set(9, 8, (grid[9][8] as number) + 5); // a line's funding over its cash limit
  set(45, 9, '1,2O4'); // a figure typed wrongly
  set(101, 10, '#REF!'); // an error value
  set(205, 8, 'tbc'); // words where a figure belongs
  set(305, 9, String(grid[305][9])); // a figure stored as text
  set(405, 3, (grid[405][2] as number) + 100); // net above gross
  set(505, 5, (grid[505][4] as number) * 2); // a rise well above the uplift
  set(1001, 4, (grid[1001][4] as number) + 3); // a line out, and the total with it
  // A subtotal of the first 20 lines, labelled, in the middle of the plan.
  grid.splice(85, 0, [null, 'Subtotal', ...grid[84].slice(2, 7).map(() => 0), null, 0, 0, 0, null]);
  const sheet = snapshotFromRows('Financial plan', grid);
  // Formula totals: one SUM over every line, one that stops short.
  const bottom = grid.length;
  sheet.formulas[bottom - 1][6] = `=SUM(G6:G${bottom - 1})`;
  sheet.formulas[bottom - 1][10] = `=SUM(K6:K${bottom - 10})`;
  return sheet;
}

async function xlsxFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await xlsxFiles(full)));
    else if (/\.xls[xm]$/i.test(e.name)) out.push(full);
  }
  return out.sort();
}

async function dumpFile(label: string, file: string): Promise<void> {
  try {
    const port = await openFile(file);
    const wb = await port.read();
    const settings = wellShaped(await port.loadSettings());
    dump(`${label} ${path.basename(file)}`, wb, settings);
    if (Object.keys(settings).length > 0) dump(`${label} ${path.basename(file)} (no settings)`, wb, {});
  } catch (e) {
    lines.push(`# ${label} ${path.basename(file)}: not read (${(e as Error).message.slice(0, 80)})`);
  }
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? path.join(ROOT, 'bench-output', 'identical.jsonl');
  const only = process.argv[3];
  const want = (part: string) => !only || only.split(',').includes(part);
  if (want('samples')) for (const f of await xlsxFiles(path.join(ROOT, 'samples'))) await dumpFile('sample', f);
  if (want('zoo')) {
    for (const z of zoo()) dump(`zoo ${z.name}`, toSnapshot(z));
    for (const g of generatedWorkbooks(1, 300)) dump(`generated ${g.name}`, toSnapshot(g));
  }
  if (want('seeds')) {
    for (const name of Object.keys(SEEDS) as SeedName[]) {
      const parts = SEEDS[name].tables?.length ?? 1;
      for (let part = 0; part < parts; part++) {
        for (const [down, right] of [
          [0, 0],
          [3, 2],
        ]) {
          const rows = offsetGrid(seedGrid(name, { part }).rows, down, right);
          const wb = { name, sheets: [snapshotFromRows('Plan', rows)], names: [] };
          dump(`seed ${name} part ${part} at ${down},${right}`, wb);
          dump(`seed ${name} part ${part} at ${down},${right} uplift`, wb, { uplift: { inflation: 1, growth: 0 } });
        }
      }
    }
  }
  if (want('real')) {
    const real = await xlsxFiles(REAL);
    // Said, not skipped quietly: a dump without them proves nothing about the real workbooks.
    if (real.length === 0)
      console.error(`No real workbooks at ${REAL} (set PLANCHECK_REAL_WORKBOOKS): this dump leaves them out.`);
    for (const f of real) await dumpFile('real', f);
  }
  if (want('big')) {
    const plan = (name: string, sheets: SheetSnapshot[]): WorkbookSnapshot => ({ name, sheets, names: [] });
    for (const n of [1000, 10000, 100000]) {
      dump(`bigPlan ${n}`, plan(`plan-${n}`, [snapshotFromRows('Financial plan', bigPlanRows(n))]));
    }
    dump('widePlan 10000', plan('wide', [snapshotFromRows('Financial plan', widePlanRows(10000))]));
    const slips = plan('slips', [bigPlanWithSlips(100000)]);
    dump('bigPlan 100000 with slips', slips);
    dump('bigPlan 100000 with slips, uplift 2%', slips, { uplift: { inflation: 1, growth: 1 } });
    dump('bigPlan 100000 with slips, rounding 2', slips, { rounding: { perFigure: 2 } });
    dump('bigPlan 10000 with slips', plan('slips-10k', [bigPlanWithSlips(10000)]));
    const sheets = Array.from({ length: 100 }, (_, i) => snapshotFromRows(`Plan ${i + 1}`, bigPlanRows(100, i + 1)));
    dump('100 sheets', plan('plan-100-sheets', sheets));
  }
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, lines.join('\n') + '\n');
  const digest = createHash('sha1').update(lines.join('\n')).digest('hex');
  console.log(`${lines.length} lines written to ${out} (sha1 ${digest})`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
