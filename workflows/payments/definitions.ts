import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { CASEWORK_REJECTIONS } from '../casework/rejections';
import type { Actor } from '../application/decisions';
import type { Role } from '../domain/roles';

/**
 * The durable contract of the monthly payment run (发放): type name, queue, id scheme, input, updates and query.
 * Names here are stored in histories: never rename them after release. Ids, codes, months and fen only: bank
 * accounts and names stay in the database.
 */

export const PAYMENT_WORKFLOW_TYPE = 'paymentRunWorkflow';
export const PAYMENT_TASK_QUEUE = 'assistance-payments';

/** The payment queue beside a configured application queue (tests and shared clusters give each run its own). */
export function paymentTaskQueue(applicationQueue?: string): string {
  return applicationQueue ? `${applicationQueue}-payments` : PAYMENT_TASK_QUEUE;
}

/** One batch per county, month and attempt (a rejected batch may be prepared again as the next attempt). */
export function paymentBatchId(countyCode: string, month: string, attempt: number): string {
  return `pay-${countyCode}-${month}-${attempt}`;
}

export function paymentRunWorkflowId(batchId: string): string {
  return `payment-run-${batchId}`;
}

/** The business idempotency key of one payment: an entitlement row is paid at most once, whatever the batch. */
export function paymentKey(e: { householdId: string; month: string; benefitType: string; kind: string; reference: string }): string {
  return [e.benefitType, e.householdId, e.month, e.kind, ...(e.reference ? [e.reference] : [])].join(':');
}

export interface PaymentRunInput {
  batchId: string;
  countyCode: string;
  /** YYYY-MM: the entitlement month paid. */
  month: string;
  /** Whoever prepared the run: they may not approve it. */
  startedBy: Actor;
}

/** The human steps of a run. Stored in task rows: never rename. */
export type PaymentStep = 'payment_approval' | 'payment_release';

export const PAYMENT_ROLES: Record<PaymentStep, Role> = {
  payment_approval: 'county_approver',
  payment_release: 'payment_officer',
};

export type PaymentRunStatus = 'preparing' | 'awaiting_approval' | 'awaiting_release' | 'released' | 'rejected' | 'empty';

/** A decision on a payment task: the approver approves or rejects the batch; the officer releases it. */
export interface PaymentDecision {
  taskId: string;
  step: PaymentStep;
  outcome: 'approve' | 'reject' | 'release';
  actor: Actor;
  /** The stored submission (free-text reason stays there). */
  submissionId?: string;
}

export interface PaymentTotals {
  count: number;
  totalFen: number;
}

export interface PaymentRunSnapshot {
  batchId: string;
  status: PaymentRunStatus;
  totals?: PaymentTotals;
  openTasks: { taskId: string; step: PaymentStep; role: Role }[];
  approvedBy?: string;
  releasedBy?: string;
  /** How many payments the release marked released (0 on a retried release). */
  released?: number;
}

export const paymentRunStateQuery = defineQuery<PaymentRunSnapshot>('paymentRunState');
export const decidePaymentUpdate = defineUpdate<PaymentRunSnapshot, [PaymentDecision]>('decidePayment');

/**
 * Failure types of refused decisions; the API maps them to 409. The same type strings as the application workflow's,
 * so one mapping serves both (SeparationOfDuties → separation_of_duties).
 */
export const PAYMENT_REJECTIONS = {
  staleTask: CASEWORK_REJECTIONS.staleTask,
  wrongRole: CASEWORK_REJECTIONS.wrongRole,
  wrongStep: CASEWORK_REJECTIONS.wrongStep,
  separationOfDuties: CASEWORK_REJECTIONS.separationOfDuties,
} as const;
