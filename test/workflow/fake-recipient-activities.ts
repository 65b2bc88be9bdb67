import type {
  CloseReReviewInput,
  EntitlementInput,
  NoticeInput,
  RecipientActivities,
  RecoveryPlanInput,
  ReReviewTaskInput,
  StatusInput,
} from '../../activities/recipients/recipient.contract';

/**
 * Typed in-memory stand-ins for the recipient activities, for workflow tests on the time-skipping server. They keep
 * the real uniqueness rules (one entitlement per household + month + type + kind (+ reference), one task per id,
 * one notice per id, one status row per key, one check per household and month) and count duplicate attempts, so a
 * test can prove the workflow never asks twice.
 */
export class FakeRecipientStore {
  readonly entitlements: EntitlementInput[] = [];
  readonly tasks: ReReviewTaskInput[] = [];
  /** Re-review tasks closed, completed or cancelled, once per task id. */
  readonly closed: CloseReReviewInput[] = [];
  readonly notices: NoticeInput[] = [];
  readonly statuses: StatusInput[] = [];
  readonly checks: { householdId: string; month: string }[] = [];
  /** Recovery plans of overpayments, once per household and reference. */
  readonly plans: RecoveryPlanInput[] = [];
  /** Months whose economic check finds a material change. */
  readonly materialMonths = new Set<string>();
  duplicates = 0;

  /** Entitlement rows of one kind, as 'YYYY-MM' months in the order they were written. */
  months(kind: EntitlementInput['kind'] = 'regular'): string[] {
    return this.entitlements.filter((e) => e.kind === kind).map((e) => e.month);
  }

  activities(): RecipientActivities {
    return {
      recordEntitlement: async (input) => {
        const key = (e: EntitlementInput) => [e.householdId, e.month, e.benefitType, e.kind, e.reference ?? ''].join('|');
        if (this.entitlements.some((e) => key(e) === key(input))) {
          this.duplicates += 1;
          return { created: false };
        }
        this.entitlements.push(input);
        return { created: true };
      },
      openReReviewTask: async (input) => {
        if (this.tasks.some((t) => t.taskId === input.taskId)) this.duplicates += 1;
        else this.tasks.push(input);
      },
      closeReReviewTask: async (input) => {
        if (this.closed.some((c) => c.taskId === input.taskId)) this.duplicates += 1;
        else this.closed.push(input);
      },
      runEconomicCheck: async ({ householdId, month }) => {
        if (!this.checks.some((c) => c.householdId === householdId && c.month === month)) this.checks.push({ householdId, month });
        const material = this.materialMonths.has(month);
        return { reportId: `${householdId}:report:${month}`, flags: material ? ['income_above_declared'] : [], materialChange: material };
      },
      issueNotice: async (input) => {
        if (this.notices.some((n) => n.noticeId === input.noticeId)) this.duplicates += 1;
        else this.notices.push(input);
      },
      openRecoveryPlan: async (input) => {
        if (this.plans.some((p) => p.householdId === input.householdId && p.reference === input.reference)) this.duplicates += 1;
        else this.plans.push(input);
      },
      recordStatus: async (input) => {
        if (this.statuses.some((s) => s.key === input.key)) this.duplicates += 1;
        else this.statuses.push(input);
      },
    };
  }
}
