import fc from 'fast-check';
import { CaseState } from '../../workflows/application/case-state';
import type { ApplicationInput } from '../../workflows/application/definitions';
import { matchKin, type KinEntryRef } from './kin-match';

/**
 * 近亲属回避 over generated family graphs: staff registered as relatives of people, households drawn from those people.
 * Whoever is related to any member is excluded — and refused by the workflow on every tier — and nobody else is.
 */

const STAFF = ['s0', 's1', 's2', 's3', 's4', 's5'];
const PEOPLE = Array.from({ length: 16 }, (_, i) => `digest-${i}`);

const graph = fc.record({
  register: fc.array(fc.record({ staff: fc.option(fc.constantFrom(...STAFF), { nil: null }), person: fc.constantFrom(...PEOPLE) }), { maxLength: 12 }),
  household: fc.uniqueArray(fc.constantFrom(...PEOPLE), { minLength: 1, maxLength: 5 }),
});

function entriesOf(register: { staff: string | null; person: string }[]): KinEntryRef[] {
  return register.map((r, i) => ({ id: `e${i}`, staffUserId: r.staff, relativeDigest: r.person }));
}

test('the excluded staff are exactly those registered against a member, and the case is flagged iff any entry hits', () => {
  fc.assert(
    fc.property(graph, ({ register, household }) => {
      const match = matchKin(entriesOf(register), household);
      const related = new Set(register.filter((r) => household.includes(r.person) && r.staff).map((r) => r.staff));
      expect(new Set(match.excludedUserIds)).toEqual(related);
      expect(match.excludedUserIds).toHaveLength(related.size);
      expect(match.flagged).toBe(register.some((r) => household.includes(r.person)));
    }),
  );
});

const TASKS = [
  { step: 'acceptance', role: 'township_clerk', tier: 'acceptance', decision: { step: 'acceptance', outcome: 'accept' } },
  { step: 'home_visit', role: 'township_investigator', tier: 'investigation', decision: { step: 'home_visit', recommendation: 'eligible', disputed: false, incomes: [] } },
  { step: 'appraisal', role: 'village_assistant', tier: undefined, decision: { step: 'appraisal', outcome: 'pass', votesFor: 1, votesAgainst: 0 } },
  { step: 'township_review', role: 'township_reviewer', tier: 'review', decision: { step: 'township_review', outcome: 'approve' } },
  { step: 'county_approval', role: 'county_approver', tier: 'approval', decision: { step: 'county_approval', outcome: 'approve' } },
] as const;

test('the workflow refuses every excluded staff member on every task, and no one else for that reason', () => {
  fc.assert(
    fc.property(graph, fc.constantFrom(...TASKS), fc.constantFrom(...STAFF), ({ register, household }, task, staff) => {
      const { excludedUserIds, flagged } = matchKin(entriesOf(register), household);
      const input = {
        applicationId: 'app-1',
        missingDocuments: [],
        relativeOfStaff: flagged,
        excludedUserIds,
        policy: { snapshotId: 'p1', label: 'test', document: { approval: { samplingRate: 0 } } },
      } as unknown as ApplicationInput;
      const state = new CaseState(input);
      const taskId = `app-1:${task.step}:1`;
      state.tasks.set(taskId, { taskId, step: task.step, role: task.role, dueAt: 0, overdue: false, tier: task.tier, main: true });
      let refusal: string | undefined;
      try {
        state.validateCompletion({ taskId, submissionId: 's', actor: { userId: staff, role: task.role }, decision: task.decision });
      } catch (err) {
        refusal = (err as { type?: string }).type;
      }
      expect(refusal === 'ConflictOfInterest').toBe(excludedUserIds.includes(staff));
    }),
  );
});
