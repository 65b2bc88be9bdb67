import fc from 'fast-check';
import { ROLES, type Role } from '../../workflows/domain/roles';
import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { bodyFor, pathParam, type JsonSchema } from './fuzz-arbitraries';
import { startPlatform, type Platform } from './platform';

/**
 * 模糊测试: thousands of generated bad requests over every route of the OpenAPI document, as every role and as
 * nobody. Generators are built from each operation's documented request schema (fuzz-arbitraries.ts), seeded and
 * bounded so a run takes about a minute. Fails on any 5xx, any response that echoes a secret (JWT secret, digest key,
 * field keys), or a seeded person's data in clear outside the audited reveal route.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_130);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_500);

let platform: Platform;
const tokens = new Map<Role | 'anonymous', string | undefined>();
let known: string[] = [];
let personal: string[] = [];
beforeAll(async () => {
  platform = await startPlatform();
  const USERNAMES: Partial<Record<Role, string>> = {
    village_assistant: 'kc.village', township_clerk: 'kc.clerk', township_investigator: 'kc.investigator', checking_agency: 'kc.checker', township_reviewer: 'kc.reviewer',
    county_approver: 'kc.approver', payment_officer: 'kc.payment', administrator: 'kc.admin', auditor: 'kc.auditor', security_admin: 'kc.security', supervisor: 'kc.leader', medical_officer: 'kc.medical',
  };
  await platform.addUser('kc.applicant', 'applicant', DEMO_VILLAGES.district);
  USERNAMES.applicant = 'kc.applicant';
  for (const role of ROLES) tokens.set(role, (await platform.as(USERNAMES[role]!)).token);
  tokens.set('anonymous', undefined);
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  body.address = '柳影路18号院3栋2单元401';
  const created = await clerk.post('/api/applications', body);
  const detail = (await clerk.get(`/api/applications/${created.body.id}`)).body;
  known = [created.body.id, detail.household.id, ...detail.household.members.map((m: any) => m.id), '220103', '220103001', DEMO_VILLAGES.district];
  personal = [...body.members.flatMap((m) => [m.idNumber, m.name]), body.address, body.bankAccount.accountNumber, body.phone];
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

interface Operation {
  method: string;
  path: string;
  schema?: JsonSchema;
}

function operations(doc: any): Operation[] {
  return Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, schema: op.requestBody?.content?.['application/json']?.schema as JsonSchema | undefined })),
  );
}

/** Secrets a response must never carry: the token key, the digest key and every field-encryption key. */
function secrets(): string[] {
  const keys = platform.env.PII_ENCRYPTION_KEYS.split(',').map((k) => k.split(':')[1]!).filter(Boolean);
  return [platform.env.JWT_SECRET, platform.env.PII_DIGEST_KEY, ...keys];
}

test('generated bad requests over every route and role never get a 5xx, a secret or personal data in clear', async () => {
  const docs = await platform.http.get('/api/docs-json');
  const ops = operations(docs.body);
  expect(ops.length).toBeGreaterThan(50);
  const who = fc.constantFrom<Role | 'anonymous'>(...ROLES, 'anonymous');
  const request = fc
    .constantFrom(...ops)
    .chain((op) => {
      const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      return fc.record({ op: fc.constant(op), who, params: fc.tuple(...names.map(() => pathParam(known))), body: bodyFor(op.schema), query: fc.option(fc.constantFrom('?page=-1', '?pageSize=1e9', '?status=%00', '?month=2026-02-30', '?x[y][z]=1', '?page=abc&page=2')) });
    });
  const failures: string[] = [];
  const hidden = secrets();
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(request, async ({ op, who: role, params, body, query }) => {
      let i = 0;
      const path = op.path.replace(/\{\w+\}/g, () => params[i++]!) + (query ?? '');
      const token = tokens.get(role);
      const res = await fetch(`${platform.http.baseUrl}${path}`, {
        method: op.method,
        headers: { ...(body.raw === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: op.method === 'GET' || op.method === 'HEAD' ? undefined : body.raw,
      });
      const text = await res.text();
      sent += 1;
      const label = `${op.method} ${path.slice(0, 120)} as ${role}: ${res.status}`;
      if (res.status >= 500) failures.push(`${label} ${text.slice(0, 200)}`);
      if (hidden.some((s) => text.includes(s))) failures.push(`${label} echoes a secret`);
      if (!op.path.endsWith('/reveal') && personal.some((p) => text.includes(p))) failures.push(`${label} carries personal data in clear`);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  expect(sent).toBe(RUNS);
  expect(failures).toEqual([]);
}, 600_000);
