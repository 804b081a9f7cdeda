/**
 * Bad input (issue 8): whatever a council's shared drive holds, `plancheck check` either says in one
 * sentence, naming the file, why it cannot use it (exit 2), or, where the file is a workbook after
 * all, reports findings or nothing (exit 0 or 1). Never a stack trace.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';

import { ENGINE } from '../../src/app/engine';
import type { Settings } from '../../src/engine/settings';
import { openFile, saveFile } from '../../src/xlsx/files';
import { oleFile, storedZip } from '../xlsx/helpers';
import { editedCopy, MANCHESTER, plancheck, plancheckJson, tempDir, type CheckJson, type Run } from './helpers';

let dir: string;

beforeAll(async () => {
  dir = await tempDir('plancheck-cli-bad-');
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function write(name: string, bytes: Buffer | string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  return file;
}

/** Exit 2, nothing on stdout, and exactly one sentence on stderr naming the file, no stack trace. */
function expectRefusal(run: Run, names: string, says: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.out).toBe('');
  const lines = run.err.split('\n').filter((l) => l.trim() !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(names);
  expect(lines[0]).toMatch(says);
  expect(lines[0]).toMatch(/\.$/);
  expect(run.err).not.toMatch(/^\s*at /m);
  expect(run.err).not.toMatch(/\b(TypeError|ReferenceError|RangeError|Error):/);
}

/** A workbook after all: exit 0 or 1 matching its errors, and nothing on stderr. */
function expectReport(run: Run & { json: CheckJson }): void {
  expect(run.err).toBe('');
  expect(run.code).toBe(run.json.findings.some((f) => f.severity === 'error') ? 1 : 0);
}

describe('files that are not workbooks: exit 2 and one sentence naming the file', () => {
  test('a path that does not exist', async () => {
    const file = path.join(dir, 'no-such-plan.xlsx');
    expectRefusal(await plancheck('check', file), 'no-such-plan.xlsx', /does not exist/);
  });

  test('a folder', async () => {
    const folder = path.join(dir, 'plans.xlsx');
    await fs.mkdir(folder);
    expectRefusal(await plancheck('check', folder), 'plans.xlsx', /is a folder/);
  });

  test('an empty file', async () => {
    expectRefusal(await plancheck('check', await write('empty.xlsx', '')), 'empty.xlsx', /is empty/);
  });

  test('random bytes', async () => {
    const bytes = Buffer.alloc(8192);
    let s = 2009;
    for (let i = 0; i < bytes.length; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      bytes[i] = s >>> 24;
    }
    bytes[0] = 0x01;
    expectRefusal(await plancheck('check', await write('noise.xlsx', bytes)), 'noise.xlsx', /not an Excel workbook/);
  });

  test('a CSV export renamed .xlsx', async () => {
    const csv =
      'Ref,Budget Headline,2010/11\r\n03,Services for Older People,74026\r\n04,Adults - Physical Disability,20365\r\n';
    expectRefusal(
      await plancheck('check', await write('export.xlsx', csv)),
      'export.xlsx',
      /is a text or CSV file.*save it as an Excel Workbook/,
    );
  });

  test('an old .xls renamed .xlsx', async () => {
    const xls = oleFile(['Root Entry', 'Workbook', '\u0005SummaryInformation']);
    expectRefusal(
      await plancheck('check', await write('plan-2009.xlsx', xls)),
      'plan-2009.xlsx',
      /old-style \.xls workbook/,
    );
  });

  test('a password-protected workbook', async () => {
    const locked = oleFile(['Root Entry', '\u0006DataSpaces', 'EncryptionInfo', 'EncryptedPackage']);
    expectRefusal(
      await plancheck('check', await write('locked.xlsx', locked)),
      'locked.xlsx',
      /is password-protected.*remove the password/,
    );
  });

  test('a zip that is not a workbook (a Word document renamed)', async () => {
    const docx = storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expectRefusal(
      await plancheck('check', await write('minutes.xlsx', docx)),
      'minutes.xlsx',
      /is a zip file but not an Excel workbook/,
    );
  });

  test('a workbook cut short (an e-mail attachment that did not finish)', async () => {
    const whole = await fs.readFile(MANCHESTER);
    const cut = await write('cut-short.xlsx', whole.subarray(0, Math.floor(whole.length * 0.6)));
    expectRefusal(await plancheck('check', cut), 'cut-short.xlsx', /is damaged/);
  });

  test.each(['tables', 'risks', 'benchmark'])('%s says the same sentence as check', async (command) => {
    expectRefusal(await plancheck(command, await write('empty-too.xlsx', '')), 'empty-too.xlsx', /is empty/);
  });
});

describe('workbooks with awkward contents: findings or nothing', () => {
  test('a sheet 16,384 columns wide (a value in XFD1) still has its plan checked', async () => {
    const file = await editedCopy(MANCHESTER, path.join(dir, 'wide.xlsx'), (wb) => {
      wb.getWorksheet('Financial plan')!.getCell('XFD1').value = 'Last column note';
    });
    const run = await plancheckJson<CheckJson>('check', file);
    expectReport(run);
    expect(run.json.tables.map((t) => t.range)).toContain('B5:M54');
    expect(run.json.findings.map((f) => f.cell)).toContain('G9');
  });

  test('merged cells over the header rows', async () => {
    const file = await editedCopy(MANCHESTER, path.join(dir, 'merged.xlsx'), (wb) => {
      const ws = wb.getWorksheet('Financial plan')!;
      ws.mergeCells('B5:B6');
      ws.mergeCells('C5:C6');
      ws.mergeCells('M5:M6');
      ws.mergeCells('B2:M2');
    });
    const run = await plancheckJson<CheckJson>('check', file);
    expectReport(run);
    expect(run.code).toBe(0);
    expect(run.json.tables.map((t) => t.range)).toContain('B5:M54');
  });

  test('a circular reference with its cached values', async () => {
    const file = await editedCopy(MANCHESTER, path.join(dir, 'circular.xlsx'), (wb) => {
      const ws = wb.getWorksheet('Financial plan')!;
      ws.getCell('K10').value = { formula: 'K11-12541+0*K10', result: 1353 };
      ws.getCell('K11').value = { formula: 'K10+12541', result: 13894 };
    });
    const run = await plancheckJson<CheckJson>('check', file);
    expectReport(run);
    expect(run.json.findings.map((f) => f.cell)).toContain('G9');
  });

  test('#REF! and #DIV/0! inside the plan: an error finding at each cell', async () => {
    const file = await editedCopy(MANCHESTER, path.join(dir, 'error-values.xlsx'), (wb) => {
      const ws = wb.getWorksheet('Financial plan')!;
      ws.getCell('K10').value = { error: '#REF!' };
      ws.getCell('J14').value = { formula: 'J15/0', result: { error: '#DIV/0!' } };
    });
    const run = await plancheckJson<CheckJson>('check', file);
    expectReport(run);
    expect(run.code).toBe(1);
    const errorValues = run.json.findings.filter((f) => f.rule === 'figures.error-value');
    expect(errorValues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cell: 'K10', severity: 'error', message: expect.stringContaining('#REF!') }),
        expect.objectContaining({ cell: 'J14', severity: 'error', message: expect.stringContaining('#DIV/0!') }),
      ]),
    );
  });

  test('a 32,000-character cell inside the plan', async () => {
    const file = await editedCopy(MANCHESTER, path.join(dir, 'long-text.xlsx'), (wb) => {
      const ws = wb.getWorksheet('Financial plan')!;
      ws.getCell('C13').value = 'Adults – Physical Disability. ' + 'x'.repeat(32000 - 30);
      ws.getCell('M17').value = 'N'.repeat(32000);
    });
    const run = await plancheckJson<CheckJson>('check', file);
    expectReport(run);
    expect(run.json.tables.map((t) => t.range)).toContain('B5:M54');
  });

  test('a workbook with one empty sheet: nothing found, exit 0', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    const file = path.join(dir, 'blank.xlsx');
    await wb.xlsx.writeFile(file);
    const run = await plancheckJson<CheckJson>('check', file);
    expectReport(run);
    expect(run.json).toMatchObject({ tables: [], findings: [] });
  });
});

describe('bad configs and arguments: exit 2 and one sentence', () => {
  test('settings of the wrong shape kept in the workbook itself are ignored, not fatal', async () => {
    const port = await openFile(MANCHESTER);
    await port.saveSettings({ tables: 5, cashLimits: { '2010/11': 130000 } } as unknown as Settings);
    const file = path.join(dir, 'hand-edited-settings.xlsx');
    await saveFile(port, file);
    const run = await plancheckJson<CheckJson>('check', file);
    expectReport(run);
    // The well-shaped cash limit still counts; the broken table list is left out.
    expect(run.code).toBe(1);
    expect(run.json.findings.map((f) => f.rule)).toContain('cashlimit.over');
    expect(run.json.tables).toContainEqual({ sheet: 'Financial plan', range: 'B5:M54', kind: 'financial-plan' });
  });

  test('a config file that is not JSON', async () => {
    const config = await write('settings.json', 'cashLimits: 2010/11 = 130000\n');
    expectRefusal(await plancheck('check', MANCHESTER, '--config', config), 'settings.json', /is not a JSON object/);
  });

  test('a config file that does not exist', async () => {
    const config = path.join(dir, 'nowhere.json');
    expectRefusal(await plancheck('check', MANCHESTER, '--config', config), 'nowhere.json', /cannot be read/);
  });

  test.each([
    ['tables is not a list', { tables: 5 }, /"tables"/],
    ['a table entry is not an object', { tables: [5] }, /"tables"/],
    ['cashLimits is not an object', { cashLimits: 'lots' }, /"cashLimits"/],
    ['rounding is text', { rounding: 'half a unit' }, /"rounding"/],
    ['risk is a number', { risk: 5 }, /"risk"/],
  ])('a config whose %s', async (_why, config, says) => {
    const file = await write('wrong-shape.json', JSON.stringify(config));
    for (const command of ['tables', 'check', 'risks', 'benchmark']) {
      expectRefusal(await plancheck(command, MANCHESTER, '--config', file), 'wrong-shape.json', says);
    }
  });

  test('projections with a section of the wrong shape', async () => {
    const file = await write('bad-projection.json', JSON.stringify({ projections: { budget: 5 } }));
    expectRefusal(
      await plancheck('project', MANCHESTER, '--config', file),
      'bad-projection.json',
      /projections\.budget must be an object/,
    );
  });

  test('an unknown option', async () => {
    const run = await plancheck('check', MANCHESTER, '--jsn');
    expectRefusal(run, '--jsn', /Unknown option --jsn/);
  });

  test('an unknown command', async () => {
    expectRefusal(await plancheck('audit', MANCHESTER), 'audit', /is not a command/);
  });

  test('a command without its workbook', async () => {
    const run = await plancheck('check');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/check needs a workbook/);
  });
});

describe("PlanCheck's own failure", () => {
  test('an unexpected exception inside a check is still one sentence naming the file, exit 2', async () => {
    // The CLI's check is the pane's (src/app/pipeline.ts), run through the app's engine.
    const spy = jest.spyOn(ENGINE, 'validateWithTally').mockImplementation(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'row')");
    });
    try {
      expectRefusal(await plancheck('check', MANCHESTER), 'manchester-2009-plan.xlsx', /check could not finish on/);
    } finally {
      spy.mockRestore();
    }
  });
});
