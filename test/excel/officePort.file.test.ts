/**
 * The workbook's file through the Office.js port (Office.context.document.getFileAsync, compressed,
 * in slices), for the evidence report's size and SHA-256, with a stand-in for the document's file API.
 */
import { FILE_SLICE_BYTES, OfficePort, createOfficePort, type DocumentFileLike } from '../../src/excel/officePort';
import { FakeExcel } from './fakeExcel';

interface Failure {
  status: 'failed';
  error: { code: number; name: string; message: string };
}

const refused: Failure = {
  status: 'failed',
  error: { code: 7000, name: 'Permission Denied', message: "You don't have sufficient permissions for this action." },
};

/** A document whose file is `bytes`, cut into slices of the size asked for; answers come back later, as Office's do. */
class FakeDocument implements DocumentFileLike {
  asked: { fileType: unknown; sliceSize?: number }[] = [];
  slicesAsked: number[] = [];
  closed = 0;
  /** Open files not closed yet (Office refuses a third). */
  open = 0;
  failFile: Failure | null = null;
  failSlice: { index: number; failure: Failure } | null = null;
  /** A file size that disagrees with its slices (a slice lost on the way). */
  reportedSize: number | null = null;

  constructor(private readonly bytes: number[]) {}

  getFileAsync(
    fileType: Office.FileType,
    options: { sliceSize?: number },
    callback: (result: Office.AsyncResult<Office.File>) => void,
  ): void {
    this.asked.push({ fileType, sliceSize: options.sliceSize });
    const answer = (result: unknown): void => {
      setTimeout(() => callback(result as Office.AsyncResult<Office.File>), 0);
    };
    if (this.failFile) return answer(this.failFile);
    if (this.open >= 2) return answer(refused);
    this.open++;
    const size = options.sliceSize ?? FILE_SLICE_BYTES;
    const slices: number[][] = [];
    for (let i = 0; i < this.bytes.length; i += size) slices.push(this.bytes.slice(i, i + size));
    const file = {
      size: this.reportedSize ?? this.bytes.length,
      sliceCount: slices.length,
      getSliceAsync: (index: number, done: (result: Office.AsyncResult<Office.Slice>) => void) => {
        this.slicesAsked.push(index);
        const failure = this.failSlice?.index === index ? this.failSlice.failure : null;
        // Later slices answer sooner: the port must still join them in order.
        setTimeout(
          () =>
            done(
              (failure ?? {
                status: 'succeeded',
                value: { data: slices[index], index, size: slices[index].length },
              }) as unknown as Office.AsyncResult<Office.Slice>,
            ),
          slices.length - index,
        );
      },
      closeAsync: (done?: (result: Office.AsyncResult<void>) => void) => {
        this.closed++;
        this.open--;
        setTimeout(() => done?.({ status: 'succeeded' } as unknown as Office.AsyncResult<void>), 0);
      },
    };
    answer({ status: 'succeeded', value: file });
  }
}

const FILE = Array.from({ length: 10 }, (_, i) => (i * 37) % 256); // 10 bytes
/** What the port gives for FILE: its bytes, as the document Excel hands to add-ins (not the saved file). */
const HANDED = { bytes: Uint8Array.from(FILE), source: 'excel-document' };

function portWith(document: DocumentFileLike | null, fileSliceBytes = 4): OfficePort {
  return new OfficePort({ run: new FakeExcel().run, document, fileSliceBytes });
}

describe('OfficePort.fileBytes', () => {
  it('asks for the compressed file in slices, joins them in order and closes the file', async () => {
    const document = new FakeDocument(FILE);
    const file = await portWith(document).fileBytes();
    expect(file).toEqual(HANDED);
    expect(document.asked).toEqual([{ fileType: 'compressed', sliceSize: 4 }]);
    expect(document.slicesAsked).toEqual([0, 1, 2]); // 4 + 4 + 2 bytes
    expect(document.closed).toBe(1);
    expect(document.open).toBe(0);
  });

  it('asks for 4 MB slices, the most Office gives, unless told otherwise', async () => {
    const document = new FakeDocument(FILE);
    expect(await new OfficePort({ run: new FakeExcel().run, document }).fileBytes()).toEqual(HANDED);
    expect(document.asked[0].sliceSize).toBe(4 * 1024 * 1024);
    expect(document.slicesAsked).toEqual([0]);
  });

  it('gives null when the host refuses the file (Excel on the web without access to it)', async () => {
    const document = new FakeDocument(FILE);
    document.failFile = refused;
    await expect(portWith(document).fileBytes()).resolves.toBeNull();
    expect(document.slicesAsked).toEqual([]);
    expect(document.closed).toBe(0); // nothing was opened
  });

  it('gives null when a slice fails, and still closes the file', async () => {
    const document = new FakeDocument(FILE);
    document.failSlice = { index: 1, failure: refused };
    await expect(portWith(document).fileBytes()).resolves.toBeNull();
    expect(document.closed).toBe(1);
    expect(document.open).toBe(0);
  });

  it('gives null rather than a wrong hash when the slices do not add up to the file', async () => {
    const document = new FakeDocument(FILE);
    document.reportedSize = FILE.length + 1;
    await expect(portWith(document).fileBytes()).resolves.toBeNull();
    expect(document.closed).toBe(1);
  });

  it('gives null for a file of no bytes (no .xlsx is empty): no hash of nothing', async () => {
    const document = new FakeDocument([]);
    await expect(portWith(document).fileBytes()).resolves.toBeNull();
    expect(document.closed).toBe(1);
  });

  it('closes every file it opens: asked again and again, Office never holds more than one', async () => {
    const document = new FakeDocument(FILE);
    const port = portWith(document);
    for (let i = 0; i < 3; i++) expect(await port.fileBytes()).toEqual(HANDED);
    expect(document.asked).toHaveLength(3);
    expect(document.closed).toBe(3);
  });

  it('gives null without a document, without the file API, or when the call itself throws', async () => {
    await expect(portWith(null).fileBytes()).resolves.toBeNull();
    await expect(portWith({} as DocumentFileLike).fileBytes()).resolves.toBeNull();
    const throwing: DocumentFileLike = {
      getFileAsync: () => {
        throw new Error('Office.js not initialised');
      },
    };
    await expect(portWith(throwing).fileBytes()).resolves.toBeNull();
  });

  it('createOfficePort reads the file of Office.context.document, and has none outside Office', async () => {
    await expect(createOfficePort().fileBytes()).resolves.toBeNull();
    const document = new FakeDocument(FILE);
    const office = { context: { document, requirements: { isSetSupported: () => false } } };
    (globalThis as unknown as { Office: unknown }).Office = office;
    try {
      expect(await createOfficePort({ fileSliceBytes: 3 }).fileBytes()).toEqual(HANDED);
      expect(document.slicesAsked).toEqual([0, 1, 2, 3]);
      expect(document.closed).toBe(1);
    } finally {
      delete (globalThis as unknown as { Office?: unknown }).Office;
    }
  });
});
