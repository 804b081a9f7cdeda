/**
 * The package being patched: its zip's parts read on demand and kept as text once edited, parts
 * added and removed, [Content_Types].xml overrides, and relationships parts read and appended to;
 * with the relationship types and content types the patch uses.
 */
import type JSZip from 'jszip';

import { attr, children, esc, relsPath, rootElement, rootPrefix, splice } from './xml';

export const NS = {
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  table: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table',
  calcChain: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain',
};
export const CT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
};

export interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** A relationships part, read and appended to. */
export class Rels {
  readonly rels: Rel[];
  private readonly added: string[] = [];
  private readonly removed = new Set<string>();
  constructor(
    readonly path: string,
    private readonly xml: string,
  ) {
    const root = rootElement(xml);
    this.rels = children(xml, root.inner[0], root.inner[1])
      .filter((c) => c.name === 'Relationship')
      .map((c) => ({
        id: attr(c.tag, 'Id') ?? '',
        type: attr(c.tag, 'Type') ?? '',
        target: attr(c.tag, 'Target') ?? '',
        external: attr(c.tag, 'TargetMode') === 'External',
      }));
  }

  static empty(path: string): Rels {
    return new Rels(
      path,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}"></Relationships>`,
    );
  }

  get changed(): boolean {
    return this.added.length > 0 || this.removed.size > 0;
  }

  add(type: string, target: string): string {
    const taken = new Set(this.rels.map((r) => r.id));
    let n = this.rels.length + 1;
    while (taken.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    this.rels.push({ id, type, target, external: false });
    this.added.push(`<Relationship Id="${id}" Type="${esc(type)}" Target="${esc(target)}"/>`);
    return id;
  }

  remove(id: string): void {
    this.removed.add(id);
  }

  toXml(): string {
    const xml = this.xml;
    const root = rootElement(xml);
    const p = rootPrefix(xml, 'Relationships');
    const edits = children(xml, root.inner[0], root.inner[1])
      .filter((c) => this.removed.has(attr(c.tag, 'Id') ?? ''))
      .map((c) => ({ from: c.start, to: c.end, text: '' }));
    let added = this.added.join('');
    if (p) added = added.replace(/<Relationship /g, `<${p}Relationship `);
    if (root.tag.endsWith('/>')) {
      edits.push({ from: root.start, to: root.end, text: `${root.tag.slice(0, -2)}>${added}</${p}Relationships>` });
    } else edits.push({ from: root.inner[1], to: root.inner[1], text: added });
    return splice(xml, edits);
  }
}

/** The package being patched: parts read on demand, edited parts kept as text until written. */
export class Package {
  private readonly edited = new Map<string, string>();
  private readonly removedParts = new Set<string>();
  private readonly overrides: string[] = [];
  private readonly removedOverrides = new Set<string>();

  constructor(readonly zip: JSZip) {}

  has(path: string): boolean {
    return this.edited.has(path) || (!this.removedParts.has(path) && this.zip.file(path) !== null);
  }

  async text(path: string): Promise<string | null> {
    if (this.edited.has(path)) return this.edited.get(path)!;
    const file = this.zip.file(path);
    if (!file) return null;
    // TextDecoder is much faster than jszip's own decoding on a large sheet (and drops a byte-order mark).
    return new TextDecoder('utf-8').decode(await file.async('uint8array'));
  }

  put(path: string, text: string): void {
    this.edited.set(path, text);
  }

  remove(path: string): void {
    this.removedParts.add(path);
    this.removedOverrides.add(`/${path}`);
  }

  override(path: string, contentType: string): void {
    this.overrides.push(`<Override PartName="/${esc(path)}" ContentType="${esc(contentType)}"/>`);
  }

  /** A part name not yet in the package: xl/worksheets/sheet7.xml after sheet1..6. */
  freshPath(folder: string, stem: string): string {
    for (let n = 1; ; n++) {
      const path = `${folder}/${stem}${n}.xml`;
      if (!this.has(path)) return path;
    }
  }

  async rels(part: string): Promise<Rels> {
    const path = relsPath(part);
    const xml = await this.text(path);
    return xml === null ? Rels.empty(path) : new Rels(path, xml);
  }

  async bytes(): Promise<Uint8Array> {
    if (this.overrides.length > 0 || this.removedOverrides.size > 0) {
      const xml = (await this.text('[Content_Types].xml'))!;
      const root = rootElement(xml);
      const p = rootPrefix(xml, 'Types');
      const edits = children(xml, root.inner[0], root.inner[1])
        .filter((c) => c.name === 'Override' && this.removedOverrides.has(attr(c.tag, 'PartName') ?? ''))
        .map((c) => ({ from: c.start, to: c.end, text: '' }));
      const added = this.overrides.join('').replace(/<Override /g, `<${p}Override `);
      edits.push({ from: root.inner[1], to: root.inner[1], text: added });
      this.edited.set('[Content_Types].xml', splice(xml, edits));
    }
    for (const path of this.removedParts) this.zip.remove(path);
    for (const [path, text] of this.edited) this.zip.file(path, text);
    return this.zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  }
}
