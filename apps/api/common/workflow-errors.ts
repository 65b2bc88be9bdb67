import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { rejectionCode } from '../../../workflows/casework/rejections';
import { ConflictError, UnavailableError } from './errors';

/**
 * Turns a refused workflow update into the API's conflict: the validator's failure type becomes a stable code (one rule
 * for every case type, see `rejectionCode`), its message the reason. A finished case refuses everything as closed;
 * anything else means Temporal is unavailable.
 */
export function asConflict(err: unknown): ConflictError | UnavailableError {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    // Refusals are non-retryable by construction (casework `reject`); anything else is a fault inside the handler.
    const code = err.cause.nonRetryable && err.cause.type ? rejectionCode(err.cause.type) : 'update_refused';
    return new ConflictError(code, err.cause.message);
  }
  if (err instanceof WorkflowNotFoundError || (err instanceof Error && /already completed|not found/i.test(err.message))) {
    return new ConflictError('case_closed', 'the case is no longer running');
  }
  return new UnavailableError('the workflow service did not answer');
}
