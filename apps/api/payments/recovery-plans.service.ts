import { Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { Household } from '../../../activities/households/household.entity';
import { PLAN_DEDUCTED_SQL } from '../../../activities/payments/recovery-deductions';
import { RecoveryPlan } from '../../../activities/recipients/recovery-plan.entity';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError, UnprocessableError } from '../common/errors';
import type { RecoveryMethodBody, RepaymentBody } from './recovery-plans.schemas';

type PlanRow = { id: string; deducted: number | string | null };

/**
 * 多发追回: a household's recovery plans with what came back so far (deductions of live payments and repayments,
 * counted in SQL) and what remains; the payment officer records a repayment or switches between deduction and
 * repayment. Every change is audited and made under the plan row's lock.
 */
@Injectable()
export class RecoveryPlansService {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditLog,
  ) {}

  async list(user: AuthUser, householdId: string) {
    const em = this.orm.em.fork();
    const household = await em.findOne(Household, { id: householdId, regionPath: { $like: `${user.regionPath}%` } }, { fields: ['id'] });
    if (!household) throw new NotFoundError(`no household ${householdId} in your region`);
    const plans = await em.find(RecoveryPlan, { householdId }, { orderBy: { createdAt: 'asc' } });
    const deducted = await deductedOf(em, plans.map((p) => p.id));
    return { items: plans.map((p) => view(p, deducted.get(p.id) ?? 0)) };
  }

  async repay(user: AuthUser, planId: string, body: RepaymentBody) {
    return this.change(user, planId, 'recovery_repaid', async (plan, remaining) => {
      if (body.amountFen > remaining) throw new UnprocessableError([{ field: 'amountFen', rule: `must be at most the ${remaining} fen still to recover` }]);
      plan.repaidFen += body.amountFen;
      return { amountFen: body.amountFen };
    }, body.reason);
  }

  async setMethod(user: AuthUser, planId: string, body: RecoveryMethodBody) {
    return this.change(user, planId, 'recovery_method_set', async (plan) => {
      plan.method = body.method;
      return { method: body.method };
    }, body.reason);
  }

  private async change(user: AuthUser, planId: string, action: 'recovery_repaid' | 'recovery_method_set', work: (plan: RecoveryPlan, remaining: number) => Promise<object>, reason: string) {
    return this.orm.em.fork().transactional(async (em) => {
      const plan = await em.findOne(RecoveryPlan, planId);
      const household = plan && (await em.findOne(Household, { id: plan.householdId, regionPath: { $like: `${user.regionPath}%` } }, { fields: ['id', 'regionCode'] }));
      if (!plan || !household) throw new NotFoundError(`no recovery plan ${planId} in your region`);
      const deducted = (await deductedOf(em, [plan.id])).get(plan.id) ?? 0;
      const after = await work(plan, plan.totalFen - plan.repaidFen - deducted);
      await em.flush();
      await this.audit.append(em, { actorId: user.id, actorRole: user.role, regionCode: household.regionCode, action, targetType: 'recovery_plan', targetId: plan.id, after, reason });
      return view(plan, deducted);
    });
  }
}

async function deductedOf(em: EntityManager, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows: PlanRow[] = await em.getConnection().execute(
    `select r.id, ${PLAN_DEDUCTED_SQL} as deducted from recovery_plans r where r.id in (${ids.map(() => '?').join(',')})`,
    ids,
    'all',
    em.getTransactionContext(),
  );
  return new Map(rows.map((r) => [r.id, Number(r.deducted ?? 0)]));
}

function view(p: RecoveryPlan, deductedFen: number) {
  return {
    id: p.id,
    householdId: p.householdId,
    reference: p.reference,
    totalFen: p.totalFen,
    months: p.months,
    method: p.method,
    maxSharePercent: p.maxSharePercent,
    deductedFen,
    repaidFen: p.repaidFen,
    remainingFen: p.totalFen - p.repaidFen - deductedFen,
    createdAt: p.createdAt,
  };
}
