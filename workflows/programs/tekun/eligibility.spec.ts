import { assessTekunEligibility, hasNoLabourCapacity } from './eligibility';

// 830 yuan urban 低保 standard.
const STANDARD = 83_000;
const elder = { age: 72, monthlyIncomeFen: 0, assetsWithinLimits: true, supporters: [] };

test.each([
  [{ age: 60 }, true],
  [{ age: 59 }, false],
  [{ age: 15 }, true],
  [{ age: 16 }, false],
  [{ age: 40, disability: { kind: 'intellectual' as const, grade: 3 } }, true],
  [{ age: 40, disability: { kind: 'mental' as const, grade: 4 } }, false],
  [{ age: 40, disability: { kind: 'physical' as const, grade: 2 } }, true],
  [{ age: 40, disability: { kind: 'physical' as const, grade: 3 } }, false],
  [{ age: 40, disability: { kind: 'visual' as const, grade: 1 } }, true],
  [{ age: 40, disability: { kind: 'visual' as const, grade: 2 } }, false],
  [{ age: 40, disability: { kind: 'hearing' as const, grade: 1 } }, false],
  [{ age: 40, otherwiseUnableToWork: true }, true],
])('no labour capacity for %j: %s', (facts, expected) => {
  expect(hasNoLabourCapacity(facts)).toBe(expected);
});

test('an elder with no income, no property above the limits and no supporter is eligible', () => {
  expect(assessTekunEligibility(elder, STANDARD)).toEqual({ eligible: true, unmet: [] });
});

test('income at the 低保 standard is a source of income; one fen below is not', () => {
  expect(assessTekunEligibility({ ...elder, monthlyIncomeFen: STANDARD }, STANDARD).unmet).toEqual(['income_source']);
  expect(assessTekunEligibility({ ...elder, monthlyIncomeFen: STANDARD - 1 }, STANDARD).eligible).toBe(true);
  expect(assessTekunEligibility({ ...elder, assetsWithinLimits: false }, STANDARD).unmet).toEqual(['income_source']);
});

test('a supporter able to support defeats the claim; supporters all unable do not', () => {
  expect(assessTekunEligibility({ ...elder, supporters: [{ able: false }, { able: true }] }, STANDARD).unmet).toEqual(['supporter']);
  expect(assessTekunEligibility({ ...elder, supporters: [{ able: false }, { able: false }] }, STANDARD).eligible).toBe(true);
});

test('every unmet condition is named, in the order of the regulation', () => {
  expect(assessTekunEligibility({ age: 45, monthlyIncomeFen: 200_000, assetsWithinLimits: true, supporters: [{ able: true }] }, STANDARD)).toEqual({
    eligible: false,
    unmet: ['labour_capacity', 'income_source', 'supporter'],
  });
  expect(() => assessTekunEligibility({ ...elder, monthlyIncomeFen: 10.5 }, STANDARD)).toThrow(RangeError);
});
