import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { insertOnce } from '../db/idempotent';
import { Entitlement } from './entitlement.entity';
import { LifecycleEvent } from './lifecycle-event.entity';
import type { RecipientActivities } from './recipient.contract';

type LedgerActivities = Pick<RecipientActivities, 'recordEntitlement' | 'issueNotice' | 'recordStatus' | 'openReReviewTask'>;

/**
 * The recipient workflow's writes to our own database. Each is one insert guarded by a unique key (the entitlement's
 * household + month + type + kind + reference, or the event key the workflow fixed), so a retry or a concurrent
 * duplicate is a no-op that reports `created: false` instead of failing. One forked EntityManager per call.
 */
export function recipientLedgerActivities(orm: MikroORM): LedgerActivities {
  const event = (init: Omit<LifecycleEvent, 'at'> & { at: number }) =>
    insertOnce(orm.em.fork(), new LifecycleEvent({ ...init, at: new Date(init.at) })).then(() => undefined);

  return {
    recordEntitlement: async (input) => {
      const created = await insertOnce(
        orm.em.fork(),
        new Entitlement({
          id: randomUUID(),
          householdId: input.householdId,
          month: input.month,
          benefitType: input.benefitType,
          kind: input.kind,
          reference: input.reference ?? '',
          amountFen: input.amountFen,
          policySnapshotId: input.policySnapshotId,
          derivation: input.derivation,
          recordedAt: new Date(input.at),
        }),
      );
      return { created };
    },
    issueNotice: (input) =>
      event({
        key: input.noticeId,
        householdId: input.householdId,
        type: 'notice',
        code: input.kind,
        effectiveMonth: input.effectiveMonth,
        data: { amountFen: input.amountFen, reasonCode: input.reasonCode ?? null, derivation: input.derivation ?? null },
        at: input.at,
      }),
    recordStatus: (input) =>
      event({
        key: input.key,
        householdId: input.householdId,
        type: 'status',
        code: input.status,
        effectiveMonth: input.effectiveMonth,
        data: { reasonCode: input.reasonCode, actor: input.actor ?? null },
        at: input.at,
      }),
    openReReviewTask: (input) =>
      event({
        key: input.taskId,
        householdId: input.householdId,
        type: 're_review',
        code: input.reason,
        effectiveMonth: null,
        data: { recipientId: input.recipientId, reference: input.reference ?? null },
        at: input.at,
      }),
  };
}
