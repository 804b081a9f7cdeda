/** The page's end of a line to the engine's worker: a real Worker (spawn.ts), or one in-process in the tests. */
import type { FromWorker, ToWorker } from './protocol';

export interface Channel {
  post(message: ToWorker, transfer?: Transferable[]): void;
  /** Each message from the worker. */
  onMessage(listener: (message: FromWorker) => void): void;
  /** The worker failed (it could not load, or it threw where nothing caught it). */
  onError(listener: (why: string) => void): void;
  /** Ends the worker, whatever it is doing. */
  close(): void;
}
