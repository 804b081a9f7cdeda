/**
 * Reading cells fast: the reader and the checks ask for figures and words of every cell of a large
 * plan several times, so what is asked most is answered without building anything new.
 *
 * - Plain numbers are never parsed, and empty cells are one shared blank figure.
 * - Text is parsed once per distinct text (the same "Grants" on 25,000 rows is one Figure).
 * - Words are cleaned of runs of spaces only where they hold some; most hold none.
 */
import type { SheetView } from '../grid';
import type { Figure } from '../numbers';
import { isDateFormat, parseFigure, parseFigureText, readNumberFormat } from '../numbers';

/** The reader's figure at an absolute cell of a sheet read. */
export type FigureAt = (sheet: string, row: number, col: number) => Figure;

const BLANK = parseFigure(null);

/**
 * The figure at a cell, as `parseFigure` reads it, memoised by text: a number becomes a number
 * figure without parsing, an empty cell the blank figure, and each distinct text is parsed once.
 */
export function figureReader(views: Record<string, SheetView>): FigureAt {
  const texts = new Map<string, Figure>();
  return (sheet, row, col) => {
    const view = views[sheet];
    if (!view) return BLANK;
    const line = view.sheet.values[row - view.top];
    if (line === undefined || col < view.left) return BLANK;
    const raw = line[col - view.left];
    if (raw === null || raw === undefined || raw === '') return BLANK;
    if (typeof raw === 'number') return Number.isFinite(raw) ? { kind: 'number', value: raw } : parseFigure(raw);
    if (typeof raw !== 'string') return parseFigure(raw);
    let f = texts.get(raw);
    if (f === undefined) texts.set(raw, (f = parseFigureText(raw)));
    return f;
  };
}

/** JavaScript's \s: white space and line terminators (what /\s/ and String.prototype.trim see). */
export function isSpace(ch: number): boolean {
  if (ch <= 32) return ch === 32 || (ch >= 9 && ch <= 13);
  if (ch < 0xa0) return false;
  return (
    ch === 0xa0 ||
    ch === 0x1680 ||
    (ch >= 0x2000 && ch <= 0x200a) ||
    ch === 0x2028 ||
    ch === 0x2029 ||
    ch === 0x202f ||
    ch === 0x205f ||
    ch === 0x3000 ||
    ch === 0xfeff
  );
}

/**
 * `text.replace(/\s+/g, ' ').trim()`, without building a new string where the text is clean
 * already (no space at either end, no white space but single plain spaces).
 */
export function normalText(text: string): string {
  const n = text.length;
  let prevSpace = true; // a space at the start needs trimming
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (!isSpace(ch)) {
      prevSpace = false;
      continue;
    }
    if (ch !== 32 || prevSpace || i === n - 1) return text.replace(/\s+/g, ' ').trim();
    prevSpace = true;
  }
  return text;
}

/** The words of a cell: its text with runs of spaces made one and trimmed, a number as String() gives it, "" when empty. */
export function cellText(view: SheetView, row: number, col: number): string {
  const v = view.value(row, col);
  if (v === null) return '';
  return typeof v === 'string' ? normalText(v) : String(v);
}

const SHOWN = new Map<string, 'date' | 'percent' | null>();

/**
 * What a number format shows a number as: a date, a percentage, or neither (null for "General" and
 * unknown formats). A plan uses a handful of formats over many cells: each is read once.
 */
export function formatShows(code: string | null): 'date' | 'percent' | null {
  if (!code || code === 'General') return null;
  let shown = SHOWN.get(code);
  if (shown === undefined) {
    shown = isDateFormat(code) ? 'date' : readNumberFormat(code).percent ? 'percent' : null;
    if (SHOWN.size < 10_000) SHOWN.set(code, shown);
  }
  return shown;
}
