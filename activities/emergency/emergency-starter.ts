import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/core';
import { EMERGENCY_TASK_QUEUE, EMERGENCY_WORKFLOW_TYPE, emergencyWorkflowId, type EmergencyInput } from '../../workflows/emergency/definitions';
import { PolicySnapshot } from '../regions/policy-snapshot.entity';
import { EmergencyRequest } from './emergency-request.entity';
import { relayEach, startOnce } from '../temporal/start-once';

/**
 * Starts the workflow of a raised emergency request. The request row is committed first; starting is idempotent (the
 * workflow id is derived from the request id), so the API's immediate attempt and the worker's relay can both run.
 * Only ids, codes, fen and the policy travel to Temporal; the account of the event stays in the database.
 */
export class EmergencyStarter {
  constructor(
    private readonly orm: MikroORM,
    private readonly client: Client,
    private readonly taskQueue = EMERGENCY_TASK_QUEUE,
  ) {}

  async start(requestId: string): Promise<void> {
    const em = this.orm.em.fork();
    const request = await em.findOneOrFail(EmergencyRequest, requestId, { fields: ['id', 'townshipCode', 'countyCode', 'amountAskedFen', 'policySnapshotId', 'raisedById', 'raisedByRole', 'workflowStartedAt'] });
    if (request.workflowStartedAt) return;
    const snapshot = await em.findOneOrFail(PolicySnapshot, request.policySnapshotId);
    const input: EmergencyInput = {
      requestId,
      townshipCode: request.townshipCode,
      countyCode: request.countyCode,
      amountAskedFen: request.amountAskedFen,
      policy: { snapshotId: snapshot.id, label: snapshot.label, document: snapshot.document },
      raisedBy: { userId: request.raisedById, role: request.raisedByRole },
    };
    await startOnce(this.client, EMERGENCY_WORKFLOW_TYPE, { taskQueue: this.taskQueue, workflowId: emergencyWorkflowId(requestId), args: [input] });
    await em.nativeUpdate(EmergencyRequest, { id: requestId, workflowStartedAt: null }, { workflowStartedAt: new Date() });
  }

  /** Starts every request whose workflow is not confirmed; failures stay pending for the next sweep. */
  async relayPending(olderThanMs = 5_000, batch = 100): Promise<number> {
    const pending = await this.orm.em
      .fork()
      .find(EmergencyRequest, { workflowStartedAt: null, createdAt: { $lt: new Date(Date.now() - olderThanMs) } }, { limit: batch, orderBy: { createdAt: 'asc' }, fields: ['id'] });
    return relayEach(pending.map((r) => r.id), (id) => this.start(id));
  }
}
