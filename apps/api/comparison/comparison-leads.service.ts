import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { Client } from '@temporalio/client';
import { ComparisonImport } from '../../../activities/comparison/comparison-import.entity';
import { ComparisonLead } from '../../../activities/comparison/comparison-lead.entity';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { Member } from '../../../activities/households/member.entity';
import { maskName } from '../../../activities/households/personal-data';
import { comparisonLeadUpdate, recipientWorkflowId } from '../../../workflows/recipient/definitions';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, NotFoundError } from '../common/errors';
import { asConflict } from '../common/workflow-errors';
import type { LeadDecisionBody, LeadsQuery } from './comparison.schemas';

/**
 * Leads of 数据比对 for the investigators of their households' townships: list, and decide once — confirmed (the
 * household's workflow opens an urgent re-review) or dismissed, with a reason. A retried decision returns the first.
 */
@Injectable()
export class ComparisonLeadsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly temporal: Client,
    private readonly audit: AuditLog,
  ) {}

  async list(user: AuthUser, query: LeadsQuery) {
    const em = this.orm.em.fork();
    const leads = await em.find(
      ComparisonLead,
      { regionPath: { $like: `${user.regionPath}%` }, ...(query.status ? { status: query.status } : {}), ...(query.importId ? { importId: query.importId } : {}) },
      { orderBy: { createdAt: 'desc', id: 'asc' }, limit: query.limit },
    );
    const members = await em.find(Member, { id: { $in: leads.map((l) => l.memberId) } }, { fields: ['id', 'name'] });
    const byId = new Map(members.map((m) => [m.id, m]));
    return { items: leads.map((l) => this.view(l, byId.get(l.memberId))) };
  }

  async decide(user: AuthUser, leadId: string, body: LeadDecisionBody) {
    const em = this.orm.em.fork();
    const lead = await em.findOne(ComparisonLead, { id: leadId, regionPath: { $like: `${user.regionPath}%` } });
    if (!lead) throw new NotFoundError(`no lead ${leadId} in your region`);
    const status = body.outcome === 'confirm' ? 'confirmed' : 'dismissed';
    if (lead.status !== 'pending') {
      if (lead.status !== status || lead.decidedById !== user.id) throw new ConflictError('lead_decided', `the lead was already ${lead.status}`);
      if (status === 'confirmed') await this.openReReview(lead);
      return this.view(lead);
    }
    const at = new Date();
    const taskId = status === 'confirmed' ? `${lead.householdId}:lead:${lead.id}` : null;
    await em.transactional(async (tx) => {
      // Conditional on still pending: of two investigators deciding at once, one wins and the other is refused.
      const changed = await tx.nativeUpdate(ComparisonLead, { id: lead.id, status: 'pending' }, { status, decidedById: user.id, decidedAt: at, reason: body.reason, taskId });
      if (changed !== 1) throw new ConflictError('lead_decided', 'the lead was decided meanwhile');
      await (tx as SqlEntityManager)
        .createQueryBuilder(ComparisonImport)
        .update({ [status]: (tx as SqlEntityManager).getKnex().raw('?? + 1', [status]) })
        .where({ id: lead.importId })
        .execute();
      await this.audit.append(tx, { actorId: user.id, actorRole: user.role, regionCode: lead.regionCode, action: `comparison_lead_${status}`, targetType: 'recipient', targetId: lead.householdId, after: { leadId: lead.id, source: lead.source } });
    });
    Object.assign(lead, { status, decidedById: user.id, decidedAt: at, reason: body.reason, taskId });
    if (status === 'confirmed') await this.openReReview(lead);
    return this.view(lead);
  }

  /** The household's workflow opens the re-review; a lead it has seen already (a retry) is not an error. */
  private async openReReview(lead: ComparisonLead): Promise<void> {
    try {
      await this.temporal.workflow.getHandle(recipientWorkflowId(lead.householdId)).executeUpdate(comparisonLeadUpdate, { args: [{ leadId: lead.id }] });
    } catch (err) {
      const refused = asConflict(err);
      if (refused.code !== 'duplicate_command') throw refused;
    }
  }

  private view(lead: ComparisonLead, member?: Pick<Member, 'name'>) {
    return {
      id: lead.id,
      importId: lead.importId,
      source: lead.source,
      householdId: lead.householdId,
      memberId: lead.memberId,
      memberName: member ? maskName(member.name) : undefined,
      regionCode: lead.regionCode,
      detail: lead.detail,
      status: lead.status,
      decidedAt: lead.decidedAt,
      taskId: lead.taskId,
      createdAt: lead.createdAt,
    };
  }
}
