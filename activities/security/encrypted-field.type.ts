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

/** Sets the keyring every encrypted column uses; called once at process startup (and by tests). */
export function setFieldKeyring(keyring: FieldKeyring | undefined): void {
  processKeyring = keyring;
}

/** The process keyring; throws FieldKeyringMissingError when none was set. */
export function fieldKeyring(): FieldKeyring {
  if (!processKeyring) throw new FieldKeyringMissingError();
  return processKeyring;
}

/**
 * A column stored as one AES-256-GCM field ciphertext (see field-crypto.ts) in `text`, whatever the value's type:
 * subclasses say how a value becomes plaintext and back. Encryption is randomized, so such a column cannot be
 * searched, indexed or compared in SQL. Change tracking compares the decrypted values, so reading an entity and
 * flushing does not rewrite its encrypted columns.
 */
export abstract class EncryptedFieldType<T> extends Type<T | null, string | null> {
  protected abstract encode(value: T): string;
  protected abstract decode(plaintext: string): T;

  override convertToDatabaseValue(value: T | null): string | null {
    return value === null || value === undefined ? null : encryptField(fieldKeyring(), this.encode(value));
  }

  override convertToJSValue(value: string | null): T | null {
    return value === null || value === undefined ? null : this.decode(decryptField(fieldKeyring(), String(value)));
  }

  override compareAsType(): string {
    return 'string';
  }

  override compareValues(a: string | null, b: string | null): boolean {
    if (a === b) return true;
    if (a === null || b === null || a === undefined || b === undefined) return false;
    const keyring = fieldKeyring();
    return decryptField(keyring, String(a)) === decryptField(keyring, String(b));
  }

  override ensureComparable<E extends object>(_meta: EntityMetadata<E>, _prop: EntityProperty<E>): boolean {
    return false;
  }

  override getColumnType(_prop: EntityProperty, _platform: Platform): string {
    return 'text';
  }
}
