import { buildSavingsEnvelope } from '../../../src/engine/generate/savings';
import { evaluate } from './evaluate';
import { ESSEX_SAVINGS, printed, seedRow } from './seeds';

const figures = (label: string) => seedRow(ESSEX_SAVINGS, label).map(printed);
const budget = figures('Current MTRS') as number[];
const targets = figures('Savings Target') as number[];
const planned = [0, ...Object.values(ESSEX_SAVINGS.related!.savings_already_in_mtrs).map(Number)];

const essex = () =>
  buildSavingsEnvelope(
    {
      firstYear: '2017/18',
      budget,
      savings: targets,
      alreadyPlanned: planned,
      heading: 'Adult Social Care',
      units: '£m',
    },
    { sheet: 'Savings envelope', row: 0, col: 0 },
  );

function row(t: ReturnType<typeof essex>, label: string) {
  const r = t.rows.find((x) => x.label.startsWith(label));
  if (!r) throw new Error(`no row ${label}`);
  return r.values as number[];
}

function sheetRow(t: ReturnType<typeof essex>, label: string): number {
  return t.spec.cells.findIndex((c) => typeof c[0]?.value === 'string' && (c[0].value as string).startsWith(label));
}

describe('Essex 2017 savings targets as a live savings envelope', () => {
  test("Essex's envelope for 2018/19 is budget less savings as printed: 419 − 28 = 391", () => {
    const t = essex();
    expect(t.columns).toEqual(['2017/18', '2018/19', '2019/20', '2020/21']);
    expect(row(t, 'Financial envelope')).toEqual(figures('Financial Envelope'));
    expect(row(t, 'Financial envelope')[1]).toBe(391);
  });

  test('total savings add the savings already in the MTRS, and round to the printed (40), (76), (106)', () => {
    const total = row(essex(), 'Total savings');
    expect(total.map((v) => Math.round(v))).toEqual([0, -40, -76, -106]);
    expect(figures('Total Savings').slice(1)).toEqual([-40, -76, -106]);
    expect(total[1]).toBeCloseTo(-40.1, 10);
  });

  test('the reduction percentages round to the printed (10%), (18%), (23%) and (7%), (12%), (10%)', () => {
    const t = essex();
    const reduction = row(t, 'Total reduction %').slice(1);
    const cash = row(t, 'Cash reduction %').slice(1);
    expect(reduction.map((v) => Math.round(v * 100) / 100)).toEqual(figures('Total MTRS reduction %').slice(1));
    expect(cash.map((v) => Math.round(v * 100) / 100)).toEqual(figures('Cash Reduction %').slice(1));
    expect(t.summary.cashReductionLastYear).toBeCloseTo(380 / 421 - 1, 12);
  });

  test('every formula evaluates to the value stored with it, and savings are negative in brackets', () => {
    const t = essex();
    const hf = evaluate(t.spec);
    expect(hf.formulaCount()).toBe(16);
    expect(hf.mismatches()).toEqual([]);
    const target = sheetRow(t, 'Savings target');
    expect(t.spec.cells[target][2]).toMatchObject({ value: -28, input: true, numberFormat: '#,##0;(#,##0)' });
    expect(t.spec.cells[sheetRow(t, 'Total reduction %')][2]?.numberFormat).toBe('0.0%');
  });

  test('savings typed as positive figures are still taken off the budget', () => {
    const t = buildSavingsEnvelope(
      { firstYear: '2017/18', budget, savings: [0, 28, 61, 91] },
      { sheet: 'S', row: 0, col: 0 },
    );
    expect(row(t, 'Financial envelope')).toEqual([421, 391, 372, 380]);
  });

  test('a bigger savings target typed into the sheet flows through the envelope and the percentages', () => {
    const t = essex();
    const hf = evaluate(t.spec);
    const target = sheetRow(t, 'Savings target');
    hf.set(target, 2, -38);
    expect(hf.value(sheetRow(t, 'Financial envelope'), 2)).toBe(381);
    expect(hf.value(sheetRow(t, 'Total savings'), 2)).toBeCloseTo(-50.1, 10);
    expect(hf.value(sheetRow(t, 'Cash reduction %'), 2)).toBeCloseTo(381 / 421 - 1, 12);
  });

  test('the wrong number of savings figures is refused in a sentence', () => {
    expect(() =>
      buildSavingsEnvelope({ firstYear: '2017/18', budget, savings: [0, -28] }, { sheet: 'S', row: 0, col: 0 }),
    ).toThrow('Savings has 2 figures but the budget has 4.');
  });
});
