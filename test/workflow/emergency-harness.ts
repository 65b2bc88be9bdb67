import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { CasePolicy } from '../../config/policy/policy.schema';
import type { Actor } from '../../workflows/application/decisions';
import {
  decideUpdate,
  emergencyStateQuery,
  emergencyWorkflowId,
  referUpdate,
  verifyUpdate,
  type DecideCommand,
  type EmergencySnapshot,
  type EmergencyStep,
  type ReferCommand,
  type VerifyCommand,
} from '../../workflows/emergency/definitions';
import { emergencyWorkflow } from '../../workflows/emergency/emergency.workflow';
import { shippedCalendar } from '../helpers/policies';
import { unique } from '../helpers/temporal';
import { actor } from './case-driver';
import { FakeEmergencyStore, type FakeEmergencyTask } from './fake-emergency-activities';
import { runCase } from './case-harness';

export const TOWNSHIP = '320723100';
export const COUNTY = '320723';

export interface EmergencyOptions {
  policy: CasePolicy;
  amountAskedFen: number;
  store?: FakeEmergencyStore;
  /** With RECORD_HISTORIES=1, the history is saved as a replay fixture under this name. */
  record?: string;
}

/** Starts one emergency request on its own task queue and worker, and runs the body against it. */
export async function withEmergency<T>(
  env: TestWorkflowEnvironment,
  options: EmergencyOptions,
  body: (driver: EmergencyDriver) => Promise<T>,
): Promise<T> {
  const store = options.store ?? new FakeEmergencyStore(shippedCalendar());
  const requestId = unique('req');
  const start = (taskQueue: string) =>
    env.client.workflow.start(emergencyWorkflow, {
      taskQueue,
      workflowId: emergencyWorkflowId(requestId),
      args: [
        {
          requestId,
          townshipCode: TOWNSHIP,
          countyCode: COUNTY,
          amountAskedFen: options.amountAskedFen,
          policy: options.policy,
          raisedBy: { userId: 'village_assistant:A', role: 'village_assistant' },
        },
      ],
    });
  return runCase(env, { queue: 'emergency-test', activities: store.activities(), start, record: options.record }, (handle, taskQueue) =>
    body(new EmergencyDriver(env, handle, store, taskQueue)),
  );
}

/** Drives one request as caseworkers would. */
export class EmergencyDriver {
  constructor(
    readonly env: TestWorkflowEnvironment,
    readonly handle: WorkflowHandle<typeof emergencyWorkflow>,
    readonly store: FakeEmergencyStore,
    readonly taskQueue: string,
  ) {}

  state(): Promise<EmergencySnapshot> {
    return this.handle.query(emergencyStateQuery);
  }

  /** Waits (briefly, in real time) until the request has an open task of the step and its row is written. */
  async task(step: EmergencyStep, round = 1): Promise<FakeEmergencyTask> {
    const of = (x: EmergencySnapshot) => x.openTasks.find((t) => t.step === step && t.taskId.endsWith(`:${round}`));
    const s = await this.waitFor((x) => {
      const open = of(x);
      return open !== undefined && this.store.tasks.has(open.taskId);
    });
    return this.store.tasks.get(of(s)!.taskId)!;
  }

  async decide(step: EmergencyStep, cmd: Omit<DecideCommand, 'taskId' | 'actor'> & { actor?: Actor }, round = 1): Promise<EmergencySnapshot> {
    const task = await this.task(step, round);
    return this.handle.executeUpdate(decideUpdate, { args: [{ ...cmd, taskId: task.taskId, actor: cmd.actor ?? actor(task.role) }] });
  }

  async verify(cmd: Omit<VerifyCommand, 'taskId' | 'actor'> & { actor?: Actor }): Promise<EmergencySnapshot> {
    const task = await this.task('emergency_follow_up');
    return this.handle.executeUpdate(verifyUpdate, { args: [{ ...cmd, taskId: task.taskId, actor: cmd.actor ?? actor(task.role) }] });
  }

  refer(cmd: Omit<ReferCommand, 'actor'>, who = actor('township_clerk')): Promise<EmergencySnapshot> {
    return this.handle.executeUpdate(referUpdate, { args: [{ ...cmd, actor: who }] });
  }

  /** Skips server time by the given amount. */
  async skip(ms: number): Promise<void> {
    if (ms > 0) await this.env.sleep(ms);
  }

  async waitFor(predicate: (s: EmergencySnapshot) => boolean): Promise<EmergencySnapshot> {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      const snapshot = await this.state();
      if (predicate(snapshot)) return snapshot;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`condition not reached; state: ${JSON.stringify(await this.state())}`);
  }
}
