import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import type { TimelineEntry } from '../../../activities/casework/timeline';
import { relatedToHousehold } from '../../../activities/integrity/kin-exclusion';
import { LowIncomeHousehold } from '../../../activities/low-income/low-income-household.entity';
import { readCaseworkTimeline } from '../../../activities/casework/casework-timeline';
import { CalendarService } from '../../../activities/regions/calendar.service';
import type { Task } from '../../../activities/tasks/task.entity';
import { updatePromptly } from '../../../activities/temporal/prompt-calls';
import { completeRecheckUpdate, lowIncomeRecheckWorkflowId } from '../../../workflows/low-income/definitions';
import type { AuthUser } from '../auth/auth.types';
import { asConflict } from '../common/workflow-errors';
import { WorkingDaysAtRisk, type AtRiskRule } from '../inbox/at-risk-rule';
import { completionUpdateId, type CaseTaskHandler } from '../inbox/case-task-handler';
import { refuseAsRelative } from '../inbox/kin-refusal';
import { LOW_INCOME_DECISION_SCHEMAS, type LowIncomeDecision } from './low-income-decision.schemas';

/** Working days before its due time when an open re-check counts as at risk. */
const AT_RISK_WORKING_DAYS = 2;

/**
 * Re-checks of 低收入 households (复核): decided by the register entry's re-check workflow, which refuses a task it
 * no longer has open (stale) or a role other than the investigator's, and places the household again.
 */
@Injectable()
export class LowIncomeTasksHandler implements CaseTaskHandler<LowIncomeDecision> {
  readonly caseType = 'low_income' as const;
  readonly decisions = LOW_INCOME_DECISION_SCHEMAS;

  private readonly dueSoon: WorkingDaysAtRisk;

  constructor(
    private readonly temporal: Client,
    calendars: CalendarService,
  ) {
    this.dueSoon = new WorkingDaysAtRisk(calendars, AT_RISK_WORKING_DAYS);
  }

  /** 近亲属回避: a caseworker related to the household stays away from its re-checks. */
  async refuseExcluded(em: EntityManager, user: AuthUser, task: Task): Promise<void> {
    const record = await em.findOne(LowIncomeHousehold, task.caseId, { fields: ['id', 'householdId'] });
    refuseAsRelative(Boolean(record) && (await relatedToHousehold(em, user.id, record!.householdId)));
  }

  /** The findings reference nothing outside the body. */
  async checkReferences(): Promise<void> {}

  timeline(em: EntityManager, caseId: string): Promise<TimelineEntry[]> {
    return readCaseworkTimeline(em, 'low_income', caseId);
  }

  workflowId(task: Task): string {
    return lowIncomeRecheckWorkflowId(task.caseId);
  }

  async complete(user: AuthUser, task: Task, body: LowIncomeDecision, submissionId: string): Promise<unknown> {
    const cmd = {
      taskId: task.id,
      step: body.step,
      submissionId,
      actor: { userId: user.id, role: user.role },
      findings: { members: body.members, totalIncomeFen: body.totalIncomeFen, assetsWithinLimits: body.assetsWithinLimits },
    };
    try {
      return await updatePromptly(this.temporal, this.temporal.workflow.getHandle(this.workflowId(task)), completeRecheckUpdate, [cmd], completionUpdateId(task.id, user.id));
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
