import type { MikroORM } from '@mikro-orm/core';
import type { PaymentActivities } from './payment.contract';
import { paymentPrepareActivities } from './payment-prepare.activities';
import { paymentReleaseActivities } from './payment-release.activities';
import { paymentTaskActivities } from './payment-tasks.activities';

/** Every activity of the payment run, wired to the database. */
export function createPaymentActivities(orm: MikroORM): PaymentActivities {
  return { ...paymentPrepareActivities(orm), ...paymentTaskActivities(orm), ...paymentReleaseActivities(orm) };
}
