/**
 * The e2e project's global setup: a folder for this run, where the first test that needs the pages
 * builds them and the others find them (harness.ts). Nothing is built here, so a run of the build
 * test alone (test/build) builds nothing more. A folder given beforehand in PLANCHECK_E2E_DIR is
 * used as it is and kept: pages already built there are served again without a build.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { E2E_DIR } from './harness';

/** Set when the folder is this run's own, to be removed at the end (globalTeardown.ts). */
export const E2E_DIR_OWN = 'PLANCHECK_E2E_DIR_OWN';

export default async function globalSetup(): Promise<void> {
  if (process.env[E2E_DIR]) return;
  process.env[E2E_DIR] = await fs.mkdtemp(path.join(os.tmpdir(), 'plancheck-e2e-'));
  process.env[E2E_DIR_OWN] = '1';
}
