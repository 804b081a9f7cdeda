/**
 * Accepted findings: "we know, and here is why". A finding accepted with a reason and initials is
 * kept in the settings (so everyone who opens the workbook sees the same) and set apart from the
 * open findings: it no longer counts for the exit status or the summary's errors. An acceptance is
 * about the figures it saw: when they change, it lapses and the finding comes back, saying it was
 * accepted before at other figures.
 *
 * Every front end (pane, browser page, CLI) asks this one module.
 */
import type { Finding } from './findings';
import { parseA1 } from './grid';
import { formatFigure } from './numbers';
import type { AcceptedFinding, Settings } from './settings';
import type { FoundTable } from './tables/types';

export type { AcceptedFinding } from './settings';

/** The word of whoever accepted a finding. */
export interface Acceptance {
  reason: string;
  by: string;
  /** ISO date, "2026-12-02". */
  on: string;
}

/** A finding with its acceptance, where it has one. */
export type JudgedFinding = Finding & {
  /** Accepted, at these figures: set apart from the open findings. */
  accepted?: Acceptance;
  /** Accepted before at other figures: the acceptance lapsed and the finding is open again. */
  acceptedBefore?: Acceptance & { expected?: number | string; actual?: number | string };
};

export interface AcceptanceResult {
  findings: JudgedFinding[];
  /** One sentence per acceptance entry that was ignored (missing fields, a cell outside every table). */
  problems: string[];
}

const KEY = (f: { rule: string; sheet: string; cell: string }) => `${f.rule}|${f.sheet}|${f.cell.toUpperCase()}`;

function sameFigure(a: number | string | undefined, b: number | string | undefined): boolean {
  if (a === undefined || a === null) return b === undefined || b === null;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
  return String(a) === String(b);
}

function show(v: number | string | undefined): string {
  if (v === undefined) return 'none';
  return typeof v === 'number' ? formatFigure(v) : v;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

/** The acceptance entries of the settings that can be used, and a sentence for each that cannot. */
export function readAcceptances(
  settings: Settings,
  tables?: FoundTable[],
): { entries: AcceptedFinding[]; problems: string[] } {
  const raw: unknown = settings.accepted;
  if (raw === undefined) return { entries: [], problems: [] };
  if (!Array.isArray(raw)) {
    return {
      entries: [],
      problems: ['The accepted findings in the settings are not a list, so none of them were used.'],
    };
  }
  const entries: AcceptedFinding[] = [];
  const problems: string[] = [];
  raw.forEach((e: unknown, i) => {
    const where = `Accepted finding ${i + 1}`;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) {
      problems.push(
        `${where} is not an entry like {"rule", "sheet", "cell", "reason", "by", "on"}, so it was ignored.`,
      );
      return;
    }
    const o = e as Record<string, unknown>;
    const missing = ['rule', 'sheet', 'cell', 'reason', 'by'].filter((k) => text(o[k]) === '');
    if (missing.length > 0) {
      problems.push(`${where} has no ${missing.join(', ')}, so it was ignored.`);
      return;
    }
    const cell = text(o.cell).toUpperCase();
    const at = parseA1(cell);
    if (!at) {
      problems.push(`${where} names "${text(o.cell)}", which is not a cell, so it was ignored.`);
      return;
    }
    const sheet = text(o.sheet);
    if (
      tables &&
      !tables.some(
        (t) => t.sheet === sheet && at.row >= t.top && at.row <= t.bottom && at.col >= t.left && at.col <= t.right,
      )
    ) {
      problems.push(`${where}, for ${sheet}!${cell}, is outside every table PlanCheck read, so it was ignored.`);
      return;
    }
    const entry: AcceptedFinding = {
      rule: text(o.rule),
      sheet,
      cell,
      reason: text(o.reason),
      by: text(o.by),
      on: text(o.on),
    };
    if (typeof o.expected === 'number' || typeof o.expected === 'string') entry.expected = o.expected;
    if (typeof o.actual === 'number' || typeof o.actual === 'string') entry.actual = o.actual;
    entries.push(entry);
  });
  return { entries, problems };
}

/**
 * Marks each finding accepted (its acceptance's figures are the finding's) or lapsed (accepted
 * before at other figures, open again, the message saying so).
 */
export function applyAcceptances(findings: Finding[], settings: Settings, tables?: FoundTable[]): AcceptanceResult {
  const { entries, problems } = readAcceptances(settings, tables);
  const byKey = new Map(entries.map((e) => [KEY(e), e]));
  const out = findings.map((f): JudgedFinding => {
    const e = byKey.get(KEY(f));
    if (!e) return f;
    const word: Acceptance = { reason: e.reason, by: e.by, on: e.on };
    if (sameFigure(e.expected, f.expected) && sameFigure(e.actual, f.actual)) return { ...f, accepted: word };
    return {
      ...f,
      message:
        `${f.message} (accepted before by ${e.by}${e.on ? ` on ${e.on}` : ''} at other figures, expected ` +
        `${show(e.expected)} and actual ${show(e.actual)}: "${e.reason}")`,
      acceptedBefore: { ...word, expected: e.expected, actual: e.actual },
    };
  });
  return { findings: out, problems };
}

export function isAccepted(f: Finding): boolean {
  return (f as JudgedFinding).accepted !== undefined;
}

/** The open findings only: what counts for the exit status and the summary. */
export function openFindings<F extends Finding>(findings: F[]): F[] {
  return findings.filter((f) => !isAccepted(f));
}

/** The settings with a finding accepted (replacing any earlier acceptance of it). */
export function acceptFinding(settings: Settings, f: Finding, word: Acceptance): Settings {
  const reason = word.reason.trim();
  const by = word.by.trim();
  if (!reason) throw new Error('Say why the finding is accepted: a short reason.');
  if (!by) throw new Error('Give the initials of whoever accepts it.');
  const entry: AcceptedFinding = { rule: f.rule, sheet: f.sheet, cell: f.cell, reason, by, on: word.on };
  if (f.expected !== undefined) entry.expected = f.expected;
  if (f.actual !== undefined) entry.actual = f.actual;
  const rest = (Array.isArray(settings.accepted) ? settings.accepted : []).filter((e) => KEY(e) !== KEY(f));
  return { ...settings, accepted: [...rest, entry] };
}

/** The settings with a finding's acceptance taken back. */
export function reopenFinding(settings: Settings, f: Finding): Settings {
  const rest = (Array.isArray(settings.accepted) ? settings.accepted : []).filter((e) => KEY(e) !== KEY(f));
  return { ...settings, accepted: rest };
}
