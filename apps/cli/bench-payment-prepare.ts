import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager as KnexEntityManager } from '@mikro-orm/knex';
import { dialectOf, openDatabase } from '../../activities/db/orm';
import { scratchDatabase } from './scratch-database';
import { PaymentBatch } from '../../activities/payments/payment-batch.entity';
import { paymentPrepareActivities } from '../../activities/payments/payment-prepare.activities';
import { paymentKey } from '../../workflows/payments/definitions';

/**
 * npm run bench:payments [-- --sizes 10000,100000]: payment-run preparation (the activities' keyset pages and the
 * seal) against a raw insert of the same payment rows, on a scratch database (SQLite, or PostgreSQL with
 * DATABASE_URL). Linear preparation keeps the ratio flat as the month grows.
 */

const COUNTY = '330101';
const MONTH = '2026-11';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** n households spread over 20 townships of one county, each with one regular entitlement this month. */
async function seed(orm: MikroORM, n: number): Promise<{ id: string; household: string; township: string; amount: number }[]> {
  const knex = (orm.em as KnexEntityManager).getKnex();
  const rows: { id: string; household: string; township: string; amount: number }[] = [];
  for (let i = 0; i < n; i++) rows.push({ id: randomUUID(), household: randomUUID(), township: `${COUNTY}${String((i % 20) + 1).padStart(3, '0')}`, amount: 50_000 + (i % 300) * 100 });
  for (let offset = 0; offset < n; offset += 500) {
    const page = rows.slice(offset, offset + 500);
    await knex.transaction(async (trx) => {
      await trx('households').insert(page.map((r) => ({ id: r.household, region_code: `${r.township}001`, region_path: `330000/330100/${COUNTY}/${r.township}/${r.township}001/`, area: 'urban', address: 'x', created_at: new Date() })));
      await trx('entitlements').insert(
        page.map((r) => ({ id: r.id, household_id: r.household, month: MONTH, benefit_type: 'dibao', kind: 'regular', reference: '', amount_fen: r.amount, policy_snapshot_id: 'bench', derivation: '{}', recorded_at: new Date() })),
      );
    });
  }
  await knex.raw('analyze');
  return rows;
}

async function newBatch(orm: MikroORM, attempt: number): Promise<string> {
  const em = orm.em.fork();
  const batch = new PaymentBatch({ id: randomUUID(), countyCode: COUNTY, regionPath: `330000/330100/${COUNTY}/`, month: MONTH, attempt, startedById: 'bench', startedByRole: 'county_approver', createdAt: new Date() });
  await em.persistAndFlush(batch);
  return batch.id;
}

async function main(): Promise<void> {
  const sizes = option('sizes', '10000,100000').split(',').map(Number);
  for (const n of sizes) {
    const { settings, cleanup } = await scratchDatabase('bench-payments');
    const orm = await openDatabase(settings, { migrate: true });
    try {
      const rows = await seed(orm, n);
      const acts = paymentPrepareActivities(orm);
      const batchId = await newBatch(orm, 1);
      const t0 = performance.now();
      let after: string | null = null;
      do ({ next: after } = await acts.preparePaymentPage({ batchId, after }));
      while (after !== null);
      const sealed = await acts.sealPaymentBatch({ batchId, at: Date.now() });
      const prepareMs = performance.now() - t0;

      // The same rows, inserted raw in 500-row transactions under another month's keys: the floor for this database.
      const rawBatch = await newBatch(orm, 2);
      const knex = (orm.em as KnexEntityManager).getKnex();
      const r0 = performance.now();
      for (let offset = 0; offset < n; offset += 500) {
        const page = rows.slice(offset, offset + 500).map((r) => ({
          id: randomUUID(),
          idempotency_key: paymentKey({ householdId: r.household, month: '2026-12', benefitType: 'dibao', kind: 'regular', reference: '' }),
          batch_id: rawBatch,
          entitlement_id: r.id,
          household_id: r.household,
          township_code: r.township,
          month: '2026-12',
          amount_fen: r.amount,
          status: 'prepared',
        }));
        await knex.transaction((trx) => trx('payments').insert(page));
      }
      const rawMs = performance.now() - r0;
      console.log(
        `${dialectOf(settings).padEnd(10)} ${String(n).padStart(7)} entitlements: prepare ${(prepareMs / 1000).toFixed(2)} s (${sealed.count} payments), raw insert ${(rawMs / 1000).toFixed(2)} s, ratio ${(prepareMs / rawMs).toFixed(2)}×`,
      );
    } finally {
      await orm.close(true);
      await cleanup();
    }
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
