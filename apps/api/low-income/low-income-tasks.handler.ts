import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import { LowIncomeHousehold } from '../../../activities/low-income/low-income-household.entity';
import { CalendarService } from '../../../activities/regions/calendar.service';
import type { Task } from '../../../activities/tasks/task.entity';
import { completeRecheckUpdate, lowIncomeRecheckWorkflowId } from '../../../workflows/low-income/definitions';
import type { AuthUser } from '../auth/auth.types';
import { UpdateTaskHandler, decisionUpdate, type DecisionUpdate } from '../inbox/update-task-handler';
import { LOW_INCOME_DECISION_SCHEMAS, type LowIncomeDecision } from './low-income-decision.schemas';

/**
 * Re-checks of 低收入 households (复核): decided by the register entry's re-check workflow, which refuses a task it
 * no longer has open (stale) or a role other than the investigator's, and places the household again.
 */
@Injectable()
export class LowIncomeTasksHandler extends UpdateTaskHandler<LowIncomeDecision> {
  readonly caseType = 'low_income' as const;
  readonly decisions = LOW_INCOME_DECISION_SCHEMAS;

  constructor(temporal: Client, calendars: CalendarService) {
    super(temporal, calendars);
  }

  workflowId(task: Task): string {
    return lowIncomeRecheckWorkflowId(task.caseId);
  }

  protected async householdOf(em: EntityManager, caseId: string): Promise<string | null> {
    return (await em.findOne(LowIncomeHousehold, caseId, { fields: ['id', 'householdId'] }))?.householdId ?? null;
  }

  protected decisionUpdate(user: AuthUser, task: Task, body: LowIncomeDecision, submissionId: string): DecisionUpdate {
    const findings = { members: body.members, totalIncomeFen: body.totalIncomeFen, assetsWithinLimits: body.assetsWithinLimits };
    return decisionUpdate(completeRecheckUpdate, { taskId: task.id, step: body.step, submissionId, actor: { userId: user.id, role: user.role }, findings });
  }
}
