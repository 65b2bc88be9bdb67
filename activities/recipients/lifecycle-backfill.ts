import type { FilterQuery, MikroORM } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import type { AssessedIncome } from '../../workflows/application/decisions';
import { Submission } from '../tasks/submission.entity';
import { Task } from '../tasks/task.entity';
import { lifecycleStarterActivities } from './lifecycle-starter.activities';
import { LIVE_RECIPIENT_STATUSES, Recipient } from './recipient.entity';

/**
 * Starts the lifecycle workflow of every live recipient that has none: households enrolled before approvals started
 * it, or whose workflow was lost. Pages through the recipients by id; a running workflow is left alone (its id is
 * the household's), so the sweep can be repeated. The incomes are the accepted home visit's, else the declared;
 * a started workflow records every month since the first, the ledger's keys keeping months already there single.
 * Returns how many recipients were looked at.
 */
export async function startMissingLifecycles(orm: MikroORM, temporal: Client, taskQueue: string, pageSize = 100): Promise<number> {
  const starter = lifecycleStarterActivities({ orm, temporal, taskQueue });
  let after: string | undefined;
  let seen = 0;
  for (;;) {
    const em = orm.em.fork();
    const live: FilterQuery<Recipient> = { status: { $in: [...LIVE_RECIPIENT_STATUSES] } };
    const page = await em.find(Recipient, after ? { $and: [live, { id: { $gt: after } }] } : live, { orderBy: { id: 'asc' }, limit: pageSize });
    if (page.length === 0) return seen;
    for (const recipient of page) {
      await starter.startRecipientLifecycle({ applicationId: recipient.applicationId, incomes: await visitIncomes(orm, recipient.applicationId), at: Date.now() });
    }
    seen += page.length;
    after = page[page.length - 1].id;
  }
}

/** The incomes of the application's last accepted home visit, by member id. */
async function visitIncomes(orm: MikroORM, applicationId: string): Promise<AssessedIncome[] | undefined> {
  const em = orm.em.fork();
  const [visit] = await em.find(Task, { caseType: 'application', caseId: applicationId, step: 'home_visit', status: 'completed' }, { orderBy: { closedAt: 'desc' }, limit: 1 });
  const submission = visit?.submissionId ? await em.findOne(Submission, visit.submissionId) : null;
  const incomes = submission?.payload.incomes;
  return Array.isArray(incomes) ? (incomes as AssessedIncome[]) : undefined;
}
