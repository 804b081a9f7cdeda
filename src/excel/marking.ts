/** Highlighting cells and taking the highlights off, keeping each cell's own fill on record to restore. */
import { a1, parseRange } from '../engine/grid';
import { SETTINGS_SHEET, type Mark } from '../engine/port';
import {
  DAMAGED_MARKS_NOTE,
  decodeMarks,
  encodeMarks,
  fillRuns,
  marksDamaged,
  type FillRecord,
  type StoredMark,
} from '../engine/records';
import { batchBytes, packBatches, planBlocks, splitBatch, type Batch, type Block, type ReadBudget } from './blocks';
import { isTooLargeFor } from './errors';
import { COMMAND_BYTES, type Command, type Session, type SheetInfo } from './session';
import { DOCUMENT_MARKS_KEY, MARKS_COLUMN, columnCommands, readColumn, saveToDocument } from './settings';
import { FILL_LOAD, fillRecord, queueFill } from './style';

/** Estimated response bytes of one cell's fill from getCellProperties (colour, pattern, pattern colour, tint). */
export const FILL_BYTES_PER_CELL = 110;

function key(sheet: string, cell: string): string {
  return `${sheet.toLowerCase()}!${cell.replace(/\$/g, '').toUpperCase()}`;
}

/** "Plan", "Plan and Risks", "Plan, Risks and Notes", each in quotes. */
function sheetList(names: string[]): string {
  const q = names.map((n) => `"${n}"`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/** A gradient fill: Excel reads it (getCellProperties) but refuses to set it (UnsupportedFillType). */
function isGradient(fill: FillRecord): boolean {
  return /gradient/i.test(fill.pattern ?? '');
}

/** Every cell of a box, as A1 addresses. */
function cellsOf(box: { top: number; left: number; bottom: number; right: number }): string[] {
  const out: string[] = [];
  for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) out.push(a1(r, c));
  return out;
}

/** Whether an A1 cell lies inside any of some A1 ranges. */
function insideAny(cell: string, ranges: string[]): boolean {
  const at = parseRange(cell);
  return ranges.some((r) => {
    const box = parseRange(r);
    return !!at && !!box && at.top >= box.top && at.top <= box.bottom && at.left >= box.left && at.left <= box.right;
  });
}

/** A block of a mark whose fills are read, tagged with the mark it belongs to. */
interface FillBlock extends Block {
  mark: number;
}

export async function mark(session: Session, marks: Mark[]): Promise<void> {
  if (marks.length === 0) return;
  await session.exec('marking cells', async (context) => {
    const wb = context.workbook;
    const { settings, structure, sheetsNow } = await openMarks(session, context);
    const sheets = sheetsNow();
    const byName = new Map(sheets.map((s) => [s.name.toLowerCase(), s]));

    // A protected sheet cannot be coloured: the others are, and the protected ones are named once.
    const locked = new Set<string>();
    const missing = new Set<string>();
    const todo: {
      mark: Mark;
      sheet: SheetInfo;
      box: { top: number; left: number; bottom: number; right: number };
    }[] = [];
    for (const mark of marks) {
      const sheet = byName.get(mark.sheet.toLowerCase());
      const box = parseRange(mark.cell);
      if (!sheet || !box) missing.add(mark.sheet);
      else if (sheet.protected) locked.add(sheet.name);
      else todo.push({ mark, sheet, box });
    }
    if (locked.size > 0) {
      session.note(
        `PlanCheck could not highlight cells on ${sheetList([...locked])}: ${locked.size === 1 ? 'the sheet is' : 'the sheets are'} protected (Review > Unprotect Sheet). The other sheets are highlighted.`,
      );
    }
    if (missing.size > 0)
      session.note(`There is no sheet called ${sheetList([...missing])} any more, so nothing was highlighted there.`);

    // The cells' own fills, in blocks each under the response limit (a large mark takes several syncs).
    // A cell already on record keeps its first record: its own fill, not an earlier mark's colour.
    // Records are matched by sheet id where they have one (the sheet may have been renamed since).
    const recorded = new Set(session.marks.map((r) => key(r.sheetId ?? r.sheet, r.cell)));
    const fresh = todo.filter((t) => {
      const k = key(t.sheet.id, t.mark.cell);
      if (recorded.has(k) || recorded.has(key(t.sheet.name, t.mark.cell))) return false;
      recorded.add(k);
      return true;
    });
    const fills: FillRecord[][][] = fresh.map(() => []);
    const budget: ReadBudget = { ...session.budget, bytesPerCell: FILL_BYTES_PER_CELL, bytesPerHiddenRow: 0 };
    const blocks: FillBlock[] = fresh.flatMap((t, mark) =>
      planBlocks(
        [
          {
            sheet: t.sheet.name,
            row: t.box.top,
            col: t.box.left,
            rows: t.box.bottom - t.box.top + 1,
            cols: t.box.right - t.box.left + 1,
          },
        ],
        budget,
      ).map((b) => ({ ...b, mark })),
    );
    // Batches under the response limit, and with few enough commands to stay under the request limit.
    const perBatch = Math.max(1, Math.floor(session.maxRequestBytes / (2 * COMMAND_BYTES)));
    const queue: Batch<FillBlock>[] = packBatches(blocks, budget).flatMap((b) => {
      const parts: Batch<FillBlock>[] = [];
      for (let i = 0; i < b.blocks.length; i += perBatch) parts.push({ blocks: b.blocks.slice(i, i + perBatch) });
      return parts;
    });
    while (queue.length > 0) {
      const batch = queue.shift() as Batch<FillBlock>;
      const reads = batch.blocks.map((b) => ({
        block: b,
        props: wb.worksheets
          .getItem(b.sheet)
          .getRangeByIndexes(b.row, b.col, b.rows, b.cols)
          .getCellProperties({ format: { fill: FILL_LOAD } }),
      }));
      try {
        await context.sync();
      } catch (error) {
        const halves = isTooLargeFor(error, batchBytes(batch, budget)) ? splitBatch(batch) : null;
        if (!halves) throw error;
        queue.unshift(...halves);
        continue;
      }
      for (const { block, props } of reads) {
        const into = fills[block.mark];
        const at = block.row - fresh[block.mark].box.top;
        props.value.forEach((row, r) => {
          into[at + r] = row.map((p) => fillRecord(p.format?.fill));
        });
      }
    }
    fresh.forEach((t, i) => {
      session.marks.push({
        sheet: t.sheet.name,
        sheetId: t.sheet.id,
        cell: t.mark.cell,
        own: fillRuns(t.box.top, t.box.left, fills[i]),
      });
    });

    // Cells with a gradient fill are left as they are: Excel reads a gradient but cannot set one
    // back (UnsupportedFillType), so colouring them would lose the user's fill for good.
    const skipped: string[] = [];

    // The record first (so a failure part-way still leaves every coloured cell restorable), then the colours.
    const commands = recordCommands(session, context, settings.isNullObject, structure.protected);
    for (const { mark, sheet, box } of todo) {
      const record = session.marks.find((r) => (r.sheetId ?? r.sheet) === sheet.id && r.cell === mark.cell);
      const kept = (record?.own ?? []).filter((o) => isGradient(o.fill)).map((o) => o.address);
      const cells = kept.length === 0 ? [mark.cell] : cellsOf(box).filter((c) => !insideAny(c, kept));
      if (kept.length > 0) skipped.push(...kept.map((a) => `${sheet.name}!${a}`));
      for (const cell of cells) {
        commands.push({
          bytes: COMMAND_BYTES + cell.length + mark.color.length,
          queue: () => {
            wb.worksheets.getItem(sheet.name).getRange(cell).format.fill.color = mark.color;
          },
        });
      }
    }
    if (skipped.length > 0) {
      session.note(
        `${skipped.slice(0, 5).join(', ')}${skipped.length > 5 ? ', …' : ''} ${skipped.length === 1 ? 'has' : 'have'} a gradient fill, ` +
          'which Excel cannot put back once changed, so PlanCheck left ' +
          (skipped.length === 1 ? 'it' : 'them') +
          ' unhighlighted.',
      );
    }
    await session.send(context, commands);
  });
}

export async function clearMarks(session: Session): Promise<void> {
  await session.exec('taking the marks off', async (context) => {
    const wb = context.workbook;
    const { settings, structure, sheetsNow } = await openMarks(session, context);
    if (session.marks.length === 0) return;
    const sheets = sheetsNow();
    const byId = new Map(sheets.map((s) => [s.id, s]));
    const byName = new Map(sheets.map((s) => [s.name.toLowerCase(), s]));

    const commands: Command[] = [];
    const kept: StoredMark[] = [];
    const gone = new Set<string>();
    const locked = new Set<string>();
    // Sheets are followed by id where the record's ids are this workbook's (a renamed sheet is
    // still found); a record none of whose ids are here was written elsewhere (a copy made by the
    // CLI or the browser page, or the file opened again) and is followed by sheet name.
    const idsHere = session.marks.some((r) => r.sheetId && byId.has(r.sheetId));
    // Latest first, so where marks overlap the cell's own fill (recorded first) wins.
    for (const record of [...session.marks].reverse()) {
      const sheet = idsHere && record.sheetId ? byId.get(record.sheetId) : byName.get(record.sheet.toLowerCase());
      if (!sheet) {
        gone.add(record.sheet);
        continue;
      }
      if (sheet.protected) {
        locked.add(sheet.name);
        kept.unshift({ ...record, sheet: sheet.name });
        continue;
      }
      const gradient = record.own.filter((o) => isGradient(o.fill)).map((o) => o.address);
      const box = parseRange(record.cell);
      const cleared =
        gradient.length === 0 || !box ? [record.cell] : cellsOf(box).filter((c) => !insideAny(c, gradient));
      for (const cell of cleared) {
        commands.push({
          bytes: COMMAND_BYTES + cell.length,
          queue: () => wb.worksheets.getItem(sheet.name).getRange(cell).format.fill.clear(),
        });
      }
      // A gradient was never coloured over (mark leaves it), so it is not set back either.
      for (const own of record.own.filter((o) => !isGradient(o.fill))) {
        commands.push({
          bytes: 4 * COMMAND_BYTES + own.address.length,
          queue: () => queueFill(wb.worksheets.getItem(sheet.name).getRange(own.address), own.fill),
        });
      }
    }
    if (gone.size > 0) {
      session.note(
        `Highlights on ${sheetList([...gone])} were dropped: ${gone.size === 1 ? 'the sheet is' : 'the sheets are'} no longer in the workbook.`,
      );
    }
    if (locked.size > 0) {
      session.note(
        `PlanCheck could not take the highlights off ${sheetList([...locked])}: ${locked.size === 1 ? 'the sheet is' : 'the sheets are'} protected. Unprotect ${locked.size === 1 ? 'it' : 'them'} (Review > Unprotect Sheet) and clear highlights again.`,
      );
    }
    session.marks = kept;
    commands.push(...recordCommands(session, context, settings.isNullObject, structure.protected));
    await session.send(context, commands);
  });
}

/**
 * The first sync of mark and clearMarks: every sheet's name, id and protection; whether the settings
 * sheet exists and the workbook's structure is protected (where the record can be kept). Then the
 * marks persisted by an earlier pane, the first time.
 */
async function openMarks(
  session: Session,
  context: Excel.RequestContext,
): Promise<{ settings: Excel.Worksheet; structure: Excel.WorkbookProtection; sheetsNow: () => SheetInfo[] }> {
  const wb = context.workbook;
  const settings = wb.worksheets.getItemOrNullObject(SETTINGS_SHEET);
  settings.load('name');
  const structure = wb.protection;
  structure.load('protected');
  const sheetsNow = session.loadSheets(context);
  await context.sync();
  await loadMarkRecords(session, context, settings);
  return { settings, structure, sheetsNow };
}

/** Once per port: marks persisted by an earlier pane (on the settings sheet or in the document's settings), merged under the ones in memory. */
async function loadMarkRecords(
  session: Session,
  context: Excel.RequestContext,
  settings: Excel.Worksheet,
): Promise<void> {
  if (session.marksLoaded) return;
  const stored: StoredMark[] = [];
  const fromDocument = session.documentSettings?.get(DOCUMENT_MARKS_KEY);
  const texts = [settings.isNullObject ? '' : await readColumn(context, MARKS_COLUMN), String(fromDocument ?? '')];
  for (const text of texts) {
    if (marksDamaged(text)) session.note(DAMAGED_MARKS_NOTE);
    stored.push(...decodeMarks(text));
  }
  const inMemory = new Set(session.marks.map((r) => key(r.sheet, r.cell)));
  session.marks = [...stored.filter((r) => !inMemory.has(key(r.sheet, r.cell))), ...session.marks];
  session.marksLoaded = true;
}

/**
 * Commands that keep the marks record: on the settings sheet, or, when the sheet does not exist
 * and the workbook's structure is protected (so it cannot be added), in the document's settings.
 */
function recordCommands(
  session: Session,
  context: Excel.RequestContext,
  noSheet: boolean,
  structureProtected: boolean,
): Command[] {
  const text = encodeMarks(session.marks);
  if (noSheet && structureProtected) {
    saveToDocument(session, DOCUMENT_MARKS_KEY, text);
    return [];
  }
  if (!noSheet) saveToDocument(session, DOCUMENT_MARKS_KEY, '');
  return columnCommands(context, noSheet, MARKS_COLUMN, text);
}
