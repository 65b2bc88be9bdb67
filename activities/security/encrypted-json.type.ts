import { EncryptedFieldType } from './encrypted-field.type';

/**
 * A JSON document stored as one field ciphertext (`text` column): for records that mix structured fields with free
 * text people write (a decision's reason, a visit's findings), which can name people and describe their lives.
 * Same keyring and rotation as EncryptedStringType; the document cannot be queried in SQL, only read whole.
 */
export class EncryptedJsonType<T = Record<string, unknown>> extends EncryptedFieldType<T> {
  protected encode(value: T): string {
    return JSON.stringify(value);
  }

  protected decode(plaintext: string): T {
    return JSON.parse(plaintext) as T;
  }
}
