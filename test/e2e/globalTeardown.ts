/** The e2e project's global teardown: the run's own build folder (globalSetup.ts) goes. */
import { promises as fs } from 'fs';
import { E2E_DIR } from './harness';
import { E2E_DIR_OWN } from './globalSetup';

export default async function globalTeardown(): Promise<void> {
  const dir = process.env[E2E_DIR];
  if (!dir || !process.env[E2E_DIR_OWN]) return;
  delete process.env[E2E_DIR];
  delete process.env[E2E_DIR_OWN];
  await fs.rm(dir, { recursive: true, force: true });
}
