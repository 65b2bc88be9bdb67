import { ActivityCancellationType, allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import type { TekunActivities } from '../../activities/tekun/tekun.contract';
import { checkOpen, checkRole, checkStep, reject } from '../casework/rejections';
import { openTrackedTask, type CaseworkTask } from '../casework/tracked-task';
import { waitUntil } from '../casework/waits';
import { monthWakeOffsetMs } from '../domain/month-wake';
import { addMonths, monthStart } from '../domain/months';
import {
  TEKUN_REJECTIONS,
  TEKUN_REVIEW_MONTHS,
  TEKUN_STEPS,
  decideTekunTaskUpdate,
  endTekunSupportUpdate,
  tekunSupportStateQuery,
  type TekunCommand,
  type TekunEndCommand,
  type TekunSupportInput,
  type TekunSupportState,
} from './definitions';

const acts = proxyActivities<TekunActivities>({
  startToCloseTimeout: '1 minute',
  cancellationType: ActivityCancellationType.ABANDON,
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Months recorded by one run before it continues as new (a year's history at most). */
const MONTHS_PER_RUN = 12;

/**
 * A 特困 person's support: each month (at the case's own offset in the month's first half hour) it records that
 * month's entitlement, which the county's payment run pays; once a year it opens the township investigator's review
 * (overdue: marked, left open) and continues at the amount found, or ends. Death or a change ends it from the month
 * the township names. Continues as new every year so its history stays short.
 */
export async function tekunSupportWorkflow(input: TekunSupportInput): Promise<TekunSupportState['ended']> {
  const { caseId } = input;
  let nextMonth = input.nextMonth;
  let reviewDueMonth = input.reviewDueMonth;
  let cycle = input.cycle;
  let review: CaseworkTask | null = null;
  let endCmd: TekunEndCommand | null = null;
  let ended: TekunSupportState['ended'] = null;
  const tasks = new Map<string, CaseworkTask>();
  const decisions = new Map<string, TekunCommand>();
  const handled = new Set<string>();
  const state = (): TekunSupportState => ({ caseId, nextMonth, reviewDueMonth, cycle, openTaskIds: [...tasks.keys()], ended });

  setHandler(tekunSupportStateQuery, state);
  setHandler(
    decideTekunTaskUpdate,
    async (cmd) => {
      decisions.set(cmd.taskId, cmd);
      await condition(() => handled.has(cmd.taskId) || ended !== null);
      return state();
    },
    {
      validator: (cmd) => {
        const task = checkOpen(tasks.get(cmd.taskId), decisions.has(cmd.taskId) || endCmd !== null, cmd.taskId);
        checkRole(task, cmd);
        checkStep(task, cmd.step);
      },
    },
  );
  setHandler(
    endTekunSupportUpdate,
    async (cmd) => {
      endCmd = cmd;
      await condition(() => ended !== null);
      return state();
    },
    {
      validator: (cmd) => {
        if (ended || endCmd) throw reject(TEKUN_REJECTIONS.supportEnded, `the support of case ${caseId} has already ended`);
        if (cmd.effectiveMonth < nextMonth) {
          throw reject(TEKUN_REJECTIONS.monthAlreadyRecorded, `the entitlement of months before ${nextMonth} is already recorded: end from ${nextMonth} or later`);
        }
      },
    },
  );

  const reviewDecided = () => review !== null && decisions.has(review.taskId);
  let recorded = 0;
  for (;;) {
    if (endCmd) {
      const cmd: TekunEndCommand = endCmd;
      await acts.endTekunSupport({ caseId, key: cmd.submissionKey, actor: cmd.actor, reason: cmd.reason, effectiveMonth: cmd.effectiveMonth, at: Date.now() });
      tasks.clear();
      ended = { reason: cmd.reason, endMonth: cmd.effectiveMonth };
      break;
    }
    if (review && reviewDecided()) {
      const cmd = decisions.get(review.taskId)!;
      const outcome = await acts.applyTekunReview({ caseId, taskId: cmd.taskId, submissionId: cmd.submissionId, actor: cmd.actor, at: Date.now() });
      tasks.delete(cmd.taskId);
      handled.add(cmd.taskId);
      review = null;
      if (!outcome.continued) {
        ended = { reason: 'review', endMonth: outcome.endMonth ?? nextMonth };
        break;
      }
      reviewDueMonth = addMonths(reviewDueMonth, TEKUN_REVIEW_MONTHS);
      cycle += 1;
      continue;
    }
    if (review && !review.overdue && Date.now() >= review.dueAt) {
      await acts.markTekunTaskOverdue({ caseId, taskId: review.taskId, at: Date.now() });
      review.overdue = true;
      continue;
    }
    const wakeAt = monthStart(nextMonth) + monthWakeOffsetMs(caseId);
    if (Date.now() >= wakeAt) {
      await acts.recordTekunMonth({ caseId, month: nextMonth });
      if (!review && nextMonth >= reviewDueMonth) {
        const taskId = `${caseId}:tekun_review:${cycle}`;
        review = await openTrackedTask(tasks, { taskId, step: 'tekun_review', role: TEKUN_STEPS.tekun_review.role, dueAt: 0, overdue: false }, () =>
          acts.openTekunTask({ caseId, taskId, step: 'tekun_review', round: cycle, fromMs: Date.now() }),
        );
      }
      nextMonth = addMonths(nextMonth, 1);
      recorded += 1;
      if (recorded >= MONTHS_PER_RUN && !review && !endCmd) {
        await condition(allHandlersFinished);
        return continueAsNew<typeof tekunSupportWorkflow>({ caseId, nextMonth, reviewDueMonth, cycle });
      }
      continue;
    }
    const until = review && !review.overdue ? Math.min(wakeAt, review.dueAt) : wakeAt;
    await waitUntil(() => endCmd !== null || reviewDecided(), until - Date.now());
  }
  await condition(allHandlersFinished);
  return ended;
}
