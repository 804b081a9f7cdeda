/**
 * A generated table's preview as the inserted table will show it: each figure under the number
 * format of its own cell in the table spec ("(4,000)" under "#,##0;(#,##0)", "-3.3%" under "0.0%"),
 * so the preview and the sheet say the same thing.
 */
import { summaryLines } from '../engine/generate/summary';
import type { CellSpec, TableSpec } from '../engine/spec';
import { formatFigure } from '../engine/numbers';
import type { GeneratedLike } from './contract';
import { formatCellValue } from './numberFormat';

/** A value with no cell to follow: figures grouped (1,235), small ones to two decimals. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number')
    return Number.isFinite(v) ? formatFigure(v, { decimals: Number.isInteger(v) || Math.abs(v) >= 100 ? 0 : 2 }) : '';
  return String(v);
}

/** The spec's rows as label -> the number cells after it, in order. */
function specRows(spec: TableSpec): { label: string; cells: CellSpec[] }[] {
  const out: { label: string; cells: CellSpec[] }[] = [];
  for (const row of spec.cells) {
    const first = row.findIndex((c) => c !== null && typeof c.value === 'string' && c.value.trim() !== '');
    if (first < 0) continue;
    const label = String(row[first]!.value);
    const cells = row.slice(first + 1).filter((c): c is CellSpec => c !== null && typeof c.value === 'number');
    out.push({ label, cells });
  }
  return out;
}

/** Preview rows with each value as its cell in the spec shows it (as plain text where no cell matches). */
export function previewRows(
  spec: TableSpec,
  rows: { label: unknown; values: unknown[] }[],
): { label: string; values: string[] }[] {
  const byLabel = specRows(spec);
  const used = new Set<number>();
  return rows.map((r) => {
    const label = cellText(r.label);
    const at = byLabel.findIndex((s, i) => !used.has(i) && s.label === label);
    if (at >= 0) used.add(at);
    const cells = at >= 0 ? [...byLabel[at].cells] : [];
    const values = r.values.map((v) => {
      if (typeof v !== 'number') return cellText(v);
      const k = cells.findIndex((c) => c.value === v);
      if (k < 0) return cellText(v);
      const cell = cells.splice(0, k + 1)[k];
      return cell.numberFormat ? formatCellValue(v, cell.numberFormat) : cellText(v);
    });
    return { label, values };
  });
}

/**
 * A generated table as the Generate tab's preview and `plancheck project` show it: its columns,
 * each row's figures as the inserted table will show them, and its summary in words.
 */
export function tablePreview(built: GeneratedLike): {
  columns: string[];
  rows: { label: string; values: string[] }[];
  summary: { name: string; value: string }[];
} {
  return {
    columns: built.columns.map(String),
    rows: previewRows(built.spec, built.rows),
    summary: summaryLines(built.summary, built.units),
  };
}
