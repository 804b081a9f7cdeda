/**
 * Test helper: loads table specs into HyperFormula at their anchors (sheet names and named
 * ranges included) so that tests can evaluate the formulas a generator wrote, compare them
 * with the values it stored, and change an input cell to see the totals move.
 *
 * Text cells are loaded with a leading apostrophe, as the ports write them: a label that
 * begins with "=" stays text.
 */
import { HyperFormula, type RawCellContent } from 'hyperformula';

import { columnLetter, quoteSheet } from '../../../src/engine/grid';
import type { CellValue } from '../../../src/engine/grid';
import type { TableSpec } from '../../../src/engine/spec';

export interface Evaluated {
  /** The computed value of a cell given relative to a spec's anchor (the first spec by default). */
  value(row: number, col: number, spec?: TableSpec): CellValue;
  /** Changes a cell (relative to the anchor) as a user would type it. */
  set(row: number, col: number, value: number | string, spec?: TableSpec): void;
  /** Every formula cell whose stored value differs from HyperFormula's, described. */
  mismatches(tolerance?: number): string[];
  /** Number of formula cells in the specs. */
  formulaCount(): number;
  hf: HyperFormula;
}

function toRaw(value: CellValue): RawCellContent {
  if (typeof value === 'string') return `'${value}`;
  return value;
}

function plain(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  // A DetailedCellError
  return `#ERROR ${String((v as { value?: unknown }).value ?? v)}`;
}

/** Loads specs (each on its anchor's sheet, as a port would write them) and evaluates them. */
export function evaluate(specs: TableSpec | TableSpec[], otherSheets: Record<string, CellValue[][]> = {}): Evaluated {
  const list = Array.isArray(specs) ? specs : [specs];
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const [name, rows] of Object.entries(otherSheets)) sheets[name] = rows.map((r) => r.map(toRaw));
  for (const spec of list) {
    const data = (sheets[spec.anchor.sheet] ??= []);
    spec.cells.forEach((cells, r) => {
      const row = (data[spec.anchor.row + r] ??= []);
      cells.forEach((cell, c) => {
        if (!cell) return;
        row[spec.anchor.col + c] = cell.formula ?? toRaw(cell.value);
      });
    });
    for (let r = 0; r < data.length; r++) data[r] ??= [];
  }
  const names = list.flatMap((spec) =>
    (spec.names ?? []).map((n) => {
      const top = spec.anchor.row + n.top;
      const left = spec.anchor.col + n.left;
      const bottom = spec.anchor.row + (n.bottom ?? n.top);
      const right = spec.anchor.col + (n.right ?? n.left);
      const start = `$${columnLetter(left)}$${top + 1}`;
      const end = `$${columnLetter(right)}$${bottom + 1}`;
      const range = start === end ? start : `${start}:${end}`;
      return { name: n.name, expression: `=${quoteSheet(spec.anchor.sheet)}!${range}` };
    }),
  );
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3', smartRounding: false }, names);

  const at = (spec: TableSpec, row: number, col: number) => ({
    sheet: hf.getSheetId(spec.anchor.sheet) as number,
    row: spec.anchor.row + row,
    col: spec.anchor.col + col,
  });

  return {
    hf,
    value: (row, col, spec = list[0]) => plain(hf.getCellValue(at(spec, row, col))),
    set: (row, col, value, spec = list[0]) => {
      hf.setCellContents(at(spec, row, col), [[value]]);
    },
    formulaCount: () => list.reduce((n, s) => n + s.cells.flat().filter((c) => c?.formula).length, 0),
    mismatches: (tolerance = 1e-6) => {
      const out: string[] = [];
      for (const spec of list) {
        spec.cells.forEach((cells, r) =>
          cells.forEach((cell, c) => {
            if (!cell?.formula) return;
            const got = plain(hf.getCellValue(at(spec, r, c)));
            const stored = cell.value;
            const same =
              typeof got === 'number' && typeof stored === 'number'
                ? Math.abs(got - stored) <= tolerance
                : got === stored;
            if (!same)
              out.push(`${spec.anchor.sheet} r${r} c${c} ${cell.formula}: stored ${stored}, evaluates to ${got}`);
          }),
        );
      }
      return out;
    },
  };
}
