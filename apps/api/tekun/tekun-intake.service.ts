import { randomInt, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { appendCaseworkEvent } from '../../../activities/casework/casework-timeline';
import { Household } from '../../../activities/households/household.entity';
import { Member } from '../../../activities/households/member.entity';
import { claimPeople } from '../../../activities/households/person-claims';
import { idDigest } from '../../../activities/households/personal-data';
import { PolicyService } from '../../../activities/regions/policy.service';
import { Region } from '../../../activities/regions/region.entity';
import { withinSubtree } from '../../../activities/regions/region.repository';
import { TekunCase } from '../../../activities/tekun/tekun-case.entity';
import { TekunApplicationStarter } from '../../../activities/tekun/tekun-starters';
import type { Env } from '../../../config/env.schema';
import { resolveSections } from '../../../config/policy/resolve';
import { caseNumber } from '../../../workflows/casework/program';
import { isoDate, shanghaiDay } from '../../../workflows/domain/calendar';
import { PROGRAMS } from '../../../workflows/programs/registry';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, UnprocessableError } from '../common/errors';
import { ENV } from '../infra/tokens';
import type { CreateTekunApplicationBody } from './tekun-case.schemas';

const CASE_NO_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * 特困供养申请 at the township: the person (found by ID digest among registered members, or registered as a one-person
 * household), the claim that keeps one person in one case (a person in a 低保 case or enrolment cannot apply, and
 * the other way round), the case and its first timeline line, in one transaction; then the workflow is started (or,
 * if Temporal cannot be reached, by the worker's relay).
 */
@Injectable()
export class TekunIntakeService {
  private readonly logger = new Logger('tekun');

  constructor(
    private readonly orm: MikroORM,
    private readonly policies: PolicyService,
    private readonly starter: TekunApplicationStarter,
    private readonly audit: AuditLog,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async submit(user: AuthUser, body: CreateTekunApplicationBody) {
    const c = await this.orm.em.fork().transactional((em) => this.write(em, user, body));
    let workflowStarted = true;
    try {
      await this.starter.start(c.id);
    } catch (err) {
      workflowStarted = false;
      this.logger.warn(`workflow of 特困 case ${c.id} not started yet (${err instanceof Error ? err.name : 'error'}); the relay will retry`);
    }
    return { id: c.id, caseNo: c.caseNo, status: c.status, workflowStarted };
  }

  private async write(em: EntityManager, user: AuthUser, body: CreateTekunApplicationBody): Promise<TekunCase> {
    const village = await em.findOne(Region, body.regionCode);
    if (!village || village.level !== 'village' || !village.area || !withinSubtree(village.path, user.regionPath)) {
      throw new UnprocessableError([{ field: 'regionCode', rule: 'must be a village or community within your region' }]);
    }
    if (!resolveSections(await this.policies.layersFor(em, village.code)).tekun) {
      throw new UnprocessableError([{ field: 'regionCode', rule: `${village.name} has no 特困供养 policy (tekun section): the region must set its standards first` }]);
    }
    const digest = idDigest(this.env.PII_DIGEST_KEY, body.person.idNumber);
    const now = new Date();
    const caseId = randomUUID();
    const known = await em.findOne(Member, { idDigest: digest }, { populate: ['household'] });
    if (known && !withinSubtree(known.household.regionPath, user.regionPath)) {
      throw new UnprocessableError([{ field: 'person.idNumber', rule: 'belongs to a household registered outside your region: its township takes the application' }]);
    }
    const household = known?.household ?? new Household({ id: randomUUID(), regionCode: village.code, regionPath: village.path, area: village.area, address: body.address, phone: body.phone });
    const member =
      known ??
      new Member({ id: randomUUID(), position: 0, name: body.person.name, idNumber: body.person.idNumber, idDigest: digest, relation: 'head', birthDate: body.person.birthDate, declaredMonthlyIncomeFen: 0, disabilityGrade: null });
    if (!known) household.members.add(member);
    if (body.bankAccount && !household.bankAccount) Object.assign(household, { bankAccount: body.bankAccount.accountNumber, bankName: body.bankAccount.bankName });
    if (!(await claimPeople(em, { digests: [digest], householdId: household.id, applicationId: caseId, at: now }))) {
      throw new ConflictError('duplicate_application', 'this person already has a case in progress or is enrolled (低保 or 特困供养)');
    }
    const c = new TekunCase({
      id: caseId,
      caseNo: caseNumber(PROGRAMS.tekun, village.code.slice(0, 6), isoDate(shanghaiDay(now.getTime())), Array.from({ length: 5 }, () => CASE_NO_ALPHABET[randomInt(CASE_NO_ALPHABET.length)]).join('')),
      householdId: household.id,
      memberId: member.id,
      regionCode: household.regionCode,
      regionPath: household.regionPath,
      area: household.area,
      submittedById: user.id,
      submittedAt: now,
    });
    em.persist([household, c]);
    await em.flush();
    await appendCaseworkEvent(em, { caseType: 'tekun', caseId, key: 'submitted', step: null, action: 'submitted', at: now, actor: { userId: user.id, role: user.role }, data: { knownPerson: Boolean(known) } });
    await this.audit.append(em, { actorId: user.id, actorRole: user.role, regionCode: village.code, action: 'tekun_applied', targetType: 'tekun_case', targetId: caseId, after: { caseNo: c.caseNo } });
    return c;
  }
}
