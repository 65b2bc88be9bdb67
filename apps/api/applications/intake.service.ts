import { randomUUID, randomInt } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import type { Env } from '../../../config/env.schema';
import { Application } from '../../../activities/application/application.entity';
import { CaseStarter } from '../../../activities/application/case-starter';
import { appendEvent } from '../../../activities/application/timeline';
import { CheckAuthorization } from '../../../activities/households/check-authorization.entity';
import { Household } from '../../../activities/households/household.entity';
import { ageOn } from '../../../workflows/domain/age';
import { KinRegisterEntry } from '../../../activities/integrity/kin-register.entity';
import { matchKin } from '../../../activities/integrity/kin-match';
import { Member } from '../../../activities/households/member.entity';
import { idDigest, statusLookupDigest } from '../../../activities/households/personal-data';
import { claimPeople } from '../../../activities/households/person-claims';
import { PolicyService } from '../../../activities/regions/policy.service';
import { Region } from '../../../activities/regions/region.entity';
import { withinSubtree } from '../../../activities/regions/region.repository';
import { isoDate, shanghaiDay } from '../../../workflows/domain/calendar';
import { caseNumber as programCaseNumber } from '../../../workflows/casework/program';
import { PROGRAMS } from '../../../workflows/programs/registry';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, UnprocessableError } from '../common/errors';
import { ENV } from '../infra/tokens';
import type { CreateApplicationBody } from './applications.schemas';

const CASE_NO_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * 户主申请 at the single window (一门受理): the household, its members and the application are written in one
 * transaction, then the workflow is started. If Temporal cannot be reached the application is still accepted; the
 * relay in the worker starts it as soon as it can (nothing accepted is ever lost).
 */
@Injectable()
export class IntakeService {
  private readonly logger = new Logger('intake');

  constructor(
    private readonly orm: MikroORM,
    private readonly policies: PolicyService,
    private readonly starter: CaseStarter,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async submit(user: AuthUser, body: CreateApplicationBody) {
    const application = await this.orm.em.fork().transactional((em) => this.write(em, user, body));
    let workflowStarted = true;
    try {
      await this.starter.start(application.id);
    } catch (err) {
      workflowStarted = false;
      this.logger.warn(`workflow of application ${application.id} not started yet (${err instanceof Error ? err.name : 'error'}); the relay will retry`);
    }
    return { id: application.id, caseNo: application.caseNo, status: application.status, policySnapshotId: application.policySnapshotId, workflowStarted };
  }

  private async write(em: EntityManager, user: AuthUser, body: CreateApplicationBody): Promise<Application> {
    const region = await em.findOne(Region, body.regionCode);
    if (!region || region.level !== 'village' || !region.area || !withinSubtree(region.path, user.regionPath)) {
      throw new UnprocessableError([{ field: 'regionCode', rule: 'must be a village or community within your region' }]);
    }
    const digests = body.members.map((m) => idDigest(this.env.PII_DIGEST_KEY, m.idNumber));
    const now = new Date();
    const householdId = randomUUID();
    const applicationId = randomUUID();
    // One person, one open case: the claims' primary key refuses a person already in a case or enrolled.
    if (!(await claimPeople(em, { digests, householdId, applicationId, at: now }))) {
      throw new ConflictError('duplicate_application', 'a member of this household already has a case in progress or is enrolled');
    }

    const kin = matchKin(await em.find(KinRegisterEntry, { relativeDigest: { $in: digests } }), digests);
    const policy = await this.policies.resolveFor(em, region.code);
    const household = new Household({ id: householdId, regionCode: region.code, regionPath: region.path, area: region.area, address: body.address, phone: body.phone });
    household.bankAccount = body.bankAccount?.accountNumber ?? null;
    household.bankName = body.bankAccount?.bankName ?? null;
    body.members.forEach((m, i) => {
      const member = new Member({ id: randomUUID(), position: i, name: m.name, idNumber: m.idNumber, idDigest: digests[i], relation: m.relation, birthDate: m.birthDate, declaredMonthlyIncomeFen: m.declaredMonthlyIncomeFen, disabilityGrade: m.disabilityGrade });
      household.members.add(member);
    });
    const application = new Application({
      id: applicationId,
      caseNo: caseNumber(region.code, now),
      householdId: household.id,
      regionCode: region.code,
      regionPath: region.path,
      policySnapshotId: policy.snapshotId,
      missingDocuments: body.missingDocuments,
      relativeOfStaff: kin.flagged,
      submittedById: user.id,
      submittedAt: now,
    });
    application.excludedUserIds = kin.excludedUserIds;
    application.declaredAssets = body.declaredAssets;
    const applicant = body.members.find((m) => m.relation === 'head') ?? body.members[0]!;
    application.statusLookupDigest = statusLookupDigest(this.env.PII_DIGEST_KEY, application.caseNo, applicant.idNumber);
    // 家庭经济状况核对授权书: signed by every member of age (all members when none is), taken with the application.
    const today = isoDate(shanghaiDay(now.getTime()));
    const members = household.members.getItems();
    const adults = members.filter((m) => ageOn(m.birthDate, today) >= 18);
    const authorization = new CheckAuthorization({
      id: randomUUID(),
      householdId: household.id,
      applicationId: application.id,
      signerMemberIds: (adults.length > 0 ? adults : members).map((m) => m.id),
      signedOn: body.authorizationSignedOn ?? today,
      recordedById: user.id,
      recordedAt: now,
    });
    em.persist([household, application, authorization]);
    await em.flush();
    await appendEvent(em, {
      applicationId: application.id,
      key: 'submitted',
      step: 'submitted',
      action: 'submitted',
      at: now,
      actor: { userId: user.id, role: user.role },
      data: { members: body.members.length, missingDocuments: body.missingDocuments.join(',') || null, policy: policy.label },
    });
    if (kin.flagged) {
      await appendEvent(em, {
        applicationId: application.id,
        key: 'kin_flagged',
        step: 'submitted',
        action: 'kin_flagged',
        at: now,
        data: { registerEntries: kin.entryIds.join(','), excludedStaff: kin.excludedUserIds.length },
      });
    }
    return application;
  }
}

function caseNumber(regionCode: string, at: Date): string {
  const day = isoDate(shanghaiDay(at.getTime()));
  const suffix = Array.from({ length: 5 }, () => CASE_NO_ALPHABET[randomInt(CASE_NO_ALPHABET.length)]).join('');
  return programCaseNumber(PROGRAMS.dibao, regionCode.slice(0, 6), day, suffix);
}
