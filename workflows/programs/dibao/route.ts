import type { RegionPolicy } from '../../../config/policy/policy.schema';
import type { Role } from '../../domain/roles';
import type { PublicityStep, StepCode, TaskStep, Tier } from '../../application/steps';

/**
 * The route of a 低保 application through its region's procedure (九步工作法), as a pure function of the policy and the
 * facts of the case. The workflow follows it step by step and the administrators' dry run prints it, so the preview
 * and the real case cannot disagree.
 */

export type { PublicityStep, StepCode, Tier, TaskStep } from '../../application/steps';
export { STEP_LABELS } from '../../application/steps';

export type RouteStep =
  | { kind: 'task'; step: TaskStep; role: Role; limitDays: number; tier?: Tier }
  | { kind: 'investigation'; step: 'investigation'; mode: 'serial' | 'parallel'; role: Role; limitDays: number }
  | { kind: 'publicity'; step: PublicityStep; days: number };

/** What is known about a case that changes its route. */
export interface RouteFacts {
  /** The case is disputed: the investigation says so, the check flags it, or an objection was filed. */
  disputed: boolean;
  /** The applicant is a registered close relative of staff (近亲属备案): never skip appraisal. */
  relativeOfStaff: boolean;
  /** The county's sample includes this case (see sampling.ts). */
  sampled: boolean;
}

/** The steps after acceptance, in order, for the given facts. */
export function planRoute(policy: RegionPolicy, facts: RouteFacts): RouteStep[] {
  const route: RouteStep[] = [
    {
      kind: 'investigation',
      step: 'investigation',
      mode: policy.investigation.mode,
      role: 'township_investigator',
      limitDays: policy.investigation.limitDays,
    },
  ];
  const appraise =
    policy.appraisal.mode === 'required' ||
    facts.relativeOfStaff ||
    (policy.appraisal.mode === 'when_disputed' && facts.disputed);
  if (appraise) {
    route.push({ kind: 'task', step: 'appraisal', role: 'village_assistant', limitDays: policy.appraisal.limitDays });
  }
  if (policy.publicity.afterInvestigation.enabled) {
    route.push({ kind: 'publicity', step: 'publicity_investigation', days: policy.publicity.afterInvestigation.days });
  }
  route.push({
    kind: 'task',
    step: 'township_review',
    role: 'township_reviewer',
    limitDays: policy.townshipReview.limitDays,
    tier: 'review',
  });
  if (policy.publicity.afterReview.enabled) {
    route.push({ kind: 'publicity', step: 'publicity_review', days: policy.publicity.afterReview.days });
  }
  if (facts.sampled || facts.relativeOfStaff) {
    route.push({
      kind: 'task',
      step: 'county_sampling',
      role: 'county_approver',
      limitDays: policy.approval.samplingLimitDays,
    });
  }
  route.push(
    policy.approval.mode === 'county'
      ? { kind: 'task', step: 'county_approval', role: 'county_approver', limitDays: policy.approval.limitDays, tier: 'approval' }
      : {
          kind: 'task',
          step: 'township_confirmation',
          role: 'township_reviewer',
          limitDays: policy.approval.limitDays,
          tier: 'approval',
        },
  );
  return route;
}

/** The order of the procedure's steps, for finding one's place on a route that no longer has the current step. */
const STEP_ORDER: StepCode[] = [
  'investigation',
  'appraisal',
  'publicity_investigation',
  'township_review',
  'publicity_review',
  'county_sampling',
  'county_approval',
  'township_confirmation',
];

/**
 * The step to run after `current` on the route, or undefined at its end. When the route no longer has the current
 * step (the case moved to a policy without it), the first later step of the procedure is next.
 */
export function stepAfter(route: readonly RouteStep[], current: StepCode): RouteStep | undefined {
  const index = route.findIndex((s) => s.step === current);
  if (index >= 0) return route[index + 1];
  const rank = STEP_ORDER.indexOf(current);
  return route.find((s) => STEP_ORDER.indexOf(s.step) > rank);
}

/** The working-day limit a policy gives a task step (the supplement window and escalations included). */
export function limitForStep(policy: RegionPolicy, step: TaskStep): number {
  switch (step) {
    case 'supplement':
      return policy.intake.supplementDays;
    case 'acceptance':
      return policy.acceptance.limitDays;
    case 'home_visit':
      return policy.investigation.limitDays;
    case 'appraisal':
      return policy.appraisal.limitDays;
    case 'township_review':
      return policy.townshipReview.limitDays;
    case 'county_sampling':
      return policy.approval.samplingLimitDays;
    case 'county_approval':
    case 'township_confirmation':
      return policy.approval.limitDays;
    case 'filing':
      return policy.approval.filingLimitDays;
    case 'escalation':
      return 2;
  }
}

/** The role that supervises a role's overdue work (督办), from the policy with a safe fallback. */
export function supervisorOf(policy: RegionPolicy, role: Role): Role {
  return policy.escalation[role] ?? 'administrator';
}
