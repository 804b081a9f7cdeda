/**
 * The engine on the page's own thread, behind the same interface as the worker: where there is no
 * Worker (jest, Node, an old host) or the worker could not start. It cannot be interrupted in the
 * middle of a stage, but it lets the page paint between stages and stops there when cancelled.
 */
import type { WorkbookSnapshot } from '../../engine/grid';
import type { Settings } from '../../engine/settings';
import type { CheckedWorkbook, EngineRunner, Task, TaskArgs, TaskResults } from './runner';
import { taskInStages, type TaskEngine } from './stages';
import { throwIfStopped, type WorkOptions } from './work';

/** A turn of the event loop: what was asked of the page meanwhile (a paint, a click) gets done. */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class InThreadRunner implements EngineRunner {
  readonly where = 'in-thread';

  constructor(private readonly engine: TaskEngine) {}

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
    const result = await taskInStages(
      this.engine,
      task,
      wb,
      settings,
      (p) => onProgress?.(p),
      async () => {
        await breathe();
        throwIfStopped(signal);
      },
      args,
    );
    throwIfStopped(signal);
    return result;
  }
}
