import type { MikroORM } from '@mikro-orm/core';
import { fieldKeyring } from './encrypted-field.type';
import { ENCRYPTED_COLUMNS } from './encrypted-columns';
import { rotateBatch } from './rotate-keys';

/**
 * The rotation job (step 3 in rotate-keys.ts): pages through every encrypted column by primary key and re-encrypts,
 * under the active key, each value still under an older one; one transaction per page. Idempotent and restartable:
 * a full pass that returns 0 means no value depends on an older key any more. Never logs a value.
 */
export async function rotateEncryptedColumns(orm: MikroORM, pageSize = 500): Promise<Record<string, number>> {
  const keyring = fieldKeyring();
  const rotated: Record<string, number> = {};
  for (const { table, key, columns, integerKey } of ENCRYPTED_COLUMNS) {
    rotated[table] = 0;
    for (let after: string | number = integerKey ? -1 : ''; ; ) {
      const page = await orm.em.fork().transactional(async (tx) => {
        const conn = tx.getConnection();
        const ctx = tx.getTransactionContext();
        const rows: Record<string, string | null>[] = await conn.execute<Record<string, string | null>[]>(
          `select ${key} as row_key, ${columns.join(', ')} from ${table} where ${key} > ? order by ${key} limit ?`,
          [after, pageSize],
          'all',
          ctx,
        );
        const byColumn = columns.map((c) => rotateBatch(keyring, rows.map((r) => (r[c] === null ? null : String(r[c])))));
        for (const [i, row] of rows.entries()) {
          const changed = columns.filter((c, j) => byColumn[j]!.values[i] !== (row[c] === null ? null : String(row[c])));
          if (changed.length === 0) continue;
          const sets = changed.map((c) => `${c} = ?`).join(', ');
          await conn.execute(`update ${table} set ${sets} where ${key} = ?`, [...changed.map((c) => byColumn[columns.indexOf(c)]!.values[i]), row.row_key], 'run', ctx);
        }
        rotated[table] += byColumn.reduce((n, b) => n + b.rotated, 0);
        return rows;
      });
      if (page.length < pageSize) break;
      const last = page[page.length - 1]!.row_key;
      after = integerKey ? Number(last) : String(last);
    }
  }
  return rotated;
}
