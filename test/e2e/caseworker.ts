import type { Http } from '../helpers/http';

/** A caseworker at a browser: finds the case's task in their inbox, claims it, decides it. */
export class Caseworker {
  constructor(readonly http: Http) {}

  /** Polls the inbox until the case has an open task of the step (workflows move asynchronously). */
  async task(applicationId: string, step: string, timeoutMs = 20_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.http.get(`/api/inbox?step=${step}&pageSize=100`);
      if (res.status !== 200) throw new Error(`inbox: ${res.status} ${JSON.stringify(res.body)}`);
      const found = res.body.items.find((t: any) => t.caseId === applicationId);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${step} task for ${applicationId} in the inbox`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async complete(applicationId: string, step: string, decision: Record<string, unknown>) {
    const task = await this.task(applicationId, step);
    const claimed = await this.http.post(`/api/tasks/${encodeURIComponent(task.id)}/claim`);
    if (claimed.status !== 200) throw new Error(`claim ${step}: ${claimed.status} ${JSON.stringify(claimed.body)}`);
    const res = await this.http.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { step, ...decision });
    if (res.status !== 200) throw new Error(`complete ${step}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

/** Polls a case until the predicate holds. */
export async function waitForCase(http: Http, applicationId: string, predicate: (c: any) => boolean, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await http.get(`/api/applications/${applicationId}`);
    if (res.status === 200 && predicate(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`case ${applicationId} did not reach the state: ${JSON.stringify(res.body).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
