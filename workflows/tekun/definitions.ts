import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../application/decisions';
import { CASEWORK_REJECTIONS } from '../casework/rejections';
import type { Month } from '../domain/months';
import type { Role } from '../domain/roles';

/**
 * The 特困供养 case type: a person's application (调查评估 → 乡镇审核确认 → 县级备案) and, once confirmed, the support
 * it pays (a monthly entitlement, an annual review, an end on death or change). Two workflows per case, both keyed by
 * the case id; their payloads carry ids, codes and fen only — the person's facts stay in the database (the decision's
 * stored submission). Names are durable.
 */
export const TEKUN_APPLICATION_WORKFLOW_TYPE = 'tekunApplicationWorkflow';
export const TEKUN_SUPPORT_WORKFLOW_TYPE = 'tekunSupportWorkflow';

export function tekunApplicationWorkflowId(caseId: string): string {
  return `tekun-application:${caseId}`;
}

export function tekunSupportWorkflowId(caseId: string): string {
  return `tekun-support:${caseId}`;
}

/** The human steps of a 特困供养 case, in order; the review recurs once a year while the support runs. */
export const TEKUN_STEPS = {
  tekun_assessment: { role: 'township_investigator', workingDays: 10 },
  tekun_confirmation: { role: 'township_reviewer', workingDays: 10 },
  tekun_filing: { role: 'county_approver', workingDays: 10 },
  tekun_review: { role: 'township_investigator', workingDays: 20 },
} as const satisfies Record<string, { role: Role; workingDays: number }>;

export type TekunStep = keyof typeof TEKUN_STEPS;

/** Months from the first month of support (or the last review) to the next review: once a year. */
export const TEKUN_REVIEW_MONTHS = 12;

export interface TekunApplicationInput {
  caseId: string;
}

/** A decision on one of the case's tasks: codes only; the findings are read from the stored submission. */
export interface TekunCommand {
  taskId: string;
  step: TekunStep;
  submissionId: string;
  actor: Actor;
  /** tekun_confirmation: approve or reject; the other steps carry none. */
  outcome?: 'approve' | 'reject';
}

/** What an assessment (or a review) found, as far as the workflow needs it. */
export interface TekunAssessed {
  eligible: boolean;
  monthlySupportFen: number | null;
}

export interface TekunApplicationResult {
  outcome: 'approved' | 'rejected';
  /** First month of support when approved. */
  startMonth: Month | null;
}

export interface TekunApplicationState {
  caseId: string;
  stage: TekunStep | null;
  openTaskIds: string[];
  assessed: TekunAssessed | null;
  result: TekunApplicationResult | null;
}

export const decideTekunTaskUpdate = defineUpdate<unknown, [TekunCommand]>('decideTekunTask');
export const tekunApplicationStateQuery = defineQuery<TekunApplicationState>('tekunApplicationState');

export interface TekunSupportInput {
  caseId: string;
  /** The next month whose entitlement is to be recorded. */
  nextMonth: Month;
  /** The month the next annual review opens. */
  reviewDueMonth: Month;
  /** 1 for the first review, then one more per review. */
  cycle: number;
}

/** Ending the support on death or a change of circumstances (from `effectiveMonth` on nothing is paid). */
export interface TekunEndCommand {
  actor: Actor;
  submissionKey: string;
  reason: TekunEndReason;
  effectiveMonth: Month;
}

export const TEKUN_END_REASONS = ['death', 'moved_away', 'supporter_able', 'income', 'other'] as const;
export type TekunEndReason = (typeof TEKUN_END_REASONS)[number];

export interface TekunSupportState {
  caseId: string;
  nextMonth: Month;
  reviewDueMonth: Month;
  cycle: number;
  openTaskIds: string[];
  ended: { reason: TekunEndReason | 'review'; endMonth: Month } | null;
}

export const endTekunSupportUpdate = defineUpdate<TekunSupportState, [TekunEndCommand]>('endTekunSupport');
export const tekunSupportStateQuery = defineQuery<TekunSupportState>('tekunSupportState');

export const TEKUN_REJECTIONS = {
  staleTask: CASEWORK_REJECTIONS.staleTask,
  wrongRole: CASEWORK_REJECTIONS.wrongRole,
  wrongStep: CASEWORK_REJECTIONS.wrongStep,
  /** Approving a case whose assessment found the 三无 test not met. */
  notEligible: 'NotEligible',
  /** Ending support that has already ended. */
  supportEnded: 'SupportEnded',
  /** Ending support from a month whose entitlement is already recorded (a recovery is the way back for those). */
  monthAlreadyRecorded: 'MonthAlreadyRecorded',
} as const;
