import { setFieldKeyring } from './encrypted-field.type';
import { parseKeyring, type FieldCipher } from './field-crypto';
import { useChainHash, type ChainHashAlgorithm } from '../audit/audit-chain';

/**
 * Installs the process keyring from PII_ENCRYPTION_KEYS with the FIELD_CIPHER new values use, and the AUDIT_HASH of
 * new audit entries. Every process that opens the database (API, worker, setup, CLI) calls it before the first query,
 * or reading an encrypted column fails with FieldKeyringMissingError.
 */
export function useFieldKeyring(env: { PII_ENCRYPTION_KEYS: string; FIELD_CIPHER?: FieldCipher; AUDIT_HASH?: ChainHashAlgorithm }): void {
  setFieldKeyring(parseKeyring(env.PII_ENCRYPTION_KEYS, env.FIELD_CIPHER));
  useChainHash(env.AUDIT_HASH ?? 'sha256');
}
