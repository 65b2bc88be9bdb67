import { decryptField, encryptField, isCurrent, type FieldKeyring } from './field-crypto';

/** The outcome of re-encrypting one batch: the new values in input order and how many changed. */
export interface RotationBatch {
  values: (string | null)[];
  rotated: number;
}

/**
 * Re-encrypts every value of a batch that is not already under the active key and the chosen algorithm (FIELD_CIPHER:
 * switching between AES-256-GCM and SM4 is a rotation too; null stays null). Pure over strings:
 * the caller reads a page of rows, writes back `values`, and repeats.
 *
 * Rotation procedure:
 * 1. Generate a key: `node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`.
 * 2. Put it FIRST in PII_ENCRYPTION_KEYS (`new:<key>,old:<key>`) and restart every process: new writes use the new
 *    key, old values still decrypt.
 * 3. Run the rotation job, `npm run keys:rotate` (rotate-columns.ts): it pages through each encrypted column by
 *    primary key, `rotateBatch`, and writes back in one transaction per page (idempotent: values already under the
 *    active key are left alone, so it can be re-run).
 * 4. When a full pass reports `rotated = 0` everywhere, remove the old key from PII_ENCRYPTION_KEYS and restart.
 *    Destroy the old key only after the backups that hold values under it have expired.
 */
export function rotateBatch(keyring: FieldKeyring, values: readonly (string | null)[]): RotationBatch {
  let rotated = 0;
  const out = values.map((v) => {
    if (v === null || isCurrent(keyring, v)) return v;
    rotated += 1;
    return encryptField(keyring, decryptField(keyring, v));
  });
  return { values: out, rotated };
}
