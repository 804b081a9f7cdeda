/**
 * A write the exceljs port cannot finish is taken back at once: the cells it had already written
 * are put back, and the sentence says what failed and that nothing was left (as in Excel).
 */
import { PortError } from '../../src/engine/port';
import { fx, val, type TableSpec } from '../../src/engine/spec';
import { exceljsHost } from '../ports/hosts';

const PROJECTION: TableSpec = {
  title: 'Budget projection',
  anchor: { sheet: 'Plan', row: 1, col: 5 },
  cells: [
    [val('Line'), val('2027/28')],
    [val('Older people'), val(55400)],
    [val('Total'), fx('=SUM(G3:G3)', 55400)],
  ],
  excelTable: { name: 'Projection_Lines', top: 0, left: 0, bottom: 2, right: 1 },
};

test('a table the file will not take leaves none of the projection behind, and says why', async () => {
  const book = await exceljsHost.open({
    Plan: [
      ['Service', '2025/26'],
      ['Older people', 52000],
    ],
  });
  const before = book.picture();
  const ws = (
    book.port as unknown as { workbook: { getWorksheet(n: string): { addTable: () => void } } }
  ).workbook.getWorksheet('Plan');
  ws.addTable = () => {
    throw new Error('The table overlaps another table');
  };
  const err = await book.port.write(PROJECTION).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(PortError);
  expect((err as PortError).message).toBe(
    'Budget projection was not written: the table overlaps another table. Nothing was left: the sheet is as it was.',
  );
  expect(book.picture()).toEqual(before);
  expect(book.port.canUndo()).toBe(false);
});
