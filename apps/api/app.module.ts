import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
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
import { ErrorFilter } from './common/error.filter';
import { ApplicationTasksHandler } from './inbox/application-tasks.handler';
import { CASE_TASK_HANDLERS } from './inbox/case-task-handler';
import { InboxService } from './inbox/inbox.service';
import { InfraModule, type InfraOptions } from './infra/infra.module';
import { UsersService } from './users/users.service';

/** The HTTP edge: authentication on every route, one error filter, feature controllers over services. */
@Module({})
export class AppModule {
  static forRoot(infra: InfraOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [InfraModule.forRoot(infra), DiscoveryModule],
      controllers: CONTROLLERS,
      providers: [
        AuthService,
        { provide: LoginThrottle, useValue: new LoginThrottle() },
        IntakeService,
        CaseViewService,
        ObjectionsService,
        RevealService,
        ApplicationTasksHandler,
        RecipientTasksHandler,
        { provide: CASE_TASK_HANDLERS, useFactory: (...handlers: unknown[]) => handlers, inject: [ApplicationTasksHandler, RecipientTasksHandler] },
        InboxService,
        PolicyAdminService,
        CalendarAdminService,
        CaseMovesService,
        UsersService,
        KinRegisterService,
        PublicityRegisterService,
        RecipientsService,
        LifecycleCommandsService,
        LifecycleJobsService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
