import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM, type DOMWindow } from 'jsdom';
import { ledgerYear } from '../../workflows/domain/emergency';
import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { registerHousehold } from '../helpers/households';
import { Caseworker } from './caseworker';
import { startPlatform, type Platform } from './platform';

/**
 * The console's own code in a DOM, against the real API: caseworkers log in, find their work in the inbox, open it
 * (masked), are told which field a bad decision lacks, and decide it.
 */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const WEB = resolve(__dirname, '..', '..', 'apps', 'web');

/** Loads index.html and runs console-lib.js + console.js in it (jsdom runs no module scripts, so they are joined). */
function openConsole(baseUrl: string): { window: DOMWindow; alerts: string[] } {
  const html = readFileSync(resolve(WEB, 'index.html'), 'utf8');
  const dom = new JSDOM(html, { url: `${baseUrl}/`, runScripts: 'outside-only', pretendToBeVisual: true });
  const alerts: string[] = [];
  const window = dom.window;
  Object.assign(window, {
    fetch: (input: string, init?: RequestInit) => fetch(new URL(String(input), baseUrl), init),
    alert: (message: string) => alerts.push(message),
  });
  const lib = readFileSync(resolve(WEB, 'console-lib.js'), 'utf8').replace(/^export /gm, '');
  const main = readFileSync(resolve(WEB, 'console.js'), 'utf8').replace(/^import .*$/m, '');
  window.eval(`${lib}\n${main}`);
  return { window, alerts };
}

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`the console did not show ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Logs in through the form and waits for the task's row in the inbox. */
async function loggedIn(username: string, taskId: string): Promise<{ window: DOMWindow; doc: Document; alerts: string[]; row: Element }> {
  const { window, alerts } = openConsole(platform.http.baseUrl);
  const doc = window.document;
  await until('the login form', () => !doc.getElementById('login')!.hidden);
  (doc.querySelector('#login-form [name=username]') as HTMLInputElement).value = username;
  (doc.querySelector('#login-form [name=password]') as HTMLInputElement).value = 'Demo@2026';
  doc.getElementById('login-form')!.dispatchEvent(new window.Event('submit', { cancelable: true }));
  const row = await until('the task in the inbox', () => doc.querySelector(`#tasks tr[data-id="${taskId}"]`));
  return { window, doc, alerts, row };
}

function submit(window: DOMWindow, form: string): void {
  window.document.getElementById(form)!.dispatchEvent(new window.Event('submit', { cancelable: true }));
}

test('a clerk logs in, opens the new case from the inbox, sees the missing field named, and accepts it', async () => {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  const created = await clerk.post('/api/applications', body);
  expect(created.status).toBe(201);
  const task = await new Caseworker(clerk).task(created.body.id, 'acceptance');
  const { window, doc, alerts, row } = await loggedIn('kc.clerk', task.id);
  expect(row.textContent).toContain(task.caseNo);
  expect(doc.getElementById('who')!.textContent).toContain('township_clerk');
  [...row.querySelectorAll('button')].find((b) => b.textContent === '办理')!.click();

  const outcome = await until('the decision form', () => doc.querySelector('#decision-fields select[name=outcome]') as HTMLSelectElement | null);
  const shown = doc.getElementById('case')!.textContent!;
  expect(shown).toContain(body.members[0].idNumber.slice(0, 4));
  for (const member of body.members) {
    expect(shown).not.toContain(member.idNumber);
    expect(shown).not.toContain(member.name);
  }

  outcome.value = 'return';
  submit(window, 'decision');
  const error = await until('the refusal', () => doc.getElementById('decision-error')!.textContent);
  expect(error).toMatch(/validation_failed/);
  expect(error).toMatch(/reasonCode/);
  expect((await clerk.get(`/api/tasks/${encodeURIComponent(task.id)}`)).body.status).toBe('open');

  outcome.value = 'accept';
  submit(window, 'decision');
  await until('the task leaving the inbox', () => doc.getElementById('detail')!.hidden && !doc.querySelector(`#tasks tr[data-id="${task.id}"]`));
  const after = await clerk.get(`/api/tasks/${encodeURIComponent(task.id)}`);
  expect(after.body).toMatchObject({ status: 'completed' });
  expect(alerts).toEqual([]);
  window.close();
});

test('a township reviewer sees an emergency first with its hours left, and approves an amount typed in yuan', async () => {
  const admin = await platform.as('gy.admin');
  expect((await admin.post('/api/admin/regions/320723/reserve-funding', { year: ledgerYear(Date.now()) })).status).toBe(200);
  const { householdId } = await registerHousehold(platform.db.orm, platform.env.PII_DIGEST_KEY, DEMO_VILLAGES.county);
  const raised = await (await platform.as('gy.village')).post('/api/emergency-requests', {
    householdId, eventType: 'fire', peopleAffected: 3, amountAskedFen: 120_000, eventDescription: '夜间失火', need: '临时生活费',
  });
  expect(raised.status).toBe(201);
  const reviewer = await platform.as('gy.reviewer');
  const task = await new Caseworker(reviewer).task(raised.body.id, 'emergency_township_decision');

  const { window, doc, alerts, row } = await loggedIn('gy.reviewer', task.id);
  expect(doc.querySelector('#tasks tr')).toBe(row);
  expect(row.textContent).toContain('急');
  expect(row.textContent).toMatch(/剩 2[34] 小时/);
  [...row.querySelectorAll('button')].find((b) => b.textContent === '办理')!.click();
  const outcome = await until('the decision form', () => doc.querySelector('#decision-fields select[name=outcome]') as HTMLSelectElement | null);
  // What was asked, in yuan, and the account of the event the reviewer decides on.
  expect(doc.getElementById('case')!.textContent).toContain('1200.00 元');
  expect(doc.getElementById('case')!.textContent).toContain('夜间失火');

  outcome.value = 'approve';
  const amount = doc.querySelector('#decision-fields input[name=amountFen]') as HTMLInputElement;
  amount.value = '1000.5';
  submit(window, 'decision');
  await until('the task leaving the inbox', () => doc.getElementById('detail')!.hidden && !doc.querySelector(`#tasks tr[data-id="${task.id}"]`));
  const request = await reviewer.get(`/api/emergency-requests/${raised.body.id}`);
  expect(request.body).toMatchObject({ approvedFen: 100_050, paidFen: 100_050 });
  expect(alerts).toEqual([]);
  window.close();
});
