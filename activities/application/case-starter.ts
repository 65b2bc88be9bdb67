import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/core';
import {
  APPLICATION_TASK_QUEUE,
  APPLICATION_WORKFLOW_TYPE,
  applicationWorkflowId,
  type ApplicationInput,
} from '../../workflows/application/definitions';
import { PolicySnapshot } from '../regions/policy-snapshot.entity';
import { Application } from './application.entity';
import { relayEach, startOnce } from '../temporal/start-once';

/**
 * Starts the workflow of an accepted application. The application row is committed first; starting is idempotent
 * (the workflow id is derived from the application id), so the API's immediate attempt and the relay's later sweep
 * can both run without creating two cases. Only ids and the policy travel to Temporal.
 */
export class CaseStarter {
  constructor(
    private readonly orm: MikroORM,
    private readonly client: Client,
    private readonly taskQueue = APPLICATION_TASK_QUEUE,
  ) {}

  async start(applicationId: string): Promise<void> {
    const em = this.orm.em.fork();
    const application = await em.findOneOrFail(Application, applicationId);
    if (application.workflowStartedAt) return;
    const snapshot = await em.findOneOrFail(PolicySnapshot, application.policySnapshotId);
    const input: ApplicationInput = {
      applicationId,
      policy: { snapshotId: snapshot.id, label: snapshot.label, document: snapshot.document },
      missingDocuments: application.missingDocuments,
      relativeOfStaff: application.relativeOfStaff,
      excludedUserIds: application.excludedUserIds,
    };
    await startOnce(this.client, APPLICATION_WORKFLOW_TYPE, { taskQueue: this.taskQueue, workflowId: applicationWorkflowId(applicationId), args: [input] });
    await em.nativeUpdate(Application, { id: applicationId, workflowStartedAt: null }, { workflowStartedAt: new Date() });
  }

  /**
   * Starts every application whose workflow is not confirmed (the API crashed or Temporal was unreachable). Returns how
   * many were started; failures stay pending for the next sweep.
   */
  async relayPending(olderThanMs = 5_000, batch = 100): Promise<number> {
    const pending = await this.orm.em
      .fork()
      .find(Application, { workflowStartedAt: null, submittedAt: { $lt: new Date(Date.now() - olderThanMs) } }, { limit: batch, orderBy: { submittedAt: 'asc' }, fields: ['id'] });
    return relayEach(pending.map((a) => a.id), (id) => this.start(id));
  }
}
