/**
 * The engine in a Web Worker, from the page's side: the snapshot goes over in pieces (protocol.ts),
 * the worker says each stage, and the findings come back. Cancel ends the worker (a check cannot be
 * interrupted any other way) and the next check starts a fresh one. Should the worker fail to start
 * (an old host, a policy that forbids workers), this check and the ones after run on the page's
 * thread instead, through the same interface.
 */
import type { WorkbookSnapshot } from '../../engine/grid';
import type { Settings } from '../../engine/settings';
import type { Channel } from './channel';
import { breathe } from './inThread';
import { snapshotMessages, type FromWorker } from './protocol';
import type { CheckedWorkbook, EngineRunner } from './runner';
import { CancelledError, throwIfStopped, type WorkOptions } from './work';

export class WorkerRunner implements EngineRunner {
  readonly where = 'worker';
  private channel: Channel | null = null;
  /** The worker could not start: everything runs on the page's thread from then on. */
  private broken = false;
  private nextId = 1;
  private readonly waiting = new Map<number, { message: (m: FromWorker) => void; error: (why: string) => void }>();

  constructor(
    private readonly spawn: () => Channel,
    private readonly fallback: EngineRunner,
  ) {}

  async check(wb: WorkbookSnapshot, settings: Settings, options: WorkOptions = {}): Promise<CheckedWorkbook> {
    const { signal, onProgress } = options;
    throwIfStopped(signal);
    const channel = this.broken ? null : this.open();
    if (!channel) return this.fallback.check(wb, settings, options);
    const id = this.nextId++;
    let gotWord = false;
    const answer = new Promise<CheckedWorkbook>((resolve, reject) => {
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
          else if (m.type === 'checked' || m.type === 'failed') {
            signal?.removeEventListener('abort', stop);
            this.end(id);
            if (m.type === 'checked') resolve(m.run);
            else reject(Object.assign(new Error(m.message), { name: m.name }));
          }
        },
        error: (why) => {
          signal?.removeEventListener('abort', stop);
          this.end(id);
          if (gotWord) return reject(new Error(why));
          // The worker never answered: it could not start here. The page's thread does the work.
          this.broken = true;
          this.fallback.check(wb, settings, options).then(resolve, reject);
        },
      });
    });
    answer.catch(() => undefined); // stopped while still sending: the caller hears it below
    // The snapshot in pieces, the page free to paint and answer clicks between them.
    const sending = (async () => {
      let last = 0;
      for (const { message, sheet, done, total } of snapshotMessages(id, wb, settings)) {
        if (signal?.aborted || !this.waiting.has(id)) return;
        channel.post(message);
        if (message.type === 'rows') {
          onProgress?.({
            stage: 'sending',
            text: `Reading the workbook: ${sheet}, ${done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} rows`,
            done,
            total,
          });
          await breathe();
        } else if (++last % 50 === 0) await breathe();
      }
      if (!signal?.aborted && this.waiting.has(id)) channel.post({ type: 'run', id });
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
      channel.onMessage((m) => this.waiting.get(m.id)?.message(m));
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
