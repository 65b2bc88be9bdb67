import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { Household } from '../../../activities/households/household.entity';
import { ChangeReport } from '../../../activities/recipients/change-report.entity';
import { Complaint } from '../../../activities/recipients/complaint.entity';
import { LifecycleEvent } from '../../../activities/recipients/lifecycle-event.entity';
import type { Recipient } from '../../../activities/recipients/recipient.entity';
import {
  complaintUpdate,
  recipientWorkflowId,
  reportChangeUpdate,
  resumeUpdate,
  suspendUpdate,
  terminateUpdate,
} from '../../../workflows/recipient/definitions';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, UnprocessableError } from '../common/errors';
import { asConflict } from '../common/workflow-errors';
import { recipientInScope } from './recipient-lookup';
import type { ComplaintBody, ReportChangeBody, StatusChangeBody } from './recipients.schemas';

const STATUS_UPDATES = { suspend: suspendUpdate, resume: resumeUpdate, terminate: terminateUpdate } as const;

/**
 * Commands on a recipient household: a reported change, a complaint, a suspension, resumption or termination. The
 * record (with its free text) is committed first, with an audit entry; then the household's workflow gets ids,
 * codes and fen, and answers with its new state (refusals → 409). The workflow writes notices and status itself.
 */
@Injectable()
export class LifecycleCommandsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly temporal: Client,
    private readonly audit: AuditLog,
  ) {}

  async reportChange(user: AuthUser, householdId: string, body: ReportChangeBody) {
    const em = this.orm.em.fork();
    const recipient = await live(em, user, householdId);
    await checkMembers(em, householdId, body.incomes.map((i) => i.memberId));
    const at = new Date();
    const report = new ChangeReport({
      id: randomUUID(),
      householdId,
      recipientId: recipient.id,
      kind: body.kind,
      reportedBy: body.reportedBy,
      incomes: body.incomes,
      deductions: body.deductions,
      account: body.account,
      recordedById: user.id,
      createdAt: at,
    });
    await em.transactional(async (tx) => {
      tx.persist(report);
      tx.persist(new LifecycleEvent({ key: `${householdId}:report:${report.id}`, householdId, type: 'change_report', code: body.kind, effectiveMonth: null, data: { reportId: report.id, reportedBy: body.reportedBy, recordedById: user.id }, at }));
      await this.audit.append(tx, { actorId: user.id, actorRole: user.role, regionCode: recipient.regionCode, action: 'recipient_change_reported', targetType: 'recipient', targetId: householdId, after: { reportId: report.id, kind: body.kind, reportedBy: body.reportedBy } });
    });
    const reporter = { userId: user.id, role: body.reportedBy === 'household' ? ('household' as const) : user.role };
    const state = await this.send(householdId, (h) => h.executeUpdate(reportChangeUpdate, { args: [{ changeId: report.id, incomes: body.incomes, deductions: body.deductions, reporter }] }));
    return { reportId: report.id, state };
  }

  /** 举报: recorded for auditors, then an immediate re-review in the township investigator's inbox. */
  async complain(user: AuthUser, householdId: string, body: ComplaintBody) {
    const em = this.orm.em.fork();
    const recipient = await live(em, user, householdId);
    const id = randomUUID();
    const taskId = `${householdId}:complaint:${id}`;
    const at = new Date();
    await em.transactional(async (tx) => {
      tx.persist(new Complaint({ id, householdId, recipientId: recipient.id, regionCode: recipient.regionCode, regionPath: recipient.regionPath, channel: body.channel, content: body.content, recordedById: user.id, taskId, createdAt: at }));
      tx.persist(new LifecycleEvent({ key: `${householdId}:complaint-received:${id}`, householdId, type: 'complaint', code: body.channel, effectiveMonth: null, data: { complaintId: id, taskId }, at }));
      await this.audit.append(tx, { actorId: user.id, actorRole: user.role, regionCode: recipient.regionCode, action: 'recipient_complaint', targetType: 'recipient', targetId: householdId, after: { complaintId: id, channel: body.channel } });
    });
    const state = await this.send(householdId, (h) => h.executeUpdate(complaintUpdate, { args: [{ complaintId: id }] }));
    return { complaintId: id, taskId, state };
  }

  /** Suspension, resumption or termination with a reason code (to the workflow) and a written reason (audit log). */
  async changeStatus(user: AuthUser, householdId: string, kind: keyof typeof STATUS_UPDATES, body: StatusChangeBody) {
    const em = this.orm.em.fork();
    const recipient = await live(em, user, householdId);
    await this.audit.append(em, { actorId: user.id, actorRole: user.role, regionCode: recipient.regionCode, action: `recipient_${kind}`, targetType: 'recipient', targetId: householdId, before: { status: recipient.status }, after: { reasonCode: body.reasonCode }, reason: body.reason });
    const state = await this.send(householdId, (h) => h.executeUpdate(STATUS_UPDATES[kind], { args: [{ reasonCode: body.reasonCode, actor: { userId: user.id, role: user.role } }] }));
    return { state };
  }

  private async send<T>(householdId: string, call: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<T>): Promise<T> {
    try {
      return await call(this.temporal.workflow.getHandle(recipientWorkflowId(householdId)));
    } catch (err) {
      throw asConflict(err);
    }
  }
}

/** The household's enrolment, which must still be on the program. */
async function live(em: EntityManager, user: AuthUser, householdId: string): Promise<Recipient> {
  const recipient = await recipientInScope(em, user, householdId);
  if (recipient.status === 'terminated') throw new ConflictError('recipient_terminated', 'the household has left the program');
  return recipient;
}

async function checkMembers(em: EntityManager, householdId: string, given: string[]): Promise<void> {
  const household = await em.findOneOrFail(Household, householdId, { populate: ['members'] });
  const ids = new Set(household.members.getItems().map((m) => m.id));
  if (given.length !== ids.size || new Set(given).size !== given.length || !given.every((id) => ids.has(id))) {
    throw new UnprocessableError([{ field: 'incomes', rule: 'must give each member of the household exactly once' }]);
  }
}
