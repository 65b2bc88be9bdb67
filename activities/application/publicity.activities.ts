import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { ApplicationActivities } from './application.contract';
import type { CalendarService } from '../regions/calendar.service';
import { Application } from './application.entity';
import { CaseEvent } from './case-event.entity';
import { Objection } from './objection.entity';
import { PublicityPeriod } from './publicity.entity';
import { appendEvent } from './timeline';

type ClockActivities = Pick<
  ApplicationActivities,
  'startPublicity' | 'endPublicity' | 'startOverallClock' | 'shiftOverallClock' | 'recordPolicyMove' | 'noteObjection' | 'recordEvent'
>;

/** Publicity periods, objections, the overall clock and plain timeline lines. */
export function publicityActivities(orm: MikroORM, calendars: CalendarService): ClockActivities {
  const tx = <T>(work: (em: EntityManager) => Promise<T>) => orm.em.fork().transactional(work);

  return {
    async startPublicity({ applicationId, step, round, fromMs, days }) {
      const due = await calendars.calendarDaysFrom(fromMs, days);
      return tx(async (em) => {
        const existing = await em.findOne(PublicityPeriod, { applicationId, step, round });
        if (existing) return { endsAt: existing.endsAt.getTime() };
        const application = await em.findOneOrFail(Application, applicationId);
        const startsAt = new Date(fromMs);
        em.persist(new PublicityPeriod({ id: randomUUID(), applicationId, step, round, regionPath: application.regionPath, startsAt, endsAt: due.at }));
        application.stage = step;
        await appendEvent(em, { applicationId, key: `${step}:${round}:start`, step, action: 'publicity_started', at: startsAt, dueAt: due.at, data: { days, round } });
        return { endsAt: due.at.getTime() };
      });
    },

    async endPublicity({ applicationId, step, round, at, outcome }) {
      await tx(async (em) => {
        const period = await em.findOne(PublicityPeriod, { applicationId, step, round });
        if (!period || period.outcome) return;
        period.outcome = outcome;
        period.endedAt = new Date(at);
        await appendEvent(em, { applicationId, key: `${step}:${round}:end`, step, action: `publicity_${outcome}`, at: new Date(at), dueAt: period.endsAt });
      });
    },

    async startOverallClock({ applicationId, fromMs, workingDays }) {
      const due = await calendars.workingDaysFrom(fromMs, workingDays);
      return tx(async (em) => {
        const application = await em.findOneOrFail(Application, applicationId);
        if (!application.overallDueAt) {
          application.overallDueAt = due.at;
          await appendEvent(em, { applicationId, key: 'overall_clock', step: 'overall_limit', action: 'clock_started', at: new Date(fromMs), dueAt: due.at, data: { workingDays } });
        }
        return { dueAt: application.overallDueAt.getTime() };
      });
    },

    async shiftOverallClock({ applicationId, key, byMs, at, reason }) {
      return tx(async (em) => {
        const application = await em.findOneOrFail(Application, applicationId);
        const done = await em.count(CaseEvent, { applicationId, eventKey: key });
        if (!done && application.overallDueAt) {
          application.overallDueAt = new Date(application.overallDueAt.getTime() + byMs);
          await appendEvent(em, { applicationId, key, step: 'overall_limit', action: 'clock_paused', at: new Date(at), dueAt: application.overallDueAt, data: { reason, pausedMs: byMs } });
        }
        return { dueAt: application.overallDueAt?.getTime() ?? at };
      });
    },

    async recordPolicyMove({ applicationId, snapshotId, label, at, actor }) {
      await tx(async (em) => {
        const application = await em.findOneOrFail(Application, applicationId);
        const from = application.policySnapshotId;
        application.policySnapshotId = snapshotId;
        await appendEvent(em, { applicationId, key: `policy:${snapshotId}`, step: 'policy', action: 'policy_moved', at: new Date(at), actor, data: { from, to: snapshotId, label } });
      });
    },

    async noteObjection({ applicationId, objectionId, outcome, at, actor, step }) {
      await tx(async (em) => {
        const objection = await em.findOne(Objection, { id: objectionId, applicationId });
        if (objection && objection.status === 'pending') objection.status = outcome;
        await appendEvent(em, { applicationId, key: `objection:${objectionId}`, step, action: `objection_${outcome}`, at: new Date(at), actor, data: { objectionId } });
      });
    },

    async recordEvent(input) {
      await tx(async (em) => {
        if (input.key === 'overall_overdue') {
          const application = await em.findOneOrFail(Application, input.applicationId);
          application.overdue = true;
        }
        await appendEvent(em, {
          applicationId: input.applicationId,
          key: input.key,
          step: input.step,
          action: input.action,
          at: new Date(input.at),
          actor: input.actor,
          dueAt: input.dueAt ? new Date(input.dueAt) : null,
          data: input.data ?? null,
        });
      });
    },
  };
}
