import type { MikroORM } from '@mikro-orm/core';
import { Household } from '../../activities/households/household.entity';
import { Member } from '../../activities/households/member.entity';
import { idDigest } from '../../activities/households/personal-data';
import { encryptPlaintextRows } from '../../activities/security/encrypt-plaintext-rows';
import { isFieldCiphertext } from '../../activities/security/field-crypto';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

const ID_NUMBER = '320723199003070017';
const NAME = '张秀兰';
const ADDRESS = '灌云县伊山镇幸福路 8 号';
const PHONE = '13800138000';
const ACCOUNT = '6228480402564890018';

let db: TestDatabase;
let orm: MikroORM;
beforeAll(async () => {
  db = await createTestDatabase();
  orm = db.orm;
  const em = orm.em.fork();
  const household = new Household({ id: 'h-at-rest', regionCode: '320723', regionPath: '32/3207/320723', area: 'rural', address: ADDRESS, phone: PHONE });
  const member = new Member({
    id: 'm-at-rest',
    position: 0,
    name: NAME,
    idNumber: ID_NUMBER,
    idDigest: idDigest('d'.repeat(32), ID_NUMBER),
    relation: 'head',
    birthDate: '1990-03-07',
    declaredMonthlyIncomeFen: 0,
    disabilityGrade: 2,
  });
  household.bankAccount = ACCOUNT;
  household.members.add(member);
  await em.persistAndFlush(household);
});
afterAll(async () => {
  await db?.drop();
});

test('names, ID numbers, disability grades, addresses, phones and bank accounts are ciphertext in the database', async () => {
  const conn = orm.em.getConnection();
  const [member] = await conn.execute<{ name: string; id_number: string; disability_grade: string }[]>('select name, id_number, disability_grade from members where id = ?', ['m-at-rest']);
  const [household] = await conn.execute<{ address: string; phone: string; bank_account: string }[]>('select address, phone, bank_account from households where id = ?', ['h-at-rest']);
  const stored = [member!.name, member!.id_number, member!.disability_grade, household!.address, household!.phone, household!.bank_account];
  for (const value of stored) expect(isFieldCiphertext(value)).toBe(true);
  const all = JSON.stringify(stored);
  for (const clear of [ID_NUMBER, ID_NUMBER.slice(-8), NAME, ADDRESS, PHONE, ACCOUNT, ACCOUNT.slice(-8)]) expect(all).not.toContain(clear);
});

test('reading through the entities gives the clear values', async () => {
  const em = orm.em.fork();
  const member = await em.findOneOrFail(Member, 'm-at-rest', { populate: ['household'] });
  expect(member.idNumber).toBe(ID_NUMBER);
  expect(member.name).toBe(NAME);
  expect(member.disabilityGrade).toBe(2);
  expect(member.household.address).toBe(ADDRESS);
  expect(member.household.phone).toBe(PHONE);
  expect(member.household.bankAccount).toBe(ACCOUNT);
});

test('setup encrypts values written in clear before the columns were encrypted, once', async () => {
  const conn = orm.em.getConnection();
  await conn.execute('update members set name = ?, id_number = ?, disability_grade = ? where id = ?', [NAME, ID_NUMBER, '2', 'm-at-rest']);
  expect(await encryptPlaintextRows(orm)).toBe(3);
  expect(await encryptPlaintextRows(orm)).toBe(0);
  const [raw] = await conn.execute<{ name: string; id_number: string; disability_grade: string }[]>('select name, id_number, disability_grade from members where id = ?', ['m-at-rest']);
  expect([raw!.name, raw!.id_number, raw!.disability_grade].every(isFieldCiphertext)).toBe(true);
  const member = await orm.em.fork().findOneOrFail(Member, 'm-at-rest');
  expect([member.name, member.idNumber, member.disabilityGrade]).toEqual([NAME, ID_NUMBER, 2]);
});
