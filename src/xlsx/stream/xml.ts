/**
 * A small incremental XML scanner for the streaming reader: text is fed in chunks as it is
 * inflated, and each element's opening, its text and its closing are handed on as they are seen,
 * so no part is ever held whole as a tree. It reads XML as exceljs's parser (saxes) does, so the
 * xforms it drives see the same events: the five predefined entities and character references
 * decoded, line ends normalised (CR LF and CR to LF), tabs and line ends in attribute values read as
 * spaces, CDATA, comments, processing instructions and the doctype skipped (exceljs listens to none
 * of them), a leading byte-order mark ignored. What is not well-formed (an unknown entity, a closing
 * tag that does not match, text outside the root) throws, as saxes does.
 */

/** An element as exceljs's xforms are given it. */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
}

/** What hears the events: exceljs's xform interface. */
export interface XmlHandler {
  parseOpen(node: XmlNode): unknown;
  parseText(text: string): void;
  /** False when the handler's root element has closed: nothing more is read. */
  parseClose(name: string): boolean;
}

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function entity(name: string): string {
  if (name.charCodeAt(0) === 35 /* # */) {
    const code = /^#x[0-9a-f]+$/i.test(name)
      ? parseInt(name.slice(2), 16)
      : /^#[0-9]+$/.test(name)
        ? parseInt(name.slice(1), 10)
        : NaN;
    const isChar =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!isChar) throw new XmlError(`malformed character entity &${name};`);
    return String.fromCodePoint(code);
  }
  const known = ENTITIES[name];
  if (known === undefined) throw new XmlError(`undefined entity &${name};`);
  return known;
}

function decodeEntities(s: string): string {
  let out = '';
  let from = 0;
  for (let amp = s.indexOf('&'); amp >= 0; amp = s.indexOf('&', from)) {
    const semi = s.indexOf(';', amp);
    if (semi < 0) throw new XmlError('unterminated entity');
    out += s.slice(from, amp) + entity(s.slice(amp + 1, semi));
    from = semi + 1;
  }
  return out + s.slice(from);
}

/** Character data as saxes gives it: CR LF and lone CR read as LF, entities decoded. */
function text(s: string): string {
  if (s.indexOf('\r') >= 0) s = s.replace(/\r\n?/g, '\n');
  return s.indexOf('&') >= 0 ? decodeEntities(s) : s;
}

/** An attribute value: line ends and tabs become spaces (CR LF one space), entities decoded. */
function attributeValue(s: string): string {
  if (/[\t\n\r]/.test(s)) s = s.replace(/\r\n|[\t\n\r]/g, ' ');
  return s.indexOf('&') >= 0 ? decodeEntities(s) : s;
}

/** The attributes of an element that has none: shared, never written to. */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * Element and attribute names seen before, found again without making a new string: a sheet names
 * the same few ("row", "c", "v", "r", "s", "t") millions of times.
 */
class Names {
  private readonly known = new Map<number, string[]>();

  get(s: string, from: number, to: number): string {
    const key = (to - from) * 65536 + s.charCodeAt(from);
    let list = this.known.get(key);
    if (list) {
      for (const name of list) if (s.startsWith(name, from)) return name;
    } else this.known.set(key, (list = []));
    const name = s.slice(from, to);
    if (list.length < 16) list.push(name);
    return name;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

export class XmlScanner {
  private buf = '';
  private readonly open: string[] = [];
  private started = false;
  private done = false;
  private rootSeen = false;
  private readonly names = new Names();

  constructor(private readonly handler: XmlHandler) {}

  /** True once the handler's root has closed: the rest of the part need not be read. */
  get finished(): boolean {
    return this.done;
  }

  feed(chunk: string): void {
    if (this.done) return;
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.buf = this.buf.length > 0 ? this.buf + chunk : chunk;
    this.scan();
  }

  /** The end of the part: everything must have been closed. */
  end(): void {
    if (this.done) return;
    this.scan();
    if (this.buf.trim() !== '') throw new XmlError('the part ends inside markup');
    if (this.open.length > 0 || !this.rootSeen) throw new XmlError('the part ends before its root closes');
  }

  private scan(): void {
    const s = this.buf;
    const n = s.length;
    const h = this.handler;
    let i = 0;
    while (i < n && !this.done) {
      const lt = s.indexOf('<', i);
      if (lt < 0) break; // text runs on into the next chunk
      if (lt > i) this.characters(s.slice(i, lt));
      const c = s.charCodeAt(lt + 1);
      if (c !== c) {
        i = lt; // "<" is the last character so far
        break;
      }
      if (c === 47 /* / */) {
        const gt = s.indexOf('>', lt);
        if (gt < 0) {
          i = lt;
          break;
        }
        const top = this.open.pop();
        // The name is compared in place: no string is made for it.
        let e = gt;
        while (e > lt + 2 && isSpace(s.charCodeAt(e - 1))) e--;
        const name = top !== undefined && e - lt - 2 === top.length && s.startsWith(top, lt + 2) ? top : null;
        if (name === null) throw new XmlError(`</${s.slice(lt + 2, gt)}> closes <${top ?? ''}>`);
        i = gt + 1;
        if (!h.parseClose(name)) this.done = true;
        continue;
      }
      if (c === 63 /* ? */) {
        const end = s.indexOf('?>', lt);
        if (end < 0) {
          i = lt;
          break;
        }
        i = end + 2;
        continue;
      }
      if (c === 33 /* ! */) {
        const skipped = this.skipDeclaration(s, lt);
        if (skipped < 0) {
          i = lt;
          break;
        }
        i = skipped;
        continue;
      }
      const end = this.element(s, lt);
      if (end < 0) {
        i = lt;
        break;
      }
      i = end;
    }
    this.buf = i >= n ? '' : s.slice(i);
  }

  private characters(raw: string): void {
    if (this.open.length === 0) {
      if (raw.trim() !== '') throw new XmlError('text outside the root element');
      return;
    }
    this.handler.parseText(text(raw));
  }

  /** A comment, CDATA section or doctype from `lt`: the index after it, or -1 when it is not all here. */
  private skipDeclaration(s: string, lt: number): number {
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      return end < 0 ? -1 : end + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      if (this.open.length === 0) throw new XmlError('CDATA outside the root element');
      const end = s.indexOf(']]>', lt + 9);
      return end < 0 ? -1 : end + 3;
    }
    if (s.length - lt < 9) return -1;
    // A doctype, perhaps with an internal subset in brackets.
    let depth = 0;
    for (let j = lt + 2; j < s.length; j++) {
      const ch = s.charCodeAt(j);
      if (ch === 91) depth++;
      else if (ch === 93) depth--;
      else if (ch === 62 && depth <= 0) return j + 1;
    }
    return -1;
  }

  /** An opening (or empty) element from `lt`: the index after it, or -1 when it is not all here. */
  private element(s: string, lt: number): number {
    const n = s.length;
    let j = lt + 1;
    while (j < n) {
      const ch = s.charCodeAt(j);
      if (isSpace(ch) || ch === 47 || ch === 62) break;
      j++;
    }
    if (j >= n) return -1;
    if (j === lt + 1) throw new XmlError('an element without a name');
    const name = this.names.get(s, lt + 1, j);
    let attributes: Record<string, string> = NO_ATTRIBUTES;
    for (;;) {
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      if (j >= n) return -1;
      const ch = s.charCodeAt(j);
      if (ch === 62 /* > */) {
        this.opened({ name, attributes }, false);
        return j + 1;
      }
      if (ch === 47 /* / */) {
        if (j + 1 >= n) return -1;
        if (s.charCodeAt(j + 1) !== 62) throw new XmlError(`a stray "/" in <${name}>`);
        this.opened({ name, attributes }, true);
        return j + 2;
      }
      const eq = s.indexOf('=', j);
      if (eq < 0) return -1;
      let nameEnd = eq;
      while (nameEnd > j && isSpace(s.charCodeAt(nameEnd - 1))) nameEnd--;
      const attr = this.names.get(s, j, nameEnd);
      let q = eq + 1;
      while (q < n && isSpace(s.charCodeAt(q))) q++;
      if (q >= n) return -1;
      const quote = s.charCodeAt(q);
      if (quote !== 34 && quote !== 39) throw new XmlError(`an unquoted attribute value in <${name}>`);
      const close = s.indexOf(quote === 34 ? '"' : "'", q + 1);
      if (close < 0) return -1;
      const raw = s.slice(q + 1, close);
      if (raw.indexOf('<') >= 0) throw new XmlError(`"<" in an attribute value of <${name}>`);
      if (attributes === NO_ATTRIBUTES) attributes = {};
      attributes[attr] = attributeValue(raw);
      j = close + 1;
    }
  }

  private opened(node: XmlNode, empty: boolean): void {
    if (this.open.length === 0) {
      if (this.rootSeen) throw new XmlError('a second root element');
      this.rootSeen = true;
    }
    this.open.push(node.name);
    this.handler.parseOpen(node);
    if (empty) {
      this.open.pop();
      if (!this.handler.parseClose(node.name)) this.done = true;
    }
  }
}

/** Feeds a whole part to a handler (exceljs's xforms stop at their root's close). */
export function scanText(xml: string, handler: XmlHandler): void {
  const scanner = new XmlScanner(handler);
  scanner.feed(xml);
  scanner.end();
}
