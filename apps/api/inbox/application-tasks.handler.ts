import { Injectable } from '@nestjs/common';
import { updatePromptly } from '../../../activities/temporal/prompt-calls';
import { completionUpdateId } from './case-task-handler';
import type { EntityManager } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import { Application } from '../../../activities/application/application.entity';
import { Household } from '../../../activities/households/household.entity';
import { User } from '../../../activities/identity/user.entity';
import { CalendarService } from '../../../activities/regions/calendar.service';
import { PolicySnapshot } from '../../../activities/regions/policy-snapshot.entity';
import { withinSubtree } from '../../../activities/regions/region.repository';
import { Task } from '../../../activities/tasks/task.entity';
import type { StepDecision } from '../../../workflows/application/decisions';
import { applicationWorkflowId, completeTaskUpdate } from '../../../workflows/application/definitions';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, UnprocessableError } from '../common/errors';
import { asConflict } from '../common/workflow-errors';
import { workingDaysCutoff, type AtRiskRule } from './at-risk-rule';
import type { CaseTaskHandler } from './case-task-handler';
import { refuseAsRelative } from './kin-refusal';
import { relatedToHousehold } from '../../../activities/integrity/kin-exclusion';
import { APPLICATION_DECISION_SCHEMAS, type ApplicationDecision } from './application-decision.schemas';
import { readApplicationTimeline } from '../../../activities/application/timeline';
import type { TimelineEntry } from '../../../activities/casework/timeline';

/** Tasks of 低保 applications: decided by the application's workflow, which is the authority on steps and tiers. */
@Injectable()
export class ApplicationTasksHandler implements CaseTaskHandler<ApplicationDecision> {
  readonly caseType = 'application' as const;
  readonly decisions = APPLICATION_DECISION_SCHEMAS;

  /** atRiskWorkingDays by policy snapshot id. */
  private readonly snapshotDays = new Map<string, number>();

  constructor(
    private readonly temporal: Client,
    private readonly calendars: CalendarService,
  ) {}

  /**
   * 近亲属回避: registered relatives of a member never take or decide any task of the case, whether registered before
   * intake (kept on the application and in the workflow) or since.
   */
  async refuseExcluded(em: EntityManager, user: AuthUser, task: Task): Promise<void> {
    const application = await em.findOneOrFail(Application, task.caseId);
    refuseAsRelative(application.excludedUserIds.includes(user.id) || (await relatedToHousehold(em, user.id, application.householdId)));
  }

  /** Ids in a decision must point at this case's household and at colleagues who may take the work. */
  async checkReferences(em: EntityManager, _user: AuthUser, task: Task, body: ApplicationDecision): Promise<void> {
    if (body.step === 'home_visit') {
      const application = await em.findOneOrFail(Application, task.caseId);
      const household = await em.findOneOrFail(Household, application.householdId, { populate: ['members'] });
      const ids = new Set(household.members.getItems().map((m) => m.id));
      const given = body.incomes.map((i) => i.memberId);
      if (given.length !== ids.size || new Set(given).size !== given.length || !given.every((id) => ids.has(id))) {
        throw new UnprocessableError([{ field: 'incomes', rule: 'must assess each member of the household exactly once' }]);
      }
    }
    if (body.step === 'escalation' && body.outcome === 'reassigned') {
      const overdue = task.escalationOf ? await em.findOne(Task, task.escalationOf) : null;
      const backup = await em.findOne(User, { id: body.reassignTo!, status: 'active' });
      if (!overdue || !backup || backup.role !== overdue.role || !withinSubtree(overdue.regionPath, backup.regionPath)) {
        throw new UnprocessableError([{ field: 'reassignTo', rule: "must be an active colleague with the overdue task's role in the case's region" }]);
      }
    }
  }

  timeline(em: EntityManager, caseId: string): Promise<TimelineEntry[]> {
    return readApplicationTimeline(em, caseId);
  }

  workflowId(task: Task): string {
    return applicationWorkflowId(task.caseId);
  }

  async complete(user: AuthUser, task: Task, body: ApplicationDecision, submissionId: string): Promise<unknown> {
    const { reason: _reason, ...decision } = body;
    try {
      return await updatePromptly(this.temporal, this.temporal.workflow.getHandle(this.workflowId(task)), completeTaskUpdate, [
        { taskId: task.id, submissionId, actor: { userId: user.id, role: user.role }, decision: decision as StepDecision },
      ], completionUpdateId(task.id, user.id));
    } catch (err) {
      throw asConflict(err);
    }
  }

  /**
   * One rule per distinct atRiskWorkingDays among the policy snapshots (usually one, then without a snapshot filter);
   * 0 means never at risk, as in atRisk.
   */
  async atRiskRules(em: EntityManager, nowMs: number): Promise<AtRiskRule[]> {
    const calendar = await this.calendars.calendar();
    const ids = (await em.find(PolicySnapshot, {}, { fields: ['id'] })).map((s) => s.id);
    await this.learnDays(em, ids);
    const byDays = new Map<number, string[]>();
    for (const id of ids) {
      const days = this.snapshotDays.get(id) ?? 2;
      byDays.set(days, [...(byDays.get(days) ?? []), id]);
    }
    const single = byDays.size === 1;
    return [...byDays.entries()]
      .filter(([days]) => days > 0)
      .map(([days, ids]) => ({ before: workingDaysCutoff(calendar, nowMs, days), ...(single ? {} : { policySnapshotIds: ids }) }));
  }

  /**
   * Open tasks close to their due time (within the case policy's atRiskWorkingDays), shown before they become overdue.
   * Policies older than the setting count 2 working days.
   */
  async atRisk(em: EntityManager, rows: Task[]): Promise<Set<string>> {
    const open = rows.filter((t) => t.status === 'open' && !t.overdue);
    if (open.length === 0) return new Set();
    const calendar = await this.calendars.calendar();
    const apps = await em.find(Application, { id: { $in: [...new Set(open.map((t) => t.caseId))] } }, { fields: ['id', 'policySnapshotId'] });
    await this.learnDays(em, [...new Set(apps.map((a) => a.policySnapshotId))]);
    const threshold = new Map(apps.map((a) => [a.id, this.snapshotDays.get(a.policySnapshotId) ?? 2]));
    const now = Date.now();
    return new Set(
      open.filter((t) => {
        const days = threshold.get(t.caseId) ?? 2;
        return days > 0 && calendar.workingDaysUntil(now, t.dueAt.getTime()) <= days;
      }).map((t) => t.id),
    );
  }

  /** Snapshots never change (keyed by their content): only ones not seen before are read in full. */
  private async learnDays(em: EntityManager, ids: string[]): Promise<void> {
    const unseen = ids.filter((id) => !this.snapshotDays.has(id));
    if (unseen.length === 0) return;
    for (const s of await em.find(PolicySnapshot, { id: { $in: unseen } }, { fields: ['id', 'document'] })) this.snapshotDays.set(s.id, s.document.atRiskWorkingDays ?? 2);
  }
}
