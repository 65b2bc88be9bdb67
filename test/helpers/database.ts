import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { DatabaseSettings } from '../../activities/db/orm';
import { openDatabase } from '../../activities/db/orm';
import { useFieldKeyring } from '../../activities/security/use-field-keyring';

/** This test process's field-encryption keyring (e2e platforms put it in their env too). */
export const TEST_FIELD_KEYS = `test1:${randomBytes(32).toString('base64')}`;

/**
 * A fresh database per test file: a temporary SQLite file by default, or, when DATABASE_URL points at PostgreSQL,
 * a new database on that server (dropped afterwards). The suite runs unchanged on both.
 */
export interface TestDatabase {
  settings: DatabaseSettings;
  dialect: 'sqlite' | 'postgresql';
  orm: MikroORM;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  // Like the API and the worker at startup: encrypted columns need the process keyring.
  useFieldKeyring({ PII_ENCRYPTION_KEYS: TEST_FIELD_KEYS });
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `t_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    const admin = await import('pg');
    const client = new admin.Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const settings = { databaseUrl: url.toString() };
    const orm = await openDatabase(settings);
    return {
      settings,
      dialect: 'postgresql',
      orm,
      drop: async () => {
        await orm.close(true);
        const c = new admin.Client({ connectionString: serverUrl });
        await c.connect();
        try {
          await dropScratch(c, name);
        } finally {
          await c.end();
        }
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'jiuzhu-test-'));
  const settings = { sqlitePath: join(dir, 'test.sqlite') };
  const orm = await openDatabase(settings);
  return {
    settings,
    dialect: 'sqlite',
    orm,
    drop: async () => {
      await orm.close(true);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Drops a scratch database. `with (force)` ends our own leftover sessions, but a role without pg_signal_backend may
 * not end an autovacuum worker that happens to be on the database (42501): then wait for it to finish and retry.
 */
async function dropScratch(client: { query(sql: string): Promise<unknown> }, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.query(`drop database if exists ${name} with (force)`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '42501' || attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  }
}
