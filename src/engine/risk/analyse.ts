/**
 * Scores every risk register the reader found and checks what the register states.
 *
 * Rules (ids, severity, where):
 * - risk.score (error): a stated score that is not likelihood × impact; at the stated score.
 * - risk.rating (error when the settings name the matrix, else warning, since the council's band
 *   edges may differ from the preset's): a stated rating that is not the band of the score; free
 *   text after the band ("Low. Partnership Boards monitor...") is ignored. A rating that names no
 *   band is a warning. When most ratings of a register disagree on a matrix PlanCheck chose, one
 *   info says how to give the council's own bands.
 * - risk.level (error): a likelihood or impact that is not a level of the matrix ("7" on a 5x5);
 *   (warning) a register whose scale does not fit the matrix in the settings (see levels.ts).
 * - risk.unscorable (warning): a blank likelihood or impact, at the blank cell: the risk is not scored,
 *   never guessed. A register with no likelihood or no impact column at all (Birmingham 2008 gives
 *   probability only) gets one warning per risk at the risk's description cell, with what the row
 *   does give ("Risk 3 (Staff will not react well to changes) cannot be scored: the register gives
 *   its probability (M) but no impact"), so each risk can be found and marked; and one info at the
 *   register's header saying which column to add. Each risk also carries the reason (Risk.unscorable)
 *   and the ranked list shows it.
 * - risk.owner (warning): a blank owner where the register has an owner column; a register with no
 *   owner column gets one info at its header (every risk needs an owner: Orange Book).
 * - risk.controls (warning): blank controls where there is a controls column; one info when none.
 * - risk.review-date (warning): a review or target date that has passed (Excel serial numbers or
 *   text dd/mm/yyyy, d/m/yy, yyyy-mm-dd, "31 March 2010"). Registers without a date column are not
 *   told off: many print none.
 * - risk.residual (error): a residual score above the inherent one; risk.target (warning): a target
 *   score above the residual (or inherent) one.
 * - risk.matrix (error): settings that do not make a valid matrix; the registers are then scored as
 *   if the settings named none.
 *
 * This module walks each register and its risks; one set of a risk's scores is read and checked in
 * scoreSet.ts (risk.level, risk.score, risk.rating and a set's blank levels), dates in dates.ts.
 */
import type { CellValue, WorkbookSnapshot } from '../grid';
import { a1, SheetView } from '../grid';
import type { Finding } from '../findings';
import type { Settings } from '../settings';
import type { FoundTable, ReadResult } from '../tables';
import { formatDate, parseDate, startOfDay } from './dates';
import { chooseMatrix, parseLevel, scaleFamily, type Axis, type ScaleFamily } from './levels';
import {
  matrixFromSettings,
  matrixTitle,
  NHS_5X5,
  RiskMatrixError,
  settingNamesMatrix,
  type RiskMatrix,
} from './matrix';
import {
  mapRegisterColumns,
  type RegisterColumns,
  type Risk,
  type RiskRegister,
  type RiskScores,
  type RiskSetName,
  type ScoreColumns,
} from './register';
import { missingColumnReason, numberOf, scoreSet, text, unscorableReason } from './scoreSet';

export { formatDate, parseDate } from './dates';

export interface RiskAnalysis {
  registers: RiskRegister[];
  findings: Finding[];
}

export interface AnalyseOptions {
  /** "Today" for review dates; default new Date(). */
  today?: Date;
}

export function analyseRisks(
  wb: WorkbookSnapshot,
  read: ReadResult,
  settings: Settings = {},
  options: AnalyseOptions = {},
): RiskAnalysis {
  const today = options.today ?? new Date();
  const findings: Finding[] = [];
  let configured: RiskMatrix = NHS_5X5;
  let named = settingNamesMatrix(settings.risk);
  let settingsProblem: string | null = null;
  try {
    configured = matrixFromSettings(settings.risk);
  } catch (e) {
    settingsProblem = e instanceof RiskMatrixError ? e.message : String(e);
    named = false;
  }
  const registers: RiskRegister[] = [];
  for (const table of read.tables) {
    if (table.kind !== 'risk-register') continue;
    const view = read.views?.[table.sheet] ?? viewOf(wb, table.sheet);
    if (!view) continue;
    if (settingsProblem !== null && registers.length === 0) {
      findings.push({
        rule: 'risk.matrix',
        severity: 'error',
        sheet: table.sheet,
        cell: a1(table.top, table.left),
        message: `The risk matrix set in Settings cannot be used, so PlanCheck chose one: ${settingsProblem}`,
        table: tableId(table),
      });
    }
    registers.push(analyseRegister(table, view, configured, named, today, findings));
  }
  return { registers, findings };
}

function viewOf(wb: WorkbookSnapshot, sheet: string): SheetView | null {
  const s = wb.sheets.find((x) => x.name === sheet);
  return s ? new SheetView(s) : null;
}

function tableId(table: FoundTable): string {
  return table.id || `${table.sheet}!${table.range}`;
}

/** Score cells that hold text (rating columns that carry numbers are read as scores). */
function mostlyNumbers(cells: CellValue[]): boolean {
  const filled = cells.filter((c) => text(c) !== '');
  return filled.length > 0 && filled.filter((c) => numberOf(c) !== null).length * 2 > filled.length;
}

function lineRows(table: FoundTable): number[] {
  return table.rows.filter((r) => r.role === 'line').map((r) => r.row);
}

function analyseRegister(
  table: FoundTable,
  view: SheetView,
  configured: RiskMatrix,
  named: boolean,
  today: Date,
  findings: Finding[],
): RiskRegister {
  const columns = mapRegisterColumns(table);
  const rows = lineRows(table);
  const get = (row: number, col: number | undefined): CellValue => (col === undefined ? null : view.value(row, col));
  // A "rating" column of numbers is the score.
  for (const set of [columns, columns.residual, columns.target]) {
    if (set && set.rating !== undefined && set.score === undefined) {
      if (mostlyNumbers(rows.map((r) => get(r, set.rating)))) {
        set.score = set.rating;
        delete set.rating;
      }
    }
  }
  const setCols: [RiskSetName, ScoreColumns][] = [['inherent', columns]];
  if (columns.residual) setCols.push(['residual', columns.residual]);
  if (columns.target) setCols.push(['target', columns.target]);

  const levelCells: CellValue[] = [];
  const ratingCells: CellValue[] = [];
  for (const r of rows) {
    for (const [, s] of setCols) {
      levelCells.push(get(r, s.likelihood), get(r, s.impact));
      ratingCells.push(get(r, s.rating));
    }
  }
  const choice = chooseMatrix(configured, named, levelCells, ratingCells);
  const matrix = choice.matrix;
  const family = scaleFamily(levelCells);
  const id = tableId(table);
  const headerRow = table.headerRows.length > 0 ? table.headerRows[table.headerRows.length - 1] : table.top;
  const topLeft = a1(table.headerRows[0] ?? table.top, table.left);
  const add = (f: Omit<Finding, 'sheet' | 'table'>) => findings.push({ ...f, sheet: table.sheet, table: id });
  const header = (col: number | undefined) => table.columns.find((c) => c.col === col)?.header.trim() || '';
  const strict = named && !choice.mismatch;

  if (choice.mismatch) add({ rule: 'risk.level', severity: 'warning', cell: topLeft, message: choice.mismatch });

  const risks: Risk[] = [];
  const where = `The register at ${table.sheet}!${table.range}`;
  const hasL = columns.likelihood !== undefined;
  const hasI = columns.impact !== undefined;
  let registerReason: string | undefined;
  if (!hasL || !hasI) {
    registerReason =
      hasL && !hasI
        ? `it gives ${header(columns.likelihood).toLowerCase() || 'likelihood'} but no impact`
        : hasI && !hasL
          ? `it gives ${header(columns.impact).toLowerCase() || 'impact'} but no likelihood`
          : 'it gives no likelihood or impact';
  }

  let position = 0;
  const ratingChecks = { checked: 0, differ: 0 };
  for (const row of rows) {
    const cellsOfRow = [
      columns.id,
      columns.description,
      columns.likelihood,
      columns.impact,
      columns.score,
      columns.rating,
      columns.owner,
      columns.controls,
    ];
    if (cellsOfRow.every((c) => text(get(row, c)) === '')) continue;
    position++;
    const idText = text(get(row, columns.id));
    const riskId = idText !== '' ? idText : String(position);
    const name = `Risk ${riskId}`;
    const desc = text(get(row, columns.description)) || text(get(row, firstTextColumn(table, columns)));
    const scored = (set: RiskSetName, cols: ScoreColumns): RiskScores =>
      scoreSet(set, cols, row, get, matrix, family, name, strict, add, ratingChecks, set === 'inherent');
    const main = scored('inherent', columns);
    const risk: Risk = {
      id: riskId,
      row: row + 1,
      description: desc,
      ...main,
      owner: text(get(row, columns.owner)) || null,
      controls: text(get(row, columns.controls)) || null,
      date: null,
    };
    if (main.score === null) {
      risk.unscorable = registerReason ?? unscorableReason(row, columns, get, matrix, family);
    }
    if (registerReason) {
      // The register lacks a likelihood or impact column: each risk says so, at its description.
      const descCol = columns.description ?? firstTextColumn(table, columns) ?? columns.id ?? table.left;
      const about = desc !== '' ? ` (${short(desc)})` : '';
      add({
        rule: 'risk.unscorable',
        severity: 'warning',
        cell: a1(row, descCol),
        message: `${name}${about} cannot be scored: ${missingColumnReason(row, columns, get, header)}`,
      });
    }
    if (columns.residual) risk.residual = scored('residual', columns.residual);
    if (columns.target) risk.target = scored('target', columns.target);

    // Residual above inherent; target above residual.
    const inherentScore = main.score ?? main.stated.score;
    const residualScore = risk.residual ? (risk.residual.score ?? risk.residual.stated.score) : null;
    if (risk.residual && inherentScore !== null && residualScore !== null && residualScore > inherentScore) {
      const cell = scoreCell(row, columns.residual as ScoreColumns);
      add({
        rule: 'risk.residual',
        severity: 'error',
        cell,
        message: `${name}'s residual score of ${residualScore} is above its inherent score of ${inherentScore}: controls should bring a risk down, not up`,
        expected: `at most ${inherentScore}`,
        actual: residualScore,
        difference: residualScore - inherentScore,
        related: [scoreCell(row, columns)],
      });
    }
    if (risk.target) {
      const base = residualScore ?? inherentScore;
      const targetScore = risk.target.score ?? risk.target.stated.score;
      if (base !== null && targetScore !== null && targetScore > base) {
        const which = residualScore !== null ? 'residual' : 'inherent';
        add({
          rule: 'risk.target',
          severity: 'warning',
          cell: scoreCell(row, columns.target as ScoreColumns),
          message: `${name}'s target score of ${targetScore} is above its ${which} score of ${base}: a target should be no worse than where the risk stands`,
          expected: `at most ${base}`,
          actual: targetScore,
          difference: targetScore - base,
        });
      }
    }

    // Owner and controls.
    if (columns.owner !== undefined && risk.owner === null) {
      add({
        rule: 'risk.owner',
        severity: 'warning',
        cell: a1(row, columns.owner),
        message: `${name} has no owner: the ${header(columns.owner) || 'owner'} cell is blank`,
      });
    }
    if (columns.controls !== undefined && risk.controls === null) {
      add({
        rule: 'risk.controls',
        severity: 'warning',
        cell: a1(row, columns.controls),
        message: `${name} has no controls recorded under ${header(columns.controls) || 'controls'}`,
      });
    }

    // Review or target date.
    if (columns.date !== undefined) {
      const raw = get(row, columns.date);
      const date = parseDate(raw);
      risk.date = date;
      if (date && date.getTime() < startOfDay(today).getTime()) {
        const label = /target/i.test(header(columns.date)) ? 'target date' : 'review date';
        add({
          rule: 'risk.review-date',
          severity: 'warning',
          cell: a1(row, columns.date),
          message: `${name}'s ${label} ${formatDate(date)} has passed (today is ${formatDate(startOfDay(today))})`,
          expected: `on or after ${formatDate(startOfDay(today))}`,
          actual: formatDate(date),
        });
      }
    }
    risks.push(risk);
  }

  // Register-level findings.
  if (registerReason && risks.length > 0) {
    const cell =
      columns.likelihood !== undefined
        ? a1(headerRow, columns.likelihood)
        : columns.impact !== undefined
          ? a1(headerRow, columns.impact)
          : columns.rating !== undefined
            ? a1(headerRow, columns.rating)
            : topLeft;
    const n = risks.length;
    const missing =
      hasL && !hasI
        ? 'an impact (consequence) column'
        : hasI && !hasL
          ? 'a likelihood column'
          : 'likelihood and impact columns';
    const ratings =
      columns.rating !== undefined && !hasL && !hasI ? ` Its stated ratings cannot be checked against a score.` : '';
    add({
      rule: 'risk.unscorable',
      severity: 'info',
      cell,
      message: `${where} cannot be scored: ${registerReason}, so none of its ${n} risk${n === 1 ? '' : 's'} has a score. Add ${missing} to score them.${ratings}`,
    });
  }
  if (columns.owner === undefined && risks.length > 0) {
    add({
      rule: 'risk.owner',
      severity: 'info',
      cell: topLeft,
      message: `${where} has no owner (lead) column: every risk needs a named owner`,
    });
  }
  if (columns.controls === undefined && risks.length > 0) {
    add({
      rule: 'risk.controls',
      severity: 'info',
      cell: topLeft,
      message: `${where} has no controls (mitigation) column: the controls in place cannot be checked`,
    });
  }
  if (!named && ratingChecks.checked >= 2 && ratingChecks.differ * 2 >= ratingChecks.checked) {
    add({
      rule: 'risk.rating',
      severity: 'info',
      cell: columns.rating !== undefined ? a1(headerRow, columns.rating) : topLeft,
      message:
        `${ratingChecks.differ} of ${ratingChecks.checked} stated ratings differ from the ${matrixTitle(matrix.name)} bands ` +
        `(${matrix.bands.map((b) => `${b.name} ${b.min}-${b.max}`).join(', ')}): if the council's bands differ, ` +
        `give them in Settings › Risk matrix so the register is checked on them`,
    });
  }

  return {
    sheet: table.sheet,
    range: table.range,
    matrix: matrix.name,
    scoring: matrix,
    family,
    columns,
    risks,
    table,
    levelWords: {
      likelihood: levelWords(rows, columns.likelihood, 'likelihood', get, matrix, family),
      impact: levelWords(rows, columns.impact, 'impact', get, matrix, family),
    },
    freeCol: freeColumn(table, view),
  };
}

function levelWords(
  rows: number[],
  col: number | undefined,
  axis: Axis,
  get: (row: number, col: number | undefined) => CellValue,
  matrix: RiskMatrix,
  family: ScaleFamily,
): [string, number][] {
  const seen = new Map<string, [string, number]>();
  if (col === undefined) return [];
  for (const row of rows) {
    const raw = get(row, col);
    if (typeof raw !== 'string') continue;
    const token = raw.trim().replace(/ +/g, ' ');
    const lv = parseLevel(raw, matrix, family, axis);
    if (token === '' || lv.kind !== 'ok' || lv.level === null) continue;
    if (!seen.has(token.toLowerCase())) seen.set(token.toLowerCase(), [token, lv.level]);
  }
  return [...seen.values()];
}

function firstTextColumn(table: FoundTable, columns: RegisterColumns): number | undefined {
  const used = new Set(
    [columns.id, columns.likelihood, columns.impact, columns.score, columns.rating, columns.owner, columns.date].filter(
      (c): c is number => c !== undefined,
    ),
  );
  return table.columns.find((c) => !used.has(c.col) && (c.role === 'label' || c.role === 'text'))?.col;
}

/** A risk's description, cut to a length a finding can carry. */
function short(desc: string): string {
  const t = desc.replace(/\s+/g, ' ');
  if (t.length <= 60) return t;
  const cut = t.slice(0, 57);
  const space = cut.lastIndexOf(' ');
  return `${(space > 30 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}...`;
}

function scoreCell(row: number, cols: ScoreColumns): string {
  const col = cols.score ?? cols.rating ?? cols.likelihood ?? cols.impact;
  return col === undefined ? a1(row, 0) : a1(row, col);
}

/** First column right of the table where this column and the next are empty over the table's rows. */
function freeColumn(table: FoundTable, view: SheetView): number {
  const top = Math.min(table.top, ...table.headerRows);
  const emptyCol = (c: number) => {
    for (let r = top; r <= table.bottom; r++) if (!view.isEmpty(r, c)) return false;
    return true;
  };
  let c = table.right + 1;
  while (!(emptyCol(c) && emptyCol(c + 1))) c++;
  return c;
}
