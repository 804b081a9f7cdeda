/**
 * Opening a workbook's bytes, in Node and in the browser alike: say plainly what is wrong with a
 * file that is not an .xlsx PlanCheck can read, else build the exceljs port. The CLI (files.ts)
 * and the browser page give the same sentences because they both come from here.
 */
import { PortError } from '../engine/port';
import { whyNotAWorkbook } from './sniff';
import { XlsxPort } from './xlsxPort';

export { whyNotAWorkbook };

/** The port over a file's bytes; every bad file becomes a PortError with one sentence naming it. */
export async function openWorkbookBytes(bytes: Uint8Array, name: string): Promise<XlsxPort> {
  const problem = whyNotAWorkbook(bytes, name);
  if (problem) throw new PortError(problem, 'NotAWorkbook');
  let port: XlsxPort;
  try {
    port = await XlsxPort.fromBuffer(bytes, name.replace(/^.*[\\/]/, ''));
  } catch (e) {
    if (e instanceof PortError) throw e;
    throw new PortError(`${name} is damaged and cannot be opened as a workbook.`, 'Corrupt');
  }
  if (port.workbook.worksheets.length === 0) {
    throw new PortError(`${name} is damaged and cannot be opened as a workbook: it has no sheets.`, 'Corrupt');
  }
  return port;
}
