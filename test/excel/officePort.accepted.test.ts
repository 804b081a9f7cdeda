/**
 * Accepted findings in Excel: accepted through the pane's controller over the Office.js port (on the
 * fake Excel), kept in the workbook's settings, seen by the next pane that opens the workbook, and
 * lapsed when the figures it was about change.
 */
import { PlanCheckApp } from '../../src/app';
import { OfficePort } from '../../src/excel/officePort';
import { FakeExcel } from './fakeExcel';

function valueOf<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

test('a finding accepted in one pane is accepted in the next one to open the workbook', async () => {
  const excel = new FakeExcel();
  excel.addSheet('Plan', [
    ['Service', '2024/25', '2025/26'],
    ['Home care', 1200, 1300],
    ['Day care', 800, 600],
    ['Total', 2000, 1950],
  ]);
  const first = new PlanCheckApp(new OfficePort({ run: excel.run }));
  const view = valueOf(await first.validate());
  expect(view.findings.map((f) => [f.severity, f.cell])).toEqual([['error', 'C4']]);
  const accepted = valueOf(await first.acceptFinding(view.findings[0], 'agreed with the service', 'AB'));
  expect(accepted.findings).toEqual([]);
  expect(accepted.accepted.map((f) => f.cell)).toEqual(['C4']);

  // Another pane, later, on the same workbook.
  const next = new PlanCheckApp(new OfficePort({ run: excel.run }));
  const again = valueOf(await next.validate());
  expect(again.findings).toEqual([]);
  expect(again.accepted.map((f) => [f.cell, f.accepted.reason, f.accepted.by])).toEqual([
    ['C4', 'agreed with the service', 'AB'],
  ]);
  // A figure changes: the acceptance lapses, and the finding says it was accepted before.
  excel.setCell('Plan', 'C3', { value: 500 });
  const lapsed = valueOf(await next.validate());
  expect(lapsed.findings.map((f) => f.cell)).toEqual(['C4']);
  expect(lapsed.findings[0].message).toContain('(accepted before by AB on');
});
