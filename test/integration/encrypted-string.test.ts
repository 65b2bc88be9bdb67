import { Entity, MikroORM, PrimaryKey, Property } from '@mikro-orm/core';
import { randomBytes } from 'node:crypto';
import { ormOptions } from '../../activities/db/orm';
import { setFieldKeyring } from '../../activities/security/encrypted-field.type';
import { EncryptedStringType } from '../../activities/security/encrypted-string.type';
import { keyIdOf, parseKeyring } from '../../activities/security/field-crypto';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/** Test-only entity: one encrypted column, one nullable. */
@Entity({ tableName: 'test_sealed_notes' })
class SealedNote {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id: number;

  @Property({ type: EncryptedStringType })
  idNumber: string;

  @Property({ type: EncryptedStringType, nullable: true })
  phone: string | null;

  constructor(id: number, idNumber: string, phone: string | null) {
    this.id = id;
    this.idNumber = idNumber;
    this.phone = phone;
  }
}

const OLD = `old:${randomBytes(32).toString('base64')}`;
const NEW = `new:${randomBytes(32).toString('base64')}`;
const ID_NUMBER = '22010319900307002X';

let db: TestDatabase;
let orm: MikroORM;
beforeAll(async () => {
  db = await createTestDatabase();
  orm = await MikroORM.init({ ...ormOptions(db.settings), entities: [SealedNote] });
  await orm.schema.createSchema();
  setFieldKeyring(parseKeyring(OLD));
});
afterAll(async () => {
  setFieldKeyring(undefined);
  await orm?.close(true);
  await db?.drop();
});

async function raw(id: number): Promise<{ id_number: string; phone: string | null }> {
  const rows = await orm.em.fork().getConnection().execute(`select id_number, phone from test_sealed_notes where id = ?`, [id]);
  return rows[0] as { id_number: string; phone: string | null };
}

test('values are stored encrypted and read back in plain', async () => {
  await orm.em.fork().persistAndFlush(new SealedNote(1, ID_NUMBER, '13800001234'));
  const stored = await raw(1);
  expect(keyIdOf(stored.id_number)).toBe('old');
  expect(stored.id_number).not.toContain(ID_NUMBER);
  expect(stored.phone).not.toContain('13800001234');
  const note = await orm.em.fork().findOneOrFail(SealedNote, 1);
  expect([note.idNumber, note.phone]).toEqual([ID_NUMBER, '13800001234']);
});

test('null stays null', async () => {
  await orm.em.fork().persistAndFlush(new SealedNote(2, ID_NUMBER, null));
  expect((await raw(2)).phone).toBeNull();
  expect((await orm.em.fork().findOneOrFail(SealedNote, 2)).phone).toBeNull();
});

test('loading and flushing without a change does not rewrite the ciphertext; a change does', async () => {
  const before = await raw(1);
  const em = orm.em.fork();
  const note = await em.findOneOrFail(SealedNote, 1);
  await em.flush();
  expect(await raw(1)).toEqual(before);
  note.phone = '13900005678';
  await em.flush();
  const after = await raw(1);
  expect(after.id_number).toBe(before.id_number);
  expect(after.phone).not.toBe(before.phone);
  expect((await orm.em.fork().findOneOrFail(SealedNote, 1)).phone).toBe('13900005678');
});

test('after a key rotation old rows still read, and rewritten values use the new key', async () => {
  setFieldKeyring(parseKeyring(`${NEW},${OLD}`));
  const em = orm.em.fork();
  const note = await em.findOneOrFail(SealedNote, 2);
  expect(note.idNumber).toBe(ID_NUMBER);
  note.phone = '13700009999';
  await em.flush();
  expect(keyIdOf((await raw(2)).phone!)).toBe('new');
  expect(keyIdOf((await raw(2)).id_number)).toBe('old');
});
