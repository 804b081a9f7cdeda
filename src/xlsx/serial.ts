/** Dates as Excel keeps them: the one conversion the readers and the package patcher share. */

/** A date as Excel's serial number (days since 1899-12-30, or since 1904-01-01 in the 1904 system). */
export function excelSerial(d: Date, date1904: boolean): number {
  return 25569 + d.getTime() / 86400000 - (date1904 ? 1462 : 0);
}
