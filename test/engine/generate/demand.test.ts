import { buildDemand } from '../../../src/engine/generate/demand';
import { evaluate } from './evaluate';
import { MANCHESTER_POPULATION, printed, seedRow } from './seeds';

// Manchester 2009, section 1.9: the 85+ population (mid 2007, 2008, 2010) and dementia prevalence.
const columns = MANCHESTER_POPULATION.columns.slice(3); // "Mid 2007", "2008", "2010"
const over85 = seedRow(MANCHESTER_POPULATION, 'Manchester population 85+').slice(2) as number[];
const over75 = seedRow(MANCHESTER_POPULATION, 'Manchester population 75 - 84').slice(2) as number[];
const prevalence = MANCHESTER_POPULATION.related!.dementia_prevalence;
const menOver85 = (printed(prevalence['men 85+']) as number) * 100; // 19.7

const manchester = (unitCost?: number) =>
  buildDemand(
    {
      years: columns,
      measure: 'People with dementia',
      bands: [
        { label: '75 - 84', population: over75, rate: 6 },
        { label: '85+', population: over85, rate: menOver85 },
      ],
      unitCost,
    },
    { sheet: 'Demand', row: 0, col: 0 },
  );

function row(t: ReturnType<typeof manchester>, label: string) {
  const r = t.rows.find((x) => x.label === label);
  if (!r) throw new Error(`no row ${label}`);
  return r.values as number[];
}
function sheetRows(t: ReturnType<typeof manchester>, label: string): number[] {
  return t.spec.cells.flatMap((c, i) => (c[0]?.value === label ? [i] : []));
}

describe('demand from population × prevalence × unit cost', () => {
  test("Manchester's 85+ population of 7,400 in 2008 at 19.7% prevalence gives 1,457.8 people with dementia", () => {
    const t = manchester(30000);
    expect(t.columns).toEqual(['Mid 2007', '2008', '2010']);
    expect(over85).toEqual([7200, 7400, 7600]);
    const people = row(t, 'People with dementia: 85+');
    expect(people[1]).toBeCloseTo(1457.8, 9);
    expect(row(t, 'Total people with dementia')[1]).toBeCloseTo(1457.8 + 18000 * 0.06, 9);
    expect(row(t, 'Cost (£): 85+')[1]).toBeCloseTo(1457.8 * 30000, 6);
    expect(t.summary.costLastYear).toBeCloseTo((7600 * 0.197 + 17500 * 0.06) * 30000, 6);
  });

  test('every formula evaluates to the value stored with it', () => {
    const t = manchester(30000);
    const hf = evaluate(t.spec);
    expect(hf.formulaCount()).toBe(2 * (2 * 3 + 3));
    expect(hf.mismatches()).toEqual([]);
  });

  test("the women's rate of 25.2% typed over the 85+ rate flows through people and cost", () => {
    const t = manchester(30000);
    const hf = evaluate(t.spec);
    const rates = t.spec.names!.find((n) => n.name === 'Demand_Rates')!;
    hf.set(rates.top + 1, rates.left, 0.252);
    // '85+' heads a row in the rates, the population, the people and the cost blocks
    const [, , peopleRow, costRow] = sheetRows(t, '85+');
    expect(hf.value(peopleRow, 3)).toBeCloseTo(7600 * 0.252, 9);
    expect(hf.value(costRow, 3)).toBeCloseTo(7600 * 0.252 * 30000, 6);
  });

  test('year labels such as "2008" stay text, and with no unit cost there is no cost block', () => {
    const t = manchester();
    expect(t.rows.some((r) => r.label.startsWith('Cost'))).toBe(false);
    expect(t.summary.costLastYear).toBeUndefined();
    const hf = evaluate(t.spec);
    expect(hf.mismatches()).toEqual([]);
    const header = t.spec.excelTable!.top;
    expect(hf.value(header, 2)).toBe('2008');
    expect(t.spec.cells[header + 1][1]?.numberFormat).toBe('#,##0');
  });

  test('a band whose population misses a year is refused in a sentence', () => {
    expect(() =>
      buildDemand(
        { years: ['2008', '2010'], bands: [{ label: '85+', population: [7400], rate: 19.7 }] },
        { sheet: 'D', row: 0, col: 0 },
      ),
    ).toThrow('The population of "85+" has 1 figures but there are 2 years.');
  });
});
