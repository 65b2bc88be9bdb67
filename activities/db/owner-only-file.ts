import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';

/**
 * Makes a SQLite database file readable and writable by its owner only (0600), creating it empty if needed, and
 * tightens its WAL and SHM files when they exist. SQLite creates WAL and SHM with the database file's mode, so
 * creating the file first is what keeps them private too; an older, world-readable install is tightened on start.
 */
export function ownerOnlyDatabaseFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (existsSync(`${path}${suffix}`)) chmodSync(`${path}${suffix}`, 0o600);
  }
}
