import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { Household } from '../../../activities/households/household.entity';
import { maskBankAccount } from '../../../activities/households/personal-data';
import { Payment } from '../../../activities/payments/payment.entity';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';
import { regionInScope } from '../common/region-scope';
import type { BankAccountBody, ExceptionsQuery, UnpaidQuery } from './payment-exceptions.schemas';

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
   * 待补充发放: per month of the county whose run is already released (or was empty), the ledger rows owed and in no
   * payment yet (a household enrolled after the run was prepared) — what a supplementary run of that month would pay
   * besides the exceptions. Counted in SQL.
   */
  async unpaid(user: AuthUser, query: UnpaidQuery) {
    const em = this.orm.em.fork() as unknown as SqlEntityManager;
    const county = await regionInScope(em, user, query.countyCode, 'county');
    const rows: { month: string; n: number | string; fen: number | string | null }[] = await em.getConnection().execute(
      `select e.month, count(*) as n, sum(e.amount_fen) as fen
         from entitlements e join households h on h.id = e.household_id
        where h.region_path like ? and e.amount_fen > 0
          and exists (select 1 from payment_batches b where b.county_code = ? and b.month = e.month and b.status in ('released', 'empty'))
          and not exists (select 1 from payments p where p.entitlement_id = e.id and p.status <> 'cancelled')
        group by e.month order by e.month desc`,
      [`${county.path}%`, county.code],
    );
    return { countyCode: county.code, items: rows.map((r) => ({ month: r.month, count: Number(r.n), amountFen: Number(r.fen ?? 0) })) };
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
