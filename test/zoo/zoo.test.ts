/**
 * The layout zoo's contract. For every family of layout councils keep (base-year blocks, grouped
 * plans with subtotals, budget monitoring, Excel tables, transposed and quarterly tables, average
 * and count rows, a year over its measures), in workbooks that also hold contacts, notes, lookups
 * and a pivot table:
 * - the clean variant gives no error and no warning;
 * - each planted mistake is found at its cell with its severity, and nothing else is loud.
 * Both through the engine on snapshots and through `plancheck check --json` on .xlsx files.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { validate } from '../../src/engine/checks';
import { readTables } from '../../src/engine/tables';
import type { CheckJson } from '../cli/helpers';
import { plancheckJson, tempDir } from '../cli/helpers';
import type { ZooWorkbook } from './build';
import { toSnapshot, toXlsx } from './build';
import { FAMILY_NAMES, zooWorkbook } from './families';
import type { Brief } from './score';
import { loud, score } from './score';

function engineFindings(z: ZooWorkbook): Brief[] {
  const wb = toSnapshot(z);
  return validate(wb, readTables(wb));
}

const show = (fs: Brief[]) => fs.map((f) => `${f.severity} ${f.rule} ${f.sheet}!${f.cell}: ${f.message}`);

describe.each(FAMILY_NAMES)('the %s layout', (family) => {
  test('clean: no error and no warning, on the plan or on the sheets beside it', () => {
    const found = engineFindings(zooWorkbook(family, 'clean'));
    expect(show(found.filter(loud))).toEqual([]);
  });

  test('planted: every mistake at its cell with its severity, and nothing else loud', () => {
    const z = zooWorkbook(family, 'planted');
    expect(z.planted.length).toBeGreaterThan(0);
    const found = engineFindings(z);
    const { missed, false: extra } = score(z, found);
    expect({ missed: missed.map((p) => `${p.rule} ${p.cell} (${p.what})`), extra: show(extra) }).toEqual({
      missed: [],
      extra: [],
    });
  });
});

describe('the zoo as .xlsx files, through plancheck check --json', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test.each(FAMILY_NAMES)(
    '%s: clean exits 0 with no error or warning; planted finds exactly its mistakes',
    async (family) => {
      for (const variant of ['clean', 'planted'] as const) {
        const z = zooWorkbook(family, variant);
        const file = path.join(dir, `${z.name}.xlsx`);
        await fs.writeFile(file, await toXlsx(z));
        const run = await plancheckJson<CheckJson>('check', file);
        const findings = run.json.findings as Brief[];
        const { missed, false: extra } = score(z, findings);
        expect({ variant, missed: missed.map((p) => `${p.rule} ${p.cell}`), extra: show(extra) }).toEqual({
          variant,
          missed: [],
          extra: [],
        });
        const errors = z.planted.some((p) => p.severity === 'error');
        expect(run.code).toBe(variant === 'planted' && errors ? 1 : 0);
      }
    },
  );
});

describe('what the reader makes of the zoo', () => {
  test('a grouped plan with headings, blank rows, subtotals and memo rows is one table', () => {
    const read = readTables(toSnapshot(zooWorkbook('grouped-subtotal-over-all', 'clean')));
    const plans = read.tables.filter((t) => t.sheet === 'MTFP');
    expect(plans).toHaveLength(1);
    const t = plans[0];
    expect(t.rows.filter((r) => r.role === 'subtotal').map((r) => r.row + 1)).toEqual([9, 15, 20]);
    expect(t.rows.filter((r) => r.role === 'section').map((r) => r.label)).toEqual([
      'Older people',
      'Working age adults',
      'Support services',
    ]);
    expect(t.rows.filter((r) => r.role === 'memo').map((r) => r.label)).toEqual([
      'Memo: Better Care Fund contribution',
      'Memo: client contributions',
    ]);
    // "Lead officer" names people: an owner column, never figures; "Approved" holds dates.
    expect(t.columns.map((c) => c.role)).toEqual(['label', 'owner', 'year', 'year', 'year', 'date']);
  });

  test('a base-year block over Gross | Net is read as gross and net of that year, not as years', () => {
    const read = readTables(toSnapshot(zooWorkbook('base-year-block', 'clean')));
    const t = read.tables.find((x) => x.sheet === 'Revenue plan')!;
    expect(t.kind).toBe('financial-plan');
    const cols = t.columns.map((c) => `${c.letter} ${c.role}${c.year ? ` ${c.year.label}` : ''}`);
    expect(cols.slice(2, 7)).toEqual([
      'C gross 2023/24',
      'D net 2023/24',
      'E year 2024/25',
      'F year 2025/26',
      'G year 2026/27',
    ]);
  });

  test('contacts, notes and lookups are lists, and a pivot table is a pivot: none of them judged', () => {
    const read = readTables(toSnapshot(zooWorkbook('quarterly', 'clean')));
    const kinds = Object.fromEntries(read.tables.filter((t) => t.sheet !== 'Quarterly').map((t) => [t.sheet, t.kind]));
    expect(kinds).toMatchObject({ Contacts: 'list', Lookups: 'list', Pivot: 'pivot' });
    const contacts = read.tables.find((t) => t.sheet === 'Contacts')!;
    const role = (h: string) => contacts.columns.find((c) => c.header === h)?.role;
    expect([role('Phone'), role('Postcode'), role('Start date'), role('Desk size')]).toEqual([
      'text',
      'text',
      'date',
      'text',
    ]);
  });

  test('an Excel table is read from its own definition, its totals row a total', () => {
    const read = readTables(toSnapshot(zooWorkbook('excel-table', 'clean')));
    const t = read.tables.find((x) => x.sheet === 'Care packages')!;
    expect(t).toMatchObject({ listObject: 'Packages', range: 'B4:F17', kind: 'totals-grid' });
    expect(t.rows[t.rows.length - 1]).toMatchObject({ role: 'total', label: 'Total' });
  });
});
