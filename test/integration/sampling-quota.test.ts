import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { Application } from '../../activities/application/application.entity';
import { samplingActivities } from '../../activities/application/sampling.activities';
import { SamplingDraw, SamplingTally } from '../../activities/application/sampling.entity';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/** The county's sampling floor (不低于30%) against a real database: concurrent draws, retries, months apart. */
let db: TestDatabase;
let orm: MikroORM;
beforeAll(async () => {
  db = await createTestDatabase();
  orm = db.orm;
});
afterAll(async () => {
  await db?.drop();
});

const NOV = Date.parse('2026-11-20T02:00:00Z');
const DEC = Date.parse('2026-12-01T02:00:00Z');

async function applications(villageCode: string, n: number): Promise<string[]> {
  const em = orm.em.fork();
  const ids = Array.from({ length: n }, () => randomUUID());
  ids.forEach((id, i) =>
    em.persist(
      new Application({
        id,
        caseNo: `DB-${villageCode}-${i}-${id.slice(0, 6)}`,
        householdId: randomUUID(),
        regionCode: villageCode,
        regionPath: villageCode,
        policySnapshotId: 'snap',
        missingDocuments: [],
        relativeOfStaff: false,
        submittedById: 'clerk',
        submittedAt: new Date(NOV),
      }),
    ),
  );
  await em.flush();
  return ids;
}

test('concurrent draws of one county keep the month at or above the rate; a retried draw answers as the first', async () => {
  const acts = samplingActivities(orm);
  const ids = await applications('320723100201', 60);
  const answers = new Map<string, boolean>();
  for (let i = 0; i < ids.length; i += 6) {
    const page = ids.slice(i, i + 6);
    const drawn = await Promise.all(page.map((applicationId) => acts.drawSample({ applicationId, at: NOV, rate: 0.3 })));
    page.forEach((id, k) => answers.set(id, drawn[k].sampled));
  }
  const tally = await orm.em.fork().findOneOrFail(SamplingTally, { id: '320723:2026-11' });
  expect(tally).toMatchObject({ cases: 60 });
  expect(tally.sampled).toBe([...answers.values()].filter(Boolean).length);
  expect(tally.sampled).toBeGreaterThanOrEqual(18);

  for (const id of ids.slice(0, 10)) expect((await acts.drawSample({ applicationId: id, at: DEC, rate: 1 })).sampled).toBe(answers.get(id));
  expect((await orm.em.fork().findOneOrFail(SamplingTally, { id: '320723:2026-11' })).cases).toBe(60);
  expect(await orm.em.fork().count(SamplingDraw, { tallyId: '320723:2026-11' })).toBe(60);
});

test('each county and month has its own floor: the first case of a month is sampled, whatever the lottery says', async () => {
  const acts = samplingActivities(orm);
  const [first, second] = await applications('220103001001', 2);
  expect(await acts.drawSample({ applicationId: first, at: DEC, rate: 0.3 })).toEqual({ sampled: true });
  await acts.drawSample({ applicationId: second, at: DEC, rate: 0.3 });
  const tally = await orm.em.fork().findOneOrFail(SamplingTally, { id: '220103:2026-12' });
  expect(tally).toMatchObject({ countyCode: '220103', month: '2026-12', cases: 2 });
  expect(tally.sampled).toBeGreaterThanOrEqual(1);
});
