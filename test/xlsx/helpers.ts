/**
 * Helpers for the exceljs port's tests: temporary folders and hand-made bad inputs (built here,
 * in a temp folder, rather than committed as binaries).
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

export async function tempDir(prefix = 'plancheck-xlsx-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A valid zip (stored, not compressed) holding the given files: enough to be a zip that is not a workbook. */
export function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** The start of an OLE compound file whose directory names the given streams (UTF-16LE, as OLE does). */
export function oleFile(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  OLE_MAGIC.copy(header, 0);
  const dir = Buffer.concat(
    streams.map((s) => {
      const entry = Buffer.alloc(128);
      entry.write(s, 0, 'utf16le');
      entry.writeUInt16LE((s.length + 1) * 2, 64);
      return entry;
    }),
  );
  return Buffer.concat([header, Buffer.alloc(512), dir]);
}

/** Each bad input the CLI can be handed, written into dir; name -> path. */
export async function writeBadInputs(dir: string, goodXlsx: Buffer): Promise<Record<string, string>> {
  const random = Buffer.alloc(4096);
  let s = 12345;
  for (let i = 0; i < random.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    random[i] = s >>> 24;
  }
  random[0] = 0x00; // never a zip or OLE signature, and not text
  const files: Record<string, Buffer> = {
    'empty.xlsx': Buffer.alloc(0),
    'random.xlsx': random,
    'budget-export.xlsx': Buffer.from('Service,2024/25,2025/26\r\nOlder People,72588,74026\r\n', 'utf8'),
    'old-plan.xlsx': oleFile(['Root Entry', 'Workbook', '\u0005SummaryInformation']),
    'locked-plan.xlsx': oleFile(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']),
    'not-a-workbook.xlsx': storedZip({ 'word/document.xml': '<w:document/>', '[Content_Types].xml': '<Types/>' }),
    'truncated.xlsx': goodXlsx.subarray(0, Math.floor(goodXlsx.length / 2)),
  };
  const out: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(files)) {
    out[name] = path.join(dir, name);
    await fs.writeFile(out[name], bytes);
  }
  out['missing.xlsx'] = path.join(dir, 'missing.xlsx');
  out['a-folder.xlsx'] = path.join(dir, 'a-folder.xlsx');
  await fs.mkdir(out['a-folder.xlsx']);
  return out;
}
