import { CancellationScope, allHandlersFinished, condition, isCancellation, patched, setHandler } from '@temporalio/workflow';
import { APPRAISAL_FAILURE_PATCH, CLOCK_PAUSE_PATCH, CaseRunner, ESCALATION_WORKING_DAYS, SAMPLING_QUOTA_PATCH, START_LIFECYCLE_PATCH } from './case-runner';
import { appraisalRule } from './case-state';
import { CaseState } from './case-state';
import type { CompleteTaskCommand, ReasonCode, StepDecision } from './decisions';
import {
  adoptPolicyUpdate,
  caseStateQuery,
  completeTaskUpdate,
  fileObjectionUpdate,
  type ApplicationInput,
  type ApplicationOutcome,
  type CaseSnapshot,
} from './definitions';
import { planRoute, stepAfter, type RouteStep } from '../programs/dibao/route';
import type { Actor } from './decisions';
import { watchOverallClock } from '../casework/overall-clock';

/**
 * 低保 application (九步工作法): 户主申请 → 审查受理 → 调查核实 → 民主评议 → 张榜公示 → 乡镇审核 → 县级审批 (or 乡镇确认 +
 * 县级备案) → decision, each step switched and timed by the region's policy given as input. Objections during
 * publicity send the case back to investigation a bounded number of times; missing documents (容缺受理) must be
 * supplied before the final decision or the case closes at the supplement deadline; overdue work escalates.
 *
 * Carries ids only. Returns the outcome; the decision itself is recorded by the `decide` activity.
 */
export async function applicationWorkflow(input: ApplicationInput): Promise<ApplicationOutcome> {
  const state = new CaseState(input);
  const runner = new CaseRunner(state);

  setHandler(caseStateQuery, () => state.snapshot());
  setHandler(
    completeTaskUpdate,
    async (cmd): Promise<CaseSnapshot> => {
      state.accept(cmd);
      await condition(() => state.isHandedOff(cmd.taskId));
      return state.snapshot();
    },
    { validator: (cmd) => state.validateCompletion(cmd) },
  );
  setHandler(
    fileObjectionUpdate,
    async (cmd): Promise<CaseSnapshot> => {
      const round = state.round;
      const publicityStep = state.publicity!.step;
      const loops = state.lodgeObjection(cmd);
      await runner.activities.noteObjection({
        applicationId: input.applicationId,
        objectionId: cmd.objectionId,
        outcome: loops ? 'reinvestigate' : 'noted',
        at: Date.now(),
        actor: cmd.actor,
        step: publicityStep,
      });
      if (loops) await condition(() => state.finished || (state.round > round && state.settled));
      return state.snapshot();
    },
    { validator: (cmd) => state.validateObjection(cmd) },
  );

  setHandler(
    adoptPolicyUpdate,
    async (cmd): Promise<CaseSnapshot> => {
      const epochBefore = state.policyEpoch;
      state.adopt(cmd.policy);
      await runner.activities.recordPolicyMove({
        applicationId: input.applicationId,
        snapshotId: cmd.policy.snapshotId,
        label: cmd.policy.label,
        at: Date.now(),
        actor: cmd.actor,
      });
      await condition(() => state.finished || (state.policyEpoch > epochBefore && state.settled));
      return state.snapshot();
    },
    { validator: (cmd) => state.validateAdoption(cmd.policy) },
  );

  const outcome = await run(state, runner);
  state.finished = true;
  await condition(allHandlersFinished);
  return outcome;
}

async function run(state: CaseState, runner: CaseRunner): Promise<ApplicationOutcome> {
  const procedure = new CancellationScope();
  if (!state.documentsComplete) {
    void watchSupplement(state, runner).then((expired) => {
      if (expired) procedure.cancel();
    });
  }
  try {
    return await procedure.run(() => walk(state, runner));
  } catch (err) {
    if (!(state.supplementExpired && isCancellation(err))) throw err;
    return finish(state, runner, { status: 'closed', reasonCode: 'supplement_overdue' });
  }
}

/** The 容缺 window: the clerk records the supplied documents before the deadline, or the case closes. */
async function watchSupplement(state: CaseState, runner: CaseRunner): Promise<boolean> {
  const cmd = await runner.humanTask({
    step: 'supplement',
    role: 'township_clerk',
    workingDays: state.policy.intake.supplementDays,
    main: false,
    onDeadline: 'expire',
  });
  if (cmd) state.documentsComplete = true;
  else state.supplementExpired = true;
  return !cmd;
}

async function walk(state: CaseState, runner: CaseRunner): Promise<ApplicationOutcome> {
  const acceptance = await runner.humanTask({
    step: 'acceptance',
    role: 'township_clerk',
    workingDays: state.policy.acceptance.limitDays,
    tier: 'acceptance',
  });
  const accepted = acceptance!.decision;
  if (accepted.step === 'acceptance' && accepted.outcome === 'return') {
    return finish(state, runner, { status: 'returned', reasonCode: accepted.reasonCode, actor: acceptance!.actor });
  }
  if (state.policy.overallLimitDays !== null) startOverallClock(state, runner, state.policy.overallLimitDays);

  // The route is planned again after every step: facts change (a dispute) and so may the policy (a move).
  let step: RouteStep | undefined = planRoute(state.policy, state.facts)[0];
  let approver: Actor | undefined;
  while (step) {
    if (step.kind === 'investigation') {
      await investigate(state, runner, step.mode, step.limitDays);
    } else if (step.kind === 'publicity') {
      if ((await runner.publicity(step.step, step.days)) === 'objected') {
        state.objectionRounds += 1;
        state.round += 1;
        step = planRoute(state.policy, state.facts)[0];
        continue;
      }
    } else {
      if (step.tier === 'approval' && !state.documentsComplete) {
        const waitingFrom = Date.now();
        await runner.rest(() => state.documentsComplete || state.supplementExpired);
        if (patched(CLOCK_PAUSE_PATCH) && state.policy.clock?.pauseWhileAwaitingApplicant) {
          await runner.pauseOverallClock('pause:awaiting_applicant', Date.now() - waitingFrom, 'awaiting_applicant');
        }
      }
      const cmd = (await runner.humanTask({ step: step.step, role: step.role, workingDays: step.limitDays, tier: step.tier }))!;
      const verdict = verdictOf(cmd);
      if (verdict) return finish(state, runner, verdict);
      if (cmd.decision.step === 'appraisal' && cmd.decision.outcome === 'fail' && patched(APPRAISAL_FAILURE_PATCH)) {
        if (await appraisalFailed(state, runner)) {
          step = planRoute(state.policy, state.facts)[0];
          continue;
        }
      }
      if (step.tier === 'approval') approver = cmd.actor;
      if (step.step === 'township_review' && patched(SAMPLING_QUOTA_PATCH)) {
        // 不低于30%: the county draws when the case reaches it, against the share it has sampled this month.
        const draw = await runner.activities.drawSample({ applicationId: state.input.applicationId, at: Date.now(), rate: state.policy.approval.samplingRate });
        state.facts.sampled = draw.sampled;
      }
    }
    step = stepAfter(planRoute(state.policy, state.facts), step.step);
  }
  return finish(state, runner, { status: 'approved', actor: approver });
}

/**
 * A failed 民主评议: the region sends the case back to investigation (once; a second failure is not sent back again)
 * or on to the township review with a rejection recommended. Either way the timeline says so. True: go back.
 */
async function appraisalFailed(state: CaseState, runner: CaseRunner): Promise<boolean> {
  const back = appraisalRule(state.policy).onFail === 'reinvestigate' && state.appraisalFailures === 0;
  state.appraisalFailures += 1;
  await runner.activities.recordEvent({
    applicationId: state.input.applicationId,
    key: `appraisal_failed:${state.round}`,
    step: 'appraisal',
    action: 'appraisal_failed',
    at: Date.now(),
    data: { next: back ? 'reinvestigate' : 'rejection_recommended' },
  });
  if (back) state.round += 1;
  return back;
}

/** 调查核实: the department check and the home visit, one after the other or side by side. */
async function investigate(state: CaseState, runner: CaseRunner, mode: 'serial' | 'parallel', limitDays: number) {
  state.setStage('investigation');
  const check = runner.startCheck();
  if (mode === 'serial') await runner.restOn(check);
  const visit = (await runner.humanTask({
    step: 'home_visit',
    role: 'township_investigator',
    workingDays: limitDays,
    tier: 'investigation',
  }))!;
  const report = await runner.restOn(check);
  if (visit.decision.step === 'home_visit') {
    state.incomes = visit.decision.incomes;
    state.deductions = visit.decision.deductions;
    if (visit.decision.disputed || report.flags.length > 0) state.facts.disputed = true;
  }
}

interface Verdict {
  status: 'approved' | 'rejected' | 'returned' | 'closed';
  reasonCode?: ReasonCode;
  actor?: Actor;
}

/** The decisions that end a case early; advisory steps (visit, appraisal, sampling) return undefined. */
function verdictOf(cmd: CompleteTaskCommand): Verdict | undefined {
  const d: StepDecision = cmd.decision;
  if (
    (d.step === 'township_review' || d.step === 'county_approval' || d.step === 'township_confirmation') &&
    d.outcome === 'reject'
  ) {
    return { status: 'rejected', reasonCode: d.reasonCode, actor: cmd.actor };
  }
  return undefined;
}

/**
 * Records the decision, closes what is still open, starts an approved household's lifecycle workflow (动态管理), and
 * in filing regions waits for the county's 备案.
 */
async function finish(state: CaseState, runner: CaseRunner, verdict: Verdict): Promise<ApplicationOutcome> {
  return CancellationScope.nonCancellable(async () => {
    const acts = runner.activities;
    state.setStage('decision');
    const result = await acts.decide({
      applicationId: state.input.applicationId,
      status: verdict.status,
      at: Date.now(),
      actor: verdict.actor,
      reasonCode: verdict.reasonCode,
      incomes: state.incomes,
      deductions: state.deductions,
      deductionRules: state.policy.lifecycle?.deductions,
      standards: state.policy.standards,
      singleEnrolment: state.policy.singleEnrolment,
    });
    state.status = result.status;
    state.outcome = { status: result.status, reasonCode: result.reasonCode, amountFen: result.amountFen, decidedAt: Date.now() };
    state.tasks.clear();
    await acts.cancelOpenTasks({ applicationId: state.input.applicationId, at: Date.now(), reason: 'the case is decided' });
    if (result.status === 'approved' && patched(START_LIFECYCLE_PATCH)) {
      await acts.startRecipientLifecycle({ applicationId: state.input.applicationId, incomes: state.incomes, deductions: state.deductions, at: Date.now() });
    }
    const filed = result.status === 'approved' || result.status === 'rejected';
    if (filed && state.policy.approval.mode === 'township_with_filing') {
      await runner.humanTask({ step: 'filing', role: 'county_approver', workingDays: state.policy.approval.filingLimitDays });
    }
    return state.outcome;
  });
}

/** The overall decision limit (e.g. 15 working days from acceptance): when it passes undecided, the county is alerted. */
function startOverallClock(state: CaseState, runner: CaseRunner, workingDays: number): void {
  const applicationId = state.input.applicationId;
  const watch = () =>
    watchOverallClock({
      clock: state,
      start: () => runner.activities.startOverallClock({ applicationId, fromMs: Date.now(), workingDays }),
      running: () => state.status === 'in_progress',
      overdue: async (due) => {
        await runner.activities.recordEvent({ applicationId, key: 'overall_overdue', step: 'overall_limit', action: 'overdue', at: Date.now(), dueAt: due });
        runner.spawnEscalation({
          step: 'escalation',
          role: 'county_approver',
          workingDays: ESCALATION_WORKING_DAYS,
          main: false,
          onDeadline: 'ignore',
          taskId: `${applicationId}:overall_limit`,
        });
      },
    });
  watch().catch((err: unknown) => {
    if (!isCancellation(err)) throw err;
  });
}
