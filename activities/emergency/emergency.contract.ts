import type { Actor } from '../../workflows/application/decisions';
import type { EmergencyStep, ReferralKind } from '../../workflows/emergency/definitions';
import type { Role } from '../../workflows/domain/roles';

/**
 * The activities of the 救急难 workflow, as the workflow sees them. Every write is idempotent by a business key (task
 * id, event key, payment idempotency key, recovery key, referral key) backed by a unique constraint. Ids, codes, times
 * and fen only.
 */
export interface EmergencyActivities {
  /** Creates the inbox row (rank 0: emergency, sorts first) once per task id, and returns its due time. */
  openTask(input: OpenEmergencyTaskInput): Promise<{ taskId: string; dueAt: number }>;
  /** Completes or cancels a task row (once per task id). */
  closeTask(input: { requestId: string; taskId: string; status: 'completed' | 'cancelled'; at: number; actor?: Actor; reason?: string }): Promise<void>;
  /** Marks a task overdue and records the overdue against the region that held it (township or county). */
  markOverdue(input: { requestId: string; taskId: string; at: number; againstRegion: string }): Promise<void>;
  /** Appends a timeline event (once per request and key): who, when, why, and the policy version. */
  recordEvent(input: EmergencyEventInput): Promise<void>;
  /** Pays from the township's 备用金 for the year, at most once per idempotency key; never below zero. */
  payFromReserve(input: PayFromReserveInput): Promise<PayFromReserveResult>;
  /** Records an improper payment for recovery (once per recovery key). */
  recordRecovery(input: { recoveryKey: string; requestId: string; paymentId: string; amountFen: number; at: number; actor: Actor }): Promise<void>;
  /** Records a referral (转介) with its receiving department and status (once per referral key). */
  recordReferral(input: RecordReferralInput): Promise<void>;
  /** Starts a normal 低保 application for the household, linked to the request (once per request). */
  startLinkedApplication(input: { requestId: string; householdRef: string }): Promise<{ applicationId: string }>;
}

export interface OpenEmergencyTaskInput {
  taskId: string;
  requestId: string;
  step: EmergencyStep;
  role: Role;
  /** Always 0 (TASK_RANK.emergency): emergency work sorts before escalations and routine work. */
  rank: 0;
  /** Township or county code whose inbox the task goes to. */
  regionCode: string;
  fromMs: number;
  /** Clock hours (decisions) or working days from the region's calendar (follow-up). */
  deadline: { kind: 'clock_hours'; hours: number } | { kind: 'working_days'; days: number };
  escalationOf?: string;
}

export interface EmergencyEventInput {
  requestId: string;
  key: string;
  action: string;
  at: number;
  actor?: Actor;
  reasonCode?: string;
  policySnapshotId: string;
  data?: Record<string, string | number | boolean | null>;
}

export interface PayFromReserveInput {
  requestId: string;
  townshipCode: string;
  year: number;
  amountFen: number;
  /** `emergency:<requestId>:payment`: a retried or replayed payment returns the first one. */
  idempotencyKey: string;
}

export type PayFromReserveResult =
  | { paid: true; paymentId: string }
  | { paid: false; reason: 'insufficient_fund'; balanceFen: number };

export interface RecordReferralInput {
  referralKey: string;
  requestId: string;
  kind: ReferralKind;
  department: string;
  status: 'referred';
  applicationId?: string;
  at: number;
  actor: Actor;
}
