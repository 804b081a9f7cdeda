/** The engine's Web Worker: one bundle for the Excel task pane and the browser page (see workerSide.ts). */
import type { ToWorker } from './protocol';
import { workerSide } from './workerSide';

const scope = self as unknown as {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};

const handle = workerSide((message, transfer) => scope.postMessage(message, transfer ?? []));
scope.onmessage = (event) => void handle(event.data);
