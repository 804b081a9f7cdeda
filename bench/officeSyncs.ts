/**
 * The cost of the Office.js port's reads, counted against the in-memory fake Excel
 * (test/excel/fakeExcel.ts): syncs (round trips to Excel) and the largest response of any sync,
 * in bytes of JSON, for a one-sheet plan, a 100-sheet workbook and a 200,000-row plan.
 * Excel on the web refuses responses over 5 MB; the port plans blocks under 4 MB by estimate.
 *
 * Each case reads twice with one port and reports the second read: the first read of a pane also
 * lists the sheets (one more sync), later reads learn every used range in their first sync.
 */
import { OfficePort } from '../src/excel/officePort';
import { bigPlanRows, widePlanRows } from '../src/samples/bigPlan';
import { FakeExcel } from '../test/excel/fakeExcel';

export interface OfficeSyncFigure {
  case: string;
  syncs: number;
  maxResponseBytes: number;
  /** The first read of a pane, which also lists the sheets. */
  firstReadSyncs: number;
}

async function measure(label: string, build: (excel: FakeExcel) => void): Promise<OfficeSyncFigure> {
  const excel = new FakeExcel();
  build(excel);
  const port = new OfficePort({ run: excel.run });
  await port.read();
  const firstReadSyncs = excel.syncs;
  excel.resetCounters();
  await port.read();
  return { case: label, syncs: excel.syncs, maxResponseBytes: excel.maxResponseBytes, firstReadSyncs };
}

export async function measureOfficeSyncs(): Promise<OfficeSyncFigure[]> {
  return [
    await measure('1 sheet, 1,000 rows', (x) => x.addSheet('Financial plan', bigPlanRows(1_000))),
    await measure('100 sheets, 100 rows each', (x) => {
      for (let i = 1; i <= 100; i++) x.addSheet(`Plan ${i}`, bigPlanRows(100, i));
    }),
    await measure('1 sheet, 100,000 rows x 20 columns', (x) => x.addSheet('Financial plan', widePlanRows(100_000))),
    await measure('1 sheet, 200,000 rows', (x) => x.addSheet('Financial plan', bigPlanRows(200_000))),
  ];
}

if (require.main === module) {
  measureOfficeSyncs().then((rows) => console.table(rows));
}
