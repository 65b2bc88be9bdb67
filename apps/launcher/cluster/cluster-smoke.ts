import { Client, Connection } from '@temporalio/client';
import { DEMO_REGIONS } from '../../cli/demo-users';
import { applicationWorkflowId } from '../../../workflows/application/definitions';
import { demoApplication, PLAY } from '../../cli/demo-play';
import { clusterSettings, startCluster, type Cluster } from './cluster';
import { eventually, SmokeClient } from './smoke-client';

type Json = Record<string, any>;

const REGION = DEMO_REGIONS.find((r) => r.prefix === 'kc')!;
const started = Date.now();
const clock = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s`;
const say = (line: string) => console.log(`${clock()}  ${line}`);

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`smoke failed: ${what}`);
  say(`ok  ${what}`);
}

/**
 * The worker that holds the case: the identity (`pid@host`) of the last completed workflow task in its history. Killing
 * that one, not an idle one, is what makes the survivor take the case over.
 */
async function workerHolding(cluster: Cluster, applicationId: string): Promise<number> {
  const connection = await Connection.connect({ address: cluster.temporal.address });
  try {
    const history = await new Client({ connection, namespace: 'assistance' }).workflow.getHandle(applicationWorkflowId(applicationId)).fetchHistory();
    const identity = (history.events ?? []).filter((e) => e.workflowTaskCompletedEventAttributes).pop()?.workflowTaskCompletedEventAttributes?.identity ?? '';
    const index = cluster.workers.findIndex((w) => identity.startsWith(`${w.process.child.pid}@`));
    return index >= 0 ? index : 0;
  } finally {
    await connection.close();
  }
}

/** Each call goes to the next API process, as a balancer would send it. */
function roundRobin(cluster: Cluster): (username: string) => Promise<SmokeClient> {
  let next = 0;
  return (username) => new SmokeClient(cluster.apis[next++ % cluster.apis.length]!.url, username).login();
}

async function openTask(clerk: SmokeClient, id: string): Promise<Json | undefined> {
  const detail = await clerk.call('GET', `/api/applications/${id}`);
  return (detail.tasks as Json[]).find((t) => t.status === 'open' && PLAY[t.step]);
}

/**
 * `npm run cluster:smoke`: on its own cluster (PostgreSQL, Temporal built from source, 2 workers, 2 APIs), a 宽城区
 * application through every step over HTTP, the calls spread over both APIs; a 救急难 request approved, and the worker
 * holding the application's workflow killed (SIGKILL) the moment the approval is in, so whatever it held is retried by
 * the other; the application then finishes on the survivor alone, the emergency payment is made exactly once, and the
 * survivor stays ready.
 */
export async function main(temporalDir: string): Promise<void> {
  say('starting the cluster');
  const cluster = await startCluster(clusterSettings(temporalDir), say);
  say(`cluster ready: ${cluster.apis.map((a) => a.url).join(', ')}; workers ${cluster.workers.map((w) => w.url).join(', ')}`);
  try {
    const as = roundRobin(cluster);
    const clerk = await as(`${REGION.prefix}.clerk`);
    const created = await clerk.call('POST', '/api/applications', demoApplication(REGION), { 'idempotency-key': `smoke-${started}` });
    const id = created.id as string;
    check(created.workflowStarted === true, `application ${created.caseNo} accepted on ${clerk.baseUrl}, its workflow started`);
    const acceptance = await eventually('acceptance task', () => openTask(clerk, id));
    await (await as(`${REGION.prefix}.${PLAY[acceptance.step]!.user}`)).complete(acceptance.id, { step: acceptance.step, ...PLAY[acceptance.step]!.decision({}) });
    say(`acceptance decided`);

    const detail = await clerk.call('GET', `/api/applications/${id}`);
    const village = await as(`${REGION.prefix}.village`);
    const raised = await village.call('POST', '/api/emergency-requests', { householdId: detail.household.id, eventType: 'fire', peopleAffected: 2, amountAskedFen: 80_000, eventDescription: '冒烟测试：厨房失火', need: '临时生活费' });
    const requestId = raised.id as string;
    const reviewer = await as(`${REGION.prefix}.reviewer`);
    const decision = await eventually('emergency task', async () => (await reviewer.call('GET', `/api/emergency-requests/${requestId}`)).tasks?.find((t: Json) => t.status === 'open'));
    await reviewer.complete(decision.id, { step: decision.step, outcome: 'approve', amountFen: 80_000, reason: '冒烟测试：属实' });
    const victim = await workerHolding(cluster, id);
    const [dead, survivor] = victim === 0 ? [cluster.workers[0]!, cluster.workers[1]!] : [cluster.workers[1]!, cluster.workers[0]!];
    dead.process.child.kill('SIGKILL');
    say(`emergency request approved (80000 fen); ${dead.name}, which holds the application's workflow, killed (SIGKILL, pid ${dead.process.child.pid})`);

    for (let steps = 0; steps < 20; steps += 1) {
      const open = await eventually('next task or the end', async () => {
        const d = await clerk.call('GET', `/api/applications/${id}`);
        const task = (d.tasks as Json[]).find((t) => t.status === 'open' && PLAY[t.step]);
        if (task) return { task, d };
        return d.status !== 'in_progress' ? { task: undefined, d } : undefined;
      });
      if (!open.task) break;
      const player = await as(`${REGION.prefix}.${PLAY[open.task.step]!.user}`);
      await player.complete(open.task.id, { step: open.task.step, ...PLAY[open.task.step]!.decision(open.d) });
      const waited = player.unavailableAnswers ? ` after ${player.unavailableAnswers} × 503 (the workflow was cached on the dead worker; the retry, same update id, joined the first request once the survivor took the workflow over)` : '';
      say(`${open.task.step} decided by ${player.username} on ${player.baseUrl}${waited}`);
    }
    const final = await clerk.call('GET', `/api/applications/${id}`);
    check(final.status === 'approved', `application ${final.caseNo} approved with ${dead.name} dead (status ${final.status}, ${final.decision?.amountFen} fen/month)`);

    const request = await eventually('emergency payment', async () => {
      const r = await reviewer.call('GET', `/api/emergency-requests/${requestId}`);
      return r.paidFen === 80_000 ? r : undefined;
    });
    const fund = await reviewer.call('GET', `/api/emergency/reserve/${request.townshipCode}`);
    const payments = (fund.movements as Json[]).filter((m) => m.kind === 'payment' && m.requestId === requestId);
    check(payments.length === 1 && payments[0]!.amountFen === -80_000, `emergency payment made once: ${payments.length} movement of ${payments[0]?.amountFen} fen`);

    const health = await fetch(`${survivor.url}/health/ready`).then((r) => r.json() as Promise<Json>);
    check(health.status === 'ok', `${survivor.name} ready, polling ${health.queues.map((q: Json) => q.taskQueue).join(', ')}`);
    const gone = await fetch(`${dead.url}/health/ready`).then(() => 'answers', () => 'unreachable');
    check(gone === 'unreachable', `${dead.name} is gone`);
    const metrics = await fetch(survivor.metricsUrl).then((r) => r.text());
    check(/temporal_workflow_task_schedule_to_start_latency/.test(metrics), `${survivor.name} exports the SDK metrics (schedule-to-start latency)`);
    say(`smoke passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await cluster.stop();
  }
}
