import { EncryptedFieldType } from './encrypted-field.type';

/**
 * A small integer that is personal data (a 残疾等级): stored as an AES-256-GCM field ciphertext in a `text` column,
 * an integer again on read. Same keyring and rotation as EncryptedStringType; like it, the column cannot be
 * searched or compared in SQL, so code that needs a fact about it (单人保 eligibility) reads the entity.
 */
export class EncryptedIntegerType extends EncryptedFieldType<number> {
  protected encode(value: number): string {
    if (!Number.isSafeInteger(value)) throw new TypeError('an encrypted integer column only holds whole numbers');
    return String(value);
  }

  protected decode(plaintext: string): number {
    return Number(plaintext);
  }
}
