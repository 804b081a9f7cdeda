/** The workbook's file as Office hands it to add-ins (getFileAsync), for the evidence report's size and hash. */
import type { WorkbookFile } from '../engine/port';
import type { Session } from './session';

/** Office.FileType.Compressed ("compressed" in office.js, also where Office is not loaded). */
function compressedFileType(): Office.FileType {
  return typeof Office !== 'undefined' && Office.FileType
    ? Office.FileType.Compressed
    : ('compressed' as unknown as Office.FileType);
}

/** Whether an Office callback's result succeeded ("succeeded" in office.js). */
function succeeded(result: Office.AsyncResult<unknown>): boolean {
  const status = result.status as unknown;
  if (status === 'succeeded') return true;
  return typeof Office !== 'undefined' && Office.AsyncResultStatus
    ? status === Office.AsyncResultStatus.Succeeded
    : false;
}

/** A slice's data (an array of bytes for a compressed file) as bytes; null for anything else. */
function sliceBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data) && data.every((b) => typeof b === 'number')) return Uint8Array.from(data as number[]);
  return null;
}

/** Closes a file Office opened for us; a failure to close is not the caller's concern. */
function closeFile(file: Office.File): Promise<void> {
  return new Promise<void>((resolve) => {
    try {
      file.closeAsync(() => resolve());
    } catch {
      resolve();
    }
  });
}

/**
 * The workbook's file, as Excel hands it to add-ins (Office.context.document.getFileAsync, the
 * compressed .xlsx), slice by slice; the file is closed afterwards whatever happened (Office keeps
 * at most two open). Null where the host has no file API or refuses (Excel on the web without
 * access to the file, an old Excel), or where the slices do not add up to the file's size:
 * never a wrong hash. Never throws.
 *
 * Excel writes this copy afresh from the open document, with any changes not yet saved (PlanCheck's
 * highlights among them), so its bytes can differ from the saved file's: its source says so
 * ('excel-document'), and the evidence report says so in words.
 */
export async function fileBytes(session: Session): Promise<WorkbookFile | null> {
  const bytes = await documentBytes(session);
  return bytes ? { bytes, source: 'excel-document' } : null;
}

async function documentBytes(session: Session): Promise<Uint8Array | null> {
  const document = session.document;
  if (!document || typeof document.getFileAsync !== 'function') return null;
  let file: Office.File | null = null;
  try {
    file = await new Promise<Office.File>((resolve, reject) =>
      document.getFileAsync(compressedFileType(), { sliceSize: session.fileSliceBytes }, (result) =>
        succeeded(result) ? resolve(result.value) : reject(result.error),
      ),
    );
    const opened = file;
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let i = 0; i < opened.sliceCount; i++) {
      const slice = await new Promise<Office.Slice>((resolve, reject) =>
        opened.getSliceAsync(i, (result) => (succeeded(result) ? resolve(result.value) : reject(result.error))),
      );
      const bytes = sliceBytes(slice.data);
      if (!bytes) return null;
      parts.push(bytes);
      total += bytes.length;
    }
    if (total === 0 || (opened.size > 0 && total !== opened.size)) return null;
    const out = new Uint8Array(total);
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  } catch {
    return null;
  } finally {
    if (file) await closeFile(file);
  }
}
