import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { startPlatform, type Platform } from './platform';

/** 查看明文: masked by default; permitted roles in the subtree reveal a member's data, and every reveal is audited. */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

test('an investigator reveals an ID number and phone with a reason; others are refused; the audit names fields, not values', async () => {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  const id = (await clerk.post('/api/applications', body)).body.id;
  const detail = (await clerk.get(`/api/applications/${id}`)).body;
  const head = detail.household.members[0];
  const idNumber: string = body.members[0]!.idNumber;
  expect(JSON.stringify(detail)).not.toContain(idNumber);
  expect(head.idNumber).not.toBe(idNumber);

  const path = `/api/applications/${id}/members/${head.id}/reveal`;
  const request = { fields: ['idNumber', 'phone'], reason: '入户核实身份' };
  const investigator = await platform.as('kc.investigator');
  const revealed = await investigator.post(path, request);
  expect(revealed.status).toBe(200);
  expect(revealed.body).toEqual({ memberId: head.id, idNumber, phone: body.phone });

  expect((await clerk.post(path, request)).status).toBe(403);
  expect((await (await platform.as('gy.investigator')).post(path, request)).status).toBe(404);
  expect((await investigator.post(path, { fields: ['income'], reason: '入户核实身份' })).status).toBe(400);
  expect((await investigator.post(path, { fields: ['idNumber'] })).status).toBe(400);

  const auditor = await platform.as('kc.auditor');
  const entries = (await auditor.get(`/api/audit/entries?action=pii_reveal&targetId=${head.id}`)).body.items;
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ actorRole: 'township_investigator', targetType: 'member', after: { applicationId: id, fields: ['idNumber', 'phone'] }, reason: '入户核实身份' });
  expect(JSON.stringify(entries)).not.toContain(idNumber);
  expect(JSON.stringify(entries)).not.toContain(body.phone);
});

test('a disability grade and the bank account are masked in the case and revealed only with an audited reason', async () => {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district, { members: [{ relation: 'head', disabilityGrade: 1 }] });
  const account = body.bankAccount.accountNumber;
  const id = (await clerk.post('/api/applications', body)).body.id;
  const detail = (await clerk.get(`/api/applications/${id}`)).body;
  const head = detail.household.members[0];
  expect(head).toMatchObject({ disabilityGrade: '*', singleEnrolmentCandidate: true });
  expect(detail.household.bankAccount).toEqual({ bankName: body.bankAccount.bankName, accountNumber: `****${account.slice(-4)}` });
  expect(JSON.stringify(detail)).not.toContain(account.slice(0, -4));

  const path = `/api/applications/${id}/members/${head.id}/reveal`;
  const reviewer = await platform.as('kc.reviewer');
  const revealed = await reviewer.post(path, { fields: ['disabilityGrade', 'bankAccount'], reason: '核对代发账户' });
  expect(revealed.status).toBe(200);
  expect(revealed.body).toEqual({ memberId: head.id, disabilityGrade: 1, bankAccount: account });
  const entries = (await (await platform.as('kc.auditor')).get(`/api/audit/entries?action=pii_reveal&targetId=${head.id}`)).body.items;
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ after: { applicationId: id, fields: ['bankAccount', 'disabilityGrade'] }, reason: '核对代发账户' });
  expect(JSON.stringify(entries)).not.toContain(account);
});

test('a malformed bank account is refused at intake, naming the field', async () => {
  const clerk = await platform.as('kc.clerk');
  const body = { ...applicationBody(DEMO_VILLAGES.district), bankAccount: { bankName: '农行', accountNumber: '6228-12AB' } };
  const res = await clerk.post('/api/applications', body);
  expect(res.status).toBe(400);
  expect(res.body.error.issues).toEqual([expect.objectContaining({ field: 'bankAccount.accountNumber' })]);
});

test('reveals are limited per user and hour: the next one is 429 reveal_limit and an audit alert; others are unaffected', async () => {
  const clerk = await platform.as('kc.clerk');
  const id = (await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district))).body.id;
  const member = (await clerk.get(`/api/applications/${id}`)).body.household.members[0];
  const path = `/api/applications/${id}/members/${member.id}/reveal`;
  const request = { fields: ['idNumber'], reason: '逐户核对' };
  await platform.addUser('kc.reviewer3', 'township_reviewer', '220103001');
  const reviewer = await platform.as('kc.reviewer3');
  for (let i = 0; i < platform.env.REVEAL_LIMIT_PER_HOUR; i += 1) expect((await reviewer.post(path, request)).status).toBe(200);
  const refused = await reviewer.post(path, request);
  expect(refused.status).toBe(429);
  expect(refused.body.error).toMatchObject({ code: 'reveal_limit', retryAfterSeconds: expect.any(Number) });
  expect(refused.body.idNumber).toBeUndefined();
  expect((await (await platform.as('kc.approver')).post(path, request)).status).toBe(200);
  const alerts = (await (await platform.as('kc.auditor')).get('/api/audit/entries?action=pii_reveal_limited')).body.items;
  expect(alerts).toEqual([expect.objectContaining({ actorRole: 'township_reviewer', after: expect.objectContaining({ applicationId: id, limit: platform.env.REVEAL_LIMIT_PER_HOUR }) })]);
});
