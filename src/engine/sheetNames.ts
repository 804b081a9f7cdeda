import type { WorkbookSnapshot } from './grid';
import { PortError } from './port';
import type { TableSpec } from './spec';

/** "Validation report", or "Validation report (2)" when that sheet exists already. Excel's 31-character limit kept. */
export function uniqueSheetName(wb: Pick<WorkbookSnapshot, 'sheets'>, base: string): string {
  const taken = new Set(wb.sheets.map((s) => s.name.toLowerCase()));
  const clean = base.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  if (!taken.has(clean.toLowerCase())) return clean;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = clean.slice(0, 31 - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** True for text Excel reads as a cell: A1 style up to XFD1048576, or R1C1 style (R, C, R2, C3, R2C3). */
function readsAsCell(name: string): boolean {
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (a1) {
    const col = [...a1[1].toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const row = Number(a1[2]);
    if (col <= 16384 && row >= 1 && row <= 1048576) return true;
  }
  return /^[Rr]\d*([Cc]\d*)?$/.test(name) || /^[Cc]\d*$/.test(name);
}

/**
 * Whether Excel takes this as the name of a table or a defined name: a letter, "_" or "\" first,
 * then letters, digits, "_", "." or "\", at most 255 characters, and not something Excel would
 * read as a cell (Q1, FY24, R1C1).
 */
export function isExcelName(name: string): boolean {
  return /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) && name.length <= 255 && !readsAsCell(name);
}

/** "PlanCheckFindings", or "PlanCheckFindings2" when a table or defined name has it (names compare without case). */
export function uniqueName(taken: Iterable<string>, base: string): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}${n}`.toLowerCase())) return `${base}${n}`;
}

/** The table name and defined names a spec asks for (one namespace in Excel). */
export function namesOf(spec: TableSpec): string[] {
  return [...(spec.excelTable ? [spec.excelTable.name] : []), ...(spec.names ?? []).map((n) => n.name)];
}

/**
 * Refuses, before anything is written, a spec that asks for the same name twice or for a name Excel
 * does not take; both ports say it in the same words.
 */
export function refuseOddNames(spec: TableSpec): void {
  const wanted = namesOf(spec);
  const twice = wanted.filter((n, i) => wanted.findIndex((m) => m.toLowerCase() === n.toLowerCase()) !== i);
  if (twice.length > 0) {
    throw new PortError(
      `${spec.title} would use the name ${twice[0]} twice (tables and named ranges share one list of names), so nothing was written.`,
      'ItemAlreadyExists',
    );
  }
  const odd = wanted.find((n) => !isExcelName(n));
  if (odd !== undefined) {
    throw new PortError(
      `${spec.title} was not written: Excel does not take "${odd}" as the name of a table or a range ` +
        '(it reads as a cell, or has a space or a sign Excel refuses).',
      'InvalidArgument',
    );
  }
}

/** Refuses a spec whose table or range names the workbook already has (`taken`, any case), naming them. */
export function refuseTakenNames(spec: TableSpec, taken: Iterable<string>): void {
  const have = new Set([...taken].map((n) => n.toLowerCase()));
  const clash = namesOf(spec).filter((n) => have.has(n.toLowerCase()));
  if (clash.length === 0) return;
  const what = (n: string): string =>
    n === spec.excelTable?.name ? `a table called "${n}"` : `the named range "${n}"`;
  throw new NamesTakenError(
    clash,
    `${spec.title} was not written: it needs ${clash.map(what).join(' and ')}, and the workbook already ` +
      `has a table or a named range called that (they share one list of names). Rename or remove ${clash.length > 1 ? 'them' : 'it'}, then try again.`,
  );
}

/** A write refused because the workbook has a table or named range of a name the spec asks for. */
export class NamesTakenError extends PortError {
  constructor(
    /** The spec's names the workbook has already. */
    readonly names: string[],
    message: string,
  ) {
    super(message, 'ItemAlreadyExists');
    this.name = 'NamesTakenError';
  }
}

/**
 * The spec with each of its table and range names that is in `taken` (any case) renamed to a free
 * one ("Budget_Lines2"), its formulas following; and what was renamed, old to new.
 */
export function withFreeNames(
  spec: TableSpec,
  taken: Iterable<string>,
): { spec: TableSpec; renamed: [string, string][] } {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const own = namesOf(spec);
  const renamed: [string, string][] = [];
  for (const name of own) {
    if (!used.has(name.toLowerCase())) continue;
    const free = uniqueName([...used, ...own, ...renamed.map(([, to]) => to)], name);
    renamed.push([name, free]);
  }
  if (renamed.length === 0) return { spec, renamed };
  const map = new Map(renamed.map(([from, to]) => [from.toLowerCase(), to]));
  const rename = (n: string): string => map.get(n.toLowerCase()) ?? n;
  // A name in a formula: not inside quotes (text, or a quoted sheet name), not part of a longer name, not a sheet name before "!".
  const token = new RegExp(
    `("[^"]*"|'(?:[^']|'')*')|(?<![A-Za-z0-9_.\\\\])(${renamed.map(([from]) => from.replace(/[.\\]/g, '\\$&')).join('|')})(?![A-Za-z0-9_.\\\\!(])`,
    'gi',
  );
  const inFormula = (f: string): string =>
    f.replace(token, (m, quoted: string | undefined, name: string) => (quoted ? m : rename(name)));
  return {
    renamed,
    spec: {
      ...spec,
      cells: spec.cells.map((row) => row.map((c) => (c?.formula ? { ...c, formula: inFormula(c.formula) } : c))),
      excelTable: spec.excelTable && { ...spec.excelTable, name: rename(spec.excelTable.name) },
      names: spec.names?.map((n) => ({ ...n, name: rename(n.name) })),
    },
  };
}
