import 'reflect-metadata';
import { loadEnv } from '../../config/env.schema';
import { openDatabase } from '../../activities/db/orm';
import { rotateEncryptedColumns } from '../../activities/security/rotate-columns';
import { useFieldKeyring } from '../../activities/security/use-field-keyring';

/**
 * npm run keys:rotate: re-encrypts every personal-data value under the first key of PII_ENCRYPTION_KEYS. Run after
 * putting a new key first and restarting; when it reports 0 everywhere, the old key can leave the list.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  useFieldKeyring(env);
  const orm = await openDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.SQLITE_PATH }, { migrate: false });
  try {
    const rotated = await rotateEncryptedColumns(orm);
    for (const [table, n] of Object.entries(rotated)) console.log(`${table.padEnd(16)} ${n} values re-encrypted`);
    const total = Object.values(rotated).reduce((a, b) => a + b, 0);
    console.log(total === 0 ? 'nothing left under an older key' : `re-encrypted ${total} values; run again to confirm 0`);
  } finally {
    await orm.close(true);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
