/**
 * The app's side of accepted findings and the evidence report: a validation's findings split into
 * open and accepted, and the evidence page built from the last check. Pure functions over what the
 * controller already holds, so the pane, the browser page and their tests share them.
 */
import type { Acceptance, JudgedFinding } from '../engine/accepted';
import { applyAcceptances, isAccepted, openFindings } from '../engine/accepted';
import type { Evidence } from '../engine/evidence';
import { buildEvidence, evidenceHtml } from '../engine/evidence';
import type { Finding } from '../engine/findings';
import type { WorkbookFile } from '../engine/port';
import type { FigureStyle } from '../engine/say';
import type { Settings } from '../engine/settings';
import type { FoundTable } from '../engine/tables';

/** What one check found, kept for the evidence report and for accepting without reading again. */
export interface LastCheck {
  workbook: string;
  tables: FoundTable[];
  judged: Record<string, number>;
  /** Every finding, accepted or not, before acceptances were applied. */
  raw: Finding[];
  /** How each table ("Sheet!B4:M52") prints its figures, for saying a finding's figures as it does. */
  styles?: Record<string, FigureStyle>;
}

export interface SplitFindings {
  /** Every finding, in the order given, each accepted one carrying its acceptance. */
  all: JudgedFinding[];
  open: JudgedFinding[];
  accepted: (JudgedFinding & { accepted: Acceptance })[];
  /** Sentences about acceptance entries that were ignored. */
  problems: string[];
}

/** The findings of a check, open and accepted, under the settings' acceptances. */
export function splitFindings(raw: Finding[], settings: Settings, tables: FoundTable[]): SplitFindings {
  const { findings, problems } = applyAcceptances(raw, settings, tables);
  return {
    all: findings,
    open: openFindings(findings),
    accepted: findings.filter(isAccepted) as SplitFindings['accepted'],
    problems,
  };
}

/** SHA-256 of a file's bytes as hex, with the Web Crypto API (the browser's, or Node's). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The evidence of the last check, as data and as one self-contained HTML page. The file is the
 * port's (WorkbookPort.fileBytes), whose source the report states: what its SHA-256 is a hash of.
 */
export async function evidenceOf(
  check: LastCheck,
  settings: Settings,
  file: WorkbookFile | null,
  version: string,
  now: Date = new Date(),
): Promise<{ evidence: Evidence; html: string; fileName: string }> {
  const { findings, problems } = applyAcceptances(check.raw, settings, check.tables);
  const evidence = buildEvidence({
    workbook: {
      name: check.workbook,
      bytes: file?.bytes.length ?? 0,
      sha256: file ? await sha256Hex(file.bytes) : 'not available: the file could not be read from this host',
      source: file?.source ?? 'none',
    },
    checkedAt: now.toISOString(),
    version,
    settings,
    tables: check.tables,
    judged: check.judged,
    findings,
    problems,
  });
  const base = check.workbook.replace(/\.(xlsx|xlsm|xls)$/i, '') || 'workbook';
  return { evidence, html: evidenceHtml(evidence), fileName: `${base} - PlanCheck evidence.html` };
}
