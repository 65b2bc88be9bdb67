import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/core';
import { LOW_INCOME_RECHECK_WORKFLOW_TYPE, lowIncomeRecheckWorkflowId, type LowIncomeRecheckInput } from '../../workflows/low-income/definitions';
import { CaseTypeStarter, type StartableCaseType } from '../casework/case-starters';
import { LowIncomeHousehold } from './low-income-household.entity';

/** How an active 低收入 register entry starts its re-check workflow (at its due month and cycle). */
const ENTRIES: StartableCaseType<LowIncomeRecheckInput> = {
  workflowType: LOW_INCOME_RECHECK_WORKFLOW_TYPE,
  workflowId: lowIncomeRecheckWorkflowId,
  async inputOf(em, recordId) {
    const record = await em.findOneOrFail(LowIncomeHousehold, recordId, { fields: ['id', 'status', 'reviewDueMonth', 'rechecks', 'workflowStartedAt'] });
    if (record.workflowStartedAt || record.status !== 'active') return null;
    return { recordId, dueMonth: record.reviewDueMonth, cycle: record.rechecks + 1 };
  },
  async markStarted(em, recordId, at) {
    await em.nativeUpdate(LowIncomeHousehold, { id: recordId, workflowStartedAt: null }, { workflowStartedAt: at });
  },
  async pendingIds(em, before, batch) {
    const rows = await em.find(LowIncomeHousehold, { workflowStartedAt: null, status: 'active', recognisedAt: { $lt: before } }, { limit: batch, orderBy: { recognisedAt: 'asc' }, fields: ['id'] });
    return rows.map((r) => r.id);
  },
};

/** Starts the re-check workflow of a register entry once; the worker's relay sweeps entries not yet started. */
export class LowIncomeRecheckStarter extends CaseTypeStarter<LowIncomeRecheckInput> {
  constructor(orm: MikroORM, client: Client, taskQueue: string) {
    super(orm, client, taskQueue, ENTRIES);
  }
}
