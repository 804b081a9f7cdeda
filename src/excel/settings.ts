/** PlanCheck's settings, and the hidden settings sheet's columns (or the document's settings) that keep records. */
import { PortError, SETTINGS_SHEET } from '../engine/port';
import { chunkText, DAMAGED_SETTINGS_NOTE, decodeSettings, encodeSettings } from '../engine/records';
import type { Settings } from '../engine/settings';
import { COMMAND_BYTES, type Command, type Session } from './session';

/**
 * Settings JSON in column A of the settings sheet; mark records in column B. A cell holds at most
 * 32,767 characters, so each record is kept in chunks below that, one a row.
 */
const SETTINGS_COLUMN = 'A';
export const MARKS_COLUMN = 'B';
/** Keys in the document's own settings, used when the settings sheet cannot be added. */
export const DOCUMENT_SETTINGS_KEY = 'PlanCheck.settings';
export const DOCUMENT_MARKS_KEY = 'PlanCheck.marks';

export async function loadSettings(session: Session): Promise<Settings> {
  return session.exec('loading the settings', async (context) => {
    const settings = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
    settings.load('name');
    await context.sync();
    // Read from both places: the sheet, and the document's settings (used while the structure is protected).
    const texts = [
      settings.isNullObject ? '' : await readColumn(context, SETTINGS_COLUMN),
      String(session.documentSettings?.get(DOCUMENT_SETTINGS_KEY) ?? ''),
    ];
    const { settings: merged, damaged } = decodeSettings(...texts);
    if (damaged) session.note(DAMAGED_SETTINGS_NOTE);
    return merged;
  });
}

export async function saveSettings(session: Session, settings: Settings): Promise<void> {
  await session.exec('saving the settings', async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
    sheet.load('name');
    const structure = context.workbook.protection;
    structure.load('protected');
    await context.sync();
    const text = encodeSettings(settings);
    if (sheet.isNullObject && structure.protected) {
      saveToDocument(session, DOCUMENT_SETTINGS_KEY, text);
      session.note(
        "The workbook's structure is protected, so PlanCheck keeps its settings in the document's own settings instead of its hidden sheet.",
      );
      return;
    }
    // Kept on the sheet: a copy left in the document's settings from a protected time would shadow it.
    saveToDocument(session, DOCUMENT_SETTINGS_KEY, '');
    await session.send(context, columnCommands(context, sheet.isNullObject, SETTINGS_COLUMN, text));
  });
}

/** Keeps (or, for '', removes) a value in the document's own settings; saved with the document. */
export function saveToDocument(session: Session, name: string, text: string): void {
  const store = session.documentSettings;
  if (!store) {
    if (text)
      throw new PortError(
        "The workbook's structure is protected, so PlanCheck cannot add its hidden settings sheet. Unprotect it (Review > Protect Workbook), then try again.",
        'AccessDenied',
      );
    return;
  }
  if (text) store.set(name, text);
  else if (store.get(name) === undefined || store.get(name) === null) return;
  else store.remove(name);
  store.saveAsync();
}

/** Reads a column of chunks on the settings sheet (which must exist) and joins them. One sync. */
export async function readColumn(context: Excel.RequestContext, column: string): Promise<string> {
  const used = context.workbook.worksheets
    .getItem(SETTINGS_SHEET)
    .getRange(`${column}:${column}`)
    .getUsedRangeOrNullObject(true);
  used.load('values,rowIndex');
  await context.sync();
  if (used.isNullObject) return '';
  // The used range of the column starts at its first non-empty cell; chunks start at row 1.
  return used.values.map((row) => (row[0] === null || row[0] === undefined ? '' : String(row[0]))).join('');
}

/**
 * Commands that write text in chunks down a column of the settings sheet, creating the sheet if
 * needed; a long text is written a few chunks per command, so each sync stays under the limit.
 */
export function columnCommands(
  context: Excel.RequestContext,
  create: boolean,
  column: string,
  text: string,
): Command[] {
  const sheets = context.workbook.worksheets;
  if (create && !text) return [];
  const commands: Command[] = [
    {
      bytes: 3 * COMMAND_BYTES,
      queue: () => {
        if (create) {
          const ws = sheets.add(SETTINGS_SHEET);
          ws.visibility = 'VeryHidden' as Excel.SheetVisibility;
        }
        sheets
          .getItem(SETTINGS_SHEET)
          .getRange(`${column}:${column}`)
          .clear('Contents' as Excel.ClearApplyTo);
      },
    },
  ];
  const chunks = chunkText(text);
  const perCommand = 16;
  for (let i = 0; i < chunks.length; i += perCommand) {
    const part = chunks.slice(i, i + perCommand);
    commands.push({
      // JSON quoting escapes every '"' of the record: count them twice.
      bytes: COMMAND_BYTES + part.reduce((n, c) => n + 2 * c.length + 4, 0),
      queue: () => {
        // The apostrophe keeps each chunk as text, whatever character it starts with.
        sheets.getItem(SETTINGS_SHEET).getRange(`${column}${i + 1}:${column}${i + part.length}`).formulas = part.map(
          (c) => [`'${c}`],
        );
      },
    });
  }
  return commands;
}
