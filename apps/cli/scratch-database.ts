import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import type { DatabaseSettings } from '../../activities/db/orm';

/**
 * A throwaway database for a benchmark: a temporary SQLite file, or, when DATABASE_URL is set, a new database on that
 * PostgreSQL server, dropped by `cleanup`.
 */
export async function scratchDatabase(prefix: string): Promise<{ settings: DatabaseSettings; cleanup: () => Promise<void> }> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
    return { settings: { sqlitePath: join(dir, 'bench.sqlite') }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `${prefix.replace(/\W/g, '_')}_${Date.now()}`;
  const admin = new PgClient({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    settings: { databaseUrl: url.toString() },
    cleanup: async () => {
      const c = new PgClient({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
