import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { AuditLog, type ExternalAnchorRef } from '../../activities/audit/audit-log.service';
import { openDatabase } from '../../activities/db/orm';
import { loadEnv } from '../../config/env.schema';
import { useFieldKeyring } from '../../activities/security/use-field-keyring';

/**
 * Recomputes the audit chain and checks its anchors and head; prints the result as JSON and exits 1 when the chain is
 * broken. `--anchors <file.json>` adds anchors kept outside the database (a JSON array of `{ chain, seq, hash }`; without a chain, the legacy chain), so a
 * truncation that also removed the stored anchors is still caught. Usage: npm run audit:verify [-- --anchors f.json]
 */
async function main(): Promise<void> {
  const env = loadEnv();
  useFieldKeyring(env);
  const i = process.argv.indexOf('--anchors');
  const external = i > 0 ? (JSON.parse(readFileSync(process.argv[i + 1] ?? '', 'utf8')) as ExternalAnchorRef[]) : [];
  const orm = await openDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH }, { migrate: false });
  try {
    const result = await new AuditLog().verify(orm.em.fork(), external);
    console.log(JSON.stringify(result));
    if (!result.ok) process.exitCode = 1;
  } finally {
    await orm.close(true);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
