/**
 * The comparison the pane and `plancheck compare` share (compareSnapshots), on the sample plan and
 * a revised copy (revisedSample.ts), both read through the .xlsx port as the CLI reads them: a line
 * taken out or put in is one change, its funding sources named in it; a funding source taken out on
 * its own is still a change of its own; differences are said as Validate says them.
 */
import { promises as fs } from 'fs';
import ExcelJS from 'exceljs';
import { compareSnapshots, readVersion } from '../../src/app/compare';
import type { Change } from '../../src/engine/compare';
import { XlsxPort } from '../../src/xlsx/xlsxPort';
import { revisedSample, SAMPLE_FILE } from './revisedSample';

let sample: Buffer;
let revised: Buffer;

beforeAll(async () => {
  sample = await fs.readFile(SAMPLE_FILE);
  revised = await revisedSample(sample);
});

async function compare(older: [Buffer, string], newer: [Buffer, string]) {
  const read = async ([bytes, name]: [Buffer, string]) => ({
    wb: await readVersion(await XlsxPort.fromBuffer(bytes, name), name),
    settings: {},
  });
  return compareSnapshots(await read(older), await read(newer)).view;
}

const said = (changes: Change[]) => changes.map((c) => [c.kind, c.message, c.oldCell ?? '', c.newCell ?? '']);

describe('compareSnapshots', () => {
  test('a line taken out is one change, naming its four funding sources; figures say (420) and 350', async () => {
    const view = await compare([sample, 'plan-2009.xlsx'], [revised, 'plan-2009-revised.xlsx']);
    expect(said(view.changes)).toEqual([
      [
        'figure',
        '03 Services for Older People, 2011/12: 75,376 (£000) to 75,726, difference 350',
        'Financial plan!H9',
        'Financial plan!H9',
      ],
      [
        'figure',
        '03 Services for Older People / Mainstream, 2011/12: 58,800 (£000) to 59,150, difference 350',
        'Financial plan!L12',
        'Financial plan!L12',
      ],
      [
        'figure',
        '06 Adults – Learning Disability, 2011/12: 35,554 (£000) to 35,134, difference (420)',
        'Financial plan!H21',
        'Financial plan!H17',
      ],
      [
        'figure',
        '06 Adults – Learning Disability / Mainstream, 2011/12: 29,853 (£000) to 29,433, difference (420)',
        'Financial plan!L24',
        'Financial plan!L20',
      ],
      [
        'line-removed',
        '"04 Adults – Physical Disability" is no longer in the plan, nor are its funding sources: ' +
          'Grants, Contributions, User Income and Mainstream',
        'Financial plan!B13',
        '',
      ],
    ]);
    expect(view.changes.find((c) => c.kind === 'line-removed')?.sources).toEqual([
      'Grants',
      'Contributions',
      'User Income',
      'Mainstream',
    ]);
    // The bridge has the line once too, as it had before.
    expect(view.bridges[0].rows.map((r) => r.label)).toEqual([
      'As in plan-2009.xlsx',
      '04 Adults – Physical Disability (removed)',
      '06 Adults – Learning Disability',
      '03 Services for Older People',
      'Total now',
      'Check (must be zero)',
    ]);
  });

  test('the other way round, the line put in is one change with its sources', async () => {
    const view = await compare([revised, 'plan-2009-revised.xlsx'], [sample, 'plan-2009.xlsx']);
    const lines = view.changes.filter((c) => c.line?.startsWith('04 '));
    expect(said(lines)).toEqual([
      [
        'line-added',
        '"04 Adults – Physical Disability" is a new line, with its funding sources: ' +
          'Grants, Contributions, User Income and Mainstream',
        '',
        'Financial plan!B13',
      ],
    ]);
    expect(said(view.changes.filter((c) => c.line?.startsWith('06 ') && c.column === '2011/12'))).toContainEqual([
      'figure',
      '06 Adults – Learning Disability, 2011/12: 35,134 (£000) to 35,554, difference 420',
      'Financial plan!H17',
      'Financial plan!H21',
    ]);
  });

  test('a funding source taken out while its line stays is a change of its own', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sample as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Financial plan')!;
    // Line 04's Contributions (row 14) taken out, its 2009/10 cash limit (F13) down by as much.
    expect(ws.getCell('I14').value).toBe('Contributions');
    ws.getCell('F13').value = (ws.getCell('F13').value as number) - (ws.getCell('J14').value as number);
    ws.spliceRows(14, 1);
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const view = await compare([sample, 'plan-2009.xlsx'], [edited, 'plan-2009-edited.xlsx']);
    expect(said(view.changes.filter((c) => c.kind === 'line-removed'))).toEqual([
      [
        'line-removed',
        '"04 Adults – Physical Disability / Contributions" is no longer in the plan',
        'Financial plan!B14',
        '',
      ],
    ]);
    expect(view.changes.find((c) => c.kind === 'line-removed')?.sources).toBeUndefined();
  });
});
