import type { DeclaredDeductions } from '../../workflows/programs/dibao/lifecycle';
import { CheckReport } from './check-report.entity';
import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { computeMonthlyBenefit, type BenefitResult } from '../../workflows/programs/dibao/benefit';
import { DEFAULT_SINGLE_ENROLMENT, singleEnrolmentCeilingFen, singleEnrolmentEligible } from '../../workflows/programs/dibao/single-enrolment';
import { shanghaiDay, isoDate } from '../../workflows/domain/calendar';
import type { ReasonCode } from '../../workflows/application/decisions';
import type { ApplicationActivities, DecideInput, DecisionResult } from './application.contract';
import { AuditLog } from '../audit/audit-log.service';
import { Household } from '../households/household.entity';
import { releaseClaims } from '../households/person-claims';
import { Recipient } from '../recipients/recipient.entity';
import { recipientCategory } from '../recipients/recipient-category';
import { personCounts } from '../recipients/person-counts';
import { Application } from './application.entity';
import { CaseDecision } from './case-decision.entity';
import { Notice } from './notice.entity';
import { Submission } from '../tasks/submission.entity';
import { Task } from '../tasks/task.entity';
import { noticeText, type NoticeKind } from './notices';
import { recogniseLowIncome } from '../low-income/low-income-recognition';
import { appendEvent } from './timeline';

const NOTICE_KIND: Record<DecisionResult['status'], NoticeKind> = {
  approved: 'approval',
  rejected: 'rejection',
  returned: 'return',
  closed: 'closure',
};

export { singleEnrolmentEligible };

/** The 汇总表's person counts of an enrolment: every member, or for 单人保 the members enrolled alone. */
function coveredCounts(household: Household, basis: BenefitResult['basis'], today: string, rule: typeof DEFAULT_SINGLE_ENROLMENT) {
  const members = household.members.getItems();
  return personCounts(basis === 'single_person' ? members.filter((m) => singleEnrolmentEligible(m, today, rule)) : members, today);
}

/**
 * 刚性支出 and 就业成本 the region deducts from household income (seed 002), at the first decision as at re-reviews;
 * nothing when the visit found none or the region deducts neither.
 */
export function deductibleFen(found: DeclaredDeductions | undefined, rules: DecideInput['deductionRules']): number {
  if (!found || !rules) return 0;
  return (rules.rigidExpenses ? found.rigidExpensesFen : 0) + (rules.workCosts ? found.workCostsFen : 0);
}

/**
 * The final decision: once per case (the decision row's key is the application id). On approval the benefit is
 * computed from the assessed incomes (declared ones where none was assessed) and the household is enrolled; a zero
 * benefit turns the approval into a rejection for income above the standard. Every outcome gets a written notice.
 */
export function decisionActivities(orm: MikroORM, audit = new AuditLog()): Pick<ApplicationActivities, 'decide'> {
  return {
    async decide(input: DecideInput): Promise<DecisionResult> {
      return orm.em.fork().transactional(async (em) => {
        const prior = await em.findOne(CaseDecision, { applicationId: input.applicationId });
        if (prior) return { status: prior.status, reasonCode: (prior.reasonCode ?? undefined) as ReasonCode | undefined, amountFen: prior.amountFen ?? undefined };
        const application = await em.findOneOrFail(Application, input.applicationId);
        const household = await em.findOneOrFail(Household, application.householdId, { populate: ['members'] });
        const at = new Date(input.at);
        const today = isoDate(shanghaiDay(input.at));

        let status = input.status;
        let reasonCode = input.reasonCode ?? null;
        let benefit: BenefitResult | undefined;
        let basis: Record<string, unknown> = {};
        if (status === 'approved') {
          const incomes = new Map((input.incomes ?? []).map((i) => [i.memberId, i.monthlyIncomeFen]));
          const rule = input.singleEnrolment ?? DEFAULT_SINGLE_ENROLMENT;
          const standardFen = household.area === 'urban' ? input.standards.urbanFen : input.standards.ruralFen;
          const members = household.members.getItems();
          benefit = computeMonthlyBenefit({
            standardFen,
            members: members.map((m) => ({
              monthlyIncomeFen: incomes.get(m.id) ?? m.declaredMonthlyIncomeFen,
              singleEnrolment: singleEnrolmentEligible(m, today, rule),
            })),
            deductionsFen: deductibleFen(input.deductions, input.deductionRules),
            singleEnrolmentCeilingFen: singleEnrolmentCeilingFen(rule, standardFen, members.length),
          });
          // The decision keeps the input it was computed from, so the amount can be recomputed and explained.
          const [check] = await em.find(CheckReport, { applicationId: application.id }, { orderBy: { round: 'desc' }, limit: 1, fields: ['round', 'incomeFoundFen'] });
          basis = {
            incomes: members.map((m) => ({ memberId: m.id, monthlyIncomeFen: incomes.get(m.id) ?? m.declaredMonthlyIncomeFen })),
            declaredDeductions: input.deductions ?? null,
            // The economic check the visit was weighed against: its round and the income it found.
            check: check ? { round: check.round, incomeFoundFen: check.incomeFoundFen } : null,
          };
          if (benefit.amountFen === 0) {
            status = 'rejected';
            reasonCode = 'income_above_standard';
          }
        }
        const amountFen = status === 'approved' ? benefit!.amountFen : null;
        const startMonth = today.slice(0, 7);
        em.persist(
          new CaseDecision({
            applicationId: application.id,
            status,
            reasonCode,
            amountFen,
            derivation: benefit ? { ...benefit, ...basis } : null,
            actorId: input.actor?.userId ?? null,
            actorRole: input.actor?.role ?? null,
            decidedAt: at,
            policySnapshotId: application.policySnapshotId,
          }),
        );
        let enrolled = false;
        if (status === 'approved' && benefit && benefit.basis !== 'none') {
          enrolled = true;
          em.persist(
            new Recipient({
              id: randomUUID(),
              householdId: household.id,
              applicationId: application.id,
              program: 'dibao',
              regionCode: application.regionCode,
              regionPath: application.regionPath,
              monthlyBenefitFen: benefit.amountFen,
              basis: benefit.basis,
              membersCounted: benefit.membersCounted,
              startMonth,
              policySnapshotId: application.policySnapshotId,
              category: recipientCategory(household.members.getItems(), today),
              area: household.area,
              ...coveredCounts(household, benefit.basis, today, input.singleEnrolment ?? DEFAULT_SINGLE_ENROLMENT),
              createdAt: at,
            }),
          );
        }
        em.persist(
          new Notice({
            id: randomUUID(),
            applicationId: application.id,
            kind: NOTICE_KIND[status],
            reasonCode,
            text: noticeText({
              kind: NOTICE_KIND[status],
              caseNo: application.caseNo,
              reasonCode: reasonCode as ReasonCode | null,
              reasonText: await deciderReason(em, application.id, input.actor?.userId),
              amountFen,
              startMonth,
            }),
            issuedAt: at,
          }),
        );
        // 超过低保标准但低于其倍数: the same findings recognise the household as 低收入.
        const lowIncome = status === 'rejected' && reasonCode === 'income_above_standard' && (await recogniseLowIncome(em, { application, household, input, deductionsFen: deductibleFen(input.deductions, input.deductionRules), at }));
        await audit.append(em, {
          actorId: input.actor?.userId ?? 'system',
          actorRole: input.actor?.role ?? 'system',
          regionCode: application.regionCode,
          action: 'case_decision',
          targetType: 'application',
          targetId: application.id,
          before: { status: application.status },
          after: { status, reasonCode, amountFen, policySnapshotId: application.policySnapshotId, ...(lowIncome ? { lowIncome: true } : {}) },
        });
        // A case that ends without enrolment frees its people to apply again; an enrolment keeps them until it ends.
        if (!enrolled) await releaseClaims(em, { applicationId: application.id });
        application.status = status;
        application.stage = 'decision';
        application.decidedAt = at;
        await appendEvent(em, {
          applicationId: application.id,
          key: 'decision',
          step: 'decision',
          action: status,
          at,
          actor: input.actor,
          data: { reasonCode, amountFen, basis: benefit?.basis ?? null, ...(lowIncome ? { lowIncome: true } : {}) },
        });
        return { status, reasonCode: (reasonCode ?? undefined) as ReasonCode | undefined, amountFen: amountFen ?? undefined };
      });
    },
  };
}

/** The free-text reason the deciding person wrote, for the notice. */
async function deciderReason(em: EntityManager, applicationId: string, actorId?: string): Promise<string | null> {
  if (!actorId) return null;
  const tasks = await em.find(Task, { caseType: 'application', caseId: applicationId, closedById: actorId, status: 'completed' }, { orderBy: { closedAt: 'desc' }, limit: 1 });
  const submissionId = tasks[0]?.submissionId;
  if (!submissionId) return null;
  const submission = await em.findOne(Submission, submissionId);
  const reason = submission?.payload.reason;
  return typeof reason === 'string' && reason.trim() ? reason.trim() : null;
}
