import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/core';
import { IdempotentRequest } from './idempotent-request.entity';

/** What to do with a request that carries an idempotency key. */
export type Claim =
  | { kind: 'run'; id: string }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'reused' }
  | { kind: 'in_progress' };

export interface ClaimTiming {
  /** How long a duplicate waits for the first attempt's answer before it is told the request is in progress. */
  waitMs: number;
  /** A pending claim older than this belongs to an attempt that died (process crash): the next retry takes it over. */
  staleMs: number;
}

const DEFAULT_TIMING: ClaimTiming = { waitMs: 5_000, staleMs: 120_000 };

/**
 * The store behind `Idempotency-Key`: the unique constraint on (user, key) decides which attempt runs; the others
 * wait for its answer or replay it. A failed attempt releases its claim, so a retry after an error runs again.
 */
export class IdempotentRequests {
  constructor(
    private readonly orm: MikroORM,
    private readonly timing: ClaimTiming = DEFAULT_TIMING,
  ) {}

  async claim(userId: string, key: string, requestDigest: string): Promise<Claim> {
    const deadline = Date.now() + this.timing.waitMs;
    for (;;) {
      const id = randomUUID();
      if (await this.insert(new IdempotentRequest({ id, userId, key, requestDigest, claimedAt: new Date() }))) return { kind: 'run', id };
      const existing = await this.orm.em.fork().findOne(IdempotentRequest, { userId, key });
      if (existing) {
        if (existing.requestDigest !== requestDigest) return { kind: 'reused' };
        if (existing.state === 'done') return { kind: 'replay', status: existing.responseStatus ?? 200, body: existing.responseBody };
        if (Date.now() - existing.claimedAt.getTime() > this.timing.staleMs && (await this.takeOver(existing))) return { kind: 'run', id: existing.id };
        if (Date.now() >= deadline) return { kind: 'in_progress' };
        await new Promise((r) => setTimeout(r, 100));
      }
      // Gone between our insert and our read: the first attempt failed and released it; try to claim again.
    }
  }

  /** Stores the answer of the attempt that ran; later attempts replay it. */
  async complete(id: string, status: number, body: unknown): Promise<void> {
    const em = this.orm.em.fork();
    const row = await em.findOneOrFail(IdempotentRequest, id);
    row.state = 'done';
    row.responseStatus = status;
    row.responseBody = body === undefined ? null : (JSON.parse(JSON.stringify(body)) as unknown);
    row.completedAt = new Date();
    await em.flush();
  }

  /** The attempt failed: forget the claim so a retry runs the request again. */
  async release(id: string): Promise<void> {
    await this.orm.em.fork().nativeDelete(IdempotentRequest, { id, state: 'pending' });
  }

  private async insert(row: IdempotentRequest): Promise<boolean> {
    try {
      await this.orm.em.fork().insert(row);
      return true;
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) return false;
      throw err;
    }
  }

  private async takeOver(row: IdempotentRequest): Promise<boolean> {
    const changed = await this.orm.em.fork().nativeUpdate(IdempotentRequest, { id: row.id, state: 'pending', claimedAt: row.claimedAt }, { claimedAt: new Date() });
    return changed === 1;
  }
}
