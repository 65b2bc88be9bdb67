import { spawn } from 'node:child_process';
import type { EntityManager } from '@mikro-orm/knex';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/**
 * SQLite in WAL mode, two processes on one file (the API beside the workers): a transaction that reads and then
 * writes must not fail because the other process committed in between (SQLITE_BUSY_SNAPSHOT). Transactions begin
 * immediate, so the other process waits for the lock instead. PostgreSQL has row locks and no such failure.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

/** Another process writing to the same file with a busy timeout, as the API or a worker does. */
function otherProcessAdds(file: string, amount: number): Promise<number> {
  const script = `const D = require('libsql'); const db = new D(process.argv[1]); db.pragma('busy_timeout = 10000');
    db.prepare('update lock_probe set n = n + ? where id = 1').run(Number(process.argv[2]));`;
  const child = spawn(process.execPath, ['-e', script, file, String(amount)], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
}

const sqliteOnly = process.env.DATABASE_URL ? test.skip : test;

sqliteOnly('a read-then-write transaction succeeds while another process writes the same row in between', async () => {
  const em = db.orm.em.fork() as unknown as EntityManager;
  const conn = em.getConnection();
  await conn.execute('create table lock_probe (id integer primary key, n integer not null)');
  await conn.execute('insert into lock_probe (id, n) values (1, 0)');
  let other: Promise<number> | undefined;
  await em.transactional(async (tx) => {
    const ctx = tx.getTransactionContext();
    const [row] = await conn.execute<{ n: number }[]>('select n from lock_probe where id = 1', [], 'all', ctx);
    other = otherProcessAdds(db.settings.sqlitePath!, 10);
    await new Promise((r) => setTimeout(r, 400));
    await conn.execute('update lock_probe set n = ? where id = 1', [row.n + 1], 'run', ctx);
  });
  expect(await other).toBe(0);
  const [after] = await conn.execute<{ n: number }[]>('select n from lock_probe where id = 1');
  expect(after.n).toBe(11);
});
