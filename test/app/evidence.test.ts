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
