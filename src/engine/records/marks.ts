/**
 * The record of marked cells that lets Clear highlights give every cell its own fill back, on either
 * host (Excel through Office.js, or a file through exceljs: each reads what the other wrote), kept
 * compactly: for each mark, only the cells that had a fill of their own, as rectangles of equal
 * fills (a banded table of 100,000 cells is a few thousand rectangles, not 100,000 entries), with
 * each distinct fill written once. Pure data; no Office.js here.
 */
import { parseRange, rangeA1 } from '../grid';
import type { FileFill, FillRecord } from './fills';
import { fillFromFile } from './fills';

export type { FillRecord } from './fills';

/** One mark: where, on which sheet (by name and, where known, by its id, which survives a rename), and the fills under it. */
export interface StoredMark {
  sheet: string;
  sheetId?: string;
  cell: string;
  /** Rectangles of cells that had a fill of their own; every other cell of `cell` had none. */
  own: { address: string; fill: FillRecord }[];
}

/**
 * The stored form, version 2: each sheet and each distinct fill written once, and each mark as
 * [sheet index, cell, [[address, fill index], ...]]. Version 1 (a fill per cell) is still read.
 */
interface MarksFileV2 {
  version: 2;
  sheets: { name: string; id?: string }[];
  fills: FillRecord[];
  marks: [number, string, [string, number][]][];
}

interface MarksFileV1 {
  version?: 1;
  marks?: { sheet: string; cell: string; fills: FillRecord[][] }[];
}

export function hasFill(fill: FillRecord | undefined): boolean {
  return !!fill && fill.pattern !== undefined && fill.pattern !== 'None';
}

function fillKey(fill: FillRecord): string {
  return JSON.stringify([
    fill.color ?? null,
    fill.pattern ?? null,
    fill.patternColor ?? null,
    fill.tintAndShade ?? null,
    fill.raw ?? null,
  ]);
}

/**
 * The cells of a grid of fills (its top-left cell at top, left) that have a fill, as rectangles of
 * equal fills: runs along each row, and a run carried down while the rows below repeat it.
 */
export function fillRuns(top: number, left: number, fills: FillRecord[][]): { address: string; fill: FillRecord }[] {
  const done: { top: number; left: number; bottom: number; right: number; fill: FillRecord }[] = [];
  let open = new Map<string, { top: number; left: number; bottom: number; right: number; fill: FillRecord }>();
  fills.forEach((row, r) => {
    const next = new Map<string, { top: number; left: number; bottom: number; right: number; fill: FillRecord }>();
    let c = 0;
    while (c < row.length) {
      const fill = row[c];
      if (!hasFill(fill)) {
        c++;
        continue;
      }
      const key = fillKey(fill);
      let end = c;
      while (end + 1 < row.length && hasFill(row[end + 1]) && fillKey(row[end + 1]) === key) end++;
      const id = `${c}:${end}:${key}`;
      const above = open.get(id);
      if (above && above.bottom === top + r - 1) {
        above.bottom = top + r;
        next.set(id, above);
        open.delete(id);
      } else {
        next.set(id, { top: top + r, left: left + c, bottom: top + r, right: left + end, fill });
      }
      c = end + 1;
    }
    done.push(...open.values());
    open = next;
  });
  done.push(...open.values());
  return done
    .sort((a, b) => a.top - b.top || a.left - b.left)
    .map((b) => ({ address: rangeA1(b.top, b.left, b.bottom, b.right), fill: b.fill }));
}

export function encodeMarks(marks: StoredMark[]): string {
  if (marks.length === 0) return '';
  const fills: FillRecord[] = [];
  const index = new Map<string, number>();
  const at = (fill: FillRecord): number => {
    const key = fillKey(fill);
    let i = index.get(key);
    if (i === undefined) {
      i = fills.length;
      fills.push(fill);
      index.set(key, i);
    }
    return i;
  };
  const sheets: { name: string; id?: string }[] = [];
  const sheetIndex = new Map<string, number>();
  const sheetAt = (m: StoredMark): number => {
    const key = `${m.sheetId ?? ''}|${m.sheet}`;
    let i = sheetIndex.get(key);
    if (i === undefined) {
      i = sheets.length;
      sheets.push(m.sheetId ? { name: m.sheet, id: m.sheetId } : { name: m.sheet });
      sheetIndex.set(key, i);
    }
    return i;
  };
  const file: MarksFileV2 = {
    version: 2,
    sheets,
    fills,
    marks: marks.map((m) => [sheetAt(m), m.cell, m.own.map((o) => [o.address, at(o.fill)] as [string, number])]),
  };
  return JSON.stringify(file);
}

/** What both hosts say when the record of highlighted cells cannot be read. */
export const DAMAGED_MARKS_NOTE =
  "PlanCheck's record of the cells it highlighted in this workbook is damaged, so it cannot give those cells their own fills back. " +
  'Any colour it added stays until you clear it yourself (Home > Fill Color).';

/** Whether a stored marks record is there but cannot be read (cut short, edited by hand). */
export function marksDamaged(text: string): boolean {
  if (!text) return false;
  try {
    const parsed: unknown = JSON.parse(text);
    return !parsed || typeof parsed !== 'object';
  } catch {
    return true;
  }
}

/**
 * The marks in a stored record (either version, or the cell-by-cell list that copies made through
 * exceljs kept before both hosts shared this format); [] for an empty or damaged record.
 */
export function decodeMarks(text: string): StoredMark[] {
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!parsed || typeof parsed !== 'object') return [];
  if (Array.isArray(parsed)) return fromCellList(parsed);
  if ((parsed as { version?: unknown }).version === 2) {
    const file = parsed as MarksFileV2;
    return (file.marks ?? []).flatMap(([s, cell, own]) => {
      const sheet = file.sheets?.[s];
      if (!sheet || typeof cell !== 'string') return [];
      return [
        {
          sheet: sheet.name,
          sheetId: sheet.id,
          cell,
          own: (own ?? []).map(([address, i]) => ({ address, fill: file.fills?.[i] ?? {} })),
        },
      ];
    });
  }
  const v1 = parsed as MarksFileV1;
  return (v1.marks ?? []).map((m) => {
    const box = parseRange(m.cell);
    return { sheet: m.sheet, cell: m.cell, own: box ? fillRuns(box.top, box.left, m.fills ?? []) : [] };
  });
}

/** The old exceljs record: one entry a cell, [{ sheet, cell, fill }], fill being the file's own or null. */
function fromCellList(list: unknown[]): StoredMark[] {
  return list.flatMap((entry) => {
    const e = entry as { sheet?: unknown; cell?: unknown; fill?: FileFill | null };
    if (typeof e?.sheet !== 'string' || typeof e.cell !== 'string') return [];
    const fill = fillFromFile(e.fill);
    return [{ sheet: e.sheet, cell: e.cell, own: fill ? [{ address: e.cell, fill }] : [] }];
  });
}
