/**
 * Opening a workbook in the browser page without freezing it: the engine's worker unzips and parses
 * the .xlsx with exceljs, and the page builds its own exceljs workbook from the worker's model a
 * piece of rows at a time (src/xlsx/rebuild.ts), saying how far it has got, and stops when cancelled.
 * The same sentences as opening on the page's thread (src/xlsx/open.ts), which is what happens
 * where there is no worker.
 */
import { PortError } from '../engine/port';
import { workerSpawner } from '../app/runner';
import type { FromWorker } from '../app/runner/protocol';
import { breathe } from '../app/runner/inThread';
import { CancelledError, throwIfStopped, type WorkOptions } from '../app/runner/work';
import { baselineOf } from '../xlsx/file';
import { whyNotAWorkbook } from '../xlsx/sniff';
import { BookRebuild, type BookMessage } from '../xlsx/rebuild';
import { XlsxPort } from '../xlsx/xlsxPort';
import { openWorkbook } from './openWorkbook';

/** Rows per message from the worker: each a few tens of milliseconds to build on the page. */
const ROWS_PER_MESSAGE = 1000;

export async function openOffThread(buffer: ArrayBuffer, name: string, options: WorkOptions = {}): Promise<XlsxPort> {
  const port = await openedPort(buffer, name, options);
  // Its reads (each check's) give the page a turn every few thousand rows, so it never freezes.
  port.state.pauseReads = breathe;
  return port;
}

async function openedPort(buffer: ArrayBuffer, name: string, options: WorkOptions): Promise<XlsxPort> {
  const { signal, onProgress } = options;
  throwIfStopped(signal);
  const bytes = new Uint8Array(buffer);
  const problem = whyNotAWorkbook(bytes, name);
  if (problem) throw new PortError(problem, 'NotAWorkbook');
  const spawn = workerSpawner();
  if (!spawn) return openWorkbook(buffer, name);
  let channel;
  try {
    channel = spawn();
  } catch {
    return openWorkbook(buffer, name);
  }
  const worker = channel;
  const damaged = () => new PortError(`${name} is damaged and cannot be opened as a workbook.`, 'Corrupt');
  const opened = await new Promise<BookRebuild | XlsxPort>((resolve, reject) => {
    const rebuild = new BookRebuild();
    let heard = false;
    const stop = () => {
      worker.close();
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', stop, { once: true });
    const end = () => {
      signal?.removeEventListener('abort', stop);
      worker.close();
    };
    worker.onMessage((m: FromWorker) => {
      heard = true;
      if (signal?.aborted) return;
      try {
        if (m.type === 'progress') onProgress?.(m.progress);
        else if (m.type === 'failed') {
          end();
          reject(damaged());
        } else if (m.type === 'book' || m.type === 'book-rows' || m.type === 'opened') {
          const progress = rebuild.take(m as BookMessage);
          if (progress) onProgress?.(progress);
          if (m.type === 'opened') {
            end();
            resolve(rebuild);
          }
        }
      } catch {
        end();
        reject(damaged());
      }
    });
    worker.onError(() => {
      end();
      // A worker that never answered could not start here: the page opens the file itself.
      if (!heard) openWorkbook(buffer, name).then(resolve, reject);
      else reject(damaged());
    });
    // A copy goes to the worker; the page keeps the bytes, which a downloaded copy patches.
    const copy = bytes.slice();
    worker.post({ type: 'open', id: 1, bytes: copy, rowsPerMessage: ROWS_PER_MESSAGE }, [copy.buffer]);
  });
  if (opened instanceof XlsxPort) return opened;
  const port = new XlsxPort(opened.workbook, name.replace(/^.*[\\/]/, ''));
  port.state.original = { bytes, baseline: baselineOf(opened.workbook) };
  if (opened.workbook.worksheets.length === 0) {
    throw new PortError(`${name} is damaged and cannot be opened as a workbook: it has no sheets.`, 'Corrupt');
  }
  return port;
}
