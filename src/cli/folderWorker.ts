/**
 * A worker thread of the folder check (./folder.ts): told a workbook file at a time, checks it as
 * `plancheck check` does (./checkOne.ts) and answers with its record. Says "ready" once loaded.
 */
import { parentPort, workerData } from 'worker_threads';

import type { Settings } from '../engine/settings';
import { checkOne } from './checkOne';

const job = workerData as { settings: Settings; evidence: boolean; version: string };

parentPort!.on('message', (m: { index: number; file: string }) => {
  void checkOne(m.file, job.settings, { evidence: job.evidence, version: job.version }).then((record) =>
    parentPort!.postMessage({ index: m.index, record }),
  );
});
parentPort!.postMessage('ready');
