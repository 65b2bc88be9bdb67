import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { insertOnce } from '../db/idempotent';
import { releaseClaims } from '../households/person-claims';
import { Entitlement } from './entitlement.entity';
import { LifecycleEvent } from './lifecycle-event.entity';
import type { NoticeKind, RecipientActivities } from './recipient.contract';
import { Recipient } from './recipient.entity';
import { RecoveryPlan } from './recovery-plan.entity';

type LedgerActivities = Pick<RecipientActivities, 'recordEntitlement' | 'issueNotice' | 'recordStatus' | 'openRecoveryPlan'>;

/** Notices whose amount is the one paid from their effective month on. */
const AMOUNT_NOTICES: ReadonlySet<NoticeKind> = new Set(['continue', 'increase', 'decrease', 'standard_change', 'gradual_exit_cancelled']);

/**
 * The recipient workflow's writes to our own database. Each is one insert guarded by a unique key (the entitlement's
 * household + month + type + kind + reference, or the event key the workflow fixed), so a retry or a concurrent
 * duplicate is a no-op that reports `created: false` instead of failing. One forked EntityManager per call. Status
 * changes and new amounts are copied onto the enrolment row (setting the same value again is harmless), so lists
 * and the 长期公示 register show what the workflow decided.
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
    issueNotice: async (input) => {
      await event({
        key: input.noticeId,
        householdId: input.householdId,
        type: 'notice',
        code: input.kind,
        effectiveMonth: input.effectiveMonth,
        data: { amountFen: input.amountFen, reasonCode: input.reasonCode ?? null, derivation: input.derivation ?? null },
        at: input.at,
      });
      if (input.recipientId && AMOUNT_NOTICES.has(input.kind)) {
        await orm.em.fork().nativeUpdate(Recipient, { id: input.recipientId }, { monthlyBenefitFen: input.amountFen });
      }
    },
    openRecoveryPlan: async (input) => {
      await insertOnce(
        orm.em.fork(),
        new RecoveryPlan({ id: randomUUID(), householdId: input.householdId, reference: input.reference, totalFen: input.totalFen, months: input.months, createdAt: new Date(input.at) }),
      );
    },
    recordStatus: async (input) => {
      await event({
        key: input.key,
        householdId: input.householdId,
        type: 'status',
        code: input.status,
        effectiveMonth: input.effectiveMonth,
        data: { reasonCode: input.reasonCode, actor: input.actor ?? null },
        at: input.at,
      });
      if (input.status === 'terminated') {
        // No payment will come to deduct from: what is still owed is repaid by the household.
        await orm.em.fork().nativeUpdate(RecoveryPlan, { householdId: input.householdId, method: 'deduct' }, { method: 'repay' });
        // The enrolment has ended: its people may apply again (released before the row says so, so a reader who
        // sees it terminated can apply at once).
        await releaseClaims(orm.em.fork(), { householdId: input.householdId });
      }
      if (input.recipientId) await orm.em.fork().nativeUpdate(Recipient, { id: input.recipientId }, { status: input.status });
    },
  };
}
