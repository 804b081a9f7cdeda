/**
 * The figures under a finding in the pane, as the workbook shows them: a savings table in £000
 * with negatives in brackets gives "(2,034) (£000)", a plain one "-2,034".
 */
import { PlanCheckController } from '../../src/app/controller';
import { ENGINE } from '../../src/app/engine';
import { findingFigures } from '../../src/app/findingFigures';
import type { CellValue } from '../../src/engine/grid';
import { FakePort } from './fakePort';

const SAVINGS: CellValue[][] = [
  ['Adult Social Care savings (£000)'],
  ['Service', '2024-25', '2025-26'],
  ['Home care', -1234, -1400],
  ['Day care', -800, -900],
  ['Total', -2046, -2300],
];

async function validate(format: string | null) {
  const port = new FakePort({ Savings: SAVINGS });
  const sheet = port.sheets[0];
  sheet.numberFormats = sheet.values.map((r, i) => r.map((v) => (i >= 2 && typeof v === 'number' ? format : null)));
  const result = await new PlanCheckController(port, ENGINE).validate();
  if (!result.ok) throw new Error(result.error);
  const group = result.value.groups[0];
  const total = group.findings.find((f) => f.cell === 'B5')!;
  return { message: total.message, figures: findingFigures(total, group.style) };
}

test('a bracket format: the figures in brackets, the unit once, the year as the sheet spells it', async () => {
  const { message, figures } = await validate('#,##0;(#,##0)');
  expect(message).toBe('Total for 2024-25 is (2,046) (£000), but the 2 figures it totals add up to (2,034), 12 more');
  expect(figures).toBe('Expected (2,034) (£000) · Actual (2,046) · Difference (12)');
});

test('no bracket format: a minus sign', async () => {
  const { figures } = await validate('#,##0');
  expect(figures).toBe('Expected -2,034 (£000) · Actual -2,046 · Difference -12');
});

test('accepted, a finding says its figures as it did open: the unit once, brackets for negatives', async () => {
  const port = new FakePort({ Savings: SAVINGS });
  const sheet = port.sheets[0];
  sheet.numberFormats = sheet.values.map((r, i) =>
    r.map((v) => (i >= 2 && typeof v === 'number' ? '#,##0;(#,##0)' : null)),
  );
  const app = new PlanCheckController(port, ENGINE);
  const checked = await app.validate();
  if (!checked.ok) throw new Error(checked.error);
  const open = checked.value.groups[0];
  const total = open.findings.find((f) => f.cell === 'B5')!;
  const before = findingFigures(total, open.style);
  const accepted = await app.acceptFinding(total, 'as published', 'JS');
  if (!accepted.ok) throw new Error(accepted.error);
  expect(accepted.value.acceptedGroups).toHaveLength(1);
  const group = accepted.value.acceptedGroups[0];
  expect(group.findings.map((f) => f.cell)).toEqual(['B5']);
  expect(findingFigures(group.findings[0], group.style)).toBe(before);
  expect(before).toBe('Expected (2,034) (£000) · Actual (2,046) · Difference (12)');
});
