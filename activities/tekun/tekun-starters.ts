import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/core';
import {
  TEKUN_APPLICATION_WORKFLOW_TYPE,
  TEKUN_SUPPORT_WORKFLOW_TYPE,
  tekunApplicationWorkflowId,
  tekunSupportWorkflowId,
  type TekunApplicationInput,
  type TekunSupportInput,
} from '../../workflows/tekun/definitions';
import { CaseTypeStarter, type StartableCaseType } from '../casework/case-starters';
import { TekunCase } from './tekun-case.entity';

/** How an accepted 特困供养 application starts its workflow (the case id is all it carries). */
const APPLICATIONS: StartableCaseType<TekunApplicationInput> = {
  workflowType: TEKUN_APPLICATION_WORKFLOW_TYPE,
  workflowId: tekunApplicationWorkflowId,
  async inputOf(em, caseId) {
    const c = await em.findOneOrFail(TekunCase, caseId, { fields: ['id', 'workflowStartedAt'] });
    return c.workflowStartedAt ? null : { caseId };
  },
  async markStarted(em, caseId, at) {
    await em.nativeUpdate(TekunCase, { id: caseId, workflowStartedAt: null }, { workflowStartedAt: at });
  },
  async pendingIds(em, before, batch) {
    const rows = await em.find(TekunCase, { workflowStartedAt: null, submittedAt: { $lt: before } }, { limit: batch, orderBy: { submittedAt: 'asc' }, fields: ['id'] });
    return rows.map((r) => r.id);
  },
};

/** How a confirmed case starts its support: from its first month, with the first review a year on. */
const SUPPORT: StartableCaseType<TekunSupportInput> = {
  workflowType: TEKUN_SUPPORT_WORKFLOW_TYPE,
  workflowId: tekunSupportWorkflowId,
  async inputOf(em, caseId) {
    const c = await em.findOneOrFail(TekunCase, caseId, { fields: ['id', 'status', 'startMonth', 'reviewDueMonth', 'reviews', 'supportStartedAt'] });
    if (c.supportStartedAt || c.status !== 'supported' || !c.startMonth || !c.reviewDueMonth) return null;
    return { caseId, nextMonth: c.startMonth, reviewDueMonth: c.reviewDueMonth, cycle: c.reviews + 1 };
  },
  async markStarted(em, caseId, at) {
    await em.nativeUpdate(TekunCase, { id: caseId, supportStartedAt: null }, { supportStartedAt: at });
  },
  async pendingIds(em, before, batch) {
    const rows = await em.find(TekunCase, { status: 'supported', supportStartedAt: null, decidedAt: { $lt: before } }, { limit: batch, orderBy: { decidedAt: 'asc' }, fields: ['id'] });
    return rows.map((r) => r.id);
  },
};

/** Starts a 特困供养 application's workflow once; the worker's relay sweeps those the API could not start. */
export class TekunApplicationStarter extends CaseTypeStarter<TekunApplicationInput> {
  constructor(orm: MikroORM, client: Client, taskQueue: string) {
    super(orm, client, taskQueue, APPLICATIONS);
  }
}

/** Starts a confirmed case's support workflow once (right after the approval, or by the relay). */
export class TekunSupportStarter extends CaseTypeStarter<TekunSupportInput> {
  constructor(orm: MikroORM, client: Client, taskQueue: string) {
    super(orm, client, taskQueue, SUPPORT);
  }
}
