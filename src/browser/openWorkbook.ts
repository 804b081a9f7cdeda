/**
 * Opening a workbook's bytes in the browser: the same checks and sentences as the CLI
 * (src/xlsx/open.ts), over the File API's ArrayBuffer.
 */
import { openWorkbookBytes } from '../xlsx/open';
import type { XlsxPort } from '../xlsx/xlsxPort';

/** The port over a file's bytes; every bad file becomes a PortError with one sentence. */
export function openWorkbook(buffer: ArrayBuffer, name: string): Promise<XlsxPort> {
  return openWorkbookBytes(new Uint8Array(buffer), name);
}
