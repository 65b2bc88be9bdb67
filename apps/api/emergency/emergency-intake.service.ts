import { randomInt, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { EmergencyRequest } from '../../../activities/emergency/emergency-request.entity';
import { EmergencyStarter } from '../../../activities/emergency/emergency-starter';
import { Household } from '../../../activities/households/household.entity';
import { Member } from '../../../activities/households/member.entity';
import { idDigest } from '../../../activities/households/personal-data';
import type { Env } from '../../../config/env.schema';
import { ENV } from '../infra/tokens';
import { PolicyService } from '../../../activities/regions/policy.service';
import { Region } from '../../../activities/regions/region.entity';
import { withinSubtree } from '../../../activities/regions/region.repository';
import { scopeOf } from '../../../activities/tasks/task.entity';
import { isoDate, shanghaiDay } from '../../../workflows/domain/calendar';
import { caseNumber as programCaseNumber } from '../../../workflows/casework/program';
import { PROGRAMS } from '../../../workflows/programs/registry';
import type { EmergencyRaiser } from '../../../workflows/emergency/definitions';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, UnprocessableError } from '../common/errors';
import type { NewHouseholdBody, RaiseEmergencyBody } from './emergency.schemas';

const CASE_NO_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const OPEN: EmergencyRequest['status'][] = ['awaiting_decision', 'paying'];

/**
 * Raising a 救急难 request (for a registered household, or one registered with the request): the request row (with its account of the event, encrypted) is committed with the policy
 * snapshot in force, then its workflow is started. If Temporal cannot be reached the request is still accepted and
 * the worker's relay starts it.
 */
@Injectable()
export class EmergencyIntakeService {
  private readonly logger = new Logger('emergency');

  constructor(
    private readonly orm: MikroORM,
    private readonly policies: PolicyService,
    private readonly starter: EmergencyStarter,
    private readonly audit: AuditLog,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async raise(user: AuthUser, body: RaiseEmergencyBody) {
    const request = await this.orm.em.fork().transactional((em) => this.write(em, user, body));
    let workflowStarted = true;
    try {
      await this.starter.start(request.id);
    } catch (err) {
      workflowStarted = false;
      this.logger.warn(`workflow of emergency request ${request.id} not started yet (${err instanceof Error ? err.name : 'error'}); the relay will retry`);
    }
    return { id: request.id, caseNo: request.caseNo, status: request.status, townshipCode: request.townshipCode, policySnapshotId: request.policySnapshotId, workflowStarted };
  }

  private async write(em: EntityManager, user: AuthUser, body: RaiseEmergencyBody): Promise<EmergencyRequest> {
    const household = body.household ? await registerHousehold(em, user, this.env.PII_DIGEST_KEY, body.household) : await em.findOne(Household, { id: body.householdId! }, { fields: ['id', 'regionCode', 'regionPath'] });
    if (!household || !withinSubtree(household.regionPath, user.regionPath)) {
      throw new UnprocessableError([{ field: 'householdId', rule: 'must be a household registered within your region' }]);
    }
    if ((await em.count(EmergencyRequest, { householdId: household.id, status: { $in: OPEN } })) > 0) {
      throw new ConflictError('duplicate_request', 'this household already has an emergency request awaiting decision or payment');
    }
    const [, , county, township] = scopeOf(household.regionPath);
    const townshipRegion = await em.findOneOrFail(Region, township);
    const policy = await this.policies.resolveFor(em, township);
    const now = new Date();
    const request = new EmergencyRequest({
      id: randomUUID(),
      caseNo: caseNumber(county, now),
      householdId: household.id,
      townshipCode: township,
      countyCode: county,
      regionPath: townshipRegion.path,
      householdRegionPath: household.regionPath,
      raisedById: user.id,
      raisedByRole: user.role as EmergencyRaiser,
      eventType: body.eventType,
      peopleAffected: body.peopleAffected,
      amountAskedFen: body.amountAskedFen,
      eventDescription: body.eventDescription,
      need: body.need,
      policySnapshotId: policy.snapshotId,
      createdAt: now,
    });
    request.kind = body.kind;
    em.persist(request);
    await em.flush();
    await this.audit.append(em, {
      actorId: user.id,
      actorRole: user.role,
      regionCode: township,
      action: 'emergency_raised',
      targetType: 'emergency_request',
      targetId: request.id,
      after: { kind: body.kind, eventType: body.eventType, peopleAffected: body.peopleAffected, amountAskedFen: body.amountAskedFen },
    });
    return request;
  }
}

/**
 * The household a request for someone never seen before is for: the registered household its head already belongs to
 * (found by ID digest, never by the number), or a new register entry with its members — no application needed.
 */
async function registerHousehold(em: EntityManager, user: AuthUser, digestKey: string, body: NewHouseholdBody): Promise<Household> {
  const village = await em.findOne(Region, body.regionCode);
  if (!village || village.level !== 'village' || !village.area || !withinSubtree(village.path, user.regionPath)) {
    throw new UnprocessableError([{ field: 'household.regionCode', rule: 'must be a village or community within your region' }]);
  }
  const digests = body.members.map((m) => idDigest(digestKey, m.idNumber));
  const head = body.members.findIndex((m) => m.relation === 'head');
  const known = await em.findOne(Member, { idDigest: digests[head] }, { populate: ['household'] });
  if (known) return known.household;
  const household = new Household({ id: randomUUID(), regionCode: village.code, regionPath: village.path, area: village.area, address: body.address, phone: body.phone });
  body.members.forEach((m, i) =>
    household.members.add(
      new Member({ id: randomUUID(), position: i, name: m.name, idNumber: m.idNumber, idDigest: digests[i], relation: m.relation, birthDate: m.birthDate, declaredMonthlyIncomeFen: m.declaredMonthlyIncomeFen, disabilityGrade: m.disabilityGrade }),
    ),
  );
  em.persist(household);
  await em.flush();
  return household;
}

function caseNumber(countyCode: string, at: Date): string {
  const day = isoDate(shanghaiDay(at.getTime()));
  const suffix = Array.from({ length: 5 }, () => CASE_NO_ALPHABET[randomInt(CASE_NO_ALPHABET.length)]).join('');
  return programCaseNumber(PROGRAMS.emergency, countyCode, day, suffix);
}
