import { historyText } from '../helpers/history-text';
import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { Http } from '../helpers/http';
import { paymentRunWorkflowId } from '../../workflows/payments/definitions';
import { Caseworker, waitForCase } from './caseworker';
import { decidePayment, waitForRun } from './payments';
import { startPlatform, type Platform } from './platform';
import { waitForRecipient } from './recipients';

/**
 * 个人信息不外泄: an end-to-end district case and its household's monthly payment, and nothing the platform says while
 * running them (HTTP responses, log output, the workflows' Temporal histories) holds a seeded ID number, its
 * masked-away digits, a name, the address or the bank account.
 */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
  await platform.addUser('kc.payment2', 'payment_officer', '220103');
});
afterAll(async () => {
  jest.restoreAllMocks();
  await platform?.stop();
});

/** Captures every HTTP response body and every line written to stdout, stderr or the console. */
function capture(): { responses: string[]; logs: string[] } {
  const responses: string[] = [];
  const logs: string[] = [];
  const request = Http.prototype.request;
  jest.spyOn(Http.prototype, 'request').mockImplementation(async function (this: Http, ...args: Parameters<Http['request']>) {
    const res = await request.apply(this, args);
    responses.push(`${args[0]} ${args[1]} ${JSON.stringify(res.body)}`);
    return res;
  });
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...a: unknown[]) => boolean;
    jest.spyOn(stream, 'write').mockImplementation((chunk: unknown, ...rest: unknown[]) => {
      logs.push(String(chunk));
      return write(chunk, ...rest);
    });
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, level).mockImplementation((...a: unknown[]) => {
      logs.push(a.map((x) => (x instanceof Error ? `${x.message} ${x.stack}` : typeof x === 'string' ? x : JSON.stringify(x))).join(' '));
    });
  }
  return { responses, logs };
}


const incomesOf = (detail: any, fen = 0) => detail.household.members.map((m: any) => ({ memberId: m.id, monthlyIncomeFen: fen }));

test('a district case and its payment end to end leak no ID number, name, address or bank account into responses, logs or Temporal history', async () => {
  const body = applicationBody(DEMO_VILLAGES.district, {
    members: [
      { relation: 'head', name: '慕容秋菊', disabilityGrade: 2 },
      { relation: 'child', name: '慕容小禾', birthDate: '2012-03-04' },
    ],
  });
  body.address = '宽城区柳影路门牌九十九号三单元';
  const account = body.bankAccount.accountNumber;
  const secrets = [
    ...body.members.flatMap((m) => [m.idNumber, m.idNumber.slice(-8), m.name]),
    body.address,
    account,
    account.slice(0, -4),
    account.slice(-10),
  ];
  const { responses, logs } = capture();

  const clerk = await platform.as('kc.clerk');
  const created = await clerk.post('/api/applications', body);
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  await new Caseworker(clerk).complete(id, 'acceptance', { outcome: 'accept' });
  const investigator = new Caseworker(await platform.as('kc.investigator'));
  const withReport = await waitForCase(clerk, id, (c) => c.checkReports.length === 1);
  await investigator.complete(id, 'home_visit', { recommendation: 'eligible', disputed: false, incomes: incomesOf(withReport, 20_000), reason: '入户核实' });
  const reviewer = new Caseworker(await platform.as('kc.reviewer'));
  await reviewer.complete(id, 'township_review', { outcome: 'approve', reason: '符合条件' });
  const approver = new Caseworker(await platform.as('kc.approver'));
  const sampled = await waitForCase(clerk, id, (c) => c.stage === 'county_sampling' || c.stage === 'township_confirmation');
  if (sampled.stage === 'county_sampling') await approver.complete(id, 'county_sampling', { outcome: 'confirmed', reason: '抽查属实' });
  await new Caseworker(await platform.as('kc.reviewer2')).complete(id, 'township_confirmation', { outcome: 'approve', reason: '同意' });
  await approver.complete(id, 'filing', { outcome: 'acknowledged' });
  const decided = await waitForCase(clerk, id, (c) => c.decision !== null);
  expect(decided.status).toBe('approved');
  await clerk.get(`/api/applications/${id}/timeline`);
  await clerk.get('/api/applications');
  // The household's lifecycle: its routes and its workflow's history are held to the same rule.
  const householdId: string = decided.household.id;
  const ledger = await waitForRecipient(clerk, `/api/recipients/${householdId}/ledger`, (l) => l.entries.length === 1);
  await clerk.get(`/api/recipients/${householdId}`);
  await clerk.get(`/api/recipients/${householdId}/timeline`);
  await clerk.get('/api/recipients');

  // The household's first month, recorded by its lifecycle, paid through the county's run.
  const month: string = ledger.entries[0].month;
  const officer = await platform.as('kc.payment');
  const run = await officer.post('/api/payments/runs', { countyCode: '220103', month });
  expect(run.status).toBe(201);
  expect((await decidePayment(await platform.as('kc.approver'), run.body.id, 'payment_approval', 'approve')).status).toBe(200);
  expect((await decidePayment(await platform.as('kc.payment2'), run.body.id, 'payment_release', 'release')).status).toBe(200);
  const paid = await waitForRun(officer, run.body.id, (r) => r.status === 'released');
  expect(paid.payments).toEqual([expect.objectContaining({ householdId, accountNumber: `****${account.slice(-4)}` })]);

  const histories = await Promise.all(
    [`dibao-application-${id}`, `dibao-recipient-${householdId}`, paymentRunWorkflowId(run.body.id)].map((workflowId) => platform.temporal.workflow.getHandle(workflowId).fetchHistory()),
  );
  const sources = { responses: responses.join('\n'), logs: logs.join('\n'), history: histories.map(historyText).join('\n') };
  // The capture is real: masked names reached the responses, decoded payloads the history text.
  expect(sources.responses).toContain('慕***');
  expect(sources.history).toContain('json/plain');
  expect(sources.history).toContain(`\\"applicationId\\":\\"${id}\\"`);
  expect(sources.history).toContain(`\\"batchId\\":\\"${run.body.id}\\"`);
  expect(sources.history).toContain(`\\"householdId\\":\\"${householdId}\\"`);
  // The grade is a digit, so look for the field itself: no response, log or history carries it in clear.
  for (const text of Object.values(sources)) expect(text).not.toMatch(/"?disabilityGrade\\?"?:\s*\d/);
  expect(sources.responses).toContain('"disabilityGrade":"*"');
  const leaks = Object.entries(sources).flatMap(([source, text]) => secrets.filter((s) => text.includes(s)).map((s) => `${source}: ${s}`));
  expect(leaks).toEqual([]);
});
