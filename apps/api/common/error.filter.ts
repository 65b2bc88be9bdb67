import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { isBusyDatabase } from './busy-database';
import { bodyParserRefusal } from './client-errors';
import {
  ConflictError,
  ForbiddenError,
  NoTaskError,
  IdempotencyKeyReusedError,
  NotFoundError,
  PlatformError,
  TooManyAttemptsError,
  UnauthenticatedError,
  UnavailableError,
  UnprocessableError,
  ValidationFailedError,
} from './errors';

const STATUS: [new (...args: never[]) => PlatformError, number][] = [
  [ValidationFailedError, 400],
  [UnauthenticatedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [NoTaskError, 404],
  [ConflictError, 409],
  [UnprocessableError, 422],
  [IdempotencyKeyReusedError, 422],
  [TooManyAttemptsError, 429],
  [UnavailableError, 503],
];

/**
 * The one place where errors become HTTP responses: `{ error: { code, message, issues? } }`. Unknown errors are
 * logged by name only (never their payload: it may hold personal data) and answered 500 without detail.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof PlatformError) {
      const status = STATUS.find(([type]) => exception instanceof type)?.[1] ?? 500;
      if (exception instanceof TooManyAttemptsError) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
      if (exception instanceof UnavailableError) res.setHeader('Retry-After', '2');
      const issues = 'issues' in exception ? (exception as { issues: unknown }).issues : undefined;
      res.status(status).json({ error: { code: exception.code, message: exception.message, ...(issues ? { issues } : {}), ...(exception.details ?? {}) } });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 404 ? 'not_found' : status === 400 ? 'bad_request' : status === 413 ? 'payload_too_large' : `http_${status}`;
      res.status(status).json({ error: { code, message: exception.message } });
      return;
    }
    if (isBusyDatabase(exception)) {
      // The write did not commit (the transaction failed): a retry is safe and usually succeeds at once.
      res.setHeader('Retry-After', '1');
      res.status(503).json({ error: { code: 'database_busy', message: 'the database is busy; retry shortly' } });
      return;
    }
    const refused = bodyParserRefusal(exception);
    if (refused) {
      res.status(refused.status).json({ error: { code: refused.code, message: refused.message } });
      return;
    }
    // The request's one log line carries it (class, code, stack frames; never the message): see request-log.ts.
    res.err = exception instanceof Error ? exception : new Error(`thrown ${typeof exception}`);
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  }
}
