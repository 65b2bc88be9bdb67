import fc from 'fast-check';
import type { PaymentDecision, PaymentStep } from './definitions';
import { PaymentRunState } from './payment-run-state';

/**
 * 四眼原则 over generated sequences of actors. Users may hold different roles over time (a role change is an
 * administrator's click), so the same user id is tried as approver and as officer on both steps.
 */

const PREPARER = 'u0';

function newRun(): PaymentRunState {
  const state = new PaymentRunState({ batchId: 'pay-320723-2026-11-1', countyCode: '320723', month: '2026-11', startedBy: { userId: PREPARER, role: 'payment_officer' } });
  state.tasks.set(state.taskId('payment_approval'), 'payment_approval');
  return state;
}

/** What the workflow does with an accepted decision: the approval opens the release, the release ends the run. */
function carry(state: PaymentRunState, cmd: PaymentDecision): void {
  state.accept(cmd);
  state.tasks.delete(cmd.taskId);
  if (cmd.step === 'payment_approval' && cmd.outcome === 'approve') {
    state.approvedBy = cmd.actor.userId;
    state.tasks.set(state.taskId('payment_release'), 'payment_release');
  }
  if (cmd.step === 'payment_release') state.releasedBy = cmd.actor.userId;
}

function attempt(state: PaymentRunState, cmd: PaymentDecision): string | null {
  try {
    state.validate(cmd);
  } catch (err) {
    return (err as { type?: string }).type ?? 'unknown';
  }
  carry(state, cmd);
  return null;
}

const attempts = fc.array(
  fc.record({
    userId: fc.constantFrom(PREPARER, 'u1', 'u2', 'u3'),
    role: fc.constantFrom('county_approver' as const, 'payment_officer' as const),
    step: fc.constantFrom<PaymentStep>('payment_approval', 'payment_release'),
    outcome: fc.constantFrom('approve' as const, 'reject' as const, 'release' as const),
  }),
  { maxLength: 16 },
);

describe('payment run separation of duties over generated actors', () => {
  test('every accepted release has three different people: preparer, approver, releaser', () => {
    fc.assert(
      fc.property(attempts, (sequence) => {
        const state = newRun();
        for (const a of sequence) {
          const cmd: PaymentDecision = { taskId: state.taskId(a.step), step: a.step, outcome: a.outcome, actor: { userId: a.userId, role: a.role } };
          const refusal = attempt(state, cmd);
          const fourEyes = (a.step === 'payment_approval' && a.userId === PREPARER) || (a.step === 'payment_release' && (a.userId === state.approvedBy || a.userId === PREPARER));
          if (refusal === 'SeparationOfDuties') expect(fourEyes).toBe(true);
        }
        if (state.releasedBy !== undefined) {
          expect(state.approvedBy).toBeDefined();
          expect(state.approvedBy).not.toBe(PREPARER);
          expect(state.releasedBy).not.toBe(state.approvedBy);
          expect(state.releasedBy).not.toBe(PREPARER);
        }
      }),
    );
  });

  test('the right roles in turn, three different people, are always accepted', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('u1', 'u2', 'u3', 'u4'), { minLength: 2, maxLength: 2 }), ([approver, officer]) => {
        const state = newRun();
        expect(attempt(state, { taskId: state.taskId('payment_approval'), step: 'payment_approval', outcome: 'approve', actor: { userId: approver!, role: 'county_approver' } })).toBeNull();
        expect(attempt(state, { taskId: state.taskId('payment_release'), step: 'payment_release', outcome: 'release', actor: { userId: officer!, role: 'payment_officer' } })).toBeNull();
        expect(state.releasedBy).toBe(officer);
      }),
    );
  });

  test('the approver, even given the officer role, cannot release; the preparer can neither approve nor release', () => {
    const state = newRun();
    expect(attempt(state, { taskId: state.taskId('payment_approval'), step: 'payment_approval', outcome: 'approve', actor: { userId: PREPARER, role: 'county_approver' } })).toBe('SeparationOfDuties');
    expect(attempt(state, { taskId: state.taskId('payment_approval'), step: 'payment_approval', outcome: 'approve', actor: { userId: 'u1', role: 'county_approver' } })).toBeNull();
    expect(attempt(state, { taskId: state.taskId('payment_release'), step: 'payment_release', outcome: 'release', actor: { userId: 'u1', role: 'payment_officer' } })).toBe('SeparationOfDuties');
    expect(attempt(state, { taskId: state.taskId('payment_release'), step: 'payment_release', outcome: 'release', actor: { userId: PREPARER, role: 'payment_officer' } })).toBe('SeparationOfDuties');
    expect(attempt(state, { taskId: state.taskId('payment_release'), step: 'payment_release', outcome: 'release', actor: { userId: 'u2', role: 'payment_officer' } })).toBeNull();
    expect(attempt(state, { taskId: state.taskId('payment_release'), step: 'payment_release', outcome: 'release', actor: { userId: 'u3', role: 'payment_officer' } })).toBe('StaleTask');
  });

  test('wrong role and wrong step are refused as such', () => {
    const state = newRun();
    expect(attempt(state, { taskId: state.taskId('payment_approval'), step: 'payment_approval', outcome: 'approve', actor: { userId: 'u1', role: 'payment_officer' } })).toBe('WrongRole');
    expect(attempt(state, { taskId: state.taskId('payment_approval'), step: 'payment_approval', outcome: 'release', actor: { userId: 'u1', role: 'county_approver' } })).toBe('WrongStep');
    expect(attempt(state, { taskId: state.taskId('payment_release'), step: 'payment_release', outcome: 'release', actor: { userId: 'u1', role: 'payment_officer' } })).toBe('StaleTask');
  });
});
