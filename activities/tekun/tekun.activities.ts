import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/core';
import { AuditLog } from '../audit/audit-log.service';
import { Notice } from '../application/notice.entity';
import { appendCaseworkEvent, findCaseworkEvent, type CaseworkEventInput } from '../casework/casework-timeline';
import { addInboxRow, closeInboxRow, findInboxRow } from '../casework/inbox-rows';
import { Member } from '../households/member.entity';
import { releaseClaims } from '../households/person-claims';
import type { CalendarService } from '../regions/calendar.service';
import { PolicyService } from '../regions/policy.service';
import { Region } from '../regions/region.entity';
import { Submission } from '../tasks/submission.entity';
import { Task } from '../tasks/task.entity';
import { layersLabel, resolveSections } from '../../config/policy/resolve';
import { ageOn } from '../../workflows/domain/age';
import { isoDate, shanghaiDay } from '../../workflows/domain/calendar';
import { addMonths, monthOf } from '../../workflows/domain/months';
import { TEKUN_REVIEW_MONTHS, TEKUN_STEPS, type TekunStep } from '../../workflows/tekun/definitions';
import { assessFindings, type TekunAssessmentRecord, type TekunFindings } from './tekun-assessment-record';
import { TekunCase } from './tekun-case.entity';
import { recordTekunEntitlement } from './tekun-ledger';
import { tekunApprovalNotice, tekunEndNotice, tekunRejectionNotice, type TekunNoticeKind } from './tekun-notices';
import type { TekunActivities } from './tekun.contract';

/**
 * The 特困供养 case's writes: inbox rows, assessments, the township's decision, filing, the monthly entitlement, the
 * review and the end. Each is keyed (task id, or case + event key) and runs in one transaction, so a retry after a
 * crash finds its own earlier write and answers as the first attempt did. `startSupport` starts the support workflow
 * after an approval commits (the worker's relay starts any it could not).
 */
export function tekunActivities(
  orm: MikroORM,
  calendars: CalendarService,
  opts: { policies?: PolicyService; audit?: AuditLog; startSupport?: (caseId: string) => Promise<void> } = {},
): TekunActivities {
  const policies = opts.policies ?? new PolicyService(orm);
  const audit = opts.audit ?? new AuditLog();
  const tx = <T>(work: (em: EntityManager) => Promise<T>) => orm.em.fork().transactional(work);
  const event = (em: EntityManager, caseId: string, line: Omit<CaseworkEventInput, 'caseType' | 'caseId'>) => appendCaseworkEvent(em, { caseType: 'tekun', caseId, ...line });
  const notice = (em: EntityManager, caseId: string, kind: TekunNoticeKind, text: string, at: number) =>
    em.persist(new Notice({ id: randomUUID(), applicationId: caseId, kind, reasonCode: null, text, issuedAt: new Date(at) }));

  /** Closes the task's row with its submission and audits the decision. */
  async function closeDecided(em: EntityManager, c: TekunCase, input: { taskId: string; submissionId: string; actor: { userId: string; role: string }; at: number }, after: Record<string, unknown>) {
    const row = await closeInboxRow(em, input.taskId, { status: 'completed', at: new Date(input.at), actorId: input.actor.userId, submissionId: input.submissionId });
    if (row) await audit.append(em, { actorId: input.actor.userId, actorRole: input.actor.role, regionCode: c.regionCode, action: 'decision', targetType: 'tekun_case', targetId: c.id, after: { taskId: input.taskId, step: row.step, ...after } });
  }

  /** Assesses the findings of a submission under the region's rules in force at `at`. */
  async function assess(em: EntityManager, c: TekunCase, step: TekunAssessmentRecord['step'], submissionId: string, at: number): Promise<TekunAssessmentRecord> {
    const submission = await em.findOneOrFail(Submission, submissionId);
    const member = await em.findOneOrFail(Member, c.memberId, { fields: ['id', 'birthDate'] });
    const layers = await policies.layersFor(em, c.regionCode, new Date(at));
    const age = ageOn(member.birthDate, isoDate(shanghaiDay(at)));
    return assessFindings(submission.payload as unknown as TekunFindings, { step, age, area: c.area, policy: resolveSections(layers), policyLabel: layersLabel(layers), at: new Date(at) });
  }

  async function openTekunTask(input: { caseId: string; taskId: string; step: TekunStep; round: number; fromMs: number }): Promise<{ dueAt: number }> {
    const due = await calendars.workingDaysFrom(input.fromMs, TEKUN_STEPS[input.step].workingDays);
    try {
      return await tx(async (em) => {
        const existing = await findInboxRow(em, input.taskId);
        if (existing) return { dueAt: existing.dueAt.getTime() };
        const c = await em.findOneOrFail(TekunCase, input.caseId);
        const region = await em.findOneOrFail(Region, c.regionCode);
        const role = TEKUN_STEPS[input.step].role;
        addInboxRow(em, { taskId: input.taskId, caseType: 'tekun', caseId: c.id, caseNo: c.caseNo, step: input.step, role, round: input.round, region, urgency: 'routine', dueAt: due.at, dueWarning: due.warning ?? null, createdAt: new Date(input.fromMs) });
        c.stage = input.step;
        await em.flush();
        await event(em, c.id, { key: `${input.taskId}:opened`, step: input.step, action: 'task_opened', at: new Date(input.fromMs), data: { taskId: input.taskId, role, regionCode: region.code, dueAt: due.at.toISOString() } });
        return { dueAt: due.at.getTime() };
      });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) return openTekunTask(input);
      throw err;
    }
  }

  return {
    openTekunTask,

    async markTekunTaskOverdue({ caseId, taskId, at }) {
      await tx(async (em) => {
        const task = await em.findOne(Task, taskId);
        if (!task) return;
        task.overdue = true;
        await event(em, caseId, { key: `${taskId}:overdue`, step: task.step, action: 'overdue', at: new Date(at), data: { taskId, dueAt: task.dueAt.toISOString() } });
      });
    },

    async recordTekunAssessment(input) {
      const key = `${input.taskId}:assessed`;
      return tx(async (em) => {
        const c = await em.findOneOrFail(TekunCase, input.caseId);
        const earlier = await findCaseworkEvent(em, 'tekun', c.id, key);
        if (earlier) return { eligible: earlier.data!.eligible as boolean, monthlySupportFen: (earlier.data!.monthlySupportFen as number | null) ?? null };
        const record = await assess(em, c, 'tekun_assessment', input.submissionId, input.at);
        Object.assign(c, { assessment: record, status: 'confirming', stage: null });
        await closeDecided(em, c, input, { eligible: record.eligibility.eligible });
        await em.flush();
        const monthlySupportFen = record.support?.totalFen ?? null;
        const data = { taskId: input.taskId, eligible: record.eligibility.eligible, unmet: record.eligibility.unmet, selfCareLevel: record.selfCare.level, mode: record.arrangement.mode, monthlySupportFen };
        await event(em, c.id, { key, step: 'tekun_assessment', action: 'tekun_assessed', at: new Date(input.at), actor: input.actor, data });
        return { eligible: record.eligibility.eligible, monthlySupportFen };
      });
    },

    async decideTekunCase(input) {
      const key = `${input.taskId}:decided`;
      const result = await tx(async (em) => {
        const c = await em.findOneOrFail(TekunCase, input.caseId);
        const earlier = await findCaseworkEvent(em, 'tekun', c.id, key);
        if (earlier) return { outcome: earlier.data!.outcome as 'approved' | 'rejected', startMonth: (earlier.data!.startMonth as string | null) ?? null };
        const record = c.assessment!;
        const approved = input.outcome === 'approve' && record.eligibility.eligible && record.support !== null;
        const startMonth = approved ? addMonths(monthOf(input.at), 1) : null;
        Object.assign(c, { decision: approved ? 'approved' : 'rejected', decidedAt: new Date(input.at), stage: null });
        if (approved) {
          Object.assign(c, {
            status: 'supported',
            selfCareLevel: record.selfCare.level,
            mode: record.arrangement.mode,
            institutionId: record.arrangement.institutionId,
            monthlySupportFen: record.support!.totalFen,
            startMonth,
            reviewDueMonth: addMonths(startMonth!, TEKUN_REVIEW_MONTHS),
          });
          notice(em, c.id, 'tekun_approval', tekunApprovalNotice({ caseNo: c.caseNo, assessment: record, startMonth: startMonth! }), input.at);
        } else {
          c.status = 'rejected';
          notice(em, c.id, 'tekun_rejection', tekunRejectionNotice({ caseNo: c.caseNo, unmet: record.eligibility.unmet }), input.at);
          // The person may apply again (to this or another program).
          await releaseClaims(em, { applicationId: c.id });
        }
        await closeDecided(em, c, input, { outcome: c.decision });
        await em.flush();
        const data = { taskId: input.taskId, outcome: c.decision, startMonth, monthlySupportFen: c.monthlySupportFen };
        await event(em, c.id, { key, step: 'tekun_confirmation', action: approved ? 'tekun_approved' : 'tekun_rejected', at: new Date(input.at), actor: input.actor, data });
        return { outcome: c.decision!, startMonth };
      });
      if (result.outcome === 'approved' && opts.startSupport) await opts.startSupport(input.caseId).catch(() => undefined);
      return result;
    },

    async fileTekunCase(input) {
      await tx(async (em) => {
        const c = await em.findOneOrFail(TekunCase, input.caseId);
        if (!c.filedAt) Object.assign(c, { filedAt: new Date(input.at), stage: c.stage === 'tekun_filing' ? null : c.stage });
        await closeDecided(em, c, input, { filed: true });
        await em.flush();
        await event(em, c.id, { key: `${input.taskId}:filed`, step: 'tekun_filing', action: 'tekun_filed', at: new Date(input.at), actor: input.actor, data: { taskId: input.taskId } });
      });
    },

    async recordTekunMonth({ caseId, month }) {
      return tx(async (em) => recordTekunEntitlement(em, policies, await em.findOneOrFail(TekunCase, caseId), month));
    },

    async applyTekunReview(input) {
      const key = `${input.taskId}:reviewed`;
      return tx(async (em) => {
        const c = await em.findOneOrFail(TekunCase, input.caseId);
        const earlier = await findCaseworkEvent(em, 'tekun', c.id, key);
        if (earlier) return { continued: earlier.data!.continued as boolean, endMonth: (earlier.data!.endMonth as string | null) ?? null };
        const record = await assess(em, c, 'tekun_review', input.submissionId, input.at);
        const continued = record.eligibility.eligible && record.support !== null;
        const endMonth = continued ? null : addMonths(monthOf(input.at), 1);
        Object.assign(c, { assessment: record, reviews: c.reviews + 1, stage: null });
        if (continued) {
          Object.assign(c, { selfCareLevel: record.selfCare.level, mode: record.arrangement.mode, institutionId: record.arrangement.institutionId, monthlySupportFen: record.support!.totalFen });
          c.reviewDueMonth = addMonths(c.reviewDueMonth!, TEKUN_REVIEW_MONTHS);
        } else {
          Object.assign(c, { status: 'ended', endedAt: new Date(input.at), endReason: 'review', endMonth });
          notice(em, c.id, 'tekun_end', tekunEndNotice({ caseNo: c.caseNo, reason: 'review', endMonth: endMonth! }), input.at);
          await releaseClaims(em, { applicationId: c.id });
        }
        await closeDecided(em, c, input, { continued });
        await em.flush();
        const data = { taskId: input.taskId, continued, endMonth, unmet: record.eligibility.unmet, selfCareLevel: record.selfCare.level, monthlySupportFen: record.support?.totalFen ?? null };
        await event(em, c.id, { key, step: 'tekun_review', action: 'tekun_reviewed', at: new Date(input.at), actor: input.actor, data });
        return { continued, endMonth };
      });
    },

    async endTekunSupport(input) {
      await tx(async (em) => {
        const c = await em.findOneOrFail(TekunCase, input.caseId);
        if (c.status === 'ended') return;
        Object.assign(c, { status: 'ended', endedAt: new Date(input.at), endReason: input.reason, endMonth: input.effectiveMonth, stage: null });
        notice(em, c.id, 'tekun_end', tekunEndNotice({ caseNo: c.caseNo, reason: input.reason, endMonth: input.effectiveMonth }), input.at);
        await releaseClaims(em, { applicationId: c.id });
        const open = await em.find(Task, { caseType: 'tekun', caseId: c.id, status: 'open' }, { fields: ['id'] });
        for (const t of open) await closeInboxRow(em, t.id, { status: 'cancelled', at: new Date(input.at), actorId: input.actor.userId });
        await em.flush();
        await event(em, c.id, { key: input.key, action: 'tekun_ended', at: new Date(input.at), actor: input.actor, data: { reason: input.reason, endMonth: input.effectiveMonth } });
      });
    },
  };
}
