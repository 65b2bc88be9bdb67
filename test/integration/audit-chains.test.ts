import type { EntityManager } from '@mikro-orm/core';
import { GENESIS_HASH, LEGACY_CHAIN, chainHash, type ChainedFields } from '../../activities/audit/audit-chain';
import { AuditEntry } from '../../activities/audit/audit-entry.entity';
import { AuditHead } from '../../activities/audit/audit-head.entity';
import { AuditLog, type AuditInput } from '../../activities/audit/audit-log.service';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/**
 * The audit log as one chain per county (SQLite, or PostgreSQL with DATABASE_URL): chains verify on their own, the
 * single chain written before the split still verifies, and tampering anywhere is reported with its chain.
 */
let db: TestDatabase;
const log = new AuditLog();
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db?.drop();
});

const em = (): EntityManager => db.orm.em.fork();
const entry = (n: number, regionCode: string): AuditInput => ({
  actorId: `user-${n}`, actorRole: 'county_approver', regionCode, action: 'case_decision', targetType: 'application', targetId: `app-${n}`, after: { n }, reason: null,
});
async function sql(statement: string, params: unknown[] = []): Promise<unknown[]> {
  return em().getConnection().execute(statement, params);
}

/** Entries as the single chain wrote them before the split (the migration names that chain `legacy`). */
async function writeLegacy(count: number): Promise<void> {
  let prevHash = GENESIS_HASH;
  const tx = em();
  for (let seq = 1; seq <= count; seq += 1) {
    const fields: ChainedFields = { seq, at: new Date(Date.UTC(2026, 10, 1, 0, seq)), actorId: 'u', actorRole: 'county_approver', regionCode: '220103001001', action: 'decision', targetType: 'application', targetId: `old-${seq}`, before: null, after: { seq }, reason: null };
    const hash = chainHash(prevHash, fields);
    tx.persist(new AuditEntry({ ...fields, chain: LEGACY_CHAIN, link: seq, action: 'decision', prevHash, hash }));
    prevHash = hash;
  }
  tx.persist(new AuditHead({ chain: LEGACY_CHAIN, seq: count, hash: prevHash }));
  await tx.flush();
  // As the migration does: new entries' seq continues after the old ones.
  if (db.dialect === 'postgresql') await sql(`select setval('audit_entries_seq_load', ?, false)`, [count + 1]);
}

test('entries of three counties form three chains, each from link 1; the log verifies as a whole', async () => {
  for (let n = 1; n <= 9; n += 1) await log.append(em(), entry(n, ['220103001001', '220104002', '22'][n % 3]!));
  const rows = await em().find(AuditEntry, {}, { orderBy: { seq: 'asc' } });
  expect(rows.map((r) => [r.chain, r.link])).toEqual([
    ['220104', 1], ['22', 1], ['220103', 1], ['220104', 2], ['22', 2], ['220103', 2], ['220104', 3], ['22', 3], ['220103', 3],
  ]);
  await expect(log.verify(em())).resolves.toMatchObject({ ok: true, entries: 9, chains: 3 });
});

test('the chain written before the split still verifies next to new chains, and tampering with it is caught', async () => {
  await writeLegacy(4);
  await log.append(em(), entry(1, '220103001001'));
  await log.append(em(), entry(2, '220104002'));
  await expect(log.verify(em())).resolves.toMatchObject({ ok: true, entries: 6, chains: 3 });
  await sql(`update audit_entries set target_id = 'forged' where chain = 'legacy' and link = 3`);
  await expect(log.verify(em())).resolves.toMatchObject({ ok: false, firstBrokenChain: 'legacy', firstBrokenSeq: 3, reason: 'hash_mismatch', breakCount: 1 });
});

test('moving an entry to another chain breaks both chains', async () => {
  for (let n = 1; n <= 6; n += 1) await log.append(em(), entry(n, n % 2 ? '220103001001' : '220104002'));
  // The second entry of 220103 relabelled into 220104 as its fourth link: 220103 has a gap, 220104 a broken link.
  const moved = await em().findOneOrFail(AuditEntry, { chain: '220103', link: 2 });
  await sql(`update audit_entries set chain = '220104', link = 4 where seq = ?`, [moved.seq]);
  const result = await log.verify(em());
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.breaks).toEqual(expect.arrayContaining([expect.objectContaining({ chain: '220103', seq: 2, reason: 'gap' }), expect.objectContaining({ chain: '220104', seq: 4 })]));
});

test('every chain that grew is anchored; removing a chain\'s newest entries is caught by its anchor', async () => {
  await log.append(em(), entry(1, '220103001001'));
  await log.append(em(), entry(2, '220104002'));
  await log.append(em(), entry(3, '220103001001'));
  expect((await log.anchor(em())).map((a) => [a.chain, a.seq])).toEqual([['220103', 2], ['220104', 1]]);
  expect(await log.anchor(em())).toEqual([]);
  await log.append(em(), entry(4, '220104002'));
  expect((await log.anchor(em())).map((a) => [a.chain, a.seq])).toEqual([['220104', 2]]);
  const first = await em().findOneOrFail(AuditEntry, { chain: '220103', link: 1 });
  await sql(`delete from audit_entries where chain = '220103' and link = 2`);
  await sql(`update audit_head set seq = 1, hash = ? where chain = '220103'`, [first.hash]);
  await expect(log.verify(em())).resolves.toMatchObject({ ok: false, firstBrokenChain: '220103', firstBrokenSeq: 2, reason: 'truncated' });
});

test('on PostgreSQL an append waits only for its own chain: another county appends while one county\'s transaction is open', async () => {
  if (db.dialect !== 'postgresql') return; // SQLite has one writer at a time by design.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let opened!: () => void;
  const isOpen = new Promise<void>((r) => (opened = r));
  const slow = em().transactional(async (tx) => {
    await log.append(tx, entry(1, '220103001001'));
    opened();
    await held;
  });
  await isOpen;
  const other = await Promise.race([log.append(em(), entry(2, '220104002')).then(() => 'appended'), new Promise((r) => setTimeout(() => r('waited'), 3_000))]);
  release();
  await slow;
  expect(other).toBe('appended');
  await expect(log.verify(em())).resolves.toMatchObject({ ok: true, entries: 2, chains: 2 });
});
