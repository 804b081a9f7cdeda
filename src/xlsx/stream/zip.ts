/**
 * The zip container of an .xlsx, for the streaming reader (Node only): the central directory read
 * once, and a part inflated on demand with Node's zlib, whole (small parts) or as a stream of text
 * chunks (sheets and shared strings), so a large sheet's XML is never held whole. Entries are named
 * as JSZip (which exceljs uses) names them; anything this reader does not handle (zip64, encrypted
 * entries, other compression methods) throws, and the caller then loads the file with exceljs.
 */
import { StringDecoder } from 'string_decoder';
import { Readable } from 'stream';
import { createInflateRaw, inflateRawSync } from 'zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  headerOffset: number;
  directory: boolean;
}

export class ZipError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class Zip {
  /** Entries by name, in the central directory's order (a repeated name keeps its first place, the last entry). */
  readonly entries = new Map<string, ZipEntry>();

  constructor(private readonly bytes: Buffer) {
    const end = this.findEnd();
    const count = bytes.readUInt16LE(end + 10);
    const size = bytes.readUInt32LE(end + 12);
    let at = bytes.readUInt32LE(end + 16);
    if (count === 0xffff || size === 0xffffffff || at === 0xffffffff) throw new ZipError('zip64');
    for (let k = 0; k < count; k++) {
      if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw new ZipError('central directory');
      const flags = bytes.readUInt16LE(at + 8);
      const method = bytes.readUInt16LE(at + 10);
      const compressedSize = bytes.readUInt32LE(at + 20);
      const nameLength = bytes.readUInt16LE(at + 28);
      const extraLength = bytes.readUInt16LE(at + 30);
      const commentLength = bytes.readUInt16LE(at + 32);
      const headerOffset = bytes.readUInt32LE(at + 42);
      const raw = bytes.subarray(at + 46, at + 46 + nameLength);
      if (raw.some((b) => b > 0x7e)) throw new ZipError('a part name that is not ASCII');
      if (flags & 1) throw new ZipError('encrypted');
      if (compressedSize === 0xffffffff || headerOffset === 0xffffffff) throw new ZipError('zip64');
      const name = raw.toString('latin1');
      this.entries.set(name, { name, method, compressedSize, headerOffset, directory: name.endsWith('/') });
      at += 46 + nameLength + extraLength + commentLength;
    }
  }

  private findEnd(): number {
    const b = this.bytes;
    for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 0xffff; i--) {
      if (b.readUInt32LE(i) === EOCD) return i;
    }
    throw new ZipError('no end of central directory');
  }

  /** The entry's compressed bytes. */
  private raw(entry: ZipEntry): Buffer {
    const b = this.bytes;
    const at = entry.headerOffset;
    if (at + 30 > b.length || b.readUInt32LE(at) !== LOCAL) throw new ZipError(`local header of ${entry.name}`);
    const start = at + 30 + b.readUInt16LE(at + 26) + b.readUInt16LE(at + 28);
    if (start + entry.compressedSize > b.length) throw new ZipError(`${entry.name} is cut short`);
    if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`compression method ${entry.method}`);
    return b.subarray(start, start + entry.compressedSize);
  }

  /** A whole part as text (UTF-8). */
  text(entry: ZipEntry): string {
    const raw = this.raw(entry);
    return (entry.method === 0 ? raw : inflateRawSync(raw)).toString('utf8');
  }

  /** A part as text chunks, inflated as they are read. */
  async *chunks(entry: ZipEntry): AsyncGenerator<string> {
    const raw = this.raw(entry);
    const decoder = new StringDecoder('utf8');
    if (entry.method === 0) {
      yield decoder.write(raw) + decoder.end();
      return;
    }
    const inflater = Readable.from([raw]).pipe(createInflateRaw({ chunkSize: 256 * 1024 }));
    for await (const chunk of inflater) {
      const piece = decoder.write(chunk as Buffer);
      if (piece) yield piece;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }
}
