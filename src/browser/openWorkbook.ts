/**
 * Opening a workbook's bytes in the browser: say plainly what is wrong with a file that is not
 * an .xlsx PlanCheck can read (the same sentences the CLI gives), else build the exceljs port.
 */
import { PortError } from '../engine/port';
import { XlsxPort } from '../xlsx/xlsxPort';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function indexOf(bytes: Uint8Array, needle: number[]): number {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const utf16 = (text: string) => [...text].flatMap((c) => [c.charCodeAt(0), 0]);
const holds = (bytes: Uint8Array, text: string) => indexOf(bytes, ascii(text)) >= 0 || indexOf(bytes, utf16(text)) >= 0;

function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return false;
  let printable = 0;
  for (const b of head) if (b === 9 || b === 10 || b === 13 || (b >= 32 && b !== 127)) printable++;
  return printable / head.length > 0.95;
}

/** Why these bytes are not a workbook PlanCheck can open, or null when they may be one. */
export function whyNotAWorkbook(bytes: Uint8Array, name: string): string | null {
  if (bytes.length === 0) return `${name} is empty: it holds no workbook.`;
  if (startsWith(bytes, OLE)) {
    return holds(bytes, 'EncryptedPackage')
      ? `${name} is password-protected; open it in Excel, remove the password (File > Info > Protect Workbook) and save it, then try again.`
      : `${name} is an old-style .xls workbook; open it in Excel and save it as an Excel Workbook (.xlsx), then try again.`;
  }
  if (!startsWith(bytes, ZIP)) {
    return looksLikeText(bytes)
      ? `${name} is a text or CSV file, not an Excel workbook; open it in Excel and save it as an Excel Workbook (.xlsx).`
      : `${name} is not an Excel workbook (.xlsx).`;
  }
  const complete = indexOf(bytes, [0x50, 0x4b, 0x05, 0x06]) >= 0;
  if (complete && !holds(bytes, 'xl/workbook.xml'))
    return `${name} is a zip file but not an Excel workbook: it holds no workbook part.`;
  return null;
}

/** The port over a file's bytes; every bad file becomes a PortError with one sentence. */
export async function openWorkbook(buffer: ArrayBuffer, name: string): Promise<XlsxPort> {
  const bytes = new Uint8Array(buffer);
  const problem = whyNotAWorkbook(bytes, name);
  if (problem) throw new PortError(problem, 'NotAWorkbook');
  let port: XlsxPort;
  try {
    port = await XlsxPort.fromBuffer(bytes, name);
  } catch (e) {
    if (e instanceof PortError) throw e;
    throw new PortError(`${name} is damaged and cannot be opened as a workbook.`, 'Corrupt');
  }
  if (port.workbook.worksheets.length === 0) {
    throw new PortError(`${name} is damaged and cannot be opened as a workbook: it has no sheets.`, 'Corrupt');
  }
  return port;
}
