/**
 * openFile turns every bad input into one plain sentence naming the file (the CLI prints it and
 * exits 2); saveFile writes a copy atomically and never over its input.
 */
import { promises as fs } from 'fs';
import * as path from 'path';

import { PortError } from '../../src/engine/port';
import { openFile, saveFile } from '../../src/xlsx/files';
import { buildManchester2019 } from '../../scripts/build-samples';
import { tempDir, writeBadInputs } from './helpers';

let dir: string;
let inputs: Record<string, string>;
let good: string;

beforeAll(async () => {
  dir = await tempDir();
  good = path.join(dir, 'good.xlsx');
  const bytes = Buffer.from(await buildManchester2019().xlsx.writeBuffer());
  await fs.writeFile(good, bytes);
  inputs = await writeBadInputs(dir, bytes);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function failure(file: string): Promise<PortError> {
  try {
    await openFile(file);
  } catch (e) {
    return e as PortError;
  }
  throw new Error(`${file} opened, but it should not have`);
}

const cases: [string, RegExp][] = [
  ['empty.xlsx', /is empty/],
  ['random.xlsx', /is not an Excel workbook/],
  ['budget-export.xlsx', /is a text or CSV file/],
  ['old-plan.xlsx', /old-style \.xls workbook.*save it as an Excel Workbook \(\.xlsx\)/],
  ['locked-plan.xlsx', /is password-protected/],
  ['not-a-workbook.xlsx', /is a zip file but not an Excel workbook/],
  ['truncated.xlsx', /is damaged/],
  ['missing.xlsx', /does not exist/],
  ['a-folder.xlsx', /is a folder/],
];

describe('openFile on bad input', () => {
  test.each(cases)('%s: one sentence naming the file, saying what is wrong', async (name, says) => {
    const e = await failure(inputs[name]);
    expect(e).toBeInstanceOf(PortError);
    expect(e.message).toContain(name);
    expect(e.message).toMatch(says);
    // One sentence: ends with a full stop, no second sentence, no line breaks, no stack trace.
    expect(e.message).toMatch(/\.$/);
    expect(e.message).not.toMatch(/[.!?]\s+[A-Z]/);
    expect(e.message).not.toMatch(/\n|\bat \S+ \(|Error:/);
  });

  test('an encrypted file is not called an old .xls, and an old .xls is not called password-protected', async () => {
    expect((await failure(inputs['locked-plan.xlsx'])).message).not.toMatch(/\.xls workbook/);
    expect((await failure(inputs['old-plan.xlsx'])).message).not.toMatch(/password/);
  });

  test('a good workbook opens and remembers where it came from', async () => {
    const port = await openFile(good);
    expect(port.source).toBe(path.resolve(good));
    const wb = await port.read();
    expect(wb.name).toBe('good.xlsx');
    expect(wb.sheets.map((s) => s.name)).toEqual(['Capacity plan']);
  });
});

describe('saveFile', () => {
  test('refuses to write over the file it was opened from', async () => {
    const port = await openFile(good);
    const before = await fs.readFile(good);
    await expect(saveFile(port, good)).rejects.toThrow(PortError);
    await expect(saveFile(port, path.join(dir, '.', 'good.xlsx'))).rejects.toThrow(/never writes over its input/);
    expect(Buffer.compare(await fs.readFile(good), before)).toBe(0);
  });

  test('writes a copy that opens, leaving no temporary file behind', async () => {
    const port = await openFile(good);
    const out = path.join(dir, 'copy', 'checked.xlsx');
    await fs.mkdir(path.dirname(out));
    await saveFile(port, out);
    expect(await fs.readdir(path.dirname(out))).toEqual(['checked.xlsx']);
    const again = await (await openFile(out)).read();
    expect(again.sheets[0].name).toBe('Capacity plan');
  });

  test('a folder that does not exist is one sentence, not a stack trace', async () => {
    const port = await openFile(good);
    const out = path.join(dir, 'no-such-folder', 'out.xlsx');
    await expect(saveFile(port, out)).rejects.toThrow(/out\.xlsx could not be written: its folder does not exist\.$/);
  });
});
