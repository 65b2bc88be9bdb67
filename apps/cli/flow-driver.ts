import { randomInt, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { idNumberCheckDigit } from '../../activities/departments/id-number';

/**
 * Drives 宽城区 cases through the HTTP API as the demo roles would (intake, then each open task claimed and decided by
 * its role), recording every call's latency by kind, 5xx answers and refusals of visible tasks. Shared by the flow
 * benchmark and the concurrency test, so both measure the same thing.
 */

type Json = Record<string, any>;

export type CallKind = 'intake' | 'case' | 'claim' | 'complete';

export class FlowStats {
  readonly latencies = new Map<CallKind, number[]>();
  status5xx = 0;
  /** What each 5xx answered (call kind, status, code), to tell an overloaded database from an unreachable Temporal. */
  readonly faults: string[] = [];
  /** 409 on claiming or deciding a task the case showed as open (stale_task and the like). */
  refused = 0;
  readonly refusals: string[] = [];
  cases = 0;

  record(kind: CallKind, ms: number): void {
    const list = this.latencies.get(kind) ?? [];
    list.push(ms);
    this.latencies.set(kind, list);
  }

  percentile(kind: CallKind, p: number): number {
    const sorted = [...(this.latencies.get(kind) ?? [])].sort((a, b) => a - b);
    return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  }
}

/** Who plays each step of the 宽城区 procedure, and what they decide. */
const PLAY: Record<string, { user: string; decision: (c: Json) => Json }> = {
  acceptance: { user: 'clerk', decision: () => ({ outcome: 'accept', reason: '材料齐全，予以受理' }) },
  home_visit: {
    user: 'investigator',
    decision: (c) => ({ recommendation: 'eligible', disputed: false, incomes: c.household.members.map((m: Json) => ({ memberId: m.id, monthlyIncomeFen: 20_000 })), reason: '入户调查属实' }),
  },
  township_review: { user: 'reviewer', decision: () => ({ outcome: 'approve', reason: '审核通过' }) },
  county_sampling: { user: 'approver', decision: () => ({ outcome: 'confirmed', reason: '抽查属实' }) },
  township_confirmation: { user: 'reviewer2', decision: () => ({ outcome: 'approve', reason: '乡镇确认' }) },
  filing: { user: 'approver', decision: () => ({ outcome: 'acknowledged', reason: '已备案' }) },
};

export const FLOW_USERS = ['clerk', 'investigator', 'reviewer', 'reviewer2', 'approver'].map((u) => `kc.${u}`);

function fictionalId(birth: string): string {
  const first17 = `220103${birth.replace(/-/g, '')}${String(randomInt(1000)).padStart(3, '0')}`;
  return first17 + idNumberCheckDigit(first17);
}

function birthIn(fromYear: number, toYear: number): string {
  return new Date(Date.UTC(fromYear, 0, 1) + randomInt((toYear - fromYear + 1) * 365) * 86_400_000).toISOString().slice(0, 10);
}

export class FlowDriver {
  constructor(
    private readonly api: string,
    /** Bearer token by demo username (kc.clerk, …). */
    private readonly tokens: Map<string, string>,
    readonly stats: FlowStats,
  ) {}

  /** One call; 503 is retried after Retry-After (and counted as a 5xx), as a client would. */
  private async call(kind: CallKind, method: string, path: string, user: string, body?: unknown, key?: string): Promise<{ status: number; body: Json }> {
    for (let attempt = 0; ; attempt += 1) {
      const t0 = performance.now();
      const res = await fetch(`${this.api}${path}`, {
        method,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), authorization: `Bearer ${this.tokens.get(user)}`, ...(key ? { 'idempotency-key': key } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = (await res.json().catch(() => ({}))) as Json;
      this.stats.record(kind, performance.now() - t0);
      if (res.status >= 500) {
        this.stats.status5xx += 1;
        this.stats.faults.push(`${kind} ${method} ${res.status} ${json.error?.code ?? ''}`);
      }
      if (res.status === 503 && attempt < 10) {
        await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
        continue;
      }
      return { status: res.status, body: json };
    }
  }

  /** Runs one case from intake to its end (approved and filed); throws if it cannot finish. */
  async runCase(timeoutMs = 120_000): Promise<void> {
    const head = birthIn(1955, 1985);
    const child = birthIn(2008, 2016);
    const intake = {
      regionCode: '220103001001',
      address: '压测路1号',
      phone: '13900000000',
      authorizationSigned: true,
      members: [
        { name: '压测户主', idNumber: fictionalId(head), relation: 'head', birthDate: head, declaredMonthlyIncomeFen: 20_000 },
        { name: '压测子女', idNumber: fictionalId(child), relation: 'child', birthDate: child, declaredMonthlyIncomeFen: 0 },
      ],
    };
    const created = await this.call('intake', 'POST', '/api/applications', 'kc.clerk', intake, randomUUID());
    if (created.status !== 201) throw new Error(`intake: ${created.status} ${JSON.stringify(created.body.error)}`);
    const id = created.body.id as string;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const detail = (await this.call('case', 'GET', `/api/applications/${id}`, 'kc.clerk')).body;
      const open = (detail.tasks as Json[] | undefined)?.find((t) => t.status === 'open' && PLAY[t.step]);
      if (!open) {
        if (detail.decision && (detail.tasks as Json[]).some((t) => t.step === 'filing' && t.status === 'completed')) break;
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const play = PLAY[open.step];
      const user = `kc.${play.user}`;
      const path = `/api/tasks/${encodeURIComponent(open.id)}`;
      const claimed = await this.call('claim', 'POST', `${path}/claim`, user);
      if (claimed.status !== 200) {
        this.refuse('claim', open.step, claimed);
        continue;
      }
      const done = await this.call('complete', 'POST', `${path}/complete`, user, { step: open.step, ...play.decision(detail) }, randomUUID());
      if (done.status !== 200) this.refuse('complete', open.step, done);
    }
    if (Date.now() >= deadline) throw new Error(`case ${id} did not finish in ${timeoutMs} ms`);
    this.stats.cases += 1;
  }

  /** A 409 on a task the case showed as open is a refusal; any other failure is a fault of the run. */
  private refuse(kind: CallKind, step: string, res: { status: number; body: Json }): void {
    const what = `${kind} ${step}: ${res.status} ${res.body.error?.code} (${res.body.error?.message})`;
    if (res.status !== 409) throw new Error(what);
    this.stats.refused += 1;
    this.stats.refusals.push(what);
  }
}

/** Logs the demo users in once; tokens are reused by every case. */
export async function loginFlowUsers(api: string, password: string): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const username of FLOW_USERS) {
    const res = await fetch(`${api}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    tokens.set(username, ((await res.json()) as Json).accessToken as string);
  }
  return tokens;
}

/** Runs `cases` cases with `concurrency` caseworker sessions at once. */
export async function runFlows(driver: FlowDriver, cases: number, concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < cases) {
        next += 1;
        await driver.runCase();
      }
    }),
  );
}
