import { Injectable } from '@nestjs/common';
import { updatePromptly } from '../../../activities/temporal/prompt-calls';
import { completionUpdateId } from './case-task-handler';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import { approvalStanding } from '../../../activities/identity/approval-standing';
import { User } from '../../../activities/identity/user.entity';
import { PaymentBatch } from '../../../activities/payments/payment-batch.entity';
import { ConflictError } from '../common/errors';
import type { Task } from '../../../activities/tasks/task.entity';
import { decidePaymentUpdate, paymentRunWorkflowId, type PaymentStep } from '../../../workflows/payments/definitions';
import type { AuthUser } from '../auth/auth.types';
import { asConflict } from '../common/workflow-errors';
import type { AtRiskRule } from './at-risk-rule';
import type { CaseTaskHandler } from './case-task-handler';
import { refuseAsRelative } from './kin-refusal';
import { relatedToBatch } from '../../../activities/integrity/kin-exclusion';
import type { BodyOf } from './decision.schemas';
import { PAYMENT_DECISION_SCHEMAS } from './payment-decision.schemas';
import type { TimelineEntry } from '../../../activities/casework/timeline';

type PaymentDecision = BodyOf<typeof PAYMENT_DECISION_SCHEMAS>;

/**
 * Tasks of a payment run (approval, release): decided by the run's workflow, whose validator holds the four eyes
 * (the preparer does not approve, the approver does not release). Nothing in a payment decision references other
 * records. Whoever is registered against a payee's household stays away from the batch (近亲属回避).
 */
@Injectable()
export class PaymentTasksHandler implements CaseTaskHandler<PaymentDecision> {
  readonly caseType = 'payment' as const;
  readonly decisions = PAYMENT_DECISION_SCHEMAS;

  constructor(
    private readonly temporal: Client,
    private readonly orm: MikroORM,
  ) {}

  async refuseExcluded(em: EntityManager, user: AuthUser, task: Task): Promise<void> {
    refuseAsRelative(await relatedToBatch(em, user.id, task.caseId), 'a payee of this batch');
  }

  async checkReferences(): Promise<void> {}

  /** A payment run's history is its batch and audit entries, not a timeline table. */
  timeline(): Promise<TimelineEntry[]> {
    return Promise.resolve([]);
  }

  workflowId(task: Task): string {
    return paymentRunWorkflowId(task.caseId);
  }

  async complete(user: AuthUser, task: Task, body: PaymentDecision, submissionId: string): Promise<unknown> {
    const { step, outcome } = body as { step: PaymentStep; outcome: 'approve' | 'reject' | 'release' };
    if (step === 'payment_approval' && outcome === 'approve') await this.approverStands(user, task.caseId);
    try {
      return await updatePromptly(this.temporal, this.temporal.workflow.getHandle(this.workflowId(task)), decidePaymentUpdate, [
        { taskId: task.id, step, outcome, actor: { userId: user.id, role: user.role }, submissionId },
      ], completionUpdateId(task.id, user.id));
    } catch (err) {
      throw asConflict(err);
    }
  }

  /** An approval counts only from an account whose role predates the run and was not granted by its preparer. */
  private async approverStands(user: AuthUser, batchId: string): Promise<void> {
    const em = this.orm.em.fork();
    const [batch, approver] = await Promise.all([em.findOneOrFail(PaymentBatch, batchId), em.findOneOrFail(User, user.id)]);
    // The preparer approving is the workflow's own separation-of-duties refusal; the rest is the account's standing.
    const issue = approver.id === batch.startedById ? null : approvalStanding(approver, batch.startedById, batch.createdAt);
    if (issue) throw new ConflictError(issue.code, issue.message);
  }

  /** Payment work has no statutory limit, so nothing is ever "at risk". */
  async atRisk(): Promise<Set<string>> {
    return new Set();
  }

  async atRiskRules(): Promise<AtRiskRule[]> {
    return [];
  }
}
