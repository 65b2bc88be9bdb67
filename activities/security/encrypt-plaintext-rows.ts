import type { MikroORM } from '@mikro-orm/core';
import { fieldKeyring } from './encrypted-field.type';
import { ENCRYPTED_COLUMNS } from './encrypted-columns';
import { encryptField, isFieldCiphertext } from './field-crypto';

/**
 * Encrypts values written in clear before their columns were encrypted (installations older than the
 * encrypt_personal_data, encrypt_disability_grade or encrypt_free_text migration). Idempotent: ciphertexts are left
 * alone, and only rows with a value not starting like a ciphertext are read, so setup runs it every time. Returns how
 * many values it encrypted; never logs a value.
 */
export async function encryptPlaintextRows(orm: MikroORM): Promise<number> {
  const keyring = fieldKeyring();
  let encrypted = 0;
  await orm.em.fork().transactional(async (tx) => {
    const conn = tx.getConnection();
    const ctx = tx.getTransactionContext();
    for (const { table, key, columns } of ENCRYPTED_COLUMNS) {
      const inClear = columns.map((c) => `(${c} is not null and ${c} not like 'v1:%' and ${c} not like 'v2:%')`).join(' or ');
      const rows = await conn.execute<Record<string, string | number | null>[]>(`select ${key} as row_key, ${columns.join(', ')} from ${table} where ${inClear}`, [], 'all', ctx);
      for (const row of rows) {
        // A disability grade migrated from an integer column may still come back as a number.
        const clear = columns.filter((c) => row[c] !== null && !isFieldCiphertext(String(row[c])));
        if (clear.length === 0) continue;
        const sets = clear.map((c) => `${c} = ?`).join(', ');
        await conn.execute(`update ${table} set ${sets} where ${key} = ?`, [...clear.map((c) => encryptField(keyring, String(row[c]))), row.row_key], 'run', ctx);
        encrypted += clear.length;
      }
    }
  });
  return encrypted;
}
