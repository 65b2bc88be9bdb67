import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { CASEWORK_REJECTIONS } from '../casework/rejections';
import type { CasePolicy } from '../../config/policy/policy.schema';
import type { Actor, ReasonCode, CompleteTaskCommand, ObjectionCommand } from './decisions';
import type { StepCode, TaskStep } from './steps';
import type { Role } from '../domain/roles';

/**
 * The durable contract of the 低保 application workflow: its type name, id scheme, queue, input, result, updates and
 * queries. Names here are stored in histories: never rename them after release.
 */

export const APPLICATION_WORKFLOW_TYPE = 'applicationWorkflow';
export const APPLICATION_TASK_QUEUE = 'assistance-applications';

/** One workflow per application; the id is derived from the application id. */
export function applicationWorkflowId(applicationId: string): string {
  return `dibao-application-${applicationId}`;
}

export interface ApplicationInput {
  applicationId: string;
  policy: CasePolicy;
  /** Document type codes missing at intake (容缺受理); empty when the file is complete. */
  missingDocuments: string[];
  /** The applicant is a registered close relative of staff (近亲属备案). */
  relativeOfStaff: boolean;
  /** Staff registered as relatives of a member: refused on every task of the case (absent in older histories). */
  excludedUserIds?: string[];
}

export type CaseStatus = 'in_progress' | 'approved' | 'rejected' | 'returned' | 'closed';

export interface ApplicationOutcome {
  status: Exclude<CaseStatus, 'in_progress'>;
  reasonCode?: ReasonCode;
  /** Monthly benefit in fen, on approval. */
  amountFen?: number;
  decidedAt: number;
}

export interface OpenTaskView {
  taskId: string;
  step: TaskStep;
  role: Role;
  dueAt: number;
  overdue: boolean;
}

/** What the case looks like now; returned by the query and by every accepted update. */
export interface CaseSnapshot {
  applicationId: string;
  status: CaseStatus;
  stage: StepCode | 'submitted' | 'decision';
  /** 1 for the first pass; +1 each time an objection sends the case back to investigation. */
  round: number;
  openTasks: OpenTaskView[];
  publicity?: { step: StepCode; endsAt: number; objections: number };
  disputed: boolean;
  sampled: boolean;
  documentsComplete: boolean;
  overallDueAt?: number;
  outcome?: ApplicationOutcome;
  policy: { snapshotId: string; label: string };
}

export const caseStateQuery = defineQuery<CaseSnapshot>('caseState');
export const completeTaskUpdate = defineUpdate<CaseSnapshot, [CompleteTaskCommand]>('completeTask');
export const fileObjectionUpdate = defineUpdate<CaseSnapshot, [ObjectionCommand]>('fileObjection');

/** Moves a running case to a newer policy (an audited administrator operation): remaining steps take its limits. */
export interface AdoptPolicyCommand {
  policy: CasePolicy;
  actor: Actor;
}
export const adoptPolicyUpdate = defineUpdate<CaseSnapshot, [AdoptPolicyCommand]>('adoptPolicy');

/** Failure types carried by rejected updates; the API maps them to 409 with the reason. */
export const UPDATE_REJECTIONS = {
  ...CASEWORK_REJECTIONS,
  incompleteSupplement: 'IncompleteSupplement',
  samePolicy: 'SamePolicy',
  conflictOfInterest: 'ConflictOfInterest',
  quorumNotMet: 'AppraisalQuorumNotMet',
  appraisalCounts: 'AppraisalCountsInvalid',
  appraisalOutcome: 'AppraisalOutcomeMismatch',
} as const;
