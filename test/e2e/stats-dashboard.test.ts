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
  // Both new applications have their first task before the dashboard is read.
  for (let i = 0; i < 100 && (await em.fork().count(Task, { scopeCounty: '220103', status: 'open' })) < 2; i++) await new Promise((r) => setTimeout(r, 100));

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
