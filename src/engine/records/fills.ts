/**
 * Fills in the two hosts' words: exceljs's (the file's own: `{ type: 'pattern', pattern: 'solid',
 * fgColor: { argb: 'FFDDEBF7' } }`) and Office.js's (`{ color: '#DDEBF7', pattern: 'Solid' }`), so a
 * record of marked cells written by one host is restored by the other. Pure: only the shapes.
 */

/**
 * A cell's own fill, in Office.js's words (getCellProperties, ExcelApi 1.9): colours as "#RRGGBB",
 * patterns as Excel.FillPattern ("Solid", "Gray50", "LightUp"). A host may add its own exact
 * description in `raw` (exceljs keeps theme colours that have no "#RRGGBB"); the other host uses the
 * Office.js words.
 */
export interface FillRecord {
  color?: string;
  pattern?: string;
  patternColor?: string;
  tintAndShade?: number;
  raw?: unknown;
}

/** An exceljs fill, as far as the record needs it. */
export interface FileFill {
  type?: string;
  pattern?: string;
  fgColor?: { argb?: string; theme?: number; tint?: number; indexed?: number };
  bgColor?: { argb?: string; theme?: number; tint?: number; indexed?: number };
  [key: string]: unknown;
}

/** The file's pattern names (ECMA-376 ST_PatternType) and Office.js's Excel.FillPattern names. */
const PATTERNS: [string, string][] = [
  ['none', 'None'],
  ['solid', 'Solid'],
  ['mediumGray', 'Gray50'],
  ['darkGray', 'Gray75'],
  ['lightGray', 'Gray25'],
  ['gray125', 'Gray16'],
  ['gray0625', 'Gray8'],
  ['darkHorizontal', 'Horizontal'],
  ['darkVertical', 'Vertical'],
  ['darkDown', 'Down'],
  ['darkUp', 'Up'],
  ['darkGrid', 'Checker'],
  ['darkTrellis', 'SemiGray75'],
  ['lightHorizontal', 'LightHorizontal'],
  ['lightVertical', 'LightVertical'],
  ['lightDown', 'LightDown'],
  ['lightUp', 'LightUp'],
  ['lightGrid', 'Grid'],
  ['lightTrellis', 'CrissCross'],
];
const TO_OFFICE = new Map(PATTERNS);
const TO_FILE = new Map(PATTERNS.map(([file, office]) => [office, file]));

/** "FFDDEBF7" -> "#DDEBF7"; undefined for theme and indexed colours, which have no RGB of their own here. */
function hex(color: FileFill['fgColor']): string | undefined {
  const argb = color?.argb;
  return typeof argb === 'string' && /^[0-9A-Fa-f]{8}$/.test(argb) ? `#${argb.slice(2).toUpperCase()}` : undefined;
}

/**
 * A file's fill as a record: Office.js's words where they exist, and the fill itself in `raw` for the
 * file host to put back exactly. Null for no fill at all.
 */
export function fillFromFile(fill: FileFill | null | undefined): FillRecord | null {
  if (!fill) return null;
  // Gradients have no Office.js words: kept whole for the file host, said as a solid fill elsewhere.
  if (fill.type === 'gradient') return { pattern: 'Solid', raw: fill };
  if (fill.type !== 'pattern' || !fill.pattern) return null;
  // A file's own "no fill" style is kept as it was, so the cell's style comes back exactly.
  if (fill.pattern === 'none') return { pattern: 'None', raw: fill };
  const record: FillRecord = { pattern: TO_OFFICE.get(fill.pattern) ?? 'Solid', raw: fill };
  const color = hex(fill.pattern === 'solid' ? fill.fgColor : (fill.bgColor ?? fill.fgColor));
  if (color) record.color = color;
  if (fill.pattern !== 'solid') {
    const patternColor = hex(fill.fgColor);
    if (patternColor) record.patternColor = patternColor;
  }
  return record;
}

/** A record's fill in the file's words: its own `raw` where the file host wrote it, else from Office.js's words. */
export function fillToFile(record: FillRecord): FileFill | null {
  if (record.raw && typeof record.raw === 'object') return record.raw as FileFill;
  if (!record.pattern || record.pattern === 'None') return null;
  const pattern = TO_FILE.get(record.pattern) ?? 'solid';
  const argb = (c: string | undefined) =>
    c && /^#[0-9A-Fa-f]{6}$/.test(c) ? `FF${c.slice(1).toUpperCase()}` : undefined;
  if (pattern === 'solid') {
    const color = argb(record.color);
    return color ? { type: 'pattern', pattern, fgColor: { argb: color } } : { type: 'pattern', pattern };
  }
  const fill: FileFill = { type: 'pattern', pattern };
  const fg = argb(record.patternColor);
  const bg = argb(record.color);
  if (fg) fill.fgColor = { argb: fg };
  if (bg) fill.bgColor = { argb: bg };
  return fill;
}
