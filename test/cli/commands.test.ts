/**
 * plancheck's commands on the committed sample workbooks, as a finance officer or a CI script
 * would run them: what is printed, in what shape, and the exit status.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import {
  editedCopy,
  MANCHESTER,
  PLAN_SAMPLE,
  plancheck,
  plancheckJson,
  sample,
  tempDir,
  type CheckJson,
  type FindingJson,
} from './helpers';

interface TableJson {
  sheet: string;
  range: string;
  kind: string;
  unit: string | null;
  years: string[];
  columns: { letter: string; header: string; role: string; year: string | null }[];
}

let dir: string;

beforeAll(async () => {
  dir = await tempDir();
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('plancheck tables', () => {
  test('lists every table with its sheet, range, kind, column roles, years and units', async () => {
    const { code, json, err } = await plancheckJson<{ workbook: string; tables: TableJson[] }>('tables', PLAN_SAMPLE);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(json.workbook).toBe('plancheck-sample.xlsx');

    const plan = json.tables.find((t) => t.sheet === 'Financial plan');
    expect(plan).toMatchObject({
      range: 'B5:M54',
      kind: 'financial-plan',
      unit: '£000',
      years: ['2009/10', '2010/11', '2011/12'],
    });
    const roles = Object.fromEntries(plan!.columns.map((c) => [c.letter, c.role]));
    expect(roles).toMatchObject({ C: 'label', F: 'year', I: 'source', K: 'funding' });
    expect(plan!.columns.find((c) => c.letter === 'K')!.year).toBe('2010/11');

    expect(json.tables.find((t) => t.sheet === 'Comparators')?.kind).toBe('comparator');
    for (const t of json.tables) {
      expect(t).toEqual(
        expect.objectContaining({ sheet: expect.any(String), range: expect.stringMatching(/^[A-Z]+\d+:[A-Z]+\d+$/) }),
      );
      expect(Array.isArray(t.columns)).toBe(true);
      expect(Array.isArray(t.years)).toBe(true);
      expect(t).toHaveProperty('unit');
    }
  });

  test('without --json, prints one readable block per table', async () => {
    const { code, out } = await plancheck('tables', MANCHESTER);
    expect(code).toBe(0);
    expect(out).toContain('Financial plan!B5:M54  Financial plan (lines, years, funding sources)');
    expect(out).toMatch(/unit £000; header rows 5, 6/);
  });
});

describe('plancheck check', () => {
  test('the Manchester 2009 plan: no errors, the rounding note at the line that is £1k short', async () => {
    const { code, json } = await plancheckJson<CheckJson>('check', MANCHESTER);
    expect(code).toBe(0);
    expect(json.workbook).toBe('manchester-2009-plan.xlsx');
    expect(json.tables).toContainEqual({ sheet: 'Financial plan', range: 'B5:M54', kind: 'financial-plan' });
    for (const t of json.tables) expect(Object.keys(t).sort()).toEqual(['kind', 'range', 'sheet']);
    for (const f of json.findings) {
      expect(f).toEqual(
        expect.objectContaining({
          rule: expect.any(String),
          severity: expect.stringMatching(/^(error|warning|info)$/),
          sheet: expect.any(String),
          cell: expect.stringMatching(/^[A-Z]+\d+$/),
          message: expect.any(String),
        }),
      );
    }
    expect(json.findings.filter((f) => f.severity === 'error')).toEqual([]);

    const g9 = json.findings.find((f) => f.sheet === 'Financial plan' && f.cell === 'G9');
    expect(g9).toMatchObject({
      severity: 'info',
      message:
        'Funding for 03 Services for Older People in 2010/11 adds up to 74,025 (£000), 1 short of its cash limit of 74,026: a rounding difference',
      expected: 74026,
      actual: 74025,
    });
  });

  test('the text report says the counts and puts each finding at its cell', async () => {
    const { code, out } = await plancheck('check', MANCHESTER);
    expect(code).toBe(0);
    // No uplift is set in the sample, so its rises are not judged: three rounding notes only.
    expect(out.split('\n')[0]).toBe('manchester-2009-plan.xlsx: 6 tables, 0 errors, 0 warnings, 3 notes');
    expect(out).toContain('INFO    Financial plan!G9  Funding for 03 Services for Older People in 2010/11');
  });

  test("a line whose funding no longer adds up: exit 1 and an error at that line's cash limit", async () => {
    // 04 Adults – Physical Disability, 2010/11: cash limit G13 = 20,365; its Contributions (K14)
    // raised by 500 so its four sources add up to 20,865.
    const broken = await editedCopy(MANCHESTER, path.join(dir, 'planted-error.xlsx'), (wb) => {
      wb.getWorksheet('Financial plan')!.getCell('K14').value = 7886;
    });
    const { code, json } = await plancheckJson<CheckJson>('check', broken);
    expect(code).toBe(1);
    const error = json.findings.find((f) => f.severity === 'error' && f.cell === 'G13');
    expect(error).toBeDefined();
    expect(error!.sheet).toBe('Financial plan');
    expect(error!.message).toMatch(/04 Adults – Physical Disability/);
    expect(error!.message).toMatch(/20,865/);
    expect(error!.message).toMatch(/20,365/);
    expect(error!.message).not.toMatch(/rounding difference/);
  });

  test('--config with a cash limit below 2010/11 plan: exit 1 and a cashlimit.over finding', async () => {
    const config = path.join(dir, 'tight-limit.json');
    await fs.writeFile(config, JSON.stringify({ cashLimits: { '2010/11': 130000 } }));
    const { code, json } = await plancheckJson<CheckJson>('check', MANCHESTER, '--config', config);
    expect(code).toBe(1);
    const over = json.findings.find((f) => f.rule === 'cashlimit.over');
    expect(over).toMatchObject({ severity: 'error', sheet: 'Financial plan' });
    expect(over!.message).toMatch(/2010\/11.*138,560.*over the cash limit of 130,000/);
  });

  test('--config with a generous cash limit: the plan is within it and still exits 0', async () => {
    const config = path.join(dir, 'generous-limit.json');
    await fs.writeFile(config, JSON.stringify({ cashLimits: { '2010/11': 190000 } }));
    const { code, json } = await plancheckJson<CheckJson>('check', MANCHESTER, '--config', config);
    expect(code).toBe(0);
    expect(json.findings.some((f) => f.rule === 'cashlimit.over')).toBe(false);
  });
});

describe('plancheck risks', () => {
  test('--json: each register with its risks scored, banded and compared with what it states', async () => {
    const { code, json } = await plancheckJson<{
      registers: { sheet: string; range: string; matrix: string; risks: Record<string, unknown>[] }[];
      findings: FindingJson[];
    }>('risks', MANCHESTER);
    expect([0, 1]).toContain(code);
    expect(code).toBe(json.findings.some((f) => f.severity === 'error') ? 1 : 0);
    expect(json.registers.length).toBeGreaterThan(0);
    const business = json.registers.find((r) => r.sheet === 'Business risk register')!;
    expect(business.range).toBe('A1:I6');
    expect(business.risks.length).toBe(5);
    for (const r of json.registers) {
      for (const k of r.risks) {
        expect(Object.keys(k).sort()).toEqual(['band', 'id', 'impact', 'likelihood', 'row', 'score', 'stated']);
        expect(typeof k.id).toBe('string');
        expect(typeof k.row).toBe('number');
      }
    }
    expect(business.risks[0]).toMatchObject({ id: '1', row: 2, likelihood: 2, impact: 3, score: 6 });
  });
});

describe('plancheck benchmark', () => {
  test('--json: each indicator against its comparators', async () => {
    const { code, json } = await plancheckJson<{ indicators: Record<string, unknown>[]; findings: FindingJson[] }>(
      'benchmark',
      sample('worcestershire-2018.xlsx'),
      '--config',
      sample('configs/worcestershire.json'),
    );
    expect([0, 1]).toContain(code);
    expect(json.indicators.length).toBeGreaterThan(0);
    for (const i of json.indicators) {
      expect(Object.keys(i).sort()).toEqual(
        [
          'comparatorAverage',
          'flag',
          'indicator',
          'median',
          'of',
          'own',
          'percentile',
          'polarity',
          'quartile',
          'rank',
          'variance',
          'variancePct',
        ].sort(),
      );
      expect(typeof i.indicator).toBe('string');
    }
    expect(json.indicators[0]).toMatchObject({ own: expect.any(Number), rank: expect.any(Number) });
  });
});

describe('plancheck project', () => {
  test('--config projections.json: prints each projection table', async () => {
    const { code, json } = await plancheckJson<
      { table: string; columns: string[]; rows: { label: string; values: unknown[] }[] }[]
    >('project', sample('birmingham-2008.xlsx'), '--config', sample('configs/projections.json'));
    expect(code).toBe(0);
    expect(json.length).toBeGreaterThan(0);
    const budget = json.find((t) => t.table === 'Budget projection')!;
    expect(budget.columns).toEqual(['2011/12 (base)', '2012/13', '2013/14', '2014/15']);
    const older = budget.rows[0];
    expect(older.label).toBe('Services for Older People');
    expect(older.values[0]).toBe(75376);
    // Inflation 2.5% and this line's own growth 1.8%, compounded.
    expect(older.values[1]).toBeCloseTo(75376 * 1.025 * 1.018, 6);
    for (const t of json) expect(t.rows.every((r) => r.values.length === t.columns.length)).toBe(true);
  });

  test('without --config: exit 2 and one sentence saying what it needs', async () => {
    const { code, out, err } = await plancheck('project', sample('birmingham-2008.xlsx'));
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/project needs --config with a "projections" section/);
  });
});
