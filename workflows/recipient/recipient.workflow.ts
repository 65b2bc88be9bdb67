import { allHandlersFinished, condition, continueAsNew, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { monthStart } from '../domain/months';
import { monthWakeOffsetMs } from '../domain/month-wake';
import {
  campaignUpdate,
  completeReReviewUpdate,
  complaintUpdate,
  comparisonLeadUpdate,
  recipientStateQuery,
  reportChangeUpdate,
  resumeUpdate,
  standardChangedUpdate,
  suspendUpdate,
  terminateUpdate,
  type RecipientInput,
  type RecipientSnapshot,
} from './definitions';
import { CLOSE_TASKS_ON_EXIT_PATCH, FIRST_MONTH_AT_ONCE_PATCH, RecipientRunner, SPREAD_MONTH_WAKE_PATCH } from './recipient-runner';
import { RecipientState, type LifecycleCommand } from './recipient-state';

/**
 * A recipient household's life on 低保 (动态管理), from approval to exit, possibly for years: one entitlement per
 * month at 00:00 Asia/Shanghai on its first day; periodic re-review tasks by category; economic re-checks at the
 * region's interval (at most six months); re-assessment on reported changes (有升有降, 渐退, stop); standard changes
 * with arrears; complaints; re-review campaigns (专项治理); the investigator's re-review outcome; suspension and
 * termination. Change, complaint and campaign ids are remembered, so the same command sent twice is refused. Updates queue commands that the main loop applies in
 * order, so timers and people never interleave half-way. Continues as new when Temporal suggests it (or after
 * `maxMonthsPerRun` months), once every handler has finished, carrying its whole state.
 *
 * Carries ids, codes, months and fen only. Returns the final snapshot when the household exits.
 */
export async function recipientWorkflow(input: RecipientInput): Promise<RecipientSnapshot> {
  const state = new RecipientState(input);
  const runner = new RecipientRunner(state);

  setHandler(recipientStateQuery, () => state.snapshot());
  /** Each update is validated, queued for the main loop, and answered once the loop has applied it. */
  const on = <A>(def: UpdateDefinition<RecipientSnapshot, [A]>, validate: (arg: A) => void, toCommand: (arg: A) => LifecycleCommand) => {
    const handler = async (arg: A): Promise<RecipientSnapshot> => {
      const seq = state.enqueue(toCommand(arg));
      await condition(() => state.processed >= seq);
      return state.snapshot();
    };
    setHandler(def, handler, { validator: validate });
  };
  const once = <A>(id: (arg: A) => string, toCommand: (arg: A) => LifecycleCommand) => (arg: A): LifecycleCommand => {
    state.remember(id(arg));
    return toCommand(arg);
  };
  on(
    reportChangeUpdate,
    (cmd) => {
      state.validateNew(cmd.changeId);
      state.validateChange(cmd);
    },
    once((cmd) => cmd.changeId, (cmd) => ({ type: 'change', cmd })),
  );
  on(standardChangedUpdate, (cmd) => state.validateNew(cmd.changeId), once((cmd) => cmd.changeId, (cmd) => ({ type: 'standard', cmd })));
  on(complaintUpdate, (c) => state.validateNew(c.complaintId), once((c) => c.complaintId, (c) => ({ type: 'complaint', complaintId: c.complaintId })));
  on(campaignUpdate, (cmd) => state.validateCampaign(cmd), once((cmd) => cmd.campaignId, (cmd) => ({ type: 'campaign', cmd })));
  on(comparisonLeadUpdate, (c) => state.validateNew(c.leadId), once((c) => c.leadId, (c) => ({ type: 'lead', leadId: c.leadId })));
  on(completeReReviewUpdate, (cmd) => state.validateReReview(cmd), (cmd) => {
    // Taken off the open list at once, so a second completion of the same task is refused as stale.
    state.data.openTasks = state.openTasks.filter((id) => id !== cmd.taskId);
    return { type: 'reReview', cmd };
  });
  on(suspendUpdate, () => state.validateSuspend(), (cmd) => ({ type: 'suspend', cmd }));
  on(resumeUpdate, () => state.validateResume(), (cmd) => ({ type: 'resume', cmd }));
  on(terminateUpdate, () => state.validateLive(), (cmd) => ({ type: 'terminate', cmd }));

  while (!state.terminated) {
    if (state.queue.length === 0 && (workflowInfo().continueAsNewSuggested || state.monthsThisRun >= state.maxMonthsPerRun)) {
      await condition(() => allHandlersFinished() || state.queue.length > 0);
      if (state.queue.length === 0) {
        return continueAsNew<typeof recipientWorkflow>({ ...input, carried: { ...state.data, runs: state.data.runs + 1 } });
      }
    }
    // Households wake at their own offset into the month, not all at 00:00 on the 1st (see month-wake.ts).
    const firstMonth = !input.carried && state.data.nextMonth === input.startMonth && patched(FIRST_MONTH_AT_ONCE_PATCH);
    const offset = patched(SPREAD_MONTH_WAKE_PATCH) && !firstMonth ? monthWakeOffsetMs(state.householdId) : 0;
    const wait = runner.nextWake() + offset - Date.now();
    if (wait > 0) await condition(() => state.queue.length > 0, wait);
    await drain(state, runner);
    if (!state.terminated) await due(state, runner);
  }
  await drain(state, runner);
  if (patched(CLOSE_TASKS_ON_EXIT_PATCH)) await runner.cancelOpenTasks();
  await condition(allHandlersFinished);
  return state.snapshot();
}

/** Applies queued commands in order; commands after an exit are acknowledged without effect. */
async function drain(state: RecipientState, runner: RecipientRunner): Promise<void> {
  while (state.queue.length > 0) {
    const { seq, command } = state.queue[0];
    if (!state.terminated) await apply(command, state, runner);
    state.queue.shift();
    state.processed = seq;
  }
}

async function apply(command: LifecycleCommand, state: RecipientState, runner: RecipientRunner): Promise<void> {
  switch (command.type) {
    case 'change':
      state.data.incomes = command.cmd.incomes;
      state.data.deductions = command.cmd.deductions;
      return runner.apply(state.assess(), undefined, command.cmd.reporter);
    case 'standard':
      return runner.changeStandard(command.cmd);
    case 'complaint':
      return runner.reReview('complaint', `${state.householdId}:complaint:${command.complaintId}`, command.complaintId);
    case 'campaign':
      return runner.reReview('campaign', `${state.householdId}:campaign:${command.cmd.campaignId}`, command.cmd.campaignId, command.cmd.dueAt);
    case 'lead':
      return runner.reReview('data_comparison', `${state.householdId}:lead:${command.leadId}`, command.leadId);
    case 'reReview':
      return runner.completeReReview(command.cmd);
    default:
      return runner.setStatus(command.type, command.cmd.reasonCode, command.cmd.actor);
  }
}

/** Everything whose time has come: month entitlements first, then the economic re-check, then the re-review. */
async function due(state: RecipientState, runner: RecipientRunner): Promise<void> {
  const d = state.data;
  while (!state.terminated && Date.now() >= monthStart(d.nextMonth)) await runner.tickMonth();
  if (!state.terminated && Date.now() >= monthStart(d.nextCheckMonth)) await runner.economicCheck();
  if (!state.terminated && Date.now() >= monthStart(d.nextReReviewMonth)) await runner.periodicReReview();
}
