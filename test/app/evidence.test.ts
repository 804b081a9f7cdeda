/**
 * The evidence report says what its SHA-256 is a hash of, as the port says where its bytes come
 * from: the file as saved (the exceljs port: the browser page, the CLI), or the document as Excel
 * hands it to add-ins (the Office.js port), which can differ from the saved file; or nothing.
 */
import { createHash } from 'crypto';
import { PlanCheckApp } from '../../src/app';
import { evidenceOf } from '../../src/app/evidence';
import type { FileSource } from '../../src/engine/port';
import { FakePort } from './fakePort';

const PLAN = [
  ['Financial plan', null, null],
  ['Ref', 'Line', '2010/11'],
  ['03', 'Services for Older People', 74026],
  ['', 'Grants', 1000],
];
const BYTES = new Uint8Array([80, 75, 3, 4, 1, 2, 3]);
const SHA = createHash('sha256').update(BYTES).digest('hex');

function appWith(source: FileSource | null) {
  const port = new FakePort({ Plan: PLAN });
  if (source) Object.assign(port, { fileBytes: async () => ({ bytes: BYTES, source }) });
  return new PlanCheckApp(port);
}

async function report(source: FileSource | null) {
  const r = await appWith(source).evidenceReport('0.1.0');
  if (!r.ok) throw new Error(r.error);
  return { ...r.value, note: r.note ?? '' };
}

describe('what the evidence report’s SHA-256 is of', () => {
  it('from the exceljs port: the file as saved, and says so', async () => {
    const { html, note } = await report('saved-file');
    expect(html).toContain(SHA);
    expect(html).toContain('<dt>Size and SHA-256 of</dt><dd class="hash-of">The file as saved:');
    expect(html).not.toContain('as Excel hands it');
    expect(note).toMatch(/^The evidence report is ready: [^.]+ - PlanCheck evidence\.html\.$/);
  });

  it('from Excel: the document as Excel hands it (getFileAsync), which can differ from the saved file', async () => {
    const { html, note } = await report('excel-document');
    expect(html).toContain(SHA);
    expect(html).toContain(
      '<dd class="hash-of">The document as Excel hands it to add-ins (Office getFileAsync), not the saved file.',
    );
    expect(html).toContain('can differ from the saved file byte for byte');
    expect(html).not.toContain('The file as saved');
    expect(note).toContain('Its SHA-256 is of the workbook as Excel hands it to add-ins');
  });

  it('where the host gives no file: says there is nothing hashed', async () => {
    const { html, note } = await report(null);
    expect(html).toContain('Nothing: this host could not give PlanCheck the workbook file');
    expect(note).toContain('so it has no SHA-256');
  });

  it('as data: source and words in the JSON', async () => {
    const check = { workbook: 'plan.xlsx', tables: [], judged: {}, raw: [] };
    const { evidence } = await evidenceOf(check, {}, { bytes: BYTES, source: 'excel-document' }, '0.1.0');
    expect(evidence.workbook).toMatchObject({ name: 'plan.xlsx', bytes: BYTES.length, sha256: SHA });
    expect(evidence.workbook.source).toBe('excel-document');
    expect(evidence.workbook.hashOf).toMatch(/^The document as Excel hands it to add-ins/);
    const none = (await evidenceOf(check, {}, null, '0.1.0')).evidence.workbook;
    expect(none).toMatchObject({ bytes: 0, source: 'none' });
  });
});

/** The "Settings used" part of an evidence page, as its reader sees it: the markup taken out. */
function settingsPart(html: string): string {
  const part = html.slice(html.indexOf('<h2>Settings used</h2>'), html.indexOf('</body>'));
  return part
    .replace(/<li>/g, '\n- ')
    .replace(/<[^>]+>/g, '\n')
    .replace(/&#39;/g, "'")
    .replace(/\n{2,}/g, '\n')
    .trim();
}

describe('the settings used, in the evidence report', () => {
  it('with nothing changed: "The defaults", each named, and no raw JSON', async () => {
    const { html } = await report('saved-file');
    const said = settingsPart(html);
    expect(said).not.toContain('{');
    expect(said.split('\n')).toEqual([
      'Settings used',
      'The defaults:',
      '- Rounding: a difference within half a unit of the last digit printed (0.5 for whole figures) for each figure added up and for the total is a rounding difference (a note), not an error.',
      '- Uplift: inflation and demographic growth from the cells so labelled in the workbook; where there are none, no rise is judged.',
      '- Cash limits: as the plan states them (its cash limit line, or a name such as CashLimit_2025_26).',
      '- Tables: as PlanCheck found them, none corrected by hand.',
      '- Hidden sheets: not checked (only the sheets a user sees are).',
    ]);
  });

  it('with settings saved in the pane: each change in a sentence, then the defaults that stood', async () => {
    const app = appWith('saved-file');
    const saved = await app.saveSettings({
      uplift: { inflation: 3, growth: 1.5 },
      cashLimits: { '2010/11': 74026, '2011/12': 75376 },
      rounding: { absolute: 2 },
      tables: [{ sheet: 'Plan', range: 'A2:C4', kind: 'financial-plan', headerRows: [2], roles: { C: 'year' } }],
      risk: { preset: '4x4' },
      style: 'plain',
    });
    if (!saved.ok) throw new Error(saved.error);
    const r = await app.evidenceReport('0.1.0');
    if (!r.ok) throw new Error(r.error);
    expect(settingsPart(r.value.html).split('\n')).toEqual([
      'Settings used',
      'Changed from the defaults:',
      '- Rounding: a difference within half a unit of the last digit printed (0.5 for whole figures) for each figure added up and for the total, plus 2 on every sum, is a rounding difference (a note), not an error.',
      '- Uplift: a line rising by more than 4.5% a year (inflation 3% plus demographic growth 1.5%) is a warning.',
      "- Cash limits: 2010/11 74,026; 2011/12 75,376 (in the plan's units), over any the plan states.",
      '- Tables corrected by hand: Plan!A2:C4 (read as Financial plan (lines, years, funding sources); header row 2; column C year).',
      'Otherwise the defaults:',
      '- Hidden sheets: not checked (only the sheets a user sees are).',
      'Also kept with the workbook, not used by a check: the risk matrix (4×4); the style of new tables (PlanCheck’s plain).',
    ]);
  });
});
