import { ActivityCancellationType, allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import type { LowIncomeRecheckActivities } from '../../activities/low-income/recheck.contract';
import { awaitDecision } from '../casework/human-task';
import { checkOpen, checkRole, checkStep } from '../casework/rejections';
import { openTrackedTask, type CaseworkTask } from '../casework/tracked-task';
import { waitUntil } from '../casework/waits';
import { monthWakeOffsetMs } from '../domain/month-wake';
import { monthStart } from '../domain/months';
import {
  LOW_INCOME_RECHECK_ROLE,
  LOW_INCOME_RECHECK_STEP,
  completeRecheckUpdate,
  recheckStateQuery,
  type LowIncomeRecheckInput,
  type RecheckCommand,
  type RecheckResult,
  type RecheckState,
} from './definitions';

const acts = proxyActivities<LowIncomeRecheckActivities>({
  startToCloseTimeout: '1 minute',
  cancellationType: ActivityCancellationType.ABANDON,
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * 低收入 复核: sleeps until its due month (each entry at its own offset in the month's first half hour), opens the
 * township investigator's re-check, waits for it (an overdue re-check is marked and stays open: the work is not
 * skipped), places the household again on the findings, and continues as new until the next re-check — or ends when
 * the household is no longer 低收入.
 */
export async function lowIncomeRecheckWorkflow(input: LowIncomeRecheckInput): Promise<RecheckResult> {
  const taskId = `${input.recordId}:recheck:${input.cycle}`;
  const tasks = new Map<string, CaseworkTask>();
  const decisions = new Map<string, RecheckCommand>();
  let result: RecheckResult | null = null;
  const state = (): RecheckState => ({
    recordId: input.recordId,
    cycle: input.cycle,
    dueMonth: input.dueMonth,
    status: result ? 'rechecked' : tasks.size ? 'open' : 'waiting',
    openTaskIds: [...tasks.keys()],
    result,
  });

  setHandler(recheckStateQuery, state);
  setHandler(
    completeRecheckUpdate,
    async (cmd) => {
      decisions.set(cmd.taskId, cmd);
      await condition(() => result !== null);
      return state();
    },
    {
      validator: (cmd) => {
        const task = checkOpen(tasks.get(cmd.taskId), decisions.has(cmd.taskId), cmd.taskId, 'register entry');
        checkRole(task, cmd);
        checkStep(task, cmd.step);
      },
    },
  );

  const wakeAt = monthStart(input.dueMonth) + monthWakeOffsetMs(input.recordId);
  await waitUntil(() => false, wakeAt - Date.now());

  const task = await openTrackedTask(tasks, { taskId, step: LOW_INCOME_RECHECK_STEP, role: LOW_INCOME_RECHECK_ROLE, dueAt: 0, overdue: false }, () =>
    acts.openRecheckTask({ recordId: input.recordId, taskId, fromMs: Date.now() }),
  );
  await awaitDecision({
    task,
    decided: () => decisions.has(taskId),
    wait: waitUntil,
    onDeadline: 'escalate',
    escalate: async () => {
      await acts.markRecheckOverdue({ recordId: input.recordId, taskId, at: Date.now() });
      task.overdue = true;
    },
  });
  const cmd = decisions.get(taskId)!;
  result = await acts.applyRecheck({ recordId: input.recordId, taskId, submissionId: cmd.submissionId, actor: cmd.actor, findings: cmd.findings, at: Date.now() });
  tasks.delete(taskId);
  await condition(allHandlersFinished);
  if (result.nextDueMonth) return continueAsNew<typeof lowIncomeRecheckWorkflow>({ recordId: input.recordId, dueMonth: result.nextDueMonth, cycle: input.cycle + 1 });
  return result;
}
