import { Injectable } from '@nestjs/common';
import { updatePromptly } from '../../../activities/temporal/prompt-calls';
import { completionUpdateId } from './case-task-handler';
import type { EntityManager } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import { Application } from '../../../activities/application/application.entity';
import { Household } from '../../../activities/households/household.entity';
import { Recipient } from '../../../activities/recipients/recipient.entity';
import { CalendarService } from '../../../activities/regions/calendar.service';
import type { Task } from '../../../activities/tasks/task.entity';
import { completeReReviewUpdate, recipientWorkflowId } from '../../../workflows/recipient/definitions';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, UnprocessableError } from '../common/errors';
import { asConflict } from '../common/workflow-errors';
import { WorkingDaysAtRisk, type AtRiskRule } from './at-risk-rule';
import type { CaseTaskHandler } from './case-task-handler';
import { refuseAsRelative } from './kin-refusal';
import { relatedToHousehold } from '../../../activities/integrity/kin-exclusion';
import type { BodyOf } from './decision.schemas';
import { RECIPIENT_DECISION_SCHEMAS } from './recipient-decision.schemas';
import { readRecipientTimeline } from '../../../activities/recipients/lifecycle-timeline';
import type { TimelineEntry } from '../../../activities/casework/timeline';

type RecipientDecision = BodyOf<typeof RECIPIENT_DECISION_SCHEMAS>;

/** Working days before the due time at which a re-review shows as at risk. */
const AT_RISK_WORKING_DAYS = 2;

/**
 * Tasks of recipient households (re-reviews, 复核): decided by the household's lifecycle workflow, which refuses a
 * task it no longer has open (stale) or a role other than the investigator's, and applies the outcome.
 */
@Injectable()
export class RecipientTasksHandler implements CaseTaskHandler<RecipientDecision> {
  readonly caseType = 'recipient' as const;
  readonly decisions = RECIPIENT_DECISION_SCHEMAS;

  private readonly dueSoon: WorkingDaysAtRisk;

  constructor(
    private readonly temporal: Client,
    calendars: CalendarService,
  ) {
    this.dueSoon = new WorkingDaysAtRisk(calendars, AT_RISK_WORKING_DAYS);
  }

  /** 近亲属回避: the relatives registered on the enrolling application, or since, stay away from the household's re-reviews. */
  async refuseExcluded(em: EntityManager, user: AuthUser, task: Task): Promise<void> {
    const recipient = await em.findOne(Recipient, { householdId: task.caseId }, { orderBy: { createdAt: 'desc' } });
    const application = recipient && (await em.findOne(Application, recipient.applicationId));
    refuseAsRelative(Boolean(application?.excludedUserIds.includes(user.id)) || (await relatedToHousehold(em, user.id, task.caseId)));
  }

  /** A changed assessment must give every member of the household exactly once. */
  async checkReferences(em: EntityManager, _user: AuthUser, task: Task, body: RecipientDecision): Promise<void> {
    if (body.step !== 're_review' || body.outcome !== 'change') return;
    const household = await em.findOneOrFail(Household, task.caseId, { populate: ['members'] });
    const ids = new Set(household.members.getItems().map((m) => m.id));
    const given = (body.incomes ?? []).map((i) => i.memberId);
    if (given.length !== ids.size || new Set(given).size !== given.length || !given.every((id) => ids.has(id))) {
      throw new UnprocessableError([{ field: 'incomes', rule: 'must assess each member of the household exactly once' }]);
    }
  }

  timeline(em: EntityManager, caseId: string): Promise<TimelineEntry[]> {
    return readRecipientTimeline(em, caseId);
  }

  workflowId(task: Task): string {
    return recipientWorkflowId(task.caseId);
  }

  async complete(user: AuthUser, task: Task, body: RecipientDecision, submissionId: string): Promise<unknown> {
    if (body.step !== 're_review') throw new ConflictError('wrong_step', `task ${task.id} is a re-review`);
    try {
      return await updatePromptly(this.temporal, this.temporal.workflow.getHandle(this.workflowId(task)), completeReReviewUpdate, [
        {
          taskId: task.id,
          submissionId,
          actor: { userId: user.id, role: user.role },
          outcome: body.outcome,
          incomes: body.incomes,
          deductions: body.deductions,
          reasonCode: body.reasonCode,
          effectiveMonth: body.step === 're_review' ? body.effectiveMonth : undefined,
        },
      ], completionUpdateId(task.id, user.id));
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
