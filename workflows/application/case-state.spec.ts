import fc from 'fast-check';
import { CaseState } from './case-state';
import type { CompleteTaskCommand, StepDecision } from './decisions';
import type { ApplicationInput } from './definitions';
import type { Role } from '../domain/roles';
import type { TaskStep, Tier } from '../programs/dibao/route';

/** Each signature tier with the step, role and decision that signs it (as the application workflow opens them). */
const TIERS: Record<Tier, { step: TaskStep; role: Role; decision: StepDecision }> = {
  acceptance: { step: 'acceptance', role: 'township_clerk', decision: { step: 'acceptance', outcome: 'accept' } },
  investigation: {
    step: 'home_visit',
    role: 'township_investigator',
    decision: { step: 'home_visit', recommendation: 'eligible', disputed: false, incomes: [] },
  },
  review: { step: 'township_review', role: 'township_reviewer', decision: { step: 'township_review', outcome: 'approve' } },
  approval: { step: 'township_confirmation', role: 'township_reviewer', decision: { step: 'township_confirmation', outcome: 'approve' } },
};
const TIER_NAMES = Object.keys(TIERS) as Tier[];

function newCase(): CaseState {
  const input = {
    applicationId: 'app-1',
    missingDocuments: [],
    relativeOfStaff: false,
    policy: { snapshotId: 'p1', label: 'test', document: { approval: { samplingRate: 0 } } },
  } as unknown as ApplicationInput;
  return new CaseState(input);
}

/** Opens a task on the tier and tries to complete it as the user; returns whether the completion was accepted. */
function complete(state: CaseState, tier: Tier, userId: string, n: number): boolean {
  const { step, role, decision } = TIERS[tier];
  const taskId = `app-1:${step}:${n}`;
  state.tasks.set(taskId, { taskId, step, role, dueAt: 0, overdue: false, tier, main: true });
  const cmd: CompleteTaskCommand = { taskId, submissionId: `s-${n}`, actor: { userId, role }, decision };
  try {
    state.validateCompletion(cmd);
  } catch (err) {
    expect((err as { type?: string }).type).toBe('SeparationOfDuties');
    return false;
  }
  state.accept(cmd);
  return true;
}

const completions = fc.array(fc.record({ tier: fc.constantFrom(...TIER_NAMES), userId: fc.constantFrom('u1', 'u2', 'u3', 'u4') }), {
  maxLength: 12,
});

describe('separation of duties over generated approval chains', () => {
  test('distinct users on every tier are always accepted, in any order and with repeats', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(TIER_NAMES, { minLength: 1 }), fc.integer({ min: 1, max: 3 }), (order, repeats) => {
        const state = newCase();
        let n = 0;
        for (let r = 0; r < repeats; r += 1) {
          for (const tier of order) expect(complete(state, tier, `user-${tier}`, (n += 1))).toBe(true);
        }
      }),
    );
  });

  test('a user is never accepted on two different tiers of one case, and is refused only for that', () => {
    fc.assert(
      fc.property(completions, (sequence) => {
        const state = newCase();
        const signedBy = new Map<string, Set<Tier>>();
        sequence.forEach(({ tier, userId }, i) => {
          const tiers = signedBy.get(userId) ?? new Set<Tier>();
          const allowed = [...tiers].every((t) => t === tier);
          expect(complete(state, tier, userId, i)).toBe(allowed);
          if (!allowed) return;
          tiers.add(tier);
          signedBy.set(userId, tiers);
          expect(tiers.size).toBe(1);
        });
      }),
    );
  });

  test('a tier signed again in a later round does not free its first signer for the next tier', () => {
    const state = newCase();
    expect(complete(state, 'investigation', 'u1', 1)).toBe(true);
    expect(complete(state, 'investigation', 'u2', 2)).toBe(true);
    expect(complete(state, 'review', 'u1', 3)).toBe(false);
    expect(complete(state, 'review', 'u3', 4)).toBe(true);
  });
});
