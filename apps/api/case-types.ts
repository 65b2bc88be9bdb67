import type { Provider } from '@nestjs/common';
import { APPLICATION_DECISION_SCHEMAS } from './inbox/application-decision.schemas';
import { ApplicationTasksHandler } from './inbox/application-tasks.handler';
import { CASE_TASK_HANDLERS } from './inbox/case-task-handler';
import { mergeDecisionSchemas } from './inbox/decision.schemas';
import { PAYMENT_DECISION_SCHEMAS } from './inbox/payment-decision.schemas';
import { PaymentTasksHandler } from './inbox/payment-tasks.handler';
import { RECIPIENT_DECISION_SCHEMAS } from './inbox/recipient-decision.schemas';
import { RecipientTasksHandler } from './inbox/recipient-tasks.handler';
import { EMERGENCY_DECISION_SCHEMAS } from './emergency/emergency-decision.schemas';
import { EmergencyTasksHandler } from './emergency/emergency-tasks.handler';
import { LOW_INCOME_DECISION_SCHEMAS } from './low-income/low-income-decision.schemas';
import { LowIncomeTasksHandler } from './low-income/low-income-tasks.handler';
import { TEKUN_DECISION_SCHEMAS } from './tekun/tekun-decision.schemas';
import { TekunTasksHandler } from './tekun/tekun-tasks.handler';

/**
 * Every case type the API serves, the one place that names them all: the inbox, its summary and the dashboard are
 * handed these handlers and never name a case type or program themselves. A new case type adds its handler here.
 */
const HANDLERS = [ApplicationTasksHandler, RecipientTasksHandler, EmergencyTasksHandler, PaymentTasksHandler, LowIncomeTasksHandler, TekunTasksHandler];

export const CASE_TYPE_PROVIDERS: Provider[] = [
  ...HANDLERS,
  { provide: CASE_TASK_HANDLERS, useFactory: (...handlers: unknown[]) => handlers, inject: HANDLERS },
];

/** The decisions of every case type's tasks, by step (what the handlers above accept, for checks of the console). */
export const DECISION_SCHEMAS = mergeDecisionSchemas([
  APPLICATION_DECISION_SCHEMAS,
  RECIPIENT_DECISION_SCHEMAS,
  EMERGENCY_DECISION_SCHEMAS,
  PAYMENT_DECISION_SCHEMAS,
  LOW_INCOME_DECISION_SCHEMAS,
  TEKUN_DECISION_SCHEMAS,
]);
