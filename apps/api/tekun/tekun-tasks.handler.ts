import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import { CalendarService } from '../../../activities/regions/calendar.service';
import type { Task } from '../../../activities/tasks/task.entity';
import { TekunCase } from '../../../activities/tekun/tekun-case.entity';
import { decideTekunTaskUpdate, tekunApplicationWorkflowId, tekunSupportWorkflowId, type TekunCommand } from '../../../workflows/tekun/definitions';
import type { AuthUser } from '../auth/auth.types';
import { UpdateTaskHandler, decisionUpdate, type DecisionUpdate } from '../inbox/update-task-handler';
import { TEKUN_DECISION_SCHEMAS, type TekunDecision } from './tekun-decision.schemas';

/**
 * Tasks of 特困供养 cases: the application's (assessment, confirmation, filing) are decided by the application
 * workflow, the annual review by the support workflow; both refuse a task they no longer have open, another role's
 * decision, or (at confirmation) an approval the assessment does not carry. The findings stay in the stored
 * submission: the workflow is sent its id and the outcome code only.
 */
@Injectable()
export class TekunTasksHandler extends UpdateTaskHandler<TekunDecision> {
  readonly caseType = 'tekun' as const;
  readonly decisions = TEKUN_DECISION_SCHEMAS;

  constructor(temporal: Client, calendars: CalendarService) {
    super(temporal, calendars);
  }

  workflowId(task: Task): string {
    return task.step === 'tekun_review' ? tekunSupportWorkflowId(task.caseId) : tekunApplicationWorkflowId(task.caseId);
  }

  protected async householdOf(em: EntityManager, caseId: string): Promise<string | null> {
    return (await em.findOne(TekunCase, caseId, { fields: ['id', 'householdId'] }))?.householdId ?? null;
  }

  protected decisionUpdate(user: AuthUser, task: Task, body: TekunDecision, submissionId: string): DecisionUpdate {
    const cmd: TekunCommand = { taskId: task.id, step: body.step, submissionId, actor: { userId: user.id, role: user.role } };
    if (body.step === 'tekun_confirmation') cmd.outcome = body.outcome;
    return decisionUpdate(decideTekunTaskUpdate, cmd);
  }
}
