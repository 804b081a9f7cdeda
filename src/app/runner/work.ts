/**
 * Engine work the pane waits on (a check, a workbook opened in the browser page): what stage it is
 * at, and a way to stop it. The controller holds one EngineWork; the pane listens to it for the
 * progress line and its Cancel button (src/taskpane/WorkProgress.tsx).
 */

/** How far a piece of engine work has got, in a sentence, with counts where they are known. */
export interface EngineProgress {
  stage: 'sending' | 'tables' | 'checks' | 'opening' | 'rows';
  /** "Finding the tables", "Checking 3 tables", "Reading the workbook: Budget, 40,000 of 100,000 rows". */
  text: string;
  done?: number;
  total?: number;
}

/** What stopped work throws: the user pressed Cancel, or a newer edit took its place. */
export class CancelledError extends Error {
  constructor(message = 'Stopped. What was shown before is still shown.') {
    super(message);
    this.name = 'CancelledError';
  }
}

export function isCancelled(e: unknown): boolean {
  return e instanceof Error && e.name === 'CancelledError';
}

/** What a runner is given with each piece of work. */
export interface WorkOptions {
  onProgress?: (progress: EngineProgress) => void;
  signal?: AbortSignal;
}

export function throwIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

type Listener = (progress: EngineProgress | null) => void;

/**
 * The engine work under way: at most one at a time (the controller runs its actions one after
 * another). Listeners hear each stage, and null when the work ends.
 */
export class EngineWork {
  private current: { kind: string; stop: AbortController } | null = null;
  private readonly listeners = new Set<Listener>();

  /** Runs `job` as the work under way, of a kind ('check', 'recheck'), with its progress told to listeners. */
  async run<T>(kind: string, job: (options: Required<WorkOptions>) => Promise<T>): Promise<T> {
    const stop = new AbortController();
    const mine = { kind, stop };
    this.current = mine;
    try {
      return await job({ signal: stop.signal, onProgress: (p) => this.tell(mine, p) });
    } finally {
      if (this.current === mine) {
        this.current = null;
        this.tell(mine, null);
      }
    }
  }

  /** Stops the work under way (of the given kind only, when one is named); true when there was some. */
  cancel(kind?: string): boolean {
    const now = this.current;
    if (!now || (kind !== undefined && now.kind !== kind)) return false;
    now.stop.abort();
    return true;
  }

  /** Whether work is under way. */
  get running(): boolean {
    return this.current !== null;
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tell(from: { kind: string }, progress: EngineProgress | null): void {
    if (progress && this.current !== from) return;
    for (const l of this.listeners) l(progress);
  }
}
