import { OptimisticLockError, type MikroORM } from '@mikro-orm/core';
import { creditReserve, reserveActivities } from '../../activities/emergency/reserve.activities';
import { ReserveLedger, ReserveMovement } from '../../activities/emergency/reserve.entity';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/** The 备用金 ledger on the migrated database (SQLite, or PostgreSQL with DATABASE_URL): a fresh one per test. */

let db: TestDatabase;
let orm: MikroORM;
beforeEach(async () => {
  db = await createTestDatabase();
  orm = db.orm;
});
afterEach(async () => {
  await db.drop();
});

const T = '320723100';
const pay = (requestId: string, amountFen: number) =>
  reserveActivities(orm).payFromReserve({ requestId, townshipCode: T, year: 2026, amountFen, idempotencyKey: `emergency:${requestId}:payment` });
const ledger = () => orm.em.fork().findOneOrFail(ReserveLedger, `${T}:2026`);

test('a payment lowers the balance and is recorded once per idempotency key', async () => {
  await creditReserve(orm, { townshipCode: T, year: 2026, kind: 'funding', amountFen: 100_000, idempotencyKey: 'funding:2026' });
  await creditReserve(orm, { townshipCode: T, year: 2026, kind: 'funding', amountFen: 100_000, idempotencyKey: 'funding:2026' });
  const first = await pay('r1', 40_000);
  const again = await pay('r1', 40_000);
  expect(first).toMatchObject({ paid: true });
  expect(again).toEqual(first);
  expect((await ledger()).balanceFen).toBe(60_000);
  expect(await orm.em.fork().count(ReserveMovement, { kind: 'payment' })).toBe(1);
});

test('a payment the fund cannot cover is refused with the balance, and nothing is written', async () => {
  expect(await pay('r0', 1)).toEqual({ paid: false, reason: 'insufficient_fund', balanceFen: 0 });
  await creditReserve(orm, { townshipCode: T, year: 2026, kind: 'funding', amountFen: 50_000, idempotencyKey: 'funding:2026' });
  expect(await pay('r1', 50_001)).toEqual({ paid: false, reason: 'insufficient_fund', balanceFen: 50_000 });
  expect(await pay('r2', 50_000)).toMatchObject({ paid: true });
  expect((await ledger()).balanceFen).toBe(0);
  expect(await orm.em.fork().count(ReserveMovement, { kind: 'payment' })).toBe(1);
});

test('concurrent payments of one township never take the fund below zero', async () => {
  await creditReserve(orm, { townshipCode: T, year: 2026, kind: 'funding', amountFen: 100_000, idempotencyKey: 'funding:2026' });
  const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((r) => pay(r, 30_000)));
  expect(results.filter((r) => r.paid)).toHaveLength(3);
  expect((await ledger()).balanceFen).toBe(10_000);
});

test('two transactions that both read the ledger cannot both debit it: the version refuses the second', async () => {
  await creditReserve(orm, { townshipCode: T, year: 2026, kind: 'funding', amountFen: 100_000, idempotencyKey: 'funding:2026' });
  const [a, b] = [orm.em.fork(), orm.em.fork()];
  const [la, lb] = [await a.findOneOrFail(ReserveLedger, `${T}:2026`), await b.findOneOrFail(ReserveLedger, `${T}:2026`)];
  la.balanceFen -= 60_000;
  lb.balanceFen -= 60_000;
  await a.flush();
  await expect(b.flush()).rejects.toBeInstanceOf(OptimisticLockError);
  expect((await ledger()).balanceFen).toBe(40_000);
});
