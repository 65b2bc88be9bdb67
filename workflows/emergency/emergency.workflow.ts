import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import {
  decideUpdate,
  emergencyPaymentKey,
  emergencyStateQuery,
  referUpdate,
  verifyUpdate,
  type DecideCommand,
  type EmergencyInput,
  type EmergencyOutcome,
  type EmergencyStep,
} from './definitions';
import { EmergencyState } from './emergency-state';
import { EmergencyTasks } from './emergency-tasks';
import { followUp, refer } from './follow-up';
import { approvalTier, ledgerYear } from '../programs/emergency/emergency-rules';
import { awaitDecision } from '../casework/human-task';

/**
 * 救急难 / 先行救助: help first, verify afterwards, then refer. The township decides within its clock-hour limit or the
 * request escalates to the county by itself (the overdue is recorded against the township); amounts above the
 * township's tier also need the county. Approval pays at once from the township's 备用金 under one idempotency key;
 * a payment the fund cannot cover goes to the county. Then a follow-up verifies, recovers and refers.
 */
export async function emergencyWorkflow(input: EmergencyInput): Promise<EmergencyOutcome> {
  const state = new EmergencyState(input);
  const tasks = new EmergencyTasks(state);
  const answered = (taskId: string) => () => state.finished || state.processed.has(taskId);

  setHandler(emergencyStateQuery, () => state.snapshot());
  setHandler(
    decideUpdate,
    async (cmd) => {
      state.acceptDecision(cmd);
      await condition(answered(cmd.taskId));
      return state.snapshot();
    },
    { validator: (cmd) => state.validateDecision(cmd) },
  );
  setHandler(
    verifyUpdate,
    async (cmd) => {
      state.verification = cmd;
      await condition(answered(cmd.taskId));
      return state.snapshot();
    },
    { validator: (cmd) => state.validateVerification(cmd) },
  );
  setHandler(referUpdate, async (cmd) => refer(state, tasks, cmd), { validator: (cmd) => state.validateReferral(cmd) });

  await run(state, tasks);
  state.finished = true;
  await condition(allHandlersFinished);
  const { status, approvedFen, payment, verification, referrals } = state.snapshot();
  return { status, approvedFen, payment, verification, referrals };
}

async function run(state: EmergencyState, tasks: EmergencyTasks): Promise<void> {
  const { input } = state;
  await tasks.event('raised', 'raised', { actor: input.raisedBy, data: { amountAskedFen: input.amountAskedFen } });

  const first = await townshipDecision(state, tasks);
  if (first.outcome === 'reject') return rejected(state);
  let amountFen = first.amountFen;
  state.tier = approvalTier(amountFen, state.policy.standards, state.policy.emergency);
  if (!state.escalated && state.tier === 'county') {
    const county = await decision(state, tasks, 'emergency_county_decision', input.countyCode, 1);
    if (county.outcome === 'reject') return rejected(state);
    amountFen = county.amountFen;
  }
  state.approvedFen = amountFen;
  if (!(await pay(state, tasks, amountFen))) return;
  await followUp(state, tasks);
}

/** The township's decision within its hours; when they pass, the county decides instead. */
async function townshipDecision(state: EmergencyState, tasks: EmergencyTasks): Promise<DecideCommand> {
  const { townshipCode, countyCode } = state.input;
  const hours = state.policy.emergency.townshipDecisionHours;
  const { taskId } = await tasks.open({ step: 'emergency_township_decision', regionCode: townshipCode, deadline: { kind: 'clock_hours', hours } });
  const waited = await awaitDecision({
    task: state.tasks.get(taskId)!,
    decided: () => state.decisions.has(taskId),
    wait: (fn, ms) => tasks.wait(fn, ms),
    onDeadline: 'expire',
    escalate: () => Promise.resolve(),
  });
  if (waited === 'decided') return carry(state, tasks, taskId);
  await tasks.overdue(taskId, townshipCode);
  await tasks.close(taskId, undefined, 'escalated to the county: the township decision limit passed');
  state.escalated = true;
  await tasks.event('escalated', 'escalated', { data: { from: townshipCode, to: countyCode } });
  return decision(state, tasks, 'emergency_county_decision', countyCode, 1, taskId);
}

/** A county step (approval, escalation, or fund top-up) within the county's hours; overdue is recorded, not skipped. */
async function decision(
  state: EmergencyState,
  tasks: EmergencyTasks,
  step: EmergencyStep,
  regionCode: string,
  round: number,
  escalationOf?: string,
): Promise<DecideCommand> {
  const hours = state.policy.emergency.countyDecisionHours;
  const { taskId } = await tasks.open({ step, regionCode, round, escalationOf, deadline: { kind: 'clock_hours', hours } });
  await tasks.answered(taskId, () => state.decisions.has(taskId), regionCode);
  return carry(state, tasks, taskId);
}

async function carry(state: EmergencyState, tasks: EmergencyTasks, taskId: string): Promise<DecideCommand> {
  const cmd = state.decisions.get(taskId)!;
  await tasks.close(taskId, cmd.actor);
  await tasks.event(`${taskId}:decided`, cmd.outcome === 'approve' ? 'approved' : 'rejected', {
    actor: cmd.actor,
    reasonCode: cmd.reasonCode,
    data: cmd.outcome === 'approve' ? { amountFen: cmd.amountFen } : undefined,
  });
  return cmd;
}

/** Pays from the 备用金; while the fund cannot cover it, the county tops up (and pays again) or refuses. */
async function pay(state: EmergencyState, tasks: EmergencyTasks, approvedFen: number): Promise<boolean> {
  const { requestId, townshipCode, countyCode } = state.input;
  state.status = 'paying';
  let amountFen = approvedFen;
  for (let round = 1; ; round++) {
    const result = await tasks.activities.payFromReserve({
      requestId,
      townshipCode,
      year: ledgerYear(Date.now()),
      amountFen,
      idempotencyKey: emergencyPaymentKey(requestId),
    });
    if (result.paid) {
      state.payment = { paymentId: result.paymentId, amountFen };
      await tasks.event('paid', 'paid', { data: { paymentId: result.paymentId, amountFen } });
      return true;
    }
    await tasks.event(`fund_insufficient:${round}`, 'fund_insufficient', {
      reasonCode: result.reason,
      data: { balanceFen: result.balanceFen, amountFen },
    });
    const topUp = await decision(state, tasks, 'emergency_fund_top_up', countyCode, round);
    if (topUp.outcome === 'reject') {
      rejected(state);
      return false;
    }
    amountFen = topUp.amountFen;
    state.approvedFen = amountFen;
  }
}

/** A refusal ends the request; the decision and its reason are already on the timeline. */
function rejected(state: EmergencyState): void {
  state.status = 'rejected';
  state.settle();
}
