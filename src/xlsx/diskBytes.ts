/**
 * A workbook file's bytes from disk (Node only), every failure a PortError with one sentence naming
 * the file. Apart from the exceljs port so the streaming reader can use it without loading exceljs.
 */
import { promises as fs } from 'fs';

import { PortError } from '../engine/port';

/** A file's bytes; a missing, unreadable or folder path becomes a PortError with one sentence naming it. */
export async function readWorkbookFile(file: string): Promise<Buffer> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new PortError(`${file} does not exist.`, 'NotFound');
    throw new PortError(`${file} cannot be read (${code ?? 'unknown error'}).`, 'Unreadable');
  }
  if (stat.isDirectory()) throw new PortError(`${file} is a folder, not an Excel workbook.`, 'NotAFile');
  try {
    return await fs.readFile(file);
  } catch (e) {
    throw new PortError(
      `${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'unknown error'}).`,
      'Unreadable',
    );
  }
}
