import { setFieldKeyring } from './encrypted-field.type';
import { parseKeyring } from './field-crypto';

/**
 * Installs the process keyring from PII_ENCRYPTION_KEYS. Every process that opens the database (API, worker, setup,
 * CLI) calls it before the first query, or reading an encrypted column fails with FieldKeyringMissingError.
 */
export function useFieldKeyring(env: { PII_ENCRYPTION_KEYS: string }): void {
  setFieldKeyring(parseKeyring(env.PII_ENCRYPTION_KEYS));
}
