import { ConnectionException, DeadlockException, LockWaitTimeoutException } from '@mikro-orm/core';

/**
 * Whether an error is the database being momentarily unavailable rather than a fault: SQLite's lock wait running out
 * ("database is locked", SQLITE_BUSY), a PostgreSQL deadlock or serialisation failure, a lost connection, or no pooled
 * connection free in time. These answer 503 with Retry-After, never 500: the failed transaction committed nothing.
 */
export function isBusyDatabase(err: unknown): boolean {
  if (err instanceof LockWaitTimeoutException || err instanceof DeadlockException || err instanceof ConnectionException) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (code === '40001' || code === '40P01' || code === '55P03' || code === '57P03' || code === '53300') return true;
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
  return err.name === 'KnexTimeoutError' || /database is locked|SQLITE_BUSY|Timeout acquiring a connection/.test(err.message);
}
