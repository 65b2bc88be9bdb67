import { Injectable } from '@nestjs/common';
import { updatePromptly } from '../../../activities/temporal/prompt-calls';
import { Client } from '@temporalio/client';
import type { Task } from '../../../activities/tasks/task.entity';
import { decidePaymentUpdate, paymentRunWorkflowId, type PaymentStep } from '../../../workflows/payments/definitions';
import type { AuthUser } from '../auth/auth.types';
import { asConflict } from '../common/workflow-errors';
import type { AtRiskRule } from './at-risk-rule';
import type { CaseTaskHandler } from './case-task-handler';
import type { DecisionBody } from './decision.schemas';
import { PAYMENT_DECISION_SCHEMAS } from './payment-decision.schemas';

/**
 * Tasks of a payment run (approval, release): decided by the run's workflow, whose validator holds the four eyes
 * (the preparer does not approve, the approver does not release). Nothing in a payment decision references other
 * records, and no 近亲属 rule applies to a whole county's batch.
 */
@Injectable()
export class PaymentTasksHandler implements CaseTaskHandler {
  readonly caseType = 'payment' as const;
  readonly steps: ReadonlySet<string> = new Set(Object.keys(PAYMENT_DECISION_SCHEMAS));

  constructor(private readonly temporal: Client) {}

  async refuseExcluded(): Promise<void> {}

  async checkReferences(): Promise<void> {}

  async complete(user: AuthUser, task: Task, body: DecisionBody, submissionId: string): Promise<unknown> {
    const { step, outcome } = body as { step: PaymentStep; outcome: 'approve' | 'reject' | 'release' };
    try {
      return await updatePromptly(this.temporal, this.temporal.workflow.getHandle(paymentRunWorkflowId(task.caseId)), decidePaymentUpdate, [
        { taskId: task.id, step, outcome, actor: { userId: user.id, role: user.role }, submissionId },
      ]);
    } catch (err) {
      throw asConflict(err);
    }
  }

  /** Payment work has no statutory limit, so nothing is ever "at risk". */
  async atRisk(): Promise<Set<string>> {
    return new Set();
  }

  async atRiskRules(): Promise<AtRiskRule[]> {
    return [];
  }
}
