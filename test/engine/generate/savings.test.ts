import { buildSavingsEnvelope } from '../../../src/engine/generate/savings';
import { summaryLines } from '../../../src/engine/generate/summary';
import { snapshotFromRows, type CellValue } from '../../../src/engine/grid';
import { validateSheets } from '../helpers';
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

  test("the reductions, positive, are Essex's printed (10%), (18%), (23%) and (7%), (12%), (10%) with the sign turned", () => {
    // Essex prints them as changes (a fall negative); PlanCheck's table says a reduction is positive.
    const t = essex();
    const reduction = row(t, 'Total reduction %').slice(1);
    const cash = row(t, 'Cash reduction %').slice(1);
    const turned = (label: string) => (figures(label).slice(1) as number[]).map((v) => -v);
    expect(reduction.map((v) => Math.round(v * 100) / 100)).toEqual(turned('Total MTRS reduction %'));
    expect(cash.map((v) => Math.round(v * 100) / 100)).toEqual(turned('Cash Reduction %'));
    expect(t.summary.cashReductionLastYear).toBeCloseTo(1 - 380 / 421, 12);
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
    expect(hf.value(sheetRow(t, 'Cash reduction %'), 2)).toBeCloseTo(1 - 381 / 421, 12);
    expect(hf.value(sheetRow(t, 'Total reduction %'), 2)).toBeCloseTo(50.1 / 419, 12);
  });

  test('an envelope that grows: both percentages on one sign convention, said in the labels and the summary', () => {
    // The budget grows faster than the savings taken off it: the envelope rises 7.2% while 2.4% is saved.
    const t = buildSavingsEnvelope(
      { firstYear: '2026/27', budget: [120000, 123600, 127300], savings: [4000, 3500, 3000] },
      { sheet: 'S', row: 0, col: 0 },
    );
    const labels = t.rows.map((r) => String(r.label));
    expect(labels).toContain('Total reduction % (total savings ÷ budget; a reduction is positive)');
    expect(labels).toContain('Cash reduction % against 2026/27 (a fall in the envelope is positive, a rise negative)');
    const pct = (label: string) => row(t, label).map((v) => Math.round(v * 1000) / 10);
    expect(pct('Total reduction %')).toEqual([3.3, 2.8, 2.4]);
    expect(pct('Cash reduction %')).toEqual([0, -3.5, -7.2]);
    expect(Object.is(row(t, 'Cash reduction %')[0], 0)).toBe(true);
    expect(summaryLines(t.summary, t.units).filter((l) => /reduction/i.test(l.name))).toEqual([
      { name: 'Total reduction in the last year (a reduction is positive)', value: '2.4%' },
      {
        name: 'Cash reduction in the last year against the first (a fall is positive, a rise negative)',
        value: '-7.2%',
      },
    ]);
    // No savings at all: a reduction of 0, never -0.
    const none = buildSavingsEnvelope(
      { firstYear: '2026/27', budget: [100, 110], savings: [0, 0] },
      { sheet: 'S', row: 0, col: 0 },
    );
    expect(row(none, 'Total reduction %').every((v) => Object.is(v, 0))).toBe(true);
  });

  test("Validate reads each table's percentages by its labels: the generated table's as reductions, Essex's as changes", () => {
    const t = essex();
    const grid = () => t.spec.cells.map((cells) => cells.map((c) => (c ? c.value : null)));
    const percentFindings = (rows: CellValue[][]) =>
      validateSheets(snapshotFromRows('Savings', rows)).filter((f) => f.rule.startsWith('savings.'));
    // As generated: nothing to say, and the percentages were checked.
    expect(percentFindings(grid())).toEqual([]);
    // The same figures under Essex's labels, which say nothing of the sign, read as changes: wrong way round.
    const essexLabels = grid().map((r) =>
      typeof r[0] === 'string' && /reduction %/.test(r[0]) ? [r[0].replace(/ \(.*\)$/, ''), ...r.slice(1)] : r,
    );
    const flagged = percentFindings(essexLabels);
    expect(flagged.map((f) => `${f.rule} ${f.cell}`)).toEqual([
      'savings.percent C10',
      'savings.percent C11',
      'savings.percent D10',
      'savings.percent D11',
      'savings.percent E10',
      'savings.percent E11',
    ]);
    // Essex's labels with Essex's signs: right again.
    const essexSigns = essexLabels.map((r) =>
      typeof r[0] === 'string' && /reduction %/.test(r[0])
        ? [r[0], ...r.slice(1).map((v) => (typeof v === 'number' ? -v + 0 : v))]
        : r,
    );
    expect(percentFindings(essexSigns)).toEqual([]);
  });

  test('the wrong number of savings figures is refused in a sentence', () => {
    expect(() =>
      buildSavingsEnvelope({ firstYear: '2017/18', budget, savings: [0, -28] }, { sheet: 'S', row: 0, col: 0 }),
    ).toThrow('Savings has 2 figures but the budget has 4.');
  });
});
