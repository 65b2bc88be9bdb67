import { UPDATE_REJECTIONS } from '../../../workflows/application/definitions';
import { RECIPIENT_REJECTIONS } from '../../../workflows/recipient/definitions';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { rejectionCode } from '../../../workflows/casework/rejections';
import { asConflict } from './workflow-errors';

test('every released failure type of the application and recipient cases keeps the API code it was released with', () => {
  const released: Record<string, string> = {
    AppraisalQuorumNotMet: 'quorum_not_met',
    AppraisalCountsInvalid: 'appraisal_counts_invalid',
    AppraisalOutcomeMismatch: 'appraisal_outcome_mismatch',
    StaleTask: 'stale_task',
    WrongRole: 'wrong_role',
    WrongStep: 'wrong_step',
    SeparationOfDuties: 'separation_of_duties',
    NotInPublicity: 'not_in_publicity',
    IncompleteSupplement: 'incomplete_supplement',
    SamePolicy: 'same_policy',
    ConflictOfInterest: 'conflict_of_interest',
    RecipientTerminated: 'recipient_terminated',
    NotSuspended: 'not_suspended',
    AlreadySuspended: 'already_suspended',
    InvalidIncomes: 'invalid_incomes',
    StaleReReviewTask: 'stale_task',
    WrongReReviewRole: 'wrong_role',
    DuplicateCommand: 'duplicate_command',
    MissingReasonCode: 'missing_reason_code',
  };
  const types = [...Object.values(UPDATE_REJECTIONS), ...Object.values(RECIPIENT_REJECTIONS)];
  for (const type of types) expect([type, rejectionCode(type)]).toEqual([type, released[type]]);
});

test('a refusal answers 409 with its stable code; a fault inside a handler is only "update refused"', () => {
  const refused = (failure: ApplicationFailure) => asConflict(new WorkflowUpdateFailedError('update failed', failure));
  expect(refused(ApplicationFailure.create({ type: 'StaleReReviewTask', message: 'gone', nonRetryable: true }))).toMatchObject({ code: 'stale_task', message: 'gone' });
  expect(refused(ApplicationFailure.create({ type: 'TypeError', message: 'x is undefined' }))).toMatchObject({ code: 'update_refused' });
});
