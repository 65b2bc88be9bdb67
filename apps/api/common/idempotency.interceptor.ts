import { createHash } from 'node:crypto';
import { Injectable, HttpStatus, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { Request } from 'express';
import { from, lastValueFrom, of, type Observable } from 'rxjs';
import { IdempotentRequests } from '../../../activities/idempotency/idempotent-requests';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, IdempotencyKeyReusedError, ValidationFailedError } from './errors';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on every authenticated POST: a retry with the same key (per user) returns the first answer
 * instead of creating or deciding twice; the same key on a different request is 422 `idempotency_key_reused`; a
 * duplicate sent while the first is still running waits briefly for its answer, else 409 `request_in_progress`.
 * Requests without the header behave as before.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly requests: IdempotentRequests) {}

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const key = req.header('idempotency-key');
    if (req.method !== 'POST' || key === undefined || !req.user) return next.handle();
    if (!KEY_PATTERN.test(key)) throw new ValidationFailedError([{ field: 'Idempotency-Key', rule: 'must be 1 to 255 visible ASCII characters' }]);
    const digest = createHash('sha256').update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`).digest('hex');
    const claim = await this.requests.claim(req.user.id, key, digest);
    if (claim.kind === 'reused') throw new IdempotencyKeyReusedError('this Idempotency-Key was used for a different request');
    if (claim.kind === 'in_progress') throw new ConflictError('request_in_progress', 'a request with this Idempotency-Key is still being processed');
    if (claim.kind === 'replay') {
      ctx.switchToHttp().getResponse<{ setHeader(n: string, v: string): void }>().setHeader('Idempotent-Replayed', 'true');
      return of(claim.body);
    }
    const status = (Reflect.getMetadata(HTTP_CODE_METADATA, ctx.getHandler()) as number | undefined) ?? HttpStatus.CREATED;
    return from(this.run(next, claim.id, status));
  }

  private async run(next: CallHandler, id: string, status: number): Promise<unknown> {
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (err) {
      await this.requests.release(id);
      throw err;
    }
    // The work is committed: its answer goes out even if storing it keeps failing (a retry then waits for the claim
    // to go stale instead of getting a 5xx for work that was done).
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      try {
        await this.requests.complete(id, status, body);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
    return body;
  }
}
