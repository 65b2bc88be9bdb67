import { Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { EmergencyReferral, EmergencyRequest, appendEmergencyEvent } from '../../../activities/emergency/referral-bridge';
import { MedicalAssistancePayment } from '../../../activities/medical/medical-payment.entity';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, NotFoundError } from '../common/errors';
import type { ListReferralsQuery } from './referrals.schemas';

/** The referral kinds a receiving department's role works; others read them. */
const HANDLED_BY: Record<string, string> = { medical: 'medical_officer' };

/**
 * 转介 after 救急难, as the receiving department works them: the referrals of its region, accepted (受理) and closed
 * (办结) with a reason, each step written on the emergency case's timeline and in the audit log. Payments on medical
 * referrals are MedicalPaymentsService's.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditLog,
  ) {}

  async list(user: AuthUser, query: ListReferralsQuery) {
    const em = this.orm.em.fork() as SqlEntityManager;
    const requests = em.createQueryBuilder(EmergencyRequest, 'q').select('q.id').where({ householdRegionPath: { $like: `${user.regionPath}%` } });
    const where: FilterQuery<EmergencyReferral> = { requestId: { $in: requests.getKnexQuery() } as never, ...(query.kind ? { kind: query.kind } : {}), ...(query.status ? { status: query.status } : {}) };
    const [rows, total] = await em.findAndCount(EmergencyReferral, where, { orderBy: { at: 'desc', id: 'asc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    const byId = new Map((await em.find(EmergencyRequest, { id: { $in: rows.map((r) => r.requestId) } })).map((r) => [r.id, r]));
    return { items: rows.map((r) => view(r, byId.get(r.requestId)!)), total, page: query.page, pageSize: query.pageSize };
  }

  async detail(user: AuthUser, id: string) {
    const em = this.orm.em.fork();
    const { referral, request } = await this.inScope(em, user, id);
    const payments = await em.find(MedicalAssistancePayment, { referralId: id }, { orderBy: { at: 'asc' } });
    return { ...view(referral, request), payments: payments.map((p) => ({ invoiceNo: p.paymentKey.slice(id.length + 1), eligibleExpenseFen: p.eligibleExpenseFen, paidFen: p.paidFen, ratio: p.ratioBasisPoints / 10_000, annualCapFen: p.annualCapFen, at: p.at })) };
  }

  accept(user: AuthUser, id: string, reason: string) {
    return this.move(user, id, 'referred', 'accepted', reason);
  }

  close(user: AuthUser, id: string, reason: string) {
    return this.move(user, id, 'accepted', 'closed', reason);
  }

  /** The referral in the caller's region; 404 outside it. */
  async inScope(em: EntityManager, user: AuthUser, id: string) {
    const referral = await em.findOne(EmergencyReferral, id);
    const request = referral ? await em.findOne(EmergencyRequest, { id: referral.requestId, householdRegionPath: { $like: `${user.regionPath}%` } }) : null;
    if (!referral || !request) throw new NotFoundError(`no referral ${id} in your region`);
    return { referral, request };
  }

  /** The department's role works its own kind of referral only. */
  assertHandler(user: AuthUser, referral: EmergencyReferral): void {
    if (HANDLED_BY[referral.kind] !== user.role) throw new ConflictError('not_receiving_department', `a ${referral.kind} referral is worked by its receiving department`);
  }

  private async move(user: AuthUser, id: string, from: EmergencyReferral['status'], to: EmergencyReferral['status'], reason: string) {
    return this.orm.em.fork().transactional(async (em) => {
      const { referral, request } = await this.inScope(em, user, id);
      this.assertHandler(user, referral);
      // A retry of the same step is its first answer; any other state is a conflict naming it.
      if (referral.status === to) return view(referral, request);
      if (referral.status !== from) throw new ConflictError(`referral_${referral.status}`, `the referral is ${referral.status}`);
      const at = new Date();
      referral.status = to;
      referral.handledById = user.id;
      if (to === 'accepted') referral.acceptedAt = at;
      else referral.closedAt = at;
      await em.flush();
      const action = to === 'accepted' ? 'referral_accepted' : 'referral_closed';
      await appendEmergencyEvent(em, { requestId: request.id, key: `referral:${id}:${to}`, action, at: at.getTime(), actor: { userId: user.id, role: user.role }, policySnapshotId: request.policySnapshotId, data: { kind: referral.kind } });
      await this.audit.append(em, { actorId: user.id, actorRole: user.role, regionCode: request.townshipCode, action, targetType: 'emergency_referral', targetId: id, before: { status: from }, after: { status: to }, reason });
      return view(referral, request);
    });
  }
}

export function view(r: EmergencyReferral, request: EmergencyRequest) {
  return {
    id: r.id,
    kind: r.kind,
    department: r.department,
    status: r.status,
    referredAt: r.at,
    acceptedAt: r.acceptedAt,
    closedAt: r.closedAt,
    request: { id: request.id, caseNo: request.caseNo, eventType: request.eventType, townshipCode: request.townshipCode },
    householdId: request.householdId,
  };
}
