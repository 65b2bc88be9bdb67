import { condition, defineQuery, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';

/**
 * The bare-Temporal baseline of the flow benchmark: the shape of a 宽城区 case (17 activities, 6 updates, 7 timers)
 * with no database and no HTTP, so the benchmark can say how much the platform adds to Temporal itself.
 */

export interface BaselineActivities {
  step(name: string): Promise<number>;
}

export const baselineTaskQuery = defineQuery<string | null>('baselineTask');
export const baselineDecideUpdate = defineUpdate<string, [string]>('baselineDecide');

const acts = proxyActivities<BaselineActivities>({ startToCloseTimeout: '1 minute', retry: { initialInterval: '1 second' } });

const STEPS = ['acceptance', 'home_visit', 'township_review', 'county_sampling', 'township_confirmation', 'filing'];

export async function flowBaselineWorkflow(): Promise<number> {
  let current: string | null = null;
  const decided = new Set<string>();
  const processed = new Set<string>();
  setHandler(baselineTaskQuery, () => current);
  setHandler(
    baselineDecideUpdate,
    async (task) => {
      decided.add(task);
      await condition(() => processed.has(task));
      return task;
    },
    { validator: (task) => {
      if (task !== current || decided.has(task)) throw new Error(`stale task ${task}`);
    } },
  );
  await acts.step('submitted');
  await acts.step('check');
  await sleep(1);
  for (const step of STEPS) {
    current = step;
    await acts.step(`open:${step}`);
    // A due-time timer per task, as the case's deadline is.
    await condition(() => decided.has(step), '15 days');
    await acts.step(`close:${step}`);
    processed.add(step);
  }
  current = null;
  await acts.step('decide');
  await acts.step('notice');
  return acts.step('file');
}
