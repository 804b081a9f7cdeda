/** Selecting a cell for the user, and finding the one they have selected. */
import { splitReference } from './read';
import type { Session } from './session';

export async function select(session: Session, sheet: string, cell: string): Promise<void> {
  await session.exec(`selecting ${cell} on ${sheet}`, async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    await context.sync();
  });
}

export async function selection(session: Session): Promise<{ sheet: string; cell: string } | null> {
  return session.exec('finding the selected cell', async (context) => {
    const cell = context.workbook.getActiveCell();
    cell.load('address');
    await context.sync();
    const ref = splitReference(cell.address);
    return ref ? { sheet: ref.sheet, cell: ref.address } : null;
  });
}
