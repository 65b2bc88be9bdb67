import { MikroORM, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../config/paths';
import { ENTITIES } from './entities';
import { ImmediateLibSqlDriver } from './sqlite-immediate.driver';
import { ownerOnlyDatabaseFile } from './owner-only-file';
import { MIGRATIONS } from './migrations';

export interface DatabaseSettings {
  /** postgres:// URL; when absent, the SQLite file below. */
  databaseUrl?: string;
  sqlitePath?: string;
  debug?: boolean;
}

/** The dialect a settings object selects. */
export function dialectOf(settings: DatabaseSettings): 'postgresql' | 'sqlite' {
  return settings.databaseUrl ? 'postgresql' : 'sqlite';
}

/** MikroORM options for PostgreSQL (production) or SQLite (embedded default); the same entities and migrations. */
export function ormOptions(settings: DatabaseSettings): Options {
  const common = {
    entities: ENTITIES,
    extensions: [Migrator],
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    debug: settings.debug ?? false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
  } satisfies Partial<Options>;
  if (settings.databaseUrl) {
    return { ...common, driver: PostgreSqlDriver, clientUrl: settings.databaseUrl, pool: { min: 0, max: 10 } } as Options;
  }
  const file = settings.sqlitePath ?? 'data/jiuzhu.sqlite';
  const path = file === ':memory:' || isAbsolute(file) ? file : resolve(PROJECT_ROOT, file);
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    ownerOnlyDatabaseFile(path);
  }
  // The API and the workers are separate processes on one file: WAL lets readers run beside a writer; transactions
  // begin immediate (ImmediateLibSqlDriver), so a writer waits for the lock (busy timeout) instead of failing at once.
  const pool = {
    min: 1,
    max: 1,
    afterCreate(conn: { exec(sql: string): void }, done: (err: Error | null, conn: unknown) => void) {
      try {
        conn.exec('PRAGMA busy_timeout = 15000');
        if (path !== ':memory:') conn.exec('PRAGMA journal_mode = WAL');
        done(null, conn);
      } catch (err) {
        done(err as Error, conn);
      }
    },
  };
  return { ...common, driver: ImmediateLibSqlDriver, dbName: path, pool } as Options;
}

/**
 * Connects. With `migrate`, brings the schema up to date (applies only pending migrations): done once by the setup
 * command and by tests. Long-running processes only check, so several workers never race to migrate.
 */
export async function openDatabase(settings: DatabaseSettings, options: { migrate: boolean } = { migrate: true }): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(settings));
  const migrator = orm.getMigrator();
  if (options.migrate) {
    await migrator.up();
  } else {
    const pending = await migrator.getPendingMigrations();
    if (pending.length > 0) {
      await orm.close(true);
      throw new Error(`the database needs ${pending.length} migration(s): run "npm run setup" first`);
    }
  }
  return orm;
}
