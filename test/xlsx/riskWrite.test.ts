/**
 * The risk outputs written through the exceljs port, saved, reopened and recalculated by an
 * independent spreadsheet engine (HyperFormula): the score and band columns' formulas give the
 * values the port stored, the heat map and ranked list read back as written, and undo puts the
 * workbook back exactly as it was.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { HyperFormula, type RawCellContent } from 'hyperformula';

import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../../src/engine/grid';
import { a1, parseA1 } from '../../src/engine/grid';
import {
  analyseRisks,
  buildHeatMap,
  buildRankedList,
  buildScoreColumns,
  type RiskAnalysis,
} from '../../src/engine/risk';
import type { TableSpec } from '../../src/engine/spec';
import { readTables } from '../../src/engine/tables';
import { XlsxPort } from '../../src/xlsx/xlsxPort';

const SAMPLE = path.resolve(__dirname, '..', '..', 'samples', 'plancheck-sample.xlsx');
const TODAY = new Date(2026, 10, 25);

interface Recalculated {
  /** "Sheet!A1" → what HyperFormula computes for the cell's formula. */
  computed: Map<string, CellValue>;
  /** "Sheet!A1" → the value stored in the file for each formula cell. */
  stored: Map<string, CellValue>;
  /** "Sheet!A1" → formula text. */
  formulas: Map<string, string>;
  /** "Sheet!A1" → value of every non-empty cell as read back. */
  values: Map<string, CellValue>;
}

function plain(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return `#ERROR ${String((v as { value?: unknown }).value ?? v)}`;
}

/** Every sheet's values (text kept as text) and formulas, loaded into HyperFormula and computed. */
function recalculate(wb: WorkbookSnapshot): Recalculated {
  const sheets: Record<string, RawCellContent[][]> = {};
  const out: Recalculated = { computed: new Map(), stored: new Map(), formulas: new Map(), values: new Map() };
  for (const s of wb.sheets) {
    const grid: RawCellContent[][] = [];
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const absRow = s.origin.row + r;
        const absCol = s.origin.col + c;
        const formula = s.formulas[r]?.[c] ?? null;
        const key = `${s.name}!${a1(absRow, absCol)}`;
        if (v !== null) out.values.set(key, v);
        if (v === null && formula === null) return;
        while (grid.length <= absRow) grid.push([]);
        grid[absRow][absCol] = formula ?? (typeof v === 'string' ? `'${v}` : v);
        if (formula !== null) {
          out.formulas.set(key, formula);
          out.stored.set(key, v);
        }
      }),
    );
    for (let r = 0; r < grid.length; r++) grid[r] ??= [];
    sheets[s.name] = grid;
  }
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3', smartRounding: false });
  for (const key of out.formulas.keys()) {
    const bang = key.lastIndexOf('!');
    const at = parseA1(key.slice(bang + 1))!;
    const sheet = hf.getSheetId(key.slice(0, bang))!;
    out.computed.set(key, plain(hf.getCellValue({ sheet, row: at.row, col: at.col })));
  }
  hf.destroy();
  return out;
}

/** Formula cells whose computed value is not the stored one (blank results read back as ""). */
function mismatches(r: Recalculated, keys: Iterable<string>): string[] {
  const bad: string[] = [];
  for (const key of keys) {
    const stored = r.stored.get(key) ?? '';
    const computed = r.computed.get(key) ?? '';
    const same =
      typeof stored === 'number' && typeof computed === 'number'
        ? Math.abs(stored - computed) < 1e-9
        : stored === computed;
    if (!same) bad.push(`${key} ${r.formulas.get(key)}: stored ${stored}, computes ${computed}`);
  }
  return bad;
}

/** The "Sheet!A1" keys of every non-null cell of a spec. */
function specCells(spec: TableSpec): string[] {
  const keys: string[] = [];
  spec.cells.forEach((row, r) =>
    row.forEach((c, k) => {
      if (c) keys.push(`${spec.anchor.sheet}!${a1(spec.anchor.row + r, spec.anchor.col + k)}`);
    }),
  );
  return keys;
}

function sheetOf(wb: WorkbookSnapshot, name: string): SheetSnapshot {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

describe('risk outputs written through the exceljs port, recalculated by HyperFormula', () => {
  let port: XlsxPort;
  let before: WorkbookSnapshot;
  let analysis: RiskAnalysis;
  let specs: TableSpec[];
  let reopened: WorkbookSnapshot;
  let original: Recalculated;
  let after: Recalculated;

  beforeAll(async () => {
    const bytes = await fs.readFile(SAMPLE);
    port = await XlsxPort.fromBuffer(bytes, 'plancheck-sample.xlsx');
    before = await port.read();
    const read = readTables(before);
    analysis = analyseRisks(before, read, {}, { today: TODAY });
    const fiveByFive = analysis.registers.find((r) => r.sheet === 'Risk register 5x5')!;
    specs = [
      ...analysis.registers.map((reg) => buildScoreColumns(reg)),
      buildHeatMap(analysis, fiveByFive.scoring, 'Risk heat map'),
      buildRankedList(analysis, 'Ranked risks'),
    ];
    for (const spec of specs) await port.write(spec);
    const saved = await port.toBuffer();
    reopened = await (await XlsxPort.fromBuffer(saved, 'saved.xlsx')).read();
    original = recalculate(before);
    after = recalculate(reopened);
  });

  test('the sample has both registers: Birmingham (probability only) and the NHS 5x5 one', () => {
    expect(analysis.registers.map((r) => `${r.sheet}!${r.range} ${r.matrix}`)).toEqual([
      'Risk register!A1:C13 3x3',
      'Risk register 5x5!A4:I14 nhs5x5',
    ]);
  });

  test('the score columns beside the 5x5 register: every formula computes its stored value', () => {
    const spec = specs[1];
    expect(spec.anchor).toEqual({ sheet: 'Risk register 5x5', row: 3, col: 9 });
    const keys = specCells(spec).filter((k) => after.formulas.has(k));
    // Ten risks, a score and a band formula each.
    expect(keys).toHaveLength(20);
    expect(mismatches(after, keys)).toEqual([]);
    const scores = Array.from({ length: 10 }, (_, i) => after.computed.get(`Risk register 5x5!J${i + 5}`));
    const bands = Array.from({ length: 10 }, (_, i) => after.computed.get(`Risk register 5x5!K${i + 5}`));
    expect(scores).toEqual([12, 16, 12, 15, 10, 12, 4, 12, 6, 12]);
    expect(bands).toEqual([
      'High',
      'Extreme',
      'High',
      'Extreme',
      'High',
      'High',
      'Moderate',
      'High',
      'Moderate',
      'High',
    ]);
    // The formulas read the words ("Major", "Possible") and the numbers (R8, R10) alike.
    const j5 = after.formulas.get('Risk register 5x5!J5') ?? '';
    expect(j5).toMatch(/^=IFERROR\(/);
    expect(j5).toMatch(/MATCH\(TRIM\(C5\),\{[^}]*"Major"[^}]*\}/);
    expect(j5).toMatch(/MATCH\(TRIM\(D5\),\{[^}]*"Possible"[^}]*\}/);
    expect(j5).toMatch(/ISNUMBER\(C5\)/);
  });

  test('the Birmingham register gets blank score cells, not guessed ones', () => {
    const spec = specs[0];
    const scoreCells = spec.cells.slice(1).map((row) => row[0]);
    expect(scoreCells.every((c) => c === null || (c.formula === undefined && c.value === ''))).toBe(true);
    const keys = specCells(spec).filter((k) => after.formulas.has(k));
    expect(keys.length).toBeGreaterThan(0);
    expect(mismatches(after, keys)).toEqual([]);
    expect(keys.every((k) => after.computed.get(k) === '')).toBe(true);
  });

  test('the heat map and the ranked list read back exactly as written, and recalculate to themselves', () => {
    for (const spec of specs.slice(2)) {
      const sheet = sheetOf(reopened, spec.anchor.sheet);
      expect(sheet.formulas.flat().filter((f) => f !== null)).toEqual([]);
      spec.cells.forEach((row, r) =>
        row.forEach((c, k) => {
          if (!c) return;
          const got = after.values.get(`${spec.anchor.sheet}!${a1(r, k)}`) ?? '';
          expect([`${a1(r, k)}`, got]).toEqual([`${a1(r, k)}`, c.value ?? '']);
        }),
      );
    }
    const heat = sheetOf(reopened, 'Risk heat map');
    const text = heat.values.flat().map(String).join(' | ');
    expect(text).toContain('NHS 5×5 matrix: Risk register 5x5!A4:I14');
    // R2 (Likely, Major) and R4 (Almost certain, Moderate) in their cells; Birmingham's register,
    // none of whose risks can be scored, has no grid of zeros: one line says why.
    expect(text).toContain('| 1: R2 |');
    expect(text).toContain('| 1: R4 |');
    expect(text).not.toMatch(/3×3 matrix/);
    expect(text).toContain('Registers not scored | null');
    expect(text).toContain('Risk register!A1:C13 (12 risks): it gives probability but no impact');
  });

  test('writing added no mismatch anywhere else in the workbook', () => {
    const untouched = [...original.formulas.keys()];
    expect(mismatches(after, untouched)).toEqual(mismatches(original, untouched));
    expect(
      [...after.formulas.keys()].filter((k) => !original.formulas.has(k)).every((k) => /^Risk register/.test(k)),
    ).toBe(true);
  });

  test('undo restores the snapshot exactly', async () => {
    let undone = 0;
    while (port.canUndo()) {
      expect(await port.undo()).toBe(true);
      undone++;
    }
    expect(undone).toBe(specs.length);
    const restored = await port.read();
    expect(restored).toEqual(before);
    const again = await (await XlsxPort.fromBuffer(await port.toBuffer(), 'plancheck-sample.xlsx')).read();
    expect(again.sheets.map((s) => s.name)).toEqual(before.sheets.map((s) => s.name));
    expect(again.sheets.map((s) => [s.values, s.formulas])).toEqual(before.sheets.map((s) => [s.values, s.formulas]));
  });
});
