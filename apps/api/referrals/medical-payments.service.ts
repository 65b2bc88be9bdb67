import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { appendEmergencyEvent } from '../../../activities/emergency/referral-bridge';
import { MedicalAssistancePayment, MedicalAssistanceTotal } from '../../../activities/medical/medical-payment.entity';
import { PolicyService } from '../../../activities/regions/policy.service';
import { resolveSections } from '../../../config/policy/resolve';
import { shanghaiDay, isoDate } from '../../../workflows/domain/calendar';
import { DEFAULT_MEDICAL_RULE, medicalShare } from '../../../workflows/programs/medical/medical-share';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, UnavailableError } from '../common/errors';
import { ReferralsService } from './referrals.service';
import type { MedicalPaymentBody } from './referrals.schemas';

/** Attempts when another payment for the same household moved its yearly total in between. */
const CAP_ATTEMPTS = 5;

/**
 * 医疗救助 on an accepted medical referral: for one bill, the region's share of the eligible expenses within what is left
 * of the household's annual cap (the region's current policy; national defaults before regions set it). The bill's
 * number is the business key — recording it again returns the first payment — and the household's yearly total moves
 * by a conditional update on the amount read, so two bills at once cannot pass the cap together.
 */
@Injectable()
export class MedicalPaymentsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly policies: PolicyService,
    private readonly referrals: ReferralsService,
    private readonly audit: AuditLog,
  ) {}

  async pay(user: AuthUser, referralId: string, body: MedicalPaymentBody) {
    const paymentKey = `${referralId}:${body.invoiceNo}`;
    for (let attempt = 0; attempt < CAP_ATTEMPTS; attempt++) {
      const done = await this.orm.em.fork().transactional((em) => this.attempt(em, user, referralId, paymentKey, body));
      if (done) return done;
    }
    throw new UnavailableError('the household’s yearly total kept changing; try again');
  }

  private async attempt(em: EntityManager, user: AuthUser, referralId: string, paymentKey: string, body: MedicalPaymentBody) {
    const { referral, request } = await this.referrals.inScope(em, user, referralId);
    this.referrals.assertHandler(user, referral);
    const first = await em.findOne(MedicalAssistancePayment, { paymentKey });
    if (first) {
      if (first.eligibleExpenseFen !== body.eligibleExpenseFen) throw new ConflictError('invoice_recorded', `bill ${body.invoiceNo} is already recorded with another amount`);
      return answer(first);
    }
    if (referral.status !== 'accepted') throw new ConflictError(`referral_${referral.status}`, 'pay an accepted referral only');

    const at = new Date();
    const year = Number(isoDate(shanghaiDay(at.getTime())).slice(0, 4));
    const rule = resolveSections(await this.policies.layersFor(em, request.townshipCode, at)).medicalAssistance ?? DEFAULT_MEDICAL_RULE;
    await em.upsert(MedicalAssistanceTotal, { householdId: request.householdId, year, paidFen: 0 }, { onConflictFields: ['householdId', 'year'], onConflictAction: 'ignore' });
    const total = await em.findOneOrFail(MedicalAssistanceTotal, { householdId: request.householdId, year }, { refresh: true });
    const share = medicalShare(body.eligibleExpenseFen, total.paidFen, rule);
    if (share.paidFen === 0) throw new ConflictError('medical_cap_reached', `the household has reached the annual cap of ${rule.annualCapFen} fen for ${year}`);
    const moved = await em.nativeUpdate(MedicalAssistanceTotal, { householdId: request.householdId, year, paidFen: total.paidFen }, { paidFen: total.paidFen + share.paidFen });
    if (moved !== 1) return null;

    const payment = new MedicalAssistancePayment({
      id: randomUUID(),
      paymentKey,
      referralId,
      householdId: request.householdId,
      year,
      eligibleExpenseFen: body.eligibleExpenseFen,
      paidFen: share.paidFen,
      ratioBasisPoints: Math.round(rule.ratio * 10_000),
      annualCapFen: rule.annualCapFen,
      recordedById: user.id,
      at,
    });
    em.persist(payment);
    await em.flush();
    const data = { eligibleExpenseFen: body.eligibleExpenseFen, paidFen: share.paidFen, capLeftFen: share.capLeftFen };
    await appendEmergencyEvent(em, { requestId: request.id, key: `medical:${paymentKey}`, action: 'medical_paid', at: at.getTime(), actor: { userId: user.id, role: user.role }, policySnapshotId: request.policySnapshotId, data });
    await this.audit.append(em, { actorId: user.id, actorRole: user.role, regionCode: request.townshipCode, action: 'medical_paid', targetType: 'emergency_referral', targetId: referralId, after: { paymentId: payment.id, ...data } });
    return answer(payment, share.capLeftFen);
  }
}

function answer(p: MedicalAssistancePayment, capLeftFen?: number) {
  return { id: p.id, referralId: p.referralId, eligibleExpenseFen: p.eligibleExpenseFen, paidFen: p.paidFen, ratio: p.ratioBasisPoints / 10_000, annualCapFen: p.annualCapFen, year: p.year, at: p.at, ...(capLeftFen === undefined ? {} : { capLeftFen }) };
}
