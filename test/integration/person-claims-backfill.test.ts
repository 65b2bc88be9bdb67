import { randomUUID } from 'node:crypto';
import { Application } from '../../activities/application/application.entity';
import { Household } from '../../activities/households/household.entity';
import { Member } from '../../activities/households/member.entity';
import { PersonClaim } from '../../activities/households/person-claim.entity';
import { Recipient } from '../../activities/recipients/recipient.entity';
import type { RecipientStatus } from '../../workflows/recipient/definitions';
import type { CaseStatus } from '../../workflows/application/definitions';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/**
 * The person_claims migration on data written before it (SQLite, or PostgreSQL with DATABASE_URL): the table is dropped
 * and the migration run again over households in every state, as an installation upgrading would run it.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const MIGRATION = 'Migration20261130210939_person_claims_load';
let submitted = Date.parse('2026-01-01T00:00:00Z');

async function household(digests: string[], status: CaseStatus, recipient?: RecipientStatus): Promise<string> {
  const em = db.orm.em.fork();
  const id = randomUUID();
  const h = new Household({ id, regionCode: '220103001001', regionPath: '22/2201/220103/220103001/220103001001', area: 'urban', address: '柳影路1号', phone: null });
  digests.forEach((idDigest, position) => h.members.add(new Member({ id: randomUUID(), position, name: '测试', idNumber: '220103199001011234', idDigest, relation: position === 0 ? 'head' : 'child', birthDate: '1990-01-01', declaredMonthlyIncomeFen: 0, disabilityGrade: null })));
  const app = new Application({ id: randomUUID(), caseNo: `DB-${id.slice(0, 12)}`, householdId: id, regionCode: h.regionCode, regionPath: h.regionPath, policySnapshotId: 'snap', missingDocuments: [], relativeOfStaff: false, submittedById: 'u', submittedAt: new Date((submitted += 60_000)) });
  app.status = status;
  em.persist([h, app]);
  if (recipient) {
    const r = new Recipient({ id: randomUUID(), householdId: id, applicationId: app.id, program: 'dibao', regionCode: h.regionCode, regionPath: h.regionPath, monthlyBenefitFen: 1, basis: 'household', membersCounted: 1, startMonth: '2026-01', policySnapshotId: 'snap', category: 'other', createdAt: new Date() });
    r.status = recipient;
    em.persist(r);
  }
  await em.flush();
  return app.id;
}

test('claims are back-filled for cases in progress and live enrolments only, one per person', async () => {
  const open = await household(['d-open-1', 'd-open-2'], 'in_progress');
  const enrolled = await household(['d-enrolled'], 'approved', 'suspended');
  await household(['d-ended'], 'approved', 'terminated');
  await household(['d-rejected'], 'rejected');
  // A person in two live households (data older than claims) keeps one claim, the earlier case's.
  await household(['d-open-1'], 'in_progress');

  const connection = db.orm.em.getConnection();
  await connection.execute('drop table person_claims');
  await connection.execute(`delete from mikro_orm_migrations where name = '${MIGRATION}'`);
  await db.orm.getMigrator().up();

  const claims = await db.orm.em.fork().find(PersonClaim, {}, { orderBy: { idDigest: 'asc' } });
  expect(claims.map((c) => [c.idDigest, c.applicationId])).toEqual([
    ['d-enrolled', enrolled],
    ['d-open-1', open],
    ['d-open-2', open],
  ]);
});
