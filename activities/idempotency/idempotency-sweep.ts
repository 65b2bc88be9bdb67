import type { MikroORM } from '@mikro-orm/core';
import { IdempotentRequest } from './idempotent-request.entity';

/** Rows deleted per statement: short transactions that never hold the table for long. */
const BATCH = 1_000;

/**
 * Forgets stored answers to idempotent requests once no client would still retry them: rows claimed before the
 * retention window are deleted in batches, oldest first, through the (claimed_at, id) index. A retry after that is a
 * new request (a create then meets the record it would duplicate; a decision meets a stale task).
 */
export async function sweepIdempotentRequests(orm: MikroORM, retentionMs: number, nowMs = Date.now()): Promise<number> {
  const before = new Date(nowMs - retentionMs);
  let deleted = 0;
  for (;;) {
    const em = orm.em.fork();
    const rows = await em.find(IdempotentRequest, { claimedAt: { $lt: before } }, { orderBy: { claimedAt: 'asc', id: 'asc' }, limit: BATCH, fields: ['id'] });
    if (rows.length === 0) return deleted;
    deleted += await em.nativeDelete(IdempotentRequest, { id: { $in: rows.map((r) => r.id) } });
    if (rows.length < BATCH) return deleted;
  }
}
