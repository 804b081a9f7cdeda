/**
 * Where the engine runs: the one place that decides. The pages' entry points say how to start the
 * worker (runEngineInWorker(spawnEngineWorker)); without that (jest, the CLI) or where the host has no
 * Worker, the engine runs on the page's thread behind the same interface.
 */
import type { Channel } from './channel';
import { InThreadRunner } from './inThread';
import type { EngineRunner } from './runner';
import type { TaskEngine } from './stages';
import { WorkerRunner } from './workerRunner';

export { CancelledError, EngineWork, isCancelled, type EngineProgress } from './work';
export type { BenchmarksFound, CheckedWorkbook, EngineRunner, RisksFound, Task, TaskArgs, TaskResults } from './runner';
export type { Channel } from './channel';

let spawner: (() => Channel) | null = null;

/** Called once by a page's entry point: checks with the real engine run in this worker. */
export function runEngineInWorker(spawn: () => Channel): void {
  spawner = spawn;
}

/** How a page starts the engine's worker, or null where it runs on the page's thread. */
export function workerSpawner(): (() => Channel) | null {
  return spawner !== null && typeof Worker !== 'undefined' ? spawner : null;
}

/**
 * The runner for an engine: the worker, for the real engine where a page has given one and the host
 * has Worker; the page's own thread otherwise (and for any other engine: the controller's tests' fakes).
 */
export function runnerFor(engine: TaskEngine, real: boolean): EngineRunner {
  const inThread = new InThreadRunner(engine);
  const spawn = real ? workerSpawner() : null;
  return spawn ? new WorkerRunner(spawn, inThread) : inThread;
}
