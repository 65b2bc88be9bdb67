import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { CASEWORK_REJECTIONS } from '../casework/rejections';
import type { CasePolicy } from '../../config/policy/policy.schema';
import type { Actor } from '../application/decisions';
import type { Role } from '../domain/roles';
import type { ApprovalTier } from '../programs/emergency/emergency-rules';

/**
 * The durable contract of the 救急难 (先行救助) workflow: type name, id scheme, input, result, updates and query.
 * Names here are stored in histories: never rename them after release. Ids, codes and fen only.
 */

export const EMERGENCY_WORKFLOW_TYPE = 'emergencyWorkflow';

/** The task queue of emergency workflows and their activities: urgent work never waits behind routine cases. */
export const EMERGENCY_TASK_QUEUE = 'assistance-emergency';

/** One workflow per emergency request. */
export function emergencyWorkflowId(requestId: string): string {
  return `emergency-${requestId}`;
}

/** The business idempotency key of the one payment of a request. */
export function emergencyPaymentKey(requestId: string): string {
  return `emergency:${requestId}:payment`;
}

export type EmergencyRaiser = 'village_assistant' | 'township_clerk' | 'applicant';

export interface EmergencyInput {
  requestId: string;
  townshipCode: string;
  countyCode: string;
  /** What was asked, in fen. */
  amountAskedFen: number;
  policy: CasePolicy;
  raisedBy: { userId: string; role: EmergencyRaiser };
}

/** The human steps of a request. Stored in task rows: never rename. */
export type EmergencyStep = 'emergency_township_decision' | 'emergency_county_decision' | 'emergency_fund_top_up' | 'emergency_follow_up';

export const EMERGENCY_ROLES: Record<EmergencyStep, Role> = {
  emergency_township_decision: 'township_reviewer',
  emergency_county_decision: 'county_approver',
  emergency_fund_top_up: 'county_approver',
  emergency_follow_up: 'township_investigator',
};

/** `verified`: the follow-up is done and referrals may still be made until the referral window passes. */
export type EmergencyStatus = 'awaiting_decision' | 'paying' | 'follow_up' | 'verified' | 'rejected' | 'closed';

/** Referrals after verification, within the policy's referral window (histories before it close at verification). */
export const REFERRAL_WINDOW_PATCH = 'referral-window-after-verification';

/** The referral window of policies written before the setting, in calendar days. */
export const DEFAULT_REFERRAL_WINDOW_DAYS = 30;

/** A decision of the township or the county. On a top-up task, approve means the county topped up the fund. */
export interface DecideCommand {
  taskId: string;
  outcome: 'approve' | 'reject';
  /** Approved amount in fen (may be lower than asked); ignored on reject. */
  amountFen: number;
  actor: Actor;
  /** Code of the written reason (stored beside the submission, never free text here). */
  reasonCode?: string;
}

export interface VerifyCommand {
  taskId: string;
  outcome: 'proper' | 'improper';
  /** Amount to recover in fen: 0 when proper, 1..paid when improper. */
  recoveryFen: number;
  actor: Actor;
}

export const REFERRAL_KINDS = ['dibao', 'medical', 'education', 'housing', 'employment'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

export interface ReferCommand {
  kind: ReferralKind;
  /** Code of the receiving department. */
  department: string;
  /** Household id; required for a 低保 referral, which starts a linked application. */
  householdRef?: string;
  actor: Actor;
}

export interface EmergencyTaskView {
  taskId: string;
  step: EmergencyStep;
  role: Role;
  dueAt: number;
  overdue: boolean;
}

export interface ReferralView {
  kind: ReferralKind;
  department: string;
  status: 'referred';
  applicationId?: string;
}

/** What the request looks like now; returned by the query and by every accepted update. */
export interface EmergencySnapshot {
  requestId: string;
  status: EmergencyStatus;
  tier?: ApprovalTier;
  approvedFen?: number;
  openTasks: EmergencyTaskView[];
  /** Set when the township let its decision limit pass and the county took over. */
  escalated: boolean;
  payment?: { paymentId: string; amountFen: number };
  verification?: { outcome: 'proper' | 'improper'; recoveryFen: number };
  referrals: ReferralView[];
  policy: { snapshotId: string; label: string };
}

export type EmergencyOutcome = Pick<EmergencySnapshot, 'status' | 'approvedFen' | 'payment' | 'verification' | 'referrals'>;

export const emergencyStateQuery = defineQuery<EmergencySnapshot>('emergencyState');
export const decideUpdate = defineUpdate<EmergencySnapshot, [DecideCommand]>('decide');
export const verifyUpdate = defineUpdate<EmergencySnapshot, [VerifyCommand]>('verify');
export const referUpdate = defineUpdate<EmergencySnapshot, [ReferCommand]>('refer');

/** Failure types of rejected updates; the API maps them to 409 with the reason. */
export const EMERGENCY_REJECTIONS = {
  staleTask: CASEWORK_REJECTIONS.staleTask,
  wrongRole: CASEWORK_REJECTIONS.wrongRole,
  wrongStep: CASEWORK_REJECTIONS.wrongStep,
  separationOfDuties: CASEWORK_REJECTIONS.separationOfDuties,
  invalidAmount: 'InvalidAmount',
  notInFollowUp: 'NotInFollowUp',
  duplicateReferral: 'DuplicateReferral',
  invalidReferral: 'InvalidReferral',
} as const;
