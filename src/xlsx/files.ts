/**
 * Files, in Node only (the CLI and tests): open an .xlsx into an XlsxPort, turning every kind of
 * bad input into a PortError with one plain sentence naming the file, and save a copy atomically.
 * The browser page uses XlsxPort.fromBuffer and toBuffer instead.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { PortError } from '../engine/port';
import { readWorkbookFile } from './diskBytes';
import { openWorkbookBytes } from './open';
import type { XlsxPort } from './xlsxPort';

/** Opens an .xlsx file. Every bad input becomes a PortError with one sentence naming the file. */
export async function openFile(file: string): Promise<XlsxPort> {
  const port = await openWorkbookBytes(await readWorkbookFile(file), file);
  port.source = path.resolve(file);
  return port;
}

async function samePath(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [ra, rb] = await Promise.all([fs.realpath(a), fs.realpath(b)]);
    return ra === rb;
  } catch {
    return false;
  }
}

/** Writes the port's workbook to `out` atomically (a temporary file, then a rename); never over its input. */
export async function saveFile(port: XlsxPort, out: string): Promise<void> {
  if (port.source && (await samePath(port.source, out))) {
    throw new PortError(`PlanCheck never writes over its input ${out}; choose another file to save to.`, 'SameFile');
  }
  let bytes: Uint8Array;
  try {
    bytes = await port.toBuffer();
  } catch (e) {
    // A sentence naming what a copy could not keep is the user's to read; nothing is written.
    if (e instanceof PortError) throw e;
    throw new PortError(
      `${out} could not be written: the workbook could not be turned into .xlsx bytes.`,
      'WriteFailed',
    );
  }
  const dir = path.dirname(path.resolve(out));
  const temp = path.join(dir, `.${path.basename(out)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temp, bytes);
    await fs.rename(temp, out);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'its folder does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : (code ?? 'unknown error');
    throw new PortError(`${out} could not be written: ${why}.`, 'WriteFailed');
  }
}
