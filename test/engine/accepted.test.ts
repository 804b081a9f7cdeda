/**
 * Accepting a finding with a reason: set apart while its figures stand, back (saying so) when they
 * change, reopened on request; bad entries said in one sentence and ignored.
 */
import { acceptFinding, applyAcceptances, isAccepted, openFindings, reopenFinding } from '../../src/engine/accepted';
import { validate } from '../../src/engine/checks';
import { buildEvidence, evidenceHtml, HASH_OF } from '../../src/engine/evidence';
import type { Settings } from '../../src/engine/settings';
import { readTables } from '../../src/engine/tables';
import { validateWithTally } from '../../src/engine/checks';
import { seedSheet, setCells, workbook } from './helpers';

const ON = { reason: 'rounding as published', by: 'JS', on: '2026-12-01' };

function run(settings: Settings, change?: Record<string, number>) {
  const sheet = seedSheet('manchester-2009-financial-plan');
  if (change) setCells(sheet, change);
  const wb = workbook(sheet);
  const read = readTables(wb, settings);
  return applyAcceptances(validate(wb, read, settings), settings, read.tables);
}

describe('accepting a finding', () => {
  const first = run({}).findings.find((f) => f.cell === 'F8')!;

  test('sets it apart with its reason, initials and date; the others stay open', () => {
    const settings = acceptFinding({}, first, ON);
    expect(settings.accepted).toEqual([
      {
        rule: 'funding.sum',
        sheet: 'Plan',
        cell: 'F8',
        expected: 74026,
        actual: 74025,
        reason: 'rounding as published',
        by: 'JS',
        on: '2026-12-01',
      },
    ]);
    const { findings, problems } = run(settings);
    expect(problems).toEqual([]);
    const f8 = findings.find((f) => f.cell === 'F8')!;
    expect(isAccepted(f8)).toBe(true);
    expect(f8.accepted).toEqual(ON);
    expect(openFindings(findings).map((f) => f.cell)).toEqual(['G8', 'J53']);
  });

  test('lapses when the figures it was about change: the finding is back, saying it was accepted before', () => {
    const settings = acceptFinding({}, first, ON);
    // The Grants of 2010/11 for line 03 (J8) one lower: the same cell, other figures.
    const { findings } = run(settings, { J8: 962 });
    const f8 = findings.find((f) => f.cell === 'F8')!;
    expect(isAccepted(f8)).toBe(false);
    expect(f8.acceptedBefore).toMatchObject({ by: 'JS', expected: 74026, actual: 74025 });
    expect(f8.message).toContain(
      '(accepted before by JS on 2026-12-01 at other figures, expected 74,026 and actual 74,025: "rounding as published")',
    );
  });

  test('can be reopened', () => {
    const settings = reopenFinding(acceptFinding({}, first, ON), first);
    expect(settings.accepted).toEqual([]);
    expect(run(settings).findings.some(isAccepted)).toBe(false);
  });

  test('needs a reason and initials', () => {
    expect(() => acceptFinding({}, first, { ...ON, reason: ' ' })).toThrow('Say why the finding is accepted');
    expect(() => acceptFinding({}, first, { ...ON, by: '' })).toThrow('initials');
  });

  test('entries with missing fields, for a cell outside every table, or not a list: one sentence each, ignored', () => {
    const bad = {
      accepted: [
        { rule: 'funding.sum', sheet: 'Plan', cell: 'F8' },
        { rule: 'funding.sum', sheet: 'Plan', cell: 'Z900', reason: 'r', by: 'AB' },
        'yes',
        { rule: 'funding.sum', sheet: 'Plan', cell: 'not a cell', reason: 'r', by: 'AB' },
      ],
    } as unknown as Settings;
    const { findings, problems } = run(bad);
    expect(problems).toEqual([
      'Accepted finding 1 has no reason, by, so it was ignored.',
      'Accepted finding 2, for Plan!Z900, is outside every table PlanCheck read, so it was ignored.',
      'Accepted finding 3 is not an entry like {"rule", "sheet", "cell", "reason", "by", "on"}, so it was ignored.',
      'Accepted finding 4 names "not a cell", which is not a cell, so it was ignored.',
    ]);
    expect(findings.some(isAccepted)).toBe(false);
    expect(run({ accepted: 'all' } as unknown as Settings).problems).toEqual([
      'The accepted findings in the settings are not a list, so none of them were used.',
    ]);
  });
});

describe('the evidence report', () => {
  const sheet = seedSheet('manchester-2009-financial-plan');
  const wb = workbook(sheet);
  const settings = acceptFinding(
    {},
    { rule: 'funding.sum', sheet: 'Plan', cell: 'F8', expected: 74026, actual: 74025 } as never,
    ON,
  );
  const read = readTables(wb, settings);
  const v = validateWithTally(wb, read, settings);
  const judged = applyAcceptances(v.findings, settings, read.tables);
  const evidence = buildEvidence({
    workbook: { name: 'plan.xlsx', bytes: 1234, sha256: 'ab'.repeat(32), source: 'saved-file' },
    checkedAt: '2026-12-02T09:30:00.000Z',
    version: '0.1.0',
    settings,
    tables: read.tables,
    judged: v.judged,
    findings: judged.findings,
  });

  test('counts what each rule judged, and sets the accepted finding apart', () => {
    expect(evidence.summary).toEqual({ errors: 0, warnings: 0, notes: 2, accepted: 1 });
    const funding = evidence.rules.find((r) => r.rule === 'funding.sum')!;
    // 13 lines x 3 years of the Manchester plan (the two slips of line 03 among them).
    expect(funding).toMatchObject({ judged: 39, findings: 2 });
    expect(evidence.accepted.map((f) => [f.cell, f.accepted?.reason])).toEqual([['F8', 'rounding as published']]);
    expect(evidence.tables).toEqual([
      {
        sheet: 'Plan',
        range: 'A4:L53',
        kind: 'financial-plan',
        title: '3.1 Financial Plan',
        unit: '£000',
        mappedByHand: false,
      },
    ]);
    expect('accepted' in evidence.settings).toBe(false);
  });

  test('as HTML: self-contained, escaped, with every finding and the hash', () => {
    const html = evidenceHtml(evidence);
    expect(html).not.toMatch(/<script|<link|src=|href=/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('ab'.repeat(32));
    for (const f of judged.findings) expect(html).toContain(`Plan!${f.cell}`);
    expect(html).toContain('rounding as published');
    const hostile = evidenceHtml({
      ...evidence,
      workbook: { ...evidence.workbook, name: '<img src=x onerror=alert(1)>.xlsx' },
    });
    expect(hostile).not.toContain('<img');
    expect(hostile).toContain('&lt;img src=x onerror=alert(1)&gt;.xlsx');
  });

  test('says what its size and SHA-256 are of, in the JSON and in the HTML', () => {
    expect(evidence.workbook).toMatchObject({ source: 'saved-file', hashOf: HASH_OF['saved-file'] });
    expect(evidence.workbook.hashOf).toMatch(/^The file as saved: .*before any change by PlanCheck/);
    const html = evidenceHtml(evidence);
    expect(html).toContain('<dt>Size and SHA-256 of</dt>');
    expect(html).toContain('The file as saved: the workbook file exactly as it was opened');
  });

  test('in Excel, says the hash is of the document as Excel hands it, which can differ from the saved file', () => {
    const check = {
      checkedAt: '2026-12-02T09:30:00.000Z',
      version: '0.1.0',
      settings,
      tables: read.tables,
      judged: v.judged,
      findings: judged.findings,
    };
    const inExcel = buildEvidence({
      ...check,
      workbook: { name: 'plan.xlsx', bytes: 1234, sha256: 'cd'.repeat(32), source: 'excel-document' },
    });
    expect(inExcel.workbook.source).toBe('excel-document');
    expect(inExcel.workbook.hashOf).toMatch(/^The document as Excel hands it to add-ins \(Office getFileAsync\)/);
    expect(inExcel.workbook.hashOf).toContain('can differ from the saved file byte for byte');
    expect(inExcel.workbook.hashOf).not.toMatch(/^The file as saved/);
    const html = evidenceHtml(inExcel);
    expect(html).toContain('The document as Excel hands it to add-ins (Office getFileAsync), not the saved file.');
    expect(html).toContain('this SHA-256 will not match a hash of the saved file');
    // Where the host gave no file: said, not left to guess.
    const none = buildEvidence({
      ...check,
      workbook: { name: 'plan.xlsx', bytes: 0, sha256: 'not available', source: 'none' },
    });
    expect(none.workbook.hashOf).toMatch(/^Nothing: this host could not give PlanCheck the workbook file/);
  });
});
