import type { SqlEntityManager } from '@mikro-orm/knex';
import { fakeIdNumber, randomBirthDate } from '../helpers/factories';
import type { Http } from '../helpers/http';
import { startPlatform, type Platform } from './platform';
import { enrolInDistrict, type Enrolled } from './recipients';

/**
 * 数据比对 through HTTP: the checking agency uploads a department's list, the township investigator sees the lead of
 * a live recipient (masked), confirms it once however often the request is sent, and the household's workflow puts an
 * urgent re-review in the inbox; another county sees nothing of it.
 */
let platform: Platform;
let household: Enrolled;
beforeAll(async () => {
  platform = await startPlatform();
  household = await enrolInDistrict(platform, 10_000);
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

async function upload(http: Http, query: string, contentType: string, body: string) {
  const res = await fetch(`${http.baseUrl}/api/comparisons?${query}`, { method: 'POST', headers: { authorization: `Bearer ${http.token}`, 'content-type': contentType }, body });
  return { status: res.status, body: await res.json() };
}

test('a death list: one lead for the recipient, confirmed by the investigator into an urgent re-review', async () => {
  const checker = await platform.as('kc.checker');
  const strangers = [0, 1].map(() => fakeIdNumber('110101', randomBirthDate(1930, 1990)));
  const csv = ['身份证号,死亡日期', `${household.idNumbers[0]},2026-10-01`, ...strangers.map((id) => `${id},2026-09-30`), '不是身份证号,2026-09-29'].join('\n');
  const imported = await upload(checker, 'source=death&regionCode=220103', 'text/csv; charset=utf-8', csv);
  expect(imported.status).toBe(201);
  expect(imported.body).toMatchObject({ status: 'done', source: 'death', records: 4, rejectedRows: 1, matches: 1, leads: 1, pending: 1 });
  expect(JSON.stringify(imported.body)).not.toContain(household.idNumbers[0]);

  const investigator = await platform.as('kc.investigator');
  const leads = (await investigator.get(`/api/comparison-leads?status=pending&importId=${imported.body.id}`)).body.items;
  expect(leads).toHaveLength(1);
  expect(leads[0]).toMatchObject({ householdId: household.householdId, memberId: household.memberIds[0], detail: '死亡日期：2026-10-01', status: 'pending' });
  expect(leads[0].memberName).toMatch(/^.\*+$/);

  const elsewhere = await platform.as('gy.investigator');
  expect((await elsewhere.get('/api/comparison-leads')).body.items).toEqual([]);
  expect((await elsewhere.post(`/api/comparison-leads/${leads[0].id}/decision`, { outcome: 'dismiss', reason: '查无此人' })).status).toBe(404);
  expect((await investigator.post(`/api/comparison-leads/${leads[0].id}/decision`, { outcome: 'confirm' })).body.error.code).toBe('validation_failed');

  const confirmed = await investigator.post(`/api/comparison-leads/${leads[0].id}/decision`, { outcome: 'confirm', reason: '经核实该成员已死亡' });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body).toMatchObject({ status: 'confirmed', taskId: `${household.householdId}:lead:${leads[0].id}` });
  const again = await investigator.post(`/api/comparison-leads/${leads[0].id}/decision`, { outcome: 'confirm', reason: '经核实该成员已死亡' });
  expect(again.body).toMatchObject({ status: 'confirmed', taskId: confirmed.body.taskId });
  expect((await investigator.post(`/api/comparison-leads/${leads[0].id}/decision`, { outcome: 'dismiss', reason: '改判' })).body.error.code).toBe('lead_decided');
  const [raw] = await (platform.db.orm.em.fork() as SqlEntityManager).getKnex()('comparison_leads').where({ id: leads[0].id }).select('reason', 'detail');
  expect(`${raw.reason}${raw.detail}`).not.toMatch(/死亡/);

  const deadline = Date.now() + 20_000;
  let task: any;
  while (!task && Date.now() < deadline) {
    task = (await investigator.get('/api/inbox?step=re_review&pageSize=100')).body.items.find((t: any) => t.id === confirmed.body.taskId);
    if (!task) await new Promise((r) => setTimeout(r, 100));
  }
  expect(task).toBeDefined();
  expect((await investigator.get('/api/inbox?step=re_review&pageSize=100')).body.items.filter((t: any) => t.id === confirmed.body.taskId)).toHaveLength(1);

  const counts = (await checker.get(`/api/comparisons/${imported.body.id}`)).body;
  expect(counts).toMatchObject({ records: 4, matches: 1, leads: 1, confirmed: 1, dismissed: 0, pending: 0 });
  expect((await (await platform.as('gy.checker')).get(`/api/comparisons/${imported.body.id}`)).status).toBe(404);
});

test('a list must say which column holds the ID number, and come as CSV or Excel', async () => {
  const checker = await platform.as('kc.checker');
  const noId = await upload(checker, 'source=vehicle&regionCode=220103', 'text/csv', '姓名,车牌\n张三,吉A12345\n');
  expect(noId.status).toBe(422);
  expect(noId.body.error.issues[0].field).toBe('body');
  const wrongType = await upload(checker, 'source=vehicle&regionCode=220103', 'text/plain', 'x');
  expect(wrongType.status).toBe(400);
  expect(wrongType.body.error.issues[0].field).toBe('content-type');
  expect((await upload(checker, 'source=vehicle&regionCode=320723', 'text/csv', '身份证号\n')).status).toBe(404);
  expect((await upload(checker, 'source=ufo&regionCode=220103', 'text/csv', '身份证号\n')).status).toBe(400);
});
