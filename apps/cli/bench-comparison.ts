import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager as KnexEntityManager } from '@mikro-orm/knex';
import { ComparisonImport } from '../../activities/comparison/comparison-import.entity';
import { csvRows } from '../../activities/comparison/comparison-rows';
import { runComparison } from '../../activities/comparison/comparison-runner';
import { idNumberCheckDigit } from '../../activities/departments/id-number';
import { idDigest } from '../../activities/households/personal-data';
import { dialectOf, openDatabase } from '../../activities/db/orm';
import { useFieldKeyring } from '../../activities/security/use-field-keyring';
import { scratchDatabase } from './scratch-database';

/**
 * npm run bench:comparison [-- --rows 1000000 --households 30000]: a district's recipients (two members each) in a
 * scratch database, then a department list of that many rows, generated as a stream (never in memory), compared with
 * them as an import does (CSV parsing, ID digests, page lookups, lead inserts). Prints rows per second, the counts and
 * the process's peak memory. SQLite by default; PostgreSQL when DATABASE_URL is set.
 */

const KEY = 'bench-digest-key-0123456789abcdef0123';
const PATH = '220000/220100/220103/';

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The n-th fictional ID number of the benchmark (valid check character, distinct for distinct n). */
function idNumber(prefix: string, n: number): string {
  const birth = new Date(Date.UTC(1940, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `${prefix}${birth}${String(n % 1000).padStart(3, '0')}`;
  return `${first17}${idNumberCheckDigit(first17)}`;
}

async function seed(orm: MikroORM, households: number): Promise<void> {
  const knex = (orm.em.fork() as KnexEntityManager).getKnex();
  for (let from = 0; from < households; from += 100) {
    const hh = Array.from({ length: Math.min(100, households - from) }, (_, i) => ({ id: randomUUID(), n: from + i }));
    await knex.transaction(async (trx) => {
      await trx('households').insert(hh.map((h) => ({ id: h.id, region_code: '220103001001', region_path: `${PATH}220103001/220103001001/`, area: 'urban', address: 'x', phone: null, bank_account: null, created_at: new Date() })));
      await trx('members').insert(hh.flatMap((h) => [0, 1].map((k) => ({ id: randomUUID(), household_id: h.id, position: k, name: 'x', id_number: 'x', id_digest: idDigest(KEY, idNumber('220103', h.n * 2 + k)), relation: k ? 'spouse' : 'head', birth_date: '1960-01-01', declared_monthly_income_fen: 0, disability_grade: null }))));
      await trx('recipients').insert(hh.map((h) => ({ id: randomUUID(), household_id: h.id, application_id: randomUUID(), program: 'dibao', region_code: '220103001001', region_path: `${PATH}220103001/220103001001/`, status: 'active', monthly_benefit_fen: 50_000, basis: 'household', members_counted: 2, start_month: '2026-01', policy_snapshot_id: 'bench', category: 'other', created_at: new Date() })));
    });
  }
}

/** One row in a hundred names a recipient's member; the rest are strangers. */
function* list(rows: number, households: number): Generator<string> {
  yield '身份证号,死亡日期\n';
  for (let i = 0; i < rows; i++) {
    const id = i % 100 === 0 ? idNumber('220103', (i / 100) % (households * 2)) : idNumber('110101', i);
    yield `${id},2026-10-01\n`;
  }
}

async function main(): Promise<void> {
  const rows = argument('rows', 1_000_000);
  const households = argument('households', 30_000);
  useFieldKeyring({ PII_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 7).toString('base64')}` });
  const { settings, cleanup } = await scratchDatabase('bench-comparison');
  const orm = await openDatabase(settings, { migrate: true });
  try {
    console.log(`seeding ${households.toLocaleString('en')} recipient households into ${dialectOf(settings)}…`);
    await seed(orm, households);
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
    const record = new ComparisonImport({ id: randomUUID(), source: 'death', regionCode: '220103', regionPath: PATH, format: 'csv', startedById: 'bench', startedAt: new Date() });
    await orm.em.fork().persistAndFlush(record);
    const started = performance.now();
    const done = await runComparison(orm, KEY, record, csvRows(Readable.from(list(rows, households))));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    console.log(`compared ${done.records.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (${Math.round(done.records / seconds).toLocaleString('en')} rows/s)`);
    console.log(`  records ${done.records}  matches ${done.matches}  leads ${done.leads}  rejected ${done.rejectedRows}`);
    console.log(`  peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    await orm.close(true);
    await cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message.slice(0, 500) : err);
  process.exit(1);
});
