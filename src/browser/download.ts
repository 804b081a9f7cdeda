/**
 * The name and type of the copy the browser page downloads: an .xlsm stays an .xlsm (its macros
 * are kept, so its name and type say so), anything else is an .xlsx.
 */

const TYPES = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xlsm': 'application/vnd.ms-excel.sheet.macroEnabled.12',
} as const;

function extensionOf(name: string): keyof typeof TYPES {
  return /\.xlsm$/i.test(name) ? '.xlsm' : '.xlsx';
}

/** "plan.xlsm" -> "plan (checked).xlsm"; "plan.xlsx" (or no extension) -> "plan (checked).xlsx". */
export function checkedName(name: string): string {
  return name.replace(/\.xls[xm]$/i, '') + ` (checked)${extensionOf(name)}`;
}

/** The MIME type of the downloaded copy of a workbook opened under this name. */
export function downloadType(name: string): string {
  return TYPES[extensionOf(name)];
}
