import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { Household } from '../../../activities/households/household.entity';
import { maskBankAccount } from '../../../activities/households/personal-data';
import { Payment } from '../../../activities/payments/payment.entity';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';
import type { BankAccountBody, ExceptionsQuery } from './payment-exceptions.schemas';

type ExceptionRow = { id: string; batch_id: string; household_id: string; township_code: string; month: string; amount_fen: number | string; status: string; reason_code: string | null; account_corrected_at: unknown };

/**
 * 发放异常: payments the bank file could not carry (held: no account) or the bank did not pay (failed, returned), not
 * yet re-issued. The payment officer records or corrects the account; the next supplementary run of the month then
 * pays them again, once.
 */
@Injectable()
export class PaymentExceptionsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditLog,
  ) {}

  async list(user: AuthUser, query: ExceptionsQuery) {
    const em = this.orm.em.fork() as unknown as SqlEntityManager;
    const knex = em.getKnex();
    const q = knex('payments as p')
      .join('payment_batches as b', 'b.id', 'p.batch_id')
      .whereIn('p.status', ['held', 'failed', 'returned'])
      .andWhere('b.region_path', 'like', `${user.regionPath}%`)
      .whereNotExists(knex('payments as s').select(knex.raw('1')).whereRaw('s.reissue_of = p.id').andWhereNot('s.status', 'cancelled'))
      .orderBy([{ column: 'p.month', order: 'desc' }, { column: 'p.id', order: 'asc' }])
      .limit(500)
      .select('p.id', 'p.batch_id', 'p.household_id', 'p.township_code', 'p.month', 'p.amount_fen', 'p.status', 'p.reason_code', 'p.account_corrected_at');
    if (query.countyCode) q.andWhere('b.county_code', query.countyCode);
    if (query.month) q.andWhere('p.month', query.month);
    const rows: ExceptionRow[] = await q;
    const households = new Map((await em.find(Household, { id: { $in: [...new Set(rows.map((r) => r.household_id))] } }, { fields: ['id', 'bankAccount'] })).map((h) => [h.id, h.bankAccount]));
    return {
      items: rows.map((r) => {
        const account = households.get(r.household_id) ?? null;
        return {
          paymentId: r.id,
          batchId: r.batch_id,
          householdId: r.household_id,
          townshipCode: r.township_code,
          month: r.month,
          amountFen: Number(r.amount_fen),
          status: r.status,
          reasonCode: r.reason_code,
          accountMasked: maskBankAccount(account),
          /** A supplementary run of the month will pay it again. */
          readyForReissue: r.status === 'held' ? account !== null : r.account_corrected_at !== null,
        };
      }),
    };
  }

  /**
   * Records the household's account (encrypted like every personal field) and marks its failed or returned payments
   * as ready to be re-issued. Audited with the last four digits only.
   */
  async setAccount(user: AuthUser, householdId: string, body: BankAccountBody) {
    return this.orm.em.fork().transactional(async (em) => {
      const household = await em.findOne(Household, { id: householdId, regionPath: { $like: `${user.regionPath}%` } });
      if (!household) throw new NotFoundError(`no household ${householdId} in your region`);
      const before = maskBankAccount(household.bankAccount);
      household.bankAccount = body.bankAccount;
      household.bankName = body.bankName;
      await em.flush();
      const ready = await em.nativeUpdate(Payment, { householdId, status: { $in: ['failed', 'returned'] }, accountCorrectedAt: null }, { accountCorrectedAt: new Date() });
      const after = maskBankAccount(body.bankAccount);
      await this.audit.append(em, { actorId: user.id, actorRole: user.role, regionCode: household.regionCode, action: 'payment_account_set', targetType: 'household', targetId: householdId, before: { account: before }, after: { account: after, bankName: body.bankName, readyPayments: ready }, reason: body.reason });
      return { householdId, bankName: body.bankName, accountMasked: after, readyPayments: ready };
    });
  }
}
