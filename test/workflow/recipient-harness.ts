import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEMO_VILLAGES, shippedPolicy } from '../helpers/policies';
import { bundledWorker, unique } from '../helpers/temporal';
import { addMonths, monthOf, monthStart, type Month } from '../../workflows/domain/months';
import {
  recipientStateQuery,
  recipientWorkflowId,
  type RecipientInput,
  type RecipientSnapshot,
} from '../../workflows/recipient/definitions';
import { recipientWorkflow } from '../../workflows/recipient/recipient.workflow';
import { FakeRecipientStore } from './fake-recipient-activities';
import { HISTORIES } from './case-harness';

/** Standard 600.00 yuan (urban); two members earning 300 + 100 yuan: 800.00 yuan a month. */
export const STANDARD_FEN = 60_000;
export const START_AMOUNT_FEN = 80_000;
export const START_INCOMES = [
  { memberId: 'm1', monthlyIncomeFen: 30_000 },
  { memberId: 'm2', monthlyIncomeFen: 10_000 },
];

export function recipientPolicy(override: Record<string, unknown> = {}) {
  return shippedPolicy(DEMO_VILLAGES.county, { standards: { urbanFen: STANDARD_FEN, ruralFen: 45_000 }, ...override });
}

/** Drives one recipient household through months of server time. */
export class RecipientDriver {
  constructor(
    readonly env: TestWorkflowEnvironment,
    readonly handle: WorkflowHandle<typeof recipientWorkflow>,
    readonly store: FakeRecipientStore,
    readonly startMonth: Month,
  ) {}

  state(): Promise<RecipientSnapshot> {
    return this.handle.query(recipientStateQuery);
  }

  /** The month `n` months after the start. */
  month(n: number): Month {
    return addMonths(this.startMonth, n);
  }

  /** Waits (in real time, briefly) until the workflow's state satisfies the predicate. */
  async waitFor(predicate: (s: RecipientSnapshot) => boolean): Promise<RecipientSnapshot> {
    let last: RecipientSnapshot | undefined;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      last = await this.state().catch(() => undefined);
      if (last && predicate(last)) return last;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`condition not reached; state: ${JSON.stringify(last)}`);
  }

  /** Lets server time run, month by month, to an hour into month `n` after the start, and waits for its tick. */
  async runThrough(n: number): Promise<void> {
    for (;;) {
      const s = await this.waitFor(() => true);
      if (s.status === 'terminated' || s.nextMonth > this.month(n)) return;
      const target = monthStart(s.nextMonth) + 3_600_000;
      const now = await this.env.currentTimeMs();
      if (target > now) await this.env.sleep(target - now);
      await this.waitFor((next) => next.status === 'terminated' || next.nextMonth > s.nextMonth);
    }
  }
}

export interface RecipientOptions extends Partial<Omit<RecipientInput, 'recipientId'>> {
  store?: FakeRecipientStore;
  /** Lets server time run to this instant before the household is enrolled. */
  startAtMs?: number;
  /** With RECORD_HISTORIES=1, the latest run's history is saved as a replay fixture under this name. */
  record?: string;
}

/** Starts one recipient workflow in the current month of the server clock on its own queue and worker. */
export async function withRecipient<T>(
  env: TestWorkflowEnvironment,
  options: RecipientOptions,
  body: (driver: RecipientDriver) => Promise<T>,
): Promise<T> {
  const { store = new FakeRecipientStore(), record, startAtMs, householdId = unique('hh'), ...overrides } = options;
  const taskQueue = unique('wf-recipient');
  const worker = await bundledWorker(env, { taskQueue, activities: store.activities() });
  const now = await env.currentTimeMs();
  if (startAtMs !== undefined && startAtMs > now) await env.sleep(startAtMs - now);
  const startMonth = monthOf(await env.currentTimeMs());
  return worker.runUntil(async () => {
    const workflowId = recipientWorkflowId(householdId);
    await env.client.workflow.start(recipientWorkflow, {
      taskQueue,
      workflowId,
      args: [
        {
          recipientId: unique('rcp'),
          householdId,
          policy: recipientPolicy(),
          category: 'stable',
          area: 'urban',
          startMonth,
          amountFen: START_AMOUNT_FEN,
          incomes: START_INCOMES,
          ...overrides,
        },
      ],
    });
    // Without a run id the handle follows the chain of continue-as-new runs.
    const handle = env.client.workflow.getHandle<typeof recipientWorkflow>(workflowId);
    try {
      const driver = new RecipientDriver(env, handle, store, startMonth);
      // The start month is recorded as the workflow begins; changes sent before that would apply to it (a race
      // that only shows on a loaded machine), so every test starts from the recorded first month.
      await driver.waitFor((s) => s.status === 'terminated' || s.nextMonth > startMonth);
      const result = await body(driver);
      if (record && process.env.RECORD_HISTORIES) {
        writeFileSync(resolve(HISTORIES, `${record}.json`), historyToJSON(await handle.fetchHistory()));
      }
      return result;
    } finally {
      const { status } = await handle.describe();
      if (status.name === 'RUNNING') await handle.terminate('test finished');
    }
  });
}
