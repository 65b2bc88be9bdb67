import { randomUUID } from 'node:crypto';
import { Application } from '../../activities/application/application.entity';
import { Recipient } from '../../activities/recipients/recipient.entity';
import { Task } from '../../activities/tasks/task.entity';
import { User } from '../../activities/identity/user.entity';
import { PolicyVersion } from '../../activities/regions/policy-version.entity';
import { PERMISSIONS, permissionFor, roleAllowed } from '../../apps/api/auth/permissions';
import { ROLES, type Role } from '../../workflows/domain/roles';
import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import type { Http, HttpResult } from '../helpers/http';
import { startPlatform, type Platform } from './platform';

/**
 * Every route of the OpenAPI document, called by a user of every role in two regions, aimed at the other region's
 * case, task, user or region: the route must be in the permission table, a role outside it gets 403, a role inside
 * it gets 404 for another region's things, and no answer carries the other region's ID numbers.
 */

interface RegionFixture {
  county: string;
  township: string;
  village: string;
  prefix: string;
  applicationId: string;
  /** The application's household, also enrolled as a recipient directly in the database for the recipient routes. */
  householdId: string;
  taskId: string;
  clerkId: string;
  policyVersionId: string;
  batchId: string;
  idNumbers: string[];
  users: Map<Role, Http>;
}

const USERS: Record<Role, string> = {
  applicant: 'applicant', village_assistant: 'village', township_clerk: 'clerk', township_investigator: 'investigator', checking_agency: 'checker',
  township_reviewer: 'reviewer', county_approver: 'approver', payment_officer: 'payment', administrator: 'admin', auditor: 'auditor',
  security_admin: 'security', medical_officer: 'medical', supervisor: 'leader',
};

let platform: Platform;
let kc: RegionFixture;
let gy: RegionFixture;

async function region(prefix: string, county: string, township: string, village: string): Promise<RegionFixture> {
  await platform.addUser(`${prefix}.applicant`, 'applicant', village);
  const users = new Map<Role, Http>();
  for (const role of ROLES) users.set(role, await platform.as(`${prefix}.${USERS[role]}`));
  const body = applicationBody(village);
  const created = await users.get('township_clerk')!.post('/api/applications', body);
  expect(created.status).toBe(201);
  const applicationId = created.body.id as string;
  const em = platform.db.orm.em.fork();
  let task: Task | null = null;
  for (let i = 0; i < 200 && !task; i += 1) {
    task = await em.fork().findOne(Task, { caseType: 'application', caseId: applicationId });
    if (!task) await new Promise((r) => setTimeout(r, 100));
  }
  const application = await em.findOneOrFail(Application, applicationId);
  await em.persistAndFlush(
    new Recipient({
      id: randomUUID(), householdId: application.householdId, applicationId, program: 'dibao', regionCode: application.regionCode, regionPath: application.regionPath,
      monthlyBenefitFen: 10_000, basis: 'household', membersCounted: 2, startMonth: '2026-11', policySnapshotId: application.policySnapshotId, createdAt: new Date(),
    }),
  );
  const clerk = await em.findOneOrFail(User, { username: `${prefix}.clerk` });
  const version = await em.findOneOrFail(PolicyVersion, { scope: county });
  // A month no other test file runs: payment-run workflow ids are per county and month on the shared dev server.
  const run = await users.get('payment_officer')!.post('/api/payments/runs', { countyCode: county, month: '2026-07' });
  expect(run.status).toBe(201);
  return {
    county, township, village, prefix, applicationId, householdId: application.householdId, taskId: task!.id, clerkId: clerk.id,
    policyVersionId: version.id, batchId: run.body.id, idNumbers: body.members.map((m) => m.idNumber), users,
  };
}

beforeAll(async () => {
  platform = await startPlatform();
  kc = await region('kc', '220103', '220103001', DEMO_VILLAGES.district);
  gy = await region('gy', '320723', '320723100', DEMO_VILLAGES.county);
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

/** The path with placeholders pointing at the other region's things. */
function target(path: string, other: RegionFixture): string {
  const id = path.startsWith('/api/tasks/')
    ? other.taskId
    : path.startsWith('/api/admin/users/')
      ? other.clerkId
      : path.startsWith('/api/admin/policy-versions/')
        ? other.policyVersionId
        : path.startsWith('/api/payments/runs/')
          ? other.batchId
          : other.applicationId;
  return path
    .replace('{code}', other.county)
    .replace('{village}', other.village)
    .replace('{year}', '2026')
    .replace('{householdId}', other.householdId)
    .replace(/\{(id|a|b|memberId)\}/g, id);
}

/** A minimal body that passes validation, so the answer shows the scoping and not the schema. */
function body(key: string, other: RegionFixture): unknown {
  const reason = '核查';
  const bodies: Record<string, unknown> = {
    'POST /api/applications': applicationBody(other.village),
    'POST /api/applications/{id}/objections': { content: '异议' },
    'POST /api/applications/{id}/members/{memberId}/reveal': { fields: ['idNumber'], reason },
    'POST /api/admin/kin-register': { staffName: 'x', staffKind: 'caseworker', regionCode: other.township, relativeIdNumber: other.idNumbers[0], relation: 'sibling', reason },
    'POST /api/tasks/{id}/complete': { step: 'acceptance', outcome: 'accept' },
    'POST /api/admin/regions/{code}/move-cases': { step: 'acceptance', reason },
    'POST /api/admin/regions/{code}/policy-versions': { override: {}, effectiveFrom: '2099-12-01', reason },
    'POST /api/admin/policy-versions/{id}/approve': { reason },
    'POST /api/admin/policy-versions/{id}/reject': { reason },
    'POST /api/admin/dry-run': { regionCode: other.county, date: '2026-11-23' },
    'POST /api/admin/users': { username: `matrix.${Math.random().toString(36).slice(2, 10)}`, displayName: 'x', password: 'a-long-password-1', role: 'township_clerk', regionCode: other.township },
    'POST /api/admin/users/{id}/role': { role: 'auditor', reason },
    'POST /api/admin/users/{id}/region': { regionCode: other.township, reason },
    'POST /api/recipients/{householdId}/changes': { kind: 'income', reportedBy: 'household', incomes: [{ memberId: other.householdId, monthlyIncomeFen: 0 }], account: '收入变化' },
    'POST /api/recipients/{householdId}/complaints': { channel: 'phone', content: '举报' },
    'POST /api/recipients/{householdId}/suspend': { reasonCode: 'review_pending', reason },
    'POST /api/recipients/{householdId}/resume': { reasonCode: 'other', reason },
    'POST /api/recipients/{householdId}/terminate': { reasonCode: 'moved_away', reason },
    'POST /api/admin/regions/{code}/standard-changes': { effectiveMonth: '2026-12', standards: { urbanFen: 90_000, ruralFen: 70_000 }, reason },
    'POST /api/admin/regions/{code}/re-review-campaigns': { from: '2026-01-01', to: '2099-12-31', reason },
    'POST /api/admin/users/{id}/suspend': { reason },
    'POST /api/admin/users/{id}/reactivate': { reason },
    'POST /api/admin/users/{id}/password-reset': { reason },
    'POST /api/admin/role-grants/{id}/approve': { reason },
    'POST /api/admin/role-grants/{id}/reject': { reason },
    'POST /api/emergency-requests': { householdId: other.householdId, eventType: 'fire', peopleAffected: 2, amountAskedFen: 100_000, eventDescription: '火灾', need: '临时住所' },
    'POST /api/emergency-requests/{id}/referrals': { kind: 'medical', department: 'medical_security' },
    'POST /api/referrals/{id}/accept': { reason },
    'POST /api/referrals/{id}/close': { reason },
    'POST /api/referrals/{id}/payments': { invoiceNo: 'INV-1', eligibleExpenseFen: 100_000 },
    'POST /api/emergency/reserve/{code}/top-ups': { amountFen: 100_000, reference: 'V-1' },
    'POST /api/admin/regions/{code}/reserve-funding': { year: 2026 },
    'POST /api/payments/runs': { countyCode: other.county, month: '2026-12' },
    'POST /api/payments/recovery-plans/{id}/repayments': { amountFen: 100, reason },
    'POST /api/payments/recovery-plans/{id}/method': { method: 'repay', reason },
    'POST /api/payments/households/{householdId}/bank-account': { bankName: '中国农业银行测试支行', bankAccount: '6228480000000000001', reason },
    'POST /api/comparison-leads/{id}/decision': { outcome: 'dismiss', reason },
    'POST /api/notices/{id}/services': { method: 'post', receivedBy: 'applicant', servedAt: '2026-11-01T10:00:00+08:00' },
    'POST /api/inbox/claims': { taskIds: [other.taskId] },
    'POST /api/tekun/cases/{id}/end': { reason: 'death', effectiveMonth: '2099-01', note: '病故' },
    'POST /api/tekun/assessments': {
      regionCode: other.village,
      person: { age: 80, monthlyIncomeFen: 0, assetsWithinLimits: true, supporters: [] },
      selfCare: { eating: true, dressing: true, transferring: true, toileting: true, indoor_walking: true, bathing: true },
      arrangement: { mode: 'dispersed' },
    },
  };
  return bodies[key];
}

/**
 * Routes that act on the caller's own work or token and name nothing by path: they may succeed, but only inside the
 * caller's region (take-next never hands out the other region's task, a bulk claim of it is not_found per task).
 */
const OWN_WORK: Record<string, (res: HttpResult, other: RegionFixture) => boolean> = {
  'POST /api/auth/refresh': (res) => res.status === 200,
  'POST /api/inbox/take-next': (res, other) => res.status === 404 || (res.status === 200 && !String(res.body.regionCode).startsWith(other.county)),
  'POST /api/inbox/claims': (res) => res.status === 200 && res.body.results.every((r: { code?: string }) => r.code === 'not_found'),
};

async function pool<T>(jobs: (() => Promise<T>)[], size: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  }));
  return results;
}

test('every route is in the table; other roles get 403; other regions get 404 and none of their ID numbers', async () => {
  const docs = await platform.http.get('/api/docs-json');
  const routes = Object.entries(docs.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path, key: `${method.toUpperCase()} ${path}` })),
  );
  expect(routes.filter((r) => !permissionFor(r.key)).map((r) => r.key)).toEqual([]);
  expect(routes.map((r) => r.key).sort()).toEqual(Object.keys(PERMISSIONS).sort());

  const failures: string[] = [];
  const jobs = routes.flatMap((route) =>
    [[kc, gy], [gy, kc]].flatMap(([own, other]) =>
      ROLES.map((role) => async () => {
        const permission = permissionFor(route.key)!;
        if (permission.roles === 'public') return;
        const res: HttpResult = await own.users.get(role)!.request(route.method, target(route.path, other), body(route.key, other));
        const who = `${route.key} as ${own.prefix}.${USERS[role]} (${role}): ${res.status}`;
        // A bulk claim repeats the task ids it was given (answered not_found): an echo, not a reveal.
        const text = JSON.stringify(res.body ?? '').split(route.key === 'POST /api/inbox/claims' ? other.taskId : '\u0000').join('');
        if (other.idNumbers.some((n) => text.includes(n)) || ((text.includes(other.applicationId) || text.includes(other.householdId)) && res.status !== 404)) failures.push(`${who} reveals the other region`);
        if (!roleAllowed(permission, role)) {
          if (res.status !== 403) failures.push(`${who}, expected 403`);
        } else if (res.status === 403 || res.status >= 500) {
          failures.push(`${who}, expected the role to be allowed`);
        } else if (route.path.includes('{') && permission.scope === 'region-subtree') {
          if (res.status !== 404) failures.push(`${who}, expected 404`);
        } else if (OWN_WORK[route.key]) {
          if (!OWN_WORK[route.key]!(res, other)) failures.push(`${who}, expected the caller's own work only`);
        } else if (route.method !== 'GET' && [200, 201, 409].includes(res.status)) {
          failures.push(`${who}, expected a refusal for another region's data`);
        }
      }),
    ),
  );
  await pool(jobs, 8);
  expect(failures).toEqual([]);
}, 120_000);
