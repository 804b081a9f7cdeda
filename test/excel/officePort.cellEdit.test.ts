/**
 * Cell-edit mode in real Excel (issue 13 item 4): createOfficePort asks Excel to hold each batch
 * until the user leaves cell editing where ExcelApi 1.11 is there, and otherwise tells the user at
 * once to press Enter or Esc. The globals `Office` and `Excel` are stood in for, over the fake Excel.
 */
import { PortError } from '../../src/engine/port';
import { createOfficePort } from '../../src/excel/officePort';
import { FakeExcel } from './fakeExcel';

type Batch = (context: Excel.RequestContext) => Promise<unknown>;

function host(supported: string[]): { excel: FakeExcel; runs: unknown[]; asked: string[] } {
  const excel = new FakeExcel();
  excel.addSheet('Plan', [['Budget', 1000]]);
  const runs: unknown[] = [];
  const asked: string[] = [];
  const globals = globalThis as unknown as { Office: unknown; Excel: unknown };
  globals.Office = {
    context: {
      requirements: {
        isSetSupported: (set: string, version: string) => {
          asked.push(`${set} ${version}`);
          return set === 'ExcelApi' && supported.includes(version);
        },
      },
    },
  };
  globals.Excel = {
    run: (first: unknown, second?: unknown) => {
      const options = typeof first === 'function' ? null : first;
      runs.push(options);
      return excel.run((typeof first === 'function' ? first : second) as Batch);
    },
  };
  return { excel, runs, asked };
}

afterEach(() => {
  const globals = globalThis as unknown as { Office?: unknown; Excel?: unknown };
  delete globals.Office;
  delete globals.Excel;
});

test('item 4: where ExcelApi 1.11 is supported, every batch is run with delayForCellEdit', async () => {
  const { runs, asked } = host(['1.9', '1.11']);
  const port = createOfficePort();
  const wb = await port.read();
  expect(wb.sheets[0].values[0]).toEqual(['Budget', 1000]);
  await port.select('Plan', 'B1');
  expect(asked).toContain('ExcelApi 1.11');
  expect(runs).toEqual([{ delayForCellEdit: true }, { delayForCellEdit: true }]);
});

test('item 4: where it is not, the user is told at once to press Enter or Esc (no retries that would fail too)', async () => {
  const { excel, runs } = host(['1.9']);
  excel.failNext('InvalidOperationInCellEditMode');
  const failure = await createOfficePort()
    .read()
    .catch((e: unknown) => e);
  expect(runs).toEqual([null]);
  expect(failure).toBeInstanceOf(PortError);
  expect((failure as Error).message).toBe(
    'Excel is busy editing a cell: press Enter or Esc in the sheet, then try again.',
  );
});
