import { regionInScope } from '../common/region-scope';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM, type FilterQuery } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import { Application } from '../../../activities/application/application.entity';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { Submission } from '../../../activities/tasks/submission.entity';
import { appendEvent } from '../../../activities/application/timeline';
import { PolicyService } from '../../../activities/regions/policy.service';
import { adoptPolicyUpdate, applicationWorkflowId } from '../../../workflows/application/definitions';
import type { AuthUser } from '../auth/auth.types';
import { asConflict } from '../common/workflow-errors';
import type { MoveCasesBody } from './admin.schemas';

/**
 * Moving running cases to their region's current policy: an explicit, audited administrator operation. The reason is
 * kept as a submission and the request is on each case's timeline; the workflow records the move itself and gives
 * the current step and the remaining steps the new limits.
 */
@Injectable()
export class CaseMovesService {
  constructor(
    private readonly orm: MikroORM,
    private readonly policies: PolicyService,
    private readonly temporal: Client,
    private readonly audit: AuditLog,
  ) {}

  async move(user: AuthUser, regionCode: string, body: MoveCasesBody) {
    const em = this.orm.em.fork();
    const region = await regionInScope(em, user, regionCode);
    const where: FilterQuery<Application> = { status: 'in_progress', regionPath: { $like: `${region.path}%` } };
    if (body.applicationIds) where.id = { $in: body.applicationIds };
    if (body.step) where.stage = body.step;
    const cases = await em.find(Application, where, { orderBy: { submittedAt: 'asc' }, limit: 500 });

    const results: { id: string; caseNo: string; from: string; to: string; outcome: 'moved' | 'unchanged' | 'refused'; reason?: string }[] = [];
    for (const application of cases) {
      const policy = await em.transactional((tx) => this.policies.resolveFor(tx, application.regionCode));
      const from = application.policySnapshotId;
      if (policy.snapshotId === from) {
        results.push({ id: application.id, caseNo: application.caseNo, from, to: from, outcome: 'unchanged' });
        continue;
      }
      const submission = new Submission({
        id: randomUUID(),
        taskId: `policy-move:${policy.snapshotId}`,
        caseType: 'application',
        caseId: application.id,
        actorId: user.id,
        actorRole: user.role,
        payload: { reason: body.reason, to: policy.snapshotId },
      });
      await em.transactional(async (tx) => {
        tx.persist(submission);
        await this.audit.append(tx, {
          actorId: user.id,
          actorRole: user.role,
          regionCode: application.regionCode,
          action: 'policy_move',
          targetType: 'application',
          targetId: application.id,
          before: { policySnapshotId: from },
          after: { policySnapshotId: policy.snapshotId },
          reason: body.reason,
        });
        await appendEvent(tx, {
          applicationId: application.id,
          key: `policy-move-request:${submission.id}`,
          step: 'policy',
          action: 'policy_move_requested',
          at: new Date(),
          actor: { userId: user.id, role: user.role },
          data: { from, to: policy.snapshotId, label: policy.label },
          submissionId: submission.id,
        });
      });
      try {
        await this.temporal.workflow
          .getHandle(applicationWorkflowId(application.id))
          .executeUpdate(adoptPolicyUpdate, { args: [{ policy, actor: { userId: user.id, role: user.role } }] });
        submission.status = 'accepted';
        results.push({ id: application.id, caseNo: application.caseNo, from, to: policy.snapshotId, outcome: 'moved' });
      } catch (err) {
        const conflict = asConflict(err);
        submission.status = 'refused';
        submission.refusal = conflict.message.slice(0, 255);
        results.push({ id: application.id, caseNo: application.caseNo, from, to: policy.snapshotId, outcome: 'refused', reason: conflict.code });
      }
      await em.flush();
    }
    return { region: regionCode, cases: results };
  }
}
