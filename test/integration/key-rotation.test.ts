import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { Household } from '../../activities/households/household.entity';
import { Member } from '../../activities/households/member.entity';
import { PaymentExport } from '../../activities/payments/payment-export.entity';
import { EncryptedFieldType, setFieldKeyring } from '../../activities/security/encrypted-field.type';
import { keyIdOf, parseKeyring } from '../../activities/security/field-crypto';
import { rotateEncryptedColumns } from '../../activities/security/rotate-columns';
import { ENCRYPTED_COLUMNS } from '../../activities/security/encrypted-columns';
import { Submission } from '../../activities/tasks/submission.entity';
import { createTestDatabase, TEST_FIELD_KEYS, type TestDatabase } from '../helpers/database';

/** The rotation job on a real database: every encrypted column moves to the new key, page by page, once. */

const NEW_KEY = `k2027:${randomBytes(32).toString('base64')}`;

let db: TestDatabase;
let orm: MikroORM;
beforeAll(async () => {
  db = await createTestDatabase();
  orm = db.orm;
  const em = orm.em.fork();
  for (let i = 0; i < 5; i += 1) {
    const household = new Household({ id: `h-${i}`, regionCode: '320723', regionPath: '320000/320700/320723/', area: 'rural', address: `幸福路${i}号`, phone: i % 2 ? '13800138000' : null });
    household.bankAccount = '6228480402564890018';
    household.members.add(new Member({ id: `m-${i}`, position: 0, name: '张秀兰', idNumber: '320723199003070017', idDigest: 'd', relation: 'head', birthDate: '1990-03-07', declaredMonthlyIncomeFen: 0, disabilityGrade: i % 2 ? 1 : null }));
    em.persist(household);
  }
  em.persist(new Submission({ id: 's-1', taskId: 't', caseType: 'application', caseId: 'a', actorId: 'u', actorRole: 'township_reviewer', payload: { step: 'township_review', reason: '同意' } }));
  em.persist(new PaymentExport({ batchId: 'pay-320723-2026-11-1', lines: 1, totalFen: 100, content: 'x,农行,6228480402564890018,100', createdAt: new Date() }));
  await em.flush();
});
afterAll(async () => {
  setFieldKeyring(parseKeyring(TEST_FIELD_KEYS));
  await db?.drop();
});

async function keyIds(): Promise<Set<string>> {
  const conn = orm.em.getConnection();
  const select = async (sql: string): Promise<(string | null)[]> => ((await conn.execute(sql)) as Record<string, string | null>[]).flatMap((r) => Object.values(r));
  const values = [
    ...(await select('select name, id_number, disability_grade from members')),
    ...(await select('select address, phone, bank_account from households')),
    ...(await select('select payload from submissions')),
    ...(await select('select content from payment_exports')),
  ];
  return new Set(values.filter((v): v is string => v !== null).map((v) => keyIdOf(String(v))));
}

test('a new first key, a rotation pass in small pages, and the old key can go', async () => {
  expect(await keyIds()).toEqual(new Set(['test1']));
  setFieldKeyring(parseKeyring(`${NEW_KEY},${TEST_FIELD_KEYS}`));
  const first = await rotateEncryptedColumns(orm, 2);
  expect(first).toMatchObject({ members: 5 * 2 + 2, households: 5 * 2 + 2, submissions: 1, payment_exports: 1 });
  expect(await keyIds()).toEqual(new Set(['k2027']));
  expect(Object.values(await rotateEncryptedColumns(orm, 2)).every((n) => n === 0)).toBe(true);

  setFieldKeyring(parseKeyring(NEW_KEY));
  const em = orm.em.fork();
  expect((await em.findOneOrFail(Member, 'm-1')).disabilityGrade).toBe(1);
  expect((await em.findOneOrFail(Household, 'h-3')).bankAccount).toBe('6228480402564890018');
  expect((await em.findOneOrFail(Submission, 's-1')).payload).toEqual({ step: 'township_review', reason: '同意' });
  expect((await em.findOneOrFail(PaymentExport, { batchId: 'pay-320723-2026-11-1' })).content).toContain('6228480402564890018');
});

test('the rotation list names exactly the encrypted columns of the entities', () => {
  const fromEntities = Object.values(orm.getMetadata().getAll()).flatMap((meta) =>
    Object.values(meta.properties)
      .filter((p) => p.customType instanceof EncryptedFieldType)
      .map((p) => `${meta.tableName}.${p.fieldNames[0]}`),
  );
  const listed = ENCRYPTED_COLUMNS.flatMap((t) => t.columns.map((c) => `${t.table}.${c}`));
  expect(listed.sort()).toEqual(fromEntities.sort());
});
