/**
 * Selecting a cell and reading the selection, with Microsoft's office-addin-mock standing in for
 * Excel (OfficeMockObject: load, then sync, then read). These paths use plain properties and
 * methods, which is what the mock can express; the rest of the port needs null objects, used
 * ranges, getCellProperties and payload limits, and is tested against fakeExcel.ts instead.
 */
import { OfficeMockObject } from 'office-addin-mock';

// office-addin-mock takes only the OfficeApp names from office-addin-manifest, whose dependencies
// ship ES modules that jest's CommonJS run cannot load; give it those names directly.
jest.mock('office-addin-manifest', () => ({
  OfficeApp: {
    Excel: 'excel',
    OneNote: 'onenote',
    Outlook: 'outlook',
    PowerPoint: 'powerpoint',
    Project: 'project',
    Word: 'word',
  },
}));
import { PortError } from '../../src/engine/port';
import { OfficePort, createOfficePort, type ExcelRun } from '../../src/excel/officePort';

interface MockSheet {
  requested?: string;
  activated?: boolean;
  range: { address?: string; selected?: boolean };
}

function mockExcel(activeCell = "'Financial plan'!C7"): {
  excel: OfficeMockObject & { run: ExcelRun };
  syncs: () => number;
  sheet: () => MockSheet;
} {
  const data = {
    context: {
      workbook: {
        worksheets: {
          sheet: {
            range: {
              select: function (this: MockSheet['range']) {
                this.selected = true;
              },
            },
            activate: function (this: MockSheet) {
              this.activated = true;
            },
            getRange: function (this: MockSheet, address: string) {
              this.range.address = address;
              return this.range;
            },
          },
          getItem: function (this: { sheet: MockSheet }, name: string) {
            this.sheet.requested = name;
            return this.sheet;
          },
        },
        activeCell: { address: activeCell },
        getActiveCell: function (this: { activeCell: unknown }) {
          return this.activeCell;
        },
      },
    },
    run: async function <T>(
      this: { context: unknown },
      batch: (context: Excel.RequestContext) => Promise<T>,
    ): Promise<T> {
      return batch(this.context as Excel.RequestContext);
    },
  };
  const excel = new OfficeMockObject(data) as unknown as OfficeMockObject & {
    run: ExcelRun;
    context: { sync: () => Promise<void>; workbook: { worksheets: { sheet: MockSheet } } };
  };
  let count = 0;
  const sync = excel.context.sync.bind(excel.context);
  excel.context.sync = async () => {
    count++;
    await sync();
  };
  return { excel, syncs: () => count, sheet: () => excel.context.workbook.worksheets.sheet };
}

describe('OfficePort.select and selection (office-addin-mock)', () => {
  it('takes the user to a finding: activates the sheet and selects the cell, in one sync', async () => {
    const { excel, syncs, sheet } = mockExcel();
    await new OfficePort({ run: excel.run.bind(excel) }).select('Financial plan', 'C7');
    expect(sheet().requested).toBe('Financial plan');
    expect(sheet().activated).toBe(true);
    expect(sheet().range.address).toBe('C7');
    expect(sheet().range.selected).toBe(true);
    expect(syncs()).toBe(1);
  });

  it('reads the selected cell, unquoting a sheet name with spaces and apostrophes', async () => {
    const { excel, syncs } = mockExcel("'Manager''s plan'!$D$12");
    expect(await new OfficePort({ run: excel.run.bind(excel) }).selection()).toEqual({
      sheet: "Manager's plan",
      cell: 'D12',
    });
    expect(syncs()).toBe(1);
  });

  it('createOfficePort goes through the global Excel.run', async () => {
    const { excel, sheet } = mockExcel();
    (globalThis as unknown as { Excel: unknown }).Excel = excel;
    try {
      await createOfficePort().select('Risks', 'B2');
      expect(sheet().requested).toBe('Risks');
    } finally {
      delete (globalThis as unknown as { Excel?: unknown }).Excel;
    }
  });

  it('a failure inside Excel.run comes back as a sentence', async () => {
    const run: ExcelRun = async () => {
      throw Object.assign(new Error('raw'), { name: 'RichApi.Error', code: 'GeneralException' });
    };
    const failure = await new OfficePort({ run }).select('Plan', 'A1').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PortError);
    expect((failure as Error).message).toMatch(/^Excel could not finish selecting A1 on Plan\./);
  });
});
