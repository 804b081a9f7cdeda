/**
 * The budget bridge written into Excel through the Office.js port: its cells, and beside them the
 * waterfall drawn the usual way where Office.js has no waterfall chart type: a stacked column over the
 * chart data block whose first series (the base that lifts each step) has no fill and no legend.
 */
import { buildBridgeSpec, type Bridge } from '../../src/engine/compare';
import { OfficePort } from '../../src/excel/officePort';
import { FakeExcel } from './fakeExcel';

const BRIDGE: Bridge = {
  table: 'Plan!A1:D6',
  title: 'Budget bridge: Net budget',
  years: ['2025/26', '2026/27'],
  rows: [
    { label: 'As in plan-v1.xlsx', kind: 'start', values: [90000, 93100] },
    {
      label: 'Older people',
      kind: 'movement',
      values: [500, 700],
      refs: [
        { newCells: ['Plan!$B$2'], oldValue: 52000 },
        { newCells: ['Plan!$C$2'], oldValue: 53800 },
      ],
    },
    {
      label: 'Learning disability',
      kind: 'movement',
      values: [-200, 0],
      refs: [
        { newCells: ['Plan!$B$3'], oldValue: 38000 },
        { newCells: ['Plan!$C$3'], oldValue: 39300 },
      ],
    },
    {
      label: 'Total now',
      kind: 'end',
      values: [90300, 93800],
      refs: [
        { newCells: ['Plan!$B$4'], oldValue: 0 },
        { newCells: ['Plan!$C$4'], oldValue: 0 },
      ],
    },
    { label: 'Check (must be zero)', kind: 'check', values: [0, 0] },
  ],
};

test('the bridge and its waterfall: a stacked column whose base series is invisible', async () => {
  const excel = new FakeExcel();
  excel.addSheet('Plan');
  const port = new OfficePort({ run: excel.run });
  const spec = buildBridgeSpec(BRIDGE, { sheet: 'Budget bridge', row: 0, col: 0 }, true);
  expect(spec.charts).toEqual([
    {
      type: 'waterfall',
      title: 'Budget bridge: Net budget, 2025/26',
      data: { top: 1, left: 6, bottom: 5, right: 10 },
      at: { row: 8, col: 0 },
    },
  ]);
  // The chart data: the rise of older people stands on 90,000; the fall of learning disability on 90,300.
  expect(spec.cells[3].slice(6).map((c) => c?.value)).toEqual(['Older people', 90000, 500, 0, 0]);
  expect(spec.cells[4].slice(6).map((c) => c?.value)).toEqual(['Learning disability', 90300, 0, 200, 0]);
  await port.write(spec);
  const chart = excel.sheet('Budget bridge')?.charts[0];
  expect(chart).toMatchObject({
    type: 'ColumnStacked',
    source: 'G2:K6',
    title: 'Budget bridge: Net budget, 2025/26',
    clearedSeries: [0],
    legendVisible: false,
  });
});

test('a template’s own total, marked to refresh, is neither refused as occupied nor rewritten: Excel recalculates it', async () => {
  const excel = new FakeExcel();
  excel.addSheet('Projection', [
    ['Service', '2025/26'],
    ['Home care', null],
    ['Total', 0],
  ]);
  excel.setCell('Projection', 'B3', { formula: '=SUM(B2:B2)', value: 0 });
  const port = new OfficePort({ run: excel.run });
  await port.write({
    title: 'fill',
    anchor: { sheet: 'Projection', row: 1, col: 1 },
    cells: [[{ formula: '=1000*1.03', value: 1030 }], [{ formula: '=SUM(B2:B2)', value: 1030, refresh: true }]],
  });
  // The fake keys cells by "row,column" (0-based): B3 is "2,1", B2 is "1,1".
  expect(excel.sheet('Projection')?.formulas.get('2,1')).toBe('=SUM(B2:B2)');
  expect(excel.sheet('Projection')?.formulas.get('1,1')).toBe('=1000*1.03');
});
