import { createTestDatabase, type TestDatabase } from '../helpers/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

test('the migrations create exactly the schema the entities describe', async () => {
  const drift = await db.orm.schema.getUpdateSchemaSQL({ wrap: false });
  expect(drift.trim()).toBe('');
});

test('migrating again is a no-op', async () => {
  const pending = await db.orm.getMigrator().getPendingMigrations();
  expect(pending).toHaveLength(0);
  const executed = await db.orm.getMigrator().getExecutedMigrations();
  expect(executed.map((m) => m.name)).toContain('Migration20261122235711_initial');
});
