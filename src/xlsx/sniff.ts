/**
 * Whether some bytes can be an .xlsx at all, and if not, the sentence saying what they are (an old
 * .xls, a password-protected file, a CSV, another kind of zip). Both readers (the exceljs port and
 * the streaming reader) ask this first, so they give the same sentences.
 */
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_END = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function indexOf(bytes: Uint8Array, needle: number[]): number {
  const first = needle[0];
  for (let i = bytes.indexOf(first); i >= 0 && i + needle.length <= bytes.length; i = bytes.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && bytes[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const utf16 = (text: string) => [...text].flatMap((c) => [c.charCodeAt(0), 0]);

/** True when the bytes hold `text` in ASCII or in UTF-16LE (as OLE directory entries name their streams). */
function holds(bytes: Uint8Array, text: string): boolean {
  return indexOf(bytes, ascii(text)) >= 0 || indexOf(bytes, utf16(text)) >= 0;
}

/** Text (a CSV, an HTML page, a tab-separated export) rather than a binary file. */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return false;
  let printable = 0;
  for (const b of head) if (b === 9 || b === 10 || b === 13 || (b >= 32 && b !== 127)) printable++;
  return printable / head.length > 0.95;
}

/** The sentence saying why these bytes are not a workbook PlanCheck can open, or null when they may be one. */
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
  // A zip: an .xlsx holds xl/workbook.xml. File names stand uncompressed in a zip's headers, so a
  // complete zip without that name is some other kind of zip (a .docx, an archive); an incomplete
  // one is left for the loader, whose failure says the file is damaged.
  if (indexOf(bytes, ZIP_END) >= 0 && !holds(bytes, 'xl/workbook.xml')) {
    return `${name} is a zip file but not an Excel workbook: it holds no workbook part.`;
  }
  return null;
}
