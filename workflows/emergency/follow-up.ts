import { patched, sleep } from '@temporalio/workflow';
import { DEFAULT_REFERRAL_WINDOW_DAYS, REFERRAL_WINDOW_PATCH, type EmergencySnapshot, type ReferCommand, type ReferralView } from './definitions';
import type { EmergencyState } from './emergency-state';
import type { EmergencyTasks } from './emergency-tasks';

/**
 * The follow-up of a paid request (事后核查): a verification task within the region's working days, recovery of an
 * improper payment, and referrals (转介) made while the follow-up is open and, once verified, within the referral
 * window (calendar days): what the verification found is often what shows where to refer the household.
 */
export async function followUp(state: EmergencyState, tasks: EmergencyTasks): Promise<void> {
  const { townshipCode, requestId } = state.input;
  state.status = 'follow_up';
  const days = state.policy.emergency.followUpDays;
  const { taskId } = await tasks.open({ step: 'emergency_follow_up', regionCode: townshipCode, deadline: { kind: 'working_days', days } });
  await tasks.answered(taskId, () => state.verification?.taskId === taskId, townshipCode);
  const cmd = state.verification!;
  await tasks.close(taskId, cmd.actor);
  const windowDays = patched(REFERRAL_WINDOW_PATCH) ? (state.policy.emergency.referralWindowDays ?? DEFAULT_REFERRAL_WINDOW_DAYS) : null;
  const data: Record<string, number> = { recoveryFen: cmd.recoveryFen };
  if (windowDays !== null) data.referralWindowDays = windowDays;
  await tasks.event('verified', `verified_${cmd.outcome}`, { actor: cmd.actor, data });
  if (cmd.outcome === 'improper') {
    await tasks.activities.recordRecovery({
      recoveryKey: `emergency:${requestId}:recovery`,
      requestId,
      paymentId: state.payment!.paymentId,
      amountFen: cmd.recoveryFen,
      at: Date.now(),
      actor: cmd.actor,
    });
  }
  if (windowDays !== null) {
    state.status = 'verified';
    state.settle();
    await sleep(windowDays * 86_400_000);
    state.status = 'closed';
    await tasks.event('closed', 'closed', { data: { referrals: state.referrals.length } });
  }
  state.status = 'closed';
  state.settle();
}

/** Records a referral; a 低保 referral starts a normal application for the household, linked to the request. */
export async function refer(state: EmergencyState, tasks: EmergencyTasks, cmd: ReferCommand): Promise<EmergencySnapshot> {
  const { requestId } = state.input;
  // Claimed at once, so a concurrent referral of the same kind is refused by the validator.
  const view: ReferralView = { kind: cmd.kind, department: cmd.department, status: 'referred' };
  state.referrals.push(view);
  if (cmd.kind === 'dibao') {
    const { applicationId } = await tasks.activities.startLinkedApplication({ requestId, householdRef: cmd.householdRef! });
    view.applicationId = applicationId;
  }
  await tasks.activities.recordReferral({
    referralKey: `emergency:${requestId}:referral:${cmd.kind}`,
    requestId,
    kind: cmd.kind,
    department: cmd.department,
    status: 'referred',
    applicationId: view.applicationId,
    at: Date.now(),
    actor: cmd.actor,
  });
  await tasks.event(`referral:${cmd.kind}`, 'referred', {
    actor: cmd.actor,
    data: { kind: cmd.kind, department: cmd.department, applicationId: view.applicationId ?? null },
  });
  return state.snapshot();
}
