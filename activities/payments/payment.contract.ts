import type { Actor } from '../../workflows/application/decisions';
import type { PaymentStep, PaymentTotals } from '../../workflows/payments/definitions';
import type { Role } from '../../workflows/domain/roles';

/**
 * The activities of the payment run, as the workflow sees them. Every write is idempotent by a business key (the
 * payment's idempotency key, the batch id, the task id) backed by a unique constraint or a conditional update.
 * Ids, codes, months and fen only: bank accounts are read and written inside the activities.
 */
export interface PaymentActivities {
  /**
   * Turns one keyset page of the month's entitlements of the county's households into payments of the batch,
   * after the entitlement id `after`; returns the last id read, or null when the page was the last.
   */
  preparePaymentPage(input: { batchId: string; after: string | null }): Promise<{ next: string | null; added: number }>;
  /** Counts the batch's payments (in SQL), stores the totals and per-township counts, and returns the totals. */
  sealPaymentBatch(input: { batchId: string; at: number }): Promise<PaymentTotals>;
  /** Creates the inbox row once per task id, in the county's inbox. */
  openPaymentTask(input: { batchId: string; taskId: string; step: PaymentStep; role: Role; at: number }): Promise<void>;
  /** Completes the task row and audits the decision (once per task id). */
  closePaymentTask(input: { batchId: string; taskId: string; outcome: 'approve' | 'reject' | 'release'; actor: Actor; submissionId?: string; at: number }): Promise<void>;
  /** Ends a rejected batch: its payments are cancelled, so a later attempt may prepare them again. */
  rejectPaymentBatch(input: { batchId: string; actor: Actor; at: number }): Promise<void>;
  /**
   * Marks the batch's prepared payments released, writes the bank export and audits the release. A retried release
   * finds nothing left to release and writes no second export: returns how many this call released. Payments of
   * households without a bank account are held instead (never an empty account line).
   */
  releasePaymentBatch(input: { batchId: string; actor: Actor; at: number }): Promise<{ released: number }>;
}
