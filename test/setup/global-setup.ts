import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startTemporalDevServer } from '../../apps/launcher/processes';
import { TEST_ENV_FILE, type TestRunEnv } from './test-env';

/**
 * Once per `npm test`: bundle the workflows, start one Temporal dev server for the end-to-end tier. The
 * time-skipping server is started per workflow test file by the SDK, from the project-local binary.
 */
export default async function globalSetup(): Promise<void> {
  const cache = resolve(__dirname, '..', '..', '.cache');
  mkdirSync(cache, { recursive: true });

  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  });
  const workflowBundlePath = resolve(cache, 'workflow-bundle.js');
  writeFileSync(workflowBundlePath, bundle.code);

  const devServer = await startTemporalDevServer({ headless: true, logFile: resolve(cache, 'logs', 'temporal-test.log') });
  (globalThis as Record<string, unknown>).__devServer = devServer;

  const env: TestRunEnv = { workflowBundlePath, temporalAddress: devServer.address, departmentsUrl: '' };
  writeFileSync(TEST_ENV_FILE, JSON.stringify(env));
}
