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
 */
import type { CellValue, WorkbookSnapshot } from '../grid';
import { a1, SheetView } from '../grid';
import type { Finding } from '../findings';
import type { Settings } from '../settings';
import type { FoundTable, ReadResult } from '../tables';
import { chooseMatrix, parseLevel, scaleFamily, type Axis, type ScaleFamily } from './levels';
import {
  bandOf,
  matrixFromSettings,
  matrixTitle,
  NHS_5X5,
  ratingBand,
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
  type ScoreColumns,
} from './register';

export interface RiskAnalysis {
  registers: RiskRegister[];
  findings: Finding[];
}

export interface AnalyseOptions {
  /** "Today" for review dates; default new Date(). */
  today?: Date;
}

type SetName = 'inherent' | 'residual' | 'target';

const SET_WORD: Record<SetName, string> = { inherent: '', residual: 'residual ', target: 'target ' };

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

function text(v: CellValue): string {
  if (v === null) return '';
  return String(v)
    .replace(/\u00a0/g, ' ')
    .trim();
}

function numberOf(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const t = v.replace(/,/g, '').trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
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
  const setCols: [SetName, ScoreColumns][] = [['inherent', columns]];
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
    const scored = (set: SetName, cols: ScoreColumns): RiskScores =>
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

/** Why one risk of a register without a likelihood or impact column has no score, with what it does give. */
function missingColumnReason(
  row: number,
  cols: ScoreColumns,
  get: (row: number, col: number | undefined) => CellValue,
  header: (col: number | undefined) => string,
): string {
  const word = (axis: 'likelihood' | 'impact') => header(cols[axis]).toLowerCase() || axis;
  const given = (axis: 'likelihood' | 'impact', other: 'likelihood' | 'impact') => {
    const raw = text(get(row, cols[axis]));
    return raw !== ''
      ? `the register gives its ${word(axis)} (${raw}) but no ${other}`
      : `the register gives no ${other}, and its ${word(axis)} is blank`;
  };
  if (cols.likelihood !== undefined) return given('likelihood', 'impact');
  if (cols.impact !== undefined) return given('impact', 'likelihood');
  const rating = text(get(row, cols.rating));
  const rated = rating !== '' ? ` (it is rated "${rating.length > 40 ? `${rating.slice(0, 37)}...` : rating}")` : '';
  return `the register gives no likelihood or impact${rated}`;
}

function scoreCell(row: number, cols: ScoreColumns): string {
  const col = cols.score ?? cols.rating ?? cols.likelihood ?? cols.impact;
  return col === undefined ? a1(row, 0) : a1(row, col);
}

function unscorableReason(
  row: number,
  cols: ScoreColumns,
  get: (row: number, col: number | undefined) => CellValue,
  matrix: RiskMatrix,
  family: ScaleFamily,
): string {
  const parts: string[] = [];
  for (const axis of ['likelihood', 'impact'] as Axis[]) {
    const lv = parseLevel(get(row, cols[axis]), matrix, family, axis);
    if (lv.kind === 'blank') parts.push(`no ${axis} is given`);
    else if (lv.kind === 'off-scale')
      parts.push(`its ${axis} "${lv.text}" is not on the ${matrixTitle(matrix.name)} scale`);
  }
  return parts.join(' and ') || 'it cannot be scored';
}

function levelRange(matrix: RiskMatrix, axis: Axis): string {
  const names = axis === 'likelihood' ? matrix.likelihood : matrix.impact;
  return `1 to ${matrix.size} (${names[0]} to ${names[names.length - 1]})`;
}

function scoreSet(
  set: SetName,
  cols: ScoreColumns,
  row: number,
  get: (row: number, col: number | undefined) => CellValue,
  matrix: RiskMatrix,
  family: ScaleFamily,
  name: string,
  strict: boolean,
  add: (f: Omit<Finding, 'sheet' | 'table'>) => void,
  ratingChecks: { checked: number; differ: number },
  main: boolean,
): RiskScores {
  const word = SET_WORD[set];
  const L = parseLevel(get(row, cols.likelihood), matrix, family, 'likelihood');
  const I = parseLevel(get(row, cols.impact), matrix, family, 'impact');
  for (const [axis, lv, col] of [
    ['likelihood', L, cols.likelihood],
    ['impact', I, cols.impact],
  ] as [Axis, typeof L, number | undefined][]) {
    if (col === undefined) continue;
    if (lv.kind === 'off-scale') {
      add({
        rule: 'risk.level',
        severity: 'error',
        cell: a1(row, col),
        message: `${name}'s ${word}${axis} "${lv.text}" is not on the ${matrixTitle(matrix.name)} matrix's scale of ${levelRange(matrix, axis)}, so it cannot be scored`,
        actual: lv.text,
        expected: `a level from ${levelRange(matrix, axis)}`,
      });
    }
  }
  // Blank levels: the main set always says so (where its columns exist); other sets only when half filled.
  const lBlank = cols.likelihood !== undefined && L.kind === 'blank';
  const iBlank = cols.impact !== undefined && I.kind === 'blank';
  const otherFilled = (lBlank && I.kind !== 'blank') || (iBlank && L.kind !== 'blank');
  if (cols.likelihood !== undefined && cols.impact !== undefined && (lBlank || iBlank) && (main || otherFilled)) {
    const missing = lBlank && iBlank ? 'likelihood or impact' : lBlank ? 'likelihood' : 'impact';
    add({
      rule: 'risk.unscorable',
      severity: 'warning',
      cell: a1(row, (lBlank ? cols.likelihood : cols.impact) as number),
      message: `${name} has no ${word}${missing}, so its ${word}score cannot be worked out: PlanCheck does not guess one`,
      related: lBlank && iBlank ? [a1(row, cols.impact as number)] : undefined,
    });
  }

  const score = L.level !== null && I.level !== null ? L.level * I.level : null;
  const shownLevel = (lv: typeof L) =>
    lv.text !== '' && lv.text !== String(lv.level) ? `${lv.text} (${lv.level})` : `${lv.level}`;
  const product = `likelihood ${shownLevel(L)} × impact ${shownLevel(I)} is ${score}`;
  const band = score !== null ? bandOf(matrix, score) : null;

  // Stated score.
  const statedRaw = get(row, cols.score);
  const statedScore = numberOf(statedRaw);
  if (cols.score !== undefined && statedScore === null && text(statedRaw) !== '') {
    add({
      rule: 'risk.score',
      severity: 'warning',
      cell: a1(row, cols.score),
      message: `${name}'s stated ${word}score "${text(statedRaw)}" is not a number`,
      actual: text(statedRaw),
    });
  }
  const levelCells = [cols.likelihood, cols.impact].filter((c): c is number => c !== undefined).map((c) => a1(row, c));
  if (cols.score !== undefined && statedScore !== null && score !== null && statedScore !== score) {
    add({
      rule: 'risk.score',
      severity: 'error',
      cell: a1(row, cols.score),
      message: `${name}'s stated ${word}score is ${statedScore}, but ${product}${band ? ` (${band.name})` : ''}`,
      expected: score,
      actual: statedScore,
      difference: statedScore - score,
      related: levelCells,
    });
  }

  // Stated rating.
  const ratingRaw = text(get(row, cols.rating));
  let statedBand: string | null = null;
  if (cols.rating !== undefined && ratingRaw !== '') {
    const stated = ratingBand(matrix, ratingRaw);
    statedBand = stated ? stated.name : ratingRaw;
    const basisScore = score ?? statedScore;
    const basis = basisScore !== null ? bandOf(matrix, basisScore) : null;
    const shown = ratingRaw.length > 40 ? `${ratingRaw.slice(0, 37)}...` : ratingRaw;
    if (!stated) {
      add({
        rule: 'risk.rating',
        severity: 'warning',
        cell: a1(row, cols.rating),
        message: `${name}'s ${word}rating "${shown}" is not a band of the ${matrixTitle(matrix.name)} matrix (${matrix.bands.map((b) => b.name).join(', ')})`,
        actual: ratingRaw,
      });
    } else if (basis && basisScore !== null) {
      ratingChecks.checked++;
      if (basis.name !== stated.name) {
        ratingChecks.differ++;
        const how = score !== null ? product : `its stated ${word}score is ${basisScore}`;
        add({
          rule: 'risk.rating',
          severity: strict ? 'error' : 'warning',
          cell: a1(row, cols.rating),
          message: `${name} is rated ${shown === stated.name ? stated.name : `"${shown}" (${stated.name})`}, but ${how}, which is ${basis.name} (${basis.min}-${basis.max}) on the ${matrixTitle(matrix.name)} matrix`,
          expected: basis.name,
          actual: stated.name,
          related: score !== null ? levelCells : cols.score !== undefined ? [a1(row, cols.score)] : undefined,
        });
      }
    }
  }
  return {
    likelihood: L.level,
    impact: I.level,
    score,
    band: band ? band.name : null,
    stated: { score: statedScore, band: statedBand },
  };
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

function startOfDay(d: Date): Date {
  return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function validDate(y: number, m: number, d: number): Date | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 ? date : null;
}

/** A date cell: an Excel serial number (1900 system) or text dd/mm/yyyy, d/m/yy, yyyy-mm-dd, "31 March 2010". */
export function parseDate(v: CellValue): Date | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v > 2958465) return null;
    return new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86400000);
  }
  if (typeof v !== 'string') return null;
  const t = v.trim().toLowerCase();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const y = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return validDate(y, Number(m[2]), Number(m[1]));
  }
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?$/.exec(t);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})$/.exec(t);
  if (m && MONTHS.includes(m[2])) return validDate(Number(m[3]), MONTHS.indexOf(m[2]) + 1, Number(m[1]));
  return null;
}

/** dd/mm/yyyy */
export function formatDate(d: Date): string {
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${d.getUTCFullYear()}`;
}
