import { HyperFormula } from 'hyperformula';
import type { CellValue, SheetSnapshot } from '../../../src/engine/grid';
import { snapshotFromRows } from '../../../src/engine/grid';
import type { TableSpec } from '../../../src/engine/spec';
import {
  analyseRisks,
  buildHeatMap,
  buildRankedList,
  buildScoreColumns,
  matrixFromSettings,
  MATRIX_3X3,
  NHS_5X5,
  type RiskAnalysis,
} from '../../../src/engine/risk';
import { readTables } from '../../../src/engine/tables';
import { seedGrid } from '../../../src/samples/seeds';
import { fiveByFive, seedRegister } from './fixtures';

const TODAY = new Date(2025, 5, 1);

/** Lays the spec's cells (formulas where it has them) over the sheet and evaluates them all with HyperFormula. */
function evaluate(
  sheet: SheetSnapshot,
  spec: TableSpec,
): { stored: CellValue; computed: CellValue; formula: string }[] {
  const grid: (CellValue | string)[][] = sheet.values.map((r) => [...r]);
  const placed: { row: number; col: number; stored: CellValue; formula: string }[] = [];
  spec.cells.forEach((line, i) =>
    line.forEach((cell, j) => {
      if (!cell) return;
      const row = spec.anchor.row + i;
      const col = spec.anchor.col + j;
      while (grid.length <= row) grid.push([]);
      while (grid[row].length <= col) grid[row].push(null);
      grid[row][col] = cell.formula ?? cell.value;
      if (cell.formula) placed.push({ row, col, stored: cell.value, formula: cell.formula });
    }),
  );
  const hf = HyperFormula.buildFromSheets({ [sheet.name]: grid }, { licenseKey: 'gpl-v3' });
  const id = hf.getSheetId(sheet.name)!;
  const out = placed.map((p) => {
    const v = hf.getCellValue({ sheet: id, row: p.row, col: p.col });
    return {
      stored: p.stored,
      computed: typeof v === 'object' && v !== null ? String(v) : (v as CellValue),
      formula: p.formula,
    };
  });
  hf.destroy();
  return out;
}

describe('score and band columns', () => {
  test('5x5 words: formulas evaluate to the stored values', () => {
    const f = fiveByFive();
    const result = analyseRisks(f.wb, f.read, {}, { today: TODAY });
    const reg = result.registers[0];
    const spec = buildScoreColumns(reg, NHS_5X5);
    expect(spec.anchor).toEqual({ sheet: 'Risks', row: 3, col: 12 });
    expect(spec.cells[0].map((c) => c?.value)).toEqual(['Score (L×I)', 'Band (nhs5x5)']);
    expect(spec.cells[1][0]?.value).toBe(16);
    expect(spec.cells[1][1]?.value).toBe('Extreme');
    expect(spec.cells[1][0]?.formula).toMatch(/^=IFERROR\(IF\(ISNUMBER\(C5\).*MATCH\(TRIM\(C5\),\{/);
    expect(spec.cells[1][1]?.formula).toBe(
      '=IF(M5="","",CHOOSE(MATCH(M5,{1,4,8,15},1),"Low","Moderate","High","Extreme"))',
    );
    const evaluated = evaluate(f.sheet, spec);
    expect(evaluated).toHaveLength(2 * reg.risks.length);
    for (const e of evaluated) expect({ f: e.formula, v: e.computed }).toEqual({ f: e.formula, v: e.stored });
    // The off-scale "7" and the missing impact give blanks, not a guessed score.
    expect(spec.cells[8][0]?.value).toBe('');
    expect(spec.cells[9][0]?.value).toBe('');
    expect(spec.conditionalBands?.[0].bands).toEqual(
      NHS_5X5.bands.map((b) => ({ min: b.min, max: b.max, fill: b.color })),
    );
  });

  test('Manchester H/M/L through the reader: formulas map the letters', () => {
    const sheet = snapshotFromRows('Risks', seedGrid('manchester-2009-business-risk-register').rows);
    const wb = { name: 'm.xlsx', sheets: [sheet], names: [] };
    const result = analyseRisks(wb, readTables(wb), {});
    const spec = buildScoreColumns(result.registers[0], matrixFromSettings());
    expect(spec.anchor).toEqual({ sheet: 'Risks', row: 2, col: 9 });
    expect(spec.cells[0][1]?.value).toBe('Band (3x3)');
    const evaluated = evaluate(sheet, spec);
    expect(evaluated.map((e) => e.computed)).toEqual([6, 'High', 6, 'High', 9, 'High', 6, 'High', 6, 'High']);
    for (const e of evaluated) expect(e.computed).toEqual(e.stored);
  });
});

function countIn(value: CellValue): number {
  return typeof value === 'number' ? value : Number(String(value).split(':')[0]);
}

function heatCounts(spec: TableSpec): number {
  let n = 0;
  spec.cells.forEach((line) => {
    const label = line[0]?.value;
    if (typeof label === 'string' && /^\d+ /.test(label) && line[0]?.bold && line.slice(1).some((c) => c?.fill)) {
      for (const c of line.slice(1)) if (c?.fill) n += countIn(c.value);
    }
  });
  return n;
}

describe('heat map', () => {
  test('counts equal the scorable risks, highest likelihood at the top', () => {
    const f = fiveByFive();
    const result = analyseRisks(f.wb, f.read, {}, { today: TODAY });
    const spec = buildHeatMap(result, NHS_5X5, 'Risk heat map');
    expect(spec.newSheet).toBe(true);
    const scorable = result.registers[0].risks.filter((r) => r.score !== null).length;
    expect(scorable).toBe(7);
    expect(heatCounts(spec)).toBe(scorable);
    const top = spec.cells.findIndex((l) => l[0]?.value === '5 Almost certain');
    const bottom = spec.cells.findIndex((l) => l[0]?.value === '1 Rare');
    expect(top).toBeLessThan(bottom);
    // R1 is Likely (4) × Major (4): row "4 Likely", column 4.
    const likely = spec.cells.find((l) => l[0]?.value === '4 Likely')!;
    expect(likely[4]?.value).toBe('1: R1');
    expect(likely[4]?.fill).toBe(NHS_5X5.bands[3].color);
    expect(spec.cells.find((l) => l[0]?.value === 'Not scored')?.[1]?.value).toBe('2: R8, R9');
    expect(spec.cells.some((l) => l[0]?.value === 'Legend')).toBe(true);
  });

  test('registers on different matrices get a grid each', () => {
    const a = fiveByFive();
    const b = seedRegister('manchester-2009-business-risk-register', 'Business');
    const analysis: RiskAnalysis = {
      registers: [
        ...analyseRisks(a.wb, a.read, {}, { today: TODAY }).registers,
        ...analyseRisks(b.wb, b.read, {}, { today: TODAY }).registers,
      ],
      findings: [],
    };
    const spec = buildHeatMap(analysis, NHS_5X5, 'Heat');
    expect(heatCounts(spec)).toBe(7 + 5);
    expect(spec.cells.some((l) => String(l[0]?.value).startsWith('3×3 matrix'))).toBe(true);
    const high = spec.cells.filter((l) => l[0]?.value === '3 High').pop()!;
    expect(high[3]?.value).toBe('1: Business 3');
    expect(high[3]?.fill).toBe(MATRIX_3X3.bands[2].color);
  });

  test('a register none of whose risks has a score gets no grid of zeros, only a line saying why', () => {
    const a = fiveByFive();
    const b = seedRegister('birmingham-2008-programme-risks', 'Programme');
    const birmingham = analyseRisks(b.wb, b.read, {}, { today: TODAY }).registers;
    const analysis: RiskAnalysis = {
      registers: [...birmingham, ...analyseRisks(a.wb, a.read, {}, { today: TODAY }).registers],
      findings: [],
    };
    const spec = buildHeatMap(analysis, NHS_5X5, 'Heat');
    const firsts = spec.cells.map((l) => l[0]?.value);
    // One grid, the 5x5's, its risks labelled without a sheet (the only register drawn).
    expect(firsts.filter((v) => / matrix/.test(String(v)))).toEqual(['NHS 5×5 matrix: Risks!A3:L13']);
    expect(heatCounts(spec)).toBe(7);
    expect(spec.cells.find((l) => l[0]?.value === '4 Likely')?.[4]?.value).toBe('1: R1');
    const at = firsts.indexOf('Registers not scored');
    expect(firsts.slice(at + 1)).toEqual([
      `${birmingham[0].sheet}!${birmingham[0].range} (12 risks): it gives probability but no impact`,
    ]);

    // Alone, it gets no grid at all.
    const alone = buildHeatMap({ registers: birmingham, findings: [] }, NHS_5X5, 'Heat');
    expect(alone.cells.some((l) => l.some((c) => c?.fill))).toBe(false);
    expect(alone.cells.map((l) => l[0]?.value)).toContain('Registers not scored');
  });
});

describe('ranked list', () => {
  test('highest score first, unscorable last with the reason', () => {
    const f = fiveByFive();
    const result = analyseRisks(f.wb, f.read, {}, { today: TODAY });
    const spec = buildRankedList(result, 'Ranked risks');
    const body = spec.cells.slice(3);
    expect(body.map((l) => l[1]?.value)).toEqual(['R1', 'R5', 'R4', 'R2', 'R6', 'R3', 'R7', 'R8', 'R9']);
    expect(body[0].map((c) => c?.value).slice(0, 9)).toEqual([
      1,
      'R1',
      'Care market failure',
      'Risks!A3:L13',
      '4 Likely',
      '4 Major',
      16,
      'Extreme',
      'J Smith',
    ]);
    expect(body[2][8]?.value).toBe('No owner');
    expect(body[7][9]?.value).toBe('Not scored: its likelihood "7" is not on the NHS 5×5 scale');
    expect(body[8][9]?.value).toBe('Not scored: no impact is given');
  });

  test('Birmingham: all risks unscorable, saying why', () => {
    const f = seedRegister('birmingham-2008-programme-risks');
    const spec = buildRankedList(analyseRisks(f.wb, f.read, {}), 'Ranked');
    const body = spec.cells.slice(3);
    expect(body).toHaveLength(12);
    expect(body.every((l) => l[9]?.value === 'Not scored: it gives probability but no impact')).toBe(true);
  });
});
