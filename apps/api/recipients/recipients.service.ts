import { regionInScope } from '../common/region-scope';
import { Injectable } from '@nestjs/common';
import { MikroORM, type FilterQuery } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import { Household } from '../../../activities/households/household.entity';
import { maskName } from '../../../activities/households/personal-data';
import { ChangeReport } from '../../../activities/recipients/change-report.entity';
import { Complaint } from '../../../activities/recipients/complaint.entity';
import { Entitlement } from '../../../activities/recipients/entitlement.entity';
import { LifecycleEvent } from '../../../activities/recipients/lifecycle-event.entity';
import { lifecycleNoticeText } from '../../../activities/recipients/lifecycle-notices';
import type { NoticeKind } from '../../../activities/recipients/recipient.contract';
import { Recipient } from '../../../activities/recipients/recipient.entity';
import { Task } from '../../../activities/tasks/task.entity';
import { recipientStateQuery, recipientWorkflowId } from '../../../workflows/recipient/definitions';
import type { AuthUser } from '../auth/auth.types';
import { recipientInScope } from './recipient-lookup';
import { LIFECYCLE_REASON_LABELS } from './reason-labels';
import type { ListComplaintsQuery, ListRecipientsQuery } from './recipients.schemas';

/**
 * What caseworkers read about recipient households (在保对象) in their subtree: the list, one household (masked names,
 * never ID numbers), its entitlement ledger and its timeline of notices, status changes, re-reviews, reports and
 * complaints; and, for auditors, every complaint of the subtree.
 */
@Injectable()
export class RecipientsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly temporal: Client,
  ) {}

  async list(user: AuthUser, query: ListRecipientsQuery) {
    const em = this.orm.em.fork();
    let path = user.regionPath;
    if (query.region) {
      path = (await regionInScope(em, user, query.region)).path;
    }
    const where: FilterQuery<Recipient> = { regionPath: { $like: `${path}%` }, program: 'dibao' };
    if (query.status) where.status = query.status;
    const [rows, total] = await em.findAndCount(Recipient, where, { orderBy: { createdAt: 'desc', id: 'asc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    const households = await em.find(Household, { id: { $in: rows.map((r) => r.householdId) } }, { populate: ['members'] });
    const byId = new Map(households.map((h) => [h.id, h]));
    return {
      items: rows.map((r) => {
        const household = byId.get(r.householdId);
        const head = household?.members.getItems().find((m) => m.relation === 'head');
        return { ...view(r), head: head ? maskName(head.name) : null, householdSize: household?.members.length ?? 0 };
      }),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  async detail(user: AuthUser, householdId: string) {
    const em = this.orm.em.fork();
    const recipient = await recipientInScope(em, user, householdId);
    const household = await em.findOneOrFail(Household, householdId, { populate: ['members'] });
    const openTasks = await em.find(Task, { caseType: 'recipient', caseId: householdId, status: 'open' }, { orderBy: { dueAt: 'asc' } });
    const state = await this.temporal.workflow
      .getHandle(recipientWorkflowId(householdId))
      .query(recipientStateQuery)
      .catch(() => null);
    return {
      ...view(recipient),
      area: household.area,
      members: household.members.getItems().map((m) => ({ memberId: m.id, name: maskName(m.name), relation: m.relation })),
      openTasks: openTasks.map((t) => ({ id: t.id, step: t.step, role: t.role, dueAt: t.dueAt, overdue: t.overdue || t.dueAt.getTime() < Date.now(), assigneeId: t.assigneeId })),
      lifecycle: state,
    };
  }

  /** Every entitlement row of the household, oldest month first, with the derivation of each amount. */
  async ledger(user: AuthUser, householdId: string) {
    const em = this.orm.em.fork();
    await recipientInScope(em, user, householdId);
    const rows = await em.find(Entitlement, { householdId }, { orderBy: { month: 'asc', kind: 'asc', reference: 'asc' } });
    return {
      householdId,
      entries: rows.map((e) => ({ month: e.month, benefitType: e.benefitType, kind: e.kind, amountFen: e.amountFen, reference: e.reference || null, policySnapshotId: e.policySnapshotId, derivation: e.derivation, recordedAt: e.recordedAt })),
      totalFen: rows.reduce((sum, e) => sum + e.amountFen, 0),
    };
  }

  /** The household's life on the program, oldest first; notices carry their written text. */
  async timeline(user: AuthUser, householdId: string) {
    const em = this.orm.em.fork();
    await recipientInScope(em, user, householdId);
    const events = await em.find(LifecycleEvent, { householdId }, { orderBy: { at: 'asc', key: 'asc' } });
    const reports = new Map((await em.find(ChangeReport, { householdId })).map((r) => [r.id, r]));
    return {
      householdId,
      events: events.map((e) => {
        const base = { key: e.key, type: e.type, code: e.code, effectiveMonth: e.effectiveMonth, at: e.at, data: e.data };
        if (e.type === 'notice') {
          const reasonCode = (e.data.reasonCode as string | null) ?? null;
          const label = reasonCode ? (LIFECYCLE_REASON_LABELS[reasonCode] ?? null) : null;
          return { ...base, text: lifecycleNoticeText(e.code as NoticeKind, Number(e.data.amountFen ?? 0), e.effectiveMonth ?? '', label) };
        }
        if (e.type === 'change_report') {
          const report = reports.get(String(e.data.reportId));
          return { ...base, account: report?.account ?? null };
        }
        return base;
      }),
    };
  }

  /** 举报 of the caller's subtree, newest first, with the re-review each opened and where it stands. */
  async complaints(user: AuthUser, query: ListComplaintsQuery) {
    const em = this.orm.em.fork();
    const [rows, total] = await em.findAndCount(Complaint, { regionPath: { $like: `${user.regionPath}%` } }, { orderBy: { createdAt: 'desc', id: 'asc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    const tasks = new Map((await em.find(Task, { id: { $in: rows.map((c) => c.taskId) } })).map((t) => [t.id, t]));
    return {
      items: rows.map((c) => ({
        id: c.id,
        householdId: c.householdId,
        regionCode: c.regionCode,
        channel: c.channel,
        content: c.content,
        createdAt: c.createdAt,
        reReview: { taskId: c.taskId, status: tasks.get(c.taskId)?.status ?? 'pending' },
      })),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }
}

function view(r: Recipient) {
  return {
    householdId: r.householdId,
    recipientId: r.id,
    applicationId: r.applicationId,
    regionCode: r.regionCode,
    status: r.status,
    category: r.category,
    monthlyBenefitFen: r.monthlyBenefitFen,
    startMonth: r.startMonth,
    policySnapshotId: r.policySnapshotId,
  };
}
