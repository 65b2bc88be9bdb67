import { DeadlockException, LockWaitTimeoutException, type EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { AuditAnchor } from './audit-anchor.entity';
import { ChainVerifier, GENESIS_HASH, chainHash, storedForm, type ChainedFields, type VerifyResult } from './audit-chain';
import { AuditEntry, type AuditAction } from './audit-entry.entity';
import { AuditHead } from './audit-head.entity';

/** What a caller records; the log assigns seq, prevHash and hash. `at` defaults to now. */
export type AuditInput = Omit<ChainedFields, 'seq' | 'at' | 'before' | 'after' | 'reason' | 'action'> &
  Partial<Pick<ChainedFields, 'at' | 'before' | 'after' | 'reason'>> & { action: AuditAction };

/** The append could not win the head row after every retry (sustained contention). */
export class AuditAppendContentionError extends Error {
  override readonly name = 'AuditAppendContentionError';
  constructor(attempts: number) {
    super(`audit append lost the head row ${attempts} times`);
  }
}

const HEAD_ID = 1;
const MAX_ATTEMPTS = 50;
const BATCH = 1000;

/**
 * The append-only, hash-chained audit log. Every decision, configuration change, login, permission change and
 * personal-data reveal goes through `append`; `verify` recomputes the chain; `anchor` records the head.
 */
export class AuditLog {
  /**
   * Appends one entry and returns it. Safe under concurrency on both dialects: the one-row `audit_head` is updated with
   * an optimistic check on its seq in the same transaction as the insert; the loser of a race (0 rows updated) re-reads
   * the head and tries again (PostgreSQL holds the winner's row lock until commit, so the re-read sees the new head;
   * SQLite's write lock serializes writers). Called inside the caller's transaction, the entry commits or rolls back
   * with the caller's work; otherwise it runs in its own transaction, retried on lock errors.
   */
  async append(em: EntityManager, input: AuditInput): Promise<AuditEntry> {
    if (em.isInTransaction()) return this.appendIn(em, input);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await em.fork().transactional((tx) => this.appendIn(tx, input));
      } catch (err) {
        if (attempt >= MAX_ATTEMPTS || !isLockError(err)) throw err;
        await pause(attempt);
      }
    }
  }

  private async appendIn(em: EntityManager, input: AuditInput): Promise<AuditEntry> {
    const sql = em as unknown as SqlEntityManager;
    await sql.createQueryBuilder(AuditHead).insert({ id: HEAD_ID, seq: 0, hash: GENESIS_HASH }).onConflict('id').ignore().execute();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const rows = await sql.createQueryBuilder(AuditHead).select(['seq', 'hash']).where({ id: HEAD_ID }).execute('all');
      const head = rows[0] as { seq: number; hash: string };
      const fields: ChainedFields = storedForm({
        ...input,
        seq: Number(head.seq) + 1,
        at: input.at ?? new Date(),
        before: input.before ?? null,
        after: input.after ?? null,
        reason: input.reason ?? null,
      });
      const hash = chainHash(head.hash, fields);
      const won = await em.nativeUpdate(AuditHead, { id: HEAD_ID, seq: head.seq }, { seq: fields.seq, hash });
      if (won !== 1) continue;
      const entry = new AuditEntry({ ...fields, action: input.action, prevHash: head.hash, hash });
      await em.insert(AuditEntry, entry);
      return entry;
    }
    throw new AuditAppendContentionError(MAX_ATTEMPTS);
  }

  /**
   * Recomputes the whole chain in seq order (in batches) and checks every anchor and the head row. `externalAnchors`
   * are anchors kept outside the database (the production copy); they are checked with the stored ones.
   */
  async verify(em: EntityManager, externalAnchors: readonly { seq: number; hash: string }[] = []): Promise<VerifyResult> {
    const reader = em.fork();
    const stored = await reader.find(AuditAnchor, {}, { orderBy: { seq: 'asc' } });
    const anchors = [...stored, ...externalAnchors].map((a) => ({ seq: a.seq, hash: a.hash }));
    const head = await reader.findOne(AuditHead, { id: HEAD_ID });
    const verifier = new ChainVerifier(new Set(anchors.map((a) => a.seq)));
    let after = 0;
    for (;;) {
      const batch = await reader.find(AuditEntry, { seq: { $gt: after } }, { orderBy: { seq: 'asc' }, limit: BATCH });
      reader.clear();
      for (const e of batch) verifier.next(e);
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1]!.seq;
    }
    return verifier.finish(anchors, head ? { seq: head.seq, hash: head.hash } : undefined);
  }

  /**
   * Records the current head (seq and hash) as an anchor and returns it, or null while the log is empty. Run once when
   * the anchoring process starts and then periodically (see anchor-keeper.ts). In production each anchor must also be copied somewhere the
   * database administrators cannot write (a WORM bucket, a separate system's log, a signed email to the auditors):
   * an anchor kept only in the same database can be deleted along with the entries it protects. Pass such copies to
   * `verify(em, externalAnchors)`.
   */
  async anchor(em: EntityManager, now: Date = new Date()): Promise<AuditAnchor | null> {
    return em.fork().transactional(async (tx) => {
      const head = await tx.findOne(AuditHead, { id: HEAD_ID });
      if (!head || head.seq === 0) return null;
      const anchor = new AuditAnchor({ seq: head.seq, hash: head.hash, anchoredAt: now });
      await tx.persistAndFlush(anchor);
      return anchor;
    });
  }
}

function isLockError(err: unknown): boolean {
  if (err instanceof DeadlockException || err instanceof LockWaitTimeoutException) return true;
  return err instanceof Error && /SQLITE_BUSY|database is locked|could not serialize/i.test(err.message);
}

function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(200, 5 * attempt) + Math.random() * 10));
}
