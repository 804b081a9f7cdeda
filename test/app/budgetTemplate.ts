/** A council's budget template, styled, its proposed years blank: built here for the unit and end-to-end tests. */
import ExcelJS from 'exceljs';

export const SHEET = 'Budget projection';
const MONEY = '#,##0;(#,##0)';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  bottom: { style: 'thin' },
  left: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * The directorate's template: a merged title, a shaded header, service lines with their 2024/25
 * budgets, the proposed years 2025/26 to 2027/28 blank, and a Total row with its own SUMs.
 * "Physical support" has no 2024/25 figure: PlanCheck cannot start it on its own.
 */
export async function budgetTemplateBytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.getCell('A1').value = 'Adult Social Care: budget projection (£000)';
  ws.getCell('A1').font = { bold: true, size: 14, name: 'Arial' };
  ws.mergeCells('A1:F1');
  ws.getRow(3).values = ['Ref', 'Service line', '2024/25', '2025/26', '2026/27', '2027/28'];
  const lines: [string, string, number | null][] = [
    ['01', 'Older people', 52000],
    ['02', 'Learning disability', 38000],
    ['03', 'Mental health', 12500],
    ['04', 'Physical support', null],
  ];
  lines.forEach(([ref, label, base], i) => {
    const r = 4 + i;
    ws.getCell(r, 1).value = ref;
    ws.getCell(r, 2).value = label;
    if (base !== null) ws.getCell(r, 3).value = base;
  });
  ws.getCell('B8').value = 'Total';
  for (const [c, letter] of [
    [3, 'C'],
    [4, 'D'],
    [5, 'E'],
    [6, 'F'],
  ] as const) {
    const base = c === 3 ? 102500 : 0;
    ws.getCell(8, c).value = { formula: `SUM(${letter}4:${letter}7)`, result: base };
  }
  for (let r = 3; r <= 8; r++) {
    for (let c = 1; c <= 6; c++) {
      const cell = ws.getCell(r, c);
      cell.border = THIN;
      cell.font = { name: 'Arial', size: 10, bold: r === 3 || r === 8 };
      if (r === 3) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E78' } };
      if (r === 3) cell.font = { name: 'Arial', size: 10, bold: true, color: { argb: 'FFFFFFFF' } };
      if (c >= 3 && r > 3) cell.numFmt = MONEY;
    }
  }
  ws.getColumn(2).width = 28;
  for (const c of [3, 4, 5, 6]) ws.getColumn(c).width = 12;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
