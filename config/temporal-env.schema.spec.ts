import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { temporalSettings } from '../activities/temporal/connection-settings';
import { loadEnv } from './env.schema';

/** The Temporal connection variables: bad combinations stop the process naming the variable; good ones reach envconfig. */

const BASE = { JWT_SECRET: 'j'.repeat(32), PII_DIGEST_KEY: 'd'.repeat(32), PII_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}` };
const dir = mkdtempSync(join(tmpdir(), 'temporal-env-'));
const cert = join(dir, 'client.pem');
const key = join(dir, 'client.key');
writeFileSync(cert, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
writeFileSync(key, '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n');
const toml = join(dir, 'temporal.toml');
writeFileSync(toml, ['[profile.province]', 'address = "temporal.province.internal:7233"', 'namespace = "assistance-32"', 'api_key = "profile-key"', ''].join('\n'));

const env = (extra: Record<string, string>) => loadEnv({ ...BASE, ...extra });

test.each([
  [{ TEMPORAL_TLS_CLIENT_CERT_PATH: cert }, /TEMPORAL_TLS_CLIENT_KEY_PATH: is required with a client certificate/],
  [{ TEMPORAL_TLS_CLIENT_KEY_PATH: key }, /TEMPORAL_TLS_CLIENT_CERT_PATH: is required with a client key/],
  [{ TEMPORAL_TLS_CLIENT_CERT_PATH: join(dir, 'missing.pem'), TEMPORAL_TLS_CLIENT_KEY_PATH: key }, /TEMPORAL_TLS_CLIENT_CERT_PATH: must name a readable file/],
  [{ TEMPORAL_TLS_CLIENT_CERT_PATH: cert, TEMPORAL_TLS_CLIENT_CERT_DATA: 'pem', TEMPORAL_TLS_CLIENT_KEY_PATH: key }, /TEMPORAL_TLS_CLIENT_CERT_DATA: must not be set together with TEMPORAL_TLS_CLIENT_CERT_PATH/],
  [{ TEMPORAL_API_KEY: 'secret', TEMPORAL_TLS: 'false' }, /TEMPORAL_TLS: must not be false with TEMPORAL_API_KEY/],
  [{ TEMPORAL_TLS: 'false', TEMPORAL_TLS_SERVER_CA_CERT_PATH: cert }, /TEMPORAL_TLS: must not be false while TLS certificates are configured/],
  [{ TEMPORAL_TLS: 'yes' }, /TEMPORAL_TLS: must be true or false/],
  [{ TEMPORAL_ADDRESS: 'http://temporal:7233' }, /TEMPORAL_ADDRESS: must be host:port/],
  [{ TEMPORAL_CONFIG_FILE: join(dir, 'absent.toml') }, /TEMPORAL_CONFIG_FILE: must name a readable file/],
])('%o is refused naming the variable', (extra, message) => {
  expect(() => env(extra)).toThrow(message);
});

test('nothing set: the local dev server and the default namespace, no TLS', () => {
  expect(temporalSettings(env({ TEMPORAL_CONFIG_FILE: toml }))).toEqual({ address: '127.0.0.1:7233', namespace: 'default' });
});

test('a profile from the TOML file, with the environment overriding its namespace; an API key turns TLS on', () => {
  const settings = temporalSettings(env({ TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'province', TEMPORAL_NAMESPACE: 'assistance-override' }));
  expect(settings).toMatchObject({ address: 'temporal.province.internal:7233', namespace: 'assistance-override', apiKey: 'profile-key', tls: true });
});

test('client certificates from files become the TLS settings', () => {
  const settings = temporalSettings(env({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_TLS_CLIENT_CERT_PATH: cert, TEMPORAL_TLS_CLIENT_KEY_PATH: key, TEMPORAL_TLS_SERVER_NAME: 'frontend.internal' }));
  const tls = settings.tls as { serverNameOverride: string; clientCertPair: { crt: Uint8Array; key: Uint8Array } };
  expect(tls.serverNameOverride).toBe('frontend.internal');
  expect(Buffer.from(tls.clientCertPair.crt).toString()).toContain('BEGIN CERTIFICATE');
  expect(Buffer.from(tls.clientCertPair.key).toString()).toContain('BEGIN PRIVATE KEY');
});

test('a profile the file does not have is refused naming TEMPORAL_PROFILE', () => {
  expect(() => temporalSettings(env({ TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'nowhere' }))).toThrow(/TEMPORAL_PROFILE: could not load the Temporal profile/);
});
