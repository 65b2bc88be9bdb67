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
  expect((await investigator.post(path, { fields: ['bankAccount'], reason: '入户核实身份' })).status).toBe(400);
  expect((await investigator.post(path, { fields: ['idNumber'] })).status).toBe(400);

  const auditor = await platform.as('kc.auditor');
  const entries = (await auditor.get(`/api/audit/entries?action=pii_reveal&targetId=${head.id}`)).body.items;
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ actorRole: 'township_investigator', targetType: 'member', after: { applicationId: id, fields: ['idNumber', 'phone'] }, reason: '入户核实身份' });
  expect(JSON.stringify(entries)).not.toContain(idNumber);
  expect(JSON.stringify(entries)).not.toContain(body.phone);
});
