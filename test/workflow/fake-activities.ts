import type {
  ApplicationActivities,
  CheckSummary,
  CloseTaskInput,
  DecideInput,
  OpenTaskInput,
  RecordEventInput,
} from '../../activities/application/application.contract';
import { computeMonthlyBenefit } from '../../workflows/programs/dibao/benefit';
import type { WorkingCalendar } from '../../workflows/domain/calendar';
import { isSampled } from '../../workflows/programs/dibao/sampling';

export interface FakeTask extends OpenTaskInput {
  dueAt: number;
  status: 'open' | 'completed' | 'cancelled';
  overdue: boolean;
  assigneeId?: string;
}

/**
 * Typed in-memory stand-ins for the application activities, for workflow tests on the time-skipping server.
 * They keep the same idempotency rules as the real ones (one row per task id, one decision per case) and compute
 * due times with the real working-day calendar, so the workflow is tested against the contract, not against a stub.
 */
export class FakeCaseStore {
  readonly tasks = new Map<string, FakeTask>();
  readonly events: RecordEventInput[] = [];
  readonly publicity: { step: string; round: number; endsAt: number; outcome?: string }[] = [];
  readonly decisions: DecideInput[] = [];
  readonly checks: { applicationId: string; round: number }[] = [];
  checkFlags: string[] = [];
  overallDueAt?: number;
  readonly shifts = new Map<string, number>();
  readonly policyMoves: string[] = [];
  /** Applications whose approval started the household's lifecycle workflow, once each. */
  readonly lifecycles: string[] = [];
  /** Applications drawn for the county's sample. */
  readonly draws: string[] = [];
  /** Stands for the county's floor deciding instead of the lottery. */
  sampleOverride?: boolean;
  /** Household composition the decision uses (member id → 单人保 flag). */
  members: { memberId: string; singleEnrolment: boolean }[] = [{ memberId: 'm1', singleEnrolment: false }];
  urban = true;

  constructor(private readonly calendar: WorkingCalendar) {}

  openTasks(step?: string): FakeTask[] {
    return [...this.tasks.values()].filter((t) => t.status === 'open' && (!step || t.step === step));
  }

  activities(): ApplicationActivities {
    return {
      openTask: async (input) => {
        const existing = this.tasks.get(input.taskId);
        if (existing) return { taskId: existing.taskId, dueAt: existing.dueAt };
        const due = this.calendar.addWorkingDays(input.fromMs, input.workingDays);
        this.tasks.set(input.taskId, { ...input, dueAt: due.at, status: 'open', overdue: false });
        return { taskId: input.taskId, dueAt: due.at };
      },
      closeTask: async (input: CloseTaskInput) => {
        const task = this.tasks.get(input.taskId);
        if (task && task.status === 'open') task.status = input.status;
      },
      markOverdue: async ({ taskId }) => {
        const task = this.tasks.get(taskId);
        if (task) task.overdue = true;
      },
      reassignTask: async ({ taskId, assigneeId }) => {
        const task = this.tasks.get(taskId);
        if (task) task.assigneeId = assigneeId;
      },
      cancelOpenTasks: async ({ applicationId }) => {
        for (const t of this.tasks.values()) if (t.applicationId === applicationId && t.status === 'open') t.status = 'cancelled';
      },
      runEconomicCheck: async ({ applicationId, round }): Promise<CheckSummary> => {
        if (!this.checks.some((c) => c.applicationId === applicationId && c.round === round)) this.checks.push({ applicationId, round });
        return { reportId: `${applicationId}:check:${round}`, flags: this.checkFlags, incomeFoundFen: 0 };
      },
      startPublicity: async ({ step, round, fromMs, days }) => {
        const found = this.publicity.find((p) => p.step === step && p.round === round);
        if (found) return { endsAt: found.endsAt };
        const endsAt = this.calendar.addCalendarDays(fromMs, days).at;
        this.publicity.push({ step, round, endsAt });
        return { endsAt };
      },
      endPublicity: async ({ step, round, outcome }) => {
        const found = this.publicity.find((p) => p.step === step && p.round === round);
        if (found) found.outcome = outcome;
      },
      // The lottery alone (as the hash at the rate gave before the floor); the floor is the real activity's and is
      // tested against the database. Tests pick case ids sampled or not with isSampled.
      drawSample: async ({ applicationId, rate }) => {
        this.draws.push(applicationId);
        return { sampled: this.sampleOverride ?? isSampled(applicationId, rate) };
      },
      startOverallClock: async ({ fromMs, workingDays }) => {
        this.overallDueAt ??= this.calendar.addWorkingDays(fromMs, workingDays).at;
        return { dueAt: this.overallDueAt };
      },
      shiftOverallClock: async ({ key, byMs }) => {
        if (!this.shifts.has(key) && this.overallDueAt !== undefined) {
          this.shifts.set(key, byMs);
          this.overallDueAt += byMs;
        }
        return { dueAt: this.overallDueAt ?? 0 };
      },
      rescheduleTask: async ({ taskId, fromMs, workingDays }) => {
        const due = this.calendar.addWorkingDays(fromMs, workingDays).at;
        const task = this.tasks.get(taskId);
        if (task && task.status === 'open') task.dueAt = due;
        return { taskId, dueAt: due };
      },
      recordPolicyMove: async ({ snapshotId }) => {
        if (!this.policyMoves.includes(snapshotId)) this.policyMoves.push(snapshotId);
      },
      noteObjection: async ({ applicationId, objectionId, outcome, at, actor, step }) => {
        const key = `objection:${objectionId}`;
        if (!this.events.some((e) => e.applicationId === applicationId && e.key === key)) {
          this.events.push({ applicationId, key, step, action: `objection_${outcome}`, at, actor });
        }
      },
      recordEvent: async (input) => {
        if (!this.events.some((e) => e.applicationId === input.applicationId && e.key === input.key)) this.events.push(input);
      },
      startRecipientLifecycle: async ({ applicationId }) => {
        const approved = this.decisions.some((d) => d.applicationId === applicationId && d.status === 'approved');
        if (approved && !this.lifecycles.includes(applicationId)) this.lifecycles.push(applicationId);
        return { started: approved };
      },
      decide: async (input) => {
        const prior = this.decisions.find((d) => d.applicationId === input.applicationId);
        if (!prior) this.decisions.push(input);
        const decided = prior ?? input;
        if (decided.status !== 'approved') return { status: decided.status, reasonCode: decided.reasonCode };
        const incomeOf = (id: string) => decided.incomes?.find((i) => i.memberId === id)?.monthlyIncomeFen ?? 0;
        const benefit = computeMonthlyBenefit({
          standardFen: this.urban ? decided.standards.urbanFen : decided.standards.ruralFen,
          members: this.members.map((m) => ({ monthlyIncomeFen: incomeOf(m.memberId), singleEnrolment: m.singleEnrolment })),
        });
        if (benefit.amountFen === 0) return { status: 'rejected', reasonCode: 'income_above_standard' };
        return { status: 'approved', amountFen: benefit.amountFen };
      },
    };
  }
}
