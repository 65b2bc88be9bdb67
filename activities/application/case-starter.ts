import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/core';
import {
  APPLICATION_TASK_QUEUE,
  APPLICATION_WORKFLOW_TYPE,
  applicationWorkflowId,
  type ApplicationInput,
} from '../../workflows/application/definitions';
import { CaseTypeStarter, type StartableCaseType } from '../casework/case-starters';
import { PolicySnapshot } from '../regions/policy-snapshot.entity';
import { Application } from './application.entity';

/** How an accepted application's record starts its workflow (ids and the policy only travel to Temporal). */
const APPLICATIONS: StartableCaseType<ApplicationInput> = {
  workflowType: APPLICATION_WORKFLOW_TYPE,
  workflowId: applicationWorkflowId,
  async inputOf(em, applicationId) {
    const application = await em.findOneOrFail(Application, applicationId);
    if (application.workflowStartedAt) return null;
    const snapshot = await em.findOneOrFail(PolicySnapshot, application.policySnapshotId);
    return {
      applicationId,
      policy: { snapshotId: snapshot.id, label: snapshot.label, document: snapshot.document },
      missingDocuments: application.missingDocuments,
      relativeOfStaff: application.relativeOfStaff,
      excludedUserIds: application.excludedUserIds,
    };
  },
  async markStarted(em, applicationId, at) {
    await em.nativeUpdate(Application, { id: applicationId, workflowStartedAt: null }, { workflowStartedAt: at });
  },
  async pendingIds(em, before, batch) {
    const rows = await em.find(Application, { workflowStartedAt: null, submittedAt: { $lt: before } }, { limit: batch, orderBy: { submittedAt: 'asc' }, fields: ['id'] });
    return rows.map((a) => a.id);
  },
};

/**
 * Starts the workflow of an accepted application. The application row is committed first; starting is idempotent,
 * so the API's immediate attempt and the relay's later sweep can both run without creating two cases.
 */
export class CaseStarter extends CaseTypeStarter<ApplicationInput> {
  constructor(orm: MikroORM, client: Client, taskQueue = APPLICATION_TASK_QUEUE) {
    super(orm, client, taskQueue, APPLICATIONS);
  }
}
