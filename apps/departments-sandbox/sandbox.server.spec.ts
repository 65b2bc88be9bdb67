import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEPARTMENT_SOURCES,
  DepartmentProtocolError,
  DepartmentUnavailableError,
  type DepartmentRecord,
  type DepartmentSource,
} from '../../activities/departments/departments.port';
import { buildCheckReport, depositLimitFen } from '../../activities/departments/check-report';
import { HttpDepartmentsClient } from '../../activities/departments/http-departments.client';
import { idNumberCheckDigit } from '../../activities/departments/id-number';
import { DEMO_PEOPLE } from '../../activities/departments/sandbox/demo-people';
import { loadRecords } from './main';
import { createSandboxServer, type SandboxServer } from './sandbox.server';

function id(seq: number): string {
  const first17 = `21120219700101${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckDigit(first17);
}

const [ME, SPOUSE, HIDDEN, STRANGER] = [id(11), id(22), id(33), id(44)];

/** One record of every source for the applicant and a stranger, plus a registry household of three. */
function fixtures(): DepartmentRecord[] {
  const perPerson = (idNumber: string): DepartmentRecord[] => [
    { source: 'vehicles', idNumber, plate: '辽M·00001', kind: 'car', valueFen: 1_000_000 },
    { source: 'real_estate', idNumber, certificateNo: '辽(2019)铁岭市不动产权第0000001号', areaM2: 60, use: 'residential' },
    { source: 'business_registration', idNumber, enterprise: '示例有限公司', role: 'shareholder', registeredCapitalFen: 100 },
    { source: 'tax', idNumber, monthlyIncomeFen: 300_000, payer: '示例有限公司' },
    { source: 'social_insurance', idNumber, status: 'employed', monthlyIncomeFen: 280_000 },
    { source: 'housing_fund', idNumber, monthlyDepositFen: 20_000 },
    { source: 'banks', idNumber, bank: '示例银行', balanceFen: 50_000 },
  ];
  const registry = (idNumber: string, householdNo: string, relation: string): DepartmentRecord => ({
    source: 'household_registry', idNumber, householdNo, name: '某某', relation,
  });
  return [
    ...perPerson(ME), ...perPerson(STRANGER),
    registry(ME, 'H-1', '户主'), registry(SPOUSE, 'H-1', '配偶'), registry(HIDDEN, 'H-1', '子'), registry(STRANGER, 'H-2', '户主'),
  ];
}

type ErrorBody = { error: { code: string; field?: string } };

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('departments sandbox over HTTP', () => {
  let sandbox: SandboxServer;
  let url: string;
  let client: HttpDepartmentsClient;
  const logLines: string[] = [];

  beforeEach(async () => {
    logLines.length = 0;
    sandbox = createSandboxServer({ records: fixtures(), log: (line) => logLines.push(line) });
    ({ url } = await sandbox.listen(0));
    client = new HttpDepartmentsClient({ baseUrl: url, timeoutMs: 5_000 });
  });
  afterEach(() => sandbox.close());

  it('answers health', async () => {
    const res = await fetch(`${url}/v1/health`);
    expect([res.status, await res.json()]).toEqual([200, { status: 'ok' }]);
  });

  it.each(DEPARTMENT_SOURCES.filter((s) => s !== 'household_registry'))('%s: exactly the records of the people asked', async (source) => {
    const expected = fixtures().filter((r) => r.source === source && r.idNumber === ME);
    expect(expected).toHaveLength(1);
    expect(await client.query(source, [ME, SPOUSE])).toEqual(expected);
    expect(await client.query(source, [SPOUSE])).toEqual([]);
  });

  it('household_registry: every registered member of the asked people\'s households, none of others', async () => {
    const records = await client.query('household_registry', [ME, SPOUSE, ME]);
    expect(records.map((r) => r.idNumber).sort()).toEqual([ME, SPOUSE, HIDDEN].sort());
  });

  it('stages records through the admin route and through addRecords', async () => {
    const car: DepartmentRecord = { source: 'vehicles', idNumber: SPOUSE, plate: '辽M·00002', kind: 'truck', valueFen: 7 };
    const res = await post(`${url}/v1/admin/records`, { records: [car] });
    expect([res.status, await res.json()]).toEqual([201, { added: 1 }]);
    sandbox.addRecords([{ ...car, plate: '辽M·00003' }]);
    expect((await client.query('vehicles', [SPOUSE])).map((r) => (r.source === 'vehicles' ? r.plate : ''))).toEqual(['辽M·00002', '辽M·00003']);
    expect(() => sandbox.addRecords([{ ...car, valueFen: 1.5 }])).toThrow();
  });

  it('serves the shipped demo records: each demo household raises the flag it was seeded for, and only that', async () => {
    const demo = createSandboxServer({ records: loadRecords() });
    const departments = new HttpDepartmentsClient({ baseUrl: (await demo.listen(0)).url });
    /** The economic check as the activity will run it: 8 queries, then the report. Declared income by name, default 0. */
    const check = async (names: string[], declared: Record<string, number> = {}) => {
      const members = names.map((name) => {
        const person = DEMO_PEOPLE.find((p) => p.name === name);
        return { memberId: name, idNumber: person?.idNumber ?? '', declaredMonthlyIncomeFen: declared[name] ?? 0 };
      });
      const ids = members.map((m) => m.idNumber);
      const records = (await Promise.all(DEPARTMENT_SOURCES.map((s) => departments.query(s, ids)))).flat();
      const limits = { depositLimitFen: depositLimitFen(83_000, members.length, 24), vehiclesAllowed: 0, extraPropertiesAllowed: 0 };
      return buildCheckReport({ members, records, limits });
    };
    try {
      expect((await check(['王秀兰', '王小军'])).flags).toEqual([]);
      expect((await check(['刘建国', '张丽'])).flags).toEqual(['vehicle_owned']);
      expect(await check(['赵志强'])).toMatchObject({ flags: ['income_above_declared'], incomeFoundFen: 420_000 });
      expect((await check(['陈桂芬'], { 陈桂芬: 180_000 })).flags).toEqual(['deposits_above_limit']);
      // 单人保: the disabled son applies alone; the registry shows his parents, as the reviewer expects.
      expect((await check(['李明'])).flags).toEqual(['registry_mismatch']);
      expect((await check(['李大海', '孙玉梅', '李明'], { 李大海: 450_000 })).flags).toEqual([]);
      expect((await check(['周淑珍', '吴婷'])).flags).toEqual(['registry_mismatch']);
    } finally {
      await demo.close();
    }
  });

  it('unknown source: the client fails with a clear, non-retryable error', async () => {
    const error = await client.query('pets' as DepartmentSource, [ME]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentProtocolError);
    expect(error).toMatchObject({ name: 'DepartmentProtocolError', source: 'pets', status: 404, code: 'unknown_source' });
    expect((error as Error).message).toContain('pets');
  });

  it('400 names the field and rule, without the ID number', async () => {
    const badCheck = ME.slice(0, 17) + (ME[17] === '0' ? '1' : '0');
    const error = await client.query('tax', [ME, badCheck]).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: 'invalid_request', field: 'idNumbers.1', rule: 'not a valid resident ID number' });
    expect((error as Error).message).toContain('idNumbers.1');
    expect((error as Error).message).not.toContain(badCheck);

    const missing = await post(`${url}/v1/sources/tax/query`, { ids: [ME] });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as ErrorBody).error).toMatchObject({ code: 'invalid_request', field: 'idNumbers' });
    const notJson = await post(`${url}/v1/sources/tax/query`, '{"idNumbers": [');
    expect([notJson.status, ((await notJson.json()) as ErrorBody).error.code]).toEqual([400, 'invalid_request']);
  });

  it('an injected outage answers 503 for that source only, then recovers', async () => {
    const res = await post(`${url}/v1/admin/outage`, { source: 'banks', count: 2 });
    expect(res.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const error = await client.query('banks', [ME]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DepartmentUnavailableError);
      expect(error).toMatchObject({ name: 'DepartmentUnavailableError', source: 'banks', status: 503 });
      expect(await client.query('tax', [ME])).toHaveLength(1);
    }
    expect(await client.query('banks', [ME])).toHaveLength(1);
  });

  it('logs requests without ID numbers, even one put in a URL', async () => {
    await client.query('tax', [ME]);
    await post(`${url}/v1/sources/${ME}/query`, { idNumbers: [ME] });
    expect(logLines).toHaveLength(2);
    expect(logLines[0]).toMatch(/^POST \/v1\/sources\/tax\/query 200 \d+ms$/);
    expect(logLines.join('\n')).not.toContain(ME);
  });

  it('a refused connection is DepartmentUnavailableError without a status', async () => {
    await sandbox.close();
    const error = await client.query('tax', [ME]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentUnavailableError);
    expect(error).toMatchObject({ status: undefined, message: expect.stringContaining('network error') });
    expect((error as Error).message).not.toContain(ME);
  });
});

describe('HttpDepartmentsClient against misbehaving departments', () => {
  let server: Server;
  let url: string;
  /** What the fake department does with the next request; `undefined` means never answer. */
  let reply: { status: number; body: unknown } | undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      if (reply) res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('times out with DepartmentUnavailableError when the department never answers', async () => {
    reply = undefined;
    const started = Date.now();
    const error = await new HttpDepartmentsClient({ baseUrl: url, timeoutMs: 200 }).query('vehicles', [ME]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentUnavailableError);
    expect((error as Error).message).toBe('department source "vehicles" unavailable: no answer within 200 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('refuses records about people not asked about, or of another source', async () => {
    const client = new HttpDepartmentsClient({ baseUrl: url });
    reply = { status: 200, body: { records: [{ source: 'tax', idNumber: STRANGER, monthlyIncomeFen: 1, payer: 'x' }] } };
    await expect(client.query('tax', [ME])).rejects.toMatchObject({ code: 'invalid_response', field: 'records.0.idNumber' });
    await expect(client.query('banks', [STRANGER])).rejects.toMatchObject({ code: 'invalid_response', field: 'records.0.source' });
  });

  it('refuses an answer that breaks the schema, naming the field', async () => {
    reply = { status: 200, body: { records: [{ source: 'banks', idNumber: ME, bank: 'x', balanceFen: 10.5 }] } };
    const error = await new HttpDepartmentsClient({ baseUrl: url }).query('banks', [ME]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DepartmentProtocolError);
    expect(error).toMatchObject({ status: 200, code: 'invalid_response', field: 'records.0.balanceFen' });
  });

  it('keeps ID numbers a department echoes in its error out of the error message', async () => {
    reply = { status: 400, body: { error: { code: 'invalid_request', field: 'idNumbers.0', rule: `unknown person ${ME}` } } };
    const error = await new HttpDepartmentsClient({ baseUrl: url }).query('tax', [ME]).catch((e: unknown) => e);
    expect((error as Error).message).toBe('department source "tax" refused the exchange: HTTP 400 invalid_request at idNumbers.0: unknown person [id]');
  });
});
