import { ActivityCancellationType, allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { TekunActivities } from '../../activities/tekun/tekun.contract';
import { awaitDecision } from '../casework/human-task';
import { checkOpen, checkRole, checkStep, reject } from '../casework/rejections';
import { openTrackedTask, type CaseworkTask } from '../casework/tracked-task';
import { waitUntil } from '../casework/waits';
import {
  TEKUN_REJECTIONS,
  TEKUN_STEPS,
  decideTekunTaskUpdate,
  tekunApplicationStateQuery,
  type TekunApplicationInput,
  type TekunApplicationResult,
  type TekunApplicationState,
  type TekunAssessed,
  type TekunCommand,
  type TekunStep,
} from './definitions';

const acts = proxyActivities<TekunActivities>({
  startToCloseTimeout: '1 minute',
  cancellationType: ActivityCancellationType.ABANDON,
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * 特困供养 application: the township investigator's 调查评估 (三无, 自理能力, 供养方式), the township's 审核确认 (the
 * power delegated to townships), then the county's 备案. Each task escalates when overdue (marked, left open: the work
 * is not skipped). An approval sets up the support, whose own workflow pays it from the next month.
 */
export async function tekunApplicationWorkflow(input: TekunApplicationInput): Promise<TekunApplicationResult> {
  const tasks = new Map<string, CaseworkTask>();
  const decisions = new Map<string, TekunCommand>();
  const handled = new Set<string>();
  let stage: TekunStep | null = null;
  let assessed: TekunAssessed | null = null;
  let result: TekunApplicationResult | null = null;
  const state = (): TekunApplicationState => ({ caseId: input.caseId, stage, openTaskIds: [...tasks.keys()], assessed, result });

  setHandler(tekunApplicationStateQuery, state);
  setHandler(
    decideTekunTaskUpdate,
    async (cmd) => {
      decisions.set(cmd.taskId, cmd);
      await condition(() => handled.has(cmd.taskId));
      return state();
    },
    {
      validator: (cmd) => {
        const task = checkOpen(tasks.get(cmd.taskId), decisions.has(cmd.taskId), cmd.taskId);
        checkRole(task, cmd);
        checkStep(task, cmd.step);
        if (cmd.step === 'tekun_confirmation' && cmd.outcome === 'approve' && !assessed?.eligible) {
          throw reject(TEKUN_REJECTIONS.notEligible, 'the assessment found the 三无 conditions not met: the case can only be rejected');
        }
      },
    },
  );

  /** Opens the step's task, waits for its decision (escalating when overdue) and returns it. */
  async function decide(step: TekunStep): Promise<TekunCommand> {
    const taskId = `${input.caseId}:${step}`;
    stage = step;
    const task = await openTrackedTask(tasks, { taskId, step, role: TEKUN_STEPS[step].role, dueAt: 0, overdue: false }, () =>
      acts.openTekunTask({ caseId: input.caseId, taskId, step, round: 1, fromMs: Date.now() }),
    );
    await awaitDecision({
      task,
      decided: () => decisions.has(taskId),
      wait: waitUntil,
      onDeadline: 'escalate',
      escalate: async () => {
        await acts.markTekunTaskOverdue({ caseId: input.caseId, taskId, at: Date.now() });
        task.overdue = true;
      },
    });
    return decisions.get(taskId)!;
  }

  const done = (cmd: TekunCommand) => {
    tasks.delete(cmd.taskId);
    handled.add(cmd.taskId);
  };

  const assessment = await decide('tekun_assessment');
  assessed = await acts.recordTekunAssessment({ caseId: input.caseId, taskId: assessment.taskId, submissionId: assessment.submissionId, actor: assessment.actor, at: Date.now() });
  done(assessment);

  const confirmation = await decide('tekun_confirmation');
  result = await acts.decideTekunCase({ caseId: input.caseId, ...pick(confirmation), outcome: confirmation.outcome ?? 'reject', at: Date.now() });
  done(confirmation);

  if (result.outcome === 'approved') {
    const filing = await decide('tekun_filing');
    await acts.fileTekunCase({ caseId: input.caseId, ...pick(filing), at: Date.now() });
    done(filing);
  }
  stage = null;
  await condition(allHandlersFinished);
  return result;
}

function pick(cmd: TekunCommand) {
  return { taskId: cmd.taskId, submissionId: cmd.submissionId, actor: cmd.actor };
}
