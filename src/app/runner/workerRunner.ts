/**
 * The engine in a Web Worker, from the page's side: the snapshot goes over in pieces (protocol.ts),
 * after the first check only the rows that changed,
 * the worker says each stage, and the findings come back. Cancel ends the worker (a check cannot be
 * interrupted any other way) and the next check starts a fresh one. Should the worker fail to start
 * (an old host, a policy that forbids workers), this check and the ones after run on the page's
 * thread instead, through the same interface.
 */
import type { WorkbookSnapshot } from '../../engine/grid';
import type { Settings } from '../../engine/settings';
import type { Channel } from './channel';
import { plural } from '../messages';
import { breathe } from './inThread';
import { sentRowsOf, snapshotMessages, tablesOf, type FromWorker, type SentRows } from './protocol';
import type { FoundTable } from '../../engine/tables';
import { PortError } from '../../engine/port';
import type { CheckedWorkbook, EngineRunner, Task, TaskArgs, TaskResults } from './runner';
import { CancelledError, throwIfStopped, type WorkOptions } from './work';

/** A message from the worker as the waiting work hears it: an answer has its tables whole. */
type Heard =
  | Exclude<FromWorker, { type: 'answer' }>
  | { type: 'answer'; id: number; answer: { tables?: FoundTable[] } & Record<string, unknown> };

export class WorkerRunner implements EngineRunner {
  readonly where = 'worker';
  private channel: Channel | null = null;
  /** The worker could not start: everything runs on the page's thread from then on. */
  private broken = false;
  private nextId = 1;
  /** What the worker on `channel` holds of the last snapshot it was asked to run (protocol.ts). */
  private held: { channel: Channel; rows: SentRows } | null = null;
  /** The tables of the worker's last answer: its next answer refers to the unchanged ones by index. */
  private answered: FoundTable[] = [];
  private readonly waiting = new Map<number, { message: (m: Heard) => void; error: (why: string) => void }>();

  constructor(
    private readonly spawn: () => Channel,
    private readonly fallback: EngineRunner,
  ) {}

  check(wb: WorkbookSnapshot, settings: Settings, options: WorkOptions = {}): Promise<CheckedWorkbook> {
    return this.run('check', wb, settings, options);
  }

  async run<T extends Task>(
    task: T,
    wb: WorkbookSnapshot,
    settings: Settings,
    options: WorkOptions = {},
    args?: TaskArgs[T],
  ): Promise<TaskResults[T]> {
    const { signal, onProgress } = options;
    throwIfStopped(signal);
    const channel = this.broken ? null : this.open();
    if (!channel) return this.fallback.run(task, wb, settings, options, args);
    const id = this.nextId++;
    let gotWord = false;
    const answer = new Promise<TaskResults[T]>((resolve, reject) => {
      const stop = () => {
        this.end(id);
        this.restart();
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', stop, { once: true });
      this.waiting.set(id, {
        message: (m) => {
          gotWord = true;
          if (m.type === 'progress') onProgress?.(m.progress);
          else if (m.type === 'answer' || m.type === 'failed') {
            signal?.removeEventListener('abort', stop);
            this.end(id);
            // The worker did the task it was asked (workerSide.ts): its answer is that task's result.
            if (m.type === 'answer') resolve(m.answer as unknown as TaskResults[T]);
            else {
              // What the worker holds is in doubt after a failure: the next work sends every row.
              if (this.held?.channel === channel) this.held = null;
              reject(errorFrom(m));
            }
          }
        },
        error: (why) => {
          signal?.removeEventListener('abort', stop);
          this.end(id);
          if (gotWord) return reject(new Error(why));
          // The worker never answered: it could not start here. The page's thread does the work.
          this.broken = true;
          this.fallback.run(task, wb, settings, options, args).then(resolve, reject);
        },
      });
    });
    answer.catch(() => undefined); // stopped while still sending: the caller hears it below
    // The snapshot in pieces, the page free to paint and answer clicks between them.
    const sending = (async () => {
      let last = 0;
      const before = this.held?.channel === channel ? this.held.rows : null;
      for (const { message, sheet, done, total, rows } of snapshotMessages(id, wb, settings, undefined, before)) {
        if (signal?.aborted || !this.waiting.has(id)) return;
        channel.post(message);
        if (message.type === 'rows') {
          onProgress?.({
            stage: 'sending',
            text:
              total === rows
                ? `Reading the workbook: ${sheet}, ${done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} rows`
                : `Reading what changed: ${sheet}, ${plural(total, 'row')}`,
            done,
            total,
          });
          await breathe();
        } else if (++last % 50 === 0) await breathe();
      }
      if (!signal?.aborted && this.waiting.has(id)) {
        channel.post({ type: 'run', id, task, args });
        // The worker keeps these rows when it takes the run (messages arrive in order).
        this.held = { channel, rows: sentRowsOf(wb) };
      }
    })();
    await sending;
    return answer;
  }

  /** Ends the worker, if there is one. */
  dispose(): void {
    this.channel?.close();
    this.channel = null;
  }

  private open(): Channel | null {
    if (this.channel) return this.channel;
    try {
      const channel = this.spawn();
      this.answered = [];
      channel.onMessage((m) => {
        // Every answer, whoever still waits for it, so the tables stay in step with the worker's.
        this.waiting.get(m.id)?.message(m.type === 'answer' ? this.whole(m) : m);
      });
      channel.onError((why) => {
        for (const w of [...this.waiting.values()]) w.error(why);
        if (this.channel === channel) this.channel = null;
        channel.close();
      });
      this.channel = channel;
      return channel;
    } catch {
      this.broken = true;
      return null;
    }
  }

  /** An answer with its tables whole again (the unchanged ones are the last answer's). */
  private whole(m: Extract<FromWorker, { type: 'answer' }>): Heard {
    const sent = m.answer;
    if (!sent.tables) return { type: 'answer', id: m.id, answer: sent as Record<string, unknown> };
    try {
      const tables = tablesOf({ tables: sent.tables }, this.answered);
      this.answered = tables;
      return { type: 'answer', id: m.id, answer: { ...m.answer, tables } };
    } catch (e) {
      return { type: 'failed', id: m.id, message: (e as Error).message, name: 'Error' };
    }
  }

  private end(id: number): void {
    this.waiting.delete(id);
  }

  /** A cancelled check: the worker is ended mid-work, and a fresh one starts with the next check. */
  private restart(): void {
    this.channel?.close();
    this.channel = null;
    for (const w of [...this.waiting.values()]) w.error('The checker was restarted.');
  }
}

/**
 * The error the worker's work threw, as the page's own: a PortError (a file that is not a workbook,
 * say) is one again, so the pane says its sentence as it is; any other keeps its message and name.
 */
function errorFrom(m: Extract<FromWorker, { type: 'failed' }>): Error {
  if (m.name === 'PortError') return new PortError(m.message, m.code);
  return Object.assign(new Error(m.message), { name: m.name });
}
