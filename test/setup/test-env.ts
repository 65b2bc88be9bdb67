import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** What the global setup started for this run, shared with every test file through a file in .cache/. */
export interface TestRunEnv {
  /** The workflow bundle, built once per run. */
  workflowBundlePath: string;
  /** One Temporal dev server for the end-to-end tier. */
  temporalAddress: string;
  /** The departments sandbox (economic-check data sources). */
  departmentsUrl: string;
}

export const TEST_ENV_FILE = resolve(__dirname, '..', '..', '.cache', 'test-run.json');

export function testRunEnv(): TestRunEnv {
  return JSON.parse(readFileSync(TEST_ENV_FILE, 'utf8')) as TestRunEnv;
}
