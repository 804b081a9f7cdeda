/**
 * Listening to Excel: the worksheets' onChanged and onFormatChanged, onAdded and onDeleted, and the
 * tables' onAdded and onDeleted (all ExcelApi 1.9, the manifest's set; asked of Excel first). Each
 * event marks what changed in the port's read cache (readCache.ts) and tells the port's listeners,
 * so the pane can check again what the user just typed. The handlers are registered once per port,
 * with the first read's first sync (no sync of their own).
 */
import type { Session } from './session';

/**
 * Queues the registration of the change events on a read's context, where the port is to listen
 * and does not yet. Returns whether it queued them: the read then calls `watching` after its first
 * sync went through, or `refused` if Excel did not have the events.
 */
export function queueWatch(session: Session, context: Excel.RequestContext): boolean {
  if (!session.events || session.eventsRefused || session.cache.watching) return false;
  const sheets = context.workbook.worksheets;
  const tell = (ids: string[]): void => session.listeners.forEach((l) => l(ids));
  sheets.onChanged.add(async (e) => {
    // Cells edited in place are read again; anything that moves cells (rows or columns inserted or
    // deleted, cells shifted) or that Excel cannot name reads the sheet again whole.
    session.cache.change({ sheetId: e.worksheetId, address: e.changeType === 'RangeEdited' ? e.address : null });
    tell([e.worksheetId]);
  });
  sheets.onFormatChanged.add(async (e) => {
    session.cache.change({ sheetId: e.worksheetId, address: e.address });
    tell([e.worksheetId]);
  });
  sheets.onAdded.add(async (e) => {
    session.cache.change({ sheetId: e.worksheetId, address: null });
    tell([e.worksheetId]);
  });
  sheets.onDeleted.add(async (e) => {
    session.cache.change({ sheetId: e.worksheetId, address: null });
    tell([e.worksheetId]);
  });
  const tables = context.workbook.tables;
  tables.onAdded.add(async (e) => {
    session.cache.tablesChanged = true;
    tell([e.worksheetId]);
  });
  tables.onDeleted.add(async (e) => {
    session.cache.tablesChanged = true;
    tell([e.worksheetId]);
  });
  return true;
}
