import ExcelJS from 'exceljs';
import { Application } from '../../activities/application/application.entity';
import { Recipient } from '../../activities/recipients/recipient.entity';
import { Task } from '../../activities/tasks/task.entity';
import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import type { Http } from '../helpers/http';
import { enrolInDistrict, waitForRecipient } from './recipients';
import { startPlatform, type Platform } from './platform';

/**
 * A supervisor's dashboard counts in the database, for the caller's subtree only, and every number opens a list of
 * exactly that many cases (the same predicate counts and lists).
 */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

interface Check {
  label: string;
  expected: number;
  query: Record<string, string>;
}

/** Every number of the dashboard with the drill-down query it links to. */
function numbersOf(dash: any): Check[] {
  const checks: Check[] = [];
  const add = (label: string, expected: number, query: Record<string, string>) => checks.push({ label, expected, query });
  add('open', dash.openTasks.total, { metric: 'open_tasks' });
  for (const s of dash.openTasks.byStep) add(`open ${s.step}`, s.n, { metric: 'open_tasks', step: s.step });
  for (const [name, metric] of [['openTasks', 'open_tasks'], ['overdue', 'overdue_tasks'], ['atRisk', 'at_risk_tasks']] as const) {
    for (const a of dash[name].byArea) add(`${metric} ${a.code}`, a.n, { metric, region: a.code });
  }
  add('overdue', dash.overdue.total, { metric: 'overdue_tasks' });
  add('at risk', dash.atRisk.total, { metric: 'at_risk_tasks' });
  for (const [name, metric] of [['decisionTime', 'decisions'], ['emergencyResponse', 'emergency_response']] as const) {
    add(name, dash[name].total, { metric });
    add(`${name} within`, dash[name].withinLimit, { metric, key: 'within_limit' });
    add(`${name} over`, dash[name].overLimit, { metric, key: 'over_limit' });
    for (const b of dash[name].buckets) add(`${name} ${b.key}`, b.n, { metric, key: b.key });
  }
  for (const o of dash.outcomes) add(`outcome ${o.key}`, o.n, { metric: 'outcomes', key: o.key });
  for (const r of dash.recipients) add(`recipients ${r.key}`, r.n, { metric: 'recipients', key: r.key });
  for (const m of dash.payments.byMonth) add(`paid ${m.month}`, m.n, { metric: 'payments', key: m.month });
  for (const a of dash.payments.byArea) add(`paid ${a.code}`, a.n, { metric: 'payments', key: dash.month, region: a.code });
  return checks;
}

async function drillTotal(http: Http, query: Record<string, string>): Promise<{ total: number; items: unknown[] }> {
  const res = await http.get(`/api/stats/cases?${new URLSearchParams({ ...query, pageSize: '100' })}`);
  expect(res.status).toBe(200);
  return res.body;
}

test('every dashboard number equals the number of cases it drills down to, and equals the database', async () => {
  const enrolled = await enrolInDistrict(platform, 10_000);
  const clerk = await platform.as('kc.clerk');
  await waitForRecipient(clerk, `/api/recipients/${enrolled.householdId}`, (r) => r.status === 'active');
  for (let i = 0; i < 2; i++) expect((await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district))).status).toBe(201);
  const em = platform.db.orm.em.fork();
  // The workflows open their tasks asynchronously (the enrolled case's filing too): wait until the backlog settles.
  for (let i = 0, same = 0, last = -1; i < 100 && same < 4; i++) {
    const now = await em.fork().count(Task, { scopeCounty: '220103', status: 'open' });
    same = now === last && now >= 2 ? same + 1 : 0;
    last = now;
    await new Promise((r) => setTimeout(r, 250));
  }

  const approver = await platform.as('kc.approver');
  const res = await approver.get('/api/stats/dashboard');
  expect(res.status).toBe(200);
  const dash = res.body;
  expect(dash.region).toEqual({ code: '220103', name: expect.any(String), level: 'county' });

  // The database's own counts for the county.
  expect(dash.openTasks.total).toBe(await em.count(Task, { scopeCounty: '220103', status: 'open' }));
  expect(dash.openTasks.total).toBeGreaterThanOrEqual(2);
  const decided = await em.count(Application, { regionPath: { $like: '%/220103/%' }, decidedAt: { $ne: null } });
  expect(dash.decisionTime.total).toBe(decided);
  expect(decided).toBeGreaterThanOrEqual(1);
  const byStatus = Object.fromEntries(dash.recipients.map((r: { key: string; n: number }) => [r.key, r.n]));
  expect(byStatus.active).toBe(await em.count(Recipient, { regionPath: { $like: '%/220103/%' }, status: 'active' }));
  expect(dash.areas.map((a: { code: string }) => a.code)).toContain('220103001');
  expect(dash.openTasks.byArea.reduce((n: number, a: { n: number }) => n + a.n, 0)).toBe(dash.openTasks.total);

  const checks = numbersOf(dash);
  expect(checks.filter((c) => c.expected > 0).length).toBeGreaterThanOrEqual(6);
  for (const check of checks) {
    const list = await drillTotal(approver, check.query);
    expect({ label: check.label, total: list.total }).toEqual({ label: check.label, total: check.expected });
    if (check.expected <= 100) expect({ label: check.label, lines: list.items.length }).toEqual({ label: check.label, lines: check.expected });
  }
  // The approved case is in the approved outcome's list, by its number.
  const approved = await drillTotal(approver, { metric: 'outcomes', key: 'approved' });
  const caseNo = (await em.findOneOrFail(Application, enrolled.applicationId)).caseNo;
  expect(approved.items).toContainEqual(expect.objectContaining({ caseType: 'application', caseId: enrolled.applicationId, caseNo, regionName: expect.any(String) }));
  expect(JSON.stringify(approved.items)).not.toContain(enrolled.idNumbers[0]);
});

test('another county is out of reach; roles without statistics are refused; bad filters are 400', async () => {
  const approver = await platform.as('kc.approver');
  expect((await approver.get('/api/stats/dashboard?region=320723')).status).toBe(404);
  expect((await approver.get('/api/stats/cases?metric=open_tasks&region=320723')).status).toBe(404);
  const gy = await platform.as('gy.auditor');
  const dash = await gy.get('/api/stats/dashboard');
  expect(dash.status).toBe(200);
  expect(dash.body.region.code).toBe('320723');
  expect((await (await platform.as('kc.clerk')).get('/api/stats/dashboard')).status).toBe(403);
  const bad = await approver.get('/api/stats/cases?metric=everything');
  expect(bad.status).toBe(400);
  expect(bad.body.error.issues[0].field).toBe('metric');
  expect((await approver.get('/api/stats/dashboard?month=2026-13')).status).toBe(400);
});

async function workbook(username: string, path: string): Promise<ExcelJS.Worksheet> {
  const login = await platform.http.post('/api/auth/login', { username, password: 'Demo@2026' });
  const res = await fetch(`${platform.http.baseUrl}${path}`, { headers: { authorization: `Bearer ${login.body.accessToken}` } });
  expect({ path, status: res.status }).toEqual({ path, status: 200 });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  return book.worksheets[0]!;
}

test('the inbox, the case list and a number’s cases export as workbooks with one line per item, in Chinese', async () => {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  const created = await clerk.post('/api/applications', body);
  expect(created.status).toBe(201);
  const em = platform.db.orm.em.fork();
  for (let i = 0; i < 100 && (await em.fork().count(Task, { caseId: created.body.id })) < 1; i++) await new Promise((r) => setTimeout(r, 100));

  const inbox = await clerk.get('/api/inbox?pageSize=100');
  const sheet = await workbook('kc.clerk', '/api/inbox/export');
  expect(sheet.getRow(2).values).toEqual([undefined, '案件编号', '类型', '环节', '状态', '地区', '办理期限', '是否超期', '认领']);
  expect(sheet.rowCount).toBe(2 + inbox.body.total);
  expect(sheet.getRow(3).getCell(3).value).toBe('审查受理');
  expect(sheet.getRow(3).getCell(2).value).toBe('低保申请');

  const cases = await clerk.get('/api/applications?pageSize=100');
  const list = await workbook('kc.clerk', '/api/applications/export');
  expect(list.rowCount).toBe(2 + cases.body.total);
  const text = JSON.stringify(list.getSheetValues());
  expect(text).not.toContain(body.members[0]!.idNumber);
  expect(text).not.toMatch(/in_progress|acceptance/);

  const approver = await platform.as('kc.approver');
  const drilled = await approver.get('/api/stats/cases?metric=outcomes&key=in_progress');
  const drillSheet = await workbook('kc.approver', '/api/stats/cases/export?metric=outcomes&key=in_progress');
  expect(drillSheet.rowCount).toBe(2 + drilled.body.total + 1);
  expect(drillSheet.getRow(3).getCell(4).value).toBe('办理中');
  const csv = await fetch(`${platform.http.baseUrl}/api/stats/cases/export?metric=open_tasks&format=csv`, { headers: { authorization: `Bearer ${(await platform.http.post('/api/auth/login', { username: 'kc.approver', password: 'Demo@2026' })).body.accessToken}` } });
  const lines = Buffer.from(await csv.arrayBuffer()).subarray(3).toString('utf8').trim().split('\r\n');
  expect(lines).toHaveLength(1 + (await approver.get('/api/stats/cases?metric=open_tasks')).body.total + 1);
  expect((await clerk.get('/api/stats/cases/export?metric=open_tasks')).status).toBe(403);
  expect((await approver.get('/api/stats/cases/export?metric=open_tasks&region=320723')).status).toBe(404);
});
