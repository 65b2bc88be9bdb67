import { DEMO_VILLAGES } from '../helpers/policies';
import { registerHousehold } from '../helpers/households';
import { Caseworker } from './caseworker';
import type { Platform } from './platform';

/** A verified 救急难 case of a registered 宽城区 household, referred for medical assistance; the referral's id. */
export async function referredForMedical(platform: Platform): Promise<{ requestId: string; householdId: string; referralId: string }> {
  const { householdId } = await registerHousehold(platform.db.orm, platform.env.PII_DIGEST_KEY, DEMO_VILLAGES.district);
  const raised = await (await platform.as('kc.village')).post('/api/emergency-requests', { householdId, eventType: 'illness', peopleAffected: 2, amountAskedFen: 100_000, eventDescription: '突发重病住院', need: '医疗费用' });
  expect(raised.status).toBe(201);
  const requestId = raised.body.id as string;
  await new Caseworker(await platform.as('kc.reviewer')).complete(requestId, 'emergency_township_decision', { outcome: 'approve', amountFen: 100_000, reason: '病情属实' });
  await new Caseworker(await platform.as('kc.investigator')).complete(requestId, 'emergency_follow_up', { outcome: 'proper', recoveryFen: 0, reason: '入户核实' });
  const clerk = await platform.as('kc.clerk');
  for (let i = 0; ; i++) {
    const referred = await clerk.post(`/api/emergency-requests/${requestId}/referrals`, { kind: 'medical', department: 'medical_security' });
    if (referred.status === 200) break;
    if (i > 50) throw new Error(`refer: ${referred.status} ${JSON.stringify(referred.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const list = (await (await platform.as('kc.medical')).get('/api/referrals?kind=medical&status=referred&pageSize=100')).body.items;
  const referral = list.find((r: any) => r.request.id === requestId);
  return { requestId, householdId, referralId: referral.id };
}
