import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * 国密 field encryption: SM4-CBC with a random 16-byte IV, then HMAC-SM3 over version, key id, IV and ciphertext
 * (encrypt-then-MAC; Node's OpenSSL offers no SM4-GCM). Both subkeys are derived from the 32-byte keyring key with
 * HMAC-SM3, so one key serves either algorithm. Body: `base64(iv | mac | ciphertext)`.
 */
const IV_BYTES = 16;
const MAC_BYTES = 32;

function subkeys(key: Buffer): { enc: Buffer; mac: Buffer } {
  return {
    enc: createHmac('sm3', key).update('field-encryption:sm4').digest().subarray(0, 16),
    mac: createHmac('sm3', key).update('field-encryption:hmac-sm3').digest(),
  };
}

function mac(key: Buffer, header: string, iv: Buffer, body: Buffer): Buffer {
  return createHmac('sm3', key).update(header).update(iv).update(body).digest();
}

/** Encrypts; `header` (version and key id) is authenticated with the ciphertext. */
export function sm4Encrypt(key: Buffer, header: string, plaintext: string): string {
  const { enc, mac: macKey } = subkeys(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('sm4-cbc', enc, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, mac(macKey, header, iv, body), body]).toString('base64');
}

/** Decrypts, or returns null when the value is truncated or fails authentication. */
export function sm4Decrypt(key: Buffer, header: string, encoded: string): string | null {
  const raw = Buffer.from(encoded, 'base64');
  if (raw.length < IV_BYTES + MAC_BYTES + 16) return null;
  const { enc, mac: macKey } = subkeys(key);
  const iv = raw.subarray(0, IV_BYTES);
  const tag = raw.subarray(IV_BYTES, IV_BYTES + MAC_BYTES);
  const body = raw.subarray(IV_BYTES + MAC_BYTES);
  if (!timingSafeEqual(tag, mac(macKey, header, iv, body))) return null;
  try {
    const decipher = createDecipheriv('sm4-cbc', enc, iv);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
