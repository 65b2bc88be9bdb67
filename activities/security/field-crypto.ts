import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { sm4Decrypt, sm4Encrypt } from './sm4-field-cipher';

/**
 * Field-level encryption of personal data at rest. `aes-256-gcm` (default): a random 12-byte IV per value, ciphertext
 * `v1:<keyId>:<base64(iv | tag | ciphertext)>`. `sm4-cbc-hmac-sm3` (国密 option, sm4-field-cipher.ts): ciphertext
 * `v2:<keyId>:<base64(iv | mac | ciphertext)>`. The keyring's algorithm encrypts; both decrypt, so key rotation moves
 * existing values between algorithms. Errors never carry the plaintext or the ciphertext.
 */
const VERSION = 'v1';
const SM4_VERSION = 'v2';
const VERSIONS: ReadonlySet<string> = new Set([VERSION, SM4_VERSION]);

/** The algorithms a deployment may choose for new values (FIELD_CIPHER). */
export const FIELD_CIPHERS = ['aes-256-gcm', 'sm4-cbc-hmac-sm3'] as const;
export type FieldCipher = (typeof FIELD_CIPHERS)[number];
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Named keys; the first is active (encrypts), every one decrypts. */
export interface FieldKeyring {
  readonly activeKeyId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
  /** What new values are encrypted with (default aes-256-gcm). */
  readonly cipher?: FieldCipher;
}

/** PII_ENCRYPTION_KEYS is malformed (the message names the entry by position, never the key). */
export class KeyringConfigError extends Error {
  override readonly name = 'KeyringConfigError';
}

/** A ciphertext names a key id the keyring does not hold (a key was retired before its values were re-encrypted). */
export class UnknownKeyIdError extends Error {
  override readonly name = 'UnknownKeyIdError';
  constructor(readonly keyId: string) {
    super(`no encryption key with id "${keyId}" in the keyring`);
  }
}

/** A value is not a v1 ciphertext, or fails authentication (tampered, truncated or encrypted under another key). */
export class CiphertextError extends Error {
  override readonly name = 'CiphertextError';
}

/** Parses `keyId:base64key,keyId:base64key,…` (32-byte keys; the first is active). */
export function parseKeyring(spec: string, cipher: FieldCipher = 'aes-256-gcm'): FieldKeyring {
  const entries = spec.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (entries.length === 0) throw new KeyringConfigError('no keys given');
  const keys = new Map<string, Buffer>();
  entries.forEach((entry, i) => {
    const at = entry.indexOf(':');
    const id = at > 0 ? entry.slice(0, at) : '';
    if (!KEY_ID.test(id)) throw new KeyringConfigError(`key ${i + 1}: the id must be 1–32 of [A-Za-z0-9_-] before ':'`);
    const key = Buffer.from(entry.slice(at + 1), 'base64');
    if (key.length !== 32) throw new KeyringConfigError(`key ${i + 1} ("${id}"): must be 32 bytes in base64`);
    if (keys.has(id)) throw new KeyringConfigError(`key ${i + 1}: duplicate id "${id}"`);
    keys.set(id, key);
  });
  return { activeKeyId: entries[0]!.slice(0, entries[0]!.indexOf(':')), keys, cipher };
}

/** Encrypts under the active key; the same plaintext encrypts differently each time (random IV). */
export function encryptField(keyring: FieldKeyring, plaintext: string): string {
  const key = keyring.keys.get(keyring.activeKeyId);
  if (!key) throw new UnknownKeyIdError(keyring.activeKeyId);
  if (keyring.cipher === 'sm4-cbc-hmac-sm3') {
    const header = `${SM4_VERSION}:${keyring.activeKeyId}:`;
    return `${header}${sm4Encrypt(key, header, plaintext)}`;
  }
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}:${keyring.activeKeyId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** The key id a ciphertext was written under. */
export function keyIdOf(ciphertext: string): string {
  const parts = ciphertext.split(':');
  if (parts.length !== 3 || !VERSIONS.has(parts[0]!) || !KEY_ID.test(parts[1]!)) throw new CiphertextError('not a field ciphertext');
  return parts[1]!;
}

/** Whether a ciphertext is under the keyring's active key and its chosen algorithm (else rotation re-encrypts it). */
export function isCurrent(keyring: FieldKeyring, ciphertext: string): boolean {
  const version = keyring.cipher === 'sm4-cbc-hmac-sm3' ? SM4_VERSION : VERSION;
  return keyIdOf(ciphertext) === keyring.activeKeyId && ciphertext.startsWith(`${version}:`);
}

/** Decrypts with whichever listed key the ciphertext names; throws UnknownKeyIdError or CiphertextError. */
export function decryptField(keyring: FieldKeyring, ciphertext: string): string {
  const keyId = keyIdOf(ciphertext);
  const key = keyring.keys.get(keyId);
  if (!key) throw new UnknownKeyIdError(keyId);
  if (ciphertext.startsWith(`${SM4_VERSION}:`)) {
    const clear = sm4Decrypt(key, `${SM4_VERSION}:${keyId}:`, ciphertext.split(':')[2]!);
    if (clear === null) throw new CiphertextError(`field ciphertext under key "${keyId}" failed authentication`);
    return clear;
  }
  const raw = Buffer.from(ciphertext.split(':')[2]!, 'base64');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new CiphertextError('field ciphertext is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new CiphertextError(`field ciphertext under key "${keyId}" failed authentication`);
  }
}

/** Whether a stored value looks like a field ciphertext of either algorithm (migration of plaintext rows). */
export function isFieldCiphertext(value: string): boolean {
  try {
    keyIdOf(value);
    return true;
  } catch {
    return false;
  }
}
