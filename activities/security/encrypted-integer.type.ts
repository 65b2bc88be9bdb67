import { Type, type EntityMetadata, type EntityProperty, type Platform } from '@mikro-orm/core';
import { fieldKeyring } from './encrypted-string.type';
import { decryptField, encryptField } from './field-crypto';

/**
 * A small integer that is personal data (a 残疾等级): stored as an AES-256-GCM field ciphertext in a `text` column,
 * an integer again on read. Same keyring and rotation as EncryptedStringType; like it, the column cannot be
 * searched or compared in SQL, so code that needs a fact about it (单人保 eligibility) reads the entity.
 */
export class EncryptedIntegerType extends Type<number | null, string | null> {
  override convertToDatabaseValue(value: number | null): string | null {
    if (value === null || value === undefined) return null;
    if (!Number.isSafeInteger(value)) throw new TypeError('an encrypted integer column only holds whole numbers');
    return encryptField(fieldKeyring(), String(value));
  }

  override convertToJSValue(value: string | null): number | null {
    return value === null || value === undefined ? null : Number(decryptField(fieldKeyring(), String(value)));
  }

  override compareAsType(): string {
    return 'string';
  }

  /** Two ciphertexts are equal when they hold the same number (the IVs differ). */
  override compareValues(a: string | null, b: string | null): boolean {
    if (a === b) return true;
    if (a === null || b === null || a === undefined || b === undefined) return false;
    const keyring = fieldKeyring();
    return decryptField(keyring, String(a)) === decryptField(keyring, String(b));
  }

  override ensureComparable<T extends object>(_meta: EntityMetadata<T>, _prop: EntityProperty<T>): boolean {
    return false;
  }

  override getColumnType(_prop: EntityProperty, _platform: Platform): string {
    return 'text';
  }
}
