import { AuditAnchor } from '../audit/audit-anchor.entity';
import { LowIncomeHousehold } from '../low-income/low-income-household.entity';
import { TekunCase } from '../tekun/tekun-case.entity';
import { MedicalAssistancePayment, MedicalAssistanceTotal } from '../medical/medical-payment.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { AuditHead } from '../audit/audit-head.entity';
import { Application } from '../application/application.entity';
import { NoticeService } from '../application/notice-service.entity';
import { CheckAuthorization } from '../households/check-authorization.entity';
import { ComparisonImport } from '../comparison/comparison-import.entity';
import { ComparisonLead } from '../comparison/comparison-lead.entity';
import { SamplingDraw, SamplingTally } from '../application/sampling.entity';
import { CaseDecision } from '../application/case-decision.entity';
import { CaseEvent } from '../application/case-event.entity';
import { CheckReport } from '../application/check-report.entity';
import { Notice } from '../application/notice.entity';
import { Objection } from '../application/objection.entity';
import { PublicityPeriod } from '../application/publicity.entity';
import { Submission } from '../tasks/submission.entity';
import { Absence } from '../tasks/absence.entity';
import { TaskReminder } from '../tasks/task-reminder.entity';
import { Task } from '../tasks/task.entity';
import { Household } from '../households/household.entity';
import { Member } from '../households/member.entity';
import { PersonClaim } from '../households/person-claim.entity';
import { User } from '../identity/user.entity';
import { LoginFailure } from '../identity/login-failure.entity';
import { RoleGrant } from '../identity/role-grant.entity';
import { ReserveLedger, ReserveMovement } from '../emergency/reserve.entity';
import { EmergencyRequest } from '../emergency/emergency-request.entity';
import { EmergencyEvent } from '../emergency/emergency-event.entity';
import { CaseworkEvent } from '../casework/casework-event.entity';
import { EmergencyRecovery, EmergencyReferral } from '../emergency/follow-up.entity';
import { Entitlement } from '../recipients/entitlement.entity';
import { Payment } from '../payments/payment.entity';
import { PaymentBatch } from '../payments/payment-batch.entity';
import { PaymentExport } from '../payments/payment-export.entity';
import { PaymentResultImport } from '../payments/payment-result-import.entity';
import { RecoveryDeduction } from '../payments/recovery-deduction.entity';
import { RecoveryPlan } from '../recipients/recovery-plan.entity';
import { LifecycleEvent } from '../recipients/lifecycle-event.entity';
import { Recipient } from '../recipients/recipient.entity';
import { CampaignItem } from '../recipients/campaign-item.entity';
import { ChangeReport } from '../recipients/change-report.entity';
import { Complaint } from '../recipients/complaint.entity';
import { LifecycleJob } from '../recipients/lifecycle-job.entity';
import { RecipientCheck } from '../recipients/recipient-check.entity';
import { KinRegisterEntry } from '../integrity/kin-register.entity';
import { IdempotentRequest } from '../idempotency/idempotent-request.entity';
import { HolidayYearRow } from '../regions/holiday-year.entity';
import { PolicySnapshot } from '../regions/policy-snapshot.entity';
import { PolicySnapshotSource } from '../regions/policy-snapshot-source.entity';
import { PolicyVersion } from '../regions/policy-version.entity';
import { Region } from '../regions/region.entity';

/** Every entity of the platform; the migrations create exactly these tables. */
export const ENTITIES = [
  Region,
  PolicyVersion,
  PolicySnapshot,
  PolicySnapshotSource,
  HolidayYearRow,
  User,
  RoleGrant,
  Household,
  Member,
  PersonClaim,
  Application,
  Task,
  Submission,
  Absence,
  TaskReminder,
  CaseEvent,
  CheckReport,
  PublicityPeriod,
  SamplingTally,
  SamplingDraw,
  Objection,
  CaseDecision,
  Notice,
  Recipient,
  Entitlement,
  LifecycleEvent,
  ChangeReport,
  Complaint,
  RecipientCheck,
  LifecycleJob,
  CampaignItem,
  ReserveLedger,
  ReserveMovement,
  EmergencyRequest,
  EmergencyEvent,
  CaseworkEvent,
  EmergencyRecovery,
  EmergencyReferral,
  KinRegisterEntry,
  AuditEntry,
  AuditHead,
  AuditAnchor,
  PaymentBatch,
  Payment,
  PaymentExport,
  PaymentResultImport,
  RecoveryPlan,
  RecoveryDeduction,
  LoginFailure,
  ComparisonImport,
  ComparisonLead,
  NoticeService,
  CheckAuthorization,
  IdempotentRequest,
  LowIncomeHousehold,
  TekunCase,
  MedicalAssistancePayment,
  MedicalAssistanceTotal,
];
