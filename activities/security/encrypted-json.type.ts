import { Type, type EntityMetadata, type EntityProperty, type Platform } from '@mikro-orm/core';
import { fieldKeyring } from './encrypted-string.type';
import { decryptField, encryptField } from './field-crypto';

/**
 * A JSON document stored as one field ciphertext (`text` column): for records that mix structured fields with free
 * text people write (a decision's reason, a visit's findings), which can name people and describe their lives.
 * Same keyring and rotation as EncryptedStringType; the document cannot be queried in SQL, only read whole.
 */
export class EncryptedJsonType<T = Record<string, unknown>> extends Type<T | null, string | null> {
  override convertToDatabaseValue(value: T | null): string | null {
    return value === null || value === undefined ? null : encryptField(fieldKeyring(), JSON.stringify(value));
  }

  override convertToJSValue(value: string | null): T | null {
    return value === null || value === undefined ? null : (JSON.parse(decryptField(fieldKeyring(), value)) as T);
  }

  override compareAsType(): string {
    return 'string';
  }

  /** Two ciphertexts are equal when they hold the same document text (the IVs differ). */
  override compareValues(a: string | null, b: string | null): boolean {
    if (a === b) return true;
    if (a === null || b === null || a === undefined || b === undefined) return false;
    const keyring = fieldKeyring();
    return decryptField(keyring, a) === decryptField(keyring, b);
  }

  override ensureComparable<E extends object>(_meta: EntityMetadata<E>, _prop: EntityProperty<E>): boolean {
    return false;
  }

  override getColumnType(_prop: EntityProperty, _platform: Platform): string {
    return 'text';
  }
}
