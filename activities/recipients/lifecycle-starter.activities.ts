import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/core';
import type { ApplicationActivities } from '../application/application.contract';
import { Application } from '../application/application.entity';
import { Household } from '../households/household.entity';
import { PolicySnapshot } from '../regions/policy-snapshot.entity';
import { RECIPIENT_WORKFLOW_TYPE, recipientWorkflowId, type RecipientInput } from '../../workflows/recipient/definitions';
import { Recipient } from './recipient.entity';
import { startOnce } from '../temporal/start-once';

export interface LifecycleStarterDeps {
  orm: MikroORM;
  temporal: Client;
  /** The queue the recipients worker polls. */
  taskQueue: string;
}

/**
 * Starts the lifecycle workflow of the household an approval enrolled. Its input is built from the enrolment row:
 * ids, the policy snapshot, the category, the area, the first month, the amount and the incomes by member id (the
 * assessed ones, else the declared), never names or ID numbers. The workflow id is the household's: starting twice
 * finds it running (done), and a household whose earlier enrolment ended gets a new run under the same id.
 */
export function lifecycleStarterActivities(deps: LifecycleStarterDeps): Pick<ApplicationActivities, 'startRecipientLifecycle'> {
  return {
    async startRecipientLifecycle({ applicationId, incomes, deductions }) {
      const em = deps.orm.em.fork();
      const recipient = await em.findOne(Recipient, { applicationId });
      if (!recipient) return { started: false };
      const application = await em.findOneOrFail(Application, applicationId);
      const household = await em.findOneOrFail(Household, recipient.householdId, { populate: ['members'] });
      const snapshot = await em.findOneOrFail(PolicySnapshot, application.policySnapshotId);
      const assessed = new Map((incomes ?? []).map((i) => [i.memberId, i.monthlyIncomeFen]));
      const input: RecipientInput = {
        recipientId: recipient.id,
        householdId: recipient.householdId,
        policy: { snapshotId: snapshot.id, label: snapshot.label, document: snapshot.document },
        category: recipient.category,
        area: household.area,
        startMonth: recipient.startMonth,
        amountFen: recipient.monthlyBenefitFen,
        incomes: household.members.getItems().map((m) => ({ memberId: m.id, monthlyIncomeFen: assessed.get(m.id) ?? m.declaredMonthlyIncomeFen })),
        ...(deductions ? { deductions } : {}),
      };
      await startOnce(deps.temporal, RECIPIENT_WORKFLOW_TYPE, {
        taskQueue: deps.taskQueue,
        workflowId: recipientWorkflowId(recipient.householdId),
        // A closed run (the household left) does not block a new enrolment; a running one means this was a retry.
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        args: [input],
      });
      return { started: true };
    },
  };
}
