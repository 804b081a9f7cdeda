/**
 * `plancheck project FILE --config CFG --out OUT` with `"into"` on the cost/benefit projection: the
 * council's own styled cost/benefit table, its lines empty, filled in a copy with the config's
 * figures; the worked-out cells as live formulas that recalculate; everything else as it was; a
 * template that cannot take it refused in one sentence, nothing written.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';

import { plancheck, tempDir } from './helpers';
import { changedOutside, houseCell, houseHeader, MONEY_FORMAT, recalc, shown } from '../engine/generate/templateBook';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const SHEET = 'Business case';
const HEADERS = ['£000', 'Year 0 2025/26', 'Year 1 2026/27', 'Year 2 2027/28', 'Year 3 2028/29', 'Total'];
const COSTS = [
  { label: 'Reablement team', values: [400, 600, 600, 600] },
  { label: 'Equipment', values: [150, 50, 50, 50] },
];
const BENEFITS = [{ label: 'Home care hours avoided', values: [0, 500, 900, 1200] }];

/** A directorate's business-case table: costs, a total, benefits, net, cumulative, payback; figures empty. */
async function template(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  houseHeader(ws, 'Reablement expansion: costs and benefits', 3, HEADERS);
  const labels = [
    'Costs',
    'Reablement team',
    'Equipment',
    'Total costs',
    'Benefits',
    'Home care hours avoided',
    'Net benefit',
    'Cumulative net benefit',
  ];
  labels.forEach((label, i) => {
    const r = 4 + i;
    const heading = label === 'Costs' || label === 'Benefits';
    houseCell(ws, r, 1, label, undefined, heading || /Total|Net/.test(label));
    if (!heading) for (let c = 2; c <= HEADERS.length; c++) houseCell(ws, r, c, null, MONEY_FORMAT);
  });
  houseCell(ws, 13, 1, 'Payback year', undefined, true);
  houseCell(ws, 13, 2, null);
  await wb.xlsx.writeFile(file);
}

async function config(file: string, extra: Record<string, unknown> = {}): Promise<string> {
  const cfg = path.join(dir, file);
  await fs.writeFile(
    cfg,
    JSON.stringify({
      projections: {
        costBenefit: {
          into: { sheet: SHEET, range: 'A3:F11', ...extra },
          firstYear: '2025/26',
          costs: COSTS,
          benefits: BENEFITS,
        },
      },
    }),
  );
  return cfg;
}

test('the business case filled from the config: its lines, totals, net, cumulative and payback, live', async () => {
  const file = path.join(dir, 'case.xlsx');
  await template(file);
  const out = path.join(dir, 'case-filled.xlsx');
  const run = await plancheck('project', file, '--config', await config('cb.json'), '--out', out);
  expect(run.err).toContain(`Wrote ${out}`);
  expect(run.code).toBe(0);
  expect(run.out).toBe(
    `Cost/benefit into ${SHEET}!A3:F11: 2 cost lines, 1 benefit line, 4 years; 30 cells; payback Year 3 2028/29\n`,
  );

  const before = new ExcelJS.Workbook();
  await before.xlsx.readFile(file);
  const after = new ExcelJS.Workbook();
  await after.xlsx.readFile(out);
  const ws = after.getWorksheet(SHEET)!;
  // Every cell in the template's rows 4 to 13 but the headings' and labels' was left for figures.
  const figureCells: string[] = [];
  for (const r of [5, 6, 7, 9, 10, 11]) for (const c of 'BCDEF') figureCells.push(`${c}${r}`);
  figureCells.push('B13');
  expect(changedOutside(before.getWorksheet(SHEET)!, ws, figureCells)).toEqual([]);
  expect(ws.getCell('B5').value).toBe(400);
  expect(ws.getCell('C7').formula).toBe('SUM(C5:C6)');
  expect(ws.getCell('C10').formula).toBe('C9-C7');
  expect(ws.getCell('C11').formula).toBe('B11+C10');
  expect(ws.getCell('C11').numFmt).toBe(MONEY_FORMAT);

  const hf = recalc(ws);
  expect(hf.mismatches()).toEqual([]);
  // Net: −550, −150, 250, 550; cumulative: −550, −700, −450, 100: paid back in year 3.
  expect(['B11', 'C11', 'D11', 'E11'].map((a) => hf.value(a))).toEqual([-550, -700, -450, 100]);
  expect(hf.value('F7')).toBe(2500);
  expect(hf.value('F10')).toBe(100);
  expect(hf.value('B13')).toBe('Year 3 2028/29');
  hf.destroy();
  expect(shown(ws, 'B13')).toBe('Year 3 2028/29');
});

test('filled again after a cost is changed in the copy: refused without overwrite, the new figures with it', async () => {
  const file = path.join(dir, 'case2.xlsx');
  await template(file);
  const first = path.join(dir, 'case2-filled.xlsx');
  expect((await plancheck('project', file, '--config', await config('cb2.json'), '--out', first)).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(first);
  wb.getWorksheet(SHEET)!.getCell('E5').value = 900; // the team costs 300 more in year 3
  const edited = path.join(dir, 'case2-edited.xlsx');
  await wb.xlsx.writeFile(edited);

  const refused = await plancheck(
    'project',
    edited,
    '--config',
    await config('cb3.json'),
    '--out',
    path.join(dir, 'x.xlsx'),
  );
  expect(refused.code).toBe(2);
  expect(refused.err).toContain('Set "overwrite": true in projections.costBenefit.into to fill it again.');
  await expect(fs.stat(path.join(dir, 'x.xlsx'))).rejects.toThrow();

  const second = path.join(dir, 'case2-twice.xlsx');
  const run = await plancheck(
    'project',
    edited,
    '--config',
    await config('cb4.json', { overwrite: true }),
    '--out',
    second,
  );
  expect(run.code).toBe(0);
  // The edited cell is the template's own figure now: kept, and the payback moves out of the period.
  expect(run.out).toContain('payback not within the period');
  const again = new ExcelJS.Workbook();
  await again.xlsx.readFile(second);
  const ws = again.getWorksheet(SHEET)!;
  expect(ws.getCell('E5').value).toBe(900);
  expect(shown(ws, 'E11')).toBe(-200);
  expect(shown(ws, 'B13')).toBe('not within the period');
});

test('a benchmarking template with no column for the council is refused in one sentence, nothing written', async () => {
  const file = path.join(dir, 'bench.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Benchmarks');
  houseHeader(ws, 'ASCOF', 3, ['Measure', 'Description', 'Comparator rank', 'Comparator average']);
  houseCell(ws, 4, 1, '1C1B');
  houseCell(ws, 4, 2, 'Carers receiving self-directed support');
  await wb.xlsx.writeFile(file);
  const cfg = path.join(dir, 'bench.json');
  await fs.writeFile(
    cfg,
    JSON.stringify({ projections: { benchmark: { into: { sheet: 'Benchmarks', range: 'A3:D4' }, council: 'WCC' } } }),
  );
  const out = path.join(dir, 'bench-out.xlsx');
  const run = await plancheck('project', file, '--config', cfg, '--out', out);
  expect(run.code).toBe(2);
  expect(run.err).toMatch(
    /^plancheck: The benchmarking template Benchmarks!A3:D4 has no column for the council's figure: give its header as "council" in the config\. Nothing was written\.\n$/,
  );
  await expect(fs.stat(out)).rejects.toThrow();
});

test('one config fills the template and builds a new savings envelope beside it, in one copy', async () => {
  const file = path.join(dir, 'case3.xlsx');
  await template(file);
  const cfg = path.join(dir, 'mixed.json');
  await fs.writeFile(
    cfg,
    JSON.stringify({
      projections: {
        costBenefit: {
          into: { sheet: SHEET, range: 'A3:F11' },
          firstYear: '2025/26',
          costs: COSTS,
          benefits: BENEFITS,
        },
        savings: { firstYear: '2025/26', budget: [93000, 95500], savings: [-1200, -1500] },
      },
    }),
  );
  const out = path.join(dir, 'case3-out.xlsx');
  const run = await plancheck('project', file, '--config', cfg, '--out', out);
  expect(run.code).toBe(0);
  expect(run.out).toContain(`Cost/benefit into ${SHEET}!A3:F11: 2 cost lines`);
  expect(run.out).toContain('Savings envelope (Savings envelope)\n');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET, 'Savings envelope']);
  expect(shown(wb.getWorksheet(SHEET)!, 'B13')).toBe('Year 3 2028/29');
});
