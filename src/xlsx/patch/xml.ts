/**
 * String-level XML helpers for editing package parts in place: the parts PlanCheck edits are
 * changed by splicing new text into the original, so everything it does not understand (other
 * namespaces, extension lists, attributes of later Office versions) stays exactly as it was.
 * These helpers assume well-formed XML as Office writes it; they do not validate.
 */

/** Text as XML character data or an attribute value; characters XML 1.0 forbids are dropped. */
export function esc(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids are exactly what is matched
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/** The text of an attribute value or character data with the five entities and character references decoded. */
export function unesc(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e as 'amp'];
  });
}

const attrPatterns = new Map<string, RegExp>();

/** The pattern of one attribute in a start tag, compiled once per name (rows are scanned by the hundred thousand). */
function attrPattern(name: string): RegExp {
  let re = attrPatterns.get(name);
  if (!re) {
    re = new RegExp(`(\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*("([^"]*)"|'([^']*)')`);
    attrPatterns.set(name, re);
  }
  return re;
}

/** One start tag's attribute value (decoded), or undefined. `tag` is the start tag's text. */
export function attr(tag: string, name: string): string | undefined {
  if (!tag.includes(name)) return undefined;
  const m = attrPattern(name).exec(tag);
  if (!m) return undefined;
  const raw = m[3] ?? m[4];
  return raw.includes('&') ? unesc(raw) : raw;
}

/** The start tag with the attribute set (added before the tag's end when absent) or removed (value undefined). */
export function setAttr(tag: string, name: string, value: string | undefined): string {
  const re = attrPattern(name);
  if (re.test(tag)) {
    return value === undefined
      ? tag.replace(re, '')
      : tag.replace(re, (_, sp: string) => `${sp}${name}="${esc(value)}"`);
  }
  if (value === undefined) return tag;
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end).replace(/\s+$/, '')} ${name}="${esc(value)}"${tag.slice(end)}`;
}

/** The namespace prefix ("x:" or "") the root element of a part uses, for elements added to it. */
export function rootPrefix(xml: string, local: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}[\\s>/]`).exec(xml);
  return m?.[1] ?? '';
}

/** An element found in a part: where it starts and ends, its start tag, and where its content lies. */
export interface Element {
  start: number;
  end: number;
  tag: string;
  /** Offsets of the content between start and end tags (equal for an empty element). */
  inner: [number, number];
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

/**
 * The child elements of the element whose content runs from `from` to `to`, in document order,
 * with their local names (prefix dropped). Comments and processing instructions are skipped.
 */
export function children(xml: string, from: number, to: number): (Element & { name: string })[] {
  const out: (Element & { name: string })[] = [];
  const re = new RegExp(TOKEN.source, 'g');
  re.lastIndex = from;
  let depth = 0;
  let open: { start: number; tag: string; name: string; innerStart: number } | null = null;
  for (let m = re.exec(xml); m && m.index < to; m = re.exec(xml)) {
    if (!m[2]) continue;
    const closing = m[1] === '/';
    const empty = m[4] === '/';
    const name = m[2].replace(/^.*:/, '');
    if (closing) {
      depth--;
      if (depth === 0 && open) {
        out.push({
          start: open.start,
          end: re.lastIndex,
          tag: open.tag,
          name: open.name,
          inner: [open.innerStart, m.index],
        });
        open = null;
      }
      if (depth < 0) break;
    } else if (empty) {
      if (depth === 0)
        out.push({ start: m.index, end: re.lastIndex, tag: m[0], name, inner: [re.lastIndex, re.lastIndex] });
    } else {
      if (depth === 0) open = { start: m.index, tag: m[0], name, innerStart: re.lastIndex };
      depth++;
    }
  }
  return out;
}

/** The root element of a part (after the XML declaration and comments). */
export function rootElement(xml: string): Element & { name: string } {
  const [root] = children(xml, 0, xml.length);
  if (!root) throw new Error('a package part holds no XML element');
  return root;
}

/** The first child of `parent` with this local name. */
export function child(xml: string, parent: Element, name: string): (Element & { name: string }) | undefined {
  return children(xml, parent.inner[0], parent.inner[1]).find((c) => c.name === name);
}

/** Splices edits (non-overlapping ranges of the original) into a string in one pass. */
export function splice(xml: string, edits: { from: number; to: number; text: string }[]): string {
  if (edits.length === 0) return xml;
  const sorted = [...edits].sort((a, b) => a.from - b.from || a.to - b.to);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    parts.push(xml.slice(at, e.from), e.text);
    at = e.to;
  }
  parts.push(xml.slice(at));
  return parts.join('');
}

/**
 * Where to insert a new child so the parent's schema order holds: before the first existing child
 * whose name comes later in `order`, else at the end of the parent's content.
 */
export function insertionPoint(xml: string, parent: Element, name: string, order: readonly string[]): number {
  const rank = order.indexOf(name);
  for (const c of children(xml, parent.inner[0], parent.inner[1])) {
    const r = order.indexOf(c.name);
    if (r > rank) return c.start;
  }
  return parent.inner[1];
}

/** Column letters of a 0-based column. */
export function colLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A1 address of 0-based row and column. */
export function cellRef(row: number, col: number): string {
  return `${colLetters(col)}${row + 1}`;
}

/** 0-based row and column of an A1 address (dollars allowed), or null. */
export function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.toUpperCase());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** A package path resolved from a relationship target, relative to the part that holds the relationship. */
export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** The relationships part of a part: xl/workbook.xml -> xl/_rels/workbook.xml.rels. */
export function relsPath(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** A relationship target from one part to another, relative to the first's folder. */
export function relativeTarget(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}
