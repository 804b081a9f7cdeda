/** Selecting a cell for the user, and finding the one they have selected. */
import { PortError } from '../engine/port';
import { splitReference } from './read';
import type { Session } from './session';

export async function select(session: Session, sheet: string, cell: string): Promise<void> {
  await session.exec(`selecting ${cell} on ${sheet}`, async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    try {
      await context.sync();
    } catch (error) {
      // Excel will not activate a hidden sheet nor select on one: say that, not a general failure.
      const found = context.workbook.worksheets.getItemOrNullObject(sheet);
      found.load('name,visibility');
      await context.sync();
      if (!found.isNullObject && found.visibility !== 'Visible') {
        throw new PortError(
          `${cell} is on the sheet "${found.name}", which is hidden. Unhide it (right-click a sheet tab > Unhide), then go to the finding again.`,
          'InvalidSelection',
        );
      }
      throw error;
    }
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
