/**
 * What the pane shows of the controller's answers: findings grouped by sheet and table (errors
 * first), the tables found, a generated table's preview, and how a value prints. Plain data and
 * pure functions; the controller builds them, the task pane draws them.
 */
import { parseA1 } from '../engine/grid';
import { SEVERITY_ORDER, type Finding, type Severity } from '../engine/findings';
import type { FigureStyle } from '../engine/say';
import type { Acceptance } from '../engine/accepted';
import type { TableMapping } from '../engine/settings';
import type { FoundTable } from '../engine/tables';

export interface FindingGroup {
  key: string;
  sheet: string;
  /** The table's range, or undefined for findings outside any table. */
  table?: string;
  findings: Finding[];
  /** How the table prints its figures (its unit, brackets for negatives), for the findings' figures. */
  style?: FigureStyle;
}

export interface ValidationView {
  workbook: string;
  tables: number;
  /** The open findings (accepted ones are in `accepted`). */
  findings: Finding[];
  /** Findings accepted with a reason, set apart: not counted, not highlighted. */
  accepted: (Finding & { accepted: Acceptance })[];
  /** The accepted findings by sheet and table, each table's figure style with them (as `groups`). */
  acceptedGroups: FindingGroup[];
  counts: Record<Severity, number>;
  groups: FindingGroup[];
  /** Set when only one table was checked: its "Sheet!B4:M52". */
  scope?: string;
}

export interface TableView {
  id: string;
  sheet: string;
  range: string;
  kind: string;
  title?: string;
  /** 1-based sheet row numbers. */
  headerRows: number[];
  columns: { letter: string; header: string; role: string }[];
  mapped: boolean;
}

export interface TablesView {
  tables: TableView[];
  mappings: TableMapping[];
}

export interface GeneratedView {
  title: string;
  columns: string[];
  rows: { label: string; values: string[] }[];
  summary: { name: string; value: string }[];
}

/** Groups findings by sheet, then by table (findings keep their order within a group). */
export function groupFindings(
  findings: Finding[],
  tables: Pick<FoundTable, 'id' | 'sheet' | 'range'>[] = [],
  styles: Record<string, FigureStyle> = {},
): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const table = f.table ? f.table.slice(f.table.lastIndexOf('!') + 1) : tableAt(f, tables);
    const key = `${f.sheet}|${table ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, sheet: f.sheet, table, findings: [] };
      const style = table ? styles[`${f.sheet}!${table}`] : undefined;
      if (style) g.style = style;
      groups.set(key, g);
    }
    g.findings.push(f);
  }
  // Errors first across all tables: a table with an error before any with only warnings or notes.
  return [...groups.values()].sort(
    (a, b) => worstOf(a) - worstOf(b) || a.sheet.localeCompare(b.sheet) || (a.table ?? '').localeCompare(b.table ?? ''),
  );
}

/** The groups with only the findings of the severities shown; groups left empty are dropped. */
export function filterGroups(groups: FindingGroup[], shown: ReadonlySet<Severity>): FindingGroup[] {
  return groups
    .map((g) => ({ ...g, findings: g.findings.filter((f) => shown.has(f.severity)) }))
    .filter((g) => g.findings.length > 0)
    .sort((a, b) => worstOf(a) - worstOf(b));
}

/** The most severe level in a group (0 for an error). */
function worstOf(g: FindingGroup): number {
  return Math.min(...g.findings.map((f) => SEVERITY_ORDER[f.severity]));
}

export function tableAt(
  f: Pick<Finding, 'sheet' | 'cell'>,
  tables: Pick<FoundTable, 'sheet' | 'range'>[],
): string | undefined {
  const cell = parseA1(f.cell.split(':')[0]);
  if (!cell) return undefined;
  for (const t of tables) {
    if (t.sheet !== f.sheet) continue;
    const [a, b] = t.range.split(':');
    const tl = parseA1(a);
    const br = parseA1(b ?? a);
    if (tl && br && cell.row >= tl.row && cell.row <= br.row && cell.col >= tl.col && cell.col <= br.col)
      return t.range;
  }
  return undefined;
}

export function tableView(t: FoundTable): TableView {
  return {
    id: t.id,
    sheet: t.sheet,
    range: t.range,
    kind: t.kind,
    title: t.title,
    headerRows: t.headerRows.map((r) => r + 1),
    columns: t.columns.map((c) => ({ letter: c.letter, header: c.header, role: c.role })),
    mapped: t.mapped ?? false,
  };
}

/** A value as the pane prints it. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    // Money in £000 prints whole, as the inserted table's number format shows it; small figures
    // (rates, ratios, £m) keep two decimals.
    return v.toLocaleString('en-GB', { maximumFractionDigits: Number.isInteger(v) || Math.abs(v) >= 100 ? 0 : 2 });
  }
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}
