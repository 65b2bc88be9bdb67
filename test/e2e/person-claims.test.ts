import { PersonClaim } from '../../activities/households/person-claim.entity';
import { Member } from '../../activities/households/member.entity';
import { idDigest } from '../../activities/households/personal-data';
import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { Caseworker, waitForCase } from './caseworker';
import { startPlatform, type Platform } from './platform';

/**
 * One person, one open case, enforced by the claims' primary key (on SQLite, or PostgreSQL with DATABASE_URL): intakes
 * naming the same person at once leave exactly one case, and a case that ends without enrolment frees its people.
 */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

test('eight households naming the same person at once: one 201, seven 409 duplicate_application, nothing half-written', async () => {
  const clerk = await platform.as('kc.clerk');
  const shared = applicationBody(DEMO_VILLAGES.district).members[0]!;
  const bodies = Array.from({ length: 8 }, () => {
    const body = applicationBody(DEMO_VILLAGES.district);
    return { ...body, members: [body.members[0]!, { ...shared, relation: 'spouse' }] };
  });
  const answers = await Promise.all(bodies.map((body) => clerk.post('/api/applications', body)));
  expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
  for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe('duplicate_application');

  const winner = answers.find((a) => a.status === 201)!.body.id as string;
  const digest = idDigest(platform.env.PII_DIGEST_KEY, shared.idNumber);
  const em = platform.db.orm.em.fork();
  expect(await em.find(PersonClaim, { idDigest: digest })).toEqual([expect.objectContaining({ applicationId: winner })]);
  // The refused intakes rolled back whole: the shared person is in one household, and only the winner's people hold claims.
  expect(await em.count(Member, { idDigest: digest })).toBe(1);
  const losers = bodies.filter((_, i) => answers[i]!.status === 409).map((b) => idDigest(platform.env.PII_DIGEST_KEY, b.members[0]!.idNumber));
  expect(await em.count(PersonClaim, { idDigest: { $in: losers } })).toBe(0);
  expect(await em.count(Member, { idDigest: { $in: losers } })).toBe(0);
});

test('a household rejected at the township review may apply again; while its case ran it could not', async () => {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  const created = await clerk.post('/api/applications', body);
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  await new Caseworker(clerk).complete(id, 'acceptance', { outcome: 'accept' });
  const detail = await waitForCase(clerk, id, (c) => c.checkReports.length === 1);
  const incomes = detail.household.members.map((m: { id: string }) => ({ memberId: m.id, monthlyIncomeFen: 500_000 }));
  await new Caseworker(await platform.as('kc.investigator')).complete(id, 'home_visit', { recommendation: 'ineligible', disputed: false, incomes, reasonCode: 'income_above_standard', reason: '入户核实收入较高' });
  const during = await clerk.post('/api/applications', body);
  expect(during.status).toBe(409);
  expect(during.body.error.code).toBe('duplicate_application');

  await new Caseworker(await platform.as('kc.reviewer')).complete(id, 'township_review', { outcome: 'reject', reasonCode: 'income_above_standard', reason: '家庭收入高于保障标准' });
  await waitForCase(clerk, id, (c) => c.status === 'rejected');
  const again = await clerk.post('/api/applications', body);
  expect(again.status).toBe(201);
  expect(again.body.id).not.toBe(id);
  expect((await clerk.post('/api/applications', body)).status).toBe(409);
});

test('a household whose application was returned at acceptance may apply again at once', async () => {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  const created = await clerk.post('/api/applications', body);
  const state = await new Caseworker(clerk).complete(created.body.id, 'acceptance', { outcome: 'return', reasonCode: 'not_resident', reason: '户籍不在本辖区' });
  expect(state.case).toMatchObject({ status: 'returned' });
  expect((await clerk.post('/api/applications', body)).status).toBe(201);
});
