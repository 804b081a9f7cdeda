/**
 * Accepting a finding in the pane, through the controller and the real exceljs port: the finding
 * moves to "Accepted" and loses its highlight; the acceptance is kept with the workbook and survives
 * saving and reopening; reopening brings it back; the evidence report of the check hashes the file.
 */
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { PlanCheckApp, type ValidationView } from '../../src/app';
import { XlsxPort } from '../../src/xlsx/xlsxPort';

const MANCHESTER = path.resolve(__dirname, '../../samples/manchester-2009-plan.xlsx');

function valueOf<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const cells = (v: ValidationView) => v.findings.map((f) => f.cell);

describe('a finding accepted in the pane', () => {
  let original: Uint8Array;
  beforeAll(async () => {
    original = new Uint8Array(await fs.readFile(MANCHESTER));
  });

  it('is set apart, kept with the workbook across save and reopen, and can be reopened', async () => {
    const app = new PlanCheckApp(await XlsxPort.fromBuffer(original, 'manchester-2009-plan.xlsx'));
    const first = valueOf(await app.validate());
    expect(cells(first)).toEqual(['G9', 'H9', 'K54']);
    const g9 = first.findings.find((f) => f.cell === 'G9')!;

    const refused = await app.acceptFinding(g9, '', 'JS');
    expect(refused).toEqual({ ok: false, error: 'Say why the finding is accepted: a short reason.' });

    const accepted = await app.acceptFinding(g9, 'rounding as published', 'JS', new Date('2026-12-01T10:00:00Z'));
    const view = valueOf(accepted);
    expect(accepted.ok && accepted.note).toBe(
      'Accepted Financial plan!G9: “rounding as published”. It stays accepted while its figures stand.',
    );
    expect(cells(view)).toEqual(['H9', 'K54']);
    expect(view.counts).toEqual({ error: 0, warning: 0, info: 2 });
    expect(view.accepted.map((f) => [f.cell, f.accepted])).toEqual([
      ['G9', { reason: 'rounding as published', by: 'JS', on: '2026-12-01' }],
    ]);

    // Saved and opened again, by someone else: the same acceptance.
    const bytes = await (app.port as XlsxPort).toBuffer();
    const again = new PlanCheckApp(await XlsxPort.fromBuffer(bytes, 'manchester-2009-plan.xlsx'));
    const reread = valueOf(await again.validate());
    expect(cells(reread)).toEqual(['H9', 'K54']);
    expect(reread.accepted.map((f) => f.cell)).toEqual(['G9']);

    const reopened = valueOf(await again.reopenFinding(reread.accepted[0]));
    expect(cells(reopened)).toEqual(['G9', 'H9', 'K54']);
    expect(reopened.accepted).toEqual([]);
  });

  it('the evidence report names the file with its SHA-256 and lists the accepted finding with its reason', async () => {
    const app = new PlanCheckApp(await XlsxPort.fromBuffer(original, 'manchester-2009-plan.xlsx'));
    const first = valueOf(await app.validate());
    valueOf(await app.acceptFinding(first.findings[0], 'agreed with the service', 'AB'));
    const report = valueOf(await app.evidenceReport('0.1.0'));
    expect(report.fileName).toBe('manchester-2009-plan - PlanCheck evidence.html');
    expect(report.html).toContain(createHash('sha256').update(original).digest('hex'));
    expect(report.html).toContain('agreed with the service');
    expect(report.html).toContain('0 errors, 0 warnings, 2 notes; 1 accepted with a reason.');
    expect(report.html).toContain('The file as saved: the workbook file exactly as it was opened');
  });

  it('hashes the file as opened, not the workbook as PlanCheck has changed it since (highlights, writes, settings)', async () => {
    const port = await XlsxPort.fromBuffer(original, 'manchester-2009-plan.xlsx');
    const app = new PlanCheckApp(port);
    valueOf(await app.validate());
    valueOf(await app.showInWorkbook(true));
    await port.write(
      { title: 'slip', anchor: { sheet: 'Financial plan', row: 8, col: 6 }, cells: [[{ value: 1 }]] },
      { overwrite: true },
    );
    await port.saveSettings({ rounding: { perFigure: 2 } });
    const changed = await port.toBuffer();
    const file = await port.fileBytes();
    expect(file?.source).toBe('saved-file');
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(sha(file!.bytes)).toBe(sha(await fs.readFile(MANCHESTER)));
    expect(sha(changed)).not.toBe(sha(file!.bytes));
    const report = valueOf(await app.evidenceReport('0.1.0'));
    expect(report.html).toContain(sha(await fs.readFile(MANCHESTER)));
  });
});
