import { AbsencesController } from './absences/absences.controller';
import { RemindersController } from './reminders/reminders.controller';
import { AdminController } from './admin/admin.controller';
import { SamplingController } from './admin/sampling.controller';
import { ComparisonController } from './comparison/comparison.controller';
import { NoticesController } from './notices/notices.controller';
import { ApplicationsController } from './applications/applications.controller';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { HealthController } from './health/health.controller';
import { MetricsController } from './observability/metrics.controller';
import { EmergencyController } from './emergency/emergency.controller';
import { ReserveFundController } from './emergency/reserve-fund.controller';
import { InboxController } from './inbox/inbox.controller';
import { KinRegisterController } from './integrity/kin-register.controller';
import { PaymentsController } from './payments/payments.controller';
import { PaymentSettlementController } from './payments/payment-settlement.controller';
import { PublicController } from './public/public.controller';
import { PublicityRegisterController } from './recipients/publicity-register.controller';
import { LowIncomeController } from './low-income/low-income.controller';
import { TekunController } from './tekun/tekun.controller';
import { HouseholdsController } from './households/households.controller';
import { ReferralsController } from './referrals/referrals.controller';
import { LifecycleJobsController } from './recipients/lifecycle-jobs.controller';
import { RecipientsController } from './recipients/recipients.controller';
import { RegionsController } from './regions/regions.controller';
import { UsersController } from './users/users.controller';
import { StatsController } from './stats/stats.controller';
import { ListExportsController } from './stats/list-exports.controller';
import { RoleGrantsController } from './users/role-grants.controller';

/** Every controller of the API: the module mounts exactly these, and the permission table must list all their routes. */
export const CONTROLLERS = [
  AuthController,
  HealthController,
  MetricsController,
  // Before the applications controller: /api/applications/export is not an application id.
  ListExportsController,
  ApplicationsController,
  InboxController,
  AbsencesController,
  RemindersController,
  RegionsController,
  AdminController,
  SamplingController,
  ComparisonController,
  NoticesController,
  AuditController,
  UsersController,
  RoleGrantsController,
  KinRegisterController,
  PublicityRegisterController,
  LowIncomeController,
  TekunController,
  HouseholdsController,
  ReferralsController,
  EmergencyController,
  ReserveFundController,
  PaymentsController,
  PaymentSettlementController,
  RecipientsController,
  LifecycleJobsController,
  PublicController,
  StatsController,
];
