import type { EntityManager } from '@mikro-orm/core';
import { chainHash } from '../../activities/audit/audit-chain';
import { AuditEntry } from '../../activities/audit/audit-entry.entity';
import { AuditLog, type AuditInput } from '../../activities/audit/audit-log.service';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let db: TestDatabase;
const log = new AuditLog();

beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db?.drop();
});

function entry(n: number): AuditInput {
  return {
    actorId: `user-${n % 3}`,
    actorRole: 'county_approver',
    regionCode: '320723',
    action: n % 2 ? 'decision' : 'policy_change',
    targetType: 'application',
    targetId: `app-${n}`,
    before: { status: 'in_progress', n },
    after: { status: 'approved', amountFen: 53500 + n, nested: { z: 1, a: [n, 'x'] } },
    reason: n % 4 ? null : `reason ${n}`,
  };
}

async function appendMany(count: number): Promise<void> {
  for (let n = 1; n <= count; n += 1) await log.append(db.orm.em.fork(), entry(n));
}

async function sql(statement: string, params: unknown[] = []): Promise<void> {
  await db.orm.em.fork().getConnection().execute(statement, params);
}

const em = (): EntityManager => db.orm.em.fork();

test('a chain of appended entries verifies', async () => {
  await appendMany(8);
  await expect(log.verify(em())).resolves.toMatchObject({ ok: true, entries: 8 });
});

test('an empty log verifies', async () => {
  await expect(log.verify(em())).resolves.toMatchObject({ ok: true, entries: 0 });
});

test('editing one entry in the database fails verification at exactly that seq (and only there)', async () => {
  await appendMany(6);
  await sql(`update audit_entries set "after" = ? where seq = 4`, [JSON.stringify({ status: 'rejected' })]);
  await expect(log.verify(em())).resolves.toEqual({
    ok: false,
    firstBrokenChain: '320723',
    firstBrokenSeq: 4,
    reason: 'hash_mismatch',
    breaks: [{ chain: '320723', seq: 4, reason: 'hash_mismatch' }],
    breakCount: 1,
  });
});

test('editing an entry and recomputing its hash breaks the link of the next one', async () => {
  await appendMany(6);
  const row = await em().findOneOrFail(AuditEntry, { seq: 3 });
  const forged = chainHash(row.prevHash, { ...row, after: { status: 'rejected' } });
  await sql(`update audit_entries set "after" = ?, hash = ? where seq = 3`, [JSON.stringify({ status: 'rejected' }), forged]);
  await expect(log.verify(em())).resolves.toMatchObject({ ok: false, firstBrokenSeq: 4, reason: 'broken_link' });
});

test('deleting a middle entry is a gap at the missing seq', async () => {
  await appendMany(6);
  await sql(`delete from audit_entries where seq = 3`);
  await expect(log.verify(em())).resolves.toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'gap' });
});

test('deleting a middle entry and renumbering the rest is a broken link there', async () => {
  await appendMany(6);
  await sql(`delete from audit_entries where seq = 3`);
  for (const seq of [4, 5, 6]) await sql(`update audit_entries set seq = ?, link = ? where seq = ?`, [seq - 1, seq - 1, seq]);
  await expect(log.verify(em())).resolves.toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'broken_link' });
});

test('swapping two entries fails at the first swapped seq', async () => {
  await appendMany(7);
  // Move 5 aside, 2 into 5, then the old 5 into 2: whole rows (hashes included) change places.
  await sql(`update audit_entries set seq = 1000 where seq = 5`);
  await sql(`update audit_entries set seq = 5 where seq = 2`);
  await sql(`update audit_entries set seq = 2 where seq = 1000`);
  await expect(log.verify(em())).resolves.toMatchObject({ ok: false, firstBrokenSeq: 2 });
});

test('swapping only the contents of two entries (hashes left in place) fails at the first swapped seq', async () => {
  await appendMany(7);
  await sql(`update audit_entries set target_id = 'tmp' where seq = 2`);
  await sql(`update audit_entries set target_id = 'app-2' where seq = 6`);
  await sql(`update audit_entries set target_id = 'app-6' where seq = 2`);
  await expect(log.verify(em())).resolves.toMatchObject({ ok: false, firstBrokenSeq: 2, reason: 'hash_mismatch' });
});

test('removing the newest entries after an anchor is caught by the anchor', async () => {
  await appendMany(5);
  const anchors = await log.anchor(em());
  expect(anchors).toEqual([expect.objectContaining({ chain: '320723', seq: 5 })]);
  await appendMany(2);
  await expect(log.verify(em())).resolves.toMatchObject({ ok: true, entries: 7 });
  // An administrator removes the newest entries and winds the head back so chain and head agree.
  await sql(`delete from audit_entries where seq > 3`);
  const kept = await em().getConnection().execute(`select hash from audit_entries where seq = 3`);
  await sql(`update audit_head set seq = 3, hash = ? where chain = '320723'`, [(kept[0] as { hash: string }).hash]);
  await expect(log.verify(em())).resolves.toMatchObject({ ok: false, firstBrokenSeq: 4, reason: 'truncated' });
});

test('truncating and rewriting past an anchor is an anchor mismatch; an external copy of the anchor catches it too', async () => {
  await appendMany(4);
  const anchors = await log.anchor(em());
  await sql(`delete from audit_entries where seq > 2`);
  await sql(`delete from audit_anchors`);
  const kept = await em().getConnection().execute(`select hash from audit_entries where seq = 2`);
  await sql(`update audit_head set seq = 2, hash = ? where chain = '320723'`, [(kept[0] as { hash: string }).hash]);
  await log.append(em(), entry(90));
  await log.append(em(), entry(91));
  await expect(log.verify(em())).resolves.toMatchObject({ ok: true, entries: 4 });
  await expect(log.verify(em(), anchors)).resolves.toMatchObject({ ok: false, firstBrokenSeq: 4, reason: 'anchor_mismatch' });
});

test('removing the newest entries without touching the head row is caught by the head', async () => {
  await appendMany(5);
  await sql(`delete from audit_entries where seq = 5`);
  await expect(log.verify(em())).resolves.toMatchObject({ ok: false, firstBrokenSeq: 5, reason: 'truncated' });
});

test('20 concurrent appends on forked entity managers produce a gap-free valid chain', async () => {
  await appendMany(1);
  const written = await Promise.all(Array.from({ length: 20 }, (_, i) => log.append(em(), entry(100 + i))));
  expect(written.map((e) => e.link).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
  expect(new Set(written.map((e) => e.seq)).size).toBe(20);
  await expect(log.verify(em())).resolves.toMatchObject({ ok: true, entries: 21 });
});

test('an append inside a caller transaction rolls back with it', async () => {
  await appendMany(2);
  await expect(
    em().transactional(async (tx) => {
      await log.append(tx, entry(50));
      throw new Error('decision failed');
    }),
  ).rejects.toThrow('decision failed');
  const next = await log.append(em(), entry(51));
  expect(next.link).toBe(3);
  await expect(log.verify(em())).resolves.toMatchObject({ ok: true, entries: 3 });
});

test('the anchor keeper copies each anchor outside the database; that copy catches a truncation that also removed the stored anchors', async () => {
  const { mkdtempSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { anchorOnce } = await import('../../activities/audit/anchor-keeper');
  const file = join(mkdtempSync(join(tmpdir(), 'anchors-')), 'anchors.json');
  await appendMany(3);
  await anchorOnce(db.orm, file);
  await appendMany(3);
  await anchorOnce(db.orm, file);
  const copies = JSON.parse(readFileSync(file, 'utf8')) as { seq: number; hash: string }[];
  expect(copies.map((a) => a.seq)).toEqual([3, 6]);
  // Everything after seq 4 is removed, the stored anchors too, and the head wound back.
  await sql(`delete from audit_entries where seq > 4`);
  await sql(`delete from audit_anchors`);
  const kept = await em().getConnection().execute(`select hash from audit_entries where seq = 4`);
  await sql(`update audit_head set seq = 4, hash = ? where chain = '320723'`, [(kept[0] as { hash: string }).hash]);
  await expect(log.verify(em())).resolves.toMatchObject({ ok: true });
  await expect(log.verify(em(), copies)).resolves.toMatchObject({ ok: false, reason: 'truncated' });
});
