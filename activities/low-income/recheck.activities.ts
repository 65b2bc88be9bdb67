import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/core';
import { AuditLog } from '../audit/audit-log.service';
import { appendCaseworkEvent, findCaseworkEvent, type CaseworkEventInput } from '../casework/casework-timeline';
import { addInboxRow, closeInboxRow, findInboxRow } from '../casework/inbox-rows';
import { Application } from '../application/application.entity';
import { Notice } from '../application/notice.entity';
import { Household } from '../households/household.entity';
import type { CalendarService } from '../regions/calendar.service';
import { PolicyService } from '../regions/policy.service';
import { Region } from '../regions/region.entity';
import { Task } from '../tasks/task.entity';
import { addMonths, monthOf } from '../../workflows/domain/months';
import { LOW_INCOME_RECHECK_ROLE, LOW_INCOME_RECHECK_STEP, LOW_INCOME_RECHECK_WORKING_DAYS, type RecheckResult } from '../../workflows/low-income/definitions';
import { LOW_INCOME_REVIEW_MONTHS, placeHousehold } from '../../workflows/programs/low-income/placement';
import { LowIncomeHousehold } from './low-income-household.entity';
import type { LowIncomeRecheckActivities } from './recheck.contract';
import { lowIncomeEndNotice, type EndNoticeFacts } from './recheck-notice';

/**
 * The re-check's inbox row, overdue mark and outcome. Every write is keyed (task id, entry + event key), so a retry
 * after a crash finds its own earlier write and answers as the first attempt did.
 */
export function lowIncomeRecheckActivities(orm: MikroORM, calendars: CalendarService, policies = new PolicyService(orm), audit = new AuditLog()): LowIncomeRecheckActivities {
  const tx = <T>(work: (em: EntityManager) => Promise<T>) => orm.em.fork().transactional(work);
  const event = (em: EntityManager, recordId: string, line: Omit<CaseworkEventInput, 'caseType' | 'caseId' | 'step'>) =>
    appendCaseworkEvent(em, { caseType: 'low_income', caseId: recordId, step: LOW_INCOME_RECHECK_STEP, ...line });

  async function openRecheckTask(input: { recordId: string; taskId: string; fromMs: number }): Promise<{ dueAt: number }> {
    const due = await calendars.workingDaysFrom(input.fromMs, LOW_INCOME_RECHECK_WORKING_DAYS);
    try {
      return await tx(async (em) => {
        const existing = await findInboxRow(em, input.taskId);
        if (existing) return { dueAt: existing.dueAt.getTime() };
        const record = await em.findOneOrFail(LowIncomeHousehold, input.recordId);
        const application = await em.findOneOrFail(Application, record.applicationId, { fields: ['id', 'caseNo'] });
        const region = await em.findOneOrFail(Region, record.regionCode);
        addInboxRow(em, {
          taskId: input.taskId,
          caseType: 'low_income',
          caseId: record.id,
          caseNo: application.caseNo,
          step: LOW_INCOME_RECHECK_STEP,
          role: LOW_INCOME_RECHECK_ROLE,
          round: record.rechecks + 1,
          region,
          urgency: 'routine',
          dueAt: due.at,
          dueWarning: due.warning ?? null,
          createdAt: new Date(input.fromMs),
        });
        await em.flush();
        await event(em, record.id, {
          key: `${input.taskId}:opened`,
          action: 'task_opened',
          at: new Date(input.fromMs),
          data: { taskId: input.taskId, role: LOW_INCOME_RECHECK_ROLE, regionCode: region.code, dueAt: due.at.toISOString(), dueMonth: record.reviewDueMonth },
        });
        return { dueAt: due.at.getTime() };
      });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) return openRecheckTask(input);
      throw err;
    }
  }

  return {
    openRecheckTask,
    async markRecheckOverdue({ recordId, taskId, at }) {
      await tx(async (em) => {
        const task = await em.findOne(Task, taskId);
        if (!task) return;
        task.overdue = true;
        await event(em, recordId, { key: `${taskId}:overdue`, action: 'overdue', at: new Date(at), data: { taskId, dueAt: task.dueAt.toISOString() } });
      });
    },
    async applyRecheck({ recordId, taskId, submissionId, actor, findings, at }) {
      const key = `${taskId}:rechecked`;
      return tx(async (em): Promise<RecheckResult> => {
        const earlier = await findCaseworkEvent(em, 'low_income', recordId, key);
        if (earlier) return { placement: earlier.data!.placement as RecheckResult['placement'], nextDueMonth: (earlier.data!.nextDueMonth as string | null) ?? null };
        const record = await em.findOneOrFail(LowIncomeHousehold, recordId);
        const household = await em.findOneOrFail(Household, record.householdId, { fields: ['id', 'area'] });
        const sections = await policies.sectionsFor(em, record.regionCode, new Date(at));
        const standardFen = household.area === 'urban' ? sections.dibao.standards.urbanFen : sections.dibao.standards.ruralFen;
        const multiplier = sections.lowIncome.multiplier;
        const placement = placeHousehold({ standardFen, multiplier, ...findings });
        const nextDueMonth = placement === 'low_income' ? addMonths(monthOf(at), LOW_INCOME_REVIEW_MONTHS) : null;
        Object.assign(record, { rechecks: record.rechecks + 1, lastRecheckedAt: new Date(at), members: findings.members, totalIncomeFen: findings.totalIncomeFen, standardFen });
        record.multiplierPercent = Math.round(multiplier * 100);
        if (nextDueMonth) record.reviewDueMonth = nextDueMonth;
        else {
          Object.assign(record, { status: 'ended', endedAt: new Date(at), endedAs: placement === 'dibao' ? 'dibao' : 'none' });
          const application = await em.findOneOrFail(Application, record.applicationId, { fields: ['id', 'caseNo'] });
          const text = lowIncomeEndNotice({ caseNo: application.caseNo, placement: placement as EndNoticeFacts['placement'], standardFen, multiplier, ...findings });
          em.persist(new Notice({ id: randomUUID(), applicationId: application.id, kind: 'low_income_end', reasonCode: null, text, issuedAt: new Date(at) }));
        }
        const row = await closeInboxRow(em, taskId, { status: 'completed', at: new Date(at), actorId: actor.userId, submissionId });
        if (row) {
          await audit.append(em, { actorId: actor.userId, actorRole: actor.role, regionCode: record.regionCode, action: 'decision', targetType: 'low_income_household', targetId: recordId, after: { taskId, step: row.step, placement } });
        }
        await em.flush();
        const data = { taskId, placement, nextDueMonth, members: findings.members, totalIncomeFen: findings.totalIncomeFen, assetsWithinLimits: findings.assetsWithinLimits, standardFen, multiplierPercent: record.multiplierPercent };
        await event(em, recordId, { key, action: nextDueMonth ? 'low_income_continued' : 'low_income_ended', at: new Date(at), actor, data });
        return { placement, nextDueMonth };
      });
    },
  };
}
