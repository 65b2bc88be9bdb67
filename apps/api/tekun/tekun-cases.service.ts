import { Inject, Injectable } from '@nestjs/common';
import { MikroORM, type FilterQuery } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { Notice } from '../../../activities/application/notice.entity';
import { readCaseworkTimeline } from '../../../activities/casework/casework-timeline';
import { Member } from '../../../activities/households/member.entity';
import { maskIdNumber, maskName } from '../../../activities/households/personal-data';
import { User } from '../../../activities/identity/user.entity';
import { Entitlement } from '../../../activities/recipients/entitlement.entity';
import { Region } from '../../../activities/regions/region.entity';
import { updatePromptly } from '../../../activities/temporal/prompt-calls';
import { TekunCase } from '../../../activities/tekun/tekun-case.entity';
import { TEKUN_BENEFIT_TYPE } from '../../../activities/tekun/tekun-ledger';
import { TekunSupportStarter } from '../../../activities/tekun/tekun-starters';
import type { Env } from '../../../config/env.schema';
import { ageOn } from '../../../workflows/domain/age';
import { isoDate, shanghaiDay } from '../../../workflows/domain/calendar';
import { recipientTaskQueueFor } from '../../../workflows/recipient/definitions';
import { endTekunSupportUpdate, tekunSupportWorkflowId } from '../../../workflows/tekun/definitions';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, NotFoundError } from '../common/errors';
import { asConflict } from '../common/workflow-errors';
import { ENV } from '../infra/tokens';
import type { EndTekunSupportBody, ListTekunCasesQuery } from './tekun-case.schemas';

/** Months of entitlement a case's page shows, newest first. */
const ENTITLEMENT_MONTHS = 24;

/**
 * 特困供养 cases of the caller's subtree: the list, one case with its assessment, support, entitlements, notices and
 * timeline (the person masked: surname, ID number's region and last two characters, age), and ending the support.
 */
@Injectable()
export class TekunCasesService {
  private readonly support: TekunSupportStarter;

  constructor(
    private readonly orm: MikroORM,
    private readonly temporal: Client,
    private readonly audit: AuditLog,
    @Inject(ENV) env: Env,
  ) {
    this.support = new TekunSupportStarter(orm, temporal, recipientTaskQueueFor(env.TEMPORAL_TASK_QUEUE));
  }

  async list(user: AuthUser, query: ListTekunCasesQuery) {
    const em = this.orm.em.fork();
    const where: FilterQuery<TekunCase> = { regionPath: { $like: `${user.regionPath}%` }, ...(query.status ? { status: query.status } : {}) };
    const [rows, total] = await em.findAndCount(TekunCase, where, { orderBy: { submittedAt: 'desc', id: 'asc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    const members = new Map((await em.find(Member, { id: { $in: rows.map((r) => r.memberId) } }, { fields: ['id', 'name'] })).map((m) => [m.id, m]));
    const regions = new Map((await em.find(Region, { code: { $in: [...new Set(rows.map((r) => r.regionCode))] } }, { fields: ['code', 'name'] })).map((r) => [r.code, r.name]));
    const items = rows.map((r) => ({
      id: r.id,
      caseNo: r.caseNo,
      status: r.status,
      stage: r.stage,
      regionCode: r.regionCode,
      regionName: regions.get(r.regionCode) ?? null,
      personName: members.has(r.memberId) ? maskName(members.get(r.memberId)!.name) : null,
      submittedAt: r.submittedAt,
      monthlySupportFen: r.status === 'supported' ? r.monthlySupportFen : null,
    }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(user: AuthUser, id: string) {
    const em = this.orm.em.fork();
    const c = await em.findOne(TekunCase, { id, regionPath: { $like: `${user.regionPath}%` } });
    if (!c) throw new NotFoundError(`no 特困供养 case ${id} in your region`);
    const [member, region, notices, entitlements, timeline] = await Promise.all([
      em.findOneOrFail(Member, c.memberId, { fields: ['id', 'name', 'idNumber', 'birthDate'] }),
      em.findOneOrFail(Region, c.regionCode, { fields: ['code', 'name', 'area'] }),
      em.find(Notice, { applicationId: c.id }, { orderBy: { issuedAt: 'asc' } }),
      em.find(Entitlement, { householdId: c.householdId, benefitType: TEKUN_BENEFIT_TYPE, reference: c.id }, { orderBy: { month: 'desc' }, limit: ENTITLEMENT_MONTHS, fields: ['id', 'month', 'amountFen', 'kind'] }),
      readCaseworkTimeline(em, 'tekun', c.id),
    ]);
    const actorIds = [...new Set(timeline.map((e) => e.actorId).filter((a): a is string => a !== null))];
    const names = new Map((await em.find(User, { id: { $in: actorIds } }, { fields: ['id', 'displayName'] })).map((u) => [u.id, u.displayName]));
    const supported = c.startMonth !== null;
    return {
      id: c.id,
      caseNo: c.caseNo,
      householdId: c.householdId,
      status: c.status,
      stage: c.stage,
      region: { code: region.code, name: region.name, area: c.area },
      person: { name: maskName(member.name), idNumber: maskIdNumber(member.idNumber), age: ageOn(member.birthDate, isoDate(shanghaiDay(Date.now()))) },
      submittedAt: c.submittedAt,
      // Disability details are shown only through an audited reveal, as on every case page.
      assessment: c.assessment ? { ...c.assessment, facts: { ...c.assessment.facts, disability: c.assessment.facts.disability ? '*' : null } } : null,
      decision: c.decision ? { outcome: c.decision, at: c.decidedAt } : null,
      filedAt: c.filedAt,
      support: supported
        ? {
            status: c.status === 'ended' ? 'ended' : 'active',
            mode: c.mode,
            institutionId: c.institutionId,
            payee: c.mode === 'centralized' ? 'institution' : 'person',
            selfCareLevel: c.selfCareLevel,
            monthlySupportFen: c.monthlySupportFen,
            startMonth: c.startMonth,
            reviewDueMonth: c.reviewDueMonth,
            reviews: c.reviews,
            endedAt: c.endedAt,
            endReason: c.endReason,
            endMonth: c.endMonth,
          }
        : null,
      entitlements: entitlements.map((e) => ({ month: e.month, amountFen: e.amountFen, kind: e.kind })),
      notices: notices.map((n) => ({ kind: n.kind, text: n.text, issuedAt: n.issuedAt })),
      timeline: timeline.map((e) => ({ action: e.action, step: e.step, at: e.at, actor: e.actorId ? { userId: e.actorId, role: e.actorRole, name: names.get(e.actorId) ?? null } : null, data: e.data })),
    };
  }

  /**
   * 终止供养 (death, moving away, a supporter found able, income, other) from `effectiveMonth`: sent to the support
   * workflow, which refuses a month already recorded and a support already ended; a retry answers the first.
   */
  async end(user: AuthUser, id: string, body: EndTekunSupportBody) {
    const em = this.orm.em.fork();
    const c = await em.findOne(TekunCase, { id, regionPath: { $like: `${user.regionPath}%` } }, { fields: ['id', 'status', 'startMonth', 'regionCode'] });
    if (!c) throw new NotFoundError(`no 特困供养 case ${id} in your region`);
    if (!c.startMonth) throw new ConflictError('support_not_active', 'the case has no support to end (it is not confirmed)');
    await this.support.start(c.id);
    const cmd = { actor: { userId: user.id, role: user.role }, submissionKey: `end:${c.id}`, reason: body.reason, effectiveMonth: body.effectiveMonth };
    try {
      const state = await updatePromptly(this.temporal, this.temporal.workflow.getHandle(tekunSupportWorkflowId(c.id)), endTekunSupportUpdate, [cmd], `end-support:${c.id}`);
      // The township's account of what happened stays out of the workflow: it is kept (encrypted) in the audit log.
      await this.audit.append(em, { actorId: user.id, actorRole: user.role, regionCode: c.regionCode, action: 'tekun_ended', targetType: 'tekun_case', targetId: c.id, after: { reason: body.reason, endMonth: body.effectiveMonth }, reason: body.note });
      return { id: c.id, status: 'ended', endMonth: state.ended?.endMonth ?? body.effectiveMonth, reason: state.ended?.reason ?? body.reason };
    } catch (err) {
      throw asConflict(err);
    }
  }
}
