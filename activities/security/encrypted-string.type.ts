import { Type, type EntityMetadata, type EntityProperty, type Platform } from '@mikro-orm/core';
import { decryptField, encryptField, type FieldKeyring } from './field-crypto';

/** An encrypted column was read or written before `setFieldKeyring` ran at startup. */
export class FieldKeyringMissingError extends Error {
  override readonly name = 'FieldKeyringMissingError';
  constructor() {
    super('no field keyring: call setFieldKeyring(parseKeyring(env.PII_ENCRYPTION_KEYS)) at startup');
  }
}

let processKeyring: FieldKeyring | undefined;

/** Sets the keyring every EncryptedStringType column uses; called once at process startup (and by tests). */
export function setFieldKeyring(keyring: FieldKeyring | undefined): void {
  processKeyring = keyring;
}

/** The process keyring; throws FieldKeyringMissingError when none was set. */
export function fieldKeyring(): FieldKeyring {
  if (!processKeyring) throw new FieldKeyringMissingError();
  return processKeyring;
}

/**
 * A string column stored encrypted (AES-256-GCM, see field-crypto.ts) and decrypted on read. Use as
 * `@Property({ type: EncryptedStringType, nullable: true })`. The column is `text` whatever the plaintext length.
 *
 * Encryption is randomized, so an encrypted column cannot be searched, indexed or compared in SQL: look people up by
 * a keyed digest column instead (see households/personal-data.ts `idDigest`). Change tracking compares the
 * decrypted values, so reading an entity and flushing does not rewrite its encrypted columns.
 */
export class EncryptedStringType extends Type<string | null, string | null> {
  override convertToDatabaseValue(value: string | null): string | null {
    return value === null || value === undefined ? null : encryptField(fieldKeyring(), value);
  }

  override convertToJSValue(value: string | null): string | null {
    return value === null || value === undefined ? null : decryptField(fieldKeyring(), value);
  }

  override compareAsType(): string {
    return 'string';
  }

  /** Two ciphertexts are equal when they hold the same plaintext (the IVs differ). */
  override compareValues(a: string | null, b: string | null): boolean {
    if (a === b) return true;
    if (a === null || b === null || a === undefined || b === undefined) return false;
    const keyring = fieldKeyring();
    return decryptField(keyring, a) === decryptField(keyring, b);
  }

  /** The snapshot keeps the ciphertext as read: re-encrypting it on every hydration would only cost time. */
  override ensureComparable<T extends object>(_meta: EntityMetadata<T>, _prop: EntityProperty<T>): boolean {
    return false;
  }

  override getColumnType(_prop: EntityProperty, _platform: Platform): string {
    return 'text';
  }
}
