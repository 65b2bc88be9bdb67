import { randomUUID } from 'node:crypto';
import { Household } from '../../activities/households/household.entity';
import { Region } from '../../activities/regions/region.entity';
import type { Http } from '../helpers/http';
import { entitlementRow, seedEntitlements } from '../helpers/entitlements';
import { fakeBankAccount } from '../helpers/factories';
import { Caseworker } from './caseworker';
import type { Platform } from './platform';

/** Households with bank accounts in a village and one month's entitlement rows for them, written to the database. */
export async function seedLedger(platform: Platform, village: string, month: string, amountsFen: number[]): Promise<{ householdIds: string[]; accounts: string[] }> {
  const em = platform.db.orm.em.fork();
  const region = await em.findOneOrFail(Region, village);
  const households = amountsFen.map(() => {
    const h = new Household({ id: randomUUID(), regionCode: region.code, regionPath: region.path, area: region.area ?? 'rural', address: '测试路2号', phone: null });
    h.bankAccount = fakeBankAccount();
    h.bankName = '中国农业银行测试支行';
    return h;
  });
  em.persist(households);
  await em.flush();
  await seedEntitlements(em, households.map((h, i) => entitlementRow(h.id, month, amountsFen[i]!)));
  return { householdIds: households.map((h) => h.id), accounts: households.map((h) => h.bankAccount!) };
}

/** Polls a payment run until the predicate holds. */
export async function waitForRun(http: Http, batchId: string, predicate: (run: any) => boolean, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await http.get(`/api/payments/runs/${batchId}`);
    if (res.status === 200 && predicate(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`run ${batchId} did not reach the state: ${JSON.stringify(res.body).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Claims the run's task of the step in the user's inbox and completes it; returns the raw HTTP answer. A refused
 * decision lets go of the task again, so a colleague can take it.
 */
export async function decidePayment(http: Http, batchId: string, step: 'payment_approval' | 'payment_release', outcome: string) {
  const task = await new Caseworker(http).task(batchId, step);
  const path = `/api/tasks/${encodeURIComponent(task.id)}`;
  const claimed = await http.post(`${path}/claim`);
  if (claimed.status !== 200) return claimed;
  const res = await http.post(`${path}/complete`, { step, outcome });
  if (res.status !== 200) await http.post(`${path}/unclaim`);
  return res;
}

/** Starts the county's run for the month as the given officer; throws unless it was accepted. */
export async function startRun(http: Http, countyCode: string, month: string): Promise<any> {
  const res = await http.post('/api/payments/runs', { countyCode, month });
  if (res.status !== 201) throw new Error(`start run: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Waits for the run to be sealed with the expected totals, then has gy.approver approve it and gy.payment2 release
 * it (the run is started by gy.payment: three people). Returns the release answer's case snapshot.
 */
export async function completeRun(platform: Platform, batchId: string, totals: { count: number; totalFen: number }): Promise<any> {
  const sealed = await waitForRun(await platform.as('gy.approver'), batchId, (r) => r.status === 'awaiting_approval');
  if (sealed.paymentCount !== totals.count || sealed.totalFen !== totals.totalFen) throw new Error(`run ${batchId} sealed with ${sealed.paymentCount} / ${sealed.totalFen}, expected ${totals.count} / ${totals.totalFen}`);
  const approved = await decidePayment(await platform.as('gy.approver'), batchId, 'payment_approval', 'approve');
  if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
  const released = await decidePayment(await platform.as('gy.payment2'), batchId, 'payment_release', 'release');
  if (released.status !== 200) throw new Error(`release: ${released.status} ${JSON.stringify(released.body)}`);
  return released.body.case;
}
