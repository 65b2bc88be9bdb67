import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { CaseEvent } from '../../activities/application/case-event.entity';
import { readApplicationTimeline } from '../../activities/application/timeline';
import { readEmergencyTimeline } from '../../activities/emergency/emergency-timeline';
import { readRecipientTimeline } from '../../activities/recipients/lifecycle-timeline';
import { EmergencyEvent } from '../../activities/emergency/emergency-event.entity';
import { LifecycleEvent } from '../../activities/recipients/lifecycle-event.entity';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/** One timeline for every case type, read from the three released event tables (SQLite, or PostgreSQL). */

let db: TestDatabase;
let orm: MikroORM;
beforeAll(async () => {
  db = await createTestDatabase();
  orm = db.orm;
});
afterAll(async () => {
  await db?.drop();
});

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 1, minute));

test('an application: lines oldest first, one instant in the order written, steps and actors kept', async () => {
  const applicationId = randomUUID();
  const line = (eventKey: string, minute: number, actorId: string | null = null) =>
    new CaseEvent({ applicationId, eventKey, step: 'acceptance', action: eventKey, actorId, actorRole: actorId ? 'township_clerk' : null, at: at(minute), dueAt: null, policySnapshotId: 'p-1', data: { round: 1 }, submissionId: null });
  const em = orm.em.fork();
  em.persist([line('b_completed', 5, 'u-clerk'), line('c_opened', 5), line('a_opened', 1)]);
  await em.flush();
  const lines = await readApplicationTimeline(orm.em.fork(), applicationId);
  expect(lines.map((l) => l.key)).toEqual(['a_opened', 'b_completed', 'c_opened']);
  expect(lines[1]).toEqual({ caseType: 'application', caseId: applicationId, key: 'b_completed', action: 'b_completed', step: 'acceptance', at: at(5), actorId: 'u-clerk', actorRole: 'township_clerk', reasonCode: null, policySnapshotId: 'p-1', data: { round: 1 } });
});

test('an emergency request and a household read from their own tables into the same shape', async () => {
  const requestId = randomUUID();
  const householdId = randomUUID();
  const em = orm.em.fork();
  em.persist(new EmergencyEvent({ requestId, eventKey: 'rejected', action: 'rejected', actorId: 'u-rev', actorRole: 'township_reviewer', at: at(3), reasonCode: 'not_urgent', policySnapshotId: 'p-2', data: null }));
  em.persist(new EmergencyEvent({ requestId, eventKey: 'raised', action: 'raised', actorId: 'u-clerk', actorRole: 'township_clerk', at: at(1), reasonCode: null, policySnapshotId: 'p-2', data: { amountAskedFen: 90_000 } }));
  em.persist(new LifecycleEvent({ key: `${householdId}:t:closed`, householdId, type: 're_review_closed', code: 'continue', effectiveMonth: null, data: { actor: { userId: 'u-inv', role: 'township_investigator' } }, at: at(9) }));
  await em.flush();

  const request = await readEmergencyTimeline(orm.em.fork(), requestId);
  expect(request.map((l) => [l.key, l.reasonCode, l.step])).toEqual([['raised', null, null], ['rejected', 'not_urgent', null]]);
  const household = await readRecipientTimeline(orm.em.fork(), householdId);
  expect(household).toEqual([expect.objectContaining({ caseType: 'recipient', action: 're_review_closed', reasonCode: 'continue', actorId: 'u-inv', at: at(9) })]);
});
