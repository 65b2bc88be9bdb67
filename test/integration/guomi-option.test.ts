import { getCiphers } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { AuditEntry } from '../../activities/audit/audit-entry.entity';
import { chainHash, useChainHash } from '../../activities/audit/audit-chain';
import { AuditLog } from '../../activities/audit/audit-log.service';
import { Household } from '../../activities/households/household.entity';
import { Member } from '../../activities/households/member.entity';
import { setFieldKeyring } from '../../activities/security/encrypted-field.type';
import { decryptField, encryptField, parseKeyring } from '../../activities/security/field-crypto';
import { rotateEncryptedColumns } from '../../activities/security/rotate-columns';
import { useFieldKeyring } from '../../activities/security/use-field-keyring';
import { createTestDatabase, TEST_FIELD_KEYS, type TestDatabase } from '../helpers/database';

/**
 * 国密 option on a real database: SM4 field encryption and SM3 audit hashing chosen by configuration, key rotation
 * moving existing values from AES-256-GCM to SM4 and back, and an audit chain that keeps verifying across a switch.
 */

let db: TestDatabase;
let orm: MikroORM;
beforeAll(async () => {
  db = await createTestDatabase();
  orm = db.orm;
});
afterAll(async () => {
  useFieldKeyring({ PII_ENCRYPTION_KEYS: TEST_FIELD_KEYS });
  await db?.drop();
});

async function stored(): Promise<string[]> {
  const rows = (await orm.em.fork().getConnection().execute('select name, id_number from members order by id')) as Record<string, string>[];
  return rows.flatMap((r) => [r.name!, r.id_number!]);
}

test('this OpenSSL offers SM4-CBC and SM3 (and no SM4-GCM, hence encrypt-then-MAC)', () => {
  expect(getCiphers()).toEqual(expect.arrayContaining(['sm4-cbc']));
  expect(getCiphers()).not.toContain('sm4-gcm');
  expect(chainHash('0'.repeat(64), { seq: 1, at: new Date(0), actorId: 'a', actorRole: 'r', regionCode: 'x', action: 'y', targetType: 't', targetId: 'i', before: null, after: null, reason: null }, 'sm3')).toMatch(/^[0-9a-f]{64}$/);
});

test('SM4 values authenticate: a flipped byte or a changed key id fails; SM4 and AES values both decrypt', () => {
  const sm4 = parseKeyring(TEST_FIELD_KEYS, 'sm4-cbc-hmac-sm3');
  const value = encryptField(sm4, '张秀兰');
  expect(value).toMatch(/^v2:test1:/);
  expect(decryptField(sm4, value)).toBe('张秀兰');
  expect(decryptField(sm4, encryptField(parseKeyring(TEST_FIELD_KEYS), '张秀兰'))).toBe('张秀兰');
  const body = Buffer.from(value.split(':')[2]!, 'base64');
  body[body.length - 1]! ^= 1;
  expect(() => decryptField(sm4, `v2:test1:${body.toString('base64')}`)).toThrow('failed authentication');
});

test('rotation moves existing values from AES-256-GCM to SM4 and back, readable throughout', async () => {
  const em = orm.em.fork();
  for (let i = 0; i < 3; i += 1) {
    const household = new Household({ id: `g-${i}`, regionCode: '320723', regionPath: '320000/320700/320723/', area: 'rural', address: `幸福路${i}号`, phone: null });
    household.members.add(new Member({ id: `gm-${i}`, position: 0, name: `张秀${i}`, idNumber: '320723199003070017', idDigest: `d${i}`, relation: 'head', birthDate: '1990-03-07', declaredMonthlyIncomeFen: 0, disabilityGrade: null }));
    em.persist(household);
  }
  await em.flush();
  expect((await stored()).every((v) => v.startsWith('v1:'))).toBe(true);

  useFieldKeyring({ PII_ENCRYPTION_KEYS: TEST_FIELD_KEYS, FIELD_CIPHER: 'sm4-cbc-hmac-sm3' });
  expect((await rotateEncryptedColumns(orm)).members).toBe(6);
  expect((await stored()).every((v) => v.startsWith('v2:'))).toBe(true);
  expect((await orm.em.fork().findOneOrFail(Member, 'gm-1')).name).toBe('张秀1');
  expect((await rotateEncryptedColumns(orm)).members).toBe(0);

  setFieldKeyring(parseKeyring(TEST_FIELD_KEYS, 'aes-256-gcm'));
  expect((await rotateEncryptedColumns(orm)).members).toBe(6);
  expect((await stored()).every((v) => v.startsWith('v1:'))).toBe(true);
  expect((await orm.em.fork().findOneOrFail(Member, 'gm-2')).name).toBe('张秀2');
});

test('with AUDIT_HASH=sm3 new entries are SM3-chained; a chain that switched verifies, and tampering is still found', async () => {
  const log = new AuditLog();
  const entry = (n: number) => ({ actorId: `u${n}`, actorRole: 'auditor', regionCode: '320723', action: 'login' as const, targetType: 'user', targetId: `t${n}` });
  useChainHash('sha256');
  await log.append(orm.em.fork(), entry(1));
  useChainHash('sm3');
  await log.append(orm.em.fork(), entry(2));
  await log.append(orm.em.fork(), entry(3));
  const second = await orm.em.fork().findOneOrFail(AuditEntry, { seq: 2 });
  expect(second.hash).toBe(chainHash(second.prevHash, second, 'sm3'));
  expect(second.hash).not.toBe(chainHash(second.prevHash, second, 'sha256'));
  await expect(log.verify(orm.em.fork())).resolves.toMatchObject({ ok: true, entries: 3 });
  await orm.em.fork().getConnection().execute(`update audit_entries set target_id = 'forged' where seq = 3`);
  await expect(log.verify(orm.em.fork())).resolves.toMatchObject({ ok: false, breaks: [{ seq: 3, reason: 'hash_mismatch' }] });
  useChainHash('sha256');
});
