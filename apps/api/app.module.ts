import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AdminController } from './admin/admin.controller';
import { PolicyAdminService } from './admin/policy-admin.service';
import { CalendarAdminService } from './admin/calendar-admin.service';
import { CaseMovesService } from './admin/case-moves.service';
import { ApplicationsController } from './applications/applications.controller';
import { AuditController } from './audit/audit.controller';
import { CaseViewService } from './applications/case-view.service';
import { IntakeService } from './applications/intake.service';
import { ObjectionsService } from './applications/objections.service';
import { RevealService } from './applications/reveal.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { ErrorFilter } from './common/error.filter';
import { HealthController } from './health/health.controller';
import { InboxController } from './inbox/inbox.controller';
import { InboxService } from './inbox/inbox.service';
import { InfraModule, type InfraOptions } from './infra/infra.module';
import { RegionsController } from './regions/regions.controller';

/** The HTTP edge: authentication on every route, one error filter, feature controllers over services. */
@Module({})
export class AppModule {
  static forRoot(infra: InfraOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [InfraModule.forRoot(infra)],
      controllers: [AuthController, HealthController, ApplicationsController, InboxController, RegionsController, AdminController, AuditController],
      providers: [
        AuthService,
        IntakeService,
        CaseViewService,
        ObjectionsService,
        RevealService,
        InboxService,
        PolicyAdminService,
        CalendarAdminService,
        CaseMovesService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
