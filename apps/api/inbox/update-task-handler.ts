import type { EntityManager } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { readCaseworkTimeline } from '../../../activities/casework/casework-timeline';
import type { TimelineEntry } from '../../../activities/casework/timeline';
import { relatedToHousehold } from '../../../activities/integrity/kin-exclusion';
import type { CalendarService } from '../../../activities/regions/calendar.service';
import type { Task } from '../../../activities/tasks/task.entity';
import { updatePromptly } from '../../../activities/temporal/prompt-calls';
import type { CaseType } from '../../../workflows/domain/cases';
import type { AuthUser } from '../auth/auth.types';
import { asConflict } from '../common/workflow-errors';
import { WorkingDaysAtRisk, type AtRiskRule } from './at-risk-rule';
import { completionUpdateId, type CaseTaskHandler } from './case-task-handler';
import type { DecisionBody, DecisionSchemas } from './decision.schemas';
import { refuseAsRelative } from './kin-refusal';

/** What a decision sends to the case's workflow: the update and its one argument (ids and codes only). */
export interface DecisionUpdate {
  update: UpdateDefinition<unknown, [unknown]>;
  arg: unknown;
}

/** A decision's update with its argument, checked against each other here and carried untyped from then on. */
export function decisionUpdate<R, A>(update: UpdateDefinition<R, [A]>, arg: A): DecisionUpdate {
  return { update: update as unknown as DecisionUpdate['update'], arg };
}

/**
 * The usual handler of a case type on the kernel: each task decided by one update of the case's workflow, the
 * caseworkers related to the case's household kept away, the history in the shared timeline, and open tasks at risk
 * a few working days before their due time. A case type names its workflow, its household and its update.
 */
export abstract class UpdateTaskHandler<B extends DecisionBody> implements CaseTaskHandler<B> {
  abstract readonly caseType: CaseType;
  abstract readonly decisions: DecisionSchemas;

  private readonly dueSoon: WorkingDaysAtRisk;

  constructor(
    protected readonly temporal: Client,
    calendars: CalendarService,
    atRiskWorkingDays = 2,
  ) {
    this.dueSoon = new WorkingDaysAtRisk(calendars, atRiskWorkingDays);
  }

  abstract workflowId(task: Task): string;

  /** The household whose relatives stay away from the case; null when there is none. */
  protected abstract householdOf(em: EntityManager, caseId: string): Promise<string | null>;

  /** The update that takes this decision, with its argument. */
  protected abstract decisionUpdate(user: AuthUser, task: Task, body: B, submissionId: string): DecisionUpdate;

  /** 近亲属回避: a caseworker related to the household stays away from the case's tasks. */
  async refuseExcluded(em: EntityManager, user: AuthUser, task: Task): Promise<void> {
    const householdId = await this.householdOf(em, task.caseId);
    refuseAsRelative(householdId !== null && (await relatedToHousehold(em, user.id, householdId)));
  }

  /** Decisions that reference nothing outside their body; a case type whose do overrides this. */
  async checkReferences(_em: EntityManager, _user: AuthUser, _task: Task, _body: B): Promise<void> {}

  timeline(em: EntityManager, caseId: string): Promise<TimelineEntry[]> {
    return readCaseworkTimeline(em, this.caseType, caseId);
  }

  async complete(user: AuthUser, task: Task, body: B, submissionId: string): Promise<unknown> {
    const { update, arg } = this.decisionUpdate(user, task, body, submissionId);
    try {
      return await updatePromptly(this.temporal, this.temporal.workflow.getHandle(this.workflowId(task)), update, [arg], completionUpdateId(task.id, user.id));
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
