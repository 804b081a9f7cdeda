/**
 * The worker's end: puts each snapshot together from its pieces (on the rows kept from the last
 * one, see protocol.ts) and does the work asked (a check, the risks, the benchmarks) in stages, saying
 * each stage; opens a workbook's bytes with exceljs and sends its model back in pieces (the browser
 * page, src/browser/openOffThread.ts). engine.worker.ts wires this to the worker's messages; the
 * tests wire it to an in-process channel.
 */
import { PortError } from '../../engine/port';
import { ENGINE } from '../engine';
import { SnapshotAssembly, TablesSent, type FromWorker, type SentRows, type ToWorker } from './protocol';
import { taskInStages } from './stages';

export type Post = (message: FromWorker, transfer?: Transferable[]) => void;

/** The worker's message handler, posting its answers with `post`. */
export function workerSide(post: Post): (message: ToWorker) => Promise<void> {
  const assemblies = new Map<number, SnapshotAssembly>();
  /** The rows of the last snapshot run: the page sends only what differs from them. */
  let kept: SentRows = new Map();
  const tablesSent = new TablesSent();
  const failed = (id: number, e: unknown) => {
    const error = e instanceof Error ? e : new Error(String(e));
    const code = error instanceof PortError ? error.code : undefined;
    post({ type: 'failed', id, message: error.message, name: error.name, ...(code ? { code } : {}) });
  };
  return async (message) => {
    const { id } = message;
    try {
      switch (message.type) {
        case 'check':
          assemblies.set(id, new SnapshotAssembly(message, kept));
          return;
        case 'sheet':
        case 'rows':
          try {
            assemblies.get(id)?.add(message);
          } catch (e) {
            // A snapshot that cannot be put together is never kept: the page sends the next one whole.
            assemblies.delete(id);
            throw e;
          }
          return;
        case 'run': {
          const assembly = assemblies.get(id);
          assemblies.delete(id);
          if (!assembly) throw new Error('The checker was given no workbook.');
          // Kept before the check, as the page counts it sent once it has asked for the run.
          kept = assembly.rows();
          const done = await taskInStages(
            ENGINE,
            message.task,
            assembly.wb,
            assembly.settings,
            (progress) => post({ type: 'progress', id, progress }),
            undefined,
            message.args,
          );
          post({ type: 'answer', id, answer: tablesSent.answer(done) });
          return;
        }
        case 'open': {
          // exceljs only where a workbook is opened (the browser page): the Excel pane's worker never loads it.
          const { sendBook } = await import(/* webpackChunkName: "worker-reader" */ '../../xlsx/rebuild');
          await sendBook(
            message.bytes,
            message.rowsPerMessage,
            (m) => post({ ...m, id } as FromWorker),
            (progress) => post({ type: 'progress', id, progress }),
          );
          return;
        }
      }
    } catch (e) {
      failed(id, e);
    }
  };
}
