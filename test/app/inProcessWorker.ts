/**
 * The engine's worker run in the test's own process: the same handler as the real worker
 * (src/app/runner/workerSide.ts), each message copied as postMessage copies it (structuredClone)
 * and delivered on a later turn of the event loop, as a worker's would be.
 */
import type { Channel } from '../../src/app/runner/channel';
import type { FromWorker, ToWorker } from '../../src/app/runner/protocol';
import type { Task } from '../../src/app/runner/runner';
import { workerSide } from '../../src/app/runner/workerSide';

export interface InProcessWorker extends Channel {
  /** Every message the page sent, by type, and whether the worker was ended. */
  sent: ToWorker['type'][];
  /** Rows handed over, all checks together. */
  rowsSent: number;
  /** The work asked of the worker, in order. */
  tasks: Task[];
  closed: boolean;
}

export function inProcessWorker(): InProcessWorker {
  const listeners: ((m: FromWorker) => void)[] = [];
  const later = (fn: () => void) => setTimeout(fn, 0);
  const channel: InProcessWorker = {
    sent: [],
    rowsSent: 0,
    tasks: [],
    closed: false,
    post: (message) => {
      channel.sent.push(message.type);
      if (message.type === 'rows') channel.rowsSent += message.values.length;
      if (message.type === 'run') channel.tasks.push(message.task);
      const copy = structuredClone(message);
      later(() => {
        if (!channel.closed) void handle(copy);
      });
    },
    onMessage: (listener) => void listeners.push(listener),
    onError: () => undefined,
    close: () => {
      channel.closed = true;
    },
  };
  const handle = workerSide((message) => {
    const copy = structuredClone(message);
    later(() => {
      if (!channel.closed) for (const l of listeners) l(copy);
    });
  });
  return channel;
}

/** A worker that cannot start here (a policy forbids it): it says so before it answers anything. */
export function workerThatCannotStart(): Channel {
  let failed: ((why: string) => void) | null = null;
  return {
    post: () => setTimeout(() => failed?.('Refused to create a worker'), 0),
    onMessage: () => undefined,
    onError: (listener) => void (failed = listener),
    close: () => undefined,
  };
}
