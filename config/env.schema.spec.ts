import { randomBytes } from 'node:crypto';
import { ConfigValidationError } from './config-error';
import { loadEnv } from './env.schema';

const base = { JWT_SECRET: 'j'.repeat(32), PII_DIGEST_KEY: 'd'.repeat(32) };
const keys = `k1:${randomBytes(32).toString('base64')}`;

describe('PII_ENCRYPTION_KEYS', () => {
  test('is required: personal data is stored encrypted under it', () => {
    expect(() => loadEnv({ ...base })).toThrow(/PII_ENCRYPTION_KEYS/);
    expect(loadEnv({ ...base, PII_ENCRYPTION_KEYS: keys }).PII_ENCRYPTION_KEYS).toBe(keys);
  });

  test('accepts a keyring of 32-byte base64 keys', () => {
    const spec = `k2026:${randomBytes(32).toString('base64')},k2024:${randomBytes(32).toString('base64')}`;
    expect(loadEnv({ ...base, PII_ENCRYPTION_KEYS: spec }).PII_ENCRYPTION_KEYS).toBe(spec);
  });

  test('rejects short keys and duplicate ids without echoing the key', () => {
    const short = randomBytes(16).toString('base64');
    const full = randomBytes(32).toString('base64');
    for (const spec of [`k1:${short}`, `k1:${full},k1:${full}`, full]) {
      let caught: unknown;
      try {
        loadEnv({ ...base, PII_ENCRYPTION_KEYS: spec });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(ConfigValidationError);
      expect((caught as Error).message).toContain('PII_ENCRYPTION_KEYS');
      expect((caught as Error).message).not.toContain(short);
      expect((caught as Error).message).not.toContain(full);
    }
  });
});
