import { mergeOverride } from './resolve';
import { regionPolicySchema } from './policy.schema';
import { nationalLayer } from '../shipped';

/** The lifecycle section of the policy: national defaults and the rules its fields obey. */
const national = nationalLayer().override;

function issuesOf(lifecycle: Record<string, unknown>): { path: string; message: string }[] {
  const parsed = regionPolicySchema.safeParse(mergeOverride(national, { dibao: { lifecycle } }));
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

test('the national lifecycle defaults: 2× band for 6 months, yearly/half-yearly re-review, checks twice a year', () => {
  expect(regionPolicySchema.parse(national).dibao.lifecycle).toEqual({
    gradualExit: { multiplier: 2, months: 6 },
    reReviewMonths: { stable: 12, working_age: 6, other: 6 },
    economicCheckMonths: 6,
    deductions: { rigidExpenses: true, workCosts: true },
  });
});

test('economic data must be re-checked at least twice a year', () => {
  expect(issuesOf({ economicCheckMonths: 7 })).toEqual([
    { path: 'dibao.lifecycle.economicCheckMonths', message: 'must be at most 6 months: economic data is re-checked at least twice a year' },
  ]);
});

test('the 渐退 band and window are bounded, re-review intervals are whole months', () => {
  expect(issuesOf({ gradualExit: { multiplier: 3.5, months: 25 }, reReviewMonths: { stable: 0.5 } })).toEqual([
    { path: 'dibao.lifecycle.gradualExit.multiplier', message: 'must be at most 3 × the standard' },
    { path: 'dibao.lifecycle.gradualExit.months', message: 'must be at most 24 months of 渐退' },
    { path: 'dibao.lifecycle.reReviewMonths.stable', message: 'must be a whole number of months' },
  ]);
});
