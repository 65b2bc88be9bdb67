import { Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { ceilingOf } from '../../../activities/emergency/amount-ceiling';
import { EmergencyEvent } from '../../../activities/emergency/emergency-event.entity';
import { EmergencyRequest } from '../../../activities/emergency/emergency-request.entity';
import { EmergencyRecovery, EmergencyReferral } from '../../../activities/emergency/follow-up.entity';
import { ReserveMovement } from '../../../activities/emergency/reserve.entity';
import { Household } from '../../../activities/households/household.entity';
import { maskAddress, maskName } from '../../../activities/households/personal-data';
import { PolicySnapshot } from '../../../activities/regions/policy-snapshot.entity';
import { Task } from '../../../activities/tasks/task.entity';
import type { EmergencyStatus } from '../../../workflows/emergency/definitions';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';
import type { EmergencyListQuery } from './emergency.schemas';

const STATUSES: EmergencyStatus[] = ['awaiting_decision', 'paying', 'follow_up', 'verified', 'rejected', 'closed'];

/**
 * What workers of the request's township, and everyone above it, see of 救急难 requests: the region's cases by status,
 * and one request with its tasks, payment, referrals and timeline. Household names and addresses are masked.
 */
@Injectable()
export class EmergencyViewService {
  constructor(private readonly orm: MikroORM) {}

  async list(user: AuthUser, query: EmergencyListQuery) {
    const em = this.orm.em.fork();
    const inRegion = { householdRegionPath: { $like: `${user.regionPath}%` } };
    const where = query.status ? { ...inRegion, status: query.status } : inRegion;
    const [rows, total] = await em.findAndCount(EmergencyRequest, where, {
      orderBy: { createdAt: 'desc', id: 'asc' },
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
      fields: ['id', 'caseNo', 'townshipCode', 'status', 'eventType', 'peopleAffected', 'amountAskedFen', 'approvedFen', 'paidFen', 'createdAt'],
    });
    const byStatus = Object.fromEntries(await Promise.all(STATUSES.map(async (s) => [s, await em.count(EmergencyRequest, { ...inRegion, status: s })] as const)));
    return { items: rows.map(summary), byStatus, page: query.page, pageSize: query.pageSize, total };
  }

  async detail(user: AuthUser, id: string) {
    const em = this.orm.em.fork();
    const request = await findInScope(em, user, id);
    const household = await em.findOneOrFail(Household, request.householdId, { populate: ['members'] });
    const head = household.members.getItems()[0];
    const tasks = await em.find(Task, { caseType: 'emergency', caseId: id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const events = await em.find(EmergencyEvent, { requestId: id }, { orderBy: { seq: 'asc' } });
    const snapshots = await em.find(PolicySnapshot, { id: { $in: [...new Set([request.policySnapshotId, ...events.map((e) => e.policySnapshotId)])] } }, { fields: ['id', 'label'] });
    const labels = new Map(snapshots.map((s) => [s.id, s.label]));
    const payment = await em.findOne(ReserveMovement, { requestId: id, kind: 'payment' });
    return {
      ...summary(request),
      kind: request.kind,
      // The most the region's 临时救助 tier allows for this cause and household size (null: the amount asked).
      ceilingFen: (await ceilingOf(em, request)) ?? null,
      eventDescription: request.eventDescription,
      need: request.need,
      raisedBy: { userId: request.raisedById, role: request.raisedByRole },
      countyCode: request.countyCode,
      linkedApplicationId: request.linkedApplicationId,
      policy: { snapshotId: request.policySnapshotId, label: labels.get(request.policySnapshotId) ?? null },
      household: {
        id: household.id,
        regionCode: household.regionCode,
        head: head ? maskName(head.name) : null,
        size: household.members.length,
        address: maskAddress(household.address),
      },
      tasks: tasks.map((t) => ({ id: t.id, step: t.step, role: t.role, regionCode: t.regionCode, status: t.status, dueAt: t.dueAt, overdue: t.overdue, closedAt: t.closedAt, closedById: t.closedById })),
      payment: payment && { id: payment.id, amountFen: -payment.amountFen, at: payment.at },
      referrals: (await em.find(EmergencyReferral, { requestId: id }, { orderBy: { at: 'asc' } })).map((r) => ({ kind: r.kind, department: r.department, status: r.status, applicationId: r.applicationId, referredById: r.referredById, at: r.at })),
      recoveries: (await em.find(EmergencyRecovery, { requestId: id })).map((r) => ({ paymentId: r.paymentId, amountFen: r.amountFen, status: r.status, at: r.at })),
      timeline: events.map((e) => ({
        action: e.action,
        at: e.at,
        actor: e.actorId ? { userId: e.actorId, role: e.actorRole } : null,
        reasonCode: e.reasonCode,
        data: e.data,
        policy: { snapshotId: e.policySnapshotId, label: labels.get(e.policySnapshotId) ?? null },
      })),
    };
  }
}

/** The request if it lies in the caller's subtree; otherwise 404, never saying whether it exists elsewhere. */
export async function findInScope(em: EntityManager, user: AuthUser, id: string): Promise<EmergencyRequest> {
  const request = await em.findOne(EmergencyRequest, { id, householdRegionPath: { $like: `${user.regionPath}%` } });
  if (!request) throw new NotFoundError(`no emergency request ${id} in your region`);
  return request;
}

function summary(r: Pick<EmergencyRequest, 'id' | 'caseNo' | 'townshipCode' | 'status' | 'eventType' | 'peopleAffected' | 'amountAskedFen' | 'approvedFen' | 'paidFen' | 'createdAt'>) {
  return {
    id: r.id,
    caseNo: r.caseNo,
    townshipCode: r.townshipCode,
    status: r.status,
    eventType: r.eventType,
    peopleAffected: r.peopleAffected,
    amountAskedFen: r.amountAskedFen,
    approvedFen: r.approvedFen,
    paidFen: r.paidFen,
    createdAt: r.createdAt,
  };
}
