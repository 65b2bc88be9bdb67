import { DEMO_PASSWORD } from '../../cli/demo-users';

type Json = Record<string, any>;

/** A caseworker on one of the cluster's API processes: log in, call, claim and complete. */
export class SmokeClient {
  private token = '';
  /** 503 answers seen by `complete` before its retry joined the first update (a dead worker's workflows wait). */
  unavailableAnswers = 0;

  constructor(
    readonly baseUrl: string,
    readonly username: string,
  ) {}

  async login(): Promise<this> {
    this.token = (await this.call('POST', '/api/auth/login', { username: this.username, password: DEMO_PASSWORD })).accessToken as string;
    return this;
  }

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Json> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(this.token ? { authorization: `Bearer ${this.token}` } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json().catch(() => ({}))) as Json;
    if (!res.ok) throw new Error(`${this.username}@${this.baseUrl} ${method} ${path}: ${res.status} ${JSON.stringify(json.error ?? json)}`);
    return json;
  }

  /** Claims and completes a task; a 503 (no worker took the update yet) is retried with the same idempotency key. */
  async complete(taskId: string, body: Json): Promise<Json> {
    const path = `/api/tasks/${encodeURIComponent(taskId)}`;
    await this.call('POST', `${path}/claim`, undefined, { 'idempotency-key': `claim-${taskId}` });
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.call('POST', `${path}/complete`, body, { 'idempotency-key': `complete-${taskId}` });
      } catch (err) {
        if (attempt >= 60 || !/: 503 /.test(String(err))) throw err;
        this.unavailableAnswers += 1;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
}

/** Polls until `read` returns a value, or fails after the timeout with the last error. */
export async function eventually<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await read();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs / 1000} s${last ? ` (${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
