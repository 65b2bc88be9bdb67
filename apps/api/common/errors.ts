/**
 * Named errors of the platform. Services throw these; the API's single exception filter chooses the HTTP status.
 * Codes are stable: clients and tests match on them.
 */
export interface FieldIssue {
  field: string;
  rule: string;
}

export abstract class PlatformError extends Error {
  abstract readonly code: string;
  readonly details?: Record<string, unknown>;

  constructor(message: string, details?: Record<string, unknown>) {
    super(message);
    this.details = details;
  }
}

/** Malformed input: a field breaks a schema rule (HTTP 400). */
export class ValidationFailedError extends PlatformError {
  override readonly name = 'ValidationFailedError';
  readonly code = 'validation_failed';

  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.rule}`).join('; '));
  }
}

/** Well-formed input that breaks a business rule (HTTP 422). */
export class UnprocessableError extends PlatformError {
  override readonly name = 'UnprocessableError';
  readonly code = 'unprocessable';

  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.rule}`).join('; '));
  }
}

/** Nothing by that id in the caller's region subtree (HTTP 404); never says whether it exists elsewhere. */
export class NotFoundError extends PlatformError {
  override readonly name = 'NotFoundError';
  readonly code = 'not_found';
}

/** "Take next" found no open, unclaimed task the caller may take (HTTP 404). */
export class NoTaskError extends PlatformError {
  override readonly name = 'NoTaskError';
  readonly code = 'no_task';
}

/** The request conflicts with the case's current state (HTTP 409); `reason` is a stable code. */
export class ConflictError extends PlatformError {
  override readonly name = 'ConflictError';
  readonly code: string;

  constructor(reason: string, message: string) {
    super(message);
    this.code = reason;
  }
}

/** Authenticated, but the role may not use this function (HTTP 403). */
export class ForbiddenError extends PlatformError {
  override readonly name = 'ForbiddenError';
  readonly code: string = 'forbidden';
}

/**
 * The account still has a temporary password (a first administrator, or one set by a security administrator): every
 * route but `GET /api/auth/me` and `POST /api/auth/password` answers 403 `password_change_required` until it is
 * replaced.
 */
export class PasswordChangeRequiredError extends ForbiddenError {
  override readonly code: string = 'password_change_required';
}

/** The caller's level does not own what it tried to change (HTTP 403, `not_owner`): e.g. the national holiday table. */
export class NotOwnerError extends ForbiddenError {
  override readonly code: string = 'not_owner';
}

/** Missing, invalid or expired credentials, or a suspended user (HTTP 401). */
export class UnauthenticatedError extends PlatformError {
  override readonly name = 'UnauthenticatedError';
  readonly code = 'unauthenticated';
}

/** Too many failed logins for the username or from the client address (HTTP 429); retry after the window. */
export class TooManyAttemptsError extends PlatformError {
  override readonly name = 'TooManyAttemptsError';
  readonly code: string = 'too_many_attempts';

  constructor(
    readonly retryAfterSeconds: number,
    message = 'too many failed login attempts; try again later',
  ) {
    super(message, { retryAfterSeconds });
  }
}

/** Too many personal-data reveals by one user within the hour (HTTP 429, `reveal_limit`). */
export class RevealLimitError extends TooManyAttemptsError {
  override readonly code: string = 'reveal_limit';

  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds, 'too many personal-data reveals within the hour; the auditors have been alerted');
  }
}

/** A dependency (Temporal, the database) is unreachable (HTTP 503). */
export class UnavailableError extends PlatformError {
  override readonly name = 'UnavailableError';
  readonly code = 'unavailable';
}

/** An `Idempotency-Key` sent again with a different request (HTTP 422): keys name one request. */
export class IdempotencyKeyReusedError extends PlatformError {
  override readonly name = 'IdempotencyKeyReusedError';
  readonly code = 'idempotency_key_reused';
}
