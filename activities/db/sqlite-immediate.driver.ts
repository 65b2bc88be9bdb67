import { AbstractSqlDriver, LibSqlKnexDialect } from '@mikro-orm/knex';
import { LibSqlConnection, LibSqlPlatform } from '@mikro-orm/libsql';
import type { Configuration } from '@mikro-orm/core';

interface KnexTransaction {
  begin(conn: unknown): Promise<unknown>;
  query(conn: unknown, sql: string): Promise<unknown>;
}

/**
 * knex's SQLite dialect with `BEGIN IMMEDIATE`: a transaction takes the write lock when it starts. A deferred
 * transaction that reads, then writes, fails at once with SQLITE_BUSY_SNAPSHOT when another process (the API beside the
 * workers) committed in between, and no busy timeout waits that out; an immediate one waits for the lock (up to the
 * busy timeout) and then sees the latest data. Savepoints of nested transactions are unchanged.
 */
class ImmediateLibSqlDialect extends LibSqlKnexDialect {
  transaction(...args: unknown[]): KnexTransaction {
    const trx = (super.transaction as (...a: unknown[]) => KnexTransaction)(...args);
    // knex calls begin() asynchronously after acquiring the connection, so replacing it here is in time.
    trx.begin = (conn) => trx.query(conn, 'BEGIN IMMEDIATE;');
    return trx;
  }
}

class ImmediateLibSqlConnection extends LibSqlConnection {
  override createKnex(): void {
    this.client = this.createKnexClient(ImmediateLibSqlDialect as unknown as string);
    this.connected = true;
  }
}

/** The libsql driver whose transactions begin immediate (see ImmediateLibSqlDialect). */
export class ImmediateLibSqlDriver extends AbstractSqlDriver<ImmediateLibSqlConnection, LibSqlPlatform> {
  constructor(config: Configuration) {
    super(config, new LibSqlPlatform(), ImmediateLibSqlConnection, ['knex', 'libsql']);
  }
}
