import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Gauge, type Registry } from 'prom-client';
import { Task } from '../../../activities/tasks/task.entity';
import { PaymentBatch } from '../../../activities/payments/payment-batch.entity';
import { ReserveLedger } from '../../../activities/emergency/reserve.entity';
import { ledgerYear } from '../../../workflows/programs/emergency/emergency-rules';

interface Snapshot {
  openByStep: { step: string; n: number }[];
  overdue: number;
  runsByStatus: { status: string; n: number }[];
  reservesBelow: number;
}

/**
 * Business gauges computed in the database when scraped, at most once per `cacheSeconds` (several scrapers or API
 * processes do not multiply the queries): open inbox tasks by step, open tasks past their due time, payment runs by
 * state, and this year's township reserve funds (备用金) below `thresholdFen`. Counts only — no region, no person.
 */
export function businessGauges(registry: Registry, orm: MikroORM, options: { cacheSeconds: number; thresholdFen: number }): void {
  let cached: { at: number; value: Promise<Snapshot> } | undefined;
  const snapshot = (): Promise<Snapshot> => {
    if (!cached || Date.now() - cached.at >= options.cacheSeconds * 1000) {
      const value = measure(orm, options.thresholdFen);
      cached = { at: Date.now(), value };
      value.catch(() => (cached = undefined));
    }
    return cached.value;
  };
  new Gauge({
    name: 'jiuzhu_open_tasks',
    help: 'Open inbox tasks by step',
    labelNames: ['step'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of (await snapshot()).openByStep) this.set({ step: row.step }, row.n);
    },
  });
  new Gauge({
    name: 'jiuzhu_overdue_tasks',
    help: 'Open inbox tasks past their due time',
    registers: [registry],
    async collect() {
      this.set((await snapshot()).overdue);
    },
  });
  new Gauge({
    name: 'jiuzhu_payment_runs',
    help: 'Payment runs by state',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of (await snapshot()).runsByStatus) this.set({ status: row.status }, row.n);
    },
  });
  new Gauge({
    name: 'jiuzhu_reserve_funds_below_threshold',
    help: `Township reserve funds (备用金) of the current year below RESERVE_LOW_THRESHOLD_FEN (${options.thresholdFen} fen)`,
    registers: [registry],
    async collect() {
      this.set((await snapshot()).reservesBelow);
    },
  });
}

async function measure(orm: MikroORM, thresholdFen: number): Promise<Snapshot> {
  const em = orm.em.fork() as unknown as SqlEntityManager;
  const connection = em.getConnection();
  // One after another on one context: a scrape is rare and cached, and SQLite has one connection anyway. The grouped
  // counts are plain SQL (same text on both dialects); comparisons with dates go through the ORM's own conversion.
  const openByStep = await connection.execute<{ step: string; n: number | string }[]>(`select step, count(*) as n from ${em.getMetadata(Task).tableName} where status = ? group by step`, ['open']);
  const overdue = await em.count(Task, { status: 'open', dueAt: { $lt: new Date() } });
  const runsByStatus = await connection.execute<{ status: string; n: number | string }[]>(`select status, count(*) as n from ${em.getMetadata(PaymentBatch).tableName} group by status`);
  const reservesBelow = await em.count(ReserveLedger, { year: ledgerYear(Date.now()), balanceFen: { $lt: thresholdFen } });
  return {
    openByStep: openByStep.map((r) => ({ step: r.step, n: Number(r.n) })),
    overdue,
    runsByStatus: runsByStatus.map((r) => ({ status: r.status, n: Number(r.n) })),
    reservesBelow,
  };
}
