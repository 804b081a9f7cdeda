/**
 * Reading printed figures: what councils type into cells, and what number formats say.
 * One parser for the whole engine; rules never re-parse a cell themselves.
 */
import type { CellValue } from './grid';

export type FigureKind =
  /** a number (from a numeric cell or readable text) */
  | 'number'
  /** an empty cell: distinct from zero */
  | 'blank'
  /** a dash, "nil" or "–" standing for zero */
  | 'nil'
  /** an Excel error value such as #REF! */
  | 'error'
  /** words: a label, not a figure */
  | 'text'
  /** looks like a figure but is not one ("1,2O4", "12.3.4") */
  | 'bad';

export interface Figure {
  kind: FigureKind;
  /** The number, for 'number' and 'nil' (0); null otherwise. */
  value: number | null;
  /** True when it was printed as a percentage ("10%"): value is then the fraction (0.1). */
  percent?: boolean;
  /** Multiplier that was printed with it ("£1.5m" -> 1e6, "4,225k" -> 1e3). */
  scale?: number;
  /** True when printed with a currency sign. */
  currency?: boolean;
  /** The error value, for 'error'. */
  error?: string;
}

const ERROR_VALUES =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;
const NIL_WORDS = /^(-|–|—|nil|none|n\/a|na)$/i;
const FIGURE_CHARS = /^[\s£$€+\-–−(),.\d%kmb]*$/i;

const BLANK: Figure = { kind: 'blank', value: null };
const NIL: Figure = { kind: 'nil', value: 0 };
const TEXT: Figure = { kind: 'text', value: null };

/** Reads one cell's value as a figure. */
export function parseFigure(raw: CellValue | undefined): Figure {
  if (raw === null || raw === undefined) return BLANK;
  if (typeof raw === 'number')
    return Number.isFinite(raw) ? { kind: 'number', value: raw } : { kind: 'bad', value: null };
  if (typeof raw === 'boolean') return { kind: 'text', value: null };
  return parseFigureText(raw);
}

/**
 * The patterns of figure reading, made once: a regular expression written in a function is a new
 * object each time the line runs, and every cell of a plan passes through here. (The global ones
 * are only used to replace or match, which start from the beginning whatever the last use left.)
 */
const NBSP = /\u00a0/g;
const NIL_NAME = /nil|none/i;
const UNIT_HEADING = /^\(?£\s*'?000'?s?\)?$/i;
const BRACKETS = /^\((.*)\)$/;
const SIGN = /^([+\-–−])\s*(.*)$/;
const CURRENCY = /^[£$€]/;
const MINUS = /^([-–−])\s*(.*)$/;
const MULTIPLIER = /^(.*?)\s*(k|m|bn|b)$/i;
const THOUSANDS = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN_NUMBER = /^\d+(\.\d+)?$/;
const DECIMAL_FRACTION = /^\.\d+$/;
const COMMAS = /,/g;
const FIGURE_ENDS = /^[(£$€\-–−+\s]+|[)%\s]+$/g;
const ONE_OR_TWO_LETTERS = /^[\d,.\s]*[A-Za-z]{1,2}[\d,.\s]*$/;
const DIGITS = /\d/g;
const LETTERS = /[A-Za-z]/g;
const LAST_O = /^\d{1,3}(,\d{3})*(,\d{2}|\.\d*)?[Oo]$/;
const SEPARATOR = /[,.]/;
const LETTER_AMONG_DIGITS = /\d[,.]?[A-Za-z]{1,2}[,.]?\d/;
const DIGIT = /\d/;

/** Reads printed text as a figure. */
export function parseFigureText(text: string): Figure {
  const t = text.replace(NBSP, ' ').trim();
  if (t === '') return BLANK;
  if (ERROR_VALUES.test(t)) return { kind: 'error', value: null, error: t.toUpperCase() };
  // Words without a digit (most labels) are words, or a nil: no need to try them as figures.
  if (!DIGIT.test(t)) return NIL_WORDS.test(t) && (t.length <= 1 || NIL_NAME.test(t)) ? NIL : TEXT;
  if (NIL_WORDS.test(t)) return t.length <= 1 || NIL_NAME.test(t) ? NIL : { kind: 'text', value: null };
  // A unit heading over a column of figures ("£000", "(£000s)", "£ 000"): words, not a zero.
  if (UNIT_HEADING.test(t)) return TEXT;

  let s = t;
  let negative = false;
  // Brackets for negatives: "(28)", "(£28)", "(10%)"
  const br = BRACKETS.exec(s);
  if (br) {
    negative = true;
    s = br[1].trim();
  }
  // Leading sign: "-", "−" (minus), "–" (en dash typed for minus), "+"
  const sign = SIGN.exec(s);
  if (sign) {
    if (sign[1] !== '+') negative = !negative;
    s = sign[2];
  }
  let currency = false;
  if (CURRENCY.test(s)) {
    currency = true;
    s = s.slice(1).trim();
    // "£-28"
    const sign2 = MINUS.exec(s);
    if (sign2) {
      negative = !negative;
      s = sign2[2];
    }
  }
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  let scale = 1;
  const mult = MULTIPLIER.exec(s);
  if (mult && DIGIT.test(mult[1])) {
    const unit = mult[2].toLowerCase();
    scale = unit === 'k' ? 1e3 : unit === 'm' ? 1e6 : 1e9;
    s = mult[1];
  }

  if (THOUSANDS.test(s) || PLAIN_NUMBER.test(s) || DECIMAL_FRACTION.test(s)) {
    let value = Number(s.replace(COMMAS, '')) * scale;
    if (percent) value /= 100;
    if (negative) value = -value;
    const fig: Figure = { kind: 'number', value: value === 0 ? 0 : value };
    if (percent) fig.percent = true;
    if (scale !== 1) fig.scale = scale;
    if (currency) fig.currency = true;
    return fig;
  }
  // Something that is made of figure characters and has a digit, or a digit run with a letter
  // or two in it ("1,2O4", "12.3.4", "4,9l6"), is a figure gone wrong, not a label.
  if (DIGIT.test(t) && (FIGURE_CHARS.test(t) || looksMistyped(t))) return { kind: 'bad', value: null };
  return { kind: 'text', value: null };
}

/** A figure with a letter typed for a digit: mostly digits, one or two letters among them. */
function looksMistyped(t: string): boolean {
  const core = t.replace(FIGURE_ENDS, '');
  if (!ONE_OR_TWO_LETTERS.test(core)) return false;
  const digits = (core.match(DIGITS) ?? []).length;
  const letters = (core.match(LETTERS) ?? []).length;
  // A letter between digits (1,2O4) rather than a unit or code at one end (M2.1, 2019a); or a
  // letter O typed for a last zero after a separator or among thousands ("5.O", "86.O", "27,89O").
  if (LAST_O.test(core) && SEPARATOR.test(core)) return true;
  return digits >= 2 && letters <= 2 && LETTER_AMONG_DIGITS.test(core);
}

/** True for 'number' and 'nil' figures: something that adds up. */
export function isNumeric(f: Figure): boolean {
  return f.kind === 'number' || f.kind === 'nil';
}

/** Formats a figure the way a plan prints it: 74,025; (28) for negatives if asked. */
export function formatFigure(n: number, options: { brackets?: boolean; decimals?: number } = {}): string {
  const decimals = options.decimals ?? (Number.isInteger(round(n, 6)) ? 0 : Math.min(decimalsOf(n), 3));
  const abs = groupThousands(Math.abs(n).toFixed(decimals));
  if (n < 0 && abs !== '0') return options.brackets ? `(${abs})` : `-${abs}`;
  return abs;
}

/** "1234567.50" -> "1,234,567.50" (no Intl: it is slow, and the output must not depend on the locale). */
function groupThousands(fixed: string): string {
  const dot = fixed.indexOf('.');
  const whole = dot < 0 ? fixed : fixed.slice(0, dot);
  let out = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) out += ',';
    out += whole[i];
  }
  return dot < 0 ? out : out + fixed.slice(dot);
}

function decimalsOf(n: number): number {
  const s = String(round(n, 6));
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

export function round(n: number, decimals = 0): number {
  const f = 10 ** decimals;
  return Math.round((n + Number.EPSILON * Math.sign(n)) * f) / f;
}

/** Number of decimal places a typed number carries (for rounding tolerance). */
export function decimalPlaces(n: number): number {
  if (Number.isInteger(n)) return 0;
  return decimalsOf(n);
}

/** Reads a number format code: percent, thousands scaling (",," trailing), brackets for negatives, currency. */
export function readNumberFormat(code: string | null | undefined): {
  percent: boolean;
  brackets: boolean;
  currency: string | null;
  /** 1000 for "#,##0,", 1e6 for "#,##0,,". */
  divisor: number;
} {
  const c = code ?? 'General';
  const positive = c
    .split(';')[0]
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '');
  const trailing = /(,+)\s*(\)|_\)|$)/.exec(positive.replace(/[%\s]+$/, ''));
  const commas = trailing ? trailing[1].length : 0;
  return {
    percent: positive.includes('%'),
    brackets: /;\s*(\[[^\]]*\])?\(/.test(c),
    currency: /£/.test(c) ? '£' : /\$/.test(c.replace(/\[\$[^\]]*\]/g, '')) ? '$' : /€/.test(c) ? '€' : null,
    divisor: commas > 0 && /0,+\s*(\)|_\)|$)/.test(positive.replace(/[%\s]+$/, '')) ? 1000 ** commas : 1,
  };
}

/** True for a number format that shows a date or time ("dd/mm/yyyy", "d-mmm-yy", "[$-809]dd mmmm yyyy", "h:mm"). */
export function isDateFormat(code: string | null | undefined): boolean {
  if (!code || code === 'General') return false;
  const bare = code
    .split(';')[0]
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '');
  return /[dy]/i.test(bare) || /h+:m|m+:s/i.test(bare) || /^m{3,}/i.test(bare.trim());
}
