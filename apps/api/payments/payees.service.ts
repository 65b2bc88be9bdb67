import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Household } from '../../../activities/households/household.entity';
import { Member } from '../../../activities/households/member.entity';
import { maskBankAccount, maskName } from '../../../activities/households/personal-data';
import { PaymentBatch } from '../../../activities/payments/payment-batch.entity';
import { Payment } from '../../../activities/payments/payment.entity';
import { Entitlement } from '../../../activities/recipients/entitlement.entity';
import { Region } from '../../../activities/regions/region.entity';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';
import { decodePayeeCursor, encodePayeeCursor, type PayeesQuery } from './payees.schemas';

/** Payments that count: all but cancelled ones (a rejected run's payments belong to no total). */
const LIVE = ['prepared', 'released', 'held', 'paid', 'failed', 'returned'] as const;

interface TownshipRow {
  township_code: string;
  n: number | string;
  total: number | string | null;
  missing: number | string | null;
}

/**
 * What an approver signs: who a run pays, by township. Payees by the masked name of the head of household and the
 * last four digits of the account, amounts in fen, in keyset pages (township, payment id) over the batch index;
 * totals counted by the database, with the payments that have no account to pay into.
 */
@Injectable()
export class PayeesService {
  constructor(private readonly orm: MikroORM) {}

  async payees(user: AuthUser, batchId: string, query: PayeesQuery) {
    const em = this.orm.em.fork();
    await this.batchInScope(em, user, batchId);
    const after = query.cursor ? decodePayeeCursor(query.cursor) : null;
    const keyset = after ? { $or: [{ townshipCode: { $gt: after.township } }, { townshipCode: after.township, id: { $gt: after.id } }] } : {};
    const page = await em.find(Payment, { batchId, status: { $in: [...LIVE] }, ...keyset }, { orderBy: { townshipCode: 'asc', id: 'asc' }, limit: query.limit });
    const householdIds = [...new Set(page.map((p) => p.householdId))];
    const [households, heads, entitlements, regions] = await Promise.all([
      em.find(Household, { id: { $in: householdIds } }, { fields: ['id', 'bankAccount'] }),
      em.find(Member, { household: { $in: householdIds } }, { orderBy: { position: 'asc' } }),
      em.find(Entitlement, { id: { $in: page.map((p) => p.entitlementId) } }, { fields: ['id', 'kind'] }),
      em.find(Region, { code: { $in: [...new Set(page.map((p) => p.townshipCode))] } }, { fields: ['code', 'name'] }),
    ]);
    const accounts = new Map(households.map((h) => [h.id, h.bankAccount]));
    const payee = new Map<string, string>();
    for (const m of heads) {
      const id = m.household.id;
      if (!payee.has(id) || m.relation === 'head') payee.set(id, maskName(m.name));
    }
    const kinds = new Map(entitlements.map((e) => [e.id, e.kind]));
    const names = new Map(regions.map((r) => [r.code, r.name]));
    const last = page.length === query.limit ? page[page.length - 1]! : null;
    return {
      items: page.map((p) => ({
        paymentId: p.id,
        householdId: p.householdId,
        township: { code: p.townshipCode, name: names.get(p.townshipCode) ?? null },
        payeeMasked: payee.get(p.householdId) ?? '*',
        accountMasked: maskBankAccount(accounts.get(p.householdId) ?? null),
        month: p.month,
        amountFen: p.amountFen,
        deductedFen: p.deductedFen,
        reissueOf: p.reissueOf,
        kind: kinds.get(p.entitlementId) ?? null,
        status: p.status,
      })),
      nextCursor: last ? encodePayeeCursor({ township: last.townshipCode, id: last.id }) : null,
    };
  }

  async totals(user: AuthUser, batchId: string) {
    const em = this.orm.em.fork() as unknown as SqlEntityManager;
    await this.batchInScope(em, user, batchId);
    const knex = em.getKnex();
    const rows: TownshipRow[] = await knex('payments as p')
      .leftJoin('households as h', 'h.id', 'p.household_id')
      .where('p.batch_id', batchId)
      .whereIn('p.status', [...LIVE])
      .groupBy('p.township_code')
      .orderBy('p.township_code')
      .select('p.township_code', knex.raw('count(*) as n'), knex.raw('sum(p.amount_fen) as total'), knex.raw('sum(case when h.bank_account is null then 1 else 0 end) as missing'));
    const regions = await em.find(Region, { code: { $in: rows.map((r) => r.township_code) } }, { fields: ['code', 'name'] });
    const names = new Map(regions.map((r) => [r.code, r.name]));
    const byTownship = rows.map((r) => ({ code: r.township_code, name: names.get(r.township_code) ?? null, count: Number(r.n), amountFen: Number(r.total ?? 0) }));
    return {
      byTownship,
      count: byTownship.reduce((n, t) => n + t.count, 0),
      amountFen: byTownship.reduce((n, t) => n + t.amountFen, 0),
      missingAccounts: rows.reduce((n, r) => n + Number(r.missing ?? 0), 0),
    };
  }

  private async batchInScope(em: ReturnType<MikroORM['em']['fork']>, user: AuthUser, id: string): Promise<void> {
    const batch = await em.findOne(PaymentBatch, { id, regionPath: { $like: `${user.regionPath}%` } }, { fields: ['id'] });
    if (!batch) throw new NotFoundError(`no payment run ${id} in your region`);
  }
}
