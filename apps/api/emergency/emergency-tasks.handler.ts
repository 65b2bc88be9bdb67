import { Injectable } from '@nestjs/common';
import { updatePromptly } from '../../../activities/temporal/prompt-calls';
import { completionUpdateId } from '../inbox/case-task-handler';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import { EmergencyRequest } from '../../../activities/emergency/emergency-request.entity';
import { topUpKey } from '../../../activities/emergency/reserve-funding';
import { creditReserve } from '../../../activities/emergency/reserve.activities';
import type { Task } from '../../../activities/tasks/task.entity';
import { ledgerYear } from '../../../workflows/programs/emergency/emergency-rules';
import { ceilingOf } from '../../../activities/emergency/amount-ceiling';
import { decideUpdate, emergencyWorkflowId, verifyUpdate } from '../../../workflows/emergency/definitions';
import type { AuthUser } from '../auth/auth.types';
import { UnprocessableError } from '../common/errors';
import { asConflict } from '../common/workflow-errors';
import type { AtRiskRule } from '../inbox/at-risk-rule';
import type { CaseTaskHandler } from '../inbox/case-task-handler';
import { refuseAsRelative } from '../inbox/kin-refusal';
import { relatedToHousehold } from '../../../activities/integrity/kin-exclusion';
import type { BodyOf } from '../inbox/decision.schemas';
import { EMERGENCY_DECISION_SCHEMAS } from './emergency-decision.schemas';
import { readEmergencyTimeline } from '../../../activities/emergency/emergency-timeline';
import type { TimelineEntry } from '../../../activities/casework/timeline';

/** Decision tasks are at risk in their last hours, the follow-up on its last day. */
const AT_RISK_MS = { decision: 6 * 3_600_000, followUp: 24 * 3_600_000 };

type EmergencyBody = BodyOf<typeof EMERGENCY_DECISION_SCHEMAS>;

/**
 * Tasks of 救急难 requests: decided by the request's workflow, which is the authority on roles, stale tasks, tiers
 * and separation of duties (the approver never verifies). Free-text reasons stay with the submission.
 */
@Injectable()
export class EmergencyTasksHandler implements CaseTaskHandler<EmergencyBody> {
  readonly caseType = 'emergency' as const;
  readonly decisions = EMERGENCY_DECISION_SCHEMAS;

  constructor(
    private readonly orm: MikroORM,
    private readonly temporal: Client,
  ) {}

  /** 近亲属回避: staff registered against a member of the household neither take nor decide its emergency help. */
  async refuseExcluded(em: EntityManager, user: AuthUser, task: Task): Promise<void> {
    const request = await em.findOneOrFail(EmergencyRequest, task.caseId, { fields: ['id', 'householdId'] });
    refuseAsRelative(await relatedToHousehold(em, user.id, request.householdId));
  }

  /** Nobody approves more than was asked; a top-up is only given on approval. */
  async checkReferences(em: EntityManager, _user: AuthUser, task: Task, b: EmergencyBody): Promise<void> {
    if (b.step === 'emergency_follow_up' || b.outcome !== 'approve') {
      if ('topUpFen' in b && b.topUpFen !== undefined) throw new UnprocessableError([{ field: 'topUpFen', rule: 'is only given when approving' }]);
      return;
    }
    const request = await em.findOneOrFail(EmergencyRequest, task.caseId, { fields: ['id', 'amountAskedFen', 'kind', 'eventType', 'peopleAffected', 'policySnapshotId'] });
    if ((b.amountFen ?? 0) > request.amountAskedFen) {
      throw new UnprocessableError([{ field: 'amountFen', rule: `must not exceed the amount asked (${request.amountAskedFen} fen)` }]);
    }
    // The region's tier for the cause and household size (临时救助 amount tiers), when it sets one.
    const ceiling = await ceilingOf(em, request);
    if (ceiling !== undefined && (b.amountFen ?? 0) > ceiling) {
      throw new UnprocessableError([{ field: 'amountFen', rule: `must not exceed the tier for this cause and household size (${ceiling} fen)` }]);
    }
  }

  timeline(em: EntityManager, caseId: string): Promise<TimelineEntry[]> {
    return readEmergencyTimeline(em, caseId);
  }

  workflowId(task: Task): string {
    return emergencyWorkflowId(task.caseId);
  }

  async complete(user: AuthUser, task: Task, b: EmergencyBody): Promise<unknown> {
    const actor = { userId: user.id, role: user.role };
    const handle = this.temporal.workflow.getHandle(this.workflowId(task));
    // Only the task's own role adds money; anyone else is refused by the workflow below with nothing credited.
    if (b.step === 'emergency_fund_top_up' && b.outcome === 'approve' && b.topUpFen && user.role === task.role) await this.topUp(task, b.topUpFen);
    try {
      if (b.step === 'emergency_follow_up') {
        return await updatePromptly(this.temporal, handle, verifyUpdate, [{ taskId: task.id, outcome: b.outcome, recoveryFen: b.recoveryFen, actor }], completionUpdateId(task.id, user.id));
      }
      return await updatePromptly(this.temporal, handle, decideUpdate, [{ taskId: task.id, outcome: b.outcome, amountFen: b.amountFen ?? 0, reasonCode: b.reasonCode, actor }], completionUpdateId(task.id, user.id));
    } catch (err) {
      throw asConflict(err);
    }
  }

  /** The county's top-up lands in the fund before the workflow pays again; keyed by the task, so a retry adds nothing. */
  private async topUp(task: Task, amountFen: number): Promise<void> {
    const request = await this.orm.em.fork().findOneOrFail(EmergencyRequest, task.caseId, { fields: ['id', 'townshipCode'] });
    const year = ledgerYear(Date.now());
    await creditReserve(this.orm, { townshipCode: request.townshipCode, year, kind: 'top_up', amountFen, idempotencyKey: topUpKey(request.townshipCode, year, task.id) });
  }

  async atRiskRules(_em: EntityManager, nowMs: number): Promise<AtRiskRule[]> {
    // atRisk keeps rows with dueAt - now <= limit, that is dueAt < now + limit + 1 ms.
    return [
      { before: new Date(nowMs + AT_RISK_MS.followUp + 1), steps: ['emergency_follow_up'] },
      { before: new Date(nowMs + AT_RISK_MS.decision + 1), notSteps: ['emergency_follow_up'] },
    ];
  }

  async atRisk(_em: EntityManager, rows: Task[]): Promise<Set<string>> {
    const now = Date.now();
    return new Set(
      rows
        .filter((t) => t.status === 'open' && !t.overdue)
        .filter((t) => t.dueAt.getTime() - now <= (t.step === 'emergency_follow_up' ? AT_RISK_MS.followUp : AT_RISK_MS.decision))
        .map((t) => t.id),
    );
  }
}
