import { DEMO_PASSWORD } from '../../apps/cli/demo-users';
import { FlowDriver, FlowStats, loginFlowUsers, runFlows } from '../../apps/cli/flow-driver';
import { startPlatform, type Platform } from './platform';

/**
 * Eight caseworker sessions at once drive 宽城区 cases from intake to filing through HTTP: no answer is a 5xx and no
 * task a case shows as open is refused when claimed or decided. Bounded by case count, not by time.
 */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

test('8 concurrent caseworkers finish 16 cases with 0 5xx and 0 refused visible tasks', async () => {
  const api = platform.http.baseUrl;
  const stats = new FlowStats();
  const driver = new FlowDriver(api, await loginFlowUsers(api, DEMO_PASSWORD), stats);
  await runFlows(driver, 16, 8);
  expect(stats.refusals).toEqual([]);
  expect(stats.faults).toEqual([]);
  expect(stats.status5xx).toBe(0);
  expect(stats.cases).toBe(16);
  expect(stats.latencies.get('complete')!.length).toBeGreaterThanOrEqual(16 * 5);
}, 300_000);
