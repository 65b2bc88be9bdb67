import type { MikroORM } from '@mikro-orm/core';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { Entitlement } from '../../activities/recipients/entitlement.entity';
import { LifecycleEvent } from '../../activities/recipients/lifecycle-event.entity';
import { recipientLedgerActivities } from '../../activities/recipients/recipient-ledger.activities';
import type { EntitlementInput } from '../../activities/recipients/recipient.contract';

/** The ledger's idempotency against a real database (SQLite, or PostgreSQL with DATABASE_URL), migrated as shipped. */
let db: TestDatabase;
let orm: MikroORM;
beforeAll(async () => {
  db = await createTestDatabase();
  orm = db.orm;
});
afterAll(async () => {
  await db?.drop();
});

const row = (over: Partial<EntitlementInput> = {}): EntitlementInput => ({
  householdId: 'hh-1',
  month: '2027-01',
  benefitType: 'dibao',
  amountFen: 80_000,
  kind: 'regular',
  policySnapshotId: 'snap-1',
  derivation: { standardFen: 60_000, totalIncomeFen: 40_000, members: 2, deductionsFen: 0, basis: 'household' },
  at: Date.parse('2027-01-01T00:00:00+08:00'),
  ...over,
});

test('one regular row per household and month; arrears once per standard change; retries are no-ops', async () => {
  const acts = recipientLedgerActivities(orm);
  expect(await acts.recordEntitlement(row())).toEqual({ created: true });
  expect(await acts.recordEntitlement(row({ amountFen: 1 }))).toEqual({ created: false });
  expect(await acts.recordEntitlement(row({ kind: 'arrears', amountFen: 10_000, reference: 'std-1' }))).toEqual({ created: true });
  expect(await acts.recordEntitlement(row({ kind: 'arrears', amountFen: 10_000, reference: 'std-1' }))).toEqual({ created: false });
  expect(await acts.recordEntitlement(row({ kind: 'arrears', amountFen: 5_000, reference: 'std-2' }))).toEqual({ created: true });
  expect(await acts.recordEntitlement(row({ month: '2027-02' }))).toEqual({ created: true });

  const rows = await orm.em.fork().find(Entitlement, {}, { orderBy: { month: 'asc', kind: 'asc', reference: 'asc' } });
  expect(rows.map((r) => [r.month, r.kind, r.reference, r.amountFen])).toEqual([
    ['2027-01', 'arrears', 'std-1', 10_000],
    ['2027-01', 'arrears', 'std-2', 5_000],
    ['2027-01', 'regular', '', 80_000],
    ['2027-02', 'regular', '', 80_000],
  ]);
  expect(rows[2].derivation).toEqual(row().derivation);
});

test('notices and status changes are written once per key', async () => {
  const acts = recipientLedgerActivities(orm);
  const notice = { noticeId: 'hh-2:notice:1', householdId: 'hh-2', kind: 'gradual_exit_start' as const, effectiveMonth: '2027-02', amountFen: 80_000, at: 0 };
  await acts.issueNotice(notice);
  await acts.issueNotice({ ...notice, amountFen: 1 });
  await acts.recordStatus({ key: 'hh-2:status:2', householdId: 'hh-2', status: 'gradual_exit', reasonCode: 'income_in_gradual_exit_band', effectiveMonth: '2027-02', at: 0 });

  const events = await orm.em.fork().find(LifecycleEvent, { householdId: 'hh-2' }, { orderBy: { key: 'asc' } });
  expect(events.map((e) => [e.type, e.code])).toEqual([
    ['notice', 'gradual_exit_start'],
    ['status', 'gradual_exit'],
  ]);
  expect(events[0].data).toMatchObject({ amountFen: 80_000 });
});
