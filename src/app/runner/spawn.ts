/**
 * Starts the engine's worker: webpack makes engine.worker.ts a chunk of its own from the line below.
 * Only the pages' entry points import this file (jest and the CLI never do).
 */
import type { Channel } from './channel';

export function spawnEngineWorker(): Channel {
  const worker = new Worker(
    // @ts-expect-error -- import.meta is for webpack, which builds the pages as ES modules; tsc checks them as CommonJS.
    new URL(/* webpackChunkName: "engine-worker" */ './engine.worker.ts', import.meta.url),
    { name: 'plancheck-engine' },
  );
  return {
    post: (message, transfer) => worker.postMessage(message, transfer ?? []),
    onMessage: (listener) => worker.addEventListener('message', (e) => listener(e.data)),
    onError: (listener) =>
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        listener(e.message || 'The checker could not start.');
      }),
    close: () => worker.terminate(),
  };
}
