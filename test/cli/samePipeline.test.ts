/**
 * The command line and the pane run the same pipelines (src/app/compare.ts, src/app/pipeline.ts):
 * on the same workbooks, `plancheck compare` and the pane's Compare give the same changes, in the
 * same order, and the same bridge, written the same way; `plancheck check` and the pane's Validate
 * find the same things.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { PlanCheckController } from '../../src/app/controller';
import { ENGINE } from '../../src/app/engine';
import type { SheetSnapshot } from '../../src/engine/grid';
import { openFile } from '../../src/xlsx/files';
import { XlsxPort } from '../../src/xlsx/xlsxPort';
import { buildSampleWorkbooks } from '../../scripts/build-samples';
import { plancheck, plancheckJson, tempDir, type CheckJson } from './helpers';

let dir: string;
let older: string;
let newer: string;

beforeAll(async () => {
  dir = await tempDir();
  await buildSampleWorkbooks(dir);
  older = path.join(dir, 'manchester-2009-plan.xlsx');
  // Line 03's 2010/11 cash limit up 500 (G9) with its total following (G53), and the 2011/12
  // total typed over (H53): a change and an error, so the order of the changes matters.
  const port = await XlsxPort.fromBuffer(await fs.readFile(older), 'plan-v2.xlsx');
  const cells: [number, number, number, string?][] = [
    [8, 6, 74526],
    [52, 6, 194111, '=SUM(G7:G52)'],
    [52, 7, 200389],
  ];
  for (const [row, col, value, formula] of cells) {
    await port.write(
      { title: 'edit', anchor: { sheet: 'Financial plan', row, col }, cells: [[{ value, formula }]] },
      { overwrite: true },
    );
  }
  newer = path.join(dir, 'plan-v2.xlsx');
  await fs.writeFile(newer, await port.toBuffer());
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The pane over NEW (an exceljs port, as the browser page has), with OLD picked as the earlier file. */
async function pane(): Promise<{ app: PlanCheckController; port: XlsxPort; oldBytes: Uint8Array }> {
  const port = await XlsxPort.fromBuffer(await fs.readFile(newer), 'plan-v2.xlsx');
  return { app: new PlanCheckController(port, ENGINE), port, oldBytes: await fs.readFile(older) };
}

/** A sheet's values and formulas, what a bridge's reader sees. */
function cellsOf(sheet: SheetSnapshot | undefined): unknown {
  return sheet && { origin: sheet.origin, values: sheet.values, formulas: sheet.formulas };
}

test('compare: the same changes, errors first, and the same bridge from the CLI and the pane', async () => {
  const cli = await plancheckJson<{ changes: unknown[]; bridges: unknown[]; tables: unknown[] }>(
    'compare',
    older,
    newer,
  );
  expect(cli.code).toBe(1);

  const { app, oldBytes } = await pane();
  const result = await app.compare({ file: { bytes: oldBytes, name: 'manchester-2009-plan.xlsx' } });
  if (!result.ok) throw new Error(result.error);
  const view = result.value;

  expect(view.errors).toBe(1);
  expect(view.changes.map((c) => c.severity)).toEqual(['error', 'info']);
  expect(cli.json.changes).toEqual(JSON.parse(JSON.stringify(view.changes)));
  expect(cli.json.tables).toEqual(JSON.parse(JSON.stringify(view.tables)));
  expect(cli.json.bridges).toEqual(
    JSON.parse(
      JSON.stringify(
        view.bridges.map((b) => ({
          table: b.table,
          title: b.title,
          years: b.years,
          rows: b.rows.map((r) => ({ label: r.label, kind: r.kind, values: r.values })),
        })),
      ),
    ),
  );
  expect(view.bridges.length).toBeGreaterThan(0);

  // The text lists the changes in the same order.
  const text = await plancheck('compare', older, newer);
  const kinds = text.out
    .split('\n')
    .filter((l) => /^(ERROR|CHANGE) {2}/.test(l))
    .map((l) => l.split(' ')[0]);
  expect(kinds).toEqual(['ERROR', 'CHANGE']);
});

test('compare --out and Insert bridge write the same bridge sheet', async () => {
  const out = path.join(dir, 'plan-v2-bridge.xlsx');
  expect((await plancheck('compare', older, newer, '--out', out)).code).toBe(1);
  const written = await (await openFile(out)).read();

  const { app, port, oldBytes } = await pane();
  const compared = await app.compare({ file: { bytes: oldBytes, name: 'manchester-2009-plan.xlsx' } });
  expect(compared.ok).toBe(true);
  const inserted = await app.insertBridge();
  if (!inserted.ok) throw new Error(inserted.error);
  const paneWb = await port.read();

  const bridge = (sheets: SheetSnapshot[]) => sheets.find((s) => s.name === 'Budget bridge');
  // The bridge written by the CLI starts from the earlier version and carries live formulas.
  const cliBridge = bridge(written.sheets);
  expect(cliBridge?.values.flat()).toContain('Check (must be zero)');
  expect(cliBridge?.formulas.flat().filter((f) => f !== null).length).toBeGreaterThan(0);
  expect(cellsOf(bridge(written.sheets))).toEqual(cellsOf(bridge(paneWb.sheets)));
});

test('check: the same findings from the CLI and the pane', async () => {
  const file = path.join(dir, 'plancheck-sample.xlsx');
  const cli = await plancheckJson<CheckJson>('check', file);
  const port = await XlsxPort.fromBuffer(await fs.readFile(file), 'plancheck-sample.xlsx');
  const result = await new PlanCheckController(port, ENGINE).validate();
  if (!result.ok) throw new Error(result.error);
  const key = (f: { rule: string; severity: string; sheet: string; cell: string }) =>
    `${f.severity} ${f.rule} ${f.sheet}!${f.cell}`;
  expect(cli.json.findings.length).toBeGreaterThan(0);
  expect(cli.json.findings.map(key)).toEqual([...result.value.findings, ...result.value.accepted].map(key));
});
