/**
 * The "Validation report" sheet: every finding, each linked to its cell, as a table spec a
 * port writes on a new sheet. Shared by the task pane and the CLI's --out.
 */
import { quoteSheet, type WorkbookSnapshot } from './grid';
import type { Finding, Severity } from './findings';
import { countBySeverity, sortFindings } from './findings';
import type { CellSpec, TableSpec } from './spec';
import { fx, val } from './spec';
import { ruleName } from './rules';
import { uniqueName, uniqueSheetName } from './sheetNames';

/** Mark colours by severity: soft enough to read the figure through. */
export const SEVERITY_COLORS: Record<Severity, string> = {
  error: '#F8B4B4',
  warning: '#FCE3A6',
  info: '#CFE3F7',
};

export const REPORT_SHEET = 'Validation report';

/** Severities as the pane names them. */
const SEVERITY_WORDS: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Note' };

/**
 * The report for a workbook, as the pane and the CLI insert it: on a new sheet whose name is free
 * ("Validation report (2)" after the first), its Excel table under a name no table or defined
 * name has yet ("PlanCheckFindings2"), so a second report is never refused.
 */
export function reportFor(wb: Pick<WorkbookSnapshot, 'name' | 'sheets' | 'names'>, findings: Finding[]): TableSpec {
  const spec = buildReportSpec(wb.name, findings, uniqueSheetName(wb, REPORT_SHEET));
  if (spec.excelTable) {
    const taken = [...wb.sheets.flatMap((s) => (s.tables ?? []).map((t) => t.name)), ...wb.names.map((n) => n.name)];
    spec.excelTable.name = uniqueName(taken, spec.excelTable.name);
  }
  return spec;
}

/** Builds the report sheet for a set of findings. `sheetName` must not exist yet. */
export function buildReportSpec(workbookName: string, findings: Finding[], sheetName = REPORT_SHEET): TableSpec {
  const sorted = sortFindings(findings);
  const counts = countBySeverity(findings);
  const header = ['Severity', 'Sheet', 'Cell', 'Rule', 'Finding', 'Expected', 'Actual', 'Difference'];
  const bold = { bold: true };
  const rows: (CellSpec | null)[][] = [
    [val(`PlanCheck validation of ${workbookName}`, bold)],
    [
      val(
        `${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ` +
          `${counts.info} note${counts.info === 1 ? '' : 's'}. Click a cell reference to go to it.`,
      ),
    ],
    [],
    header.map((h) => val(h, bold)),
  ];
  for (const f of sorted) {
    const target = `#${quoteSheet(f.sheet)}!${f.cell}`;
    rows.push([
      val(SEVERITY_WORDS[f.severity], { fill: SEVERITY_COLORS[f.severity] }),
      val(f.sheet),
      fx(`HYPERLINK("${target.replace(/"/g, '""')}","${f.cell}")`, f.cell),
      val(ruleName(f.rule)),
      val(f.message),
      val(f.expected ?? null),
      val(f.actual ?? null),
      val(f.difference ?? null),
    ]);
  }
  const headerRow = 3;
  const spec: TableSpec = {
    title: 'Validation report',
    anchor: { sheet: sheetName, row: 0, col: 0 },
    newSheet: true,
    cells: rows,
    columnWidths: [10, 22, 8, 26, 90, 12, 12, 12],
  };
  if (sorted.length > 0) {
    spec.excelTable = {
      name: 'PlanCheckFindings',
      top: headerRow,
      left: 0,
      bottom: headerRow + sorted.length,
      right: 7,
    };
  }
  return spec;
}
