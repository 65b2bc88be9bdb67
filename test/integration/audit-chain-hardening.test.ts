import { statSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/core';
import { startAnchoring } from '../../activities/audit/anchor-keeper';
import { AuditAnchor } from '../../activities/audit/audit-anchor.entity';
import { AuditEntry } from '../../activities/audit/audit-entry.entity';
import { AuditLog, type AuditInput } from '../../activities/audit/audit-log.service';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/**
 * What one hostile request did to the audit chain: malformed text in an entry must verify after the database's round
 * trip, verification must report every break (not hide later tampering behind the first), the first anchor must not
 * wait an interval, and free-text reasons must not sit in clear.
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
const entry = (n: number, extra: Partial<AuditInput> = {}): AuditInput => ({
  actorId: `user-${n}`, actorRole: 'clerk', regionCode: '320723', action: 'login', targetType: 'user', targetId: `t-${n}`, after: { n }, reason: `原因 ${n}`, ...extra,
});
async function sql(statement: string, params: unknown[] = []): Promise<unknown[]> {
  return em().getConnection().execute(statement, params);
}

test('an entry carrying a lone surrogate or NUL (reason, before/after values and keys) verifies after the round trip', async () => {
  await log.append(em(), entry(1));
  await log.append(em(), entry(2, { actorId: 'x\uD800y', reason: 'a\uDC00b\u0000c', after: { ['k\uD83D']: 'v\u0000\uDE00', list: ['\uD800'] } }));
  await log.append(em(), entry(3));
  await expect(log.verify(em())).resolves.toMatchObject({ ok: true, entries: 3 });
  const stored = await em().findOneOrFail(AuditEntry, { seq: 2 });
  expect(stored.reason).toBe('a\uFFFDb\uFFFDc');
  expect(stored.after).toEqual({ 'k\uFFFD': 'v\uFFFD\uFFFD', list: ['\uFFFD'] });
});

test('verification reports every tampered entry, not only the first', async () => {
  for (let n = 1; n <= 8; n += 1) await log.append(em(), entry(n));
  await sql(`update audit_entries set target_id = 'forged' where seq = 2`);
  await sql(`update audit_entries set actor_id = 'forged' where seq = 6`);
  await sql(`delete from audit_entries where seq = 7`);
  await expect(log.verify(em())).resolves.toEqual({
    ok: false,
    firstBrokenChain: '320723',
    firstBrokenSeq: 2,
    reason: 'hash_mismatch',
    breaks: [
      { chain: '320723', seq: 2, reason: 'hash_mismatch' },
      { chain: '320723', seq: 6, reason: 'hash_mismatch' },
      { chain: '320723', seq: 7, reason: 'gap' },
    ],
    breakCount: 3,
  });
});

test('the anchoring process writes its first anchor at once, and an empty log is looked at again soon', async () => {
  await log.append(em(), entry(1));
  const stop = startAnchoring(db.orm, { intervalMs: 3_600_000 });
  try {
    await waitFor(async () => (await em().count(AuditAnchor, {})) === 1);
  } finally {
    stop();
  }
  await sql('delete from audit_anchors');
  await sql('delete from audit_entries');
  await sql("update audit_head set seq = 0, hash = ? where chain = '320723'", ['0'.repeat(64)]);
  const again = startAnchoring(db.orm, { intervalMs: 3_600_000, firstPollMs: 50 });
  try {
    await new Promise((r) => setTimeout(r, 200));
    expect(await em().count(AuditAnchor, {})).toBe(0);
    await log.append(em(), entry(2));
    await waitFor(async () => (await em().count(AuditAnchor, {})) === 1);
  } finally {
    again();
  }
});

test('free-text reasons are stored encrypted, read back in clear', async () => {
  await log.append(em(), entry(1, { reason: '申请人张秀兰要求查看' }));
  const rows = (await sql('select reason from audit_entries where seq = 1')) as { reason: string }[];
  expect(rows[0]!.reason).toMatch(/^v1:/);
  expect(rows[0]!.reason).not.toContain('张秀兰');
  await expect(log.verify(em())).resolves.toMatchObject({ ok: true, entries: 1 });
});

test('a SQLite database file and its WAL and SHM files are readable by the owner only', async () => {
  const path = db.settings.sqlitePath;
  if (!path) return;
  await log.append(em(), entry(1));
  for (const suffix of ['', '-wal', '-shm']) {
    const mode = statSync(`${path}${suffix}`).mode & 0o777;
    expect({ file: suffix || 'db', mode: mode.toString(8) }).toEqual({ file: suffix || 'db', mode: '600' });
  }
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 25));
  }
}
