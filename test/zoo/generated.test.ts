/**
 * The zoo's generator (issue 23, part 4): workbooks composed from independent features, each with one
 * mistake planted or none, through the engine with a fixed seed. Precision and recall are printed;
 * what the engine achieves now is asserted as a floor (false alarms as a ceiling), so a change that
 * finds fewer mistakes or raises more false alarms fails. A fresh seed, 1,000 workbooks and the
 * misses and false alarms by cause: `npm run zoo:generated` (bench/generated.ts).
 */
import { validate } from '../../src/engine/checks';
import type { CellValue } from '../../src/engine/grid';
import { readTables } from '../../src/engine/tables';
import { toSnapshot } from './build';
import type { GeneratedWorkbook } from './generator';
import { describeFeatures, generatedWorkbook, generatedWorkbooks, MISTAKES } from './generator';
import type { Brief } from './score';
import { score } from './score';

const SEED = 1;
const COUNT = 300;

/*
 * Measured on seed 1, 300 workbooks (then 152 clean, 148 planted): at 2e3acbe precision 59.9%, recall 63.5%,
 * 11 clean workbooks loud (each with a staffing table beside the plan). At 4c249cb, with tables
 * ending at a blank column where the units change, group totals above their lines read from their
 * formulas, a letter O typed for a last zero read as a figure gone wrong and a plan with a savings
 * line no longer taken for a savings envelope: precision 85.9%, recall 86.5% (128 of 148), 21 false
 * alarms. With "Total <group>" rows read as subtotals where the grand total proves it and each
 * total's knock-on followed through its formulas to the cell at fault: precision 97.9%, recall 95.3%.
 * The generator then mixed its seed badly (seeds 1, 2 and 77 drew nearly the same workbooks); with
 * that fixed, and with a table cut from the one beside it rejoined to its lower groups: recall 97.5%.
 * Then the generator gained a summary sheet fetching the groups' totals, a figure stored as text and a
 * summary figure typed over as mistakes; seed 1 draws 141 clean and 159 planted. Now, with typed
 * group totals above their lines read as such where the grand total proves it: precision 99.4% (159
 * of 160), recall 100% (159 of 159), 1 false alarm, no clean workbook loud. On 1,000 workbooks,
 * seeds 1, 2, 3, 77 and 4242: recall 99.6%, 99.2%, 99.8%, 99.8%, 100%; precision 99.4-100%; no clean
 * workbook loud in any.
 * Raise these as
 * the engine improves; the misses and false alarms by cause: `npm run zoo:generated -- --seed 1`.
 */
const FLOORS = {
  /** Planted mistakes found at their cell, with their severity and rule (at least). */
  found: 159,
  /** Loud findings that are no planted mistake, in all 300 workbooks (at most). */
  falseAlarms: 1,
  /** Clean workbooks with an error or a warning (at most). */
  cleanWithFalseAlarms: 0,
};

interface Result {
  wb: GeneratedWorkbook;
  findings: Brief[];
  found: number;
  missed: string[];
  false: Brief[];
}

const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
const show = (f: Brief) => `${f.severity} ${f.rule} ${f.sheet}!${f.cell}: ${f.message}`;

describe(`${COUNT} generated workbooks, seed ${SEED}`, () => {
  let results: Result[] = [];
  beforeAll(() => {
    results = generatedWorkbooks(SEED, COUNT).map((wb) => {
      const snap = toSnapshot(wb);
      const findings: Brief[] = validate(snap, readTables(snap));
      const s = score(wb, findings);
      return {
        wb,
        findings,
        found: s.found.length,
        missed: s.missed.map((p) => `${p.rule} ${p.sheet}!${p.cell} (${p.what})`),
        false: s.false,
      };
    });
  });

  test('the generator: one seed gives one run; about half the workbooks hold one mistake, the rest none', () => {
    const again = generatedWorkbook(SEED, 17);
    const first = results[17].wb;
    expect([...again.sheets[0].cells]).toEqual([...first.sheets[0].cells]);
    expect(again.planted).toEqual(first.planted);
    const planted = results.filter((r) => r.wb.planted.length > 0);
    expect(planted.every((r) => r.wb.planted.length === 1)).toBe(true);
    expect(planted.length).toBeGreaterThan(COUNT * 0.4);
    expect(planted.length).toBeLessThan(COUNT * 0.6);
    // Every planted cell is a cell of its sheet (the plan, or the summary), and every kind of mistake is planted.
    const sheetOf = (r: Result) => r.wb.sheets.find((x) => x.name === r.wb.planted[0].sheet);
    expect(planted.every((r) => sheetOf(r)?.cells.has(r.wb.planted[0].cell))).toBe(true);
    expect(new Set(planted.map((r) => r.wb.features.mistake))).toEqual(new Set(MISTAKES));
  });

  test('every formula evaluates to a number, as Excel would show it', () => {
    const bad: string[] = [];
    for (const { wb } of results.slice(0, 100)) {
      const snap = toSnapshot(wb);
      for (const s of snap.sheets)
        s.formulas.forEach((row, r) =>
          row.forEach((f, c) => {
            const v: CellValue = s.values[r][c];
            if (f && typeof v !== 'number') bad.push(`#${wb.index} ${s.name} r${r + 1}c${c + 1} ${f} = ${String(v)}`);
          }),
        );
    }
    expect(bad).toEqual([]);
  });

  test('precision and recall: no fewer mistakes found, no more false alarms, than measured', () => {
    const planted = results.reduce((a, r) => a + r.wb.planted.length, 0);
    const found = results.reduce((a, r) => a + r.found, 0);
    const falseAlarms = results.reduce((a, r) => a + r.false.length, 0);
    const clean = results.filter((r) => r.wb.planted.length === 0);
    const cleanLoud = clean.filter((r) => r.false.length > 0);
    console.log(
      [
        `seed ${SEED}, ${COUNT} workbooks (${clean.length} clean, ${COUNT - clean.length} planted)`,
        `precision ${pct(found, found + falseAlarms)} (${found} of ${found + falseAlarms} loud findings are planted mistakes)`,
        `recall ${pct(found, planted)} (${found} of ${planted} planted mistakes found at their cell, rule and severity)`,
        `clean workbooks with an error or warning: ${cleanLoud.length} of ${clean.length}`,
        ...cleanLoud
          .slice(0, 5)
          .map((r) => `  #${r.wb.index} [${describeFeatures(r.wb.features)}]: ${show(r.false[0])}`),
      ].join('\n'),
    );
    expect(found).toBeGreaterThanOrEqual(FLOORS.found);
    expect(falseAlarms).toBeLessThanOrEqual(FLOORS.falseAlarms);
    expect(cleanLoud.length).toBeLessThanOrEqual(FLOORS.cleanWithFalseAlarms);
  });
});
