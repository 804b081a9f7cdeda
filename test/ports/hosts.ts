/**
 * The two hosts PlanCheck's port runs on, behind one face for the contract test: the exceljs port
 * on a real .xlsx (the CLI and the browser page) and the Office.js port on the fake Excel (the
 * task pane). Each gives a port over a workbook made from the same rows, lets a test look at a
 * cell and change one as a user would, and carries the workbook to the other host as saving it in
 * one and opening it in the other would (values, formulas, number formats, fills, and every sheet
 * with its visibility, so PlanCheck's very hidden records go along).
 */
import ExcelJS from 'exceljs';

import type { CellValue } from '../../src/engine/grid';
import type { WorkbookPort } from '../../src/engine/port';
import { OfficePort } from '../../src/excel/officePort';
import type { DocumentFileLike } from '../../src/excel/session';
import { XlsxPort } from '../../src/xlsx/xlsxPort';
import { cellA1, FakeExcel, type Scalar } from '../excel/fakeExcel';

export type Rows = (CellValue | null)[][];

/** What a person sees in one cell: its value, its formula (or null), and its fill colour (or null). */
export interface Seen {
  value: CellValue;
  formula: string | null;
  fill: string | null;
}

export interface Book {
  port: WorkbookPort;
  /** Which host this is ("exceljs" or "Office.js"). */
  host: string;
  seen(sheet: string, cell: string): Seen;
  /** The user types a value (or a formula starting "=") into a cell. */
  type(sheet: string, cell: string, value: Scalar): void;
  /** The user fills a cell with a solid colour. */
  paint(sheet: string, cell: string, color: string): void;
  /** Every sheet's name and visibility ("visible", "hidden", "veryHidden"), in order. */
  sheets(): { name: string; state: string }[];
  /** Everything on the sheets a user sees, for before and after: sheet -> A1 -> what is seen. */
  picture(): Record<string, Record<string, Seen>>;
  /** The workbook as an exceljs workbook (what saving it gives). */
  save(): Promise<ExcelJS.Workbook>;
}

export interface Host {
  name: string;
  /** A workbook with these sheets of rows (top-left at A1). */
  open(sheets: Record<string, Rows>): Promise<Book>;
  /** A workbook saved by another host, opened here. */
  reopen(saved: ExcelJS.Workbook): Promise<Book>;
}

const VISIBILITY: Record<string, string> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };
const OFFICE_VISIBILITY: Record<string, string> = { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' };

function workbookOf(sheets: Record<string, Rows>): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== '') ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
      }),
    );
  }
  return wb;
}

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function solidArgb(fill: ExcelJS.Fill | undefined): string | null {
  if (!fill || fill.type !== 'pattern' || fill.pattern !== 'solid') return null;
  const argb = fill.fgColor?.argb;
  return argb ? `#${argb.slice(-6).toUpperCase()}` : null;
}

function seenInExceljs(cell: ExcelJS.Cell): Seen {
  const v = cell.value;
  const fill = solidArgb(cell.fill);
  if (v && typeof v === 'object' && 'formula' in v) {
    const result = (v as ExcelJS.CellFormulaValue).result;
    return { value: (result ?? null) as CellValue, formula: `=${v.formula}`, fill };
  }
  return { value: v === undefined || v === '' ? null : (v as CellValue), formula: null, fill };
}

function exceljsBook(port: XlsxPort): Book {
  const ws = (sheet: string): ExcelJS.Worksheet => {
    const found = port.workbook.getWorksheet(sheet);
    if (!found) throw new Error(`no sheet ${sheet}`);
    return found;
  };
  return {
    port,
    host: 'exceljs',
    seen: (sheet, cell) => seenInExceljs(ws(sheet).getCell(cell)),
    type: (sheet, cell, value) => {
      ws(sheet).getCell(cell).value =
        typeof value === 'string' && value.startsWith('=') ? { formula: value.slice(1), result: 0 } : value;
    },
    paint: (sheet, cell, color) => {
      ws(sheet).getCell(cell).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${color.slice(1)}` } };
    },
    sheets: () => port.workbook.worksheets.map((w) => ({ name: w.name, state: w.state ?? 'visible' })),
    picture: () => {
      const out: Record<string, Record<string, Seen>> = {};
      for (const w of port.workbook.worksheets) {
        if (w.state === 'veryHidden') continue;
        const cells: Record<string, Seen> = {};
        w.eachRow({ includeEmpty: false }, (row) =>
          row.eachCell({ includeEmpty: false }, (cell) => {
            const s = seenInExceljs(cell);
            if (s.value !== null || s.formula !== null || s.fill !== null) cells[cell.address] = s;
          }),
        );
        out[w.name] = cells;
      }
      return out;
    },
    save: async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await port.toBuffer()) as unknown as ExcelJS.Buffer);
      return wb;
    },
  };
}

export const exceljsHost: Host = {
  name: 'exceljs',
  open: async (sheets) => exceljsBook(await XlsxPort.fromBuffer(await bytesOf(workbookOf(sheets)), 'Plan.xlsx')),
  reopen: async (saved) => exceljsBook(await XlsxPort.fromBuffer(await bytesOf(saved), 'Plan.xlsx')),
};

/** Office's file API over the fake: the compressed file is the fake's workbook saved, in slices. */
function fakeDocument(save: () => Promise<ExcelJS.Workbook>): DocumentFileLike {
  return {
    getFileAsync: (_type, options, callback) => {
      void save()
        .then(bytesOf)
        .then((bytes) => {
          const size = options.sliceSize ?? bytes.length;
          const slices: Uint8Array[] = [];
          for (let i = 0; i < bytes.length; i += size) slices.push(bytes.slice(i, i + size));
          const file = {
            size: bytes.length,
            sliceCount: slices.length,
            getSliceAsync: (index: number, done: (r: Office.AsyncResult<Office.Slice>) => void) =>
              done({
                status: 'succeeded',
                value: { data: [...slices[index]], index, size: slices[index].length },
              } as never),
            closeAsync: (done?: () => void) => done?.(),
          };
          callback({ status: 'succeeded', value: file } as never);
        });
    },
  };
}

function officeBook(excel: FakeExcel): Book {
  const save = async (): Promise<ExcelJS.Workbook> => {
    const wb = new ExcelJS.Workbook();
    for (const s of excel.sheets) {
      const ws = wb.addWorksheet(s.name, { state: VISIBILITY[s.visibility] as ExcelJS.WorksheetState });
      const box = s.usedBox();
      const keys = new Set<string>([...s.fills.keys(), ...s.numberFormats.keys()]);
      if (box)
        for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) keys.add(`${r},${c}`);
      for (const k of keys) {
        const [r, c] = k.split(',').map(Number);
        const cell = ws.getCell(r + 1, c + 1);
        const formula = s.formulas.get(k);
        const value = s.value(r, c);
        if (formula) cell.value = { formula: formula.slice(1), result: value as number };
        else if (value !== '') cell.value = value;
        const fill = s.fills.get(k);
        if (fill && fill.pattern === 'Solid')
          cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${fill.color.slice(1)}` } };
        const format = s.numberFormats.get(k);
        if (format && format !== 'General') cell.numFmt = format;
      }
    }
    return wb;
  };
  const port = new OfficePort({ run: excel.run, document: fakeDocument(save) });
  const seen = (sheet: string, cell: string): Seen => {
    const c = excel.cell(sheet, cell);
    return {
      value: c.value === '' ? null : c.value,
      formula: c.formula,
      fill: c.fill && c.fill.pattern === 'Solid' ? c.fill.color.toUpperCase() : null,
    };
  };
  return {
    port,
    host: 'Office.js',
    seen,
    type: (sheet, cell, value) =>
      typeof value === 'string' && value.startsWith('=')
        ? excel.setCell(sheet, cell, { formula: value })
        : excel.setCell(sheet, cell, { value }),
    paint: (sheet, cell, color) => excel.setCell(sheet, cell, { fill: color }),
    sheets: () => excel.sheets.map((s) => ({ name: s.name, state: VISIBILITY[s.visibility] })),
    picture: () => {
      const out: Record<string, Record<string, Seen>> = {};
      for (const s of excel.sheets) {
        if (s.visibility === 'VeryHidden') continue;
        const cells: Record<string, Seen> = {};
        const keys = new Set<string>([...s.fills.keys(), ...s.formulas.keys()]);
        s.values.forEach((row, r) => row?.forEach((v, c) => v !== undefined && v !== '' && keys.add(`${r},${c}`)));
        for (const k of keys) {
          const [r, c] = k.split(',').map(Number);
          const one = seen(s.name, cellA1(r, c));
          if (one.value !== null || one.formula !== null || one.fill !== null) cells[cellA1(r, c)] = one;
        }
        out[s.name] = cells;
      }
      return out;
    },
    save,
  };
}

export const officeHost: Host = {
  name: 'Office.js',
  open: async (sheets) => {
    const excel = new FakeExcel({ name: 'Plan.xlsx' });
    for (const [name, rows] of Object.entries(sheets)) excel.addSheet(name, rows as (Scalar | null)[][]);
    return officeBook(excel);
  },
  reopen: async (saved) => {
    const excel = new FakeExcel({ name: 'Plan.xlsx' });
    saved.eachSheet((ws) => {
      const s = excel.addSheet(ws.name);
      s.visibility = OFFICE_VISIBILITY[ws.state ?? 'visible'] ?? 'Visible';
      ws.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => {
          const { value, formula, fill } = seenInExceljs(cell);
          if (formula) excel.setCell(ws.name, cell.address, { formula, value: value as Scalar });
          else if (value !== null) excel.setCell(ws.name, cell.address, { value: value as Scalar });
          if (fill) excel.setCell(ws.name, cell.address, { fill });
          if (cell.numFmt) excel.setCell(ws.name, cell.address, { numberFormat: cell.numFmt });
        }),
      );
    });
    return officeBook(excel);
  },
};

export const HOSTS: Host[] = [exceljsHost, officeHost];
