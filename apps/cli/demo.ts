import { DEMO_PASSWORD, DEMO_REGIONS } from './demo-users';
import { demoApplication, PLAY } from './demo-play';

/**
 * npm run demo: against the running platform (API_URL, default http://127.0.0.1:3000), plays every role through the
 * HTTP API for one new application in each demo region, then prints each case's timeline. Cases in a publicity
 * period stop there: the period ends by itself after its days, and the case moves on without anyone.
 */

const API = (process.env.API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');

type Json = Record<string, any>;

async function call(method: string, path: string, token?: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json().catch(() => ({}))) as Json;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.error ?? json)}`);
  return json;
}

const tokens = new Map<string, string>();
async function tokenOf(username: string): Promise<string> {
  if (!tokens.has(username)) {
    const login = await call('POST', '/api/auth/login', undefined, { username, password: DEMO_PASSWORD }).catch((err: Error) => {
      throw new Error(`${err.message}\nno demo user ${username}: demo users exist only when asked (npm start on a local installation, or npm run setup -- --demo)`);
    });
    tokens.set(username, login.accessToken);
  }
  return tokens.get(username)!;
}

/** Asia/Shanghai wall time; a deadline at midnight is shown as 24:00 of its last day, as notices write it. */
function shanghai(iso: string | null): string {
  if (!iso) return '';
  const local = Date.parse(iso) + 8 * 3_600_000;
  const text = new Date(local).toISOString().slice(0, 16).replace('T', ' ');
  return text.endsWith('00:00') ? `${new Date(local - 86_400_000).toISOString().slice(0, 10)} 24:00` : text;
}

async function play(region: (typeof DEMO_REGIONS)[number]): Promise<void> {
  const clerk = await tokenOf(`${region.prefix}.clerk`);
  const created = await call('POST', '/api/applications', clerk, demoApplication(region));
  const id = created.id as string;
  console.log(`\n== ${region.name}: ${created.caseNo}`);
  for (let idle = 0; idle < 100; ) {
    const detail = await call('GET', `/api/applications/${id}`, clerk);
    const open = (detail.tasks as Json[]).find((t) => t.status === 'open' && PLAY[t.step]);
    if (!open) {
      const publicity = (detail.publicity as Json[]).find((p) => p.outcome === null);
      if (publicity) {
        console.log(`   ${publicity.stepLabel}中，至 ${shanghai(publicity.endsAt)} 结束；期满后案件自动进入下一步`);
        break;
      }
      if (detail.status !== 'in_progress' && !(detail.tasks as Json[]).some((t) => t.status === 'open')) break;
      idle += 1;
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    const play = PLAY[open.step];
    const token = await tokenOf(`${region.prefix}.${play.user}`);
    const path = `/api/tasks/${encodeURIComponent(open.id)}`;
    await call('POST', `${path}/claim`, token);
    await call('POST', `${path}/complete`, token, { step: open.step, ...play.decision(detail) });
  }
  const final = await call('GET', `/api/applications/${id}`, clerk);
  const timeline = await call('GET', `/api/applications/${id}/timeline`, clerk);
  for (const e of timeline.events as Json[]) {
    const who = e.actor ? `${e.actor.name ?? e.actor.id}(${e.actor.roleLabel})` : '系统';
    const decision = e.data && typeof e.data === 'object' ? (e.data.outcome ?? e.data.recommendation ?? '') : '';
    console.log(`   ${shanghai(e.at)}  ${String(e.stepLabel).padEnd(8, '　')} ${String(e.action).padEnd(22)} ${String(decision).padEnd(10)} ${who}${e.dueAt ? `  期限 ${shanghai(e.dueAt)}` : ''}`);
  }
  const amount = final.decision?.amountFen;
  console.log(`   状态 ${final.status}${amount ? `，月保障金 ${(amount / 100).toFixed(2)} 元` : ''}；政策 ${final.policy.label}`);
}

async function main(): Promise<void> {
  await call('GET', '/api/health');
  for (const region of DEMO_REGIONS) await play(region);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  console.error(`is the platform running at ${API}? (npm start)`);
  process.exit(1);
});
