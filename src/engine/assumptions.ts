/**
 * Rate cells a workbook labels for itself ("Inflation" with 3.5% beside it): found one way, by the
 * uplift rule (any sheet) and by the template fill (the template's sheet).
 */
import type { SheetView } from './grid';
import type { Figure } from './numbers';
import { readNumberFormat, round } from './numbers';

export interface RateCell {
  /** Absolute 0-based row and column of the rate. */
  row: number;
  col: number;
  /** The rate in per cent (3.5 for 3.5%). */
  percent: number;
}

/**
 * The first short label cell on the sheet matching `label` with a figure beside it (to its right,
 * within three cells). 3.5% shown as a percentage (0.035), typed as "3.5%", or as a plain 3.5 are all
 * 3.5 per cent; a plain figure under 0.3 is taken as a fraction.
 */
export function labelledRate(
  view: SheetView,
  figure: (sheet: string, row: number, col: number) => Figure,
  label: RegExp,
  skip?: (row: number, col: number) => boolean,
): RateCell | null {
  const { values } = view.sheet;
  for (let r = 0; r < values.length; r++) {
    const line = values[r];
    for (let c = 0; c < line.length; c++) {
      const v = line[c];
      if (typeof v !== 'string' || v.length > 40 || !label.test(v)) continue;
      const row = r + view.top;
      if (skip?.(row, c + view.left)) continue;
      for (let k = c + 1; k <= Math.min(line.length - 1, c + 3); k++) {
        const col = k + view.left;
        const f = figure(view.name, row, col);
        if (f.kind !== 'number' || f.value === null) continue;
        const fraction = f.percent || readNumberFormat(view.numberFormat(row, col)).percent || Math.abs(f.value) < 0.3;
        return { row, col, percent: round(fraction ? f.value * 100 : f.value, 6) };
      }
    }
  }
  return null;
}
