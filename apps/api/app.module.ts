import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/core';
import { PolicyAdminService } from './admin/policy-admin.service';
import { CalendarAdminService } from './admin/calendar-admin.service';
import { CaseMovesService } from './admin/case-moves.service';
import { KinRegisterService } from './integrity/kin-register.service';
import { PublicityRegisterService } from './recipients/publicity-register.service';
import { LifecycleCommandsService } from './recipients/lifecycle-commands.service';
import { LifecycleJobsService } from './recipients/lifecycle-jobs.service';
import { RecipientsService } from './recipients/recipients.service';
import { RecipientTasksHandler } from './inbox/recipient-tasks.handler';
import { CaseViewService } from './applications/case-view.service';
import { IntakeService } from './applications/intake.service';
import { ObjectionsService } from './applications/objections.service';
import { RevealService } from './applications/reveal.service';
import { AuthGuard } from './auth/auth.guard';
import { CONTROLLERS } from './controllers';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle';
import { PasswordService } from './auth/password.service';
import { ErrorFilter } from './common/error.filter';
import { WellFormedTextMiddleware } from './common/well-formed-text.middleware';
import { ApplicationTasksHandler } from './inbox/application-tasks.handler';
import { EmergencyTasksHandler } from './inbox/emergency-tasks.handler';
import { EmergencyIntakeService } from './emergency/emergency-intake.service';
import { EmergencyReferralService } from './emergency/emergency-referral.service';
import { EmergencyViewService } from './emergency/emergency-view.service';
import { ReserveFundService } from './emergency/reserve-fund.service';
import { CASE_TASK_HANDLERS } from './inbox/case-task-handler';
import { InboxService } from './inbox/inbox.service';
import { PaymentTasksHandler } from './inbox/payment-tasks.handler';
import { PaymentRunsService } from './payments/payment-runs.service';
import { InfraModule, type InfraOptions } from './infra/infra.module';
import { UsersService } from './users/users.service';
import { RoleGrantsService } from './users/role-grants.service';

/** The HTTP edge: authentication on every route, one error filter, feature controllers over services. */
@Module({})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(WellFormedTextMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }

  static forRoot(infra: InfraOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [InfraModule.forRoot(infra), DiscoveryModule],
      controllers: CONTROLLERS,
      providers: [
        AuthService,
        PasswordService,
        { provide: LoginThrottle, useFactory: (orm: MikroORM) => new LoginThrottle(orm), inject: [MikroORM] },
        IntakeService,
        CaseViewService,
        ObjectionsService,
        RevealService,
        ApplicationTasksHandler,
        EmergencyTasksHandler,
        PaymentTasksHandler,
        RecipientTasksHandler,
        {
          provide: CASE_TASK_HANDLERS,
          useFactory: (...handlers: unknown[]) => handlers,
          inject: [ApplicationTasksHandler, RecipientTasksHandler, EmergencyTasksHandler, PaymentTasksHandler],
        },
        InboxService,
        PolicyAdminService,
        CalendarAdminService,
        CaseMovesService,
        UsersService,
        RoleGrantsService,
        KinRegisterService,
        PublicityRegisterService,
        EmergencyIntakeService,
        EmergencyViewService,
        EmergencyReferralService,
        ReserveFundService,
        PaymentRunsService,
        RecipientsService,
        LifecycleCommandsService,
        LifecycleJobsService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
