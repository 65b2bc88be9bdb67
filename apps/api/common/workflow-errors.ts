import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { UPDATE_REJECTIONS } from '../../../workflows/application/definitions';
import { EMERGENCY_REJECTIONS } from '../../../workflows/emergency/definitions';
import { RECIPIENT_REJECTIONS } from '../../../workflows/recipient/definitions';
import { ConflictError, UnavailableError } from './errors';

const CODES: Record<string, string> = {
  [UPDATE_REJECTIONS.staleTask]: 'stale_task',
  [UPDATE_REJECTIONS.wrongRole]: 'wrong_role',
  [UPDATE_REJECTIONS.wrongStep]: 'wrong_step',
  [UPDATE_REJECTIONS.separationOfDuties]: 'separation_of_duties',
  [UPDATE_REJECTIONS.notInPublicity]: 'not_in_publicity',
  [UPDATE_REJECTIONS.incompleteSupplement]: 'incomplete_supplement',
  [UPDATE_REJECTIONS.samePolicy]: 'same_policy',
  [UPDATE_REJECTIONS.conflictOfInterest]: 'conflict_of_interest',
  [UPDATE_REJECTIONS.quorumNotMet]: 'quorum_not_met',
  [UPDATE_REJECTIONS.appraisalCounts]: 'appraisal_counts_invalid',
  [UPDATE_REJECTIONS.appraisalOutcome]: 'appraisal_outcome_mismatch',
  [EMERGENCY_REJECTIONS.invalidAmount]: 'invalid_amount',
  [EMERGENCY_REJECTIONS.notInFollowUp]: 'not_in_follow_up',
  [EMERGENCY_REJECTIONS.duplicateReferral]: 'duplicate_referral',
  [EMERGENCY_REJECTIONS.invalidReferral]: 'invalid_referral',
  [RECIPIENT_REJECTIONS.terminated]: 'recipient_terminated',
  [RECIPIENT_REJECTIONS.notSuspended]: 'not_suspended',
  [RECIPIENT_REJECTIONS.alreadySuspended]: 'already_suspended',
  [RECIPIENT_REJECTIONS.invalidIncomes]: 'invalid_incomes',
  [RECIPIENT_REJECTIONS.staleTask]: 'stale_task',
  [RECIPIENT_REJECTIONS.wrongRole]: 'wrong_role',
  [RECIPIENT_REJECTIONS.duplicate]: 'duplicate_command',
  [RECIPIENT_REJECTIONS.missingReason]: 'missing_reason_code',
};

/**
 * Turns a refused workflow update into the API's conflict: the validator's failure type becomes a stable code, its
 * message the reason. A finished case refuses everything as closed; anything else means Temporal is unavailable.
 */
export function asConflict(err: unknown): ConflictError | UnavailableError {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const code = CODES[err.cause.type ?? ''] ?? 'update_refused';
    return new ConflictError(code, err.cause.message);
  }
  if (err instanceof WorkflowNotFoundError || (err instanceof Error && /already completed|not found/i.test(err.message))) {
    return new ConflictError('case_closed', 'the case is no longer running');
  }
  return new UnavailableError('the workflow service did not answer');
}
