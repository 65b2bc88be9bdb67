import { Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { Application } from '../../../activities/application/application.entity';
import { CaseDecision } from '../../../activities/application/case-decision.entity';
import { CaseEvent } from '../../../activities/application/case-event.entity';
import { CheckReport } from '../../../activities/application/check-report.entity';
import { Notice } from '../../../activities/application/notice.entity';
import { NoticeService } from '../../../activities/application/notice-service.entity';
import { CheckAuthorization } from '../../../activities/households/check-authorization.entity';
import { Objection } from '../../../activities/application/objection.entity';
import { PublicityPeriod } from '../../../activities/application/publicity.entity';
import { Submission } from '../../../activities/tasks/submission.entity';
import { Task } from '../../../activities/tasks/task.entity';
import { singleEnrolmentEligible } from '../../../activities/application/decision.activities';
import { ageOn } from '../../../workflows/domain/age';
import { Household } from '../../../activities/households/household.entity';
import { maskAddress, maskBankAccount, maskDisabilityGrade, maskIdNumber, maskName, maskPhone } from '../../../activities/households/personal-data';
import { User } from '../../../activities/identity/user.entity';
import { PolicySnapshot } from '../../../activities/regions/policy-snapshot.entity';
import { Region } from '../../../activities/regions/region.entity';
import { STEP_LABELS } from '../../../workflows/programs/dibao/route';
import { ROLE_LABELS, type Role } from '../../../workflows/domain/roles';
import { isoDate, shanghaiDay } from '../../../workflows/domain/calendar';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';
import type { ListApplicationsQuery } from './applications.schemas';

const label = (step: string) => STEP_LABELS[step as keyof typeof STEP_LABELS] ?? step;

/** Read models of cases, always scoped to the caller's region subtree (outside it, a case does not exist). */
@Injectable()
export class CaseViewService {
  constructor(private readonly orm: MikroORM) {}

  async findInScope(em: EntityManager, user: AuthUser, id: string): Promise<Application> {
    const application = await em.findOne(Application, { id, regionPath: { $like: `${user.regionPath}%` } });
    if (!application) throw new NotFoundError(`no application ${id} in your region`);
    return application;
  }

  async list(user: AuthUser, query: ListApplicationsQuery) {
    const where = { regionPath: { $like: `${user.regionPath}%` }, ...(query.status ? { status: query.status } : {}) };
    const [rows, total] = await this.orm.em.fork().findAndCount(Application, where, {
      orderBy: { submittedAt: 'desc', id: 'asc' },
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return { items: rows.map((a) => summary(a)), page: query.page, pageSize: query.pageSize, total };
  }

  async detail(user: AuthUser, id: string) {
    const em = this.orm.em.fork();
    const application = await this.findInScope(em, user, id);
    const [household, region, snapshot, tasks, reports, publicity, objections, decision, notices] = await Promise.all([
      em.findOneOrFail(Household, application.householdId, { populate: ['members'] }),
      em.findOne(Region, application.regionCode),
      em.findOne(PolicySnapshot, application.policySnapshotId, { fields: ['id', 'label'] }),
      em.find(Task, { caseType: 'application', caseId: id }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
      em.find(CheckReport, { applicationId: id }, { orderBy: { round: 'asc' } }),
      em.find(PublicityPeriod, { applicationId: id }, { orderBy: { startsAt: 'asc' } }),
      em.find(Objection, { applicationId: id }, { orderBy: { recordedAt: 'asc' } }),
      em.findOne(CaseDecision, { applicationId: id }),
      em.find(Notice, { applicationId: id }, { orderBy: { issuedAt: 'asc' } }),
    ]);
    const served = await lastServices(em, notices.map((n) => n.id));
    const authorization = await em.findOne(CheckAuthorization, { householdId: household.id }, { orderBy: { signedOn: 'desc' } });
    const today = isoDate(shanghaiDay(Date.now()));
    return {
      ...summary(application),
      region: region && { code: region.code, name: region.name, area: region.area },
      policy: { snapshotId: application.policySnapshotId, label: snapshot?.label ?? null },
      missingDocuments: application.missingDocuments,
      declaredAssets: application.declaredAssets,
      household: {
        id: household.id,
        area: household.area,
        address: maskAddress(household.address),
        phone: maskPhone(household.phone),
        bankAccount: household.bankAccount === null ? null : { bankName: household.bankName, accountNumber: maskBankAccount(household.bankAccount) },
        members: household.members.getItems().map((m) => ({
          id: m.id,
          name: maskName(m.name),
          idNumber: maskIdNumber(m.idNumber),
          relation: m.relation,
          birthYear: Number(m.birthDate.slice(0, 4)),
          age: ageOn(m.birthDate, today),
          declaredMonthlyIncomeFen: m.declaredMonthlyIncomeFen,
          disabilityGrade: maskDisabilityGrade(m.disabilityGrade),
          singleEnrolmentCandidate: singleEnrolmentEligible(m, today),
        })),
      },
      tasks: tasks.map((t) => ({ id: t.id, step: t.step, stepLabel: label(t.step), role: t.role, status: t.status, dueAt: t.dueAt, dueWarning: t.dueWarning, overdue: t.overdue, assigneeId: t.assigneeId, round: t.round })),
      // 家庭经济状况核对授权书: who signed it and when, shown with the check reports it allows.
      checkAuthorization: authorization && { signedOn: authorization.signedOn, signerMemberIds: authorization.signerMemberIds, recordedById: authorization.recordedById },
      checkReports: reports.map((r) => ({ round: r.round, incomeFoundFen: r.incomeFoundFen, flags: r.flags, report: r.report, createdAt: r.createdAt })),
      publicity: publicity.map((p) => ({ step: p.step, stepLabel: label(p.step), round: p.round, startsAt: p.startsAt, endsAt: p.endsAt, outcome: p.outcome })),
      objections: objections.map((o) => ({ id: o.id, content: o.content, status: o.status, recordedAt: o.recordedAt })),
      decision: decision && {
        status: decision.status,
        reasonCode: decision.reasonCode,
        amountFen: decision.amountFen,
        derivation: decision.derivation,
        decidedAt: decision.decidedAt,
        actorId: decision.actorId,
        policySnapshotId: decision.policySnapshotId,
      },
      notices: notices.map((n) => ({ id: n.id, kind: n.kind, reasonCode: n.reasonCode, text: n.text, issuedAt: n.issuedAt, servedAt: served.get(n.id) ?? null })),
    };
  }

  /** Every step with who, role, decision, when, deadline, reason and the policy in force (步步有痕迹). */
  async timeline(user: AuthUser, id: string) {
    const em = this.orm.em.fork();
    const application = await this.findInScope(em, user, id);
    const events = await em.find(CaseEvent, { applicationId: id }, { orderBy: { seq: 'asc' } });
    const actorIds = [...new Set(events.map((e) => e.actorId).filter((x): x is string => !!x))];
    const submissionIds = events.map((e) => e.submissionId).filter((x): x is string => !!x);
    const snapshotIds = [...new Set(events.map((e) => e.policySnapshotId))];
    const [users, submissions, snapshots] = await Promise.all([
      em.find(User, { id: { $in: actorIds } }),
      em.find(Submission, { id: { $in: submissionIds } }),
      em.find(PolicySnapshot, { id: { $in: snapshotIds } }, { fields: ['id', 'label'] }),
    ]);
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    const reasons = new Map(submissions.map((s) => [s.id, typeof s.payload.reason === 'string' ? s.payload.reason : null]));
    const labels = new Map(snapshots.map((s) => [s.id, s.label]));
    return {
      applicationId: id,
      caseNo: application.caseNo,
      events: events.map((e) => ({
        seq: e.seq,
        at: e.at,
        step: e.step,
        stepLabel: label(e.step),
        action: e.action,
        actor: e.actorId ? { id: e.actorId, name: names.get(e.actorId) ?? null, role: e.actorRole, roleLabel: e.actorRole ? ROLE_LABELS[e.actorRole as Role] : null } : null,
        dueAt: e.dueAt,
        reason: e.submissionId ? (reasons.get(e.submissionId) ?? null) : null,
        data: e.data,
        policy: { snapshotId: e.policySnapshotId, label: labels.get(e.policySnapshotId) ?? null },
      })),
    };
  }
}

function summary(a: Application) {
  return {
    id: a.id,
    caseNo: a.caseNo,
    program: a.program,
    status: a.status,
    stage: a.stage,
    stageLabel: label(a.stage),
    regionCode: a.regionCode,
    submittedAt: a.submittedAt,
    decidedAt: a.decidedAt,
    overallDueAt: a.overallDueAt,
    overdue: a.overdue,
    workflowStarted: a.workflowStartedAt !== null,
  };
}

/** When each notice was last served (送达), by notice id. */
async function lastServices(em: EntityManager, noticeIds: string[]): Promise<Map<string, Date>> {
  if (noticeIds.length === 0) return new Map();
  const services = await em.find(NoticeService, { noticeId: { $in: noticeIds } }, { orderBy: { servedAt: 'asc' }, fields: ['noticeId', 'servedAt'] });
  return new Map(services.map((s) => [s.noticeId, s.servedAt]));
}
