/**
 * What the reader found, told: one table as the CLI's --json and the pane list it, and every table
 * as lines of text for a terminal.
 */
import { commonYearSpelling, spellYear } from '../say';
import type { ColumnRole, FoundTable, TableKind } from './types';
import { TABLE_KIND_NAMES } from './types';

/** One table, as the CLI's --json and the pane list it. */
export function tableSummary(t: FoundTable): {
  sheet: string;
  range: string;
  kind: TableKind;
  title: string | null;
  unit: string | null;
  headerRows: number[];
  columns: { letter: string; header: string; role: ColumnRole; year: string | null }[];
  years: string[];
  lines: number;
  totalRows: number[];
  mapped: boolean;
} {
  // The years in one spelling, the table's own ("2024-25" where its headers say so).
  const spelling = commonYearSpelling(t.columns.filter((c) => c.year).map((c) => c.header));
  const years: string[] = [];
  for (const c of t.columns) {
    const y = c.year ? spellYear(c.year.start, spelling) : null;
    if (y && !years.includes(y)) years.push(y);
  }
  return {
    sheet: t.sheet,
    range: t.range,
    kind: t.kind,
    title: t.title ?? null,
    unit: t.unit.label,
    headerRows: t.headerRows.map((r) => r + 1),
    columns: t.columns.map((c) => ({ letter: c.letter, header: c.header, role: c.role, year: c.year?.label ?? null })),
    years,
    lines: t.rows.filter((r) => r.role === 'line').length,
    totalRows: t.rows.filter((r) => r.role === 'total').map((r) => r.row + 1),
    mapped: t.mapped ?? false,
  };
}

/** What the reader found, as lines of text for a terminal. */
export function describeTables(read: { tables: FoundTable[] }): string {
  return read.tables
    .map((t) => {
      const s = tableSummary(t);
      const roles = s.columns
        .filter((c) => c.role !== 'ignore')
        .map((c) => `${c.letter} ${c.role}${c.year ? ` ${c.year}` : ''}`)
        .join(', ');
      const head = `${s.sheet}!${s.range}  ${TABLE_KIND_NAMES[s.kind]}${s.title ? `  "${s.title}"` : ''}`;
      const facts = [
        `unit ${s.unit ?? 'not stated'}`,
        `header row${s.headerRows.length > 1 ? 's' : ''} ${s.headerRows.join(', ')}`,
        `${s.lines} line${s.lines === 1 ? '' : 's'}`,
        s.totalRows.length > 0
          ? `total row${s.totalRows.length > 1 ? 's' : ''} ${s.totalRows.join(', ')}`
          : 'no total row',
        s.years.length > 0 ? `years ${s.years.join(', ')}` : '',
        s.mapped ? 'as you mapped it' : '',
      ].filter(Boolean);
      return `${head}\n  ${facts.join('; ')}\n  columns: ${roles}`;
    })
    .join('\n');
}
