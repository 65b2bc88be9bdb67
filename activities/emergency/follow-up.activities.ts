import { createHash, randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/core';
import { isoDate, shanghaiDay } from '../../workflows/domain/calendar';
import { caseNumber } from '../../workflows/casework/program';
import { PROGRAMS } from '../../workflows/programs/registry';
import { Application } from '../application/application.entity';
import { appendEvent } from '../application/timeline';
import { Household } from '../households/household.entity';
import { Member } from '../households/member.entity';
import { matchKin } from '../integrity/kin-match';
import { KinRegisterEntry } from '../integrity/kin-register.entity';
import type { PolicyService } from '../regions/policy.service';
import type { EmergencyActivities } from './emergency.contract';
import { EmergencyRequest } from './emergency-request.entity';
import { EmergencyRecovery, EmergencyReferral } from './follow-up.entity';

type FollowUpActivities = Pick<EmergencyActivities, 'recordRecovery' | 'recordReferral' | 'startLinkedApplication'>;

export interface FollowUpDeps {
  orm: MikroORM;
  policies: PolicyService;
  /** Starts the workflow of an accepted application (idempotent: CaseStarter.start). */
  startApplication: (applicationId: string) => Promise<void>;
}

/**
 * What the follow-up leaves behind: recoveries of improper payments, referrals (转介), and the 低保 application a
 * referral starts. Each is written once per business key (unique constraint), so retries are harmless.
 */
export function followUpActivities(deps: FollowUpDeps): FollowUpActivities {
  const { orm } = deps;
  return {
    async recordRecovery(input) {
      await insertOnce(orm, new EmergencyRecovery({ id: randomUUID(), recoveryKey: input.recoveryKey, requestId: input.requestId, paymentId: input.paymentId, amountFen: input.amountFen, recordedById: input.actor.userId, at: new Date(input.at) }));
    },
    async recordReferral(input) {
      await insertOnce(
        orm,
        new EmergencyReferral({ id: randomUUID(), referralKey: input.referralKey, requestId: input.requestId, kind: input.kind, department: input.department, applicationId: input.applicationId ?? null, referredById: input.actor.userId, at: new Date(input.at) }),
      );
    },
    /**
     * A normal 低保 application for the request's household, written as intake writes one and started through the
     * case starter. Its id is derived from the request, so a retry finds the same application; a household that
     * already has an application in progress is linked to that one instead of getting a second case.
     */
    async startLinkedApplication({ requestId, householdRef }) {
      const applicationId = await orm.em.fork().transactional((em) => linkApplication(em, deps.policies, requestId, householdRef));
      await deps.startApplication(applicationId);
      return { applicationId };
    },
  };
}

async function linkApplication(em: EntityManager, policies: PolicyService, requestId: string, householdRef: string): Promise<string> {
  const request = await em.findOneOrFail(EmergencyRequest, requestId, { fields: ['id', 'householdId', 'raisedById', 'linkedApplicationId'] });
  if (request.linkedApplicationId) return request.linkedApplicationId;
  if (householdRef !== request.householdId) throw new Error(`household ${householdRef} is not the household of request ${requestId}`);
  const open = await em.findOne(Application, { householdId: householdRef, status: 'in_progress' }, { fields: ['id'] });
  const id = open?.id ?? linkedApplicationId(requestId);
  if (!open && !(await em.findOne(Application, id, { fields: ['id'] }))) await writeApplication(em, policies, id, request);
  request.linkedApplicationId = id;
  await em.flush();
  return id;
}

async function writeApplication(em: EntityManager, policies: PolicyService, id: string, request: Pick<EmergencyRequest, 'id' | 'householdId' | 'raisedById'>): Promise<void> {
  const household = await em.findOneOrFail(Household, request.householdId, { fields: ['id', 'regionCode', 'regionPath'] });
  const digests = (await em.find(Member, { household: household.id }, { fields: ['idDigest'] })).map((m) => m.idDigest);
  const kin = matchKin(await em.find(KinRegisterEntry, { relativeDigest: { $in: digests } }), digests);
  const policy = await policies.resolveFor(em, household.regionCode);
  const now = new Date();
  const application = new Application({
    id,
    // Z marks a number given by a referral, not drawn at the counter.
    caseNo: caseNumber(PROGRAMS.dibao, household.regionCode.slice(0, 6), isoDate(shanghaiDay(now.getTime())), `Z${id.slice(0, 6).toUpperCase()}`),
    householdId: household.id,
    regionCode: household.regionCode,
    regionPath: household.regionPath,
    policySnapshotId: policy.snapshotId,
    missingDocuments: [],
    relativeOfStaff: kin.flagged,
    submittedById: request.raisedById,
    submittedAt: now,
  });
  application.excludedUserIds = kin.excludedUserIds;
  em.persist(application);
  await em.flush();
  await appendEvent(em, {
    applicationId: id,
    key: 'submitted',
    step: 'submitted',
    action: 'submitted',
    at: now,
    data: { referredBy: 'emergency', emergencyRequestId: request.id, members: digests.length, policy: policy.label },
  });
}

/** A UUID-shaped id derived from the request: the same request always names the same linked application. */
export function linkedApplicationId(requestId: string): string {
  const h = createHash('sha256').update(`emergency:${requestId}:dibao`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function insertOnce(orm: MikroORM, entity: EmergencyRecovery | EmergencyReferral): Promise<void> {
  try {
    await orm.em.fork().transactional(async (em) => {
      em.persist(entity);
      await em.flush();
    });
  } catch (err) {
    if (!(err instanceof UniqueConstraintViolationException)) throw err;
  }
}
