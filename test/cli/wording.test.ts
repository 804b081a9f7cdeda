/**
 * What the CLI's text output says, as a finance officer reads it: money in the table's units once,
 * negatives in brackets where the workbook shows them so, the workbook's own year spelling, and
 * several findings of one kind in one register folded into one line with their cells.
 */
import ExcelJS from 'exceljs';
import { promises as fs } from 'fs';
import * as path from 'path';
import { commandLineWords } from '../../src/cli/wording';
import { plancheck, tempDir } from './helpers';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});

test('a savings plan in £000, brackets for negatives, years as 2024-25', async () => {
  const file = path.join(dir, 'savings.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Savings');
  ws.addRow(['Adult Social Care savings (£000)']);
  ws.addRow(['Service', '2024-25', '2025-26']);
  ws.addRow(['Home care', -1234, -1400]);
  ws.addRow(['Day care', -800, -900]);
  ws.addRow(['Total', -2046, -2300]);
  for (const r of [3, 4, 5]) for (const c of [2, 3]) ws.getCell(r, c).numFmt = '#,##0;(#,##0)';
  await wb.xlsx.writeFile(file);

  const run = await plancheck('check', file);
  expect(run.code).toBe(1);
  expect(run.out).toContain(
    'Savings!B5  Total for 2024-25 is (2,046) (£000), but the 2 figures it totals add up to (2,034), 12 more',
  );
  expect(run.out).not.toMatch(/2024\/25|£\d[\d,]*k/);
});

test('a register with four risks without an owner: one line, the four cells listed', async () => {
  const file = path.join(dir, 'risks.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Risks');
  ws.addRow(['Ref', 'Risk', 'Likelihood', 'Impact', 'Score', 'Owner', 'Controls']);
  ws.addRow(['R1', 'Market failure in home care', 4, 4, 16, 'Head of Commissioning', 'Provider forum']);
  ws.addRow(['R2', 'Winter pressures exceed plan', 4, 3, 12, null, 'Surge plan']);
  ws.addRow(['R3', 'Workforce vacancies', 3, 4, 12, null, 'Recruitment drive']);
  ws.addRow(['R4', 'Deprivation of Liberty backlog', 3, 3, 9, null, 'Extra assessors']);
  ws.addRow(['R5', 'Grant funding ends', 2, 5, 10, null, 'Exit plan']);
  await wb.xlsx.writeFile(file);

  const run = await plancheck('risks', file);
  const lines = run.out.split('\n');
  const at = lines.findIndex((l) => l.includes('4 risks have no owner (Risks!A1:G6): F3, F4, F5, F6'));
  expect(at).toBeGreaterThanOrEqual(0);
  expect(lines[at]).toMatch(/^WARNING /);
  // Each beneath it, indented, with its own sentence; none of them on a line of its own elsewhere.
  expect(lines.slice(at + 1, at + 5).map((l) => l.trim().split('  ')[0])).toEqual([
    'Risks!F3',
    'Risks!F4',
    'Risks!F5',
    'Risks!F6',
  ]);
  expect(lines[at + 1]).toMatch(/^ {10}Risks!F3 {2}Risk R2 has no owner/);
  expect(lines.filter((l) => /has no owner/.test(l))).toHaveLength(4);
});

test('a cash limit given in the config is said to come from the config, not from the pane', async () => {
  const config = path.join(dir, 'limits.json');
  await fs.writeFile(config, JSON.stringify({ cashLimits: { '2010/11': 138000 } }));
  const run = await plancheck(
    'check',
    path.join(__dirname, '..', '..', 'samples', 'plancheck-sample.xlsx'),
    '--config',
    config,
  );
  expect(run.code).toBe(1);
  expect(run.out).toContain(
    'Financial plan!K54  The net requirement for 2010/11 is 138,560 (£000), 560 over the cash limit of 138,000 (set as "cashLimits" in the config)',
  );
  expect(run.out).not.toContain('Settings ›');
});

test("the pane's places, said on the command line with the config key that sets the same thing", () => {
  expect(commandLineWords('Say which is your council (Benchmarks tab › Your council).', {})).toBe(
    'Say which is your council ("benchmark": {"own": ...} in the config, or Benchmarks tab › Your council in the pane).',
  );
  // A cash limit set in the pane and kept with the workbook stays the pane's.
  expect(commandLineWords('over the cash limit of 133,000 (set in Settings › Cash limits)', {})).toBe(
    'over the cash limit of 133,000 (set in Settings › Cash limits)',
  );
  expect(commandLineWords('choose NHS 5×5 in Settings › Risk matrix', { risk: { preset: '3x3' } })).toBe(
    'choose NHS 5×5 in "risk" in the config, or Settings › Risk matrix in the pane',
  );
});
