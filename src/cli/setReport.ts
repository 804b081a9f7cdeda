/**
 * `plancheck check FOLDER --report SET.html`: one self-contained HTML page for a set of workbooks: a
 * summary table (each workbook, its SHA-256, its errors, warnings and notes, or why it was not
 * checked), then each workbook's own evidence report (src/engine/evidence.ts) as a section of the
 * page, each starting on a new printed page.
 */
import { escapeHtml, evidenceHtml } from '../engine/evidence';
import type { CheckRecord } from './checkOne';

/** The part of one evidence page between its <body> tags, and its styles. */
function parts(html: string): { style: string; body: string } {
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
  return { style, body };
}

export function setReportHtml(records: CheckRecord[], checkedAt: string, version: string): string {
  let style = '';
  const sections: string[] = [];
  const rows = records.map((r, i) => {
    const name = escapeHtml(r.file);
    if (r.exit === 2 || !r.counts) {
      return `<tr><td>${name}</td><td colspan="4">Not checked: ${escapeHtml(r.error ?? '')}</td></tr>`;
    }
    const sha = r.evidence ? escapeHtml(r.evidence.workbook.sha256) : '';
    if (r.evidence) {
      const p = parts(evidenceHtml(r.evidence));
      style = style || p.style;
      sections.push(`<section id="wb${i}" class="workbook"><p class="file">${name}</p>${p.body}</section>`);
    }
    const c = r.counts;
    return (
      `<tr><td><a href="#wb${i}">${name}</a></td><td class="sha">${sha}</td>` +
      `<td class="num">${c.errors}</td><td class="num">${c.warnings}</td><td class="num">${c.notes}</td></tr>`
    );
  });
  const checked = records.filter((r) => r.exit !== 2).length;
  const withErrors = records.filter((r) => r.exit === 1).length;
  const when = checkedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>PlanCheck evidence: ${records.length} workbooks</title>
<style>${style}
  section.workbook { page-break-before: always; border-top: 3px solid #444; margin-top: 3em; padding-top: 1em; }
  p.file { color: #555; margin: 0 0 .5em; } td.sha { font-family: Consolas, monospace; font-size: 8pt; word-break: break-all; }
</style>
</head>
<body>
<h1>PlanCheck evidence for ${records.length} workbook${records.length === 1 ? '' : 's'}</h1>
<p>Checked ${when} by PlanCheck ${escapeHtml(version)}: ${checked} checked, ${withErrors} with errors, ${records.length - checked} could not be checked.</p>
<table><thead><tr><th>Workbook</th><th>SHA-256 of the file as saved</th><th>Errors</th><th>Warnings</th><th>Notes</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>
${sections.join('\n')}
</body>
</html>
`;
}
