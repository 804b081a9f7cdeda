/** Writing a TableSpec: values and formulas, formats, the Excel table, names, conditional formats, charts. */
import { a1, columnLetter, quoteSheet, rangeA1 } from '../engine/grid';
import { OverwriteRefusedError, PortError, type WriteResult } from '../engine/port';
import type { ChartSpec, TableSpec } from '../engine/spec';
import { restoreInput, specInput, type CellInput } from './cells';
import { isItemNotFound } from './errors';
import type { Session } from './session';
import { INPUT_FILL, cellFormat, cellPropsLoad, charsToPoints, isStyled } from './style';

function chartType(type: ChartSpec['type']): Excel.ChartType {
  switch (type) {
    case 'bar':
      return 'BarClustered' as Excel.ChartType;
    case 'line':
      return 'Line' as Excel.ChartType;
    case 'radar':
      return 'Radar' as Excel.ChartType;
    case 'waterfall':
      return 'ColumnStacked' as Excel.ChartType;
    default:
      return 'ColumnClustered' as Excel.ChartType;
  }
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

  // Table names and defined names share one namespace: a clash within the spec itself is refused
  // before anything is sent to Excel.
  const wanted = [...(spec.excelTable ? [spec.excelTable.name] : []), ...(spec.names ?? []).map((n) => n.name)];
  const twice = wanted.filter((n, i) => wanted.findIndex((m) => m.toLowerCase() === n.toLowerCase()) !== i);
  if (twice.length > 0) {
    throw new PortError(
      `${spec.title} would use the name ${twice[0]} twice (tables and named ranges share one list of names), so nothing was written.`,
      'ItemAlreadyExists',
    );
  }

  const styled = isStyled(spec);
  return session.exec(doing, async (context) => {
    const wb = context.workbook;
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
      target.load('values,formulas,numberFormat');
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
    const taken = nameChecks.filter((n) => !n.asName.isNullObject || !n.asTable.isNullObject).map((n) => n.name);
    if (taken.length > 0) {
      const what = (n: string): string =>
        n === spec.excelTable?.name ? `a table called "${n}"` : `the named range "${n}"`;
      throw new PortError(
        `${spec.title} was not written: it needs ${taken.map(what).join(' and ')}, and the workbook already ` +
          `has a table or a named range called that (they share one list of names). Rename or remove ${taken.length > 1 ? 'them' : 'it'}, then try again.`,
        'ItemAlreadyExists',
      );
    }

    const oldFormulas: unknown[][] = target ? target.formulas : [];
    const oldValues: unknown[][] = target ? target.values : [];
    const oldFormats: unknown[][] = target ? target.numberFormat : [];
    if (target && !options.overwrite) {
      const occupied: string[] = [];
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          if (!spec.cells[r]?.[c] || spec.cells[r]?.[c]?.refresh) continue;
          const v = oldValues[r]?.[c];
          const f = oldFormulas[r]?.[c];
          if ((v !== '' && v !== null && v !== undefined) || (typeof f === 'string' && f !== ''))
            occupied.push(a1(top + r, left + c));
        }
      }
      if (occupied.length > 0) throw new OverwriteRefusedError(sheet, occupied);
    }

    // Sync 2: everything written, in order: values and formulas, number formats, fills and
    // bold, the Excel table, names, conditional formats, column widths, charts.
    const ws = spec.newSheet ? wb.worksheets.add(sheet) : wb.worksheets.getItem(sheet);
    const block = ws.getRangeByIndexes(top, left, rows, cols);
    const inputs: CellInput[][] = [];
    const formats: string[][] = [];
    for (let r = 0; r < rows; r++) {
      const inRow: CellInput[] = [];
      const fmtRow: string[] = [];
      for (let c = 0; c < cols; c++) {
        const cell = spec.cells[r]?.[c];
        // A formula already there whose value Excel brings up to date itself: left as it is.
        if (cell && !cell.refresh) inRow.push(specInput(cell));
        else inRow.push(target ? restoreInput(oldFormulas[r]?.[c], oldValues[r]?.[c]) : '');
        const existing = oldFormats[r]?.[c];
        fmtRow.push(cell?.numberFormat ?? (typeof existing === 'string' ? existing : 'General'));
      }
      inputs.push(inRow);
      formats.push(fmtRow);
    }
    block.formulas = inputs;
    block.numberFormat = formats;
    if (styled) {
      // Fonts and borders of a table in the house style: one command for the whole block
      // (setCellProperties, ExcelApi 1.9) rather than a dozen per cell.
      block.setCellProperties(
        Array.from({ length: rows }, (_, r) =>
          Array.from({ length: cols }, (_, c) => {
            const cell = spec.cells[r]?.[c];
            return cell ? { format: cellFormat(cell) } : {};
          }),
        ),
      );
    } else {
      spec.cells.forEach((cells, r) =>
        cells.forEach((cell, c) => {
          if (!cell) return;
          const fill = cell.fill ?? (cell.input ? INPUT_FILL : undefined);
          if (!fill && !cell.bold) return;
          const format = block.getCell(r, c).format;
          if (fill) format.fill.color = fill;
          if (cell.bold) format.font.bold = true;
        }),
      );
    }
    const at = (t: number, l: number, b = t, rr = l): string => rangeA1(top + t, left + l, top + b, left + rr);
    if (spec.excelTable) {
      const t = spec.excelTable;
      const table = ws.tables.add(`${quoteSheet(sheet)}!${at(t.top, t.left, t.bottom, t.right)}`, true);
      table.name = t.name;
    }
    for (const n of spec.names ?? [])
      wb.names.add(n.name, ws.getRange(at(n.top, n.left, n.bottom ?? n.top, n.right ?? n.left)));
    const cfs: { address: string; cf: Excel.ConditionalFormat }[] = [];
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
    const charts: string[] = [];
    for (const c of spec.charts ?? []) {
      const chart = ws.charts.add(
        chartType(c.type),
        ws.getRange(at(c.data.top, c.data.left, c.data.bottom, c.data.right)),
        'Auto' as Excel.ChartSeriesBy,
      );
      const name = `PlanCheck chart ${Date.now().toString(36)}-${++session.chartCount}`;
      chart.name = name;
      chart.title.text = c.title;
      chart.setPosition(at(c.at.row, c.at.col));
      if (c.type === 'waterfall') {
        // The base series only lifts the visible steps: no fill, no legend entry (ExcelApi 1.7).
        chart.series.getItemAt(0).format.fill.clear();
        chart.legend.visible = false;
      }
      charts.push(name);
    }
    // What Excel holds now, so undo can tell the cells someone has changed since.
    block.load('formulas');
    if (spec.newSheet) ws.load('id');
    await context.sync();

    session.lastWrite = {
      title: spec.title,
      sheet,
      sheetId: spec.newSheet ? ws.id : sheetProxy?.id,
      addedSheet: !!spec.newSheet,
      address,
      top,
      left,
      formulas: oldFormulas,
      values: oldValues,
      numberFormats: oldFormats,
      cellProps: props ? props.value : [],
      styled,
      written: block.formulas,
      table: spec.excelTable?.name,
      names: (spec.names ?? []).map((n) => n.name),
      conditionalFormats: cfs.map(({ address: where, cf }) => ({ address: where, id: cf.id })),
      charts,
      columnWidths: widths.map((f, i) => ({ col: left + i, width: f.columnWidth })),
    };
    if (spec.newSheet) session.knownSheets = null;
    return { sheet, range: address, cells: rows * cols };
  });
}
