import { loadShippedRegions, nationalLayer, shippedLayers } from '../shipped';
import { canonicalJson, mergeOverride, policySnapshotId, resolvePolicy, type PolicyLayer } from './resolve';
import { issuesOf } from '../../test/helpers/config-issues';

const national = nationalLayer();
const city = (override: Record<string, unknown>): PolicyLayer => ({ scope: '320700', name: '320700 连云港市', version: 1, override });
const county = (override: Record<string, unknown>): PolicyLayer => ({ scope: '320723', name: '320723 灌云县', version: 2, override });


describe('mergeOverride', () => {
  test('nested objects merge, keeping siblings', () => {
    const base = { approval: { mode: 'county', limitDays: 10, samplingRate: 0.3 }, intake: { supplementDays: 10 } };
    expect(mergeOverride(base, { approval: { samplingRate: 0.5 } })).toEqual({
      approval: { mode: 'county', limitDays: 10, samplingRate: 0.5 },
      intake: { supplementDays: 10 },
    });
  });

  test('arrays, values and null replace; the base is not mutated', () => {
    const base = { list: [1, 2, 3], n: 1, limit: 15, nested: { a: 1 } };
    const merged = mergeOverride(base, { list: [9], n: 2, limit: null, nested: 'flat' });
    expect(merged).toEqual({ list: [9], n: 2, limit: null, nested: 'flat' });
    expect(base).toEqual({ list: [1, 2, 3], n: 1, limit: 15, nested: { a: 1 } });
    expect(mergeOverride({ a: [{ x: 1 }] }, { a: [{ y: 2 }] })).toEqual({ a: [{ y: 2 }] });
  });
});

describe('resolvePolicy: inheritance', () => {
  test('a county override of one nested field keeps sibling fields from the city and national layers', () => {
    const { document } = resolvePolicy([
      national,
      city({ approval: { limitDays: 8 }, standards: { urbanFen: 53_500 } }),
      county({ approval: { samplingRate: 0.5 } }),
    ]);
    expect(document.approval).toEqual({ mode: 'county', limitDays: 8, samplingRate: 0.5, samplingLimitDays: 5, filingLimitDays: 5 });
    expect(document.standards).toEqual({ urbanFen: 53_500, ruralFen: 45_000 });
    expect(document.investigation).toEqual({ mode: 'serial', limitDays: 10 });
  });

  test('the deepest layer wins; null clears an inherited overall limit', () => {
    const { document } = resolvePolicy([national, city({ overallLimitDays: 40 }), county({ overallLimitDays: null })]);
    expect(document.overallLimitDays).toBeNull();
    expect(resolvePolicy([national, city({ overallLimitDays: 40 })]).document.overallLimitDays).toBe(40);
  });

  test('escalation entries merge per role', () => {
    const { document } = resolvePolicy([national, county({ escalation: { township_investigator: 'county_approver' } })]);
    expect(document.escalation.township_investigator).toBe('county_approver');
    expect(document.escalation.township_clerk).toBe('township_reviewer');
  });

  test('the shipped 灌云县 village inherits the city standard and the national limits', () => {
    const policy = resolvePolicy(shippedLayers(loadShippedRegions(), '320723100201', national));
    expect(policy.label).toBe('320723 v1 · 320700 v1 · national v1');
    expect(policy.document.standards).toEqual({ urbanFen: 53_500, ruralFen: 49_000 });
    expect(policy.document.approval).toMatchObject({ mode: 'county', samplingRate: 0.3, limitDays: 10 });
  });

  test('needs at least one layer', () => {
    expect(() => resolvePolicy([])).toThrow('at least the national layer');
  });
});

describe('label and snapshot id', () => {
  test('label lists the layers from the region up', () => {
    expect(resolvePolicy([national, city({}), county({})]).label).toBe('320723 v2 · 320700 v1 · national v1');
  });

  test('canonicalJson sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 1 }, 'x'], c: null })).toBe('{"a":[{"c":1,"d":2},"x"],"b":1,"c":null}');
  });

  test('the same document gives the same id regardless of key order', () => {
    const a = resolvePolicy([national, county({ approval: { samplingRate: 0.5, limitDays: 8 } })]);
    const b = resolvePolicy([national, county({ approval: { limitDays: 8 }, intake: { supplementDays: 10 } }), city({ approval: { samplingRate: 0.5 } })]);
    expect(a.snapshotId).toMatch(/^[0-9a-f]{16}$/);
    expect(b.snapshotId).toBe(a.snapshotId);
    expect(b.label).not.toBe(a.label);
    const reordered = Object.fromEntries(Object.entries(a.document).reverse()) as typeof a.document;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(a.document));
    expect(policySnapshotId(reordered)).toBe(a.snapshotId);
  });

  test('a changed value gives a different id', () => {
    const a = resolvePolicy([national, county({ approval: { samplingRate: 0.5 } })]);
    const b = resolvePolicy([national, county({ approval: { samplingRate: 0.51 } })]);
    const c = resolvePolicy([national, county({ standards: { urbanFen: 60_001 } })]);
    expect(new Set([a.snapshotId, b.snapshotId, c.snapshotId]).size).toBe(3);
  });
});

describe('validation errors name the region that set the bad field', () => {
  test('a county samplingRate of 1.5', () => {
    const issues = issuesOf(() => resolvePolicy([national, city({ approval: { limitDays: 8 } }), county({ approval: { samplingRate: 1.5 } })]));
    expect(issues).toEqual([{ scope: '320723 灌云县 (320723 v2)', field: 'common.approval.samplingRate', rule: 'must be at most 1' }]);
  });

  test('a bad value set by the city is blamed on the city, not the county below it', () => {
    const issues = issuesOf(() => resolvePolicy([national, city({ investigation: { limitDays: 0 } }), county({ investigation: { mode: 'parallel' } })]));
    expect(issues).toEqual([{ scope: '320700 连云港市 (320700 v1)', field: 'common.investigation.limitDays', rule: 'must be at least 1 working day' }]);
  });

  test('the error message lists scope, field and rule', () => {
    expect(() => resolvePolicy([national, county({ approval: { samplingRate: 1.5 } })])).toThrow(
      /320723 灌云县 \(320723 v2\): common\.approval\.samplingRate: must be at most 1/,
    );
  });

  test('unknown keys are rejected and blamed on the layer that wrote them', () => {
    const issues = issuesOf(() =>
      resolvePolicy([national, city({ approval: { samplingRatio: 0.5 }, standard: { urbanFen: 1 } }), county({ approval: { samplingRate: 0.4 } })]),
    );
    expect(issues).toHaveLength(2);
    expect(issues).toContainEqual({ scope: '320700 连云港市 (320700 v1)', field: 'common.approval.samplingRatio', rule: 'Unrecognized key: "samplingRatio"' });
    expect(issues).toContainEqual({ scope: '320700 连云港市 (320700 v1)', field: 'standard', rule: 'Unrecognized key: "standard"' });
  });

  test('fen must be integers, not yuan', () => {
    const issues = issuesOf(() => resolvePolicy([national, city({ standards: { urbanFen: 535.5, ruralFen: 490 } })]));
    expect(issues).toEqual([{ scope: '320700 连云港市 (320700 v1)', field: 'dibao.standards.urbanFen', rule: expect.stringContaining('not yuan') }]);
  });

  test('a non-role escalation target is rejected', () => {
    const issues = issuesOf(() => resolvePolicy([national, county({ escalation: { township_clerk: 'mayor' } })]));
    expect(issues).toEqual([{ scope: '320723 灌云县 (320723 v2)', field: 'common.escalation.township_clerk', rule: expect.stringContaining('must be one of') }]);
  });

  test('an overall limit shorter than the mandatory steps is rejected with the sum', () => {
    // National: acceptance 5 + investigation 10 + township review 5 + approval 10 + required appraisal 5 = 35.
    const issues = issuesOf(() => resolvePolicy([national, county({ overallLimitDays: 34 })]));
    expect(issues).toEqual([{ scope: '320723 灌云县 (320723 v2)', field: 'common.overallLimitDays', rule: expect.stringContaining('(35 working days)') }]);
    expect(resolvePolicy([national, county({ overallLimitDays: 35 })]).document.overallLimitDays).toBe(35);
  });

  test('appraisal only counts toward the sum when required', () => {
    // 2 + 5 + 3 + 3 = 13, appraisal when_disputed not counted.
    const fast = { acceptance: { limitDays: 2 }, investigation: { limitDays: 5 }, townshipReview: { limitDays: 3 }, approval: { limitDays: 3 } };
    expect(resolvePolicy([national, county({ ...fast, appraisal: { mode: 'when_disputed' }, overallLimitDays: 13 })]).document.overallLimitDays).toBe(13);
    const issues = issuesOf(() => resolvePolicy([national, county({ ...fast, overallLimitDays: 17 })]));
    expect(issues[0]?.rule).toContain('(18 working days)');
  });
});
