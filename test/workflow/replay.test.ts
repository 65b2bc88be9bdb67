import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { testRunEnv } from '../setup/test-env';
import { quietRuntime } from '../helpers/temporal';
import { HISTORIES } from './case-harness';

/**
 * Every recorded history of a released workflow version replays with today's code: a change that would break
 * running cases fails here (use patched() for it). Record with RECORD_HISTORIES=1 npm test -- test/workflow.
 */
const fixtures = readdirSync(HISTORIES).filter((f) => f.endsWith('.json'));

test('there are recorded histories to replay', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(4);
});

test.each(fixtures)('%s replays deterministically', async (file) => {
  quietRuntime();
  const history = historyFromJSON(JSON.parse(readFileSync(resolve(HISTORIES, file), 'utf8')));
  await Worker.runReplayHistory({ workflowBundle: { codePath: testRunEnv().workflowBundlePath } }, history, file);
});
