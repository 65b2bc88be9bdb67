import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import type { DestinationStream } from 'pino';
import type { Env } from '../../../config/env.schema';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { CaseStarter } from '../../../activities/application/case-starter';
import { EmergencyStarter } from '../../../activities/emergency/emergency-starter';
import { TekunApplicationStarter } from '../../../activities/tekun/tekun-starters';
import { CalendarService } from '../../../activities/regions/calendar.service';
import { PolicyService } from '../../../activities/regions/policy.service';
import { APPLICATION_TASK_QUEUE } from '../../../workflows/application/definitions';
import { EMERGENCY_TASK_QUEUE } from '../../../workflows/emergency/definitions';
import { recipientTaskQueueFor } from '../../../workflows/recipient/definitions';
import { ENV } from './tokens';

export interface InfraOptions {
  env: Env;
  orm: MikroORM;
  temporal: Client;
  /** Where the JSON log lines go (default stdout); tests pass a stream to read them. */
  logDestination?: DestinationStream;
}

/**
 * The process's shared dependencies, created once by the composition root (main.ts or a test) and injected
 * everywhere: configuration, the database, the Temporal client and the services built on them.
 */
@Global()
@Module({})
export class InfraModule {
  static forRoot(options: InfraOptions): DynamicModule {
    return {
      module: InfraModule,
      providers: [
        { provide: ENV, useValue: options.env },
        { provide: MikroORM, useValue: options.orm },
        { provide: Client, useValue: options.temporal },
        { provide: AuditLog, useValue: new AuditLog() },
        { provide: CalendarService, useFactory: (orm: MikroORM) => new CalendarService(orm), inject: [MikroORM] },
        { provide: PolicyService, useFactory: (orm: MikroORM) => new PolicyService(orm), inject: [MikroORM] },
        {
          provide: CaseStarter,
          useFactory: (orm: MikroORM, client: Client) => new CaseStarter(orm, client, options.env.TEMPORAL_TASK_QUEUE ?? APPLICATION_TASK_QUEUE),
          inject: [MikroORM, Client],
        },
        {
          provide: EmergencyStarter,
          useFactory: (orm: MikroORM, client: Client) => new EmergencyStarter(orm, client, options.env.TEMPORAL_EMERGENCY_TASK_QUEUE ?? EMERGENCY_TASK_QUEUE),
          inject: [MikroORM, Client],
        },
        {
          // 特困供养 cases run on the recipients queue (long-lived support, like the households' own workflows).
          provide: TekunApplicationStarter,
          useFactory: (orm: MikroORM, client: Client) => new TekunApplicationStarter(orm, client, recipientTaskQueueFor(options.env.TEMPORAL_TASK_QUEUE)),
          inject: [MikroORM, Client],
        },
      ],
      exports: [ENV, MikroORM, Client, AuditLog, CalendarService, PolicyService, CaseStarter, EmergencyStarter, TekunApplicationStarter],
    };
  }
}
