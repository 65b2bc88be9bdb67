import { resolvePolicy } from '../../../config/policy/resolve';
import { loadShippedRegions, nationalLayer, shippedLayers } from '../../../config/shipped';
import type { RegionPolicy } from '../../../config/policy/policy.schema';
import { planRoute, stepAfter, supervisorOf, type RouteFacts, type RouteStep } from './route';

/** The real shipped policies of the three demo villages. */
const regions = loadShippedRegions();
const national = nationalLayer();
const policyOf = (village: string): RegionPolicy => resolvePolicy(shippedLayers(regions, village, national)).document;

const GUANYUN = policyOf('320723100201'); // 灌云县 东园村: full nine steps
const KUANCHENG = policyOf('220103001001'); // 宽城区 团山社区: parallel, no publicity, township confirmation
const TIELING = policyOf('211202001001'); // 铁岭市 红旗社区: appraisal when disputed, one publicity after review

const facts = (f: Partial<RouteFacts> = {}): RouteFacts => ({ disputed: false, relativeOfStaff: false, sampled: false, ...f });
const codes = (route: RouteStep[]) => route.map((s) => s.step);

describe('灌云县 (320723): the full nine-step procedure', () => {
  test('undisputed, not sampled', () => {
    expect(codes(planRoute(GUANYUN, facts()))).toEqual([
      'investigation',
      'appraisal',
      'publicity_investigation',
      'township_review',
      'publicity_review',
      'county_approval',
    ]);
  });

  test('sampled: the county visit comes right before approval', () => {
    expect(codes(planRoute(GUANYUN, facts({ sampled: true })))).toEqual([
      'investigation',
      'appraisal',
      'publicity_investigation',
      'township_review',
      'publicity_review',
      'county_sampling',
      'county_approval',
    ]);
  });

  test('the steps carry the shipped limits, roles and tiers', () => {
    expect(planRoute(GUANYUN, facts({ disputed: true, sampled: true }))).toEqual([
      { kind: 'investigation', step: 'investigation', mode: 'serial', role: 'township_investigator', limitDays: 10 },
      { kind: 'task', step: 'appraisal', role: 'village_assistant', limitDays: 5 },
      { kind: 'publicity', step: 'publicity_investigation', days: 7 },
      { kind: 'task', step: 'township_review', role: 'township_reviewer', limitDays: 5, tier: 'review' },
      { kind: 'publicity', step: 'publicity_review', days: 7 },
      { kind: 'task', step: 'county_sampling', role: 'county_approver', limitDays: 5 },
      { kind: 'task', step: 'county_approval', role: 'county_approver', limitDays: 10, tier: 'approval' },
    ]);
  });
});

describe('宽城区 (220103): parallel investigation, no publicity, township confirmation', () => {
  test('undisputed, not sampled: three steps', () => {
    expect(codes(planRoute(KUANCHENG, facts()))).toEqual(['investigation', 'township_review', 'township_confirmation']);
  });

  test('disputed: appraisal is added', () => {
    expect(codes(planRoute(KUANCHENG, facts({ disputed: true })))).toEqual([
      'investigation',
      'appraisal',
      'township_review',
      'township_confirmation',
    ]);
  });

  test('sampled: the district visit precedes the township confirmation', () => {
    expect(codes(planRoute(KUANCHENG, facts({ sampled: true })))).toEqual([
      'investigation',
      'township_review',
      'county_sampling',
      'township_confirmation',
    ]);
  });

  test('limits and roles come from the district override', () => {
    const route = planRoute(KUANCHENG, facts({ disputed: true, sampled: true }));
    expect(route[0]).toEqual({ kind: 'investigation', step: 'investigation', mode: 'parallel', role: 'township_investigator', limitDays: 5 });
    expect(route[1]).toEqual({ kind: 'task', step: 'appraisal', role: 'village_assistant', limitDays: 3 });
    expect(route[2]).toEqual({ kind: 'task', step: 'township_review', role: 'township_reviewer', limitDays: 3, tier: 'review' });
    expect(route[3]).toEqual({ kind: 'task', step: 'county_sampling', role: 'county_approver', limitDays: 2 });
    expect(route[4]).toEqual({ kind: 'task', step: 'township_confirmation', role: 'township_reviewer', limitDays: 3, tier: 'approval' });
    expect(route.some((s) => s.kind === 'publicity')).toBe(false);
  });
});

describe('铁岭市 (211200 via 211202): appraisal when disputed, one publicity after review', () => {
  test('undisputed', () => {
    expect(codes(planRoute(TIELING, facts()))).toEqual(['investigation', 'township_review', 'publicity_review', 'county_approval']);
  });

  test('disputed', () => {
    expect(codes(planRoute(TIELING, facts({ disputed: true })))).toEqual([
      'investigation',
      'appraisal',
      'township_review',
      'publicity_review',
      'county_approval',
    ]);
  });

  test('disputed and sampled; national serial investigation and limits are inherited', () => {
    const route = planRoute(TIELING, facts({ disputed: true, sampled: true }));
    expect(codes(route)).toEqual([
      'investigation',
      'appraisal',
      'township_review',
      'publicity_review',
      'county_sampling',
      'county_approval',
    ]);
    expect(route[0]).toMatchObject({ mode: 'serial', limitDays: 10 });
    expect(route[3]).toEqual({ kind: 'publicity', step: 'publicity_review', days: 7 });
  });
});

describe('近亲属备案 (relative of staff)', () => {
  test.each([
    ['宽城区', KUANCHENG, ['investigation', 'appraisal', 'township_review', 'county_sampling', 'township_confirmation']],
    ['铁岭市', TIELING, ['investigation', 'appraisal', 'township_review', 'publicity_review', 'county_sampling', 'county_approval']],
  ])('%s: forces appraisal and the county visit even when undisputed and unsampled', (_name, policy, expected) => {
    expect(codes(planRoute(policy, facts({ relativeOfStaff: true })))).toEqual(expected);
  });

  test('灌云县: appraisal appears once; the county visit is added', () => {
    const route = codes(planRoute(GUANYUN, facts({ relativeOfStaff: true })));
    expect(route.filter((s) => s === 'appraisal')).toHaveLength(1);
    expect(route.filter((s) => s === 'county_sampling')).toHaveLength(1);
  });

  test('even where appraisal is off', () => {
    const off: RegionPolicy = { ...TIELING, appraisal: { mode: 'off', limitDays: 4 } };
    expect(codes(planRoute(off, facts({ disputed: true })))).not.toContain('appraisal');
    expect(planRoute(off, facts({ relativeOfStaff: true }))[1]).toEqual({
      kind: 'task',
      step: 'appraisal',
      role: 'village_assistant',
      limitDays: 4,
    });
  });
});

describe('stepAfter', () => {
  const route = planRoute(GUANYUN, facts({ sampled: true }));

  test('walks the route in order', () => {
    expect(stepAfter(route, 'investigation')?.step).toBe('appraisal');
    expect(stepAfter(route, 'appraisal')?.step).toBe('publicity_investigation');
    expect(stepAfter(route, 'township_review')?.step).toBe('publicity_review');
    expect(stepAfter(route, 'publicity_review')?.step).toBe('county_sampling');
    expect(stepAfter(route, 'county_sampling')?.step).toBe('county_approval');
  });

  test('is undefined at the end; for a step not on the route it is the next later step of the procedure', () => {
    expect(stepAfter(route, 'county_approval')).toBeUndefined();
    expect(stepAfter(route, 'township_confirmation')).toBeUndefined();
    // 宽城区 has no appraisal for undisputed cases: a case moved there from the appraisal step goes on to review.
    expect(stepAfter(planRoute(KUANCHENG, facts()), 'appraisal')).toMatchObject({ step: 'township_review' });
    expect(stepAfter(planRoute(KUANCHENG, facts()), 'publicity_review')).toMatchObject({ step: 'township_confirmation' });
  });
});

describe('supervisorOf', () => {
  test('follows the inherited national escalation map', () => {
    expect(supervisorOf(GUANYUN, 'township_investigator')).toBe('township_reviewer');
    expect(supervisorOf(GUANYUN, 'township_reviewer')).toBe('county_approver');
    expect(supervisorOf(KUANCHENG, 'checking_agency')).toBe('county_approver');
    expect(supervisorOf(TIELING, 'county_approver')).toBe('administrator');
  });

  test("falls back to 'administrator' for roles the map does not name", () => {
    expect(supervisorOf(GUANYUN, 'auditor')).toBe('administrator');
    expect(supervisorOf(GUANYUN, 'applicant')).toBe('administrator');
    expect(supervisorOf({ ...GUANYUN, escalation: {} }, 'township_investigator')).toBe('administrator');
  });
});
