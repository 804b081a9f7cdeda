/**
 * `plancheck check` of one workbook, as the single-file command and the folder check's workers both
 * run it: the pane's check (src/app/pipeline.ts) and its acceptances, in the command line's words,
 * and, for a report, the evidence of it. A workbook that cannot be used is a record with its
 * sentence, never a thrown error, so one damaged file in a folder leaves the rest to be checked.
 */
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';

import type { JudgedFinding } from '../engine/accepted';
import { buildEvidence, type Evidence } from '../engine/evidence';
import { countBySeverity, sortFindings } from '../engine/findings';
import type { WorkbookSnapshot } from '../engine/grid';
import { PortError } from '../engine/port';
import type { Settings } from '../engine/settings';
import type { FoundTable } from '../engine/tables';
import { ENGINE } from '../app/engine';
import { splitFindings } from '../app/evidence';
import { checkSnapshot } from '../app/pipeline';
import { openForReading, type WorkbookReader } from '../xlsx/stream';
import { UsageError } from './args';
import { wellShaped } from './config';
import { inCommandLineWords } from './wording';

/** One check's findings, split as the command line shows them. */
export interface Checked {
  tables: FoundTable[];
  judged: Record<string, number>;
  /** Every finding, accepted ones marked, in the command line's words. */
  all: JudgedFinding[];
  /** The findings still open: they decide the exit status. */
  open: JudgedFinding[];
  accepted: (JudgedFinding & { accepted: NonNullable<JudgedFinding['accepted']> })[];
  /** Acceptances that were ignored, in sentences. */
  problems: string[];
  hiddenSheets: string[];
}

export function checkWorkbook(wb: WorkbookSnapshot, settings: Settings, config: Settings): Checked {
  const { read, judged, raw } = checkSnapshot(ENGINE, wb, settings);
  const split = splitFindings(raw, settings, read.tables);
  return {
    tables: read.tables,
    judged,
    all: inCommandLineWords(split.all, config),
    open: inCommandLineWords(split.open, config),
    accepted: inCommandLineWords(split.accepted, config) as Checked['accepted'],
    problems: split.problems,
    hiddenSheets: read.hiddenSheets ?? [],
  };
}

/** The settings a workbook is checked with: its own (well shaped), the config's over them. */
export async function settingsOf(reader: Pick<WorkbookReader, 'loadSettings'>, config: Settings): Promise<Settings> {
  return { ...wellShaped(await reader.loadSettings()), ...config };
}

/** The version in package.json, for the evidence report. */
export async function plancheckVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await fs.readFile(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The evidence of one check: the file as opened (its SHA-256), the settings, tables, rules and findings. */
export function evidenceOfCheck(
  name: string,
  bytes: Uint8Array,
  settings: Settings,
  checked: Checked,
  version: string,
): Evidence {
  return buildEvidence({
    workbook: {
      name,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      source: 'saved-file',
    },
    checkedAt: new Date().toISOString(),
    version,
    settings,
    tables: checked.tables,
    judged: checked.judged,
    findings: checked.all,
    problems: checked.problems,
  });
}

/** What checking one workbook of several gives: printed as a line, or as one JSON record. */
export interface CheckRecord {
  /** The path as named (or found in the folder). */
  file: string;
  workbook: string;
  /** 0 no error, 1 errors, 2 not checked (the sentence in `error`). */
  exit: 0 | 1 | 2;
  error?: string;
  tables?: { sheet: string; range: string; kind: string }[];
  hiddenSheets?: string[];
  counts?: { errors: number; warnings: number; notes: number; accepted: number };
  findings?: JudgedFinding[];
  problems?: string[];
  /** Only when a report was asked for. */
  evidence?: Evidence;
  ms: number;
}

/** Checks one workbook file; whatever goes wrong becomes the record's sentence and exit 2. */
export async function checkOne(
  file: string,
  config: Settings,
  options: { evidence: boolean; version: string },
): Promise<CheckRecord> {
  const t0 = Date.now();
  const workbook = path.basename(file);
  try {
    const reader = await openForReading(file);
    const settings = await settingsOf(reader, config);
    const wb = await reader.read();
    wb.name = workbook;
    const checked = checkWorkbook(wb, settings, config);
    const c = countBySeverity(checked.open);
    const bytes = options.evidence ? ((await reader.fileBytes?.())?.bytes ?? (await fs.readFile(file))) : null;
    return {
      file,
      workbook,
      exit: c.error > 0 ? 1 : 0,
      tables: checked.tables.map((t) => ({ sheet: t.sheet, range: t.range, kind: t.kind })),
      hiddenSheets: checked.hiddenSheets,
      counts: { errors: c.error, warnings: c.warning, notes: c.info, accepted: checked.accepted.length },
      findings: sortFindings(checked.all),
      problems: checked.problems,
      ...(bytes ? { evidence: evidenceOfCheck(workbook, bytes, settings, checked, options.version) } : {}),
      ms: Date.now() - t0,
    };
  } catch (e) {
    const known = e instanceof PortError || e instanceof UsageError;
    const message = e instanceof Error ? e.message : String(e);
    const error = known ? message : `check could not finish on ${file}: ${message.replace(/[.\s]+$/, '')}.`;
    return { file, workbook, exit: 2, error, ms: Date.now() - t0 };
  }
}
