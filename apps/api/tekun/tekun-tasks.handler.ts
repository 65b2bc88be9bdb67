import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import type { TimelineEntry } from '../../../activities/casework/timeline';
import { readCaseworkTimeline } from '../../../activities/casework/casework-timeline';
import { relatedToHousehold } from '../../../activities/integrity/kin-exclusion';
import { CalendarService } from '../../../activities/regions/calendar.service';
import type { Task } from '../../../activities/tasks/task.entity';
import { updatePromptly } from '../../../activities/temporal/prompt-calls';
import { TekunCase } from '../../../activities/tekun/tekun-case.entity';
import { decideTekunTaskUpdate, tekunApplicationWorkflowId, tekunSupportWorkflowId, type TekunCommand } from '../../../workflows/tekun/definitions';
import type { AuthUser } from '../auth/auth.types';
import { asConflict } from '../common/workflow-errors';
import { WorkingDaysAtRisk, type AtRiskRule } from '../inbox/at-risk-rule';
import { completionUpdateId, type CaseTaskHandler } from '../inbox/case-task-handler';
import { refuseAsRelative } from '../inbox/kin-refusal';
import { TEKUN_DECISION_SCHEMAS, type TekunDecision } from './tekun-decision.schemas';

/** Working days before its due time when an open task counts as at risk. */
const AT_RISK_WORKING_DAYS = 2;

/**
 * Tasks of 特困供养 cases: the application's (assessment, confirmation, filing) are decided by the application
 * workflow, the annual review by the support workflow; both refuse a task they no longer have open, another role's
 * decision, or (at confirmation) an approval the assessment does not carry. The findings stay in the stored
 * submission: the workflow is sent its id and the outcome code only.
 */
@Injectable()
export class TekunTasksHandler implements CaseTaskHandler<TekunDecision> {
  readonly caseType = 'tekun' as const;
  readonly decisions = TEKUN_DECISION_SCHEMAS;

  private readonly dueSoon: WorkingDaysAtRisk;

  constructor(
    private readonly temporal: Client,
    calendars: CalendarService,
  ) {
    this.dueSoon = new WorkingDaysAtRisk(calendars, AT_RISK_WORKING_DAYS);
  }

  /** 近亲属回避: a caseworker related to the person's household stays away from the case. */
  async refuseExcluded(em: EntityManager, user: AuthUser, task: Task): Promise<void> {
    const c = await em.findOne(TekunCase, task.caseId, { fields: ['id', 'householdId'] });
    refuseAsRelative(Boolean(c) && (await relatedToHousehold(em, user.id, c!.householdId)));
  }

  /** The findings reference nothing outside the body. */
  async checkReferences(): Promise<void> {}

  timeline(em: EntityManager, caseId: string): Promise<TimelineEntry[]> {
    return readCaseworkTimeline(em, 'tekun', caseId);
  }

  workflowId(task: Task): string {
    return task.step === 'tekun_review' ? tekunSupportWorkflowId(task.caseId) : tekunApplicationWorkflowId(task.caseId);
  }

  async complete(user: AuthUser, task: Task, body: TekunDecision, submissionId: string): Promise<unknown> {
    const cmd: TekunCommand = { taskId: task.id, step: body.step, submissionId, actor: { userId: user.id, role: user.role } };
    if (body.step === 'tekun_confirmation') cmd.outcome = body.outcome;
    try {
      return await updatePromptly(this.temporal, this.temporal.workflow.getHandle(this.workflowId(task)), decideTekunTaskUpdate, [cmd], completionUpdateId(task.id, user.id));
    } catch (err) {
      throw asConflict(err);
    }
  }

  atRiskRules(_em: EntityManager, nowMs: number): Promise<AtRiskRule[]> {
    return this.dueSoon.rules(nowMs);
  }

  atRisk(_em: EntityManager, rows: Task[]): Promise<Set<string>> {
    return this.dueSoon.flag(rows);
  }
}
