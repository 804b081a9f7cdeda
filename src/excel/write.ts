/** Writing a TableSpec: values and formulas, formats, the Excel table, names, conditional formats, charts. */
import { a1, columnLetter, quoteSheet, rangeA1 } from '../engine/grid';
import { OverwriteRefusedError, PortError, tableInTheWay, type WriteResult } from '../engine/port';
import { namesOf, refuseOddNames, refuseTakenNames } from '../engine/sheetNames';
import type { TableSpec } from '../engine/spec';
import { specInput, type CellInput } from './cells';
import { isCellEditMode, isItemNotFound, officeCode, toPortError } from './errors';
import { addChart } from './charts';
import { COMMAND_BYTES, type Command, type Session, type UndoRecord } from './session';
import { ARRAY_PROPS, arrayCells, refuseArrayFormulas, restoreInputs, rollBack, spillNotes } from './undo';
import type { BeforeWrite } from './undo';
import { INPUT_FILL, cellFormat, cellPropsLoad, charsToPoints, isStyled } from './style';

/** Rows of cell data sent in one command: about 1 MB of JSON, so several go in a sync under the request limit. */
const BLOCK_BYTES = 1_000_000;

/** [first row, row count, estimated request bytes] of consecutive rows whose data together stays near BLOCK_BYTES. */
function rowBlocks(...grids: unknown[][][]): [number, number, number][] {
  const out: [number, number, number][] = [];
  const rows = grids[0]?.length ?? 0;
  let from = 0;
  let bytes = COMMAND_BYTES * grids.length;
  for (let r = 0; r < rows; r++) {
    const row = grids.reduce((n, g) => n + JSON.stringify(g[r] ?? []).length + 1, 0);
    if (r > from && bytes + row > BLOCK_BYTES) {
      out.push([from, r - from, bytes]);
      from = r;
      bytes = COMMAND_BYTES * grids.length;
    }
    bytes += row;
  }
  if (rows > from) out.push([from, rows - from, bytes]);
  return out;
}

/**
 * The formulas Excel holds in the cells just written, read in blocks whose responses stay under
 * the limit (their size is about that of what was sent): one sync for a table of ordinary size.
 */
async function readBack(
  context: Excel.RequestContext,
  ws: Excel.Worksheet,
  inputs: (CellInput | null)[][],
  top: number,
  left: number,
  limit: number,
): Promise<unknown[][]> {
  const cols = inputs.reduce((w, r) => Math.max(w, r.length), 0);
  const out: unknown[][] = [];
  let pending: Excel.Range[] = [];
  let bytes = 0;
  const flush = async (): Promise<void> => {
    await context.sync();
    for (const range of pending) out.push(...(range.formulas as unknown[][]));
    pending = [];
    bytes = 0;
  };
  for (const [from, count, size] of rowBlocks(inputs)) {
    if (pending.length > 0 && bytes + size > limit) await flush();
    const range = ws.getRangeByIndexes(top + from, left, count, cols);
    range.load('formulas');
    pending.push(range);
    bytes += size;
  }
  if (pending.length > 0) await flush();
  return out;
}

/**
 * A write Excel refused part-way, taken back at once, as the error to throw: what Excel refused,
 * in a sentence, and that the sheet is as it was. Should taking it back fail too, the write is
 * left for Undo, and the sentence says so. Cell-edit mode is passed on as it is, once
 * the cells are back, so the write is tried again after a pause.
 */
async function refused(
  context: Excel.RequestContext,
  session: Session,
  record: UndoRecord,
  before: BeforeWrite,
  error: unknown,
  doing: string,
): Promise<unknown> {
  try {
    await rollBack(context, session, record, before);
  } catch {
    session.writes.push(record);
    return new PortError(
      `${refusal(error, record, doing)} Part of it may be on the sheet: Undo takes it off.`,
      officeCode(error) || 'Unexpected',
    );
  }
  if (isCellEditMode(error)) return error;
  return new PortError(
    `${refusal(error, record, doing)} Nothing was left: the sheet is as it was.`,
    officeCode(error) || 'Unexpected',
  );
}

/** What Excel refused, in a sentence: a table that cannot lie where it would go gets its own. */
function refusal(error: unknown, record: UndoRecord, doing: string): string {
  const code = officeCode(error);
  if (record.table && (code === 'InvalidOperation' || code === 'InvalidArgument')) return tableInTheWay(record.title);
  return toPortError(error, doing).message;
}

export async function write(
  session: Session,
  spec: TableSpec,
  options: { overwrite?: boolean } = {},
): Promise<WriteResult> {
  const rows = spec.cells.length;
  const cols = spec.cells.reduce((w, r) => Math.max(w, r.length), 0);
  if (rows === 0 || cols === 0) throw new PortError(`There is nothing to write for ${spec.title}.`, 'EmptySpec');
  const { sheet, row: top, col: left } = spec.anchor;
  const address = rangeA1(top, left, top + rows - 1, left + cols - 1);
  const doing = `writing ${spec.title}`;

  // Table names and defined names share one namespace: a clash within the spec itself, or a name
  // Excel does not take, is refused before anything is sent to Excel.
  refuseOddNames(spec);
  const wanted = namesOf(spec);

  const styled = isStyled(spec);
  return session.exec(doing, async (context) => {
    const wb = context.workbook;
    // What a refused write is taken back to: the tables there are, and the bands' conditional formats.
    const tablesBefore = wb.tables;
    tablesBefore.load('items/name');
    const cfsBefore = spec.newSheet
      ? []
      : (spec.conditionalBands ?? []).map((g) => {
          const where = rangeA1(top + g.top, left + g.left, top + g.bottom, left + g.right);
          const collection = wb.worksheets.getItem(sheet).getRange(where).conditionalFormats;
          collection.load('items/id');
          return { address: where, collection };
        });
    // Sync 1: is there room (or is the new sheet's name free and the structure unprotected), is
    // every table name and defined name free in both lists (one namespace), is the sheet
    // protected, and what is there now (for the overwrite check and for undo). Every refusal
    // comes before sync 2, so nothing is written without an undo record.
    const nameChecks = wanted.map((name) => {
      const asName = wb.names.getItemOrNullObject(name);
      asName.load('name');
      const asTable = wb.tables.getItemOrNullObject(name);
      asTable.load('name');
      return { name, asName, asTable };
    });
    let existingSheet: Excel.Worksheet | null = null;
    let structure: Excel.WorkbookProtection | null = null;
    let sheetProxy: Excel.Worksheet | null = null;
    let target: Excel.Range | null = null;
    let props: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null = null;
    const widths: Excel.RangeFormat[] = [];
    if (spec.newSheet) {
      existingSheet = wb.worksheets.getItemOrNullObject(sheet);
      existingSheet.load('name');
      structure = wb.protection;
      structure.load('protected');
    } else {
      const ws = wb.worksheets.getItem(sheet);
      ws.load('id,protection/protected');
      sheetProxy = ws;
      target = ws.getRangeByIndexes(top, left, rows, cols);
      target.load(`values,formulas,numberFormat${session.spills ? `,${ARRAY_PROPS}` : ''}`);
      props = target.getCellProperties(cellPropsLoad(styled));
      (spec.columnWidths ?? []).forEach((_, i) => {
        const format = ws.getRangeByIndexes(0, left + i, 1, 1).format;
        format.load('columnWidth');
        widths.push(format);
      });
    }
    try {
      await context.sync();
    } catch (error) {
      if (isItemNotFound(error))
        throw new PortError(
          `There is no sheet called "${sheet}" in this workbook, so ${spec.title} was not written.`,
          'ItemNotFound',
        );
      throw error;
    }
    if (existingSheet && !existingSheet.isNullObject) {
      throw new PortError(
        `A sheet called "${sheet}" already exists, so PlanCheck did not add ${spec.title}. Rename or delete that sheet, or choose another name.`,
        'ItemAlreadyExists',
      );
    }
    if (structure?.protected) {
      throw new PortError(
        `The workbook's structure is protected, so PlanCheck cannot add a sheet for ${spec.title}. ` +
          'Unprotect it (Review > Protect Workbook), or place the table on an existing sheet.',
        'AccessDenied',
      );
    }
    if (sheetProxy?.protection.protected) {
      throw new PortError(
        `The sheet "${sheet}" is protected, so ${spec.title} was not written. Unprotect it (Review > Unprotect Sheet), or choose another place.`,
        'AccessDenied',
      );
    }
    refuseTakenNames(
      spec,
      nameChecks.filter((n) => !n.asName.isNullObject || !n.asTable.isNullObject).map((n) => n.name),
    );

    const oldFormulas: unknown[][] = target ? target.formulas : [];
    const oldValues: unknown[][] = target ? target.values : [];
    const oldFormats: unknown[][] = target ? target.numberFormat : [];
    // Where dynamic arrays spill and array formulas are (ExcelApi 1.12): no part of an array formula
    // is written over, and a cell a formula spills into counts as taken even when it shows nothing.
    const writes = (r: number, c: number): boolean => !!spec.cells[r]?.[c] && !spec.cells[r]?.[c]?.refresh;
    const arrays = target ? await arrayCells(context, session, target) : null;
    refuseArrayFormulas(spec.title, sheet, arrays, writes, top, left);
    if (target && !options.overwrite) {
      const occupied: string[] = [];
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          if (!writes(r, c)) continue;
          const v = oldValues[r]?.[c];
          const f = oldFormulas[r]?.[c];
          if (
            (v !== '' && v !== null && v !== undefined) ||
            (typeof f === 'string' && f !== '') ||
            arrays?.spilledFrom[r][c]
          )
            occupied.push(a1(top + r, left + c));
        }
      }
      if (occupied.length > 0) throw new OverwriteRefusedError(sheet, occupied);
    }

    const inputs: (CellInput | null)[][] = [];
    const formats: string[][] = [];
    for (let r = 0; r < rows; r++) {
      const inRow: (CellInput | null)[] = [];
      const fmtRow: string[] = [];
      for (let c = 0; c < cols; c++) {
        const cell = spec.cells[r]?.[c];
        // A cell the spec leaves empty, or a formula already there whose value Excel brings up to date
        // itself, is left as it is (null): a dynamic array goes on spilling there, an array formula stays whole.
        if (cell && !cell.refresh) inRow.push(specInput(cell));
        else inRow.push(target ? null : '');
        const existing = oldFormats[r]?.[c];
        fmtRow.push(cell?.numberFormat ?? (typeof existing === 'string' ? existing : 'General'));
      }
      inputs.push(inRow);
      formats.push(fmtRow);
    }

    // The undo record is made before the first cell is touched, so a write Excel refuses part-way
    // is taken back whole (rollBack), and one that goes through can be undone.
    const charts = (spec.charts ?? []).map(() => `PlanCheck chart ${Date.now().toString(36)}-${++session.chartCount}`);
    const record: UndoRecord = {
      title: spec.title,
      sheet,
      sheetId: sheetProxy?.id,
      addedSheet: !!spec.newSheet,
      address,
      top,
      left,
      formulas: oldFormulas,
      values: oldValues,
      numberFormats: oldFormats,
      cellProps: props ? props.value : [],
      styled,
      written: inputs,
      restore: restoreInputs(rows, cols, { formulas: oldFormulas, values: oldValues }, arrays, writes),
      table: spec.excelTable?.name,
      names: (spec.names ?? []).map((n) => n.name),
      conditionalFormats: [],
      charts,
      columnWidths: widths.map((f, i) => ({ col: left + i, width: f.columnWidth })),
    };
    const before: BeforeWrite = {
      tables: new Set(tablesBefore.items.map((t) => t.name)),
      conditionalFormats: new Map(
        cfsBefore.map(({ address: where, collection }) => [where, new Set(collection.items.map((cf) => cf.id))]),
      ),
    };

    // Then everything, in order: values and formulas, number formats, fills and bold, the Excel
    // table, names, conditional formats, column widths, charts; in as few syncs as the request
    // limit allows (one for a table of ordinary size, several for a report of 13,000 findings).
    const ws = spec.newSheet ? wb.worksheets.add(sheet) : wb.worksheets.getItem(sheet);
    const block = ws.getRangeByIndexes(top, left, rows, cols);
    const commands: Command[] = [];
    const blocks = rowBlocks(inputs, formats);
    const small = blocks.length === 1 && blocks[0][2] < session.maxRequestBytes / 4;
    for (const [from, count, bytes] of blocks) {
      commands.push({
        bytes,
        queue: () => {
          const part = ws.getRangeByIndexes(top + from, left, count, cols);
          part.formulas = inputs.slice(from, from + count);
          part.numberFormat = formats.slice(from, from + count);
        },
      });
    }
    if (styled) {
      // Fonts and borders of a table in the house style: one command a block of rows
      // (setCellProperties, ExcelApi 1.9) rather than a dozen per cell.
      const looks = Array.from({ length: rows }, (_, r) =>
        Array.from({ length: cols }, (_, c) => {
          const cell = spec.cells[r]?.[c];
          return cell ? { format: cellFormat(cell) } : {};
        }),
      );
      for (const [from, count, bytes] of rowBlocks(looks)) {
        commands.push({
          bytes,
          queue: () =>
            ws.getRangeByIndexes(top + from, left, count, cols).setCellProperties(looks.slice(from, from + count)),
        });
      }
    } else {
      spec.cells.forEach((cells, r) =>
        cells.forEach((cell, c) => {
          if (!cell) return;
          const fill = cell.fill ?? (cell.input ? INPUT_FILL : undefined);
          if (!fill && !cell.bold) return;
          commands.push({
            bytes: 2 * COMMAND_BYTES,
            queue: () => {
              const format = block.getCell(r, c).format;
              if (fill) format.fill.color = fill;
              if (cell.bold) format.font.bold = true;
            },
          });
        }),
      );
    }
    const at = (t: number, l: number, b = t, rr = l): string => rangeA1(top + t, left + l, top + b, left + rr);
    const cfs: { address: string; cf: Excel.ConditionalFormat }[] = [];
    commands.push({
      bytes: COMMAND_BYTES * (8 + (spec.names?.length ?? 0) + 4 * (spec.charts?.length ?? 0)),
      queue: () => {
        if (spec.excelTable) {
          const t = spec.excelTable;
          const table = ws.tables.add(`${quoteSheet(sheet)}!${at(t.top, t.left, t.bottom, t.right)}`, true);
          table.name = t.name;
        }
        for (const n of spec.names ?? [])
          wb.names.add(n.name, ws.getRange(at(n.top, n.left, n.bottom ?? n.top, n.right ?? n.left)));
        for (const group of spec.conditionalBands ?? []) {
          const where = at(group.top, group.left, group.bottom, group.right);
          for (const band of group.bands) {
            const cf = ws.getRange(where).conditionalFormats.add('CellValue' as Excel.ConditionalFormatType);
            cf.cellValue.format.fill.color = band.fill;
            cf.cellValue.rule = { formula1: String(band.min), formula2: String(band.max), operator: 'Between' };
            cf.load('id');
            cfs.push({ address: where, cf });
          }
        }
        (spec.columnWidths ?? []).forEach((chars, i) => {
          ws.getRange(`${columnLetter(left + i)}:${columnLetter(left + i)}`).format.columnWidth = charsToPoints(chars);
        });
        (spec.charts ?? []).forEach((c, i) => addChart(ws, c, charts[i], at));
        if (spec.newSheet) ws.load('id');
        if (small) block.load('formulas');
      },
    });
    let written: unknown[][];
    try {
      await session.send(context, commands);
      // What Excel holds now, so undo can tell the cells someone has changed since: read with
      // the last command when it is small, else in blocks of its own (a response over the limit
      // would fail a sync whose commands Excel has already carried out).
      written = small ? block.formulas : await readBack(context, ws, inputs, top, left, session.maxRequestBytes);
    } catch (error) {
      throw await refused(context, session, record, before, error, doing);
    }

    session.writes.push({
      ...record,
      sheetId: spec.newSheet ? ws.id : sheetProxy?.id,
      written,
      conditionalFormats: cfs.map(({ address: where, cf }) => ({ address: where, id: cf.id })),
    });
    if (spec.newSheet) session.knownSheets = null;
    for (const sentence of spillNotes(spec.title, arrays, writes, top, left)) session.note(sentence);
    return { sheet, range: address, cells: rows * cols };
  });
}
