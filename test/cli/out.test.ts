/**
 * `plancheck check FILE --out COPY.xlsx`: the input is left exactly as it was; the copy carries the
 * marked cells, a "Validation report" sheet whose cell references are links, and the settings on a
 * very hidden sheet.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';

import { MANCHESTER, plancheck, tempDir } from './helpers';

let dir: string;

beforeAll(async () => {
  dir = await tempDir();
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function fillColor(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill && fill.type === 'pattern' && fill.pattern === 'solid' ? fill.fgColor?.argb : undefined;
}

test('check --out writes a marked copy with a linked report, and never touches the input', async () => {
  const input = path.join(dir, 'plan.xlsx');
  await fs.copyFile(MANCHESTER, input);
  const before = await fs.readFile(input);
  const out = path.join(dir, 'plan-checked.xlsx');

  // The council's uplift assumption (inflation 3% plus growth 2%) makes line 06's two rises warnings.
  const config = path.join(dir, 'uplift.json');
  await fs.writeFile(config, JSON.stringify({ uplift: { inflation: 3, growth: 2 } }));
  const run = await plancheck('check', input, '--config', config, '--out', out);
  expect(run.code).toBe(0);
  expect(run.err).toContain(`Wrote ${out}`);

  expect((await fs.readFile(input)).equals(before)).toBe(true);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);

  const report = wb.getWorksheet('Validation report');
  expect(report).toBeDefined();
  const links: { formula: string; text: unknown; row: number }[] = [];
  report!.eachRow((row, r) =>
    row.eachCell((cell) => {
      const v = cell.value as ExcelJS.CellFormulaValue;
      if (v && typeof v === 'object' && 'formula' in v && /^HYPERLINK\(/i.test(v.formula)) {
        links.push({ formula: v.formula, text: v.result, row: r });
      }
    }),
  );
  // One link per finding (2 warnings, 3 notes), each to its own cell, showing the cell's address.
  expect(links).toHaveLength(5);
  expect(links).toContainEqual(
    expect.objectContaining({ formula: `HYPERLINK("#'Financial plan'!G9","G9")`, text: 'G9' }),
  );
  const g9Row = report!.getRow(links.find((l) => l.text === 'G9')!.row);
  expect(g9Row.values as unknown[]).toContain(
    'Funding for 03 Services for Older People in 2010/11 adds up to 74,025 (£000), 1 short of its cash limit of 74,026: a rounding difference',
  );
  // The Rule column names the rule in words, not by PlanCheck's id.
  expect(g9Row.values as unknown[]).toContain('Funding adds up to the cash limit');
  expect(g9Row.values as unknown[]).not.toContain('funding.sum');
  expect(g9Row.values as unknown[]).toContain('Note');

  const plan = wb.getWorksheet('Financial plan')!;
  for (const cell of ['G9', 'H9', 'K54', 'G21', 'H21'])
    expect(fillColor(plan.getCell(cell))).toMatch(/^FF[0-9A-F]{6}$/);
  // The two warnings share one colour, the notes another; an unmarked cell has no fill.
  expect(fillColor(plan.getCell('G21'))).toBe(fillColor(plan.getCell('H21')));
  expect(fillColor(plan.getCell('G9'))).not.toBe(fillColor(plan.getCell('G21')));
  expect(fillColor(plan.getCell('G8'))).toBeUndefined();
  // Marking changes fills only: the figures and formulas are as they were.
  expect(plan.getCell('G9').value).toBe(74026);
  expect(plan.getCell('K54').formula).toBe('SUMIF($I$7:$I$52,"Mainstream",K7:K52)');

  const settings = wb.getWorksheet('PlanCheck_Settings');
  expect(settings).toBeDefined();
  expect(settings!.state).toBe('veryHidden');
  expect(wb.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).not.toContain('PlanCheck_Settings');
});

test('--out onto the input itself is refused with exit 2, and the input is unchanged', async () => {
  const input = path.join(dir, 'same.xlsx');
  await fs.copyFile(MANCHESTER, input);
  const before = await fs.readFile(input);
  const run = await plancheck('check', input, '--out', input);
  expect(run.code).toBe(2);
  expect(run.err).toMatch(/never writes over its input/);
  expect((await fs.readFile(input)).equals(before)).toBe(true);
});

test('--out into a folder that does not exist: exit 2 with one sentence', async () => {
  const run = await plancheck('check', MANCHESTER, '--out', path.join(dir, 'no-such-folder', 'x.xlsx'));
  expect(run.code).toBe(2);
  expect(run.err).toMatch(/could not be written: its folder does not exist\.\n$/);
});
