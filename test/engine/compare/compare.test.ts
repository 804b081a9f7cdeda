/**
 * Two versions of a plan compared by what the figures mean: pairs made from the seed plans, each
 * change asserted exactly, with nothing else reported; and the budget bridge, recalculated in
 * HyperFormula to its stored values with its check row at zero.
 */
import { HyperFormula } from 'hyperformula';

import { buildBridges, buildBridgeSpec, compareWorkbooks, type Change } from '../../../src/engine/compare';
import type { CellValue, SheetSnapshot } from '../../../src/engine/grid';
import { parseA1, snapshotFromRows } from '../../../src/engine/grid';
import { readTables } from '../../../src/engine/tables';
import { offsetGrid, seedGrid } from '../../../src/samples/seeds';
import { workbook } from '../helpers';

function grid(name: Parameters<typeof seedGrid>[0]): CellValue[][] {
  return seedGrid(name).rows.map((r) => [...r]);
}

function withFormula(sheet: SheetSnapshot, formulas: Record<string, string>): SheetSnapshot {
  for (const [at, f] of Object.entries(formulas)) {
    const { row, col } = parseA1(at)!;
    sheet.formulas[row][col] = f;
  }
  return sheet;
}

function compare(oldSheet: SheetSnapshot, newSheet: SheetSnapshot) {
  const oldRead = readTables(workbook(oldSheet));
  const newRead = readTables(workbook(newSheet));
  return { result: compareWorkbooks(oldRead, newRead), oldRead, newRead };
}

const brief = (c: Change) => [c.kind, c.severity, c.line ?? c.year ?? '', c.oldCell ?? '', c.newCell ?? ''];

/** Finds the row whose first cells include `label`. */
function rowOf(rows: CellValue[][], label: string): number {
  return rows.findIndex((r) => r.some((v) => v === label));
}

describe('the Manchester 2009 financial plan, two versions', () => {
  const base = grid('manchester-2009-financial-plan');

  test('rows inserted above, a column inserted and the sheet renamed: no difference at all', () => {
    const { result } = compare(
      snapshotFromRows('Plan 2009-10', base),
      snapshotFromRows('Plan 2010-11', offsetGrid(base, 3, 1)),
    );
    expect(result.tables).toEqual([
      {
        kind: 'financial-plan',
        old: { sheet: 'Plan 2009-10', range: 'A4:L53' },
        new: { sheet: 'Plan 2010-11', range: 'B7:M56' },
      },
    ]);
    expect(result.changes).toEqual([]);
  });

  test('a figure changed, a line renamed, a line removed: each reported once at its cells', () => {
    const next = base.map((r) => [...r]);
    // Line 05's 2010/11 cash limit up 250, with its Mainstream funding (F16 and K19 in the sheet).
    const l05 = rowOf(next, 'Equipment and Adaptations');
    next[l05][5] = (next[l05][5] as number) + 250;
    next[l05 + 3][10] = (next[l05 + 3][10] as number) + 250;
    // Line 02 renamed (same reference).
    next[rowOf(next, 'Commissioning, Prevention and Social Inclusion')][1] = 'Commissioning and Prevention';
    // Line 01 removed (its one row).
    next.splice(rowOf(next, 'Service Strategy and Regulation'), 1);
    const { result } = compare(snapshotFromRows('Plan', base), snapshotFromRows('Plan', next));
    expect(result.changes.map(brief)).toEqual([
      ['line-renamed', 'info', '02 Commissioning and Prevention', 'Plan!A7', 'Plan!A6'],
      ['figure', 'info', '05 Equipment and Adaptations', 'Plan!F16', 'Plan!F15'],
      ['figure', 'info', '05 Equipment and Adaptations / Mainstream', 'Plan!K19', 'Plan!K18'],
      ['line-removed', 'info', '01 Service Strategy and Regulation', 'Plan!A6', ''],
    ]);
    const f = result.changes.find((c) => c.kind === 'figure')!;
    expect(f).toMatchObject({ before: 6479, after: 6729, difference: 250, year: '2010/11' });
    expect(f.message).toBe('05 Equipment and Adaptations, 2010/11: 6,479 (£000) to 6,729, difference 250');
  });

  test('a total typed over while none of its lines changed is an error', () => {
    const next = base.map((r) => [...r]);
    const totals = rowOf(next, 'Totals');
    next[totals][6] = (next[totals][6] as number) + 1000;
    const { result } = compare(snapshotFromRows('Plan', base), snapshotFromRows('Plan', next));
    expect(result.changes.map(brief)).toEqual([['total-only', 'error', 'Totals', 'Plan!G52', 'Plan!G52']]);
    expect(result.changes[0].message).toBe(
      'Totals, 2011/12: 199,389 to 200,389, although none of its lines changed: the total looks typed over',
    );
  });
});

describe('rows inserted between lines, and a formula typed over', () => {
  test('a line inserted between two others is one line added; a total formula now typed is a formula change', () => {
    const rows: CellValue[][] = [
      ['Service', '2024/25', '2025/26'],
      ['Older people', 52000, 53800],
      ['Learning disability', 38000, 39300],
      ['Mental health', 9000, 9300],
      ['Total', 99000, 102400],
    ];
    const before = withFormula(snapshotFromRows('Plan', rows), { B5: '=SUM(B2:B4)', C5: '=SUM(C2:C4)' });
    const next: CellValue[][] = [
      rows[0],
      rows[1],
      [],
      ['Carers', 1200, 1250],
      rows[2],
      rows[3],
      ['Total', 100200, 103650],
    ];
    // 2025/26's total typed as a number where it was a formula (its value as the formula would give).
    const after = withFormula(snapshotFromRows('Plan', next), { B7: '=SUM(B2:B6)' });
    const { result } = compare(before, after);
    expect(result.changes.map(brief)).toEqual([
      ['line-added', 'info', 'Carers', '', 'Plan!A4'],
      ['formula', 'info', 'Total', 'Plan!C5', 'Plan!C7'],
    ]);
  });
});

describe('a rolling plan: the first year dropped, a new last year added, lines reordered', () => {
  const before = grid('manchester-2009-helped-to-live-at-home');
  // 2005/06 to 2008/09: 2004/05 gone, 2008/09 new; mental health moved to the top; older people up 100 in 2007/08.
  const header = ['Customer group', '2005/06', '2006/07', '2007/08', '2008/09'];
  const after: CellValue[][] = [
    header,
    ['People with Mental Health problems', 739, 1061, 1045, 1100],
    ['Older People', 5704, 5657, 5929, 6010],
    ['People with Physical Disabilities', 1347, 1503, 1726, 1800],
    ['People with Learning Disabilities', 1056, 1082, 1163, 1210],
    ['Total', 8846, 9303, 9863, 10120],
  ];

  test('years by financial year, lines by name: one figure changed, one year added, one removed', () => {
    const { result } = compare(snapshotFromRows('Helped', before), snapshotFromRows('Helped', after));
    expect(result.changes.map(brief)).toEqual([
      ['year-added', 'info', '2008/09', '', 'Helped!E1'],
      ['year-removed', 'info', '2004/05', 'Helped!B3', ''],
      ['figure', 'info', 'Older People', 'Helped!E4', 'Helped!D3'],
    ]);
  });

  test('the bridge: last total + each line’s movement = this total, its check zero, recalculated in HyperFormula', () => {
    const oldSheet = snapshotFromRows('Helped', before);
    const newSheet = snapshotFromRows('Helped', after);
    const { result, oldRead, newRead } = compare(oldSheet, newSheet);
    const [bridge] = buildBridges(oldRead, newRead, result.pairs, { oldName: 'plan-v1.xlsx' });
    expect(bridge.years).toEqual(['2005/06', '2006/07', '2007/08']);
    expect(bridge.rows.map((r) => [r.label, ...r.values])).toEqual([
      ['As in plan-v1.xlsx', 8846, 9303, 9763],
      ['Older People', 0, 0, 100],
      ['Total now', 8846, 9303, 9863],
      ['Check (must be zero)', 0, 0, 0],
    ]);
    // Written beside the new table, then every formula evaluated over the new sheet.
    const spec = buildBridgeSpec(bridge, { sheet: 'Helped', row: 8, col: 0 });
    const cells: (string | number | null)[][] = newSheet.values.map((r) =>
      r.map((v) => (typeof v === 'boolean' ? null : v)),
    );
    spec.cells.forEach((row, i) =>
      row.forEach((c, j) => {
        if (!c) return;
        const r = spec.anchor.row + i;
        while (cells.length <= r) cells.push([]);
        cells[r][spec.anchor.col + j] = c.formula ?? (c.value as string | number | null);
      }),
    );
    const hf = HyperFormula.buildFromSheets({ Helped: cells }, { licenseKey: 'gpl-v3' });
    spec.cells.forEach((row, i) =>
      row.forEach((c, j) => {
        if (!c?.formula) return;
        const got = hf.getCellValue({ sheet: 0, row: spec.anchor.row + i, col: spec.anchor.col + j });
        expect({ formula: c.formula, got }).toEqual({ formula: c.formula, got: c.value });
      }),
    );
    const check = spec.cells.findIndex((r) => r[0]?.value === 'Check (must be zero)');
    for (let j = 1; j <= 3; j++) expect(hf.getCellValue({ sheet: 0, row: spec.anchor.row + check, col: j })).toBe(0);
    // Live: the new figure of Older People 2007/08 changed in the sheet moves the bridge with it.
    const at = parseA1('D3')!;
    hf.setCellContents({ sheet: 0, row: at.row, col: at.col }, [[6029]]);
    const moveRow = spec.cells.findIndex((r) => r[0]?.value === 'Older People');
    expect(hf.getCellValue({ sheet: 0, row: spec.anchor.row + moveRow, col: 3 })).toBe(200);
    hf.destroy();
  });
});

describe('differences said as Validate says figures', () => {
  const rows: CellValue[][] = [
    ['Service', '2024/25', '2025/26'],
    ['Older people', 52000, 53800],
    ['Mental health', 9000, 9300],
    ['Total', 61000, 63100],
  ];
  const down = (format: string | null) => {
    const before = snapshotFromRows('Plan', rows);
    const after = snapshotFromRows('Plan', [rows[0], ['Older people', 52000, 53380], rows[2], ['Total', 61000, 62680]]);
    for (const s of [before, after]) s.numberFormats = s.values.map((r) => r.map(() => format));
    return compare(before, after).result.changes.map((c) => c.message);
  };

  test('a fall in brackets where the table shows its negatives so, with a minus sign where it does not', () => {
    expect(down('#,##0;(#,##0)')).toEqual(['Older people, 2025/26: 53,800 to 53,380, difference (420)']);
    expect(down('#,##0')).toEqual(['Older people, 2025/26: 53,800 to 53,380, difference -420']);
  });
});
