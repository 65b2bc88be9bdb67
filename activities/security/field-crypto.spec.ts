import { randomBytes } from 'node:crypto';
import { CiphertextError, KeyringConfigError, UnknownKeyIdError, decryptField, encryptField, keyIdOf, parseKeyring } from './field-crypto';
import { rotateBatch } from './rotate-keys';

const key = () => randomBytes(32).toString('base64');
const K2024 = `k2024:${key()}`;
const K2026 = `k2026:${key()}`;
const ID_NUMBER = '32072319800101123X';

describe('field encryption', () => {
  const keyring = parseKeyring(K2024);

  test('round trip, including non-ASCII and empty strings', () => {
    for (const plain of [ID_NUMBER, '6222 0212 3456 7890', '一级肢体残疾', '']) {
      const sealed = encryptField(keyring, plain);
      expect(sealed).toMatch(/^v1:k2024:[A-Za-z0-9+/]+=*$/);
      expect(sealed).not.toContain(plain || '\u0000');
      expect(decryptField(keyring, sealed)).toBe(plain);
    }
  });

  test('the same plaintext encrypts differently each time', () => {
    const a = encryptField(keyring, ID_NUMBER);
    const b = encryptField(keyring, ID_NUMBER);
    expect(a).not.toBe(b);
    expect(decryptField(keyring, a)).toBe(decryptField(keyring, b));
  });

  test('any flipped bit of iv, tag or ciphertext is detected', () => {
    const sealed = encryptField(keyring, ID_NUMBER);
    const raw = Buffer.from(sealed.split(':')[2]!, 'base64');
    for (const at of [0, 11, 12, 27, 28, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[at] = bad[at]! ^ 0x01;
      expect(() => decryptField(keyring, `v1:k2024:${bad.toString('base64')}`)).toThrow(CiphertextError);
    }
    expect(() => decryptField(keyring, `v1:k2024:${raw.subarray(0, 20).toString('base64')}`)).toThrow(CiphertextError);
    expect(() => decryptField(keyring, ID_NUMBER)).toThrow(CiphertextError);
  });

  test('a ciphertext moved under another key id fails authentication', () => {
    const both = parseKeyring(`${K2026},${K2024}`);
    const sealed = encryptField(both, ID_NUMBER).replace('v1:k2026:', 'v1:k2024:');
    expect(() => decryptField(both, sealed)).toThrow(CiphertextError);
  });

  test('an unknown key id is a named error that carries neither plaintext nor ciphertext', () => {
    const sealed = encryptField(parseKeyring(K2026), ID_NUMBER);
    let caught: unknown;
    try {
      decryptField(keyring, sealed);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UnknownKeyIdError);
    expect((caught as UnknownKeyIdError).keyId).toBe('k2026');
    const text = `${(caught as Error).message} ${(caught as Error).stack ?? ''} ${JSON.stringify(caught)}`;
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain(sealed.split(':')[2]!);
  });

  test('rotation: old ciphertext still decrypts and is re-encrypted under the new active key; already-rotated values are left alone', () => {
    const old = [encryptField(keyring, ID_NUMBER), null, encryptField(keyring, '13800001234')];
    const rotatedKeyring = parseKeyring(`${K2026},${K2024}`);
    expect(decryptField(rotatedKeyring, old[0]!)).toBe(ID_NUMBER);
    const first = rotateBatch(rotatedKeyring, old);
    expect(first.rotated).toBe(2);
    expect(first.values[1]).toBeNull();
    expect(first.values.filter((v) => v !== null).map((v) => keyIdOf(v!))).toEqual(['k2026', 'k2026']);
    expect(first.values.map((v) => (v === null ? null : decryptField(parseKeyring(K2026), v)))).toEqual([ID_NUMBER, null, '13800001234']);
    const second = rotateBatch(rotatedKeyring, first.values);
    expect(second).toEqual({ values: first.values, rotated: 0 });
  });

  test('keyring parsing rejects bad specs without echoing the key', () => {
    const short = randomBytes(16).toString('base64');
    expect(parseKeyring(`${K2026},${K2024}`).activeKeyId).toBe('k2026');
    expect(() => parseKeyring('')).toThrow(KeyringConfigError);
    expect(() => parseKeyring(`bad id:${key()}`)).toThrow(KeyringConfigError);
    expect(() => parseKeyring(`${K2024},${K2024}`)).toThrow(/duplicate/);
    try {
      parseKeyring(`k1:${short}`);
      throw new Error('accepted a 16-byte key');
    } catch (err) {
      expect(err).toBeInstanceOf(KeyringConfigError);
      expect((err as Error).message).not.toContain(short);
    }
  });
});
