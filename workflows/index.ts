/** Every workflow the worker registers. Workflow type names are durable: never rename an export. */
export { applicationWorkflow } from './application/application.workflow';
export { recipientWorkflow } from './recipient/recipient.workflow';
export { emergencyWorkflow } from './emergency/emergency.workflow';
export { paymentRunWorkflow } from './payments/payment-run.workflow';
export { recipientFanOutWorkflow } from './recipient/fan-out.workflow';
export { lowIncomeRecheckWorkflow } from './low-income/recheck.workflow';
export { tekunApplicationWorkflow } from './tekun/application.workflow';
export { tekunSupportWorkflow } from './tekun/support.workflow';
