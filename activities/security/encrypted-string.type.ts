import { EncryptedFieldType } from './encrypted-field.type';

/**
 * A string column stored encrypted and decrypted on read. Use as
 * `@Property({ type: EncryptedStringType, nullable: true })`. Look people up by a keyed digest column instead of the
 * encrypted value (see households/personal-data.ts `idDigest`).
 */
export class EncryptedStringType extends EncryptedFieldType<string> {
  protected encode(value: string): string {
    return value;
  }

  protected decode(plaintext: string): string {
    return plaintext;
  }
}
