import type { MikroORM } from '@mikro-orm/core';
import { Household } from '../../activities/households/household.entity';
import { Member } from '../../activities/households/member.entity';
import { Notice } from '../../activities/application/notice.entity';
import { Objection } from '../../activities/application/objection.entity';
import { Submission } from '../../activities/tasks/submission.entity';
import { idDigest } from '../../activities/households/personal-data';
import { encryptPlaintextRows } from '../../activities/security/encrypt-plaintext-rows';
import { isFieldCiphertext } from '../../activities/security/field-crypto';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

const ID_NUMBER = '320723199003070017';
const NAME = '张秀兰';
const ADDRESS = '灌云县伊山镇幸福路 8 号';
const PHONE = '13800138000';
const ACCOUNT = '6228480402564890018';
const FINDINGS = '入户见张秀兰卧床，其子在苏州打工月入四千';
const OBJECTION = '邻居反映张秀兰家有一辆货车';

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
  em.persist(new Submission({ id: 's-at-rest', taskId: 't-1', caseType: 'application', caseId: 'a-1', actorId: 'u-1', actorRole: 'township_investigator', payload: { step: 'home_visit', reason: FINDINGS } }));
  em.persist(new Objection({ id: 'o-at-rest', applicationId: 'a-1', content: OBJECTION, objectorName: NAME, recordedById: 'u-2' }));
  em.persist(new Notice({ id: 'n-at-rest', applicationId: 'a-1', kind: 'rejection', reasonCode: 'income_above_standard', text: `不予批准：${FINDINGS}`, issuedAt: new Date() }));
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

test('free text (decision reasons and findings, objections and their authors, notices) is ciphertext in the database', async () => {
  const conn = orm.em.getConnection();
  const [submission] = await conn.execute<{ payload: string }[]>('select payload from submissions where id = ?', ['s-at-rest']);
  const [objection] = await conn.execute<{ content: string; objector_name: string }[]>('select content, objector_name from objections where id = ?', ['o-at-rest']);
  const [notice] = await conn.execute<{ text: string }[]>('select text from notices where id = ?', ['n-at-rest']);
  const stored = [submission!.payload, objection!.content, objection!.objector_name, notice!.text];
  for (const value of stored) expect(isFieldCiphertext(value)).toBe(true);
  for (const clear of [FINDINGS, OBJECTION, NAME, 'home_visit']) expect(JSON.stringify(stored)).not.toContain(clear);

  const em = orm.em.fork();
  expect((await em.findOneOrFail(Submission, 's-at-rest')).payload).toEqual({ step: 'home_visit', reason: FINDINGS });
  expect(await em.findOneOrFail(Objection, 'o-at-rest')).toMatchObject({ content: OBJECTION, objectorName: NAME });
  expect((await em.findOneOrFail(Notice, 'n-at-rest')).text).toContain(FINDINGS);
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

test('setup also encrypts free text written before its columns were encrypted', async () => {
  const conn = orm.em.getConnection();
  await conn.execute('update submissions set payload = ? where id = ?', [JSON.stringify({ step: 'home_visit', reason: FINDINGS }), 's-at-rest']);
  await conn.execute('update objections set content = ?, objector_name = ? where id = ?', [OBJECTION, null, 'o-at-rest']);
  expect(await encryptPlaintextRows(orm)).toBe(2);
  expect(await encryptPlaintextRows(orm)).toBe(0);
  const em = orm.em.fork();
  expect((await em.findOneOrFail(Submission, 's-at-rest')).payload).toEqual({ step: 'home_visit', reason: FINDINGS });
  expect(await em.findOneOrFail(Objection, 'o-at-rest')).toMatchObject({ content: OBJECTION, objectorName: null });
});
