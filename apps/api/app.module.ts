import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { IdempotentRequests } from '../../activities/idempotency/idempotent-requests';
import { IdempotencyInterceptor } from './common/idempotency.interceptor';
import { MikroORM } from '@mikro-orm/core';
import { PolicyAdminService } from './admin/policy-admin.service';
import { PolicyImpactService } from './admin/policy-impact.service';
import { PolicyPreviewService } from './admin/policy-preview.service';
import { PolicyApprovals } from './admin/policy-approvals';
import { CalendarAdminService } from './admin/calendar-admin.service';
import { SamplingService } from './admin/sampling.service';
import { ComparisonImportsService } from './comparison/comparison-imports.service';
import { ComparisonLeadsService } from './comparison/comparison-leads.service';
import { NoticesService } from './notices/notices.service';
import { CaseMovesService } from './admin/case-moves.service';
import { KinRegisterService } from './integrity/kin-register.service';
import { PublicityRegisterService } from './recipients/publicity-register.service';
import { LowIncomeService } from './low-income/low-income.service';
import { TekunAssessmentService } from './tekun/tekun-assessment.service';
import { TekunCasesService } from './tekun/tekun-cases.service';
import { TekunIntakeService } from './tekun/tekun-intake.service';
import { TekunSettlementsService } from './tekun/tekun-settlements.service';
import { HouseholdLayersService } from './households/household-layers.service';
import { ReferralsService } from './referrals/referrals.service';
import { MedicalPaymentsService } from './referrals/medical-payments.service';
import { LifecycleCommandsService } from './recipients/lifecycle-commands.service';
import { LifecycleJobsService } from './recipients/lifecycle-jobs.service';
import { RecipientsService } from './recipients/recipients.service';
import { CaseViewService } from './applications/case-view.service';
import { CheckReportViewService } from './applications/check-report-view.service';
import { IntakeService } from './applications/intake.service';
import { ObjectionsService } from './applications/objections.service';
import { RevealService } from './applications/reveal.service';
import { AuthGuard } from './auth/auth.guard';
import { CONTROLLERS } from './controllers';
import { CASE_TYPE_PROVIDERS } from './case-types';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle';
import { CaseStatusService } from './public/case-status.service';
import { CASE_STATUS_LIMITS, CASE_STATUS_NAMESPACE, CASE_STATUS_THROTTLE } from './public/case-status.throttle';
import { PasswordService } from './auth/password.service';
import { ErrorFilter } from './common/error.filter';
import { WellFormedTextMiddleware } from './common/well-formed-text.middleware';
import { HttpTracingMiddleware } from './observability/http-tracing.middleware';
import { EmergencyIntakeService } from './emergency/emergency-intake.service';
import { EmergencyReferralService } from './emergency/emergency-referral.service';
import { EmergencyViewService } from './emergency/emergency-view.service';
import { ReserveFundService } from './emergency/reserve-fund.service';
import { InboxService } from './inbox/inbox.service';
import { AbsencesService } from './absences/absences.service';
import { RemindersService } from './reminders/reminders.service';
import { AuditSearchService } from './audit/audit-search.service';
import { ColleaguesService } from './inbox/colleagues.service';
import { InboxClaimsService } from './inbox/inbox-claims.service';
import { InboxSummaryService } from './inbox/inbox-summary.service';
import { DashboardService } from './stats/dashboard.service';
import { DrillDownService } from './stats/drill-down.service';
import { SummaryService } from './stats/summary.service';
import { PaymentRunsService } from './payments/payment-runs.service';
import { PayeesService } from './payments/payees.service';
import { BankResultsService } from './payments/bank-results.service';
import { PaymentExceptionsService } from './payments/payment-exceptions.service';
import { ReconciliationService } from './payments/reconciliation.service';
import { RecoveryPlansService } from './payments/recovery-plans.service';
import { InfraModule, type InfraOptions } from './infra/infra.module';
import { LoggerModule } from 'nestjs-pino';
import { Registry } from 'prom-client';
import { requestLogOptions } from './observability/request-log';
import { Readiness } from './observability/readiness';
import { UsersService } from './users/users.service';
import { RoleGrantsService } from './users/role-grants.service';

/** The HTTP edge: authentication on every route, one error filter, feature controllers over services. */
@Module({})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpTracingMiddleware, WellFormedTextMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }

  static forRoot(infra: InfraOptions, observability: { registry: Registry; readiness: Readiness }): DynamicModule {
    return {
      module: AppModule,
      imports: [InfraModule.forRoot(infra), DiscoveryModule, LoggerModule.forRoot({ pinoHttp: requestLogOptions(infra.env, infra.logDestination), forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }] })],
      controllers: CONTROLLERS,
      providers: [
        AuthService,
        AbsencesService,
        RemindersService,
        AuditSearchService,
        PasswordService,
        { provide: Registry, useValue: observability.registry },
        { provide: Readiness, useValue: observability.readiness },
        { provide: LoginThrottle, useFactory: (orm: MikroORM) => new LoginThrottle(orm), inject: [MikroORM] },
        { provide: CASE_STATUS_THROTTLE, useFactory: (orm: MikroORM) => new LoginThrottle(orm, CASE_STATUS_LIMITS, Date.now, CASE_STATUS_NAMESPACE), inject: [MikroORM] },
        CaseStatusService,
        IntakeService,
        CaseViewService,
        CheckReportViewService,
        ObjectionsService,
        RevealService,
        ...CASE_TYPE_PROVIDERS,
        InboxService,
        ColleaguesService,
        InboxSummaryService,
        DashboardService,
        DrillDownService,
        SummaryService,
        InboxClaimsService,
        PolicyAdminService,
        PolicyPreviewService,
        PolicyImpactService,
        PolicyApprovals,
        CalendarAdminService,
        SamplingService,
        ComparisonImportsService,
        ComparisonLeadsService,
        NoticesService,
        CaseMovesService,
        UsersService,
        RoleGrantsService,
        KinRegisterService,
        PublicityRegisterService,
        LowIncomeService,
        TekunAssessmentService,
        TekunIntakeService,
        TekunCasesService,
        TekunSettlementsService,
        HouseholdLayersService,
        ReferralsService,
        MedicalPaymentsService,
        EmergencyIntakeService,
        EmergencyViewService,
        EmergencyReferralService,
        ReserveFundService,
        PaymentRunsService,
        PayeesService,
        BankResultsService,
        PaymentExceptionsService,
        ReconciliationService,
        RecoveryPlansService,
        RecipientsService,
        LifecycleCommandsService,
        LifecycleJobsService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: IdempotentRequests, useFactory: (orm: MikroORM) => new IdempotentRequests(orm), inject: [MikroORM] },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
