import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/core';
import { EMERGENCY_TASK_QUEUE, EMERGENCY_WORKFLOW_TYPE, emergencyWorkflowId, type EmergencyInput } from '../../workflows/emergency/definitions';
import { CaseTypeStarter, type StartableCaseType } from '../casework/case-starters';
import { PolicySnapshot } from '../regions/policy-snapshot.entity';
import { EmergencyRequest } from './emergency-request.entity';

/** How a raised request's record starts its workflow; the account of the event stays in the database. */
const REQUESTS: StartableCaseType<EmergencyInput> = {
  workflowType: EMERGENCY_WORKFLOW_TYPE,
  workflowId: emergencyWorkflowId,
  async inputOf(em, requestId) {
    const request = await em.findOneOrFail(EmergencyRequest, requestId, { fields: ['id', 'townshipCode', 'countyCode', 'amountAskedFen', 'policySnapshotId', 'raisedById', 'raisedByRole', 'workflowStartedAt'] });
    if (request.workflowStartedAt) return null;
    const snapshot = await em.findOneOrFail(PolicySnapshot, request.policySnapshotId);
    return {
      requestId,
      townshipCode: request.townshipCode,
      countyCode: request.countyCode,
      amountAskedFen: request.amountAskedFen,
      policy: { snapshotId: snapshot.id, label: snapshot.label, document: snapshot.document },
      raisedBy: { userId: request.raisedById, role: request.raisedByRole },
    };
  },
  async markStarted(em, requestId, at) {
    await em.nativeUpdate(EmergencyRequest, { id: requestId, workflowStartedAt: null }, { workflowStartedAt: at });
  },
  async pendingIds(em, before, batch) {
    const rows = await em.find(EmergencyRequest, { workflowStartedAt: null, createdAt: { $lt: before } }, { limit: batch, orderBy: { createdAt: 'asc' }, fields: ['id'] });
    return rows.map((r) => r.id);
  },
};

/** Starts the workflow of a raised emergency request once; the API's attempt and the worker's relay may both run. */
export class EmergencyStarter extends CaseTypeStarter<EmergencyInput> {
  constructor(orm: MikroORM, client: Client, taskQueue = EMERGENCY_TASK_QUEUE) {
    super(orm, client, taskQueue, REQUESTS);
  }
}
