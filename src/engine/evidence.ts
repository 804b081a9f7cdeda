/**
 * The evidence report: a record of one check of one workbook, for the budget papers or for audit
 * (the chief finance officer's report on the robustness of the estimates, section 25 of the Local
 * Government Act 2003). What file (name, size, SHA-256, and what that hash is of: the file as saved,
 * or the document as Excel hands it to add-ins), when, which PlanCheck, with what settings,
 * which tables were read (and which were mapped by hand), every rule run and how many figures it
 * judged, the findings by level with their figures and cells, and the accepted findings with their
 * reasons and initials.
 *
 * One data shape (the JSON report) and one HTML rendering of it, shared by the CLI and the pages.
 * The HTML is one self-contained file: inline styles, no script, no request to anywhere.
 */
import type { JudgedFinding } from './accepted';
import { isAccepted } from './accepted';
import type { Finding } from './findings';
import { sortFindings } from './findings';
import { formatFigure } from './numbers';
import type { FileSource } from './port';
import { ruleName } from './rules';
import type { Settings } from './settings';
import { settingsInWords } from './settingsWords';
import type { FoundTable } from './tables/types';
import { TABLE_KIND_NAMES } from './tables/types';

/** What each rule checks, in the words of the report. */
export const RULE_TITLES: Record<string, string> = {
  'figures.unreadable': 'Figures that cannot be read (typos, error values, words where figures belong)',
  'funding.sum': "Each line's funding sources add up to its cash limit, each year",
  'funding.net-above-gross': 'Net within gross',
  'funding.uplift': 'Year-on-year rise within inflation plus growth',
  'totals.column': 'Column totals equal their lines',
  'totals.subtotal': 'Subtotals equal their lines',
  'totals.row': 'Row totals equal their figures',
  'totals.spend-funding': 'Spend equals funding',
  'savings.envelope': 'Financial envelope = budget + savings',
  'savings.percent': 'Reduction percentages',
  'costbenefit.running-return': 'Running return of a cost/benefit table',
  'costbenefit.ratio': 'Benefit ratio of a cost/benefit table',
  cashlimit: "The plan within the council's cash limit",
  'formulas.typed-number': 'Numbers typed into total formulas',
  'formulas.sum-leaves-out': 'Total formulas that leave out rows',
  'formulas.double-count': 'Total formulas that count a subtotal twice',
  'formulas.typed-total': 'Totals typed among formulas',
  'formulas.inconsistent': 'Total formulas unlike their neighbours',
};

/** What the size and SHA-256 are of: where the port's bytes came from, or 'none' where the host gave none. */
export type HashSource = FileSource | 'none';

/**
 * What the size and SHA-256 are of, in words a finance officer or an auditor reads in the report
 * (HTML and JSON alike). Only 'saved-file' hashes match a hash of the saved file itself.
 */
export const HASH_OF: Record<HashSource, string> = {
  'saved-file':
    'The file as saved: the workbook file exactly as it was opened, before any change by PlanCheck. ' +
    'Hashing that file (Get-FileHash on Windows, shasum -a 256 on a Mac) gives the same SHA-256.',
  'excel-document':
    'The document as Excel hands it to add-ins (Office getFileAsync), not the saved file. Excel writes this ' +
    "copy afresh, with any changes since the workbook was last saved (PlanCheck's highlights among them), so " +
    'it can differ from the saved file byte for byte, and this SHA-256 will not match a hash of the saved file. ' +
    "For the saved file's own SHA-256, check the saved file with PlanCheck's browser page or command line.",
  none: 'Nothing: this host could not give PlanCheck the workbook file, so the report has no size or SHA-256.',
};

export interface EvidenceInput {
  /** The file's name, size and SHA-256, and what they are of (HASH_OF). */
  workbook: { name: string; bytes: number; sha256: string; source: HashSource };
  /** When the check ran (ISO 8601). */
  checkedAt: string;
  version: string;
  settings: Settings;
  tables: FoundTable[];
  judged: Record<string, number>;
  findings: JudgedFinding[];
  /** Sentences about acceptance entries that were ignored. */
  problems?: string[];
}

export type EvidenceFinding = Pick<
  Finding,
  'rule' | 'severity' | 'sheet' | 'cell' | 'message' | 'expected' | 'actual' | 'difference' | 'related'
> & { accepted?: { reason: string; by: string; on: string } };

/** The report as data: what `--report FILE.json` writes. */
export interface Evidence {
  report: 'PlanCheck evidence of a check';
  plancheck: { version: string };
  workbook: {
    name: string;
    bytes: number;
    sha256: string;
    /** What the size and SHA-256 are of: 'saved-file', 'excel-document', or 'none'. */
    source: HashSource;
    /** The same in words, for whoever reads the report (HASH_OF). */
    hashOf: string;
  };
  checkedAt: string;
  /** The settings used, without the accepted list (given below with each finding). */
  settings: Omit<Settings, 'accepted'>;
  tables: {
    sheet: string;
    range: string;
    kind: string;
    title: string | null;
    unit: string | null;
    mappedByHand: boolean;
  }[];
  rules: { rule: string; title: string; judged: number; findings: number }[];
  summary: { errors: number; warnings: number; notes: number; accepted: number };
  findings: { errors: EvidenceFinding[]; warnings: EvidenceFinding[]; notes: EvidenceFinding[] };
  accepted: EvidenceFinding[];
  problems: string[];
}

function plain(f: JudgedFinding): EvidenceFinding {
  const out: EvidenceFinding = { rule: f.rule, severity: f.severity, sheet: f.sheet, cell: f.cell, message: f.message };
  if (f.expected !== undefined) out.expected = f.expected;
  if (f.actual !== undefined) out.actual = f.actual;
  if (f.difference !== undefined) out.difference = f.difference;
  if (f.related && f.related.length > 0) out.related = f.related;
  if (f.accepted) out.accepted = f.accepted;
  return out;
}

export function buildEvidence(input: EvidenceInput): Evidence {
  const sorted = sortFindings(input.findings) as JudgedFinding[];
  const open = sorted.filter((f) => !isAccepted(f));
  const accepted = sorted.filter(isAccepted);
  const ruleOf = (r: string) =>
    r.startsWith('cashlimit') ? 'cashlimit' : r.startsWith('figures.') ? 'figures.unreadable' : r;
  const rules = Object.entries(input.judged)
    .filter(([, n]) => n > 0)
    .map(([rule, n]) => ({
      rule,
      title: RULE_TITLES[rule] ?? ruleName(rule),
      judged: n,
      findings: input.findings.filter((f) => ruleOf(f.rule) === rule || (f.also ?? []).includes(rule)).length,
    }));
  const { accepted: _omit, ...settings } = input.settings;
  void _omit;
  return {
    report: 'PlanCheck evidence of a check',
    plancheck: { version: input.version },
    workbook: { ...input.workbook, hashOf: HASH_OF[input.workbook.source] },
    checkedAt: input.checkedAt,
    settings,
    tables: input.tables.map((t) => ({
      sheet: t.sheet,
      range: t.range,
      kind: t.kind,
      title: t.title ?? null,
      unit: t.unit.label,
      mappedByHand: t.mapped === true,
    })),
    rules,
    summary: {
      errors: open.filter((f) => f.severity === 'error').length,
      warnings: open.filter((f) => f.severity === 'warning').length,
      notes: open.filter((f) => f.severity === 'info').length,
      accepted: accepted.length,
    },
    findings: {
      errors: open.filter((f) => f.severity === 'error').map(plain),
      warnings: open.filter((f) => f.severity === 'warning').map(plain),
      notes: open.filter((f) => f.severity === 'info').map(plain),
    },
    accepted: accepted.map(plain),
    problems: input.problems ?? [],
  };
}

/** Text for HTML: every character that could open markup is escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function figure(v: number | string | undefined): string {
  if (v === undefined) return '';
  return typeof v === 'number' ? formatFigure(v) : v;
}

function findingRows(list: EvidenceFinding[], withAcceptance: boolean): string {
  if (list.length === 0) return '<p class="none">None.</p>';
  const head = ['Cell', 'Finding', 'Expected', 'Actual', 'Difference', ...(withAcceptance ? ['Accepted'] : [])];
  const rows = list.map((f) => {
    const cells = [
      `<td class="cell">${escapeHtml(`${f.sheet}!${f.cell}`)}${f.related?.length ? `<div class="rel">with ${escapeHtml(f.related.join(', '))}</div>` : ''}</td>`,
      `<td>${escapeHtml(f.message)}<div class="rule">${escapeHtml(ruleName(f.rule))}</div></td>`,
      `<td class="num">${escapeHtml(figure(f.expected))}</td>`,
      `<td class="num">${escapeHtml(figure(f.actual))}</td>`,
      `<td class="num">${escapeHtml(figure(f.difference))}</td>`,
    ];
    if (withAcceptance && f.accepted) {
      cells.push(
        `<td>${escapeHtml(f.accepted.reason)}<div class="rule">${escapeHtml(f.accepted.by)}${f.accepted.on ? `, ${escapeHtml(f.accepted.on)}` : ''}</div></td>`,
      );
    }
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const list = (lines: string[]) => `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`;

/** The settings in sentences: "The defaults:" and each named when none was changed. */
function settingsHtml(settings: Evidence['settings']): string {
  const words = settingsInWords(settings);
  const parts =
    words.changed.length === 0
      ? [`<p>The defaults:</p>`, list(words.defaults)]
      : [
          `<p>Changed from the defaults:</p>`,
          list(words.changed),
          ...(words.defaults.length > 0 ? [`<p>Otherwise the defaults:</p>`, list(words.defaults)] : []),
        ];
  if (words.notUsed.length > 0)
    parts.push(`<p>Also kept with the workbook, not used by a check: ${escapeHtml(words.notUsed.join('; '))}.</p>`);
  return parts.join('\n');
}

/** The report as one self-contained HTML page that prints well (A4, tables kept readable). */
export function evidenceHtml(e: Evidence): string {
  const s = e.summary;
  const when = e.checkedAt
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC')
    .replace(/Z$/, ' UTC');
  const tables = e.tables
    .map(
      (t) =>
        `<tr><td>${escapeHtml(t.sheet)}</td><td>${escapeHtml(t.range)}</td><td>${escapeHtml(TABLE_KIND_NAMES[t.kind as keyof typeof TABLE_KIND_NAMES] ?? t.kind)}</td>` +
        `<td>${escapeHtml(t.title ?? '')}</td><td>${escapeHtml(t.unit ?? '')}</td><td>${t.mappedByHand ? 'by hand' : 'as read'}</td></tr>`,
    )
    .join('');
  const rules = e.rules
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.title)}</td><td class="num">${formatFigure(r.judged)}</td><td class="num">${r.findings}</td></tr>`,
    )
    .join('');
  const settings = settingsHtml(e.settings);
  const problems =
    e.problems.length > 0
      ? `<h2>Acceptances not used</h2><ul>${e.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`
      : '';
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>PlanCheck evidence: ${escapeHtml(e.workbook.name)}</title>
<style>
  body { font: 10.5pt/1.4 "Segoe UI", Arial, sans-serif; color: #1b1b1b; margin: 2em; }
  h1 { font-size: 16pt; margin: 0 0 .2em; } h2 { font-size: 12.5pt; margin: 1.6em 0 .4em; border-bottom: 1px solid #bbb; }
  table { border-collapse: collapse; width: 100%; margin: .3em 0; page-break-inside: auto; }
  th, td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; text-align: left; }
  th { background: #f0f0f0; } tr { page-break-inside: avoid; }
  td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  td.cell { white-space: nowrap; } .rule, .rel { color: #555; font-size: 8.5pt; } .rel { white-space: normal; overflow-wrap: anywhere; max-width: 14em; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; } dt { font-weight: 600; } dd { margin: 0; word-break: break-all; } dd.hash-of { word-break: normal; max-width: 46em; }
  .summary { font-size: 12pt; margin: .6em 0; } .none { color: #555; }
  @page { size: A4; margin: 15mm; } @media print { body { margin: 0; } h2 { page-break-after: avoid; } }
</style>
</head>
<body>
<h1>PlanCheck evidence of a check</h1>
<p class="summary">${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}, ${s.notes} note${s.notes === 1 ? '' : 's'}; ${s.accepted} accepted with a reason.</p>
<dl>
<dt>Workbook</dt><dd>${escapeHtml(e.workbook.name)}</dd>
<dt>Size</dt><dd>${formatFigure(e.workbook.bytes)} bytes</dd>
<dt>SHA-256</dt><dd><code>${escapeHtml(e.workbook.sha256)}</code></dd>
<dt>Size and SHA-256 of</dt><dd class="hash-of">${escapeHtml(e.workbook.hashOf)}</dd>
<dt>Checked</dt><dd>${escapeHtml(when)}</dd>
<dt>PlanCheck</dt><dd>version ${escapeHtml(e.plancheck.version)}</dd>
</dl>
<h2>Tables read</h2>
${e.tables.length === 0 ? '<p class="none">None.</p>' : `<table><thead><tr><th>Sheet</th><th>Range</th><th>Kind</th><th>Title</th><th>Unit</th><th>Mapped</th></tr></thead><tbody>${tables}</tbody></table>`}
<h2>Rules run</h2>
${e.rules.length === 0 ? '<p class="none">No figures were judged.</p>' : `<table><thead><tr><th>Rule</th><th>Figures judged</th><th>Findings</th></tr></thead><tbody>${rules}</tbody></table>`}
<h2>Errors</h2>
${findingRows(e.findings.errors, false)}
<h2>Warnings</h2>
${findingRows(e.findings.warnings, false)}
<h2>Notes</h2>
${findingRows(e.findings.notes, false)}
<h2>Accepted findings</h2>
${findingRows(e.accepted, true)}
${problems}
<h2>Settings used</h2>
${settings}
</body>
</html>
`;
}
