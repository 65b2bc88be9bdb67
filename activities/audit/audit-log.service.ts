import { DeadlockException, LockWaitTimeoutException, raw, type EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { AuditAnchor } from './audit-anchor.entity';
import { ChainVerifier, GENESIS_HASH, LEGACY_CHAIN, chainHash, chainOf, combineChains, storedForm, type ChainedFields, type VerifyResult } from './audit-chain';
import { AuditEntry, type AuditAction } from './audit-entry.entity';
import { AuditHead } from './audit-head.entity';

/** What a caller records; the log assigns seq, prevHash and hash. `at` defaults to now. */
export type AuditInput = Omit<ChainedFields, 'seq' | 'chain' | 'link' | 'at' | 'before' | 'after' | 'reason' | 'action'> &
  Partial<Pick<ChainedFields, 'at' | 'before' | 'after' | 'reason'>> & { action: AuditAction };

/** The append could not win the head row after every retry (sustained contention). */
export class AuditAppendContentionError extends Error {
  override readonly name = 'AuditAppendContentionError';
  constructor(attempts: number) {
    super(`audit append lost the head row ${attempts} times`);
  }
}

const MAX_ATTEMPTS = 50;
const BATCH = 1000;
/** PostgreSQL sequence of the log-wide seq (created by the audit-chains migration). */
const SEQ_SEQUENCE = 'audit_entries_seq_load';

/**
 * The append-only, hash-chained audit log, one chain per county (`chainOf`). Every decision, configuration change,
 * login, permission change and personal-data reveal goes through `append`; `verify` recomputes every chain; `anchor`
 * records the heads.
 */
export class AuditLog {
  /**
   * Appends one entry and returns it. Safe under concurrency on both dialects: the chain's `audit_head` row is updated
   * with an optimistic check on its seq in the same transaction as the insert; the loser of a race (0 rows updated)
   * re-reads the head and tries again (PostgreSQL holds the winner's row lock until commit, so the re-read sees the new
   * head; SQLite's write lock serializes writers). Appends to other counties' chains do not wait for it. Called inside
   * the caller's transaction, the entry commits or rolls back with the caller's work; otherwise it runs in its own
   * transaction, retried on lock errors.
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
    const chain = chainOf(input.regionCode);
    await sql.createQueryBuilder(AuditHead).insert({ chain, seq: 0, hash: GENESIS_HASH }).onConflict('chain').ignore().execute();
    const seq = await nextSeq(sql);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const rows = await sql.createQueryBuilder(AuditHead).select(['seq', 'hash']).where({ chain }).execute('all');
      const head = rows[0] as { seq: number; hash: string };
      const fields: ChainedFields = storedForm({
        ...input,
        seq,
        chain,
        link: Number(head.seq) + 1,
        at: input.at ?? new Date(),
        before: input.before ?? null,
        after: input.after ?? null,
        reason: input.reason ?? null,
      });
      const hash = chainHash(head.hash, fields);
      const won = await em.nativeUpdate(AuditHead, { chain, seq: head.seq }, { seq: fields.link, hash });
      if (won !== 1) continue;
      const entry = new AuditEntry({ ...fields, chain, link: fields.link!, action: input.action, prevHash: head.hash, hash });
      await em.insert(AuditEntry, entry);
      return entry;
    }
    throw new AuditAppendContentionError(MAX_ATTEMPTS);
  }

  /**
   * Recomputes every chain in link order (in batches) and checks each chain's anchors and head row. `externalAnchors`
   * are anchors kept outside the database (the production copy; one without a chain names the legacy chain); they are
   * checked with the stored ones.
   */
  async verify(em: EntityManager, externalAnchors: readonly ExternalAnchorRef[] = []): Promise<VerifyResult> {
    const reader = em.fork();
    const stored = await reader.find(AuditAnchor, {}, { orderBy: { seq: 'asc' } });
    const anchors = [...stored, ...externalAnchors].map((a) => ({ chain: a.chain ?? LEGACY_CHAIN, seq: a.seq, hash: a.hash }));
    const heads = await reader.find(AuditHead, {});
    const written = (await (reader as unknown as SqlEntityManager).createQueryBuilder(AuditEntry).select('chain', true).execute('all')) as { chain: string }[];
    const chains = new Set([...heads.map((h) => h.chain), ...anchors.map((a) => a.chain), ...written.map((w) => w.chain)]);
    const outcomes = [];
    for (const chain of chains) {
      const own = anchors.filter((a) => a.chain === chain);
      const verifier = new ChainVerifier(new Set(own.map((a) => a.seq)), chain);
      let after = 0;
      for (;;) {
        const batch = await reader.find(AuditEntry, { chain, link: { $gt: after } }, { orderBy: { link: 'asc' }, limit: BATCH });
        reader.clear();
        for (const e of batch) verifier.next(e);
        if (batch.length < BATCH) break;
        after = batch[batch.length - 1]!.link;
      }
      const head = heads.find((h) => h.chain === chain);
      outcomes.push(verifier.finish(own, head ? { seq: head.seq, hash: head.hash } : undefined));
    }
    return combineChains(outcomes);
  }

  /**
   * Records the head (chain, last link and hash) of every chain that grew since its last anchor, and returns them (none
   * while the log is empty or unchanged). Run once when the anchoring process starts and then periodically (see
   * anchor-keeper.ts). In production each anchor must also be copied somewhere the database administrators cannot
   * write (a WORM bucket, a separate system's log, a signed email to the auditors): an anchor kept only in the same
   * database can be deleted along with the entries it protects. Pass such copies to `verify(em, externalAnchors)`.
   */
  async anchor(em: EntityManager, now: Date = new Date()): Promise<AuditAnchor[]> {
    return em.fork().transactional(async (tx) => {
      const heads = await tx.find(AuditHead, { seq: { $gt: 0 } }, { orderBy: { chain: 'asc' } });
      const last = (await (tx as unknown as SqlEntityManager)
        .createQueryBuilder(AuditAnchor)
        .select(['chain', raw('max(seq) as seq')])
        .groupBy('chain')
        .execute('all')) as { chain: string; seq: number }[];
      const anchored = new Map(last.map((a) => [a.chain, Number(a.seq)]));
      const anchors = heads.filter((h) => (anchored.get(h.chain) ?? 0) < h.seq).map((h) => new AuditAnchor({ chain: h.chain, seq: h.seq, hash: h.hash, anchoredAt: now }));
      if (anchors.length > 0) await tx.persistAndFlush(anchors);
      return anchors;
    });
  }
}

/** An anchor as kept outside the database (anchor files written before chains were split have no chain). */
export interface ExternalAnchorRef {
  chain?: string;
  seq: number;
  hash: string;
}

/**
 * The next log-wide seq: from a PostgreSQL sequence (no lock, so appends to different chains do not wait; a rolled-back
 * append leaves an unused number, which is no break because chains are checked by link); on SQLite, whose write lock
 * every writing transaction holds from its start, the next number after the largest.
 */
async function nextSeq(em: SqlEntityManager): Promise<number> {
  const postgres = em.getPlatform().constructor.name.toLowerCase().includes('postgre');
  const query = postgres ? `select nextval('${SEQ_SEQUENCE}') as seq` : 'select coalesce(max(seq), 0) + 1 as seq from audit_entries';
  const rows = (await em.getConnection().execute(query, [], 'all', em.getTransactionContext())) as { seq: number | string }[];
  return Number(rows[0]!.seq);
}

function isLockError(err: unknown): boolean {
  if (err instanceof DeadlockException || err instanceof LockWaitTimeoutException) return true;
  return err instanceof Error && /SQLITE_BUSY|database is locked|could not serialize/i.test(err.message);
}

function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(200, 5 * attempt) + Math.random() * 10));
}
