/**
 * Files, in Node only (the CLI and tests): open an .xlsx into an XlsxPort, turning every kind of
 * bad input into a PortError with one plain sentence naming the file, and save a copy atomically.
 * The browser page uses XlsxPort.fromBuffer and toBuffer instead.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { PortError } from '../engine/port';
import { XlsxPort } from './xlsxPort';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** True when the bytes hold `text` in ASCII or in UTF-16LE (as OLE directory entries name their streams). */
function holds(bytes: Buffer, text: string): boolean {
  return bytes.includes(Buffer.from(text, 'latin1')) || bytes.includes(Buffer.from(text, 'utf16le'));
}

/** Text (a CSV, an HTML page, a tab-separated export) rather than a binary file. */
function looksLikeText(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return false;
  let printable = 0;
  for (const b of head) if (b === 9 || b === 10 || b === 13 || (b >= 32 && b !== 127)) printable++;
  return printable / head.length > 0.95;
}

/** The sentence saying why these bytes are not a workbook PlanCheck can open, or null when they may be one. */
export function diagnose(bytes: Buffer, file: string): string | null {
  if (bytes.length === 0) return `${file} is empty: it holds no workbook.`;
  if (startsWith(bytes, OLE_MAGIC)) {
    if (holds(bytes, 'EncryptedPackage')) {
      return `${file} is password-protected; open it in Excel, remove the password (File > Info > Protect Workbook) and save it, then try again.`;
    }
    return `${file} is an old-style .xls workbook; open it in Excel and save it as an Excel Workbook (.xlsx), then try again.`;
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    if (looksLikeText(bytes)) {
      return `${file} is a text or CSV file, not an Excel workbook; open it in Excel and save it as an Excel Workbook (.xlsx).`;
    }
    return `${file} is not an Excel workbook (.xlsx).`;
  }
  // A zip: an .xlsx holds xl/workbook.xml. File names stand uncompressed in a zip's headers, so a
  // complete zip without that name is some other kind of zip (a .docx, an archive); an incomplete
  // one is left for the loader, whose failure says the file is damaged.
  const complete = bytes.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (complete && !holds(bytes, 'xl/workbook.xml')) {
    return `${file} is a zip file but not an Excel workbook: it holds no workbook part.`;
  }
  return null;
}

/** Opens an .xlsx file. Every bad input becomes a PortError with one sentence naming the file. */
export async function openFile(file: string): Promise<XlsxPort> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new PortError(`${file} does not exist.`, 'NotFound');
    throw new PortError(`${file} cannot be read (${code ?? 'unknown error'}).`, 'Unreadable');
  }
  if (stat.isDirectory()) throw new PortError(`${file} is a folder, not an Excel workbook.`, 'NotAFile');
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    throw new PortError(
      `${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'unknown error'}).`,
      'Unreadable',
    );
  }
  const problem = diagnose(bytes, file);
  if (problem) throw new PortError(problem, 'NotAWorkbook');
  let port: XlsxPort;
  try {
    port = await XlsxPort.fromBuffer(bytes, path.basename(file));
  } catch {
    throw new PortError(`${file} is damaged and cannot be opened as a workbook.`, 'Corrupt');
  }
  if (port.workbook.worksheets.length === 0) {
    throw new PortError(`${file} is damaged and cannot be opened as a workbook: it has no sheets.`, 'Corrupt');
  }
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
  } catch {
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
